"""Kinds of types: one small class per kind of the schema language.

A `TypeRef` says what a type expression is (`list[Snode?]`, `uint16`, `interface[A, B]`);
its kind (`kind_of(ref)`) knows what every target needs of it: Go's zero value as a Python
default, the Python annotation, the JSON Schema, the wire-table entry and the verdict on a
YAML default.  Adding a kind is one class here and its line in `_KINDS`; the emitters ask
the kind instead of testing names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from .runtime import aischecks
from .runtime.gorules import (
    BASE64_TEXT,
    DURATION_FORMAT,
    FLOAT_TEXT,
    INT_RANGES,
    QUANTITY_FORMAT,
    QUOTED_INT,
    QUOTED_UINT,
    SCALAR_ZERO,
    anchored,
    scalar_kind,
)
from .runtime.gotime import go_duration, go_time_text
from .runtime.quantity import go_quantity_text

if TYPE_CHECKING:
    from .ir import Enum, Field, Schema, TypeRef

# Our keyword for the Go kind a JSON type alone cannot tell (a time.Duration is an int64 of
# nanoseconds); the importer reads it back.
GO_KIND = "x-go-kind"
INT_PATTERN = anchored(QUOTED_INT)
UINT_PATTERN = anchored(QUOTED_UINT)
FLOAT_PATTERN = anchored(FLOAT_TEXT)
BASE64_PATTERN = anchored(BASE64_TEXT)


class Kind:
    """What a kind of type is in every target.  `ref` is the type expression being asked about."""

    # Go's decoder leaves the zero value for a JSON null (false where the type's own
    # UnmarshalJSON refuses it).
    null_is_zero: ClassVar[bool] = True

    def zero(self, ref: TypeRef) -> Any:
        """Go's zero value as a Python default (None for anything nil-able)."""
        return None

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        raise NotImplementedError

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        raise NotImplementedError

    wire_type: ClassVar[str] = ""  # its class in runtime/wiretypes.py
    runtime_alias: ClassVar[tuple[str, str] | None] = None  # (runtime module, annotation name)

    def wire_spec(self, ref: TypeRef) -> str:
        """Its entry in the wire tables, as Python source (a runtime/wiretypes.py class)."""
        return f"{self.wire_type}()"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        """Why a (JSON-able, non-null) YAML default cannot be this type's ('' if it can)."""
        return f"is not supported for {ref.name}"


class _Scalar(Kind):
    """A Go scalar that Python holds as `python_type`, YAML defaults of `accepts` types."""

    python_type: ClassVar[str] = ""
    accepts: ClassVar[tuple[type, ...]] = ()

    def zero(self, ref: TypeRef) -> Any:
        return SCALAR_ZERO[scalar_kind(ref.name)]  # Go's rule, in one home (gorules.py)

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return self.python_type

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        if not self.accepts:
            return f"is not supported for {ref.name}"
        if isinstance(value, bool) and bool not in self.accepts:
            return f"{value!r} is not a {ref.name}"
        return "" if isinstance(value, self.accepts) else f"{value!r} is not a {ref.name}"


class Int(_Scalar):
    """int8 ... uint64: range-checked; `,string` sends the digits as a JSON string."""

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return int_alias(ref.name)

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return int_schema(ref.name, as_string)

    def wire_spec(self, ref: TypeRef) -> str:
        lo, hi = INT_RANGES[ref.name]
        return f"Int({lo}, {hi})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        lo, hi = INT_RANGES[ref.name]
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{value!r} is not an integer"
        return "" if lo <= value <= hi else f"{value} is outside {ref.name} ({lo}..{hi})"


class Float(_Scalar):
    python_type, accepts = "float", (int, float)

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": FLOAT_PATTERN} if as_string else {"type": "number"}

    def wire_spec(self, ref: TypeRef) -> str:
        return f"Float({ref.name[5:]})"


class Str(_Scalar):
    python_type, accepts, wire_type = "str", (str,), "Str"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string"}


class Bool(_Scalar):
    python_type, accepts, wire_type = "bool", (bool,), "Bool"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string", "enum": ["true", "false"]} if as_string else {"type": "boolean"}


class Bytes(_Scalar):
    """Go []byte: base64 text in JSON, bin in MessagePack."""

    python_type, wire_type = "bytes", "Bytes"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}


class Base64Text(Bytes):
    """Go []byte whose Python value stays its base64 text (`python: {base64_text: true}`)."""

    python_type, accepts, wire_type = "str", (str,), "Base64"


# Go types that Python holds as text Go must be able to read: (annotation alias, the
# runtime conventions function the models check it with).  Each target's module defines
# the alias: the models check and rewrite the text on construction, the structs hold str.
TEXT_ALIASES: dict[str, tuple[str, str]] = {
    "time": ("GoTime", "go_time"),
    "duration_text": ("GoDuration", "go_duration"),
    "quantity": ("GoQuantity", "go_quantity"),
}


class _GoText(_Scalar):
    """A Go type whose JSON form is text that Go parses and writes back in its own form;
    `read` is that rule (ValueError where Go refuses the text), and a YAML default must pass
    it ("" is the unset value)."""

    python_type, accepts = "str", (str,)

    def read(self, text: str) -> object:
        raise NotImplementedError

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return TEXT_ALIASES[ref.name][0]

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        if not isinstance(value, str):
            return f"{value!r} is not {ref.name} text"
        try:
            self.read(value) if value else None
        except ValueError as exc:
            return str(exc)
        return ""


class Time(_GoText):
    """Go time.Time: RFC 3339 text in JSON, tinylib/msgp's extension 5 in MessagePack."""

    wire_type = "Time"

    def read(self, text: str) -> object:
        return go_time_text(text)

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}


class DurationText(_GoText):
    """AIStore's cos.Duration: int64 nanoseconds that JSON carries as Go duration text
    ("1m30s"), read with time.ParseDuration; null and "" are refused, as Go refuses them."""

    wire_type = "DurationText"

    def read(self, text: str) -> object:
        return go_duration(text)

    null_is_zero = False

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "string", "format": DURATION_FORMAT}


class Duration(_Scalar):
    """Go time.Duration: an int64 of nanoseconds."""

    python_type, accepts, wire_type = "int", (int,), "Duration"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return int_schema("int64", False) | {"description": "nanoseconds", GO_KIND: "duration"}


class Seconds(_Scalar):
    """Go time.Duration held in Python as seconds (int, float or Decimal), the SDK's unit for
    LoginMsg.expires_in; the wire is Go's int64 nanoseconds."""

    python_type, wire_type = "Seconds", "Seconds"
    accepts: ClassVar[tuple[type, ...]] = (int, float)
    runtime_alias = ("gotime", "Seconds")

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return Duration().json_schema(ref, schema, as_string)  # the wire is the same


class QuantityText(_GoText):
    """A Kubernetes resource.Quantity: text that Go writes back in its canonical form ("0.5"
    is written "500m"); a JSON number or null is read too.  A struct in Go: omitempty never
    drops it."""

    wire_type = "Quantity"

    def read(self, text: str) -> object:
        return go_quantity_text(text)

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": ["string", "number"], "format": QUANTITY_FORMAT}


class AnyValue(Kind):
    """Go any / interface{} holding plain JSON values."""

    wire_type = "AnyValue"

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return "Any"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {}

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return ""


class List(Kind):
    def zero(self, ref: TypeRef) -> Any:
        return []

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return f"list[{annotation(_item(ref), quote, interface_as_any)}]"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "array", "items": _element(_item(ref), schema)}

    def wire_spec(self, ref: TypeRef) -> str:
        return f"ListOf({wire_spec(_item(ref))})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return "" if isinstance(value, list) and not value else "must be [] or null"


class Map(Kind):
    def zero(self, ref: TypeRef) -> Any:
        return {}

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return f"dict[str, {annotation(_item(ref), quote, interface_as_any)}]"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": _element(_item(ref), schema)}

    def wire_spec(self, ref: TypeRef) -> str:
        return f"MapOf({wire_spec(_item(ref))})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return "" if isinstance(value, dict) and not value else "must be {} or null"


class MessageRef(Kind):
    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return f'"{ref.name}"' if quote else ref.name

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{ref.name}"}

    def wire_spec(self, ref: TypeRef) -> str:
        return f"Msg({ref.name!r})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return "must be null (a message default is its zero value)"


class EnumRef(MessageRef):
    """An enum's member; Go's zero value of its base type ("" or 0) is a member too, because
    Go writes it for an unset field (the loader refuses an enum without one where a field
    cannot be null)."""

    def zero(self, ref: TypeRef) -> Any:
        return ref.zero

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        enum = schema.enum(ref.name)
        return {
            "enum": [v.value for v in enum.values],
            "description": f"{enum.name}: {enum.doc}".strip(),
        }

    def wire_spec(self, ref: TypeRef) -> str:
        return f"EnumOf({ref.name!r}, {ref.zero!r})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        allowed = [v.value for v in enums[ref.name].values] if ref.name in enums else []
        if value in allowed and not isinstance(value, bool):
            return ""
        return f"{value!r} is not a value of enum {ref.name} ({allowed})"


class FlagSet(Kind):
    """A set of bit-position enum members: a list in Python, a bitmask integer on the wire."""

    def zero(self, ref: TypeRef) -> Any:
        return []

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        return f"list[{ref.name}]"

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        described = {"description": f"bitmask of {ref.name} bit positions"}
        return int_schema("uint64", as_string) | described

    def wire_spec(self, ref: TypeRef) -> str:
        return f"Flags({ref.name!r})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return "" if value == [] else "must be [] or null"


class Interface(Kind):
    """A Go interface field holding one of several structs; the first that decodes wins."""

    def annotation(self, ref: TypeRef, quote: bool, interface_as_any: bool) -> str:
        # msgspec cannot hold an untagged union of two structs: its field is Any.
        if interface_as_any:
            return "Any"
        return " | ".join(annotation(o, quote, False) for o in ref.options)

    def json_schema(self, ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
        return {"anyOf": [{"$ref": f"#/$defs/{o.name}"} for o in ref.options]}

    def wire_spec(self, ref: TypeRef) -> str:
        return f"Interface({tuple(o.name for o in ref.options)!r})"

    def default_error(self, ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
        return "must be null (a message default is its zero value)"


_SCALARS: dict[str, Kind] = {name: Int() for name in INT_RANGES}
_SCALARS |= {"float32": Float(), "float64": Float(), "str": Str(), "bool": Bool()}
_SCALARS |= {"bytes": Bytes(), "base64": Base64Text(), "time": Time(), "duration": Duration()}
_SCALARS |= {"seconds": Seconds()}
_SCALARS |= {"duration_text": DurationText(), "quantity": QuantityText(), "any": AnyValue()}
_KINDS: dict[str, Kind] = {"list": List(), "map": Map(), "message": MessageRef()}
_KINDS |= {"enum": EnumRef(), "flagset": FlagSet(), "oneof": Interface()}


def kind_of(ref: TypeRef) -> Kind:
    return _SCALARS[ref.name] if ref.kind == "scalar" else _KINDS[ref.kind]


# ---------------------------------------------------------------- for the targets


def zero_value(ref: TypeRef, nullable: bool) -> Any:
    """Go's zero value as a Python default (None for anything nil-able or struct-typed)."""
    return None if nullable else kind_of(ref).zero(ref)


def with_zero_default(field: Field) -> Field:
    """The field with Go's zero value as its Python default (a flat embed's `defaults: zero`,
    as both targets give it)."""
    zero = zero_value(field.wire.type, field.wire.nullable)
    python = replace(field.python, has_default=True, default=zero)
    return replace(field, python=python)


def annotation(ref: TypeRef, quote: bool = False, interface_as_any: bool = False) -> str:
    """The Python annotation of a type (ints use the width aliases); `T?` adds `| None`."""
    text = kind_of(ref).annotation(ref, quote, interface_as_any)
    return f"{text} | None" if ref.nullable and text != "Any" else text


def json_schema(ref: TypeRef, schema: Schema, as_string: bool) -> dict[str, Any]:
    return kind_of(ref).json_schema(ref, schema, as_string)


def wire_spec(ref: TypeRef) -> str:
    """The codec's type tuple, as Python source; `T?` wraps it in ('opt', ...)."""
    if ref.nullable:
        return f"Opt({wire_spec(replace(ref, nullable=False))})"
    return kind_of(ref).wire_spec(ref)


def default_error(ref: TypeRef, value: Any, enums: Mapping[str, Enum]) -> str:
    return kind_of(ref).default_error(ref, value, enums)


def admits_null(ref: TypeRef, nullable: bool) -> bool:
    """Whether Go's decoder reads a JSON null for a field of this type (a nil pointer, or the
    zero value)."""
    return nullable or ref.nullable or kind_of(ref).null_is_zero


def _element(item: TypeRef, schema: Schema) -> dict[str, Any]:
    """A list or map element: null reads as the element's zero value, except for a message
    whose own decoder refuses that zero (MossIn: its object name `checks:`), as AIStore's
    does when it is handed the null."""
    body = json_schema(item, schema, False)
    if item.kind == "message" and not item.nullable:
        if aischecks.refuses_zero(schema.message(item.name).checks):
            return body
    return or_null(body)


def or_null(body: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema that also admits null (a Go pointer element)."""
    if body.get("type") in ("string", "integer", "number", "boolean", "array", "object"):
        return body | {"type": [body["type"], "null"]}
    if not body or set(body) <= {"description"}:
        return body  # `any` already admits null
    return {"anyOf": [body, {"type": "null"}]}


def int_schema(name: str, as_string: bool) -> dict[str, Any]:
    lo, hi = INT_RANGES[name]
    if as_string:
        pattern = UINT_PATTERN if lo == 0 else INT_PATTERN
        return {"type": "string", "pattern": pattern, "x-go-type": name}
    return {"type": "integer", "minimum": lo, "maximum": hi}


def int_alias(name: str) -> str:
    """The annotation alias of a Go integer type: int64 -> Int64 (a range-checked int)."""
    return name[0].upper() + name[1:]  # uint8 -> Uint8


def _item(ref: TypeRef) -> TypeRef:
    assert ref.item is not None, ref  # list and map always have one (typeexpr)
    return ref.item
