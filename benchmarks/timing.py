"""Measurement helpers: interleaved runs, medians, ratio rows, the machine description.

Ours and the peer run alternately (A, B, A, B, ...) after a warm-up, so a load
spike on the shared machine hits both sides; a row reports the medians and
their ratio.  In-process rows count the CPU time of this process
(time.process_time), which other processes on the machine do not inflate;
rows that run a program (generation, scale) count wall time.
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

    @property
    def ratio(self) -> float | None:
        return None if self.peer is None or self.peer == 0 else self.ours / self.peer


def interleaved(
    ours: Callable[[], object], peer: Callable[[], object], runs: int, warmup: int = 1
) -> tuple[float, float]:
    """Median CPU seconds of `ours` and `peer`, run alternately."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(warmup):
        ours()
        peer()
    for _ in range(runs):
        for fn, out in ((ours, a), (peer, b)):
            gc.collect()
            start = time.process_time()
            fn()
            out.append(time.process_time() - start)
    return statistics.median(a), statistics.median(b)


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
