"""JSON Schema (draft 2020-12) of the wire form: one file per message, and a bundle.

Go's decoder accepts `null` for every field (it leaves the zero value) and fills
absent keys with zero values, so every property admits null and only
`wire_required` keys are required.  The strict flavour rejects unknown keys, as
AIStore's decoder does; the lenient one accepts them.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ..ir import Field, Message, Schema, TypeRef
from ..runtime.gorules import (
    BASE64_TEXT,
    FLOAT_TEXT,
    INT_RANGES,
    NOT_ON_WIRE,
    QUOTED_INT,
    anchored,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:aistore-models"
# Our keyword for the Go kind a JSON type alone cannot tell (a time.Duration is an int64 of
# nanoseconds); the importer reads it back.
GO_KIND = "x-go-kind"
INT_PATTERN = anchored(QUOTED_INT)
FLOAT_PATTERN = anchored(FLOAT_TEXT)
BASE64_PATTERN = anchored(BASE64_TEXT)


def files(schema: Schema) -> dict[str, str]:
    out: dict[str, str] = {}
    for flavour, strict in (("strict", True), ("lenient", False)):
        defs = {m.name: _message(schema, m, strict) for m in schema.messages}
        out[f"aistore_models/schemas/bundle.{flavour}.json"] = _dump(
            {"$schema": DRAFT, "$id": f"{ID_PREFIX}:{flavour}", "$defs": defs}
        )
        for message in schema.messages:
            reachable = sorted(_reachable(schema, message.name, set()))
            document = {
                "$schema": DRAFT,
                "$id": f"{ID_PREFIX}:{flavour}:{message.name}",
                "$ref": f"#/$defs/{message.name}",
                "$defs": {name: defs[name] for name in reachable},
            }
            out[f"aistore_models/schemas/{flavour}/{message.name}.json"] = _dump(document)
    return out


def _dump(document: dict[str, Any]) -> str:
    # json.dumps(indent=2) byte for byte: json's C encoder writes the tokens (its indent mode
    # is pure Python, ~5x slower), msgspec only lays them out.
    compact = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return msgspec.json.format(compact, indent=2) + "\n"


def _reachable(schema: Schema, name: str, seen: set[str]) -> set[str]:
    if name in seen:
        return seen
    seen.add(name)
    message = schema.message(name)
    refs = [message.root] if message.root else [f.wire.type for f in message.fields]
    for ref in refs:
        for t in ref.walk():
            if t.kind == "message":
                _reachable(schema, t.name, seen)
    return seen


def _message(schema: Schema, message: Message, strict: bool) -> dict[str, Any]:
    doc = {"title": message.name} | ({"description": message.doc} if message.doc else {})
    if message.root is not None:
        body = _type(schema, message.root, False)
        return doc | (_or_null(body) if message.root.nullable else body)
    fields = [f for f in schema.wire_fields(message) if f.wire.json_key != NOT_ON_WIRE]
    out: dict[str, Any] = doc | {
        "type": "object",
        "properties": {f.wire.json_key: _property(schema, f) for f in fields},
    }
    required = [f.wire.json_key for f in fields if f.wire.required]
    if required:
        out["required"] = required
    if strict:
        out["additionalProperties"] = False
    return out


def _property(schema: Schema, field: Field) -> dict[str, Any]:
    body = _type(schema, field.wire.type, field.wire.as_string)
    if field.doc:
        body = {"description": field.doc} | body
    return _or_null(body)


def _or_null(body: dict[str, Any]) -> dict[str, Any]:
    if body.get("type") in ("string", "integer", "number", "boolean", "array", "object"):
        return body | {"type": [body["type"], "null"]}
    if not body or set(body) <= {"description"}:
        return body  # `any` already admits null
    return {"anyOf": [body, {"type": "null"}]}


def _type(schema: Schema, ref: TypeRef, as_string: bool) -> dict[str, Any]:
    if ref.kind == "list":
        return {"type": "array", "items": _or_null(_type(schema, ref.item, False))}  # type: ignore[arg-type]
    if ref.kind == "map":
        return {"type": "object", "additionalProperties": _or_null(_type(schema, ref.item, False))}  # type: ignore[arg-type]
    if ref.kind == "message":
        return {"$ref": f"#/$defs/{ref.name}"}
    if ref.kind == "oneof":
        return {"anyOf": [{"$ref": f"#/$defs/{o.name}"} for o in ref.options]}
    if ref.kind == "enum":
        enum = schema.enum(ref.name)
        return {
            "enum": [v.value for v in enum.values],
            "description": f"{enum.name}: {enum.doc}".strip(),
        }
    if ref.kind == "flagset":
        return _int("uint64", as_string) | {"description": f"bitmask of {ref.name} bit positions"}
    if ref.is_int:
        return _int(ref.name, as_string)
    name = ref.name
    if name == "bool":
        return {"type": "string", "enum": ["true", "false"]} if as_string else {"type": "boolean"}
    if name.startswith("float"):
        return {"type": "string", "pattern": FLOAT_PATTERN} if as_string else {"type": "number"}
    if name in ("bytes", "base64"):
        return {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}
    if name == "time":
        return {"type": "string", "format": "date-time"}
    if name == "duration":
        return _int("int64", False) | {"description": "nanoseconds", GO_KIND: "duration"}
    if name == "any":
        return {}
    return {"type": "string"}


def _int(name: str, as_string: bool) -> dict[str, Any]:
    lo, hi = INT_RANGES[name]
    if as_string:
        return {"type": "string", "pattern": INT_PATTERN, "x-go-type": name}
    return {"type": "integer", "minimum": lo, "maximum": hi}
