"""Older AIStore releases stay proven: their Go fixtures (tests/fixtures/VERSION/, written by
the harness built against tests/go/versions/VERSION.mod) round-trip byte for byte when
encoded for that server, and drift finds nothing against that release's source."""

from __future__ import annotations

import json

import pytest
from goharness import GO_DIR, harness

import aistore_models as am
from aistore_models_gen import drift
from aistore_models_gen.loader import load
from conftest import FIXTURES, SCHEMA

OLDER = sorted(p.name for p in FIXTURES.glob("v*") if (p / "index.json").is_file())
ENTRIES = [
    (version, entry)
    for version in OLDER
    for entry in json.loads((FIXTURES / version / "index.json").read_text())
]


def test_an_older_release_is_kept():
    assert OLDER, "tests/fixtures/vX.Y.Z/ holds the fixtures of an older AIStore (make fixtures)"
    pinned = json.loads((FIXTURES / "manifest.json").read_text())["aistore_version"]
    for version in OLDER:
        manifest = json.loads((FIXTURES / version / "manifest.json").read_text())
        assert manifest["aistore_version"] == version != pinned


@pytest.mark.parametrize(
    "version,entry",
    ENTRIES,
    ids=[f"{v}-{e['message']}-{e['case']}-{e['encoding']}" for v, e in ENTRIES],
)
@pytest.mark.parametrize("target", ["models", "structs"])
def test_older_fixture_round_trips_for_its_server(version, entry, target):
    root = FIXTURES / version
    name, fmt = entry["message"], entry["encoding"]
    data = (root / entry["path"]).read_bytes()
    value = am.decode(data, getattr(getattr(am, target), name), fmt, strict=True)
    message = name if am.wire.MESSAGES[name].root is not None else None
    expected = (root / entry["echo_path"]).read_bytes() if "echo_path" in entry else data
    assert am.encode(value, fmt, message=message, server=version) == expected
    assert am.validate(name, data, fmt=fmt, server=version) == []


@pytest.mark.parametrize("version", OLDER)
def test_the_schema_has_no_drift_from_an_older_release(version):
    harness()  # skips without Go
    report = drift.check(load(SCHEMA), GO_DIR, version)
    assert [d.text(version) for d in report.drifts] == []
