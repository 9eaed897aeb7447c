"""Formatting: black for Python (generated and copied alike), newline-terminated text elsewhere."""

from __future__ import annotations

import black

MODE = black.Mode(line_length=100, target_versions={black.TargetVersion.PY310})


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {path: _format(path, text) for path, text in sorted(files.items())}


def _format(path: str, text: str) -> str:
    if path.endswith(".py"):
        return black.format_str(text, mode=MODE)
    return text if not text or text.endswith("\n") else text + "\n"
