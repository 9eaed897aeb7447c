"""HRW placement against the real cluster: `Smap.get_target_for_object` on the cluster's own
Smap names the target that holds each object, before and during maintenance of a target."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import pytest

import aistore_models as am

from .aiscluster import Cluster
from .client import HARD_NAMES, Ais, bck, lso, object_path, put

pytestmark = [pytest.mark.live, pytest.mark.go]
M = am.models

BUCKET = "placement-hrw"
# apc.FltPresentNoProps (api/apc/query.go): 200 only when this target holds the object
# locally and in its proper place; the target never asks its neighbours (ais/target.go objHead).
PRESENT_HERE = {"presence": "3"}


def awkward_names(tag: str, n: int) -> list[str]:
    """Names with spaces, non-ASCII, <>&, U+2028, emoji, slashes, and long ones.

    AIStore stores names longer than its path limits under a hashed file name
    (fs/fntl.go), so the long ones also check that placement uses the full name.
    """
    names = []
    for i in range(n):
        names += [
            f"{tag}/plain-{i:03d}",
            f"{tag}/with space/and ü {i}.bin",
            f"{tag}/html<{i}>&amp;.txt",
            f"{tag}/line\u2028sep\u2029{i}",
            f"{tag}/emoji-\U0001f600-{i}",
            f"{tag}/" + "/".join(f"d{j}" for j in range(i % 7 + 1)) + f"/deep-{i}",
            f"{tag}/long-{i}-" + "x" * 300,
        ]
    return names


NAMES = HARD_NAMES + awkward_names("before", 42)  # 300 objects


def uname(name: str) -> str:
    # Go's cmn.Bck.MakeUname: provider/@uuid#ns/bucket/ + name. The SDK builds it with
    # os.path.join(bck.get_path(), name), the same for every name that does not start with "/".
    return bck(BUCKET).get_path() + name


def smap(ais: Ais) -> M.Smap:
    return ais.call("GET", "cluster", params={"what": "smap"}).judge("Smap")


def holders(cluster: Cluster, ais: Ais, smap_now: M.Smap, name: str) -> list[str]:
    """IDs of the targets that answer "present here" for `name`.

    Every target process this run started is asked on its own URL, whatever the Smap
    says; the Smap only gives each its ID.
    """
    ids = {t.public_net.direct_url: t.daemon_id for t in smap_now.tmap.values()}
    found = []
    for target in cluster.targets:
        client = Ais(target.url, ais.ledger)
        try:
            reply = client.call(
                "HEAD", object_path(BUCKET, name), params=PRESENT_HERE, expect=(200, 404)
            )
        finally:
            client.close()
        reply.no_message("HEAD ?presence=3 on the target itself")
        if reply.resp.status_code == 200:
            found.append(ids[target.url])
    return found


def maintenance(ais: Ais, action: str, tid: str) -> None:
    # apc.ActValRmNode is not modelled: its wire form is written here by hand.
    value = {"sid": tid, "skip_rebalance": True}
    reply = ais.call("PUT", "cluster", action=action, value=value)
    reply.no_message("value: ActValRmNode by hand; rebalance ID or empty")


def wait_flags(ais: Ais, tid: str, in_maintenance: bool, timeout: float = 60.0) -> M.Smap:
    """Poll the Smap until target `tid` is (or is no longer) flagged; judge the last one."""
    deadline = time.monotonic() + timeout
    while True:
        reply = ais.call("GET", "cluster", params={"what": "smap"})
        node = am.decode(reply.resp.content, M.Smap).tmap[tid]
        if node.in_maint_or_decomm() == in_maintenance or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    final = reply.judge("Smap")
    assert final.tmap[tid].in_maint_or_decomm() == in_maintenance, (
        f"target {tid} maintenance flag still {not in_maintenance} after {timeout}s: {final}"
    )
    return final


@pytest.fixture(scope="module")
def placed(ais: Ais) -> Iterator[str]:
    """The bucket with NAMES put through the proxy; destroyed at the end."""
    ais.call("POST", f"buckets/{BUCKET}", action="create-bck").no_message()
    for name in NAMES:
        put(ais, BUCKET, name, name.encode())
    yield BUCKET
    ais.call("DELETE", f"buckets/{BUCKET}", action="destroy-bck").no_message()


def test_every_object_lives_on_the_target_hrw_names(cluster, ais, placed):
    now = smap(ais)
    assert len(now.tmap) == 3
    counts: Counter[str] = Counter()
    for name in NAMES:
        chosen = now.get_target_for_object(uname(name)).daemon_id
        assert holders(cluster, ais, now, name) == [chosen], name
        counts[chosen] += 1
    # 300 names over 3 targets: every target holds some (the test cannot pass on one)
    assert len(counts) == 3, counts


def test_listing_locations_agree_with_hrw(ais, placed):
    # BucketEntry.location is "t[<target ID>]:mp[<mountpath>...]" (core.LOM Location)
    now = smap(ais)
    value = lso(props="name,location")
    entries = ais.call("GET", f"buckets/{BUCKET}", action="list", value=value).judge("BucketList")
    located = {e.n: e.t for e in entries.Entries}
    assert sorted(located) == sorted(NAMES)
    for name, location in located.items():
        chosen = now.get_target_for_object(uname(name)).daemon_id
        assert location.startswith(f"t[{chosen}]"), (name, location)


def test_maintenance_moves_new_objects_off_the_target(cluster, ais, placed):
    before = smap(ais)
    tid = before.get_target_for_object(uname(NAMES[0])).daemon_id
    maintenance(ais, "start-maintenance", tid)
    try:
        during = wait_flags(ais, tid, in_maintenance=True)
        assert during.version > before.version
        for name in NAMES:
            old = before.get_target_for_object(uname(name)).daemon_id
            new = during.get_target_for_object(uname(name)).daemon_id
            assert new != tid, name
            if old != tid:
                assert new == old, name  # HRW moves only what the removed node held
        # objects put now live where the maintenance Smap says, never on `tid`
        later = awkward_names("during", 6)
        for name in later:
            put(ais, BUCKET, name, name.encode())
        for name in later:
            chosen = during.get_target_for_object(uname(name)).daemon_id
            assert holders(cluster, ais, during, name) == [chosen], name
    finally:
        maintenance(ais, "stop-maintenance", tid)
        after = wait_flags(ais, tid, in_maintenance=False)
    assert after.get_target_for_object(uname(NAMES[0])).daemon_id == tid
