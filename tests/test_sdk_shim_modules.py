"""The published SDK's AuthN client and managers, Dsort and Batch (GetBatch), running on
aistore_models.sdk.{types,authn.types,dsort.types,batch.types} instead of its own modules.

As tests/test_sdk_shim.py does for types.py: a copy of the installed SDK gets the one-line
shims; the same flows run twice in subprocesses with HTTP mocked at
`requests.Session.request`, once on the unmodified SDK and once on the shimmed copy, with
replies from the Go fixtures.  The requests must be the same (a body that differs must read
the same in Go: the echo), and so must the parsed objects, read through the SDK's attribute
names with the documented differences (docs/sdk-divergences.md) normalised.

Run as a script (`python tests/test_sdk_shim_modules.py`) it is the flow runner.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import aistore
import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
ENDPOINT = "http://authn.test:52001"
AIS = "http://ais.test:51080"
SHIMMED = {
    "types.py": "aistore_models.sdk.types",
    "authn/types.py": "aistore_models.sdk.authn.types",
    "dsort/types.py": "aistore_models.sdk.dsort.types",
    "batch/types.py": "aistore_models.sdk.batch.types",
}


def fixture(name: str, variant: str = "full") -> Any:
    return json.loads((FIXTURES / name / f"{variant}.json").read_text())


def without_nil(value: Any) -> Any:
    """A Go fixture less its nil list items and map values, which the SDK's classes refuse."""
    if isinstance(value, list):
        return [without_nil(v) for v in value if v is not None]
    if isinstance(value, dict):
        return {k: without_nil(v) for k, v in value.items() if v is not None}
    return value


def tar_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The flow runner (in a subprocess, with either SDK first on sys.path)
# ---------------------------------------------------------------------------------------------


def flows(http: Any) -> dict[str, Any]:
    from aistore.sdk import Client
    from aistore.sdk.authn import AuthNClient
    from aistore.sdk.authn.access_attr import AccessAttr
    from aistore.sdk.dsort.framework import DsortAlgorithm, DsortFramework, DsortShardsGroup
    from aistore.sdk.multiobj import ObjectRange

    authn = AuthNClient(ENDPOINT)
    out: dict[str, Any] = {}

    def run(name: str, call: Any, *replies: Any) -> None:
        http.queue.clear()
        for reply in replies:
            http.reply(reply if isinstance(reply, (bytes, str)) else json.dumps(reply))
        start = len(http.sent)
        try:
            out[name] = {"result": call()}
        except Exception as err:  # a flow that fails must fail the same way on both sides
            out[name] = {"error": f"{type(err).__name__}: {err}"}
        out[name]["requests"] = http.sent[start:]

    clusters = without_nil(fixture("ClusterList"))
    role, user = without_nil(fixture("RoleInfo")), without_nil(fixture("UserInfo"))
    uuid = next(iter(clusters["clusters"]))
    alias = clusters["clusters"][uuid]["alias"]
    run("authn.login", lambda: authn.login("admin", "secret", expires_in=3600), fixture("TokenMsg"))
    run(
        "authn.login[float]", lambda: authn.login("admin", "s", expires_in=1.5), fixture("TokenMsg")
    )
    run("authn.login[forever]", lambda: authn.login("admin", "s"), fixture("TokenMsg"))
    run("cluster.list", lambda: authn.cluster_manager().list(), clusters)
    run("cluster.list[go nil]", lambda: authn.cluster_manager().list(), fixture("ClusterList"))
    run("cluster.get", lambda: authn.cluster_manager().get(cluster_id=uuid), clusters)
    run("cluster.get[alias]", lambda: authn.cluster_manager().get(cluster_alias=alias), clusters)
    run(
        "cluster.register",
        lambda: authn.cluster_manager().register("main", [AIS]),
        fixture("Smap"),
        b"",
        clusters,
    )
    run(
        "cluster.update",
        lambda: authn.cluster_manager().update(uuid, cluster_alias="renamed", urls=[AIS]),
        b"",
        clusters,
    )
    run("role.list", lambda: authn.role_manager().list(), [role, role | {"name": "other"}])
    run("role.get", lambda: authn.role_manager().get("rw"), role)
    run(
        "role.create",
        lambda: authn.role_manager().create(
            "readers", "read only", alias, [AccessAttr.GET, AccessAttr.OBJ_HEAD]
        ),
        clusters,
        b"",
        role,
    )
    run(
        "role.create[bucket]",
        lambda: authn.role_manager().create("b", "bucket", alias, [AccessAttr.GET], "images"),
        clusters,
        b"",
        role,
    )
    run(
        "role.update",
        lambda: authn.role_manager().update(
            "rw", desc="new", cluster_alias=alias, perms=[AccessAttr.PUT]
        ),
        role,
        clusters,
        b"",
        role,
    )
    run("user.list", lambda: authn.user_manager().list(), {"alice": user, "bob": user})
    run("user.get", lambda: authn.user_manager().get("alice"), user)
    run(
        "user.create",
        lambda: authn.user_manager().create("carol", ["rw"], "pw"),
        role,
        b"",
        user,
    )
    run(
        "user.update",
        lambda: authn.user_manager().update("carol", roles=["rw"]),
        role,
        b"",
        user,
    )
    run("token.revoke", lambda: authn.token_manager().revoke("tok.en.x"), b"")

    client = Client(AIS)
    dsort = client.dsort(dsort_id="dsort-1")
    info = fixture("JobInfo")
    run("dsort.get_job_info", dsort.get_job_info, {"t1": info, "t2": info})
    spec = DsortFramework(
        input_shards=DsortShardsGroup(
            bck=client.bucket("in").as_model(),
            role="input",
            format=ObjectRange("shard-", 0, 9),
            extension=".tar",
        ),
        output_shards=DsortShardsGroup(
            bck=client.bucket("out").as_model(),
            role="output",
            format=ObjectRange("out-", 0, 99, pad_width=3),
            extension=".tar",
        ),
        algorithm=DsortAlgorithm(kind="shuffle", seed="1"),
        output_shard_size="10KB",
        description="sorted",
    )
    run("dsort.start", lambda: client.dsort().start(spec), b"dsort-2")

    bucket = client.bucket("images")
    archive = tar_of({"images/a.jpg": b"AAA", "images/b.jpg": b"BB"})

    def batch_get(**ranged: int) -> Any:
        batch = client.batch(bucket=bucket)
        batch.add("a.jpg").add("shard.tar", archpath="x/y.txt", **ranged)
        return [(meta, data) for meta, data in batch.get()]

    run("batch.get[streaming]", batch_get, archive)
    run("batch.get[range]", lambda: batch_get(start=0, length=2), archive)  # SDK 1.26.0 on
    return out


def main() -> None:
    """Run the flows; print what was sent and, through the SDK's attribute names (the
    SDK_FIELDS the test passes), what was parsed."""
    import requests

    sys.path.insert(0, str(TESTS))
    import aistore.sdk.authn.types as authn_types
    from test_sdk_shim import FakeHTTP, summary

    fields = json.loads(os.environ["SDK_FIELDS"])
    http = FakeHTTP()
    original = requests.Session.request
    requests.Session.request = lambda session, method, url, **kw: _with_raw(
        http(session, method, url, **kw)
    )  # type: ignore[method-assign]
    try:
        results = flows(http)
    finally:
        requests.Session.request = original  # type: ignore[method-assign]
    for flow in results.values():
        if "result" in flow:
            flow["result"] = summary(flow["result"], fields)
    print(json.dumps({"authn_types": authn_types.__file__, "flows": results}))


def _with_raw(response: Any) -> Any:
    response.raw = io.BytesIO(response.content)  # streaming readers (Batch) read the raw body
    return response


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------

SDK_PACKAGE = Path(aistore.__file__).resolve().parent


def sdk_fields() -> dict[str, list[str]]:
    """Attribute names of every SDK class of the three modules (and the BucketModel they
    hold), from the unmodified SDK."""
    from test_sdk_parity_modules import CLASSES, sdk_class

    names = [name for _, name in CLASSES] + ["BucketModel", "Namespace"]
    return {name: list(sdk_class(name).model_fields) for name in names}


@pytest.fixture(scope="module")
def shim_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shim-modules")
    shutil.copytree(SDK_PACKAGE, root / "aistore", ignore=shutil.ignore_patterns("__pycache__"))
    for path, module in SHIMMED.items():
        (root / "aistore" / "sdk" / path).write_text(f"from {module} import *  # noqa\n")
    return root


def run_flows(first_on_path: Path | None) -> dict[str, Any]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", SDK_FIELDS=json.dumps(sdk_fields()))
    paths = [str(first_on_path)] if first_on_path else []
    env["PYTHONPATH"] = os.pathsep.join([*paths, str(TESTS), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def runs(shim_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    sdk, ours = run_flows(None), run_flows(shim_dir)
    assert Path(sdk["authn_types"]).resolve() == (SDK_PACKAGE / "sdk/authn/types.py").resolve()
    assert Path(ours["authn_types"]).resolve() == (shim_dir / "aistore/sdk/authn/types.py")
    return sdk["flows"], ours["flows"]


# Request bodies by flow (the part of the name before "["): their message, whose Go type
# decides what "the same" means.
BODIES = {
    "authn.login": "LoginMsg",
    "cluster.register": "ClusterInfo",
    "cluster.update": "ClusterInfo",
    "role.create": "RoleInfo",
    "role.update": "RoleInfo",
    "user.create": "UserInfo",
    "user.update": "UserInfo",
    "token.revoke": "TokenMsg",
    "dsort.start": "DsortRequestSpec",
    "batch.get": "MossReq",
}
# Flows where the SDK on its own classes fails and the shim works (docs/sdk-divergences.md):
# Go's nil map value, which the SDK's ClusterList refuses.
FIXED = {"cluster.list[go nil]"}


def normalise(value: Any) -> Any:
    """A parsed summary with the documented differences taken out: Go's `,string` integers
    the SDK keeps as text, UserInfo.password, which the SDK reads from a key Go never writes
    (Go's is `pass`), and UserInfo.roles, a RolesList in the SDK and a list in ours."""
    from test_sdk_parity_modules import STRING_INT

    if isinstance(value, list):
        return [normalise(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("class")
    if kind in ("RolesList", "UserMap"):  # a root model read as its value: UserInfo.roles is a list
        return normalise(value["root"])
    out = {}
    for key, item in value.items():
        if (kind, key) in STRING_INT and isinstance(item, str):
            item = int(item)
        if (kind, key) == ("UserInfo", "password"):
            continue
        out[key] = normalise(item)
    return out


def without_acl_extras(body: Any) -> Any:
    """A role (or a user's roles) less the `alias` and `urls` of each cluster permission: ours
    keeps what Go's authn.CluACL sent, the SDK's ClusterPermission drops them, so a role read
    and sent back differs there (docs/sdk-divergences.md)."""
    if isinstance(body, list):
        return [without_acl_extras(b) for b in body]
    if not isinstance(body, dict):
        return body
    out = {k: without_acl_extras(v) for k, v in body.items()}
    for acl in out.get("clusters") or ():
        for key in ("alias", "urls"):
            acl.pop(key, None)
    return out


def test_both_runs_cover_the_same_flows(runs):
    sdk, ours = runs
    assert sorted(sdk) == sorted(ours) and len(sdk) >= 20
    with_body = {n.split("[")[0] for n in sdk if any(r["body"] for r in sdk[n]["requests"])}
    assert with_body == set(BODIES) and "batch.get[streaming]" in sdk


def test_parsed_results_are_the_sdks(runs):
    sdk, ours = runs
    for name in sdk:
        if name in FIXED:
            assert "error" in sdk[name] and "result" in ours[name], name
            continue
        if "error" in sdk[name]:  # e.g. SDK 1.25.0 has no byte ranges in Batch.add
            assert ours[name]["error"] == sdk[name]["error"], name
            continue
        assert "error" not in ours[name], f"{name}: {ours[name]['error']}"
        assert normalise(ours[name].get("result")) == normalise(sdk[name].get("result")), name


def test_requests_are_the_sdks_or_read_the_same_in_go(runs):
    from test_sdk_parity import go_same

    sdk, ours = runs
    differing = set()
    for name in sdk:
        pairs = zip(sdk[name]["requests"], ours[name]["requests"], strict=True)
        for sdk_req, our_req in pairs:
            assert (sdk_req["method"], sdk_req["url"]) == (our_req["method"], our_req["url"])
            if sdk_req["body"] == our_req["body"]:
                continue
            message = BODIES[name.split("[")[0]]
            sdk_body, our_body = json.loads(sdk_req["body"]), json.loads(our_req["body"])
            if message == "UserInfo" and sdk_body.get("password", "") is None:
                del sdk_body["password"]  # not Go's key; AuthN skips it (docs/sdk-divergences.md)
            if message in ("UserInfo", "RoleInfo"):
                our_body = without_acl_extras(our_body)
            if sdk_body != our_body:
                go_same(message, sdk_body, our_body)
                differing.add(message)
    # The SDK's own code builds these bodies from its dicts or our classes' wire forms: beyond
    # the two normalisations above, none differs (a new difference needs its docs row).
    assert differing == set(), differing
