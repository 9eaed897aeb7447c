"""Wire tables: the Go wire facts of every message, read by the package's codec at run time."""

from __future__ import annotations

from typing import Any

from .. import kinds
from ..ir import Field, Schema, TypeRef
from . import pytext

TEMPLATE = "wire.py.j2"
PATH = "aistore_models/wire.py"


def context(schema: Schema) -> dict[str, Any]:
    return {
        "header": pytext.HEADER,
        "messages": [
            {
                "name": pytext.literal(m.name),
                "root": spec(m.root) if m.root else "None",
                "msgpack": repr(m.msgpack),
                "fields": [_field(f) for f in m.fields],
            }
            for m in schema.messages
        ],
    }


def spec(ref: TypeRef) -> str:
    """The codec's type tuple for a type, as Python source."""
    return kinds.wire_spec(ref)


def _field(field: Field) -> str:
    args = [
        pytext.literal(field.name),
        pytext.literal(field.wire.json_key),
        pytext.literal(field.wire.msgpack_key),
        spec(field.wire.type),
    ]
    for key, value, default in (
        ("omit", field.wire.omit, ""),
        ("string", field.wire.as_string, False),
        ("nullable", field.wire.nullable, False),
        ("embed", field.python.embed, ""),  # the runtime keeps a model's nested embeds nested
        ("local", field.python.local, False),
    ):
        if value != default:
            args.append(f"{key}={pytext.literal(value)}")
    return f"F({', '.join(args)})"
