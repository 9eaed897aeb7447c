"""The pre-commit hooks: a valid manifest, and each hook's entry does its job when run as
pre-commit would."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

from aistore_models_gen.cli import generate
from conftest import ROOT, write_schema

HOOKS = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
BIN = Path(sys.executable).parent


def run_hook(
    hook_id: str, cwd: Path, files: list[str], args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """entry + args + the files that match `files`, as pre-commit runs a hook."""
    hook = HOOKS[hook_id]
    command, *rest = shlex.split(hook["entry"])
    chosen = [f for f in files if re.search(hook["files"], f)] if hook["pass_filenames"] else []
    return subprocess.run(
        [str(BIN / command), *rest, *args, *chosen], cwd=cwd, capture_output=True, text=True
    )


def test_manifest_is_valid_and_names_the_hooks():
    assert set(HOOKS) == {
        "aistore-models-check",
        "aistore-models-breaking",
        "aistore-models-validate",
        "aistore-models-validate-message",
    }
    for hook in HOOKS.values():
        assert (BIN / shlex.split(hook["entry"])[0]).exists(), hook["entry"]


def test_breaking_hook(tmp_path):
    """The hook's own args compare with origin/main; here a repository's previous commit."""
    schema = "messages:\n  Thing:\n    direction: request\n    fields:\n      name: str\n"
    write_schema(tmp_path / "schema", {"a.yaml": schema})
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    for step in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run([*git, *step], check=True, capture_output=True)
    assert HOOKS["aistore-models-breaking"]["args"] == ["--against", "origin/main"]
    same = run_hook("aistore-models-breaking", tmp_path, [], ("--against", "HEAD"))
    assert same.returncode == 0, same.stderr
    (tmp_path / "schema" / "a.yaml").write_text(schema + "      size: int64\n")
    added = run_hook("aistore-models-breaking", tmp_path, [], ("--against", "HEAD"))
    assert added.returncode == 1
    assert "breaking: Thing.size: field 'size' added [request: breaking]" in added.stdout


def test_check_hook_renders_with_the_checked_repositorys_own_generator(tmp_path):
    """A change to the generator itself is no false "stale": the hook runs the repository's
    generator/ (as its pyproject.toml installs it), not the hook's installed copy."""
    shutil.copytree(
        ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools]\npackage-dir = { "aistore_models_gen" = "generator" }\n'
    )
    pytext = tmp_path / "generator" / "emit" / "pytext.py"
    pytext.write_text(pytext.read_text().replace("Do not edit.", "Do not edit (changed)."))
    write_schema(
        tmp_path / "schema", {"a.yaml": "messages:\n  Thing:\n    fields:\n      n: str\n"}
    )
    local = subprocess.run(
        [sys.executable, "-m", "aistore_models_gen", "generate", "--repository-generator"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert local.returncode == 0, local.stderr
    assert "(changed)" in (tmp_path / "generated" / "aistore_models" / "models.py").read_text()
    assert run_hook("aistore-models-check", tmp_path, []).returncode == 0
    installed = subprocess.run(
        [str(BIN / "aistore-models-gen"), "generate", "--check"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert installed.returncode == 1  # the installed generator writes the old header


def test_stale_check_hook(tmp_path):
    write_schema(
        tmp_path / "schema", {"a.yaml": "messages:\n  Thing:\n    fields:\n      name: str\n"}
    )
    assert generate(tmp_path / "schema", tmp_path / "generated", check=False) == 0
    assert run_hook("aistore-models-check", tmp_path, []).returncode == 0
    (tmp_path / "schema" / "a.yaml").write_text(
        "messages:\n  Thing:\n    fields:\n      name: str\n      size: int64\n"
    )
    stale = run_hook("aistore-models-check", tmp_path, [])
    assert stale.returncode == 1 and "stale" in stale.stderr


@pytest.fixture
def payloads(tmp_path):
    (tmp_path / "JobSnap").mkdir()
    (tmp_path / "JobSnap" / "ok.json").write_text('{"id": "x", "kind": "copy-bck"}')
    (tmp_path / "copy.TCBckMsg.json").write_text('{"prepend": "p-"}')
    (tmp_path / "package.json").write_text('{"name": "not a payload"}')
    (tmp_path / "notes.txt").write_text("not json")
    return tmp_path


def test_validate_hook_passes_valid_payloads_and_skips_others(payloads):
    files = ["JobSnap/ok.json", "copy.TCBckMsg.json", "package.json", "notes.txt"]
    result = run_hook("aistore-models-validate", payloads, files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "package.json: skipped" in result.stderr


def test_validate_hook_fails_on_an_invalid_payload(payloads):
    (payloads / "JobSnap" / "bad.json").write_text('{"id": 5}')
    result = run_hook("aistore-models-validate", payloads, ["JobSnap/ok.json", "JobSnap/bad.json"])
    assert result.returncode == 1
    assert result.stdout == "JobSnap/bad.json: /id: 5 is an integer, not a string or null\n"


def test_validate_message_hook_takes_the_message_from_args(payloads):
    result = run_hook(
        "aistore-models-validate-message", payloads, ["JobSnap/ok.json"], args=("JobSnap",)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_hook(
        "aistore-models-validate-message", payloads, ["copy.TCBckMsg.json"], args=("JobSnap",)
    )
    assert result.returncode == 1 and "unknown key 'prepend'" in result.stdout
