"""Scale rows: `generate` on synthetic schemas of 250 ... 2,000 messages, time and peak memory.

Each synthetic message has a dozen fields of every kind the language has: strings
with wire and MessagePack names, `,string` and ranged integers, omitempty and
nullable fields, lists, maps of lists, an enum and a flag set, a nested message
(the previous one) and, for every fifth message, an embedded one.  Messages are
spread over files of 50, and each 25 share an enum.

Every run generates into a fresh directory with an empty stamp cache (the bytecode
cache is kept, as generation.py keeps it): what a user waits for on a new schema.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generation import environment
from .timing import Row

SIZES = (250, 500, 1000, 2000)
QUICK_SIZES = (125, 250)
LIMIT_2000 = 8.0  # seconds
DOUBLING = 2.2  # time(2n) / time(n)
PER_FILE = 50

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from aistore_models_gen import cli
sys.argv = ["aistore-models-gen", "generate", "--schema", sys.argv[1], "--out", sys.argv[2]]
code = cli.main()  # as the console script calls it
elapsed = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"code": code, "seconds": elapsed, "cpu": cpu, \
"peak_kib": max(me.ru_maxrss, kids.ru_maxrss)}), file=sys.stderr)
"""


def message(i: int) -> str:
    """Field names carry the message number: an embedded message's fields join the embedder's."""
    enum = f"Kind{i // 25}"
    fields = [
        f"name_{i}: {{type: str, wire: name-{i}, msgpack: n{i}, doc: The name.}}",
        f"size_{i}: {{type: int64, wire: size-{i}, string: true, omit: empty,"
        f" doc: Size in bytes.}}",
        f"copies_{i}: {{type: int16, doc: Number of copies.}}",
        f"ratio_{i}: {{type: float64, omit: empty}}",
        f"enabled_{i}: {{type: bool, omit: empty}}",
        f"tags_{i}: {{type: 'list[str]?', doc: Free-form tags.}}",
        f"attrs_{i}: {{type: 'map[str, list[str]]', omit: empty}}",
        f"kind_{i}: {{type: {enum}, doc: What it is.}}",
        f"flags_{i}: {{type: 'flagset[Bits{i // 25}]', string: true}}",
        f"when_{i}: {{type: time, omit: empty}}",
        f"payload_{i}: {{type: any?}}",
    ]
    if i % 5 == 4:
        fields.insert(0, f"base_{i}: {{type: Msg{i - 4}, embed: true}}")
    elif i % 5:
        fields.append(f"parent_{i}: {{type: 'Msg{i - 1}?', doc: The previous message.}}")
    head = [
        f"  Msg{i}:",
        f"    doc: Synthetic message {i} with every kind of field.",
        "    msgpack: true",
        "    fields:",
    ]
    return "\n".join(head + [f"      {f}" for f in fields])


def enums(group: int) -> str:
    return "\n".join(
        [
            f"  Kind{group}:",
            "    kind: str",
            "    values: {NONE: '', ALPHA: alpha, BETA: beta, GAMMA: gamma}",
            f"  Bits{group}:",
            "    kind: bits",
            "    values: {A: 0, B: 1, C: 5}",
        ]
    )


def write_schema(directory: Path, count: int) -> None:
    directory.mkdir(parents=True)
    for start in range(0, count, PER_FILE):
        ids = range(start, min(count, start + PER_FILE))
        groups = sorted({i // 25 for i in ids})
        text = (
            "enums:\n"
            + "\n".join(enums(g) for g in groups)
            + "\nmessages:\n"
            + "\n".join(message(i) for i in ids)
        )
        (directory / f"part{start // PER_FILE:03d}.yaml").write_text(text + "\n", encoding="utf-8")


def measure(scratch: Path, count: int, run: int) -> tuple[float, float, float]:
    """(wall seconds of the whole program, its CPU seconds, peak resident MiB) of one
    generate run into a fresh directory, with an empty stamp cache."""
    schema, out = scratch / f"schema{count}", scratch / f"out{count}-{run}"
    if not schema.exists():
        write_schema(schema, count)
    env = environment(scratch)
    env["XDG_CACHE_HOME"] = str(scratch / f"cache{count}-{run}")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(schema), str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    report = json.loads(done.stderr.strip().splitlines()[-1]) if done.stderr.strip() else {}
    if done.returncode != 0 or report.get("code") != 0:
        raise RuntimeError(f"generate on {count} messages failed:\n{done.stdout}{done.stderr}")
    return elapsed, report["cpu"], report["peak_kib"] / 1024


def rows(quick: bool) -> list[Row]:
    """Wall time is what a user waits; growth is judged on CPU time, which other work on a
    shared machine does not stretch (the write's fsyncs are the only waiting)."""
    sizes = QUICK_SIZES if quick else SIZES
    runs = 1 if quick else 3
    cpu: dict[int, float] = {}
    out: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        scratch = Path(tmp)
        measure(scratch, sizes[0], -1)  # warm-up: the file and bytecode caches
        for count in sizes:
            samples = [measure(scratch, count, run) for run in range(runs)]
            wall = statistics.median(s[0] for s in samples)
            cpu[count] = statistics.median(s[1] for s in samples)
            peak = max(s[2] for s in samples)
            case = f"generate, {count:,} messages: wall {wall:.2f} s, peak {peak:,.0f} MiB; CPU"
            previous = count // 2
            if previous in cpu:
                growth = cpu[count] / cpu[previous]
                out.append(
                    Row(
                        "scale",
                        case,
                        cpu[count],
                        cpu[previous],
                        f"CPU at {previous:,} messages",
                        f"<= {DOUBLING}x",
                        growth <= DOUBLING,
                    )
                )
            else:
                out.append(Row("scale", case, cpu[count], None, "", "reference size", True))
            if count == 2000:
                out.append(
                    Row(
                        "scale",
                        "generate, 2,000 messages (wall)",
                        wall,
                        None,
                        "",
                        f"<= {LIMIT_2000:g} s",
                        wall <= LIMIT_2000,
                    )
                )
    return out
