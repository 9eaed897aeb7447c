"""Run the AIStore SDK (the locked one, 1.26.0) against a cluster with aistore_models.sdk_types
as its types module.

Usage: python sdk_flow.py URL SUFFIX [--sdk-types]. Prints one JSON report line;
--sdk-types keeps the SDK's own types (the baseline that proves the flow itself). Runs in its
own process (test_sdk_flow.py starts it) so the swapped module never leaks
into the test session.
"""

from __future__ import annotations

import json
import sys


def install_shim() -> object:
    import aistore_models.sdk_types as ours

    sys.modules["aistore.sdk.types"] = ours
    # Anything of the SDK imported before the swap holds the old classes: import it afresh.
    for name in [
        m for m in sys.modules if m.startswith("aistore.sdk") and m != "aistore.sdk.types"
    ]:
        del sys.modules[name]
    return ours


def main(url: str, suffix: str, swap: bool = True) -> dict[str, object]:
    if swap:
        ours = install_shim()
    else:
        import aistore.sdk.types as ours  # type: ignore[no-redef]
    from aistore.sdk import Client
    from aistore.sdk import bucket as sdk_bucket
    from aistore.sdk import job as sdk_job

    report: dict[str, object] = {
        "types_swapped": sdk_bucket.BucketList is ours.BucketList  # type: ignore[attr-defined]
        and sdk_job.AggregatedJobSnap is ours.AggregatedJobSnap,  # type: ignore[attr-defined]
    }
    client = Client(url)
    src = client.bucket(f"sdk-src-{suffix}").create(exist_ok=True)
    dst = client.bucket(f"sdk-dst-{suffix}")
    names = ["sdk/plain.txt", "sdk/ü <&> \u2028.txt"]
    for name in names:  # put
        src.object(name).get_writer().put_content(name.encode())
    listing = src.list_objects(props="name,size")  # MessagePack
    report["list_type"] = type(listing).__qualname__
    report["list_module"] = type(listing).__module__
    report["listed"] = [(e.name, e.size) for e in listing.entries]
    report["got"] = src.object(names[1]).get_reader().read_all().decode()  # get
    job_id = src.copy(to_bck=dst, prepend="copied/")  # copy
    job = client.job(job_id)
    result = job.wait(timeout=30, verbose=False)  # job wait (JobArgs -> JobStatus)
    report["wait_success"] = result.success
    details = job.get_details()  # job details (JobArgs -> AggregatedJobSnap)
    report["details_type"] = type(details).__qualname__
    snaps = details.list_snapshots()
    report["snap_kinds"] = sorted({s.kind for s in snaps})
    report["snap_objects"] = sum(s.stats.objects for s in snaps)
    report["copied"] = sorted(e.name for e in dst.list_objects(props="name").entries)
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], swap="--sdk-types" not in sys.argv)))
