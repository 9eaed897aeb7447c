"""msgspec structs in wire shape: embedded structs flattened, JSON keys as field names."""

from __future__ import annotations

from typing import Any

from ..ir import Field, Message, Schema
from . import pytext

TEMPLATE = "structs.py.j2"
PATH = "aistore_models/structs.py"


def context(schema: Schema) -> dict[str, Any]:
    structs = [m for m in schema.messages if m.root is None]
    roots = [m for m in schema.messages if m.root is not None]
    return {
        "header": pytext.HEADER,
        "int_types": pytext.used_int_types(schema),
        "enums": [e.name for e in schema.enums],
        "mixins": sorted({m.mixin for m in structs if m.mixin}),
        "structs": [_struct(schema, m) for m in structs],
        "roots": [{"name": m.name, "annotation": pytext.annotation(m.root)} for m in roots],  # type: ignore[arg-type]
    }


def _struct(schema: Schema, message: Message) -> dict[str, Any]:
    bases = [message.mixin] if message.mixin else []
    return {
        "name": message.name,
        "bases": ", ".join([*bases, "msgspec.Struct"]),
        "doc": pytext.docstring(message.doc or message.name),
        "fields": [_field(f) for f in schema.wire_fields(message)],
    }


def _field(field: Field) -> dict[str, str]:
    # Go semantics: a struct decoded without a key holds the zero value, so every field has one.
    annotation = pytext.annotation(field.type, quote=False)
    nil = field.nullable or field.type.kind in ("message", "enum") or field.type.name == "any"
    if nil and field.type.name != "any":
        annotation += " | None"
    if nil:
        default = "None"
    elif field.type.kind in ("list", "map", "flagset"):
        default = "[]" if field.type.kind != "map" else "{}"
    else:
        default = {"str": '""', "time": '""', "bool": "False", "bytes": 'b""'}.get(
            field.type.name, "0.0" if field.type.name.startswith("float") else "0"
        )
    args = [f"default={default}"]
    if field.wire != field.name:
        args.append(f"name={pytext.literal(field.wire)}")
    return {
        "name": field.name,
        "annotation": annotation,
        "value": f"msgspec.field({', '.join(args)})" if len(args) > 1 else default,
        "comment": pytext.comment(field.doc),
    }
