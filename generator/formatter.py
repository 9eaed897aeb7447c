"""Formatting: black's style for Python (generated and copied alike), newline-terminated text
elsewhere.

Python goes through `ruff format` (black's style, written in Rust: ~30 ms for the
whole package where black takes ~2 s) in one call, or through black itself where
ruff is not installed or refuses the input (black then says why).  Both are run
with black's settings here (line length 100, Python 3.10); `make lint` runs
`black --check` on generated/, so the package is black's output whichever ran.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LINE_LENGTH, TARGET = 100, "py310"


def format_files(files: dict[str, str]) -> dict[str, str]:
    python = format_python({path: text for path, text in files.items() if path.endswith(".py")})
    return {
        path: python[path] if path in python else _text(text)
        for path, text in sorted(files.items())
    }


def format_python(files: dict[str, str]) -> dict[str, str]:
    """{path: source} -> {path: formatted source}."""
    if not files:
        return {}
    formatted = _ruff(files)
    if formatted is None:
        formatted = {path: _black(text) for path, text in files.items()}
    return formatted


def _text(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _ruff(files: dict[str, str]) -> dict[str, str] | None:
    """All files in one `ruff format` run over a scratch directory; None if ruff cannot."""
    binary = _ruff_binary()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="aistore-models-fmt-") as scratch:
        root = Path(scratch)
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        args = ["format", "--isolated", "--no-cache", "--quiet", f"--line-length={LINE_LENGTH}"]
        args += [f"--target-version={TARGET}", str(root)]
        done = subprocess.run(
            [binary, *args], capture_output=True, env={**os.environ, "NO_COLOR": "1"}
        )
        if done.returncode != 0:
            return None  # e.g. a syntax error: black reports it
        return {path: (root / path).read_text(encoding="utf-8") for path in files}


def _ruff_binary() -> str | None:
    try:
        # the ruff wheel's own lookup (the wheel ships no type information)
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        return shutil.which("ruff")


def _black(text: str) -> str:
    import black  # only when ruff is missing or refuses: black's import alone takes ~0.1 s

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.mode.TargetVersion.PY310})
    result: str = black.format_str(text, mode=mode)
    return result
