"""Validation: which JSON Schema validator decides, measured on Go's fixtures and big payloads.

    python -m benchmarks.validation [--runs N]

Candidates, each configured with the same Go rules (date-time as Go reads it):
pure-Python `jsonschema` (the reference), `jsonschema-rs` (compiled, Rust),
`fastjsonschema` (compiles the schema to Python code), and `am.validate`, our
engine (jsonschema-rs decides; jsonschema explains invalid payloads only).
Ratios are candidate / jsonschema: below 1 is faster.  The verdicts of all
candidates are compared first, so a fast wrong answer cannot win.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import jsonschema_rs

import aistore_models as am
from aistore_models import validation

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
LISTING_ENTRIES = 10_000
SNAP_TARGETS, SNAPS_PER_TARGET = 10, 100
Verdict = Callable[[Any], bool]


def fixtures() -> list[tuple[str, Any]]:
    """Every JSON payload AIStore's Go code wrote for the fixtures: (message, parsed)."""
    index = json.loads((FIXTURES / "index.json").read_text())
    return [
        (e["message"], json.loads((FIXTURES / e["path"]).read_bytes()))
        for e in index
        if e["encoding"] == "json"
    ]


def _fixture(message: str, case: str = "full") -> Any:
    return json.loads((FIXTURES / message / f"{case}.json").read_bytes())


def listing() -> Any:
    """A BucketList page of LISTING_ENTRIES entries, each Go's full BucketEntry with its own
    name."""
    entry = _fixture("BucketEntry")
    entries = [dict(entry, name=f"images/{i:08d}.jpg") for i in range(LISTING_ENTRIES)]
    return {
        "uuid": "lso-1",
        "continuation_token": entries[-1]["name"],
        "entries": entries,
        "flags": 1,
    }


def snaps() -> Any:
    """AggregatedJobSnap: SNAP_TARGETS targets with SNAPS_PER_TARGET copies of Go's full JobSnap."""
    snap = _fixture("JobSnap")
    return {
        f"t{t}": [dict(snap, id=f"x{t}-{i}") for i in range(SNAPS_PER_TARGET)]
        for t in range(SNAP_TARGETS)
    }


def broken(document: Any) -> Any:
    """The document with a wrong type deep inside (the last entry's size, or the last
    snapshot's id)."""
    doc = copy.deepcopy(document)
    if "entries" in doc:
        doc["entries"][-1]["size"] = 12
    else:
        doc[sorted(doc)[-1]][-1]["id"] = 12
    return doc


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall seconds of `fn` after one warm-up run (kept here: this module runs alone too)."""
    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fmt_seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.1f} ms" if value >= 1e-3 else f"{value * 1e6:.1f} us"


# ------------------------------------------------------------------ candidates


def _jsonschema(schema: dict[str, Any]) -> Verdict:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(validation.go_time)
    return jsonschema.Draft202012Validator(schema, format_checker=checker).is_valid


def _rs(schema: dict[str, Any]) -> Verdict:
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, formats={"date-time": validation.go_time}
    ).is_valid


def _fast(schema: dict[str, Any]) -> Verdict:
    check = fastjsonschema.compile(schema, formats={"date-time": validation.go_time})

    def is_valid(document: Any) -> bool:
        try:
            check(document)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return is_valid


def _ours(name: str) -> Verdict:
    return lambda document: not am.validate(name, document)


CANDIDATES: dict[str, Callable[[str], Verdict]] = {
    "jsonschema": lambda name: _jsonschema(am.schema(name)),
    "jsonschema-rs": lambda name: _rs(am.schema(name)),
    "fastjsonschema": lambda name: _fast(am.schema(name)),
    "am.validate": _ours,
}


@cache
def verdict(candidate: str, name: str) -> Verdict:
    return CANDIDATES[candidate](name)


def _check_agreement(cases: list[tuple[str, list[tuple[str, Any]], bool]]) -> None:
    for label, docs, expected in cases:
        for candidate in CANDIDATES:
            got = {verdict(candidate, name)(doc) for name, doc in docs}
            if got != {expected}:
                raise SystemExit(
                    f"{candidate} does not find {label} {'valid' if expected else 'invalid'}"
                )


def _compile_all(candidate: str) -> None:
    for name in am.MESSAGES:
        CANDIDATES[candidate](name)


def measure(runs: int) -> list[tuple[str, dict[str, float]]]:
    fixture_docs = fixtures()
    big_listing, big_snaps = [("BucketList", listing())], [("AggregatedJobSnap", snaps())]
    bad_listing = [("BucketList", broken(big_listing[0][1]))]
    bad_snaps = [("AggregatedJobSnap", broken(big_snaps[0][1]))]
    cases = [
        (f"Go fixtures ({len(fixture_docs)} JSON payloads, all messages)", fixture_docs, True),
        (f"BucketList, {LISTING_ENTRIES:,} entries", big_listing, True),
        (f"AggregatedJobSnap, {SNAP_TARGETS * SNAPS_PER_TARGET:,} snapshots", big_snaps, True),
        (f"BucketList, {LISTING_ENTRIES:,} entries, one wrong type (invalid)", bad_listing, False),
        (
            f"AggregatedJobSnap, {SNAP_TARGETS * SNAPS_PER_TARGET:,} snapshots,"
            " one wrong type (invalid)",
            bad_snaps,
            False,
        ),
    ]
    _check_agreement(cases)
    rows = []
    for label, docs, _ in cases:
        times = {}
        for candidate in CANDIDATES:
            checks = [(verdict(candidate, name), doc) for name, doc in docs]
            times[candidate] = median_time(
                lambda checks=checks: [check(doc) for check, doc in checks], runs
            )
        rows.append((label, times))
    compile_times = {}
    for candidate in CANDIDATES:
        if candidate == "am.validate":  # its engine is cached: time a cold build of every one
            compile_times[candidate] = median_time(_cold_engines, max(1, runs // 3))
        else:
            compile_times[candidate] = median_time(
                lambda c=candidate: _compile_all(c), max(1, runs // 3)
            )
    rows.append((f"compile the schemas of all {len(am.MESSAGES)} messages", compile_times))
    return rows


def _cold_engines() -> None:
    validation._engine.cache_clear()
    for name in am.MESSAGES:
        engine = validation._engine(name, True)
        engine.slow  # noqa: B018 - build the explainer too, as the first invalid payload would


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    names = list(CANDIDATES)
    lines = [
        "| case | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for label, times in rows:
        base = times["jsonschema"]
        cells = [
            fmt_seconds(times[n]) + ("" if n == "jsonschema" else f" ({times[n] / base:.3f}x)")
            for n in names
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def versions() -> str:
    names = ("jsonschema", "jsonschema-rs", "fastjsonschema")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.validation", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per cell (median reported)")
    args = parser.parse_args(argv or [])
    started = time.perf_counter()
    rows = measure(args.runs)
    print("Validation: median time per pass; (ratio) = candidate / jsonschema, lower is faster")
    print()
    print(table(rows))
    print()
    elapsed = time.perf_counter() - started
    print(f"- {versions()}; {args.runs} runs per cell; wall time {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
