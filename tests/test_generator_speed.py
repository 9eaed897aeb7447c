"""The generator's shortcuts change nothing: the check stamp, libyaml, the JSON layout, the
names pydantic reserves."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from aistore_models_gen import cli, render, stamp, yamlsrc
from aistore_models_gen.emit import jsonschema
from conftest import ROOT, SCHEMA, write_schema

GOOD = {"a.yaml": "messages:\n  Thing:\n    fields:\n      name: str\n"}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_unchanged_check_does_not_render(tmp_path, cache, monkeypatch):
    schema, out = write_schema(tmp_path / "schema", GOOD), tmp_path / "out"
    assert cli.generate(schema, out, check=False) == cli.EXIT_OK
    assert any(cache.rglob("*.json"))

    def refuse(schema_dir: Path) -> dict[str, str]:
        raise AssertionError("rendered")

    monkeypatch.setattr(render, "render", refuse)
    assert cli.generate(schema, out, check=True) == cli.EXIT_OK


@pytest.mark.parametrize("change", ["schema", "package", "extra file", "missing file"])
def test_any_change_makes_the_check_render(tmp_path, cache, change, capsys):
    schema, out = write_schema(tmp_path / "schema", GOOD), tmp_path / "out"
    assert cli.generate(schema, out, check=False) == cli.EXIT_OK
    assert stamp.up_to_date(schema, out) is not None
    package = out / "aistore_models"
    if change == "schema":
        (schema / "a.yaml").write_text(GOOD["a.yaml"] + "      other: int64\n")
    elif change == "package":
        (package / "models.py").write_text((package / "models.py").read_text() + "# by hand\n")
    elif change == "extra file":
        (package / "stray.py").write_text("x = 1\n")
    else:
        (package / "enums.py").unlink()
    assert stamp.up_to_date(schema, out) is None
    assert cli.generate(schema, out, check=True) == cli.EXIT_STALE


def test_generator_sources_are_inputs(tmp_path, cache, monkeypatch):
    schema, out = write_schema(tmp_path / "schema", GOOD), tmp_path / "out"
    cli.generate(schema, out, check=False)
    generator_copy = tmp_path / "generator"
    generator_copy.mkdir()
    (generator_copy / "emitter.py").write_text("x = 1\n")
    monkeypatch.setattr(stamp, "GENERATOR", generator_copy)
    assert stamp.up_to_date(schema, out) is None


@pytest.mark.parametrize("check", [False, True], ids=["generate", "check"])
def test_the_stamp_of_rendered_trees_is_the_disks(tmp_path, cache, check):
    """The stamp hashes the trees it wrote (or compared) from memory: the record is the one
    reading them back gives, and a later check finds it."""
    out, reference, examples = (
        tmp_path / "out",
        tmp_path / "docs" / "reference",
        ROOT / "tests" / "fixtures",
    )
    also = [reference, examples]
    assert cli.generate(SCHEMA, out, False, reference, examples) == cli.EXIT_OK
    if check:
        shutil.rmtree(cache)
        assert cli.generate(SCHEMA, out, True, reference, examples) == cli.EXIT_OK
    (record,) = cache.rglob("*.json")
    from_memory = record.read_text()
    stamp.record(SCHEMA, out, also)  # hashed from disk
    assert record.read_text() == from_memory
    assert stamp.up_to_date(SCHEMA, out, also) is not None


@pytest.mark.parametrize("library", ["ruff", "black", "msgspec", "pydantic", "jinja2", "pyyaml"])
def test_versions_that_shape_the_bytes_are_inputs(tmp_path, cache, monkeypatch, library):
    """Another formatter or serializer release may shape other bytes: the check renders."""
    from importlib import metadata

    schema, out = write_schema(tmp_path / "schema", GOOD), tmp_path / "out"
    cli.generate(schema, out, check=False)
    assert stamp.up_to_date(schema, out) is not None
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "0.0.1" if name == library else real(name)
    )
    assert stamp.up_to_date(schema, out) is None


# ---------------------------------------------------------------- libyaml


def slow(text: str, filename: str, problems: list) -> yamlsrc.Node | None:
    original = yamlsrc._compose_fast
    yamlsrc._compose_fast = lambda text: (False, None)
    try:
        return yamlsrc.parse(text, filename, problems)
    finally:
        yamlsrc._compose_fast = original


def located(node: yamlsrc.Node | None) -> object:
    if node is None:
        return None
    value = node.value
    if isinstance(value, dict):
        value = {k: located(v) for k, v in value.items()}
    elif isinstance(value, list):
        value = [located(v) for v in value]
    return value, node.loc, node.key_locs


CASES = {
    "flow and block": "a: {b: [1, 2.5, x], c: null}\nd:\n  - e: 'q'\n    f: \"\\u00e9\"\n",
    "alias": "a: &x [1]\nb: *x\n",
    "anchor only": "a: &x [1]\nb: 2\n",
    "cycle": "a: &x [*x]\n",
    "deep flow": "a: " + "[" * 80 + "]" * 80 + "\n",
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n",
    "non-ascii": "a: héllo\nb: [x, y]\n",
    "control": "a: b\x07\n",
    "tab": "a:\n\tb: 1\n",
    "syntax": "a: [1, 2\nb: 3\n",
    "duplicate": "a: 1\na: 2\n",
    "tag": "a: !!python/object:os.system x\n",
    "empty": "",
    "keys": "1: a\n? [x]\n: b\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_libyaml_and_pyyaml_read_alike(name):
    fast_problems: list = []
    slow_problems: list = []
    text = CASES[name]
    assert located(yamlsrc.parse(text, "f.yaml", fast_problems)) == located(
        slow(text, "f.yaml", slow_problems)
    )
    assert [str(p) for p in fast_problems] == [str(p) for p in slow_problems]


@pytest.mark.parametrize(
    "path",
    sorted(SCHEMA.glob("*.yaml")) + sorted((ROOT / "tests" / "bad_schemas").rglob("*.yaml")),
    ids=str,
)
def test_schema_files_read_alike(path):
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    fast_problems: list = []
    slow_problems: list = []
    assert located(yamlsrc.parse(text, path.name, fast_problems)) == located(
        slow(text, path.name, slow_problems)
    )
    assert [str(p) for p in fast_problems] == [str(p) for p in slow_problems]


def test_the_real_schema_takes_libyaml():
    for path in SCHEMA.glob("*.yaml"):
        assert yamlsrc._compose_fast(path.read_text(encoding="utf-8"))[0], path.name


# ---------------------------------------------------------------- JSON layout


@pytest.mark.parametrize(
    "document",
    [
        {
            "a": [],
            "b": {},
            "c": [{}],
            "d": 1.5e300,
            "e": 'é\u2028\x01"\\/',
            "f": -0.0,
            "g": 10**20,
            "h": [[[]]],
        },
        {},
        [],
    ],
)
def test_json_layout_is_json_dumps_indent_2(document):
    assert jsonschema._dump(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("which", ["schema", "synthetic"])
def test_spliced_definitions_are_the_documents_json_dumps(which, tmp_path):
    """Each definition is encoded once and spliced in: every file is json.dumps(indent=2) of
    its document, and each document holds the bundle's definitions, byte for byte (the
    synthetic schema of benchmarks/scale.py: chains of nested and embedded messages)."""
    from aistore_models_gen.loader import load

    schema_dir = SCHEMA
    if which == "synthetic":
        sys.path.insert(0, str(ROOT))
        try:
            from benchmarks.scale import write_schema as write_synthetic
        finally:
            sys.path.remove(str(ROOT))
        schema_dir = tmp_path / "synthetic"
        write_synthetic(schema_dir, 60)

    out = jsonschema.files(load(schema_dir, render.NAME_CHECKS))
    for flavour in ("strict", "lenient"):
        bundle = json.loads(out[f"aistore_models/schemas/bundle.{flavour}.json"])
        for path, text in out.items():
            document = json.loads(text)
            assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n", path
            if path.startswith(f"aistore_models/schemas/{flavour}/"):
                defs = document["$defs"]
                assert list(defs) == sorted(defs), path
                assert all(defs[name] == bundle["$defs"][name] for name in defs), path
                name = path.rsplit("/", 1)[1].removesuffix(".json")
                assert document["$ref"] == f"#/$defs/{name}" and name in defs, path


def test_generated_schemas_are_json_dumps_indent_2():
    for path in (ROOT / "generated" / "aistore_models" / "schemas").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(msgspec.json.decode(text), indent=2, ensure_ascii=False) + "\n", (
            path.name
        )


# ---------------------------------------------------------------- names pydantic reserves


def test_basemodel_names_are_the_installed_pydantics():
    """The spelled-out names (emit/models.py, kept to spare the run importing pydantic) are
    BaseModel's public attributes; every private one is refused too."""
    import pydantic

    from aistore_models_gen.emit import models

    installed = {n for n in dir(pydantic.BaseModel) if not n.startswith("__")}
    assert {n for n in models.BASEMODEL_NAMES if n[0] != "_"} == {
        n for n in installed if n[0] != "_"
    }
    assert all(models.field_name_problem(n) for n in installed | models.BASEMODEL_NAMES)


def test_generate_does_not_import_pydantic(tmp_path):
    """The IR is plain dataclasses and the reserved names are spelled out: pydantic's import
    (~0.1 s) is not part of a run."""
    code = (
        "import sys; from aistore_models_gen import cli; "
        f"code = cli.main(['generate', '--schema', {str(SCHEMA)!r}, '--out', {str(tmp_path)!r}]); "
        "assert code == 0, code; assert 'pydantic' not in sys.modules, 'pydantic imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- loader shortcuts


def test_plain_tag_names_are_valid_go_tag_names():
    """The fast path of loader._tag takes only names the full check accepts."""
    from aistore_models_gen import loader

    plain = [chr(c) for c in range(0x110000) if loader._PLAIN_TAG.fullmatch(chr(c))]
    assert plain and all(
        c.isalpha() or c.isdecimal() or c in loader._TAG_PUNCTUATION for c in plain
    )
    assert not loader._PLAIN_TAG.fullmatch("")


def test_cached_type_parse_still_refuses():
    from aistore_models_gen import typeexpr

    for _ in range(2):
        assert typeexpr.parse("list[str?]?") == typeexpr.parse.__wrapped__("list[str?]?")
        with pytest.raises(typeexpr.TypeSyntaxError):
            typeexpr.parse("list[str")


def test_string_scalars_are_what_the_constructor_gives():
    """yamlsrc._scalar takes a string's text itself; PyYAML's safe constructor agrees."""
    import yaml

    text = "a: plain\nb: 'single'\nc: \"d\\u00e9\\n\"\nd: |\n  block\ne: !!str 12\nf: ''\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes = [value for _, value in root.value]
    assert all(node.tag == yamlsrc._STR_TAG for node in nodes)
    constructor = yaml.SafeLoader("")
    assert [yamlsrc._scalar(n) for n in nodes] == [constructor.construct_object(n) for n in nodes]
