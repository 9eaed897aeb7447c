"""dsort on a live cluster: a DsortRequestSpec (ListRange, DsortAlgorithm, DsortConf) starts
a job over TAR shards; JobInfo with DsortMetrics (LocalExtraction, MetaSorting, ShardCreation,
TimeStats) is judged per target while it runs and after; the output shards are checked."""

from __future__ import annotations

import io
import tarfile
import time

import msgspec
import pytest

import aistore_models as am

from .client import Ais, Reply, bck, get, lso, put

pytestmark = [pytest.mark.live, pytest.mark.go]
M = am.models

SHARDS, RECORDS, SIZE = 5, 8, 100  # 40 records of 100 bytes in 5 input shards


def record_name(shard: int, i: int) -> str:
    # interleaved across shards, so that sorting has to move records between them
    return f"rec-{i * SHARDS + shard:03d}"


def input_shard(shard: int) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for i in range(RECORDS):
            name = record_name(shard, i)
            info = tarfile.TarInfo(name + ".txt")
            info.size = SIZE
            tar.addfile(info, io.BytesIO(name.encode().ljust(SIZE, b".")))
    return buf.getvalue()


def members(data: bytes) -> list[str]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return tar.getnames()


def metrics(ais: Ais, xid: str) -> dict[str, M.JobInfo]:
    """GET /v1/sort?uuid= (api/dsort.go MetricsDsort): map[target ID]JobInfo.

    No message models the map itself, so each target's JobInfo is judged on its own
    bytes (the proxy re-marshals them with cos.JSON: Go's layout, sorted keys).
    """
    reply = ais.call("GET", "sort", params={"uuid": xid})
    raw = msgspec.json.decode(reply.resp.content, type=dict[str, msgspec.Raw])
    return {tid: judged(reply, bytes(body)) for tid, body in raw.items()}


def judged(reply: Reply, body: bytes) -> M.JobInfo:
    return reply.judge("JobInfo", part=body)


def finished(info: M.JobInfo) -> bool:
    creation = info.metrics.shard_creation if info.metrics else None
    return info.aborted or bool(creation and creation.finished)


def test_dsort_sorts_records_across_shards(ais, new_bucket):
    src, dst = new_bucket("in"), new_bucket("out")
    for shard in range(SHARDS):
        put(ais, src, f"shard-{shard}.tar", input_shard(shard))
    spec = M.DsortRequestSpec(
        input_bck=bck(src),
        input_format=M.ListRange(template=f"shard-{{0..{SHARDS - 1}}}.tar"),
        input_extension=".tar",
        output_bck=bck(dst),
        output_format="sorted-{0..9}.tar",
        output_shard_size="1KiB",
        description="live dsort",
        algorithm=M.DsortAlgorithm(kind="alphanumeric"),
        # Naming the dsorter skips ext/dsort/handler.go dsorterType's GET /v1/daemon to
        # every target, which v1.5.0 targets refuse ("not an intra-control request":
        # ext/dsort/bcast.go sends no sender headers); see docs/live.md.
        dsorter_type="dsort_general",
    )
    xid = ais.call("POST", "sort", msg=spec).no_message("job ID")
    assert xid.startswith("srt-"), xid  # xact.PrefixSrtID

    deadline = time.monotonic() + 120
    while True:
        per_target = metrics(ais, xid)
        if all(finished(i) for i in per_target.values()) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert len(per_target) == 3 and all(finished(i) for i in per_target.values()), per_target
    for info in per_target.values():
        assert info.id == xid and not info.aborted and not info.metrics.errors
        assert (info.src_bck.name, info.dst_bck.name) == (src, dst)
        assert info.metrics.description == "live dsort"
    extraction = [i.metrics.local_extraction for i in per_target.values()]
    assert all(e.finished and e.total_count == SHARDS for e in extraction), extraction
    assert sum(e.extracted_count for e in extraction) == SHARDS  # each shard on one target
    assert sum(e.extracted_record_count for e in extraction) == SHARDS * RECORDS

    listed = ais.call("GET", "sort", params={"regex": ""}).judge("JobInfo", many=True)
    assert xid in [j.id for j in listed]

    out = ais.call("GET", f"buckets/{dst}", action="list", value=lso()).judge("BucketList")
    names = sorted(e.n for e in out.Entries)
    assert names and all(n.startswith("sorted-") for n in names), names
    records = [
        m for n in sorted(names, key=lambda n: int(n[7:-4])) for m in members(get(ais, dst, n))
    ]
    expected = sorted(f"{record_name(s, i)}.txt" for s in range(SHARDS) for i in range(RECORDS))
    assert records == expected  # every record once, in order across the output shards
