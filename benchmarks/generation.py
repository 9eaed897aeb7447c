"""Generation rows: our whole `generate` against datamodel-code-generator, and a no-op check.

Both are run as programs, as a user runs them, and timed on the wall clock:
- ours renders every target (pydantic models, msgspec structs, wire tables, JSON
  Schema, the runtime copies), formats the Python and writes all files into an
  empty directory;
- datamodel-code-generator reads our strict JSON Schema bundle and writes
  black-formatted pydantic v2 models (one file).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .timing import Row, ratio_row

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "generated" / "aistore_models" / "schemas" / "bundle.strict.json"
NOOP_CHECK_LIMIT = 0.3  # seconds
DCG = [
    str(Path(sys.executable).with_name("datamodel-codegen")),
    "--input", str(BUNDLE),
    "--input-file-type", "jsonschema",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--formatters", "black",
]  # fmt: skip


def wall(cmd: Sequence[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return elapsed


def rows(quick: bool) -> list[Row]:
    runs = 2 if quick else 5
    ours_times: list[float] = []
    peer_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-gen-") as scratch:
        for i in range(runs + 1):  # the first pair warms the file cache
            out = Path(scratch) / f"out{i}"
            ours = wall([sys.executable, "-m", "aistore_models_gen", "generate", "--out", str(out)])
            peer = wall([*DCG, "--output", str(Path(scratch) / f"dcg{i}.py")])
            if i:
                ours_times.append(ours)
                peer_times.append(peer)
    out_rows = [
        ratio_row(
            "generation",
            "generate: every target rendered, formatted and written",
            statistics.median(ours_times),
            statistics.median(peer_times),
            "datamodel-codegen, pydantic v2 + black, from our strict bundle",
            0.5,
        )
    ]
    check = [sys.executable, "-m", "aistore_models_gen", "generate", "--check"]
    wall(check)  # a check that renders records the stamp
    # without .venv, `make check` would first build one: not a no-op
    make = shutil.which("make") if (ROOT / ".venv").is_dir() else None
    for case, cmd in (
        ("python -m aistore_models_gen generate --check", check),
        ("make check", [make, "-s", "check"]),
    ):
        if cmd[0] is None:
            continue
        noop = statistics.median(wall(cmd) for _ in range(runs + 2))
        out_rows.append(
            Row(
                "generation",
                f"no-op check: {case}",
                noop,
                None,
                "",
                f"<= {NOOP_CHECK_LIMIT} s",
                noop <= NOOP_CHECK_LIMIT,
            )
        )
    return out_rows
