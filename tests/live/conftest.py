"""The live cluster for this package's tests, a client bound to it, and the conformance table.

Skipped with a reason where Go is missing; built and started otherwise. The
cluster is always stopped and its directory removed (see aiscluster.Session).
Set AISMODELS_LIVE_TABLE=1 (as `make live` does) to print the conformance table.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Callable, Iterator

import pytest

from aistore_models_gen import gosource

from .aiscluster import GO_DIR, Cluster, Session, build_aisnode, go_available
from .authnserver import AuthN, build_authn
from .client import Ais
from .conformance import Ledger

LEDGER = Ledger()
_names = itertools.count()


@pytest.fixture(scope="package")
def cluster() -> Iterator[Cluster]:
    if not go_available():
        pytest.skip("live tests need the Go toolchain to build aisnode: `go` is not on PATH")
    keep = bool(os.environ.get("AISMODELS_LIVE_KEEP"))  # keep configs and logs for a post-mortem
    # The HMAC secret this run's AuthN signs with; the proxy validates tokens with it.
    secret = secrets.token_hex(16)
    with Session(build_aisnode(), keep_dir=keep, ntargets=3, auth_secret=secret) as running:
        yield running


@pytest.fixture(scope="package")
def authn(cluster: Cluster) -> Iterator[AuthN]:
    """AuthN signing with the cluster's HMAC secret; its directory lives in the cluster's."""
    server = AuthN(
        build_authn(), cluster.workdir / "authn", cluster.auth_secret, secrets.token_hex(8)
    )
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="package")
def ais(cluster: Cluster) -> Iterator[Ais]:
    client = Ais(cluster.url, LEDGER)
    yield client
    client.close()


@pytest.fixture
def new_bucket(ais: Ais, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """new_bucket(tag) creates an ais:// bucket with a unique name (ActionMsg create-bck)."""

    def create(tag: str = "b") -> str:
        name = f"{request.node.name.split('[')[0][5:][:30]}-{tag}-{next(_names)}"
        ais.call("POST", f"buckets/{name}", action="create-bck").no_message()
        return name

    return create


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if os.environ.get("AISMODELS_LIVE_TABLE") and LEDGER.rows:
        version = gosource.pinned_version(GO_DIR)  # the aisnode is built from the pin
        terminalreporter.write_sep("=", f"live conformance: AIStore {version} vs aistore_models")
        terminalreporter.write_line(LEDGER.table())
        bad = LEDGER.failures()
        terminalreporter.write_line(
            f"\n{len(LEDGER.rows)} exchanges, {len(bad)} with a failing verdict"
        )
