"""The suite against other dependency sets than uv.lock, so that an upgrade is a decision.

    python tests/deps.py run latest   # newest releases of everything pyproject.toml allows
    python tests/deps.py run oldest   # the declared minimums of every direct dependency
    python tests/deps.py moved OLD.lock NEW.lock   # what a `make lock` moved

`run` resolves the set with uv, installs it into a throwaway venv, lists every package
whose version differs from uv.lock, then runs `make test` on that venv and says how it
went.  Exit code: make's.  Standard library only: it runs before any venv exists.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".uv" / "bin" / "uv"
RESOLUTION = {"latest": ["--upgrade"], "oldest": ["--resolution", "lowest-direct"]}


def locked(path: Path) -> dict[str, str]:
    """name -> version in a uv.lock (several versions of one name, for forks, joined by '|')."""
    found: dict[str, set[str]] = {}
    text = path.read_text(encoding="utf-8")  # no tomllib: this runs on Python 3.10 too
    for name, version in re.findall(
        r'^\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"', text, re.M
    ):
        found.setdefault(_norm(name), set()).add(version)
    return {name: "|".join(sorted(versions)) for name, versions in found.items()}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def moved(before: dict[str, str], after: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, "-"), after.get(name, "-")
        if old != new:
            lines.append(f"  {name:32} {old:>14} -> {new}")
    return lines


def run(mode: str) -> int:
    with tempfile.TemporaryDirectory(prefix=f"aistore-models-{mode}-") as scratch:
        venv = Path(scratch) / "venv"
        requirements = Path(scratch) / "requirements.txt"
        env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "VIRTUAL_ENV": str(venv)}
        print(f"deps: resolving the {mode} set", flush=True)
        compile_ = [
            str(UV),
            "pip",
            "compile",
            "--quiet",
            str(ROOT / "pyproject.toml"),
            "--extra",
            "generator",
        ]
        compile_ += ["--group", "dev", *RESOLUTION[mode], "--no-header", "-o", str(requirements)]
        subprocess.run(compile_, check=True, env=env, cwd=ROOT)
        subprocess.run(
            [str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=env
        )
        print(f"deps: installing it into {venv}", flush=True)
        subprocess.run(
            [str(UV), "pip", "install", "--quiet", "-r", str(requirements)], check=True, env=env
        )
        subprocess.run(
            [str(UV), "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)],
            check=True,
            env=env,
        )
        chosen = _installed(venv, env)
        ours = locked(ROOT / "uv.lock")
        # A lock may hold several versions of a package (one per Python): any of them is "locked".
        same = {k for k, v in chosen.items() if v in ours.get(k, "-").split("|")}
        diff = moved(
            {k: ours.get(k, "-") for k in chosen if k not in same},
            {k: chosen[k] for k in chosen if k not in same},
        )
        print(f"deps: {len(diff)} package(s) differ from uv.lock ({mode} -> this run):")
        print("\n".join(diff) or "  none")
        # The venv is ready: stamps newer than the lock tell make not to sync it.
        for stamp in (".synced-generator", ".synced-dev"):
            (venv / stamp).touch()
        print(f"deps: make test on the {mode} set", flush=True)
        done = subprocess.run(["make", "--no-print-directory", "test", f"VENV={venv}"], cwd=ROOT)
        verdict = "passed" if done.returncode == 0 else f"FAILED (make exit {done.returncode})"
        print(f"deps: make test on the {mode} set {verdict}; differences from uv.lock above")
        return done.returncode


def _installed(venv: Path, env: dict[str, str]) -> dict[str, str]:
    frozen = subprocess.run(
        [str(UV), "pip", "freeze"], check=True, env=env, capture_output=True, text=True
    )
    out = {}
    for line in frozen.stdout.splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            out[_norm(name)] = version.strip()
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "run" and argv[1] in RESOLUTION:
        return run(argv[1])
    if len(argv) == 3 and argv[0] == "moved":
        before = locked(Path(argv[1])) if Path(argv[1]).exists() else {}
        lines = moved(before, locked(Path(argv[2])))
        print(f"lock: {len(lines)} package(s) moved" + (":" if lines else ""))
        print("\n".join(lines))
        return 0
    print(__doc__.strip().splitlines()[2], file=sys.stderr)
    print("usage: deps.py run latest|oldest | deps.py moved OLD.lock NEW.lock", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
