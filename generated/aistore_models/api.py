# Copied from generator/runtime/api.py by aistore-models-gen. Edit the original.
"""The public API of the generated package: encode, decode, schema, validate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
import pydantic

from . import limits, servers
from .codec import DecodeError as DecodeError  # re-exported: am.DecodeError
from .codec import EncodeError as EncodeError  # re-exported: am.EncodeError
from .codec import (
    Fmt,
    Shape,
    TypeSpec,
    Unwritable,
    WireField,
    flatten,
    go_json_escapes,
    pointer_token,
)
from .compiled import CompiledCodec, msgpack_direct, nil_lists, zero_defaults
from .conventions import WIRE_CONTEXT
from .gorules import NOT_ON_WIRE
from .registry import CLASSES
from .registry import MESSAGES as _TABLES
from .structjson import StructDecoders
from .validation import ValidationIssue as ValidationIssue  # re-exported
from .validation import schema as schema
from .validation import validate as validate
from .wirevalidator import WireValidators

MESSAGES: tuple[str, ...] = tuple(_TABLES)


def _build(name: str, shape: Shape, values: Any) -> Any:
    if shape == "model":
        return getattr(CLASSES.models, name).model_validate(values, context=WIRE_CONTEXT)
    return _as_struct(getattr(CLASSES.structs, name), values)


def _as_struct(cls: Any, values: Any) -> Any:
    """Decoded values as an instance of a struct class (or of a root type's dict or list)."""
    held = _held_type(cls)
    if held is None:
        return msgspec.convert(values, cls)
    return None if values is None else cls(msgspec.convert(values, held))  # None: Go's nil


def _held_type(cls: Any) -> Any:
    """The dict[...] or list[...] a root struct class subclasses (None for other classes)."""
    for base in getattr(cls, "__orig_bases__", ()):
        if getattr(base, "__origin__", None) in (dict, list):
            return base
    return None


CODEC = CompiledCodec(_TABLES, _build)

_JSON = msgspec.json.Encoder()
_MSGPACK = msgspec.msgpack.Encoder()


def _message_of(obj: Any) -> tuple[str, Shape]:
    """The message name and shape ("model" or "struct") of a generated object."""
    try:
        return _MESSAGE_OF[type(obj)]
    except KeyError:
        _MESSAGE_OF[type(obj)] = found = _find_message(obj)
        return found


_MESSAGE_OF: dict[type, tuple[str, Shape]] = {}


def _find_message(obj: Any) -> tuple[str, Shape]:
    for cls in type(obj).__mro__:
        name = cls.__name__
        if name in _TABLES and getattr(CLASSES.models, name, None) is cls:
            return name, "model"
        if name in _TABLES and getattr(CLASSES.structs, name, None) is cls:
            return name, "struct"
    raise TypeError(f"{type(obj).__name__} is not a generated aistore_models message")


def _check_fmt(name: str, fmt: str) -> Fmt:
    if fmt == "msgpack" and not _TABLES[name].msgpack:
        raise ValueError(f"{name} has no MessagePack form in AIStore")
    if fmt not in ("json", "msgpack"):
        raise ValueError(f"fmt must be 'json' or 'msgpack', not {fmt!r}")
    return fmt  # type: ignore[return-value]


def to_wire(
    obj: Any, fmt: str = "json", *, message: str | None = None, server: str | None = None
) -> Any:
    """obj as the plain values Go would write (dicts in Go field order); for `server` (an
    AIStore version, "v1.4.7"), without the fields it lacks (see `encode`)."""
    shape: Shape
    if message is None:
        name, shape = _message_of(obj)
    else:
        name, shape = message, "model" if isinstance(obj, pydantic.BaseModel) else "struct"
    if name not in _TABLES:
        raise ValueError(f"unknown message {name!r}")
    fmt = _check_fmt(name, fmt)
    try:
        wire = CODEC.encode(obj, name, fmt, shape)
    except Unwritable:
        CODEC.explain(obj, name, fmt, shape)  # raises EncodeError at the value
        raise
    if server is not None:
        servers.fit(wire, obj, name, fmt, server, _TABLES, _zero_for_servers)
    return wire


def _zero_for_servers(value: Any, field: WireField, fmt: Fmt) -> bool:
    """Go's zero value: what a server without the field assumes, so leaving it out is exact."""
    if value is None or value == [] or value == {}:
        return True
    return CODEC.omitted(value, field._replace(omit="empty", nullable=False), fmt)


def encode(
    obj: Any, fmt: str = "json", *, message: str | None = None, server: str | None = None
) -> bytes:
    """Encode a generated model or struct exactly as AIStore's Go encoder would.

    JSON follows AIStore's jsoniter configuration (no HTML escaping, map keys
    sorted, omitempty honoured); MessagePack follows tinylib/msgp.  Pass
    `message` for root types held as plain dicts/lists (msgspec has no root type).
    `server` (an AIStore version, "v1.4.7") leaves out the fields that server lacks where
    they hold Go's zero value, and refuses them otherwise (EncodeError): AIStore rejects
    unknown keys.
    """
    if fmt == "json" and message is None and server is None:
        write = _JSON_WRITERS.get(obj.__class__)
        if write is None:
            write = _JSON_WRITERS[obj.__class__] = _json_writer(obj)
        return write(obj)
    wire = to_wire(obj, fmt, message=message, server=server)
    if fmt != "json":
        return _MSGPACK.encode(wire)
    return go_json_escapes(_JSON.encode(CODEC.go_floats(wire, _name_of(obj, message))))


def _json_writer(obj: Any) -> Callable[[Any], bytes]:
    """`encode(obj)` for one class, JSON: the same steps as `to_wire` and `encode` with what
    they look up bound once (a control message is a few microseconds' work)."""
    name, shape = _message_of(obj)
    encoder = CODEC.encoder(name, "json", shape)
    floats = CODEC._can_hold_float(("msg", name))  # else go_floats has nothing to rewrite
    json_encode = _JSON.encode

    def write(obj: Any) -> bytes:
        try:
            wire = encoder(obj)
        except Unwritable:
            CODEC.explain(obj, name, "json", shape)  # raises EncodeError at the value
            raise
        if floats:
            wire = CODEC.go_floats(wire, name)
        return go_json_escapes(json_encode(wire))

    return write


_JSON_WRITERS: dict[type, Callable[[Any], bytes]] = {}


def _name_of(obj: Any, message: str | None) -> str:
    return message if message is not None else _message_of(obj)[0]


def decode(data: bytes | str | Any, cls: Any, fmt: str = "json", *, strict: bool = False) -> Any:
    """Decode bytes, str or already-parsed JSON into `cls` (a generated model or struct).

    Go's rules apply: absent keys and JSON null in non-pointer fields become zero
    values; with strict=True unknown JSON keys are rejected, as AIStore's decoder does.
    MessagePack is read as tinylib/msgp reads it: unknown keys are skipped, and nil is
    refused but where Go has a pointer or an interface.
    """
    name, shape = _class_message(cls)
    fmt = _check_fmt(name, fmt)
    strict = strict and fmt == "json"  # tinylib/msgp skips unknown keys, and so do we
    fast = _fast_decoder(cls, name, shape, fmt, strict)
    if fast is not None:
        try:
            return fast(data)
        except Exception:  # the reference path below decides, and words the error
            pass
    return _decode_reference(data, cls, name, shape, fmt, strict)


def _fast_decoder(
    cls: Any, name: str, shape: Shape, fmt: Fmt, strict: bool
) -> Callable[[Any], Any] | None:
    """A decoder that gives the reference result or raises (see compiled.py), or None."""
    key = (cls, fmt, strict)
    if key not in _FAST:
        fast = None
        canonical = cls is getattr(CLASSES.structs if shape == "struct" else CLASSES.models, name)
        if (
            canonical
            and shape == "struct"
            and fmt == "msgpack"
            and not strict
            and msgpack_direct(CODEC, name)
            and zero_defaults(CODEC, CLASSES.structs, name)
        ):
            # (a Python-only field is typed so that msgspec decodes nothing but nil into it)
            fast = _nil_lists(msgspec.msgpack.Decoder(cls).decode, nil_lists(CODEC, name))
        if canonical and shape == "model" and fmt == "json":
            fast = VALIDATORS.decoder(name, strict)
        if canonical and shape == "struct" and fmt == "json":
            fast = STRUCT_JSON.decoder(name, strict)
        _FAST[key] = fast
    return _FAST[key]


_FAST: dict[tuple[Any, Fmt, bool], Callable[[Any], Any] | None] = {}


def _nil_lists(
    decode: Callable[[Any], Any], fields: list[tuple[str, bytes]]
) -> Callable[[Any], Any]:
    """msgspec's decode, with Go's reading of its nil-able lists (compiled.nil_lists): an empty
    array becomes None; where msgspec left None (the key absent, or a nil Go refuses) and
    the bytes may hold that nil, the reference path decides (a false alarm, inside some
    string, only costs the slower path).  A listing page holds its entries: no search."""
    if not fields:
        return decode

    def run(data: Any) -> Any:
        obj = decode(data)
        for attr, marker in fields:
            value = getattr(obj, attr)
            if value == []:
                setattr(obj, attr, None)
            elif value is None and (data.__class__ is not bytes or marker in data):
                raise ValueError("a nil for a list, maybe: the reference path decides")
        return obj

    return run


def _zero_model(name: str) -> Any:
    """A non-pointer struct field the payload leaves unset, as the reference path builds it."""
    return _decode_reference({}, getattr(CLASSES.models, name), name, "model", "json", False)


VALIDATORS = WireValidators(CODEC, CLASSES.models, _zero_model)
STRUCT_JSON = StructDecoders(CODEC, CLASSES.structs)


def _decode_reference(data: Any, cls: Any, name: str, shape: Shape, fmt: Fmt, strict: bool) -> Any:
    """Go's rules, table-driven: parse, apply the wire tables, then build the class."""
    plain = _parse(data, fmt)
    values = CODEC.decode(plain, name, fmt, shape, strict)
    if shape == "model":
        try:
            model = cls.model_validate(values, context=WIRE_CONTEXT)
        except pydantic.ValidationError as exc:
            err = exc.errors()[0]
            raise DecodeError(_pointer(err["loc"]), err["msg"]) from None
        _mark_set(model, plain, name, fmt)
        return model
    target = cls if isinstance(cls, type) else getattr(CLASSES.structs, name)
    try:
        return _as_struct(target, values)
    except msgspec.ValidationError as exc:
        raise DecodeError(_msgspec_pointer(str(exc)), str(exc)) from None


def _mark_set(model: Any, data: Any, name: str, fmt: Fmt) -> None:
    """model_fields_set = the fields whose keys the payload has (recursively), as pydantic
    (and the SDK) set it when validating JSON; zero values filled in are not "set"."""
    message = _TABLES[name]
    if message.root is not None:
        _mark_value(model.root, data, message.root, fmt)
        return
    present: set[str] = set()
    _mark_fields(model, data if isinstance(data, dict) else {}, name, fmt, present)
    object.__setattr__(model, "__pydantic_fields_set__", present)


def _mark_fields(model: Any, data: dict[str, Any], name: str, fmt: Fmt, present: set[str]) -> None:
    """Fill `present` (the model's own) and the fields_set of each nested embedded model."""
    holders: dict[tuple[str, ...], Any] = {(): model}
    sets: dict[tuple[str, ...], set[str]] = {(): present}
    for placed in flatten(_TABLES, name):
        field, path = placed.field, placed.nested()
        for depth in range(1, len(path) + 1):
            if path[:depth] not in holders:
                holders[path[:depth]] = getattr(holders[path[: depth - 1]], path[depth - 1])
                sets[path[:depth]] = set()
        key = field.json if fmt == "json" else field.msgpack
        if key == NOT_ON_WIRE:
            continue
        if key in data:
            sets[path].add(field.attr)
        _mark_value(getattr(holders[path], field.attr), data.get(key), field.type, fmt)
    for path in sorted(sets, key=len, reverse=True)[:-1]:  # innermost first; () is the caller's
        object.__setattr__(holders[path], "__pydantic_fields_set__", sets[path])
        if sets[path]:
            sets[path[:-1]].add(path[-1])


def _mark_value(value: Any, data: Any, spec: TypeSpec, fmt: Fmt) -> None:
    kind = spec[0]
    if kind == "opt":
        _mark_value(value, data, spec[1], fmt)
    elif kind in ("msg", "oneof") and isinstance(value, pydantic.BaseModel):
        _mark_set(value, data, _find_class_message(type(value))[0], fmt)
    elif kind == "list" and isinstance(value, list) and isinstance(data, list):
        for item, item_data in zip(value, data, strict=False):  # lengths agree; zip for brevity
            _mark_value(item, item_data, spec[1], fmt)
    elif kind == "map" and isinstance(value, dict) and isinstance(data, dict):
        for key, item in value.items():
            _mark_value(item, data.get(key), spec[1], fmt)


def _class_message(cls: Any) -> tuple[str, Shape]:
    try:
        return _CLASS_MESSAGE[cls]
    except (KeyError, TypeError):  # TypeError: an unhashable cls, reported below
        found = _find_class_message(cls)
    _CLASS_MESSAGE[cls] = found
    return found


_CLASS_MESSAGE: dict[Any, tuple[str, Shape]] = {}


def _find_class_message(cls: Any) -> tuple[str, Shape]:
    for name in _TABLES:
        if getattr(CLASSES.models, name, None) is cls:
            return name, "model"
        if getattr(CLASSES.structs, name, None) is cls:
            return name, "struct"
    if isinstance(cls, type):
        for base in cls.__mro__[1:]:
            if base.__name__ in _TABLES:
                shape: Shape = "model" if issubclass(cls, pydantic.BaseModel) else "struct"
                return _find_class_message(base)[0], shape
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
