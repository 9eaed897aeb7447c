"""msgspec structs in wire shape: embedded structs flattened, wire keys as field names.

A message that AIStore also sends as MessagePack takes its MessagePack keys (so
`msgspec.msgpack.decode(data, type=BucketList)` works as with the SDK's struct and
the codec can decode listings straight into it); any other takes its JSON keys.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import msgspec

from .. import kinds
from ..ir import Enum, Field, Message, Schema
from ..runtime.codec import struct_key
from . import pytext

# What msgspec puts on every struct; a field of that name would shadow it.
_STRUCT = {n for n in dir(msgspec.Struct) if not n.startswith("__")}


def field_name_problem(name: str) -> str:
    """Why a msgspec struct cannot have an attribute `name` ('' if it can)."""
    if name.startswith("__") and name.endswith("__"):
        return (
            "is a dunder name, reserved by Python and msgspec (e.g. __slots__, __struct_fields__)"
        )
    if name in _STRUCT:
        return f"would shadow msgspec.Struct.{name}"
    return ""


TEMPLATE = "structs.py.j2"
PATH = "aistore_models/structs.py"


def context(schema: Schema) -> dict[str, Any]:
    structs = [m for m in schema.messages if m.root is None]
    roots = [m for m in schema.messages if m.root is not None]
    python_only = any(f.python.local for m in structs for f in schema.struct_fields(m))
    return {
        "header": pytext.HEADER,
        # msgspec bounds must fit in int64; the codec checks uint64's upper bound itself.
        "int_types": [
            (a, lo, hi if hi < 2**63 else None) for a, lo, hi in pytext.used_int_types(schema)
        ],
        "text_aliases": pytext.text_aliases(schema),
        "enums": [e.name for e in schema.enums],
        "local_imports": pytext.local_imports(
            {
                "behaviour": sorted({m.mixin for m in schema.messages if m.mixin}),
                "enums": [e.name for e in schema.enums],
            }
            | pytext.runtime_aliases(schema)
        ),
        "structs": [_struct(schema, m) for m in structs],
        "python_only": python_only,
        "typing_names": ", ".join(
            ["TYPE_CHECKING", "Annotated", "Any", "TypeAlias", "TypeVar"]
            if python_only
            else ["Annotated", "Any"]
        ),
        "roots": [_root(m) for m in roots],
    }


def _struct(schema: Schema, message: Message) -> dict[str, Any]:
    enums = {e.name: e for e in schema.enums}
    bases = [message.mixin] if message.mixin else []
    fields = python_view(schema, message)
    return {
        "name": message.name,
        "bases": ", ".join([*bases, "msgspec.Struct"]),
        # Only strings, numbers and enums: no reference cycle is possible, so the garbage
        # collector need not track the instances (cheaper to allocate; 100,000 listing entries).
        "options": "kw_only=True" + (", gc=False" if all(map(_atomic, fields)) else ""),
        "doc": pytext.docstring(message.doc or message.name),
        "fields": [
            _field(f, key, enums)
            for f, key in zip(fields, keys(fields, message.msgpack), strict=True)
        ],
    }


def python_view(schema: Schema, message: Message) -> list[Field]:
    """The struct's fields with the Python facts the model gives them: a field promoted
    through a flat embed with `defaults: zero` defaults to Go's zero value, as in the model."""
    wire = [
        kinds.with_zero_default(f)
        if any(v.python.zero_defaults for v in via) and not f.python.has_default
        else f
        for f, via in schema.wire_placed(message)
    ]
    return wire + schema.struct_fields(message)[len(wire) :]


def _root(message: Message) -> dict[str, Any]:
    """A root type: a dict or list subclass carrying its behaviour (msgspec has no root
    structs), or a plain alias for any other root."""
    root = message.root
    assert root is not None
    held = pytext.annotation(replace(root, nullable=False), interface_as_any=True)
    return {
        "name": message.name,
        "annotation": pytext.annotation(root, interface_as_any=True),
        "container": root.kind in ("list", "map"),
        "held": held,
        "bases": ", ".join([*([message.mixin] if message.mixin else []), held]),
        "doc": pytext.docstring(message.doc or message.name),
    }


def _atomic(field: Field) -> bool:
    return field.wire.type.kind == "enum" or (
        field.wire.type.kind == "scalar" and field.wire.type.name != "any"
    )


def keys(fields: list[Field], msgpack: bool) -> list[str]:
    """Each field's key in the struct (the runtime's rule, so both name them alike)."""
    return [struct_key(f.name, f.wire.json_key, f.wire.msgpack_key, msgpack) for f in fields]


def _field(field: Field, key: str, enums: dict[str, Enum]) -> dict[str, str]:
    # The schema's Python default, as the model has it (docs/schema-language.md, "Defaults"):
    # Go's zero value unless the schema says otherwise; none for a required field.  Decoding
    # fills absent keys with Go's zero value in both targets (the codec builds the struct).
    # msgspec cannot tell two untagged structs apart: an interface holds the struct the codec
    # built.
    python = field.python
    annotation = pytext.annotation(field.wire.type, interface_as_any=True)
    optional = field.wire.nullable or (python.has_default and python.default is None)
    if python.local:
        annotation = f"PythonOnly[{annotation}]"  # None included (the template defines it)
    elif optional and annotation != "Any":
        annotation += " | None"
    factory = ""
    if not python.has_default:
        default = ""
    elif isinstance(python.default, (list, dict)) and python.default:
        default, factory = "", f"lambda: {pytext.literal(python.default)}"  # msgspec copies none
    elif field.wire.type.kind == "enum" and python.default is not None:
        default = pytext.enum_default(enums[field.wire.type.name], python.default)
    else:
        default = pytext.literal(python.default)
    return {
        "name": field.name,
        "annotation": annotation,
        "value": _value(default, factory, pytext.literal(key) if key != field.name else ""),
        "comment": pytext.comment(field.doc),
    }


def _value(default: str, factory: str, rename: str) -> str:
    """The right-hand side of a struct field ('' for a required field under its own name)."""
    options = [f"default_factory={factory}"] if factory else []
    options += [f"default={default}"] if default and not factory else []
    options += [f"name={rename}"] if rename else []
    if options == [f"default={default}"]:
        return default
    return f"msgspec.field({', '.join(options)})" if options else ""
