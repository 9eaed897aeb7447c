"""python -m benchmarks [--quick] [--only AREA,...] [--write-docs]

Runs every area and prints one table: our time, the peer's, the ratio and the
target.  --write-docs puts the table and the machine into docs/benchmarks.md
(between the bench markers; other sections are kept).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from pathlib import Path

from .timing import Row, fmt_seconds, machine

AREAS = ("generation", "scale", "decode", "encode", "strictness", "big")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def table(rows: list[Row]) -> str:
    lines = [
        "| area | case | ours | peer | peer time | ratio | floor | floor time | x floor"
        " | target | met |",
        "| --- | --- | ---: | --- | ---: | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        peer_time = fmt_seconds(r.peer, r.unit) if r.peer is not None else ""
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        floor_time = fmt_seconds(r.floor, r.unit) if r.floor is not None else ""
        floor_ratio = f"{r.floor_ratio:.2f}x" if r.floor_ratio is not None else ""
        met = "yes" if r.met else f"**no**{': ' + r.note if r.note else ''}"
        if r.met and r.note:
            met += f" ({r.note})"
        lines.append(
            f"| {r.area} | {r.case} | {fmt_seconds(r.ours, r.unit)} | {r.peer_name} | {peer_time}"
            f" | {ratio} | {r.floor_name} | {floor_time} | {floor_ratio} | {r.target} | {met} |"
        )
    return "\n".join(lines)


def write_docs(text: str) -> None:
    old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in old or END not in old:
        old = old.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = old.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOCS.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and smaller scale steps (a smoke test)"
    )
    parser.add_argument(
        "--only", default=",".join(AREAS), help=f"comma-separated areas of {', '.join(AREAS)}"
    )
    parser.add_argument(
        "--write-docs", action="store_true", help=f"write the table into {DOCS.name}"
    )
    args = parser.parse_args(argv)
    areas = [a for a in args.only.split(",") if a]
    unknown = set(areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    info = machine()
    rows: list[Row] = []
    for area in areas:
        module = importlib.import_module(f"benchmarks.{area}")
        print(f"... {area}", file=sys.stderr, flush=True)
        rows.extend(
            module.rows(quick=args.quick)
            if area in ("generation", "scale", "big")
            else module.rows(runs=3 if args.quick else 9)
        )
    text = "\n".join(
        [
            table(rows),
            "",
            "Medians of runs in rotating order (ours, peer, floor; peer, floor, ours; ...) after a"
            " warm-up; ratio = ours / peer, x floor = ours / floor.",
            "",
            *[f"- {k}: {v}" for k, v in info],
            f"- wall time of the whole run: {time.perf_counter() - started:.0f} s",
        ]
    )
    print(text)
    if importlib.util.find_spec("benchmarks.validation") is not None:
        print(file=sys.stdout)
        importlib.import_module("benchmarks.validation").main()
    if args.write_docs:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
