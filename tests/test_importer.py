"""python -m aistore_models_gen import: JSON Schema -> schema YAML.

Our own bundle must come back exactly (YAML -> JSON Schema -> YAML is stable),
and a foreign schema must become YAML that generates a working package.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aistore_models_gen.emit import jsonschema as emit_jsonschema
from aistore_models_gen.importer import import_schema, loader_problems
from aistore_models_gen.loader import load
from aistore_models_gen.render import render
from aistore_models_gen.writer import write
from conftest import ROOT, import_package

BUNDLES = ROOT / "generated" / "aistore_models" / "schemas"


def schema_of(yaml_text: str, tmp_path: Path) -> dict:
    """The strict bundle our generator writes for this YAML."""
    folder = tmp_path / "schema"
    folder.mkdir(exist_ok=True)
    (folder / "imported.yaml").write_text(yaml_text)
    return json.loads(
        emit_jsonschema.files(load(folder))["aistore_models/schemas/bundle.strict.json"]
    )


def test_our_bundle_round_trips_exactly(tmp_path):
    original = json.loads((BUNDLES / "bundle.strict.json").read_text())
    imported = import_schema(original)
    assert imported.warnings == []
    regenerated = schema_of(imported.yaml_text, tmp_path)
    assert regenerated["$defs"] == original["$defs"]  # every message, field, type, doc and rule
    assert list(regenerated["$defs"]) == list(original["$defs"])
    assert (
        import_schema(regenerated).yaml_text == imported.yaml_text
    )  # YAML -> schema -> YAML is stable


def test_our_schema_comes_back_with_go_types(tmp_path):
    messages = yaml.safe_load(
        import_schema(json.loads((BUNDLES / "bundle.strict.json").read_text())).yaml_text
    )["messages"]
    snap = messages["JobSnap"]["fields"]
    assert snap["start_time"] == {
        "type": "time",
        "wire": "start-time",
        "doc": "When the job started.",
    }
    assert messages["JobStats"]["fields"]["loc_objs"] == {
        "type": "int64",
        "wire": "loc-objs",
        "doc": messages["JobStats"]["fields"]["loc_objs"]["doc"],
        "string": True,
    }
    assert messages["BucketEntry"]["fields"]["copies"]["type"] == "int16"
    assert messages["JobArgs"]["fields"]["timeout"]["type"] == "duration"
    assert messages["InitSpecETLArgs"]["fields"]["spec"]["type"] == "bytes"
    assert (
        messages["ETLDetails"]["fields"]["init_msg"]["type"]
        == "interface[ETLSpecMsg, InitSpecETLArgs]"
    )
    assert messages["AggregatedJobSnap"]["root"] == "map[str, list[JobSnap]]?"


def test_strict_and_lenient_bundles_import_alike():
    strict = import_schema(json.loads((BUNDLES / "bundle.strict.json").read_text())).yaml_text
    lenient = import_schema(json.loads((BUNDLES / "bundle.lenient.json").read_text())).yaml_text
    assert strict == lenient


def test_a_single_message_file_imports_its_reachable_definitions():
    document = json.loads((BUNDLES / "strict" / "JobSnap.json").read_text())
    messages = yaml.safe_load(import_schema(document).yaml_text)["messages"]
    assert set(messages) == {"BucketModel", "JobSnap", "JobStats", "Namespace"}


FOREIGN = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "order",
    "type": "object",
    "required": ["id", "items"],
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
        "placedAt": {"type": "string", "format": "date-time"},
        "status": {"type": "string", "enum": ["open", "shipped", "cancelled"]},
        "items": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
        "shipping": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
        },
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "tags": {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100},
        },
        "payment": {"oneOf": [{"$ref": "#/definitions/Card"}, {"$ref": "#/definitions/Transfer"}]},
        "class": {"type": "boolean"},
        "count": {"$ref": "#/definitions/Count"},
    },
    "definitions": {
        "Item": {
            "type": "object",
            "properties": {
                "sku": {"type": "string"},
                "qty": {"type": "integer", "minimum": 0, "maximum": 4294967295},
                "price": {"type": "number"},
            },
            "additionalProperties": False,
        },
        "Card": {
            "type": "object",
            "properties": {"number": {"type": "string"}},
            "required": ["number"],
        },
        "Transfer": {"type": "object", "properties": {"iban": {"type": "string"}}},
        "Count": {"type": "integer"},
    },
}


def test_foreign_schema_imports_with_warnings_naming_pointers():
    result = import_schema(FOREIGN)
    data = yaml.safe_load(result.yaml_text)
    order = data["messages"]["Order"]["fields"]
    assert list(order) == [
        "id",
        "placed_at",
        "status",
        "items",
        "shipping",
        "note",
        "tags",
        "payment",
        "class_",
        "count",
    ]
    assert order["id"] == {"type": "str", "wire_required": True}
    assert order["placed_at"] == {"type": "time", "wire": "placedAt"}
    # Go's zero "" is no status: absent reads as None (schema/enum-zero); a warning says so
    assert order["status"] == "OrderStatus?" and data["enums"]["OrderStatus"] == {
        "kind": "str",
        "values": {"OPEN": "open", "SHIPPED": "shipped", "CANCELLED": "cancelled"},
    }
    assert order["items"] == {"type": "list[Item]", "wire_required": True}
    assert order["shipping"] == "OrderShipping"  # an inline object, hoisted
    assert data["messages"]["OrderShipping"]["fields"] == {"city": "str", "zip": "str"}
    assert order["note"] == "str?"
    assert order["tags"] == "map[str, int64]"
    assert order["payment"] == "interface[Card, Transfer]"
    assert order["class_"] == {"type": "bool", "wire": "class"}
    assert order["count"] == "int64"  # an alias definition is inlined
    assert data["messages"]["Item"]["fields"]["qty"] == "uint32"
    assert result.warnings == [
        "/properties/id: pattern dropped (the schema language has no such rule for str)",
        "/properties/status: enum OrderStatus has no member for Go's zero value ''; imported as "
        "OrderStatus? (an absent key reads as None)",
        "/properties/tags/additionalProperties: range [0, 100] is no Go integer type's;"
        " imported as int64",
    ]
    assert loader_problems(result.yaml_text) == ""


def test_foreign_schema_generates_a_working_package(tmp_path):
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "imported.yaml").write_text(import_schema(FOREIGN).yaml_text)
    write(render(folder), tmp_path / "out")
    pkg = import_package(tmp_path / "out" / "aistore_models")
    payload = {
        "id": "ABC-1",
        "items": [{"sku": "x", "qty": 2, "price": 1.5}],
        "status": "open",
        "payment": {"number": "4111"},
    }
    assert pkg.validate("Order", payload) == []
    assert [i.pointer for i in pkg.validate("Order", {"id": "ABC-1"})] == [""]  # items is required
    order = pkg.decode(payload, pkg.models.Order, strict=True)
    assert order.items[0].qty == 2 and order.payment.number == "4111"


@pytest.mark.parametrize(
    "document, reason",
    [
        ([1, 2], "not a JSON Schema object"),
        ({"properties": {"a": {"$ref": "other.json#/definitions/A"}}}, "not a local reference"),
        ({"properties": {"a": {"$ref": "#/definitions/Missing"}}}, "names no definition"),
    ],
)
def test_what_cannot_be_imported_is_an_error(document, reason):
    from aistore_models_gen.importer import SchemaImportError

    with pytest.raises(SchemaImportError, match=reason):
        import_schema(document)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aistore_models_gen", "import", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_cli_writes_the_yaml_and_reports_warnings(tmp_path):
    source = tmp_path / "order.schema.json"
    source.write_text(json.dumps(FOREIGN))
    result = run_cli(str(source), "--out", "schema/imported.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{source}: /properties/id: pattern dropped" in result.stderr
    assert (tmp_path / "schema" / "imported.yaml").read_text() == import_schema(FOREIGN).yaml_text
    assert (
        run_cli(str(source), cwd=tmp_path).stdout == import_schema(FOREIGN).yaml_text
    )  # stdout by default


def test_cli_errors_exit_2_and_write_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "object",\n "properties": }')
    result = run_cli(str(bad), "--out", "out.yaml", cwd=tmp_path)
    assert result.returncode == 2 and f"{bad}:2:16: not JSON" in result.stderr
    assert run_cli("missing.json", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "out.yaml").exists()
