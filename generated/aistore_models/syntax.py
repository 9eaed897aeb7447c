# Copied from generator/runtime/syntax.py by aistore-models-gen. Edit the original.
"""Why bytes are not a payload, in our own words: used only after the fast parser refused them.

The parser (msgspec) decides; this module explains, so the wording and the byte offsets
are ours and stay the same whichever parser version is installed.  Each function returns
one line such as "invalid UTF-8 at byte 15" or "truncated: the data ends inside a value".
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_BOM = "\ufeff"


def explain_json(data: bytes | bytearray | memoryview | str) -> str:
    if isinstance(data, str):
        text = data
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(text[exc.start])
            return f"lone surrogate U+{code:04X} at character {exc.start}: not UTF-8 text"
    else:
        raw = bytes(data)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return f"invalid UTF-8 at byte {exc.start}"
    if text.startswith(_BOM):
        return (
            "starts with a byte-order mark (U+FEFF); JSON payloads must not have one "
            "(save the file as UTF-8 without a BOM)"
        )
    start = len(text) - len(text.lstrip(" \t\r\n"))
    if start == len(text):
        what = "empty" if not text else "only whitespace"
        return f"{what}: no JSON value (a payload is one JSON object, e.g. {{}})"
    decoder = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)
    try:
        _, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text):
            return f"truncated: the data ends inside a value at {_place(text, len(text))}"
        return f"unexpected character {text[exc.pos]!r} at {_place(text, exc.pos)}"
    except _NotJSON as exc:
        return str(exc)
    except ValueError:  # an integer longer than the interpreter converts
        return "a number too long to read"
    except RecursionError:
        return "nested too deeply to read"
    rest = len(text) - len(text[end:].lstrip(" \t\r\n"))
    if rest < len(text):
        return f"trailing data after the value at {_place(text, rest)}"
    return UNREADABLE


UNREADABLE = "not a JSON value this package can read"  # the syntax is fine: something else


# A \uD800-\uDFFF escape that is not half of a pair (an escaped backslash before it aside).
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u(?:[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|[dD][c-fC-F][0-9a-fA-F]{2})"
)


def lone_surrogate(data: bytes | bytearray | memoryview | str) -> str:
    """Why JSON text with an unpaired UTF-16 surrogate escape is refused ('' if it has none):
    Go reads one as U+FFFD, silently; Python strings cannot be UTF-8 with one."""
    text = data if isinstance(data, str) else bytes(data).decode("utf-8", "replace")
    for match in _LONE_SURROGATE.finditer(text):
        if _pair_before(text, match):
            continue
        at = match.end() - 6
        return (
            f"a lone UTF-16 surrogate escape {text[at : at + 6]} at {_place(text, at)}: "
            "AIStore would read it as U+FFFD"
        )
    return ""


def _pair_before(text: str, match: re.Match[str]) -> bool:
    """A low surrogate escape that completes the high one just before it."""
    at = match.end() - 6
    return (
        text[at + 2] in "dD"
        and text[at + 3] in "cdefCDEF"
        and (re.fullmatch(r"\\u[dD][89abAB][0-9a-fA-F]{2}", text[at - 6 : at]) is not None)
    )


class _NotJSON(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotJSON(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotJSON(f"number {text} is beyond float64")
    return value


def _place(text: str, pos: int) -> str:
    """line L, column C (byte B): columns count characters, bytes count UTF-8."""
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    byte = len(text[:pos].encode("utf-8", "surrogatepass"))
    return f"line {line}, column {column} (byte {byte})"


# MessagePack: the length of each format's header and how its payload is sized.
# kind: "n" fixed-size scalar (size bytes follow), "str"/"bin"/"ext" sized by a
# length field of `size` bytes, "array"/"map" counted by a field of `size` bytes.
_FIXED = {0xC0: 0, 0xC2: 0, 0xC3: 0, 0xCA: 4, 0xCB: 8, 0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}
_FIXED |= {0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}
_SIZED = {0xC4: ("bin", 1), 0xC5: ("bin", 2), 0xC6: ("bin", 4)}
_SIZED |= {0xC7: ("ext", 1), 0xC8: ("ext", 2), 0xC9: ("ext", 4)}
_SIZED |= {0xD9: ("str", 1), 0xDA: ("str", 2), 0xDB: ("str", 4)}
_SIZED |= {0xDC: ("array", 2), 0xDD: ("array", 4), 0xDE: ("map", 2), 0xDF: ("map", 4)}
_FIXEXT = {0xD4: 1, 0xD5: 2, 0xD6: 4, 0xD7: 8, 0xD8: 16}


class _Stop(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def explain_msgpack(data: bytes | bytearray | memoryview) -> str:
    raw = bytes(data)
    if not raw:
        return "empty: no MessagePack value"
    try:
        end = _skip_values(raw, 0, 1)
    except _Stop as stop:
        return stop.reason
    if end < len(raw):
        return f"trailing data after the value at byte {end}"
    return "not a MessagePack value this package can read"


def _take(raw: bytes, pos: int, size: int) -> int:
    if pos + size > len(raw):
        raise _Stop("truncated: the data ends inside a value")
    return int.from_bytes(raw[pos : pos + size], "big")


def _skip_values(raw: bytes, pos: int, count: int) -> int:
    """Skip `count` values from pos; iterative, so depth costs no stack."""
    while count:
        count -= 1
        head = _take(raw, pos, 1)
        pos += 1
        if head <= 0x7F or head >= 0xE0:
            continue
        if head <= 0x8F:
            count += 2 * (head & 0x0F)
        elif head <= 0x9F:
            count += head & 0x0F
        elif head <= 0xBF:
            pos = _skip_str(raw, pos, head & 0x1F)
        elif head in _FIXED:
            _take(raw, pos, _FIXED[head])
            pos += _FIXED[head]
        elif head in _FIXEXT:
            _take(raw, pos, 1 + _FIXEXT[head])
            pos += 1 + _FIXEXT[head]
        elif head in _SIZED:
            kind, size = _SIZED[head]
            length = _take(raw, pos, size)
            pos += size
            if kind == "str":
                pos = _skip_str(raw, pos, length)
            elif kind in ("bin", "ext"):
                extra = 1 if kind == "ext" else 0
                _take(raw, pos, length + extra)
                pos += length + extra
            else:
                count += length * (2 if kind == "map" else 1)
        else:
            raise _Stop(f"byte 0x{head:02x} at byte {pos - 1} starts no MessagePack value")
    return pos


def _skip_str(raw: bytes, pos: int, length: int) -> int:
    _take(raw, pos, length)
    try:
        raw[pos : pos + length].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Stop(f"invalid UTF-8 at byte {pos + exc.start}") from None
    return pos + length
