"""Checks AIStore's own decoders make beyond Go's types, each as AIStore words it in its code.

Some messages validate themselves when they are read (apc.MossIn.UnmarshalJSON, api/apc/ml.go:
an object name, an archive path, a byte range). The schema names them per message (`checks:`);
decode and encode refuse what AIStore would refuse, and `validate` says so (rule
"aistore-check"). Each function takes the JSON values and returns the reason, or "".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def _path(what: str, path: str) -> str:
    """cos._validatePath: no "~/" at the start, no "." or ".." segment."""
    if path.startswith("~/"):
        return f"invalid {what} {path!r}: starts with ~/"
    for segment in path.split("/"):
        if segment in (".", ".."):
            return f"invalid {what} {path!r}: a {segment!r} path segment"
    return ""


def object_name(value: Any) -> str:
    """cos.ValidateOname: not empty, no trailing slash, a clean path."""
    if not isinstance(value, str):
        return ""  # a type problem, reported as such
    if value == "":
        return "invalid object name '': AIStore needs a name"
    if value.endswith("/"):
        return f"invalid object name {value!r}: ends with /"
    return _path("object name", value)


def archive_path(value: Any) -> str:
    """cos.ValidateArchpath, when given: no trailing slash, a clean path."""
    if not isinstance(value, str) or value == "":
        return ""
    if value.endswith("/"):
        return f"invalid archpath {value!r}: ends with /"
    return _path("archpath", value)


def byte_range(start: Any, length: Any) -> str:
    """MossIn's range: start >= 0, length >= -1 (-1: to the end), and a non-zero start
    needs a length (0 with start 0 is the whole object)."""
    if not (isinstance(start, int) and isinstance(length, int)):
        return ""
    if start < 0 or length < -1 or (start != 0 and length == 0):
        return f"not satisfiable range start={start}, length={length}"
    return ""


# The same rules as JSON Schema (ECMA-262 patterns; [\s\S] since `.` skips line breaks,
# which object names may hold): a path with no "." or ".." segment, not under "~/", no
# trailing "/". An absent or null key is Go's zero value ("", 0).
_CLEAN_PATH = r"(?!~/)(?![\s\S]*/$)(?!([\s\S]*/)?\.\.?(/|$))[\s\S]+"


def json_schema(name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """The check as a JSON Schema fragment of the message (an `allOf` item)."""
    if name == "object-name":
        return {"required": [keys[0]], "properties": {keys[0]: {"pattern": f"^{_CLEAN_PATH}$"}}}
    if name == "archive-path":
        return {"properties": {keys[0]: {"pattern": f"^$|^{_CLEAN_PATH}$"}}}
    start, length = keys
    zero = {"enum": [0, None]}
    return {
        "properties": {start: {"minimum": 0}, length: {"minimum": -1}},
        "if": {"properties": {start: {"not": zero}}, "required": [start]},
        "then": {"properties": {length: {"not": zero}}, "required": [length]},
    }


def refuses_zero(checks: Any) -> bool:
    """Whether a message with these checks refuses its own zero value (and so a JSON null
    where it is an element): an object name must be given."""
    return any(check == "object-name" for check, _ in checks)


# check name -> (function, how many keys it reads)
CHECKS: dict[str, tuple[Callable[..., str], int]] = {
    "object-name": (object_name, 1),
    "archive-path": (archive_path, 1),
    "byte-range": (byte_range, 2),
}


def problems(
    checks: tuple[tuple[str, tuple[str, ...]], ...], wire: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """(JSON key, reason) for each check a message's wire values fail (an absent key or JSON
    null is Go's zero value: "" or 0)."""
    out: list[tuple[str, str]] = []
    for name, keys in checks:
        check, _ = CHECKS[name]
        zero = 0 if name == "byte-range" else ""
        values = [zero if wire.get(key) is None else wire[key] for key in keys]
        reason = check(*values)
        if reason:
            out.append((keys[-1] if name == "byte-range" else keys[0], reason))
    return out
