"""GetBatch on a live cluster: MossReq (MossIn) -> multipart reply with MossResp (MossOut) and
a TAR of the plain objects, archived files from TAR shards, byte ranges and missing names."""

from __future__ import annotations

import base64
import io
import tarfile

import msgspec
import pytest

import aistore_models as am

from .client import Ais, put
from .multipart import form_parts

pytestmark = [pytest.mark.live, pytest.mark.go]
M = am.models

BUCKET = "batch-src"
PLAIN = {
    "plain.txt": b"0123456789",
    "dir/with space <&>.bin": bytes(range(256)),
    "ünï/\u2028\U0001f600.txt": "ünï\u2028\U0001f600".encode(),
}
SHARD = "shards/s-1.tar"
MEMBERS = {"a.txt": b"alpha", "sub/b <&>.cls": b"bravo-bravo", "ü.json": b'{"k": 1}'}
# apc.MossMissingDir: with cont_on_err, what is missing comes back under __404__/
MISSING_DIR = "__404__"


def tar_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def untar(data: bytes) -> list[tuple[str, bytes]]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return [(m.name, tar.extractfile(m).read() if m.isfile() else b"") for m in tar]


@pytest.fixture(scope="module")
def filled(ais: Ais) -> str:
    ais.call("POST", f"buckets/{BUCKET}", action="create-bck").no_message()
    for name, data in PLAIN.items():
        put(ais, BUCKET, name, data)
    put(ais, BUCKET, SHARD, tar_of(MEMBERS))
    return BUCKET


def get_batch(ais: Ais, req: M.MossReq) -> tuple[M.MossResp, list[tuple[str, bytes]]]:
    """GET /v1/ml/moss/<bucket> (api/ml.go GetBatch): part "metadata" then part "archive"."""
    reply = ais.call("GET", f"ml/moss/{BUCKET}", msg=req, params={"provider": "ais"})
    parts = form_parts(reply.resp.headers["Content-Type"], reply.resp.content)
    assert list(parts) == ["metadata", "archive"], list(parts)
    # xact/xs/moss.go writes the metadata with jsoniter.NewEncoder: jsoniter's default
    # config, so <, > and & are escaped
    resp = reply.judge("MossResp", part=parts["metadata"][1], go_bytes="html")
    return resp, untar(parts["archive"][1])


def full_name(name: str, archpath: str) -> str:
    return f"{name}/{archpath}" if archpath else name


def test_plain_objects_archived_files_and_ranges(ais, filled):
    ins = [
        # opaque is the SDK's base64 text (Go []byte): b"\x00\xffid-1"
        M.MossIn(obj_name="plain.txt", opaque=base64.b64encode(b"\x00\xffid-1").decode()),
        M.MossIn(obj_name="dir/with space <&>.bin", start=10, length=5),
        M.MossIn(obj_name="ünï/\u2028\U0001f600.txt"),
        M.MossIn(obj_name=SHARD, archpath="sub/b <&>.cls"),
        M.MossIn(obj_name=SHARD, archpath="a.txt", start=1, length=-1),  # open-ended
        M.MossIn(obj_name=SHARD),  # the shard itself, as stored
    ]
    for entry in ins:  # per entry, so that every MossOut echoes them (see below)
        entry.bck, entry.provider = BUCKET, "ais"
    resp, files = get_batch(ais, M.MossReq(moss_in=ins))
    assert resp.uuid
    expected = [
        (f"{BUCKET}/plain.txt", PLAIN["plain.txt"]),
        (f"{BUCKET}/dir/with space <&>.bin", PLAIN["dir/with space <&>.bin"][10:15]),
        (f"{BUCKET}/ünï/\u2028\U0001f600.txt", PLAIN["ünï/\u2028\U0001f600.txt"]),
        (f"{BUCKET}/{SHARD}/sub/b <&>.cls", MEMBERS["sub/b <&>.cls"]),
        (f"{BUCKET}/{SHARD}/a.txt", MEMBERS["a.txt"][1:]),
        (f"{BUCKET}/{SHARD}", tar_of(MEMBERS)),
    ]
    assert files == expected  # the order of the request, the bytes of each
    # An entry the designated target reads itself echoes objname and archpath apart
    # (xact/xs/moss.go _out); one another target sent it joins them into objname and
    # copies provider from the MossIn (moss.go, the MossOut built from the received
    # header). Either way the full name is the same.
    got = [full_name(o.obj_name, o.archpath) for o in resp.out]
    assert got == [full_name(i.obj_name, i.archpath) for i in ins]
    assert [o.size for o in resp.out] == [len(data) for _, data in expected]
    assert all((o.bucket, o.provider, o.err_msg) == (BUCKET, "ais", "") for o in resp.out)
    assert resp.out[0].opaque == b"\x00\xffid-1" and resp.out[1].opaque == b""


def test_missing_names_with_cont_on_err(ais, filled):
    ins = [
        M.MossIn(obj_name="plain.txt"),
        M.MossIn(obj_name="no such <object>"),
        M.MossIn(obj_name=SHARD, archpath="no-such-member.txt"),
    ]
    resp, files = get_batch(ais, M.MossReq(moss_in=ins, cont_on_err=True, only_obj_name=True))
    assert [name for name, _ in files] == [
        "plain.txt",  # only_obj_name: <ObjName> without the bucket
        f"{MISSING_DIR}/no such <object>",
        f"{MISSING_DIR}/{SHARD}/no-such-member.txt",
    ]
    assert [data for _, data in files] == [PLAIN["plain.txt"], b"", b""]
    ok, *missing = resp.out
    assert ok.err_msg == "" and ok.size == len(PLAIN["plain.txt"])
    assert all(m.err_msg and m.size == 0 for m in missing), missing


def test_a_range_the_server_refuses_our_schema_refuses(ais, filled):
    # apc.MossIn.UnmarshalJSON: a non-zero start needs a length (-1: to the end)
    bad = {"in": [{"objname": "plain.txt", "start": 2, "length": 0}]}
    issues = am.validate("MossReq", bad, strict=True)
    assert [i.pointer for i in issues] == ["/in/0/length"], issues
    with pytest.raises(am.DecodeError, match="not satisfiable range"):
        am.decode(msgspec.json.encode(bad), M.MossReq)
    reply = ais.call(
        "GET",
        f"ml/moss/{BUCKET}",
        data=msgspec.json.encode(bad),  # by hand: our models will not build it
        params={"provider": "ais"},
        expect=(400, 416),
    )
    err = reply.judge("HttpError")
    assert err.status_code == reply.resp.status_code and "start=2" in err.message
