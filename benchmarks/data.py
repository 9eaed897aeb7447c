"""Go-shaped payloads for the decode and encode rows, built once per run.

The bytes come from our Go-exact encoder, which the fixture tests prove equal to
AIStore's own output (tests/fixtures/BucketList/full.msgpack, JobSnap/full.json).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import aistore_models as am

LISTING_SIZES = (10_000, 100_000)  # AIStore's default page is 10,000 entries
BIG_LISTING = 1_000_000
SNAP_TARGETS, SNAPS_PER_TARGET = 10, 100  # 1,000 snapshots
MESSAGES = 10_000  # small control messages, encoded one by one as the SDK does


def _entry(i: int) -> dict[str, Any]:
    """Like a page of `ais ls --props all`: every property set on most entries."""
    entry: dict[str, Any] = {
        "n": f"images/train/{i // 1000:04d}/{i:08d}.jpg",
        "s": 1024 * (i % 4096) + 17,
    }
    if i % 10:
        entry.update(cs=f"{i * 2654435761 % 2**64:016x}", a="15 Mar 24 12:34 UTC", v=str(i % 7 + 1))
        entry.update(t=f"t[t{i % 16:07d}]:/ais/mp{i % 4}", c=1 + i % 3, f=64)
    if i % 50 == 0:
        entry["custom"] = 'ETag="abc", source=aws'
    return entry


@cache
def listing(entries: int) -> Any:
    items = [am.structs.BucketEntry(**_entry(i)) for i in range(entries)]
    return am.structs.BucketList(
        UUID="lso-uuid-1", ContinuationToken=items[-1].n, Entries=items, Flags=1
    )


def listing_msgpack(entries: int = LISTING_SIZES[-1]) -> bytes:
    return am.encode(listing(entries), "msgpack")


def listing_json(entries: int = LISTING_SIZES[-1]) -> bytes:
    return am.encode(listing(entries))


def with_unknown_keys(data: bytes, key: bytes, inner: bytes = b"{") -> bytes:
    """Every object that starts with `inner` gets one key more, as a newer AIStore would send:
    `{"name":` -> `{"added_later":{"x":[1,"y"]},"name":`."""
    return data.replace(inner, b"{" + b'"' + key + b'":{"x":[1,"y"]},' + inner[1:])


def unknown_in_entries(data: bytes) -> bytes:
    return with_unknown_keys(data, b"added_later", b'{"name":')


def unknown_in_snaps(data: bytes) -> bytes:
    return with_unknown_keys(data, b"added_later", b'{"ext":')


def invalid_snaps(data: bytes) -> bytes:
    """The AggregatedJobSnap with one counter deep inside that no decoder takes."""
    last = data.rindex(b'"loc-objs":"')
    return data[:last] + b'"loc-objs":"many",' + data[data.index(b",", last) + 1 :]


def _snap(target: int, i: int) -> dict[str, Any]:
    bucket = {"name": f"bck{i % 5}", "provider": "ais", "namespace": {"uuid": "", "name": ""}}
    running = i % 4 == 0
    return {
        "ext": {"phase": "copy", "progress": 0.5} if i % 10 == 0 else None,
        "start_time": "2024-03-15T12:34:56.123456789Z",
        "end_time": "0001-01-01T00:00:00Z" if running else "2024-03-15T12:40:01.5Z",
        "bucket": bucket,
        "source_bck": bucket,
        "destination_bck": {**bucket, "name": f"dst{i % 5}"},
        "id": f"X{target:02d}{i:05d}q",
        "kind": "copy-bck",
        "ctl_msg": "src-bck, dst-bck, flags:latest" if i % 2 else "",
        "abort_err": "",
        "err": "",
        "packed": 17180393488 + i,
        "stats": {
            "objects": i * 13,
            "bytes": i * 13 * 1048576,
            "out_objects": i,
            "out_bytes": i * 1048576,
            "in_objects": i * 2,
            "in_bytes": i * 2 * 1048576,
        },
        "aborted": False,
        "is_idle": not running,
    }


@cache
def snaps_plain() -> dict[str, list[dict[str, Any]]]:
    return {
        f"t{t:07d}": [_snap(t, i) for i in range(SNAPS_PER_TARGET)] for t in range(SNAP_TARGETS)
    }


@cache
def snaps_json() -> bytes:
    """AggregatedJobSnap JSON (xact.MultiSnap), 1,000 snapshots."""
    models = {t: [am.models.JobSnap(**s) for s in snaps] for t, snaps in snaps_plain().items()}
    return am.encode(am.models.AggregatedJobSnap(models))


def promote_args() -> list[dict[str, Any]]:
    return [
        {
            "target_id": f"t{i % 16:07d}",
            "source_path": f"/mnt/nfs/share/{i:06d}",
            "object_name": f"promoted/{i:06d}",
            "recursive": i % 2 == 0,
            "overwrite_dest": i % 3 == 0,
            "delete_source": False,
            "src_not_file_share": i % 5 == 0,
        }
        for i in range(MESSAGES)
    ]


def tcbck_args() -> list[dict[str, Any]]:
    return [
        {
            "copy_msg": {
                "prefix": f"p{i % 10}/",
                "prepend": "copied/",
                "dry_run": False,
                "force": i % 2 == 0,
                "latest": True,
                "sync": False,
            },
            "num_workers": i % 8,
            "cont_on_err": i % 3 == 0,
        }
        for i in range(MESSAGES)
    ]


def list_objects_args() -> list[dict[str, Any]]:
    return [
        {
            "prefix": f"images/{i % 100:03d}/",
            "page_size": 1000,
            "uuid": "" if i % 2 else f"lso-{i}",
            "props": "name,size,checksum,atime",
            "continuation_token": "" if i % 2 else f"images/{i:08d}.jpg",
            "flags": [],
            "target": "",
        }
        for i in range(MESSAGES)
    ]
