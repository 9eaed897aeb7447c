"""The YAML against AIStore's Go types (the manifest the Go harness writes by reflection).

Every Go field must appear in the YAML (or be listed in `go_omitted` with a
reason), with the same JSON name, MessagePack name, omitempty/omitzero and
,string options, and a compatible type.
"""

from __future__ import annotations

import json
import re

import pytest

from aistore_models_gen.ir import Field, Message, Schema, TypeRef
from aistore_models_gen.loader import load
from conftest import FIXTURES, SCHEMA

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text())
GO_TYPES = MANIFEST["types"]
SCHEMA_IR: Schema = load(SCHEMA)
BY_GO = {m.go: m for m in SCHEMA_IR.messages if m.go}

_GO_SCALARS = {
    "string": {"str", "time"}, "bool": {"bool"}, "float64": {"float64"}, "float32": {"float32"},
    "int": {"int64"}, "uint": {"uint64"}, "[]uint8": {"bytes", "base64"}, "time.Time": {"time"},
    "time.Duration": {"duration"}, "interface {}": {"any"},
    **{t: {t} for t in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")},
}  # fmt: skip


def tag(raw: str | None) -> tuple[str | None, set[str]]:
    if raw is None:
        return None, set()
    name, *options = raw.split(",")
    return name, set(options)


def compatible(go_type: str, ref: TypeRef, nullable: bool, problems: list[str]) -> bool:
    """Does the YAML type ref describe the Go type?"""
    if go_type.startswith("*"):
        return compatible(go_type[1:], ref, nullable, problems)
    info = GO_TYPES.get(go_type)
    if info and info.get("json_marshaler"):
        return True  # custom Go marshaller: the YAML comment explains its wire form
    if info and info.get("kind") == "interface" and info.get("implementations"):
        expected = [BY_GO[t].name for t in info["implementations"] if t in BY_GO]
        return ref.kind == "oneof" and sorted(o.name for o in ref.options) == sorted(expected)
    if go_type in _GO_SCALARS:
        names = _GO_SCALARS[go_type]
        if ref.kind == "flagset":
            return go_type.startswith("uint") or go_type == "int64"
        if ref.kind == "enum":
            return True  # a Go named type with constants
        return ref.kind == "scalar" and ref.name in names
    if info and info.get("kind") != "struct" and "underlying" in info:
        return compatible(info["underlying"], ref, nullable, problems)
    if go_type.startswith("[]"):
        return ref.kind == "list" and compatible(go_type[2:], ref.item, True, problems)  # type: ignore[arg-type]
    match = re.fullmatch(r"map\[([\w.]+)\](.+)", go_type)
    if match and (
        match.group(1) == "string" or GO_TYPES.get(match.group(1), {}).get("underlying") == "string"
    ):
        match = re.fullmatch(r"map\[[\w.]+\](.+)", go_type)
        return ref.kind == "map" and compatible(match.group(1), ref.item, True, problems)  # type: ignore[arg-type]
    if info and info.get("kind") == "struct" or go_type in BY_GO:
        return (
            ref.kind == "message"
            and BY_GO.get(go_type) is not None
            and BY_GO[go_type].name == ref.name
        )
    return ref.kind == "scalar" and ref.name == "any"


def mismatches(message: Message) -> list[str]:
    go = GO_TYPES[message.go]
    if message.root is not None:
        return []
    problems: list[str] = []
    fields_by_go = {f.wire.go: f for f in message.fields if f.wire.go}
    omitted = dict(message.go_omitted)
    for gofield in go["fields"]:
        json_name, json_opts = tag(gofield["json"])
        msg_name, msg_opts = tag(gofield["msg"])
        where = f"{message.name}.{gofield['name']} (Go {message.go})"
        if json_name == "-" or not gofield.get("exported", True):
            continue
        field: Field | None = fields_by_go.get(gofield["name"])
        if field is None:
            if gofield["name"] not in omitted:
                problems.append(
                    f"{where}: Go field missing from the YAML (add it or list it in go_omitted)"
                )
            continue
        if gofield["embedded"]:
            if not field.wire.embedded:
                problems.append(
                    f"{where}: embedded in Go, but YAML field {field.name} has no `embed: true`"
                )
            elif not compatible(gofield["type"], field.wire.type, False, problems):
                problems.append(f"{where}: embeds {gofield['type']}, YAML embeds {field.wire.type}")
            continue
        expect_wire = json_name or gofield["name"]
        if field.wire.json_key != expect_wire:
            problems.append(f"{where}: JSON name Go={expect_wire!r} YAML={field.wire.json_key!r}")
        go_omit = "empty" if "omitempty" in json_opts else "zero" if "omitzero" in json_opts else ""
        if field.wire.omit != go_omit:
            problems.append(
                f"{where}: omit Go={go_omit or 'none'} YAML={field.wire.omit or 'none'}"
            )
        if field.wire.as_string != ("string" in json_opts):
            problems.append(
                f"{where}: ,string Go={'string' in json_opts} YAML={field.wire.as_string}"
            )
        if message.msgpack:
            expect_msg = msg_name if msg_name is not None else gofield["name"]
            if expect_msg != "-" and field.wire.msgpack_key != expect_msg:
                problems.append(
                    f"{where}: MessagePack name Go={expect_msg!r} YAML={field.wire.msgpack_key!r}"
                )
        if not compatible(gofield["type"], field.wire.type, field.wire.nullable, problems):
            problems.append(f"{where}: type Go={gofield['type']} YAML={field.wire.type}")
    go_names = {f["name"] for f in go["fields"]}
    for field in message.fields:
        if field.wire.go and field.wire.go not in go_names:
            problems.append(
                f"{message.name}.{field.name}: YAML names Go field {field.wire.go!r},"
                f" which {message.go} lacks"
            )
        if not field.wire.go and not field.python.local:
            problems.append(
                f"{message.name}.{field.name}: on the wire but names no Go field (`go:`)"
            )
    return problems


@pytest.mark.parametrize("message", [m for m in SCHEMA_IR.messages if m.go], ids=lambda m: m.name)
def test_message_conforms_to_go(message):
    assert message.go in GO_TYPES, f"{message.name}: Go type {message.go} is not in the manifest"
    assert mismatches(message) == []


def test_action_values_are_the_types_aistore_decodes():
    [value] = [f for f in SCHEMA_IR.message("ActionMsg").fields if f.wire.select_by]
    ours = {action: SCHEMA_IR.message(name).go for action, name in value.wire.select_types}
    assert ours == MANIFEST["action_values"]


def test_manifest_messages_are_all_modelled():
    for name, go_type in MANIFEST["messages"].items():
        assert name in {m.name for m in SCHEMA_IR.messages}, name
        assert SCHEMA_IR.message(name).go == go_type, name
