"""JSON Schema (draft 2020-12) of the wire form: one file per message, and a bundle.

Go's decoder accepts `null` for every field (it leaves the zero value; AIStore's
duration text aside, kinds.admits_null) and fills absent keys with zero values, so
properties admit null and only
`wire_required` keys are required.  The strict flavour rejects unknown keys, as
AIStore's decoder does; the lenient one accepts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import msgspec

from ..ir import Field, Message, Schema
from ..kinds import admits_null, json_schema, or_null
from ..runtime import aischecks
from ..runtime.gorules import NOT_ON_WIRE
from ..runtime.versions import span

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:aistore-models"


def files(schema: Schema) -> dict[str, str]:
    out: dict[str, str] = {}
    for flavour, strict in (("strict", True), ("lenient", False)):
        # Each definition is encoded once and spliced into the bundle and into every file
        # that reaches it: the text json.dumps gives the whole document, at a fraction.
        defs = {m.name: _compact(_message(schema, m, strict)) for m in schema.messages}
        head = [("$schema", _compact(DRAFT)), ("$id", _compact(f"{ID_PREFIX}:{flavour}"))]
        out[f"aistore_models/schemas/bundle.{flavour}.json"] = _layout(
            _object([*head, ("$defs", _object(defs.items()))])
        )
        for message in schema.messages:
            reachable = sorted(_reachable(schema, message.name, set()))
            document = [
                ("$schema", _compact(DRAFT)),
                ("$id", _compact(f"{ID_PREFIX}:{flavour}:{message.name}")),
                ("$ref", _compact(f"#/$defs/{message.name}")),
                ("$defs", _object((name, defs[name]) for name in reachable)),
            ]
            out[f"aistore_models/schemas/{flavour}/{message.name}.json"] = _layout(
                _object(document)
            )
    return out


def _dump(document: dict[str, Any]) -> str:
    """json.dumps(document, indent=2, ensure_ascii=False) + newline, byte for byte."""
    return _layout(_compact(document))


def _compact(value: Any) -> str:
    # json's C encoder writes the tokens (its indent mode is pure Python, ~5x slower)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _object(members: Iterable[tuple[str, str]]) -> str:
    """The compact JSON object of (key, compact JSON value) pairs, as _compact writes it."""
    return "{" + ",".join(f"{_compact(key)}:{value}" for key, value in members) + "}"


def _layout(compact: str) -> str:
    # msgspec only lays the tokens out, as json.dumps(indent=2) would
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
    for field in message.fields:
        for _, selected in field.wire.select_types:
            _reachable(schema, selected, seen)
    return seen


def _message(schema: Schema, message: Message, strict: bool) -> dict[str, Any]:
    doc = {"title": message.name} | ({"description": message.doc} if message.doc else {})
    if message.root is not None:
        body = json_schema(message.root, schema, False)
        return doc | (or_null(body) if message.root.nullable else body)
    fields = [f for f in schema.wire_fields(message) if f.wire.json_key != NOT_ON_WIRE]
    out: dict[str, Any] = doc | {
        "type": "object",
        "properties": {f.wire.json_key: _property(schema, f) for f in fields},
    }
    required = [f.wire.json_key for f in fields if f.wire.required]
    if required:
        out["required"] = required
    if strict and not message.ignores_unknown:  # (its own decoder skips unknown keys)
        out["additionalProperties"] = False
    rules = [rule for f in fields for rule in _selections(f, fields)]
    rules += [aischecks.json_schema(check, keys) for check, keys in message.checks]
    if rules:
        out["allOf"] = rules
    if message.checks:  # read back by the importer
        out["x-aistore-checks"] = [[check, list(keys)] for check, keys in message.checks]
    if message.ignores_unknown:
        out["x-aistore-ignores-unknown"] = True
    return out


def _selections(field: Field, fields: list[Field]) -> list[dict[str, Any]]:
    """`select:` as if/then: the value is the message the sibling's value picks (or null)."""
    if not field.wire.select_by:
        return []
    by = next(f.wire.json_key for f in fields if f.name == field.wire.select_by)
    return [
        {
            "if": {"properties": {by: {"const": value}}, "required": [by]},
            "then": {"properties": {field.wire.json_key: or_null({"$ref": f"#/$defs/{name}"})}},
        }
        for value, name in field.wire.select_types
    ]


def _property(schema: Schema, field: Field) -> dict[str, Any]:
    body = json_schema(field.wire.type, schema, field.wire.as_string)
    versions = span(field.wire.added, field.wire.removed)
    doc = " ".join(t for t in (field.doc, versions and f"Known to AIStore {versions}.") if t)
    if doc:
        body = {"description": doc} | body
    return or_null(body) if admits_null(field.wire.type, field.wire.nullable) else body
