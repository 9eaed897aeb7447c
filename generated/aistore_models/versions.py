# Copied from generator/runtime/versions.py by aistore-models-gen. Edit the original.
"""AIStore versions: how they sort, and which of them know a field (`added:`/`removed:`).

The generator's `drift` and the package's `encode(..., server=)` read ranges through these
functions only; they need nothing but the standard library.
"""

from __future__ import annotations

import re

_VERSION = re.compile(r"v(\d+)\.(\d+)\.(\d+)")


def version_key(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of `vX.Y.Z`; ValueError for anything else."""
    match = _VERSION.fullmatch(version)
    if match is None:
        raise ValueError(f"{version!r} is not an AIStore version; write it like 'v1.5.0'")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def known_in(added: str, removed: str, version: str) -> bool:
    """Does AIStore `version` have a field that exists from `added` until before `removed`
    (either empty: no bound)?  The one reading of a field's range: drift and encode ask it."""
    key = version_key(version)
    return not (added and key < version_key(added)) and not (
        removed and key >= version_key(removed)
    )


def span(added: str, removed: str) -> str:
    """The versions that know such a field, in words ("" when all do)."""
    if added and removed:
        return f"from {added} until before {removed}"
    return f"from {added}" if added else f"until before {removed}" if removed else ""
