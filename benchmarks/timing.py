"""Measurement helpers: interleaved runs, medians, ratio rows, the machine description.

Ours, the peer and the floor run in turn after a warm-up, the order rotating each round
(A B C, B C A, C A B, ...), so a load spike on the shared machine, a warm cache or a
collection left by the one before hits every side alike; a row reports the medians and
their ratios.  In-process rows count the CPU time of this process (time.process_time),
which other processes on the machine do not inflate; rows that run a program
(generation, scale) count wall time.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata


@dataclass
class Row:
    area: str
    case: str
    ours: float  # seconds (or the unit named in `unit`)
    peer: float | None  # None: an absolute target, no peer
    peer_name: str
    target: str  # e.g. "<= 0.5x" or "<= 0.3 s"
    met: bool
    note: str = ""
    unit: str = "s"
    floor: float | None = None  # the least the work can cost (a bare type of the same shape)
    floor_name: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.peer is None or self.peer == 0 else self.ours / self.peer

    @property
    def floor_ratio(self) -> float | None:
        return None if self.floor is None or self.floor == 0 else self.ours / self.floor


MIN_SAMPLE = 0.25  # CPU seconds each side runs at least, so that short rows take more rounds
MAX_ROUNDS = 41


def rotating(fns: Sequence[Callable[[], object]], runs: int, warmup: int = 1) -> list[float]:
    """Median CPU seconds of each of `fns`, run in turn in an order that rotates each round;
    at least `runs` rounds, more for short work (a 10,000-entry page takes milliseconds)."""
    times: list[list[float]] = [[] for _ in fns]
    slowest = 0.0
    for _ in range(warmup):
        for fn in fns:
            start = time.process_time()
            fn()
            slowest = max(slowest, time.process_time() - start)
    if slowest > 0:
        runs = max(runs, min(MAX_ROUNDS, int(MIN_SAMPLE / slowest)))
    for r in range(runs):
        for k in range(len(fns)):
            i = (r + k) % len(fns)
            gc.collect()
            start = time.process_time()
            fns[i]()
            times[i].append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def interleaved(
    ours: Callable[[], object], peer: Callable[[], object], runs: int, warmup: int = 1
) -> tuple[float, float]:
    """Median CPU seconds of `ours` and `peer`, run in rotating order."""
    a, b = rotating([ours, peer], runs, warmup)
    return a, b


def compared(
    area: str,
    case: str,
    ours: Callable[[], object],
    runs: int,
    *,
    peer: tuple[str, Callable[[], object]] | None = None,
    floor: tuple[str, Callable[[], object]] | None = None,
    peer_limit: float | None = None,
    floor_limit: float | None = None,
    note: str = "",
) -> Row:
    """One row: ours against a peer and a floor, all timed in one rotating run; the target is
    a ratio to the peer, to the floor, or both."""
    sides = [ours] + [side[1] for side in (peer, floor) if side is not None]
    times = iter(rotating(sides, runs))
    mine = next(times)
    peer_time = next(times) if peer is not None else None
    floor_time = next(times) if floor is not None else None
    targets, met = [], True
    for limit, other, name in ((peer_limit, peer_time, "peer"), (floor_limit, floor_time, "floor")):
        if limit is not None and other is not None:
            targets.append(f"<= {limit:g}x {name}")
            met = met and mine / other <= limit
    return Row(
        area,
        case,
        mine,
        peer_time,
        peer[0] if peer is not None else "",
        ", ".join(targets) or "reference",
        met,
        note,
        floor=floor_time,
        floor_name=floor[0] if floor is not None else "",
    )


def median_time(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def ratio_row(
    area: str, case: str, ours: float, peer: float, peer_name: str, limit: float, note: str = ""
) -> Row:
    """A row whose target is ours/peer <= limit."""
    return Row(area, case, ours, peer, peer_name, f"<= {limit:g}x", ours / peer <= limit, note)


def machine() -> list[tuple[str, str]]:
    """What the numbers were measured on."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu
            )
    except OSError:
        pass
    versions = []
    for dist in (
        "msgspec",
        "pydantic",
        "pydantic-core",
        "black",
        "ruff",
        "pyyaml",
        "jinja2",
        "datamodel-code-generator",
        "aistore",
        "jsonschema",
    ):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    return [
        ("nproc", str(os.cpu_count())),
        ("CPU", cpu),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("libraries", ", ".join(versions)),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


def run_python(
    args: Sequence[str], cwd: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python ARGS` with this interpreter; raise with its output when it fails."""
    proc = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(
            f"python {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )
    return proc


def fmt_seconds(value: float, unit: str = "s") -> str:
    if unit != "s":
        return f"{value:,.1f} {unit}"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.1f} us"
