"""The floors: a bare msgspec Struct and a bare pydantic model of each message's wire shape.

What a user would write who wanted the same bytes read with no Go rule at all: the wire
keys as field names, plain Python types (a `,string` number is the text msgspec sees and
the int pydantic coerces; a time is a str), Go's zero values as defaults, nothing strict,
unknown keys ignored, no range checks.  Built from our wire tables, so each floor has the
shape of the payload it reads.  For encoding, the bare Struct leaves out the omitempty
fields at their zero (`omit_defaults`); `encodes_alike` checks that it then writes our
bytes, so the floor does the same work.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import msgspec
import pydantic

import aistore_models as am
from aistore_models.codec import NOT_ON_WIRE, flatten
from aistore_models.wire import MESSAGES as TABLES

_SCALARS: dict[str, Any] = {
    "str": str,
    "bool": bool,
    "int": int,
    "duration": int,
    "float": float,
    "time": str,
    "any": Any,
}
_ZEROS: dict[str, Any] = {"str": "", "bool": False, "int": 0, "duration": 0, "float": 0.0}


def _python_type(spec: tuple[Any, ...], fmt: str, make: Any) -> Any:
    kind = spec[0]
    if kind == "opt":
        return _python_type(spec[1], fmt, make) | None
    if kind == "list":  # Go's nil slice: null
        return list[_python_type(spec[1], fmt, make)] | None  # type: ignore[misc]
    if kind == "map":
        return dict[str, _python_type(spec[1], fmt, make)] | None  # type: ignore[misc]
    if kind == "msg":
        return make(spec[1], fmt) | None
    if kind == "enum" or kind == "time" and fmt == "msgpack":  # msgp writes a time as an ext
        return Any
    return _SCALARS.get(kind, Any)


def _wire_fields(name: str, fmt: str) -> list[Any]:
    key = "json" if fmt == "json" else "msgpack"
    return [p.field for p in flatten(TABLES, name) if getattr(p.field, key) != NOT_ON_WIRE]


def _key(field: Any, fmt: str) -> str:
    return str(field.json if fmt == "json" else field.msgpack)


@cache
def bare_struct(name: str, fmt: str = "json", for_encoding: bool = False) -> Any:
    """The bare msgspec Struct of `name`'s wire shape (or of its root type)."""
    if TABLES[name].root is not None:
        return _python_type(TABLES[name].root, fmt, lambda n, f: bare_struct(n, f, for_encoding))
    fields: list[Any] = []
    for i, field in enumerate(_wire_fields(name, fmt)):
        kind, key = field.type[0], _key(field, fmt)
        annotation = _python_type(field.type, fmt, lambda n, f: bare_struct(n, f, for_encoding))
        if field.string and fmt == "json":
            annotation = str
        if for_encoding and not field.omit:
            options: dict[str, Any] = {}  # required: never left out
        elif kind in ("list", "map"):
            options = {"default_factory": list if kind == "list" else dict}
        elif field.string and fmt == "json":
            options = {"default": "false" if kind == "bool" else "0"}
        else:
            options = {"default": None if field.nullable else _ZEROS.get(kind)}
        attr = key if key.isidentifier() else f"f{i}"
        fields.append((attr, annotation, msgspec.field(name=key, **options)))
    return msgspec.defstruct(f"Bare{name}", fields, omit_defaults=for_encoding, kw_only=True)


@cache
def bare_model(name: str) -> Any:
    """The bare pydantic model of `name`'s JSON shape (lax: `"12"` becomes 12)."""
    if TABLES[name].root is not None:
        root = _python_type(TABLES[name].root, "json", lambda n, f: bare_model(n))
        return pydantic.create_model(f"Bare{name}", __base__=pydantic.RootModel[root])
    fields: dict[str, Any] = {}
    for i, field in enumerate(_wire_fields(name, "json")):
        kind = field.type[0]
        annotation = _python_type(field.type, "json", lambda n, f: bare_model(n))
        attr = field.json if field.json.isidentifier() else f"f{i}"
        if kind in ("list", "map"):
            factory = list if kind == "list" else dict
            fields[attr] = (annotation, pydantic.Field(default_factory=factory, alias=field.json))
        else:
            default = None if field.nullable else _ZEROS.get(kind)
            fields[attr] = (annotation, pydantic.Field(default=default, alias=field.json))
    return pydantic.create_model(f"Bare{name}", **fields)


def encodes_alike(obj: Any, ours: bytes, name: str) -> str:
    """'' when the bare Struct, filled from our object's wire form, writes our bytes; else why
    not (the floor's row then says so)."""
    wire = am.to_wire(obj, message=name)
    bare = msgspec.convert(wire, bare_struct(name, "json", True))
    written = msgspec.json.encode(bare)
    return "" if written == ours else f"bare bytes differ ({len(written)} vs {len(ours)} bytes)"
