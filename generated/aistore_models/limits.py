# Copied from generator/runtime/limits.py by aistore-models-gen. Edit the original.
"""Parsing payload bytes with limits: every broken or hostile input becomes a PayloadError.

- Nesting: at most MAX_DEPTH arrays/objects inside the top-level value, exactly the
  limit of pydantic's JSON parser (the models' fast path), so both paths agree.  msgspec
  itself stops at the interpreter's recursion limit, checked in C on every level, so
  deeper input can never overflow the stack; MAX_DEPTH, well below it, leaves room for
  the Python code that walks the value later (encoding `any` takes two frames a level).
  Go's decoders (encoding/json, jsoniter) stop at 10000 levels; AIStore's messages nest
  about ten.
- Invalid UTF-8 is refused (Go's jsoniter would pass the bytes through; a Python
  str cannot hold them).
- Numbers beyond float64 (1e400, a 400-digit integer) are malformed; integer
  fields are then range-checked against their Go type by the codec.
- Duplicate keys: the last one wins, as in Go's encoding/json, jsoniter and tinylib/msgp.
- Truncated or trailing data is malformed.
"""

from __future__ import annotations

from typing import Any

import msgspec

from . import syntax
from .gorules import FLOAT64_OVERFLOW

MAX_DEPTH = 200


class PayloadError(ValueError):
    """Bytes that cannot be read as a payload; the message says why, in one line, and
    `rule` names it for `validate` ("syntax", or a named divergence from Go)."""

    def __init__(self, message: str, rule: str = "syntax"):
        super().__init__(message)
        self.rule = rule


def parse(data: bytes | bytearray | memoryview | str, fmt: str) -> Any:
    """JSON or MessagePack bytes (JSON also str) -> plain values, or PayloadError."""
    try:
        if fmt == "json":
            value = msgspec.json.decode(data)
        elif isinstance(data, str):
            raise PayloadError("MessagePack data must be bytes, not str")
        else:
            value = msgspec.msgpack.decode(data)
    except msgspec.DecodeError:  # msgspec decides; the words and offsets are ours (syntax.py)
        why = _explain(data, fmt)
        if why == syntax.UNREADABLE and fmt == "json" and _may_hold_surrogate(data):
            lone = syntax.lone_surrogate(data)
            if lone:  # Go would read it (as U+FFFD): a named divergence, not bad syntax
                raise PayloadError(f"malformed json: {lone}", "lone-surrogate") from None
        raise PayloadError(f"malformed {fmt}: {why}") from None
    except RecursionError:  # msgspec's own guard, at the interpreter's recursion limit
        raise PayloadError(f"malformed {fmt}: nested deeper than {MAX_DEPTH} levels") from None
    except UnicodeError:  # msgspec's UTF-8 checks vary by version: ours decide the words
        raise PayloadError(f"malformed {fmt}: {_explain(data, fmt)}") from None
    if _may_be_deep(data, fmt) and _deeper_than(value, MAX_DEPTH + 1):
        raise PayloadError(f"malformed {fmt}: nested deeper than {MAX_DEPTH} levels")
    if fmt == "json" and may_hold_huge_int(data):
        if _has_huge_int(value):  # msgspec reads it; Go refuses it anywhere (float64, or a
            # narrower int): its decoders have nothing that holds it
            raise PayloadError("malformed json: an integer beyond float64's range (about 1.8e308)")
    return value


def _may_hold_surrogate(data: bytes | bytearray | memoryview | str) -> bool:
    if isinstance(data, str):
        return "\\u" in data and ("\\ud" in data or "\\uD" in data)
    raw = bytes(data) if not isinstance(data, bytes) else data
    return b"\\u" in raw and (b"\\ud" in raw or b"\\uD" in raw)


def _explain(data: bytes | bytearray | memoryview | str, fmt: str) -> str:
    if fmt == "json":
        return syntax.explain_json(data)
    assert not isinstance(data, str)
    return syntax.explain_msgpack(data)


# Fewer digits in a row than this fit in a float64 (its largest is about 1.8e308).
_HUGE = b"1" * 309
_DIGITS_AS_ONES = bytes.maketrans(b"0123456789", b"1" * 10)


def may_hold_huge_int(data: bytes | bytearray | memoryview | str) -> bool:
    """Whether JSON text has a run of digits long enough for an integer beyond float64 (two
    passes in C: much faster than a regular expression, which retries at every digit)."""
    raw = data.encode() if isinstance(data, str) else bytes(data)
    return len(raw) >= len(_HUGE) and _HUGE in raw.translate(_DIGITS_AS_ONES)


def _has_huge_int(value: Any) -> bool:
    """Whether a plain value holds an integer beyond float64's range."""
    stack = [value]
    while stack:
        node = stack.pop()
        if node.__class__ is int and node.bit_length() > 1023 and abs(node) >= FLOAT64_OVERFLOW:
            return True
        if node.__class__ is dict:
            stack.extend(node.values())
        elif node.__class__ is list:
            stack.extend(node)
    return False


def _may_be_deep(data: bytes | bytearray | memoryview | str, fmt: str) -> bool:
    """Cheap necessary condition: each level costs one opening bracket (JSON) or one byte."""
    if fmt == "json":
        raw = data.encode() if isinstance(data, str) else bytes(data)
        return raw.count(b"[") + raw.count(b"{") > MAX_DEPTH + 1
    return len(data) > MAX_DEPTH + 1


_CONTAINERS = {dict, list}


def _deeper_than(value: Any, limit: int) -> bool:
    """True if containers nest more than `limit` deep (the top-level one counts).  Level by
    level, without
    recursion; a container holding only scalars costs one C-level type scan."""
    level: list[Any] = [value] if value.__class__ in _CONTAINERS else []
    for _ in range(limit):
        deeper: list[Any] = []
        for item in level:
            children = item.values() if item.__class__ is dict else item
            if not _CONTAINERS.isdisjoint(map(type, children)):
                deeper += [c for c in children if c.__class__ is dict or c.__class__ is list]
        if not deeper:
            return False
        level = deeper
    return True
