"""1,000,000-entry listings: time and memory, each decode in a fresh process.

The payload is written once to a file; each child reads it, decodes it once and reports
its CPU time and the memory the decoded page holds (resident memory after the decode less
before it, the bytes already read; not the peak: Linux carries a process's peak across
exec from the parent that forked it).  Ours, the SDK (MessagePack only) and the floor
each get their own process, in rotating order.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import data
from .timing import Row

CHILD = """
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
payload = open(path, "rb").read()
import msgspec
import aistore_models as am
from aistore.sdk import types as sdk
from benchmarks.floor import bare_model, bare_struct
decoders = {
    "ours-msgpack": lambda: am.decode(payload, am.structs.BucketList, fmt="msgpack"),
    "sdk-msgpack": lambda: msgspec.msgpack.decode(payload, type=sdk.BucketList),
    "floor-msgpack": lambda: msgspec.msgpack.decode(
        payload, type=bare_struct("BucketList", "msgpack")
    ),
    "ours-json-structs": lambda: am.decode(payload, am.structs.BucketList),
    "floor-json-structs": lambda: msgspec.json.decode(payload, type=bare_struct("BucketList")),
    "ours-json-models": lambda: am.decode(payload, am.models.BucketList),
    "floor-json-models": lambda: bare_model("BucketList").model_validate_json(payload),
}
decode = decoders[kind]
page = resource.getpagesize()
def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * page
before = resident()
start = time.process_time()
value = decode()
cpu = time.process_time() - start
held = resident() - before
print(json.dumps({"cpu": cpu, "held_mib": held / 2**20}))
"""
ROOT = Path(__file__).resolve().parent.parent
CASES = (  # (case, file, ours, peer or None, floor)
    ("MessagePack -> structs", "msgpack", "ours-msgpack", "sdk-msgpack", "floor-msgpack"),
    ("JSON -> structs", "json", "ours-json-structs", None, "floor-json-structs"),
    ("JSON -> models", "json", "ours-json-models", None, "floor-json-models"),
)


def _child(kind: str, path: Path) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{done.stdout}{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["cpu"], report["held_mib"]


def rows(quick: bool) -> list[Row]:
    if quick:
        return []  # a million entries is not a smoke test
    runs = 3
    out = []
    with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
        files = {"msgpack": Path(tmp) / "page.msgpack", "json": Path(tmp) / "page.json"}
        page = data.listing(data.BIG_LISTING)
        files["msgpack"].write_bytes(data.am.encode(page, "msgpack"))
        files["json"].write_bytes(data.am.encode(page))
        del page
        for case, fmt, ours, peer, floor in CASES:
            kinds = [k for k in (ours, peer, floor) if k is not None]
            samples: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
            for r in range(runs):
                for k in range(len(kinds)):
                    kind = kinds[(r + k) % len(kinds)]
                    samples[kind].append(_child(kind, files[fmt]))
            cpu = {k: statistics.median(s[0] for s in v) for k, v in samples.items()}
            held = {k: statistics.median(s[1] for s in v) for k, v in samples.items()}
            memory = ", ".join(
                f"{who} {held[k]:,.0f} MiB"
                for who, k in (("ours", ours), ("SDK", peer), ("floor", floor))
                if k is not None
            )
            out.append(
                Row(
                    "big",
                    f"BucketList {case}, {data.BIG_LISTING:,} entries; the page holds {memory}",
                    cpu[ours],
                    cpu[peer] if peer else None,
                    "SDK BucketList (msgspec)" if peer else "",
                    "reference",
                    True,
                    floor=cpu[floor],
                    floor_name="bare msgspec Struct"
                    if "models" not in case
                    else "bare pydantic model",
                )
            )
    return out
