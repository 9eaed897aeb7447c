"""The public API of the generated package: encode, decode, schema, validate."""

from __future__ import annotations

from typing import Any

import msgspec
import pydantic

from . import limits, models, structs
from .codec import Codec, Fmt, Shape, WireError, go_json_escapes, pointer_token
from .validation import ValidationIssue as ValidationIssue  # re-exported
from .validation import schema as schema
from .validation import validate as validate
from .wire import MESSAGES as _TABLES

MESSAGES: tuple[str, ...] = tuple(_TABLES)


def _build(name: str, shape: Shape, values: Any) -> Any:
    if shape == "model":
        return getattr(models, name).model_validate(values)
    return msgspec.convert(values, getattr(structs, name))


CODEC = Codec(_TABLES, _build)

_JSON = msgspec.json.Encoder()
_MSGPACK = msgspec.msgpack.Encoder()


class DecodeError(ValueError):
    """A payload that cannot become the requested message; `pointer` locates the problem."""

    def __init__(self, pointer: str, message: str):
        self.pointer = pointer
        self.message = message
        super().__init__(f"{pointer or '/'}: {message}")


def _message_of(obj: Any) -> tuple[str, Shape]:
    """The message name and shape ("model" or "struct") of a generated object."""
    for cls in type(obj).__mro__:
        name = cls.__name__
        if name in _TABLES and getattr(models, name, None) is cls:
            return name, "model"
        if name in _TABLES and getattr(structs, name, None) is cls:
            return name, "struct"
    raise TypeError(f"{type(obj).__name__} is not a generated aistore_models message")


def _check_fmt(name: str, fmt: str) -> Fmt:
    if fmt == "msgpack" and not _TABLES[name].msgpack:
        raise ValueError(f"{name} has no MessagePack form in AIStore")
    if fmt not in ("json", "msgpack"):
        raise ValueError(f"fmt must be 'json' or 'msgpack', not {fmt!r}")
    return fmt  # type: ignore[return-value]


def to_wire(obj: Any, fmt: str = "json", *, message: str | None = None) -> Any:
    """obj as the plain values Go would write (dicts in Go field order)."""
    shape: Shape
    if message is None:
        name, shape = _message_of(obj)
    else:
        name, shape = message, "model" if isinstance(obj, pydantic.BaseModel) else "struct"
    if name not in _TABLES:
        raise ValueError(f"unknown message {name!r}")
    return CODEC.encode(obj, name, _check_fmt(name, fmt), shape)


def encode(obj: Any, fmt: str = "json", *, message: str | None = None) -> bytes:
    """Encode a generated model or struct exactly as AIStore's Go encoder would.

    JSON follows AIStore's jsoniter configuration (no HTML escaping, map keys
    sorted, omitempty honoured); MessagePack follows tinylib/msgp.  Pass
    `message` for root types held as plain dicts/lists (msgspec has no root type).
    """
    wire = to_wire(obj, fmt, message=message)
    return go_json_escapes(_JSON.encode(wire)) if fmt == "json" else _MSGPACK.encode(wire)


def decode(data: bytes | str | Any, cls: Any, fmt: str = "json", *, strict: bool = False) -> Any:
    """Decode bytes, str or already-parsed JSON into `cls` (a generated model or struct).

    Go's rules apply: absent keys and null in non-pointer fields become zero
    values; with strict=True unknown keys are rejected, as AIStore's decoder does.
    """
    name, shape = _class_message(cls)
    fmt = _check_fmt(name, fmt)
    plain = _parse(data, fmt)
    try:
        values = CODEC.decode(plain, name, fmt, shape, strict)
    except WireError as exc:
        raise DecodeError(exc.pointer, exc.message) from None
    if shape == "model":
        try:
            return cls.model_validate(values)
        except pydantic.ValidationError as exc:
            err = exc.errors()[0]
            raise DecodeError(_pointer(err["loc"]), err["msg"]) from None
    target = cls if isinstance(cls, type) else getattr(structs, name)
    try:
        return msgspec.convert(values, target)
    except msgspec.ValidationError as exc:
        raise DecodeError(_msgspec_pointer(str(exc)), str(exc)) from None


def _class_message(cls: Any) -> tuple[str, Shape]:
    for name in _TABLES:
        if getattr(models, name, None) is cls:
            return name, "model"
        if getattr(structs, name, None) is cls:
            return name, "struct"
    if isinstance(cls, type):
        for base in cls.__mro__[1:]:
            if base.__name__ in _TABLES:
                shape: Shape = "model" if issubclass(cls, pydantic.BaseModel) else "struct"
                return _class_message(base)[0], shape
    raise TypeError(f"{cls!r} is not a generated aistore_models class")


def _parse(data: Any, fmt: Fmt) -> Any:
    if isinstance(data, (bytes, bytearray, memoryview, str)):
        try:
            return limits.parse(data, fmt)  # depth, UTF-8 and syntax: see limits.py
        except limits.PayloadError as exc:
            raise DecodeError("", str(exc)) from None
    return data


def _pointer(loc: tuple[Any, ...]) -> str:
    return "".join(f"/{pointer_token(p)}" for p in loc)


def _msgspec_pointer(text: str) -> str:
    # msgspec reports "... - at `$.a[0].b`"; turn that path into a JSON pointer.
    if "at `$" not in text:
        return ""
    path = text.rsplit("at `$", 1)[1].rstrip("`")
    out = ""
    for part in path.replace("]", "").replace("[", ".").split("."):
        if part:
            out += "/" + pointer_token(part.strip("'\""))
    return out
