"""The types of the wire tables, one small class per kind: what `wire.py` is written in.

Each is a tuple tagged with its kind (`Int(-128, 127)` is `("int", -128, 127)`), so the
codec's dispatch stays one index into a tuple while the tables read as types.  The kinds
match the generator's (generator/kinds.py), which writes them.
"""

from __future__ import annotations

from typing import Any, ClassVar


class WireType(tuple[Any, ...]):
    """A wire type: its kind first, then its parameters."""

    __slots__ = ()
    kind: ClassVar[str]

    def __new__(cls, *args: Any) -> WireType:
        return super().__new__(cls, (cls.kind, *args))


class Str(WireType):
    kind = "str"


class Bool(WireType):
    kind = "bool"


class Int(WireType):
    """Int(lo, hi): a Go integer of that range."""

    kind = "int"


class Float(WireType):
    """Float(bits): float32 or float64."""

    kind = "float"


class Bytes(WireType):
    kind = "bytes"


class Base64(WireType):
    """Go []byte whose Python value stays its base64 text."""

    kind = "base64"


class Time(WireType):
    kind = "time"


class Duration(WireType):
    kind = "duration"


class Seconds(WireType):
    """Go time.Duration (int64 nanoseconds on the wire) whose Python value is seconds."""

    kind = "seconds"


class DurationText(WireType):
    """AIStore's cos.Duration: Go duration text in JSON."""

    kind = "duration_text"


class Quantity(WireType):
    """A Kubernetes resource.Quantity: text in JSON."""

    kind = "quantity"


class AnyValue(WireType):
    kind = "any"


class ListOf(WireType):
    """ListOf(item)."""

    kind = "list"


class MapOf(WireType):
    """MapOf(value): string keys."""

    kind = "map"


class Opt(WireType):
    """Opt(inner): may be null (a Go pointer, nil slice or map)."""

    kind = "opt"


class Msg(WireType):
    """Msg(name): a message."""

    kind = "msg"


class EnumOf(WireType):
    """EnumOf(name, zero): zero is Go's zero value of the enum's base type ("" or 0)."""

    kind = "enum"


class Flags(WireType):
    """Flags(name): a set of bit-position enum members, a bitmask on the wire."""

    kind = "flags"


class Interface(WireType):
    """Interface((name, ...)): a Go interface field; the first option that decodes wins."""

    kind = "oneof"
