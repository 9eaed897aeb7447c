"""`import-go` and `drift`: Go's wire facts read by machine, written into YAML, compared.

The Go side is the real AIStore source the harness reads (tests/go/describe.go); a schema
copy in a temporary directory is edited the way a maintainer (or a new AIStore) would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from goharness import GO_DIR, harness

from aistore_models_gen import drift, goimport
from aistore_models_gen.cli import main
from aistore_models_gen.goyaml import message_text
from aistore_models_gen.loader import load
from aistore_models_gen.typeexpr import parse
from conftest import SCHEMA

SCHEMA_IR = load(SCHEMA)
GO_MESSAGES = [m for m in SCHEMA_IR.messages if m.go]
PINNED = drift.pinned_version(GO_DIR)
_WIRE_KEYS = ("wire", "msgpack", "omit", "string", "embed", "go")


@pytest.fixture(scope="module")
def importer() -> goimport.Importer:
    harness()  # skips without Go
    desc = drift.describe_all(GO_MESSAGES, GO_DIR, drift.pinned_version(GO_DIR))
    return goimport.Importer(desc, SCHEMA_IR)


def _yaml_messages() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted(SCHEMA.glob("*.yaml")):
        out.update(yaml.safe_load(path.read_text()).get("messages") or {})
    return out


def _wire(name: str, body: dict, msgpack: bool) -> dict:
    """A field's wire keys with the schema language's defaults filled in."""
    wire = body.get("wire", name)
    facts = {
        "wire": "" if body.get("embed") else wire,
        "msgpack": "" if body.get("embed") or not msgpack else body.get("msgpack", wire),
        "omit": body.get("omit", ""),
        "string": body.get("string", False),
        "embed": body.get("embed", False),
        "go": body["go"],
    }
    return {k: facts[k] for k in _WIRE_KEYS}


@pytest.mark.parametrize("message", GO_MESSAGES, ids=lambda m: m.name)
def test_reimport_reproduces_the_wire_facts(message, importer):
    """import-go's YAML for each Go type says what the hand-written schema says on the wire
    (Python-facing keys aside: attribute names, python:, docs)."""
    spec = importer.spec(importer.desc.requested[message.go])
    ours = _yaml_messages()[message.name]
    go_of = {m.name: m.go for m in GO_MESSAGES}
    [theirs] = yaml.safe_load("messages:\n" + message_text(message.name, spec))["messages"].values()
    assert theirs["go"] == ours["go"] and theirs.get("msgpack", False) == ours.get("msgpack", False)
    if "root" in ours:
        assert goimport.refines(parse(ours["root"]), parse(theirs["root"]), go_of)
        return
    imported = {body["go"]: (name, body) for name, body in theirs["fields"].items()}
    for name, body in ours["fields"].items():
        if "go" not in body:
            assert body.get("python", {}).get("local"), f"{message.name}.{name} names no Go field"
            continue
        their_name, their_body = imported.pop(body["go"])
        assert _wire(their_name, their_body, message.msgpack) == _wire(name, body, message.msgpack)
        schema_type = parse(body["type"])
        assert goimport.refines(schema_type, parse(their_body["type"]), go_of), (name, body["type"])
    assert set(imported) <= dict(message.go_omitted).keys()


def test_go_comments_become_docs():
    text = "Name of the job.\n+optional\nTODO: rename\nnolint:revive\n  spans\ntwo lines"
    assert goimport.clean_doc(text) == "Name of the job. spans two lines"


def _schema_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "schema"
    shutil.copytree(SCHEMA, copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_drift_names_each_hand_edit_and_write_undoes_it(tmp_path, monkeypatch, capsys):
    harness()
    copy = _schema_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    bucket = copy / "bucket.yaml"
    _edit(bucket, "        wire: checksum\n", "        wire: chksum\n")  # a renamed tag
    _edit(bucket, "        wire: version\n        msgpack: v\n        omit: empty\n",
          "        wire: version\n        msgpack: v\n")  # fmt: skip
    _edit(bucket, "        type: int16\n", "        type: int32\n")
    text = bucket.read_text()
    start = text.index("      t:\n")
    bucket.write_text(text[:start] + text[text.index("      custom:\n") :])  # a lost field
    go_dir = str(GO_DIR)
    assert main(["drift", "--schema", "schema", "--go-dir", go_dir]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if not line.startswith("    fix:")]
    assert any(
        line.startswith("schema/bucket.yaml:")
        and f"BucketEntry.cs: schema says 'chksum', Go {PINNED} says 'checksum'" in line
        for line in lines
    )
    assert any(
        f"BucketEntry.v: schema says never omitted, Go {PINNED} says omitempty" in x for x in lines
    )
    assert any(f"BucketEntry.c: schema says int32, Go {PINNED} says int16" in x for x in lines)
    assert any("BucketEntry.Location: schema says no such field" in line for line in lines)
    assert len(lines) == 4, out
    assert main(["drift", "--schema", "schema", "--go-dir", go_dir, "--write"]) == 0
    assert main(["drift", "--schema", "schema", "--go-dir", go_dir]) == 0
    fixed = load(copy).message("BucketEntry")
    original = SCHEMA_IR.message("BucketEntry")
    by_go = {f.wire.go: f for f in fixed.fields}
    for field in original.fields:
        if field.wire.go:  # the wire facts are back, the Python facts were never touched
            assert by_go[field.wire.go].wire == field.wire, field.name
            assert by_go[field.wire.go].python == field.python, field.name
    assert by_go["Location"].name == "location" and by_go["Location"].doc  # Go's comment
    # Python facts and comments around the edits are kept
    assert "# SDK: `s: int`; Go writes the size as a JSON string (`,string`)." in bucket.read_text()


def test_import_go_writes_new_messages_that_load(tmp_path, monkeypatch, capsys):
    harness()
    copy = _schema_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    into = copy / "batch.yaml"
    into.unlink()  # import GetBatch's messages afresh
    args = ["import-go", "apc.MossReq", "--into", str(into), "--schema", "schema"]
    assert main([*args, "--go-dir", str(GO_DIR)]) == 0
    schema = load(copy)
    req = schema.message("MossReq")
    assert req.go == "apc.MossReq"
    inner = schema.message(
        req.fields[[f.wire.go for f in req.fields].index("In")].wire.type.item.name
    )
    assert inner.go == "apc.MossIn"  # reached, so it came along
    assert "MossIn: added" in capsys.readouterr().out
    # importing again changes nothing and adds nothing
    before = into.read_text()
    assert main([*args, "--go-dir", str(GO_DIR)]) == 0
    assert into.read_text() == before


def test_import_go_refreshes_wire_facts_and_keeps_python_facts(tmp_path, monkeypatch, capsys):
    harness()
    copy = _schema_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    cluster = copy / "cluster.yaml"
    _edit(
        cluster,
        "        type: uint64\n        msgpack: g\n",
        "        type: uint32\n        msgpack: gg\n",
    )
    args = ["import-go", "meta.Snode", "--schema", "schema", "--go-dir", str(GO_DIR)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Snode.id_digest: `type: uint64`" in out and "Snode.id_digest: `msgpack: g`" in out
    refreshed = load(copy).message("Snode")
    original = SCHEMA_IR.message("Snode")
    assert [(f.name, f.wire, f.python, f.doc) for f in refreshed.fields] == [
        (f.name, f.wire, f.python, f.doc) for f in original.fields
    ]


def test_unknown_go_type_is_a_clear_error(tmp_path, monkeypatch, capsys):
    harness()
    monkeypatch.chdir(tmp_path)
    _schema_copy(tmp_path)
    code = main(["import-go", "apc.NoSuchMsg", "--schema", "schema", "--go-dir", str(GO_DIR)])
    assert code == 2
    err = capsys.readouterr().err
    assert "apc.NoSuchMsg" in err and "has no type NoSuchMsg" in err and "Traceback" not in err


def test_import_go_takes_a_full_import_path_and_prints_without_into(tmp_path, monkeypatch, capsys):
    harness()
    (_schema_copy(tmp_path) / "batch.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    args = ["import-go", "github.com/NVIDIA/aistore/api/apc.MossIn", "--schema", "schema"]
    assert main([*args, "--go-dir", str(GO_DIR)]) == 0
    out = capsys.readouterr().out
    [message] = yaml.safe_load(out)["messages"].values()
    assert message["go"] == "apc.MossIn" and "objname" in message["fields"]
    assert not (tmp_path / "schema" / "batch.yaml").exists()  # nothing written without --into
