"""Schema strings that try to break out of the generated code.

Docs, defaults and enum values hold quotes, triple quotes, backslashes, Jinja
markup, newlines, control characters (no NUL) and non-ASCII; wire names hold
what Go allows in a tag (Jinja braces, `#`, `%`, non-ASCII letters...).
The generated package must compile, hold exactly the statements of the same
schema written with harmless strings, and give every string back unchanged.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from aistore_models_gen.emit import package
from aistore_models_gen.render import render
from aistore_models_gen.writer import write
from conftest import import_package

HOSTILE = [
    'quotes \' " \'\'\' """ and a quote at the end"',
    "backslashes \\ \\\\ \\n \\x41 \\u0041 \\N{BULLET} and one at the end \\",
    "jinja {{ header }} {% for x in y %}{{ x }}{% endfor %} {# c #} {%- raw -%}",
    "new\nlines\n    indented\n\n",
    "controls \x01\x02\x07\x08\t\x0b\x0c\r\x1b\x7f end",
    "non-ASCII: naïve 日本語 😀 \u200b \u202e \ufeff \u00a0",
    "  surrounded by whitespace \t",
    '"""); import os; os.system("echo pwned"); ("""',
    "'); import os  # ",
    '\\"""\\',
    "line separators \x85 \u2028 \u2029",
    "\n",
]


def tag(text: str) -> str:
    """The characters of text that Go allows in a tag name (the loader refuses the rest)."""
    return "".join(c for c in text if c.isalnum() or c in "!#$%&()*+-./:;<=>?@[]^_{|}~ ") or "-"


def schema_for(strings: list[str]) -> dict[str, Any]:
    """Every place a schema string reaches the output, once per string."""
    messages = {
        f"Msg{i}": {
            "doc": s,
            "fields": {
                "text": {"type": "str", "python": {"default": s}, "doc": s, "wire": tag(s) + "#"},
                "colour": {"type": "Colour", "python": {"default": s}, "msgpack": tag(s)},
                "extra": {"type": "any", "python": {"default": {s: [s]}}},
            },
        }
        for i, s in enumerate(strings)
    }
    members = {f"M{i}": {"value": s, "doc": s} for i, s in enumerate(strings)}
    if "" not in strings:  # Go's zero value is a member (schema/enum-zero)
        members["UNSET"] = {"value": ""}
    return {
        "enums": {"Colour": {"kind": "str", "doc": strings[0], "values": members}},
        "messages": messages,
    }


def write_yaml(directory: Path, data: dict[str, Any]) -> Path:
    directory.mkdir(parents=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style='"', width=10**6)
    assert (
        yaml.safe_load(text) == data
    )  # the YAML itself is faithful; what follows tests the generator
    (directory / "a.yaml").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    hostile = render(write_yaml(base / "hostile", schema_for(HOSTILE)))
    with pytest.MonkeyPatch.context() as patch:  # the copied runtime holds no schema string
        patch.setattr(package, "copied_files", lambda schema_dir: {})
        harmless = render(
            write_yaml(base / "harmless", schema_for([f"s{i}" for i in range(len(HOSTILE))]))
        )
    write(hostile, base / "out")
    generated = {path: text for path, text in hostile.items() if path in harmless}
    return generated, harmless, import_package(base / "out" / "aistore_models")


class _Blank(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node


def shape(source: str) -> str:
    """The module's AST with every string blanked: what the code does, not what it says."""
    return ast.dump(_Blank().visit(ast.parse(source)))


def test_same_statements_as_with_harmless_strings(rendered):
    hostile, harmless, _ = rendered
    assert hostile.keys() == harmless.keys()
    for path in sorted(p for p in hostile if p.endswith(".py")):
        assert shape(hostile[path]) == shape(harmless[path]), path


def test_generated_modules_hold_only_declarations(rendered):
    hostile, _, _ = rendered
    allowed = (ast.Import, ast.ImportFrom, ast.ClassDef, ast.AnnAssign, ast.Assign)
    for name in ("models.py", "structs.py", "enums.py", "wire.py"):
        tree = ast.parse(hostile[f"aistore_models/{name}"])
        for body in [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]:
            for i, stmt in enumerate(body):
                docstring = (
                    i == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                )
                assert docstring or isinstance(stmt, allowed), f"{name}: {ast.dump(stmt)[:200]}"


def test_json_schema_has_the_same_structure(rendered):
    hostile, harmless, _ = rendered

    def blank(value: Any) -> Any:
        if isinstance(value, dict):
            return [(blank(k), blank(v)) for k, v in value.items()]
        if isinstance(value, list):
            return [blank(v) for v in value]
        return "" if isinstance(value, str) else value

    for path in (p for p in hostile if p.endswith(".json")):
        assert blank(json.loads(hostile[path])) == blank(json.loads(harmless[path])), path


@pytest.mark.parametrize("i", range(len(HOSTILE)))
def test_strings_round_trip(rendered, i):
    _, _, pkg = rendered
    s = HOSTILE[i]
    model, struct = getattr(pkg.models, f"Msg{i}"), getattr(pkg.structs, f"Msg{i}")
    assert model.__doc__ == s
    assert struct.__doc__ == s
    field = model.model_fields["text"]
    assert (field.default, field.description, field.alias) == (s, s, tag(s) + "#")
    assert model.model_fields["extra"].default == {s: [s]}
    member = getattr(pkg.Colour, f"M{i}")
    assert member.value == s
    assert model.model_fields["colour"].default is member
    assert msgspec.structs.fields(struct)[0].encode_name == tag(s) + "#"
    definition = pkg.schema(f"Msg{i}")["$defs"][f"Msg{i}"]
    assert definition["description"] == s
    assert definition["properties"][tag(s) + "#"]["description"] == s


@pytest.mark.parametrize("i", range(len(HOSTILE)))
def test_values_travel_on_the_wire(rendered, i):
    _, _, pkg = rendered
    s = HOSTILE[i]
    model = getattr(pkg.models, f"Msg{i}")
    data = pkg.encode(model())
    assert json.loads(data)[tag(s) + "#"] == s
    assert pkg.decode(data, model) == model()
    assert pkg.decode(pkg.encode(model(), fmt="json"), getattr(pkg.structs, f"Msg{i}")).extra == {
        s: [s]
    }


def test_enum_doc_round_trips(rendered):
    _, _, pkg = rendered
    assert pkg.Colour.__doc__ == HOSTILE[0]
