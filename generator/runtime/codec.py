"""Go-exact wire codec, driven by the generated wire tables (wire.py).

Encoding turns a pydantic model or a msgspec struct into plain values in Go's
field order, applying omitempty/omitzero, `,string`, base64 and embedded-struct
flattening; msgspec then writes the bytes.  Decoding does the reverse with Go's
rules: absent keys and `null` in non-pointer fields become zero values, unknown
keys are rejected in strict mode (as AIStore's decoder does).

Shapes: "model" objects keep embedded structs nested under their Python
attribute; "struct" objects are flat, as on the wire.
"""

from __future__ import annotations

import base64
import binascii
import enum
import math
import re
import struct
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple

import msgspec

from . import aischecks
from .gorules import INT_RANGES, NOT_ON_WIRE, QUOTED_INT, SCALAR_ZERO, ZERO_TIME, go_float_text

Fmt = Literal["json", "msgpack"]
Shape = Literal["model", "struct"]
TypeSpec = tuple[Any, ...]  # a wiretypes.py class: Int(lo, hi) is ("int", lo, hi), Msg(name), ...


class WireField(NamedTuple):
    attr: str  # Python attribute name
    json: str  # JSON key
    msgpack: str  # MessagePack key
    type: TypeSpec
    omit: str = ""  # "", "empty" (omitempty) or "zero" (omitzero)
    string: bool = False  # Go ,string
    nullable: bool = False
    embed: str = (
        ""  # "nested" or "flat": type is ("msg", name), flattened into the parent on the wire
    )
    local: bool = False  # Python-only
    # (sibling attribute, ((its value, message), ...)): the message AIStore decodes this `any`
    # value into, picked by the sibling's value (ActMsg.Value by Action)
    select: tuple[Any, ...] = ()
    # (added, removed): the AIStore versions that know the field (servers.py); () for all
    versions: tuple[str, str] | tuple[()] = ()


class WireMessage(NamedTuple):
    name: str
    fields: tuple[WireField, ...] = ()
    root: TypeSpec | None = None
    msgpack: bool = False
    # what AIStore's own decoder checks (aischecks.py): (check, JSON keys)
    checks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignores_unknown: bool = False  # its own UnmarshalJSON skips unknown keys, strict or not
    # which way it travels (schema `direction:`; generator/directions.py)
    directions: tuple[str, ...] = ("request", "response")


class DecodeError(ValueError):
    """A payload that cannot become the requested message; `pointer` (a JSON pointer) locates
    the problem.  The package's one decode error: the codec raises it, `am.decode` passes it on."""

    def __init__(self, pointer: str, message: str):
        self.pointer = pointer
        self.message = message
        super().__init__(f"{pointer or '/'}: {message}")


class EncodeError(ValueError):
    """A value Go cannot hold (an int outside its Go width, a time Go cannot read or write),
    refused before any bytes are written; `pointer` (a JSON pointer over the Python
    attribute names) locates it."""

    def __init__(self, pointer: str, message: str):
        self.pointer = pointer
        self.message = message
        super().__init__(f"{pointer or '/'}: {message}")


class Unwritable(ValueError):
    """Raised by Codec._value for one value; Codec.explain turns it into an EncodeError."""


def msgpack_nil_ok(spec: TypeSpec, nullable: bool) -> bool:
    """Whether tinylib/msgp's generated decoder takes a MessagePack nil for this type: only a
    pointer or an interface does (slices, maps, strings, numbers and structs refuse it)."""
    kind = spec[0]
    if kind == "opt":
        return msgpack_nil_ok(spec[1], True)
    return kind in ("any", "oneof") or nullable and kind not in ("list", "map", "bytes", "base64")


_KIND_WORDS = {"str": "a string", "int": "an integer", "list": "an array", "map": "a map"}
_KIND_WORDS |= {"msg": "a map (a struct)", "bool": "a boolean", "float": "a number"}
_KIND_WORDS |= {"time": "a time", "bytes": "binary data", "base64": "binary data"}


# AIStore reads an action's value with cos.MorphMarshal: unknown keys are refused there too.
SELECTED_STRICT = True


class Placed(NamedTuple):
    """A field of a message's wire form and the embedded fields it is promoted through."""

    field: WireField
    via: tuple[WireField, ...] = ()  # the embedding fields, outermost first

    def nested(self) -> tuple[str, ...]:
        """Attribute path to the model object that holds the field (nested embeds only)."""
        return tuple(e.attr for e in self.via if e.embed == "nested")


def flatten(messages: Mapping[str, WireMessage], name: str) -> tuple[Placed, ...]:
    """The wire fields of `name` in Go's order: embedded structs' fields in the embedding
    field's position (Go promotes them, at any depth), Python-only fields left out.  The one
    walk of embedding: every encoder, decoder and validator reads its answer."""
    key = (id(messages), name)
    found = _FLAT.get(key)
    if found is None or found[0] is not messages:
        out: list[Placed] = []
        for field in messages[name].fields:
            if field.local:
                continue
            if field.embed:
                inner = flatten(messages, field.type[1])
                out += [Placed(p.field, (field, *p.via)) for p in inner]
            else:
                out.append(Placed(field))
        found = _FLAT[key] = (messages, tuple(out))
    return found[1]


_FLAT: dict[tuple[int, str], tuple[Mapping[str, WireMessage], tuple[Placed, ...]]] = {}


def held_messages(spec: TypeSpec) -> list[str]:
    """The messages a value of this type holds itself (through pointers, lists and maps)."""
    if spec[0] == "msg":
        return [spec[1]]
    if spec[0] in ("opt", "list", "map"):
        return held_messages(spec[1])
    return []


def each_message(
    value: Any,
    spec: TypeSpec,
    fmt: Fmt,
    messages: Mapping[str, WireMessage],
    visit: Callable[[str, dict[str, Any], str], bool],
    path: str = "",
) -> None:
    """Call visit(message, its wire dict, JSON pointer) for every message a plain wire value
    holds, outermost first; visit returns whether to look inside that message's fields."""
    kind = spec[0]
    if kind == "opt":
        each_message(value, spec[1], fmt, messages, visit, path)
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            each_message(item, spec[1], fmt, messages, visit, f"{path}/{index}")
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            each_message(item, spec[1], fmt, messages, visit, f"{path}/{pointer_token(str(key))}")
    elif kind == "msg" and isinstance(value, dict):
        message = messages[spec[1]]
        if message.root is not None:
            each_message(value, message.root, fmt, messages, visit, path)
        elif visit(spec[1], value, path):
            for placed in flatten(messages, spec[1]):
                key = placed.field.json if fmt == "json" else placed.field.msgpack
                if key in value:
                    sub = f"{path}/{pointer_token(key)}"
                    each_message(value[key], placed.field.type, fmt, messages, visit, sub)


def struct_key(attr: str, json_key: str, msgpack_key: str, msgpack_keys: bool) -> str:
    """A field's key in its msgspec struct: MessagePack keys for messages with a MessagePack
    form, JSON keys otherwise, the Python name where Go skips the field.  The generator names
    the struct fields with it and the codec fills them with it."""
    key = msgpack_key if msgpack_keys else json_key
    return attr if key == NOT_ON_WIRE else key


def pointer_token(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


class Codec:
    """Encoders and decoders for every message, compiled lazily from the tables."""

    def __init__(
        self,
        messages: dict[str, WireMessage],
        build: Callable[[str, Shape, Any], Any] | None = None,
    ):
        self.messages = messages
        self._floaty: dict[TypeSpec, bool] = {}  # can a value of this type hold a float?
        self._floaty_fields: dict[str, list[tuple[str, TypeSpec]]] = {}
        # Builds an instance from decoded values; oneof fields need one to keep the chosen option.
        self.build = build or (lambda name, shape, values: values)

    # ------------------------------------------------------------ encoding

    def encode(self, obj: Any, name: str, fmt: Fmt, shape: Shape) -> Any:
        """obj as plain values (dicts in Go field order) ready for msgspec to write."""
        message = self.messages[name]
        if message.root is not None:
            root = obj.root if shape == "model" and hasattr(obj, "root") else obj
            return self._value(root, message.root, fmt, shape, False, False)
        out: dict[str, Any] = {}
        self._fill(obj, name, fmt, shape, out)
        for key, reason in aischecks.problems(message.checks, out) if fmt == "json" else ():
            raise EncodeError(f"/{pointer_token(key)}", f"{reason}: AIStore would refuse it")
        return out

    def explain(self, obj: Any, name: str, fmt: Fmt, shape: Shape, path: str = "") -> None:
        """After an encode of obj raised Unwritable: raise EncodeError at the value Go cannot
        hold.  Walks the fields the way _fill does, trying each value; runs on failure only."""
        message = self.messages[name]
        if message.root is not None:
            root = obj.root if shape == "model" and hasattr(obj, "root") else obj
            self._explain_value(root, message.root, fmt, shape, False, False, path)
            return
        for placed in flatten(self.messages, name):
            field = placed.field
            if (field.json if fmt == "json" else field.msgpack) == NOT_ON_WIRE:
                continue
            holder = obj
            if shape == "model":
                for attr in placed.nested():
                    holder = getattr(holder, attr)
                    holder = _ZeroObject() if holder is None else holder
            value = getattr(holder, field.attr)
            if field.omit and self.omitted(value, field, fmt):
                continue
            string = field.string and fmt == "json"
            self._explain_value(
                value, field.type, fmt, shape, string, field.nullable, f"{path}/{field.attr}"
            )

    def _explain_value(
        self,
        value: Any,
        spec: TypeSpec,
        fmt: Fmt,
        shape: Shape,
        string: bool,
        nullable: bool,
        path: str,
    ) -> None:
        try:
            self._value(value, spec, fmt, shape, string, nullable)
            return
        except Unwritable as exc:
            reason = str(exc)
        kind = spec[0]
        if kind == "opt":
            self._explain_value(value, spec[1], fmt, shape, string, True, path)
        elif kind == "list" and isinstance(value, list):
            for i, item in enumerate(value):
                self._explain_value(item, spec[1], fmt, shape, False, False, f"{path}/{i}")
        elif kind == "map" and isinstance(value, dict):
            for key in sorted(value):
                self._explain_value(
                    value[key], spec[1], fmt, shape, False, False, f"{path}/{pointer_token(key)}"
                )
        elif kind == "msg" and value is not None:
            self.explain(value, spec[1], fmt, shape, path)
        elif kind == "oneof" and value is not None:
            option = self._option_of(value, spec[1])
            self.explain(
                value,
                option,
                fmt,
                "model" if hasattr(type(value), "model_fields") else "struct",
                path,
            )
        raise EncodeError(path, reason)

    def _fill(self, obj: Any, name: str, fmt: Fmt, shape: Shape, out: dict[str, Any]) -> None:
        for placed in flatten(self.messages, name):
            field = placed.field
            key = field.json if fmt == "json" else field.msgpack
            if key == NOT_ON_WIRE:
                continue
            holder = obj
            if shape == "model":  # a model keeps nested embeds as attributes; unset: Go's zero
                for attr in placed.nested():
                    holder = getattr(holder, attr)
                    holder = _ZeroObject() if holder is None else holder
            value = getattr(holder, field.attr)
            if field.omit and self.omitted(value, field, fmt):
                continue
            string = field.string and fmt == "json"  # `,string` is a JSON option only
            if field.select and value is not None:
                chosen = self.selected(field, getattr(holder, field.select[0], None))
                if chosen is not None:
                    try:
                        out[key] = self._selected_value(value, chosen, fmt, shape)
                    except DecodeError as exc:  # a dict that is not the action's struct
                        raise EncodeError(f"/{field.attr}{exc.pointer}", exc.message) from None
                    continue
            out[key] = self._value(value, field.type, fmt, shape, string, field.nullable)

    def selected(self, field: WireField, by: Any) -> str | None:
        """The message a `select` field holds when its sibling has the value `by`."""
        return dict(field.select[1]).get(_plain(by)) if isinstance(_plain(by), str) else None

    def _selected_value(self, value: Any, message: str, fmt: Fmt, shape: Shape) -> Any:
        """An action value as Go's clients send it: the action's struct, in Go's field order.
        A plain dict (the SDK's as_dict() form) is read as that struct first."""
        if isinstance(value, dict):
            value = self.build(
                message, "struct", self.decode(value, message, "json", "struct", True)
            )
            shape = "struct"
        elif type(value).__name__ in self.messages:
            message = type(value).__name__
            shape = "model" if hasattr(type(value), "model_fields") else "struct"
        return self.encode(value, message, fmt, shape)

    def omitted(self, value: Any, field: WireField, fmt: Fmt = "json") -> bool:
        """Go's omitempty/omitzero verdict for a Python value."""
        kind = field.type[0]
        if value is None and not field.nullable and kind in SCALAR_ZERO:
            value = SCALAR_ZERO[kind]  # Python's unset is Go's zero value (a time: a struct)
        if value is None:
            # None in a non-pointer struct field is Go's zero struct, which omitempty keeps
            return not (kind == "msg" and field.omit == "empty" and not field.nullable)
        if field.omit == "empty" and fmt == "msgpack" and kind in ("list", "map"):
            return False  # tinylib/msgp's omitempty drops only nil slices and maps
        if field.nullable and kind not in ("list", "map", "bytes", "base64", "any"):
            return False  # a non-nil Go pointer is never empty, even to a zero value
        if kind == "duration_text":
            return not value or _duration_nanos(value) == 0  # Go's int64 zero
        if kind == "quantity":  # a struct: omitempty keeps it, omitzero asks its IsZero
            return field.omit == "zero" and _written_quantity(value) == "0"
        if field.omit == "empty":
            if kind in ("msg", "time"):
                return False  # Go never omits a struct (time.Time is one) for omitempty
            if kind == "enum":
                return _plain(value) in (0, "")
            if kind == "any":
                return False
            return not value
        # omitzero: nil slices/maps only (an empty one is not zero)
        if kind in ("list", "map", "flags", "any"):
            return False
        if kind == "time":
            return value in ("", ZERO_TIME)
        if kind == "msg":
            return self._is_zero_message(value, kind_name=field.type[1])
        if kind == "enum":
            return _plain(value) in (0, "")
        return not value

    def _is_zero_message(self, value: Any, kind_name: str) -> bool:
        encoded = self.encode(
            value, kind_name, "json", "model" if hasattr(value, "model_fields") else "struct"
        )
        zero = self.encode(_ZeroObject(), kind_name, "json", "struct")
        return bool(encoded == zero)

    def _value(
        self, value: Any, spec: TypeSpec, fmt: Fmt, shape: Shape, string: bool, nullable: bool
    ) -> Any:
        kind = spec[0]
        if kind == "opt":
            return self._value(value, spec[1], fmt, shape, string, True)
        if value is None:
            if fmt == "msgpack" and kind in ("list", "map"):
                return [] if kind == "list" else {}  # msgp writes nil slices and maps as empty
            if nullable or kind in ("any", "list", "map"):
                return None  # Go's nil pointer, interface, slice or map
            return self._zero_wire(spec, fmt, shape, string)
        if kind == "str":
            return value
        if kind == "bool":
            return ("true" if value else "false") if string else bool(value)
        if kind == "int" or kind == "duration":
            lo, hi = spec[1:3] if kind == "int" else _INT64
            if value.__class__ is not int and (
                not isinstance(value, int) or isinstance(value, bool)
            ):
                raise Unwritable(f"expected an integer, got {type(value).__name__}")
            if not lo <= value <= hi:
                raise Unwritable(f"{value} is out of range [{lo}, {hi}] of the Go type")
            if fmt == "msgpack" and (kind == "duration" or spec[1] < 0):
                return msgp_signed(int(value))
            return str(int(value)) if string else int(value)
        if kind == "seconds":
            nanos = _seconds_nanos(value)
            if not _INT64[0] <= nanos <= _INT64[1]:
                raise Unwritable(f"{value} seconds is out of range of Go's duration (int64 ns)")
            return msgp_signed(nanos) if fmt == "msgpack" else nanos
        if kind == "float":
            return str(value) if string else float(value)
        if kind == "bytes":
            return base64.b64encode(value).decode("ascii") if fmt == "json" else bytes(value)
        if kind == "base64":  # the Python value is already the JSON form
            return value if fmt == "json" else base64.b64decode(value)
        if kind == "time":
            text = _written_time(value or ZERO_TIME)
            return text if fmt == "json" else _time_ext(text)
        if kind == "duration_text":
            return (
                _written_duration(value) if fmt == "json" else msgp_signed(_duration_nanos(value))
            )
        if kind == "quantity":
            return _written_quantity(value)
        if kind == "any":
            return _sorted_any(value)
        if kind == "enum":
            return _plain(value)
        if kind == "flags":
            mask = 0
            for bit in value:
                mask |= 1 << int(_plain(bit))
            return str(mask) if string else mask
        if kind == "list":
            return [self._value(v, spec[1], fmt, shape, False, False) for v in value]
        if kind == "map":
            return {
                k: self._value(value[k], spec[1], fmt, shape, False, False) for k in sorted(value)
            }
        if kind == "msg":
            return self.encode(value, spec[1], fmt, shape)
        if kind == "oneof":
            name = self._option_of(value, spec[1])
            return self.encode(
                value, name, fmt, "model" if hasattr(type(value), "model_fields") else "struct"
            )
        raise TypeError(f"unknown wire type {spec!r}")

    def _option_of(self, value: Any, options: tuple[str, ...]) -> str:
        for cls in type(value).__mro__:
            if cls.__name__ in options:
                return cls.__name__
        raise TypeError(f"{type(value).__name__} is none of {', '.join(options)}")

    def _zero_wire(self, spec: TypeSpec, fmt: Fmt, shape: Shape, string: bool) -> Any:
        kind = spec[0]
        if kind == "msg":
            return self.encode(_ZeroObject(), spec[1], fmt, "struct")
        zero = {**SCALAR_ZERO, "flags": []}  # lists, maps: nil, written as null
        if kind in zero:
            return self._value(zero[kind], spec, fmt, shape, string, False)
        if kind == "enum" and len(spec) > 2:
            return spec[2]  # Go's zero value of the enum's base type
        return None  # any: Go writes null

    def go_floats(self, wire: Any, name: str) -> Any:
        """The JSON wire form of `name` with its floats as Go's encoder writes them
        (gorules.go_float_text), as raw JSON numbers; only fields whose type can hold a float
        are visited, in place (encode built `wire` for this call).  NaN and infinities:
        ValueError with the JSON pointer, as Go refuses them."""
        try:
            return self._floats(wire, ("msg", name))
        except _NotANumber as exc:
            raise ValueError(f"{_bad_float_at(wire) or '/'}: {exc}") from None

    def _floats(self, value: Any, spec: TypeSpec) -> Any:
        kind = spec[0]
        if value is None:
            return value
        if kind == "opt":
            return self._floats(value, spec[1])
        if kind == "msg":
            root = self.messages[spec[1]].root
            if root is not None:
                return self._floats(value, root)
            if value.__class__ is dict:
                for key, inner in self._float_fields(spec[1]):
                    if key in value:
                        value[key] = self._floats(value[key], inner)
            return value
        if kind == "list" and value.__class__ is list:
            return [self._floats(item, spec[1]) for item in value]
        if kind == "map" and value.__class__ is dict:
            return {k: self._floats(v, spec[1]) for k, v in value.items()}
        return _raw_floats(value)  # any, float, or an interface holding some message

    def _float_fields(self, name: str) -> list[tuple[str, TypeSpec]]:
        """(JSON key, type) of the fields of `name` that can hold a float (computed once)."""
        found = self._floaty_fields.get(name)
        if found is None:
            found = self._floaty_fields[name] = [
                (p.field.json, p.field.type)
                for p in flatten(self.messages, name)
                if self._can_hold_float(p.field.type)
            ]
        return found

    def _can_hold_float(self, spec: TypeSpec, seen: frozenset[str] = frozenset()) -> bool:
        """Whether a value of this type can hold a float (memoised; `seen` breaks cycles)."""
        if not seen and spec in self._floaty:
            return self._floaty[spec]
        kind = spec[0]
        if kind in ("opt", "list", "map"):
            found = self._can_hold_float(spec[1], seen)
        elif kind in ("msg", "oneof"):
            names = {spec[1]} if kind == "msg" else set(spec[1])
            found = any(
                self._can_hold_float(inner, seen | {n})
                for n in names - seen
                for inner in self._types_of(n)
            )
        else:
            found = kind in ("any", "float")
        if not seen:
            self._floaty[spec] = found
        return found

    def _types_of(self, name: str) -> list[TypeSpec]:
        """The wire types a message is made of: its root, or its fields' (embeds flattened)."""
        root = self.messages[name].root
        return [root] if root is not None else [p.field.type for p in flatten(self.messages, name)]

    # ------------------------------------------------------------ decoding

    def decode(
        self, data: Any, name: str, fmt: Fmt, shape: Shape, strict: bool, path: str = ""
    ) -> Any:
        """Plain decoded values -> keyword data for the target class (Python names for models)."""
        message = self.messages[name]
        if message.root is not None:
            return self._decode_value(data, message.root, fmt, shape, strict, False, False, path)
        if not isinstance(data, dict):
            raise DecodeError(path, f"expected an object for {name}, got {_json_type(data)}")
        out: dict[str, Any] = {}
        seen = self._take(data, name, fmt, shape, strict, path, out, message.msgpack)
        for key, reason in aischecks.problems(message.checks, data) if fmt == "json" else ():
            raise DecodeError(f"{path}/{pointer_token(key)}", f"{reason} (AIStore refuses it)")
        # tinylib/msgp skips unknown keys, and so does a message whose own decoder does
        if strict and fmt == "json" and len(seen) != len(data) and not message.ignores_unknown:
            unknown = sorted(str(k) for k in data if k not in seen)[0]
            raise DecodeError(
                f"{path}/{pointer_token(unknown)}", f"unknown field {unknown!r} in {name}"
            )
        return out

    def _take(
        self,
        data: dict[str, Any],
        name: str,
        fmt: Fmt,
        shape: Shape,
        strict: bool,
        path: str,
        out: dict[str, Any],
        msgpack_keys: bool,
    ) -> set[str]:
        """Fields of `name` from data into out, keyed by Python name (models) or struct key
        (structs)."""
        seen: set[str] = set()
        for placed in flatten(self.messages, name):
            field = placed.field
            holder: dict[str, Any] = out
            if shape == "model":  # nested embeds stay nested in the model's keyword data
                for attr in placed.nested():
                    holder = holder.setdefault(attr, {})
            key = field.json if fmt == "json" else field.msgpack
            target = (
                field.attr
                if shape == "model"
                else struct_key(field.attr, field.json, field.msgpack, msgpack_keys)
            )
            if key == NOT_ON_WIRE:
                continue
            if key in data:
                seen.add(key)
                value = data[key]
                sub = f"{path}/{pointer_token(key)}"
                chosen = self._selected_by(field, data, name, fmt) if field.select else None
                if chosen is not None and value is not None:
                    # AIStore reads the value into `any` (numbers as float64), then into the
                    # action's struct (cos.MorphMarshal, strict)
                    value = through_float64(value, sub)
                    values = self.decode(value, chosen, fmt, shape, SELECTED_STRICT, sub)
                    holder[target] = self.build(chosen, shape, values)
                    continue
                holder[target] = self._decode_value(
                    value, field.type, fmt, shape, strict, field.string, field.nullable, sub
                )
            else:
                holder[target] = self._zero_python(field.type, field.nullable, fmt, shape)
        return seen

    def _selected_by(
        self, field: WireField, data: dict[str, Any], name: str, fmt: Fmt
    ) -> str | None:
        """The message of a `select` field, from its sibling's value in the payload."""
        for placed in flatten(self.messages, name):
            if placed.field.attr == field.select[0]:
                sibling = placed.field
                return self.selected(
                    field, data.get(sibling.json if fmt == "json" else sibling.msgpack)
                )
        return None

    def _zero_python(self, spec: TypeSpec, nullable: bool, fmt: Fmt, shape: Shape) -> Any:
        """What Go leaves in a field that the payload does not set (or sets to null)."""
        kind = spec[0]
        if nullable or kind in ("any", "opt", "oneof"):
            return None
        if kind == "enum":
            return spec[2] if len(spec) > 2 else None  # Go's zero of the base type, a member
        if kind == "msg":
            return self.decode({}, spec[1], fmt, shape, strict=False)
        return _PY_ZERO[kind]() if callable(_PY_ZERO[kind]) else _PY_ZERO[kind]

    def _decode_value(
        self,
        value: Any,
        spec: TypeSpec,
        fmt: Fmt,
        shape: Shape,
        strict: bool,
        string: bool,
        nullable: bool,
        path: str,
    ) -> Any:
        kind = spec[0]
        if kind == "opt":
            return self._decode_value(value, spec[1], fmt, shape, strict, string, True, path)
        if value is None:
            if fmt == "msgpack" and not msgpack_nil_ok(spec, nullable):
                raise DecodeError(
                    path,
                    f"nil where AIStore's MessagePack decoder reads {_KIND_WORDS.get(kind, kind)}",
                )
            if kind == "duration_text" and not nullable and fmt == "json":
                raise DecodeError(path, "null is not a Go duration: cos.Duration reads text only")
            return self._zero_python(spec, nullable, fmt, shape)
        if string and fmt == "json":
            unsigned = kind == "flags" or kind == "int" and spec[1] == 0
            if unsigned and isinstance(value, str) and value[:1] == "-":
                raise DecodeError(path, f"{value!r} is not a valid quoted unsigned integer")
            value = _unquote(value, kind, path)
        if kind == "str":
            _expect(value, str, "a string", path)
        elif kind == "bool":
            _expect(value, bool, "true or false", path)
        elif kind in ("int", "duration", "seconds"):
            if not isinstance(value, int) or isinstance(value, bool):
                raise DecodeError(path, f"expected an integer, got {_json_type(value)}")
            lo, hi = spec[1:3] if kind == "int" else _INT64  # a duration is an int64 of nanoseconds
            if not lo <= value <= hi:
                shown = (
                    str(value)
                    if len(str(value)) < 40
                    else f"{str(value)[:20]}...({len(str(value))} digits)"
                )
                raise DecodeError(path, f"{shown} is out of range [{lo}, {hi}]")
            if kind == "seconds":
                return _seconds_of(value)
        elif kind == "float":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise DecodeError(path, f"expected a number, got {_json_type(value)}")
        elif kind == "bytes":
            if fmt == "json":
                _expect(value, str, "a base64 string", path)
                try:
                    return base64.b64decode(value, validate=True)
                except (binascii.Error, ValueError):
                    raise DecodeError(path, "invalid base64") from None
            _expect(value, bytes, "binary data", path)
        elif kind == "base64":
            if fmt == "msgpack":
                _expect(value, bytes, "binary data", path)
                return base64.b64encode(value).decode("ascii")
            _expect(value, str, "a base64 string", path)
            try:
                base64.b64decode(value, validate=True)  # checked, but kept as text
            except (binascii.Error, ValueError):
                raise DecodeError(path, "invalid base64") from None
        elif kind == "time":
            if fmt == "json":
                _expect(value, str, "an RFC 3339 time", path)
                return _checked_time(value, path)
            return _time_text(value, path)
        elif kind == "quantity":
            return _checked_quantity(value, path)
        elif kind == "duration_text":
            if fmt == "msgpack":
                if (
                    not isinstance(value, int)
                    or isinstance(value, bool)
                    or not _INT64[0] <= value <= _INT64[1]
                ):
                    raise DecodeError(path, f"expected int64 nanoseconds, got {_json_type(value)}")
                return _duration_of(value)
            _expect(value, str, "Go duration text", path)
            return _checked_duration(value, path)
        elif kind == "flags":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DecodeError(path, f"expected a non-negative bitmask, got {value!r}")
            return [bit for bit in range(value.bit_length()) if value >> bit & 1]
        elif kind == "list":
            if not isinstance(value, list):
                raise DecodeError(path, f"expected an array, got {_json_type(value)}")
            if not value and nullable and fmt == "msgpack":
                return None  # tinylib/msgp reslices Go's nil slice: an empty array stays nil
            return [
                self._decode_value(v, spec[1], fmt, shape, strict, False, False, f"{path}/{i}")
                for i, v in enumerate(value)
            ]
        elif kind == "map":
            if not isinstance(value, dict):
                raise DecodeError(path, f"expected an object, got {_json_type(value)}")
            return {
                k: self._decode_value(
                    v, spec[1], fmt, shape, strict, False, False, f"{path}/{pointer_token(k)}"
                )
                for k, v in value.items()
            }
        elif kind == "msg":
            return self.decode(value, spec[1], fmt, shape, strict, path)
        elif kind == "oneof":
            return self._decode_oneof(value, spec[1], fmt, shape, strict, path)
        return value

    def _decode_oneof(
        self, value: Any, options: tuple[str, ...], fmt: Fmt, shape: Shape, strict: bool, path: str
    ) -> Any:
        """A Go interface field: the first option that decodes strictly wins, as AIStore's client
        does."""
        reasons = []
        for name in options:
            try:
                values = self.decode(value, name, fmt, shape, True, path)
                return self.build(name, shape, values)
            except (DecodeError, ValueError) as exc:
                reasons.append(f"{name}: {exc}")
        if not strict:
            return self.build(
                options[0], shape, self.decode(value, options[0], fmt, shape, False, path)
            )
        raise DecodeError(path, f"matches none of {', '.join(options)} ({'; '.join(reasons)})")


_PY_ZERO: dict[str, Any] = {**SCALAR_ZERO, "list": list, "map": dict, "flags": list}


# msgspec writes \b and \f where Go's encoders write \u0008 and \u000c; the lookbehind
# skips an escaped backslash followed by a letter b or f.
_SHORT_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\([bf])")
_LONG_ESCAPE = {b"b": b"\\u0008", b"f": b"\\u000c"}


class _NotANumber(ValueError):
    pass


def through_float64(value: Any, path: str) -> Any:
    """A plain value as AIStore passes it on from `any`: an integer past 2**53 becomes the
    float64 text jsoniter writes ("9223372036854776000"), read again as a number."""
    if value.__class__ is int and not _EXACT <= value <= -_EXACT:
        try:
            text = go_float_text(float(value))
        except OverflowError:
            raise DecodeError(path, f"{value} is beyond float64, as which Go reads it") from None
        return int(text) if text.lstrip("-").isdigit() else float(text)
    if value.__class__ is list:
        return [through_float64(v, f"{path}/{i}") for i, v in enumerate(value)]
    if value.__class__ is dict:
        return {k: through_float64(v, f"{path}/{pointer_token(k)}") for k, v in value.items()}
    return value


def _raw_floats(value: Any) -> Any:
    """Every float in a plain value as Go's text, in place (lists and dicts are the caller's);
    so are integers beyond 2**53: Go holds a JSON number inside `any` as a float64."""
    if value.__class__ is float or value.__class__ is int and not _EXACT <= value <= -_EXACT:
        return _raw_float(value)
    stack = [value] if value.__class__ in (dict, list) else []
    while stack:
        node = stack.pop()
        for key, item in node.items() if node.__class__ is dict else enumerate(node):
            if item.__class__ is float or item.__class__ is int and not _EXACT <= item <= -_EXACT:
                node[key] = _raw_float(item)
            elif item.__class__ is dict or item.__class__ is list:
                stack.append(item)
    return value


_EXACT = -(2**53)  # every integer from -2**53 to 2**53 is a float64


def _raw_float(value: float) -> msgspec.Raw:
    try:
        return msgspec.Raw(go_float_text(float(value)).encode())
    except OverflowError:
        raise _NotANumber(f"{value} is beyond float64, as which Go holds numbers in any") from None
    except ValueError as exc:
        raise _NotANumber(str(exc)) from None


def _bad_float_at(value: Any, path: str = "") -> str:
    """The JSON pointer of the first NaN, infinity or integer beyond float64 in a plain value
    ('' if none)."""
    if value.__class__ is float:
        return path if math.isnan(value) or math.isinf(value) else ""
    if value.__class__ is int and not _EXACT <= value <= -_EXACT:
        try:
            float(value)
        except OverflowError:
            return path  # beyond float64's largest
        return ""
    if value.__class__ is dict or value.__class__ is list:
        for key, item in value.items() if value.__class__ is dict else enumerate(value):
            found = _bad_float_at(item, f"{path}/{pointer_token(key)}")
            if found:
                return found
    return ""


def go_json_escapes(data: bytes) -> bytes:
    """Rewrite JSON string escapes the way Go writes them."""
    if b"\\" not in data or b"\\b" not in data and b"\\f" not in data:
        return data  # (one search answers for most payloads: no escape at all)
    return _SHORT_ESCAPE.sub(lambda m: m.group(1) + _LONG_ESCAPE[m.group(2)], data)


def msgp_signed(value: int) -> Any:
    """A Go signed integer as tinylib/msgp writes it: positive values also use the signed
    formats (int16/32/64), where msgspec would pick the unsigned ones."""
    if -32 <= value <= 127:
        return value  # fixint: the same in both
    for low, high, code, fmt in _SIGNED_FORMATS:
        if low <= value <= high:
            return msgspec.Raw(code + struct.pack(fmt, value))
    raise ValueError(f"{value} does not fit in int64")


_SIGNED_FORMATS = (
    (-(2**7), -33, b"\xd0", ">b"),
    (-(2**15), 2**15 - 1, b"\xd1", ">h"),
    (-(2**31), 2**31 - 1, b"\xd2", ">i"),
    (-(2**63), 2**63 - 1, b"\xd3", ">q"),
)


class _ZeroObject:
    """Stands for a Go zero value: every attribute is absent (None)."""

    def __getattr__(self, name: str) -> None:
        return None


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _sorted_any(value: Any) -> Any:
    """Go writes map[string]any with sorted keys; lists keep their order.  Keys sort as the
    strings they become on the wire (an int key 10 before 2, as Go sorts "10" and "2")."""
    if isinstance(value, dict):
        return {k: _sorted_any(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [_sorted_any(v) for v in value]
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _expect(value: Any, typ: type, what: str, path: str) -> None:
    if not isinstance(value, typ):
        raise DecodeError(path, f"expected {what}, got {_json_type(value)}")


def _unquote(value: Any, kind: str, path: str) -> Any:
    """Go's `,string`: the number or bool arrives inside a JSON string."""
    if not isinstance(value, str):
        raise DecodeError(path, f"expected a quoted value (Go ,string), got {_json_type(value)}")
    try:
        if kind == "bool":
            return {"true": True, "false": False}[value]
        if kind == "float":
            return float(value)
        if not _QUOTED_INT.fullmatch(value):
            raise ValueError  # Go reads it as a JSON number: no "+", "_", spaces, leading zeros
        return int(value)
    except (KeyError, ValueError):
        raise DecodeError(path, f"{value!r} is not a valid quoted {kind}") from None


_INT64 = INT_RANGES["int64"]
_QUOTED_INT = re.compile(QUOTED_INT, re.ASCII)


def _time_ext(value: str) -> Any:
    from . import gotime  # msgpack only: keeps JSON imports light

    return gotime.to_msgpack(value)


# Go text types (time, cos.Duration, resource.Quantity): read and written with their rules
# in gotime.py and quantity.py, imported on first use to keep plain JSON imports light.


def _read_text(value: str, path: str, rewrite: Callable[[str], str]) -> str:
    """JSON text of a Go text type as Go holds it after reading it, or DecodeError."""
    try:
        return rewrite(value)
    except ValueError as exc:
        raise DecodeError(path, str(exc)) from None


def _written_text(value: Any, rewrite: Callable[[str], Any], what: str) -> Any:
    """A Python value of a Go text type as Go writes it, or Unwritable."""
    if not isinstance(value, str):
        raise Unwritable(f"expected {what}, got {type(value).__name__}")
    try:
        return rewrite(value)
    except ValueError as exc:
        raise Unwritable(str(exc)) from None


def _checked_time(value: str, path: str) -> str:
    from .gotime import go_time_text

    return _read_text(value, path, go_time_text)


def _checked_duration(value: str, path: str) -> str:
    from .gotime import go_duration_text

    return _read_text(value, path, go_duration_text)


def _duration_of(nanos: int) -> str:
    from .gotime import duration_text

    return duration_text(nanos)


def _seconds_nanos(value: Any) -> int:
    from .gotime import seconds_nanos

    try:
        return seconds_nanos(value)
    except (TypeError, ValueError) as exc:
        raise Unwritable(str(exc)) from None


def _seconds_of(nanos: int) -> Any:
    from .gotime import nanos_seconds

    return nanos_seconds(nanos)


def _duration_nanos(value: Any) -> int:
    from .gotime import go_duration

    nanos: int = _written_text(value, lambda t: go_duration(t) if t else 0, "Go duration text")
    return nanos


def _written_duration(value: Any) -> str:
    return _duration_of(_duration_nanos(value))


def _checked_quantity(value: Any, path: str) -> str:
    """A JSON quantity (text or a number) as Go writes it back after reading it."""
    from .quantity import go_quantity_number, go_quantity_text

    if isinstance(value, str):
        return _read_text(value, path, go_quantity_text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = str(value) if isinstance(value, int) else repr(value)
        return _read_text(number, path, go_quantity_number)
    raise DecodeError(path, f"expected a quantity (text or a number), got {_json_type(value)}")


def _written_quantity(value: Any) -> str:
    from .quantity import go_quantity_text

    text: str = _written_text(value, go_quantity_text, "quantity text")
    return text


def _written_time(value: Any) -> str:
    from .gotime import go_time_text

    text: str = _written_text(value, go_time_text, "RFC 3339 text")
    return text


def _time_text(value: Any, path: str) -> str:
    from . import gotime

    try:
        return gotime.from_msgpack(value)
    except ValueError as exc:
        raise DecodeError(path, str(exc)) from None
