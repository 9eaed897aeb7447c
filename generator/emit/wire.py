"""Wire tables: the Go wire facts of every message, read by the package's codec at run time."""

from __future__ import annotations

import re
from typing import Any

from .. import kinds
from ..directions import directions
from ..ir import Field, Schema, TypeRef
from . import pytext

TEMPLATE = "wire.py.j2"
PATH = "aistore_models/wire.py"


def context(schema: Schema) -> dict[str, Any]:
    ways = directions(schema)
    messages: list[dict[str, Any]] = [
        {
            "name": pytext.literal(m.name),
            "root": spec(m.root) if m.root else "None",
            "msgpack": repr(m.msgpack),
            "fields": [_field(f) for f in m.fields],
            "checks": pytext.literal(m.checks) if m.checks else "",
            "ignores_unknown": m.ignores_unknown,
            # one way only; both is the table's default
            "directions": pytext.literal(ways[m.name]) if len(ways[m.name]) == 1 else "",
        }
        for m in schema.messages
    ]
    entries: list[str] = [m["root"] for m in messages]
    entries += [spec(f.wire.type) for m in schema.messages for f in m.fields]
    used = {name for entry in entries for name in _TYPE.findall(entry)}
    return {"header": pytext.HEADER, "types": sorted(used), "messages": messages}


# A wire type's class in the Python source of a table entry (runtime/wiretypes.py).
_TYPE = re.compile(r"\b([A-Z][A-Za-z0-9]*)\(")


def spec(ref: TypeRef) -> str:
    """A type's entry in the wire tables, as Python source."""
    return kinds.wire_spec(ref)


def _select(field: Field) -> tuple[Any, ...]:
    """(sibling attribute, ((its value, message), ...)) of a `select:` field, else ()."""
    if not field.wire.select_by:
        return ()
    return (field.wire.select_by, field.wire.select_types)


def _versions(field: Field) -> tuple[str, ...]:
    """(added, removed) of a field only some AIStore versions know, else ()."""
    if not (field.wire.added or field.wire.removed):
        return ()
    return (field.wire.added, field.wire.removed)


def _field(field: Field) -> str:
    """A field's table entry, as Python source: keys and type, and the options that differ
    from the WireField defaults (built here, not in a template macro: a macro call per field
    cost as much as the rest of the table)."""
    options = [
        f"{key}={pytext.literal(value)}"
        for key, value, default in (
            ("omit", field.wire.omit, ""),
            ("string", field.wire.as_string, False),
            ("nullable", field.wire.nullable, False),
            ("embed", field.python.embed, ""),  # the runtime keeps a model's nested embeds nested
            ("local", field.python.local, False),
            ("select", _select(field), ()),
            ("versions", _versions(field), ()),
        )
        if value != default
    ]
    keys = (pytext.literal(k) for k in (field.name, field.wire.json_key, field.wire.msgpack_key))
    return f"F({', '.join([*keys, spec(field.wire.type), *options])})"
