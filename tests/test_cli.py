"""The generator's command line: exit codes, --check, error reporting, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_schema

GOOD = {"a.yaml": "messages:\n  Thing:\n    fields:\n      name: str\n"}
BAD = {
    "a.yaml": (
        "messages:\n  Thing:\n    fields:\n      name: {type: strr}\n"
        "      other: {type: str, colour: red}\n"
    ),
    "b.yaml": "messages:\n  Thing:\n    fields: {}\n",
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aistore_models_gen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_help_names_the_commands():
    result = run("generate", "--help")
    assert result.returncode == 0
    for option in ("--schema", "--out", "--check"):
        assert option in result.stdout


def test_generate_then_check(tmp_path):
    schema = write_schema(tmp_path / "schema", GOOD)
    out = tmp_path / "out"
    assert run("generate", "--check", "--schema", str(schema), "--out", str(out)).returncode == 1
    first = run("generate", "--schema", str(schema), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert run("generate", "--check", "--schema", str(schema), "--out", str(out)).returncode == 0
    (out / "aistore_models" / "models.py").write_text("# edited by hand\n")
    stale = run("generate", "--check", "--schema", str(schema), "--out", str(out))
    assert stale.returncode == 1 and "models.py" in stale.stderr


def test_extra_file_in_package_is_stale(tmp_path):
    schema = write_schema(tmp_path / "schema", GOOD)
    out = tmp_path / "out"
    run("generate", "--schema", str(schema), "--out", str(out))
    (out / "aistore_models" / "stray.py").write_text("x = 1\n")
    assert run("generate", "--check", "--schema", str(schema), "--out", str(out)).returncode == 1
    run("generate", "--schema", str(schema), "--out", str(out))
    assert not (out / "aistore_models" / "stray.py").exists()


def test_bad_schema_reports_everything_and_writes_nothing(tmp_path):
    good = write_schema(tmp_path / "good", GOOD)
    out = tmp_path / "out"
    run("generate", "--schema", str(good), "--out", str(out))
    before = snapshot(out)
    bad = write_schema(tmp_path / "bad", BAD)
    result = run("generate", "--schema", str(bad), "--out", str(out))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 3, result.stderr  # unknown type, unknown key, duplicate message
    assert any("a.yaml:4:" in line and "unknown type 'strr'" in line for line in lines)
    assert any("a.yaml:5:" in line and "unknown key 'colour'" in line for line in lines)
    assert any("b.yaml:2:3" in line and "already defined at" in line for line in lines)
    assert "nothing was written" in result.stderr
    assert snapshot(out) == before


def test_missing_schema_dir_is_a_usage_error(tmp_path):
    result = run("generate", "--schema", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "does not exist" in result.stderr
