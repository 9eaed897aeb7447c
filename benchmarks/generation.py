"""Generation rows: our whole `generate` against datamodel-code-generator, and the check.

Both are run as programs, as a user runs them, and timed on the wall clock:
- ours renders every target (pydantic models, msgspec structs, wire tables, JSON
  Schema, the runtime copies), formats the Python with ruff and writes all files
  into an empty directory;
- datamodel-code-generator reads our strict JSON Schema bundle and writes
  pydantic v2 models (one file), formatted with ruff too (the main row, like for
  like) and with black (a reference row).
They run in rotating order (ours first on even runs, the peers first on odd
runs), each into a fresh directory, after a warm-up round.

Every program runs with bytecode caching on, in a scratch PYTHONPYCACHEPREFIX that
the warm-up fills, as an installed tool runs for its users (PYTHONDONTWRITEBYTECODE
in the caller's environment would make every run compile all its imports).

The check rows: as CI runs it (`make check` in a fresh checkout: no stamp, so it
renders and compares), and the no-op check a developer gets from the stamp a
previous run left (generator/stamp.py, under $XDG_CACHE_HOME).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .timing import Row, ratio_row

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "generated" / "aistore_models" / "schemas" / "bundle.strict.json"
NOOP_CHECK_LIMIT = 0.3  # seconds, with the stamp
CI_CHECK_LIMIT = 0.2  # seconds, without it
GENERATE_LIMIT = 0.5  # ours / datamodel-codegen with ruff
DCG = [
    str(Path(sys.executable).with_name("datamodel-codegen")),
    "--input", str(BUNDLE),
    "--input-file-type", "jsonschema",
    "--output-model-type", "pydantic_v2.BaseModel",
]  # fmt: skip
OURS = [sys.executable, "-m", "aistore_models_gen"]


def wall(cmd: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return elapsed


def environment(scratch: Path) -> dict[str, str]:
    """This environment with bytecode cached in scratch and the stamp cache there too."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    return env


def fresh_cache(env: dict[str, str], scratch: Path) -> dict[str, str]:
    """env with an empty stamp cache: the run finds no record of an earlier one."""
    return {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="cache-", dir=scratch)}


def generate_rows(scratch: Path, env: dict[str, str], runs: int) -> list[Row]:
    def ours(i: int) -> float:
        out = scratch / f"ours{i}"
        return wall([*OURS, "generate", "--out", str(out)], fresh_cache(env, scratch))

    def peer(formatter: str) -> Callable[[int], float]:
        def run(i: int) -> float:
            out = scratch / f"dcg-{formatter}{i}" / "models.py"
            out.parent.mkdir()
            return wall([*DCG, "--formatters", formatter, "--output", str(out)], env)

        return run

    sides = {"ours": ours, "ruff": peer("ruff-format"), "black": peer("black")}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(runs + 1):  # the first round warms the file and bytecode caches
        order = list(sides) if i % 2 == 0 else list(reversed(sides))
        for name in order:
            elapsed = sides[name](i)
            if i:
                times[name].append(elapsed)
    median = {name: statistics.median(t) for name, t in times.items()}
    black = Row(
        "generation",
        "generate (reference: the peer formats with black)",
        median["ours"],
        median["black"],
        "datamodel-codegen, pydantic v2 + black, from our strict bundle",
        "reference",
        True,
    )
    return [
        ratio_row(
            "generation",
            "generate: every target rendered, formatted and written",
            median["ours"],
            median["ruff"],
            "datamodel-codegen, pydantic v2 + ruff format, from our strict bundle",
            GENERATE_LIMIT,
        ),
        black,
    ]


def check_rows(scratch: Path, env: dict[str, str], runs: int) -> list[Row]:
    # without .venv, `make check` would first build one: not a check
    make = shutil.which("make") if (ROOT / ".venv").is_dir() else None
    python = [*OURS, "generate", "--check"]
    out: list[Row] = []
    if make is not None:
        ci = statistics.median(
            wall([make, "-s", "check"], fresh_cache(env, scratch)) for _ in range(runs + 2)
        )
        out.append(
            Row(
                "generation",
                "check as CI runs it: make check, no stamp (renders and compares)",
                ci,
                None,
                "",
                f"<= {CI_CHECK_LIMIT} s",
                ci <= CI_CHECK_LIMIT,
            )
        )
    for case, cmd in (
        ("python -m aistore_models_gen generate --check", python),
        ("make check", [make, "-s", "check"]),
    ):
        if cmd[0] is None:
            continue
        wall(cmd, env)  # a check that renders records the stamp
        noop = statistics.median(wall(cmd, env) for _ in range(runs + 2))
        out.append(
            Row(
                "generation",
                f"no-op check (stamp): {case}",
                noop,
                None,
                "",
                f"<= {NOOP_CHECK_LIMIT} s",
                noop <= NOOP_CHECK_LIMIT,
            )
        )
    return out


def rows(quick: bool) -> list[Row]:
    runs = 2 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
        scratch = Path(tmp)
        env = environment(scratch)
        return generate_rows(scratch, env, runs) + check_rows(scratch, env, runs)
