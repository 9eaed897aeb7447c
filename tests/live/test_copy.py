"""Jobs that move data on a live cluster: TCBckMsg, TCMultiObj, ArchiveMultiObj, ListRange,
PromoteAPIArgs, MptCompletedPart; each job is awaited through JobQuery -> JobStatus."""

from __future__ import annotations

import io
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import aistore_models as am
from aistore_models.enums import ListObjectFlag

from .client import (
    Ais,
    ServerError,
    bck,
    bck_uname,
    get,
    lso,
    object_path,
    put,
    wait_job,
    wait_snaps,
)

pytestmark = [pytest.mark.live, pytest.mark.go]
M = am.models
NAMES = ["keep/a.txt", "keep/b<&>.txt", "keep/ü\u2028.txt", "skip/c1.txt", "skip/c2.txt"]


def copy_msg(**fields: object) -> M.CopyBckMsg:
    base: dict[str, object] = dict(
        prepend="", prefix="", dry_run=False, force=False, latest=False, sync=False
    )
    return M.CopyBckMsg(**{**base, **fields})


def names(ais: Ais, bucket: str, prefix: str = "", flags: list[ListObjectFlag] | None = None):
    reply = ais.call(
        "GET", f"buckets/{bucket}", action="list", value=lso(prefix=prefix, flags=flags or [])
    )
    return [e.n for e in reply.judge("BucketList").Entries or []]


@pytest.fixture
def source(ais: Ais, new_bucket) -> str:
    name = new_bucket("src")
    for obj in NAMES:
        put(ais, name, obj, obj.encode())
    return name


def test_copy_bucket_with_prefix_and_prepend(ais, source, new_bucket):
    dst = new_bucket("dst")
    msg = M.TCBckMsg(copy_msg=copy_msg(prefix="keep/", prepend="copied/"))
    params = {"bck_to": bck_uname(dst)}
    xid = ais.call("POST", f"buckets/{source}", action="copy-bck", value=msg, params=params)
    status = wait_job(ais, xid.no_message("job ID"))
    assert status.kind == "copy-bck"
    keep = sorted((n for n in NAMES if n.startswith("keep/")), key=str.encode)
    assert names(ais, dst) == ["copied/" + n for n in keep]
    assert get(ais, dst, "copied/" + keep[1]) == keep[1].encode()


def test_copy_bucket_dry_run_copies_nothing(ais, source, new_bucket):
    dst = new_bucket("dry")
    msg = M.TCBckMsg(copy_msg=copy_msg(dry_run=True))
    params = {"bck_to": bck_uname(dst)}
    xid = ais.call("POST", f"buckets/{source}", action="copy-bck", value=msg, params=params)
    wait_job(ais, xid.no_message("job ID"))
    assert names(ais, dst) == []


def test_copy_multiple_objects_by_names_and_template(ais, source, new_bucket):
    dst = new_bucket("tco")
    done = 0
    for selection in [
        M.ListRange(obj_names=["keep/a.txt", "skip/c1.txt"], template=""),
        M.ListRange(obj_names=None, template="skip/c{1..2}.txt"),
    ]:
        msg = M.TCMultiObj(
            to_bck=bck(dst),
            tc_msg=M.TCBckMsg(copy_msg=copy_msg(prepend="multi/")),
            object_selection=selection,
            continue_on_err=False,
        )
        reply = ais.call("POST", f"buckets/{source}", action="copy-listrange", value=msg)
        done += 2  # the job lives on between requests and counts on
        wait_snaps(ais, reply.no_message("job ID"), "copy-listrange", done)
    assert names(ais, dst) == ["multi/keep/a.txt", "multi/skip/c1.txt", "multi/skip/c2.txt"]


def test_archive_multiple_objects(ais, source, new_bucket):
    dst = new_bucket("arch")
    msg = M.ArchiveMultiObj(
        to_bck=bck(dst),
        archive_name="all.tar",
        mime="",
        object_selection=M.ListRange(obj_names=None, template="keep/"),
        base_name_only=False,
        include_source_name=False,
        allow_append=False,
        continue_on_err=False,
    )
    reply = ais.call("PUT", f"buckets/{source}", action="archive", value=msg)
    keep = sorted((n for n in NAMES if n.startswith("keep/")), key=str.encode)
    wait_snaps(ais, reply.no_message("job ID"), "archive", 1)  # counts archives written
    with tarfile.open(fileobj=io.BytesIO(get(ais, dst, "all.tar"))) as tar:
        assert sorted(tar.getnames(), key=str.encode) == keep
    # the archive, listed as a virtual directory
    listed = names(ais, dst, flags=[ListObjectFlag.ARCH_DIR])
    assert listed == ["all.tar", *(f"all.tar/{n}" for n in keep)]


def test_delete_multiple_objects(ais, source):
    for selection in [
        M.ListRange(obj_names=["keep/a.txt", "keep/b<&>.txt"], template=""),
        M.ListRange(obj_names=None, template="skip/c{1..2}.txt"),
    ]:
        reply = ais.call("DELETE", f"buckets/{source}", action="delete-listrange", value=selection)
        wait_job(ais, reply.no_message("job ID"))
    assert names(ais, source) == ["keep/ü\u2028.txt"]


PROMOTE_ROOT = Path("/var/lib/ais/promote")  # apc.PromoteRoot: v1.5.0 promotes nothing else


@pytest.fixture
def promote_dir() -> Iterator[Path]:
    try:
        PROMOTE_ROOT.mkdir(parents=True, exist_ok=True)
        src = Path(tempfile.mkdtemp(prefix="aismodels-", dir=PROMOTE_ROOT))
    except OSError as exc:
        pytest.skip(f"AIStore v1.5.0 promotes only from {PROMOTE_ROOT}, not writable here: {exc}")
    yield src
    shutil.rmtree(src, ignore_errors=True)


def test_promote_local_directory(ais, promote_dir, new_bucket):
    # The target shares this machine's filesystem, so a local directory can be promoted.
    src = promote_dir / "to-promote"
    (src / "sub").mkdir(parents=True)
    (src / "one.txt").write_bytes(b"1")
    (src / "sub" / "two <&>.txt").write_bytes(b"22")
    dst = new_bucket("promote")
    msg = M.PromoteAPIArgs(
        target_id="",
        source_path=str(src),
        object_name="promoted/",
        recursive=True,
        overwrite_dest=False,
        delete_source=False,
        src_not_file_share=False,
    )
    reply = ais.call("POST", f"objects/{dst}", action="promote", value=msg, name=str(src))
    xid = reply.no_message("job ID or empty (done synchronously)")
    if xid:
        wait_job(ais, xid)
    assert names(ais, dst) == ["promoted/one.txt", "promoted/sub/two <&>.txt"]
    assert get(ais, dst, "promoted/sub/two <&>.txt") == b"22"


def test_multipart_upload(ais, new_bucket):
    dst = new_bucket("mpt")
    path = object_path(dst, "big é.bin")
    upload_id = ais.call("POST", path, action="mpt-upload").no_message("upload ID")
    parts = [b"first part ", b"second part ", b"third"]
    for number, data in enumerate(parts, 1):
        params = {"uploadId": upload_id, "partNumber": str(number)}
        ais.call("PUT", path, data=data, params=params)
    done = [M.MptCompletedPart(part_number=n, etag="") for n in range(1, len(parts) + 1)]
    ais.call(
        "POST",
        path,
        action="mpt-complete",
        value=done,
        params={"uploadId": upload_id},
    ).no_message()
    assert get(ais, dst, "big é.bin") == b"".join(parts)


def test_prefetch_needs_a_remote_bucket(ais, source):
    # Documented limit: prefetch (and blob download) work on remote buckets only.
    msg = M.PrefetchMsg(
        object_selection=M.ListRange(obj_names=["keep/a.txt"], template=""),
        continue_on_err=False,
        latest=False,
    )
    with pytest.raises(ServerError, match="expecting remote bucket") as err:
        ais.call("POST", f"buckets/{source}", action="prefetch-listrange", value=msg)
    ais.ledger.request_only(
        "POST /v1/buckets",
        "ActionMsg[prefetch-listrange](PrefetchMsg)",
        err.value.status,
        "expecting remote bucket",
    )
