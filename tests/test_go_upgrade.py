"""A simulated AIStore release on top of the real one: a test-only copy of the module whose
apc.BsummCtrlMsg renames a tag, gains a field, loses one and changes a type, reached through
a `replace` in a versions/v1.99.0.mod of a copy of the harness.  drift reports all four
where the schema says them; `--write` fixes them; the package generated from the fixed
schema round-trips the fixtures that copy's Go writes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from goharness import GO_DIR, harness

from aistore_models_gen import gosource
from aistore_models_gen.cli import main
from aistore_models_gen.loader import load
from conftest import SCHEMA, import_package

NEXT = "v1.99.0"
_STRUCT = """		// Include only objects whose name starts with this prefix.
		Prefix string `json:"prefix"` // +gen:optional"""
_RENAMED = """		// Include only objects whose name starts with this prefix.
		Prefix string `json:"name_prefix"`
		// How deep to descend into virtual directories; zero: all the way.
		Depth int `json:"depth,omitempty"`"""

# About 35 s: the harness is rebuilt on the changed api/apc (go's cache keeps the rest).


def _module_dir() -> Path:
    out = subprocess.run(
        ["go", "list", "-m", "-f", "{{.Dir}}", gosource.MODULE],
        cwd=GO_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def _writable(path: Path) -> None:
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            p = Path(root) / name
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new))


def _next_release(tmp: Path) -> Path:
    """The module copy with the four changes, and a harness copy that builds against it."""
    module = tmp / "aistore"
    shutil.copytree(_module_dir(), module)
    _writable(module)
    summary = module / "api" / "apc" / "bsummary.go"
    _edit(summary, _STRUCT, _RENAMED)
    _edit(
        summary,
        '		ObjCached bool `json:"cached"` // +gen:optional',
        '		ObjCached int32 `json:"cached"`',
    )
    text = summary.read_text()
    start = text.index("		// Do not add a remote bucket to BMD")
    end = text.index('DontAddRemote bool `json:"dont_add_remote"` // +gen:optional') + len(
        'DontAddRemote bool `json:"dont_add_remote"` // +gen:optional'
    )
    text = text[:start] + text[end:]
    method = text.index("	if msg.DontAddRemote {")  # the method that prints the flags follows
    end = text.index('		sb.WriteString("don\'t-add")\n	}\n', method)
    text = text[:method] + text[end + len('		sb.WriteString("don\'t-add")\n	}\n') :]
    summary.write_text(text.replace("if msg.ObjCached {", "if msg.ObjCached != 0 {"))
    # the api package builds the message too (the harness reaches it through ext/dsort)
    _edit(module / "api" / "bsumm.go", "ObjCached: true, BckPresent", "ObjCached: 1, BckPresent")
    go_dir = tmp / "go"
    shutil.copytree(GO_DIR, go_dir, ignore=shutil.ignore_patterns("bin", "versions"))
    ids = 'UUID: "bsumm-1a2b", Prefix: "data/", '
    _edit(
        go_dir / "cases_apc.go",
        ids + "ObjCached: true, BckPresent: true, DontAddRemote: true,",
        ids + "ObjCached: 1, BckPresent: true, Depth: 3,",
    )
    versions = go_dir / "versions"
    versions.mkdir()
    mod = (
        (go_dir / "go.mod")
        .read_text()
        .replace(
            f"{gosource.MODULE} {gosource.pinned_version(GO_DIR)}", f"{gosource.MODULE} {NEXT}"
        )
    )
    (versions / f"{NEXT}.mod").write_text(mod + f"\nreplace {gosource.MODULE} => {module}\n")
    shutil.copyfile(go_dir / "go.sum", versions / f"{NEXT}.sum")
    return go_dir


def test_drift_reports_and_write_fixes_a_new_release(tmp_path, monkeypatch, capsys):
    harness()  # skips without Go
    go_dir = _next_release(tmp_path)
    shutil.copytree(SCHEMA, tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    args = ["drift", "--schema", "schema", "--go-dir", str(go_dir), "--go", NEXT]
    assert main(args) == 1
    report = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("    ")]
    text = (tmp_path / "schema" / "bucket.yaml").read_text().split("\n")

    def line_of(needle: str, after: int = 0) -> int:
        return next(n for n, t in enumerate(text, 1) if n > after and needle in t)

    start = line_of("  BsummCtrlMsg:")
    assert report == [
        f"schema/bucket.yaml:{start}:3: BsummCtrlMsg.Depth: schema says no such field, "
        f"Go {NEXT} says Go field Depth (int64, JSON 'depth') (new in {NEXT})",
        f"schema/bucket.yaml:{line_of('      prefix:', start)}:7: BsummCtrlMsg.prefix: "
        f"schema says 'prefix', Go {NEXT} says 'name_prefix'",
        f"schema/bucket.yaml:{line_of('type: bool', start)}:15: BsummCtrlMsg.cached: "
        f"schema says bool, Go {NEXT} says int32",
        f"schema/bucket.yaml:{line_of('      dont_add_remote:', start)}:7: "
        f"BsummCtrlMsg.dont_add_remote: schema says in every version, Go {NEXT} says no Go "
        "field DontAddRemote",
    ]
    assert main([*args, "--write"]) == 0
    capsys.readouterr()
    assert main(args) == 0
    fixed = load(tmp_path / "schema").message("BsummCtrlMsg")
    by_go = {f.wire.go: f for f in fixed.fields}
    assert by_go["Prefix"].wire.json_key == "name_prefix" and by_go["Prefix"].name == "prefix"
    assert by_go["ObjCached"].wire.type.name == "int32"
    assert by_go["Depth"].wire.added == NEXT and by_go["Depth"].wire.omit == "empty"
    assert by_go["DontAddRemote"].wire.removed == NEXT  # kept, for the servers that have it
    assert by_go["UUID"].python.has_default is False  # Python facts untouched

    # the package generated from the fixed schema round-trips what that Go writes
    assert main(["generate", "--schema", "schema", "--out", "out"]) == 0
    am = import_package(tmp_path / "out" / "aistore_models")
    binary, _ = gosource.harness(go_dir, NEXT)
    fixtures = tmp_path / "fixtures"
    subprocess.run([str(binary), "fixtures", str(fixtures)], cwd=go_dir, check=True)
    entries = [
        e
        for e in json.loads((fixtures / "index.json").read_text())
        if e["message"] == "BsummCtrlMsg"
    ]
    assert entries
    for entry in entries:
        data = (fixtures / entry["path"]).read_bytes()
        for target in (am.models, am.structs):
            value = am.decode(data, target.BsummCtrlMsg, entry["encoding"], strict=True)
            # dont_add_remote (`removed: v1.99.0`) is left out for that server, at its zero
            assert am.encode(value, entry["encoding"], server=NEXT) == data, entry["path"]
            if value.depth:  # new in v1.99.0: an older server would reject it
                with pytest.raises(am.EncodeError, match="known to AIStore from v1.99.0"):
                    am.encode(value, entry["encoding"], server="v1.4.7")
            else:  # and the removed field is written for the servers that have it
                assert b"dont_add_remote" in am.encode(value, entry["encoding"], server="v1.4.7")
