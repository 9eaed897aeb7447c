"""The corpus of broken schemas: each tests/bad_schemas/<case>/ holds the input files
and expected.txt, the exact stderr the generator must print for it.

Besides the exact text, every case must report every problem as
`file:line:column: error: reason` followed by a hint, at a position that exists
in the file and is not blank, exit with 2 and leave the output directory as it was.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aistore_models_gen import cli
from conftest import ROOT, write_schema

CORPUS = Path(__file__).resolve().parent / "bad_schemas"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
PROBLEM = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): error: (?P<reason>\S.*)$")
GOOD = {"a.yaml": "messages:\n  Thing:\n    fields:\n      name: str\n"}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output directory holding a good generation, which no bad case may touch."""
    base = tmp_path_factory.mktemp("bad-schemas")
    schema = write_schema(base / "schema", GOOD)
    assert cli.generate(schema, base / "out", check=False) == 0
    return base / "out"


def run_case(
    case: str, out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.chdir(CORPUS / case)  # paths in messages are relative to the working directory
    code = cli.main(["generate", "--schema", ".", "--out", str(out)])
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_exact_error(case, out, monkeypatch, capsys):
    before = snapshot(out)
    code, err = run_case(case, out, monkeypatch, capsys)
    assert err == (CORPUS / case / "expected.txt").read_text(encoding="utf-8")
    assert code == cli.EXIT_SCHEMA
    assert snapshot(out) == before


@pytest.mark.parametrize("case", CASES)
def test_every_problem_is_located_and_has_a_hint(case, out, monkeypatch, capsys):
    _, err = run_case(case, out, monkeypatch, capsys)
    lines = err.splitlines()
    summary = lines.pop()
    errors = [i for i, line in enumerate(lines) if ": error: " in line]
    assert summary == f"{len(errors)} problem{'s' * (len(errors) != 1)}; nothing was written."
    assert len(lines) == 2 * len(errors), "each problem is one error line and one hint line"
    for i in errors:
        assert lines[i + 1].startswith("    hint: ") and len(lines[i + 1]) > len("    hint: ")
        match = PROBLEM.match(lines[i])
        if match is None:  # a problem of the whole directory: named by its path
            assert lines[i].startswith(".: error: "), lines[i]
            continue
        text = (CORPUS / case / match["file"]).read_bytes().decode("utf-8", errors="replace")
        source_line = text.split("\n")[int(match["line"]) - 1]
        column = int(match["column"])
        assert 1 <= column <= len(source_line), lines[i]
        assert source_line[column - 1] != " ", f"{lines[i]} points at a blank"


def test_all_problems_of_all_files_in_one_run(out, monkeypatch, capsys):
    _, err = run_case("many_problems", out, monkeypatch, capsys)
    files = {line.split(":")[0] for line in err.splitlines() if ": error: " in line}
    assert files == {"a.yaml", "b.yaml"}
    # A name clash is still found when other messages have problems.
    assert "JSON name 'x'" in err and "unknown type 'strr'" in err


def test_through_the_command_line(tmp_path):
    """The real entry point: exit code 2, the report on stderr, the output untouched."""
    out = tmp_path / "out"
    good = write_schema(tmp_path / "good", GOOD)
    cmd = [sys.executable, "-m", "aistore_models_gen", "generate"]
    subprocess.run(
        [*cmd, "--schema", str(good), "--out", str(out)], cwd=ROOT, check=True, capture_output=True
    )
    before = snapshot(out)
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [*cmd, "--schema", ".", "--out", str(out)],
        cwd=CORPUS / "many_problems",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (CORPUS / "many_problems" / "expected.txt").read_text(encoding="utf-8")
    assert snapshot(out) == before


def test_every_problem_the_loader_can_raise_has_a_hint():
    """Also those no corpus case reaches yet: each Problem(...) is built with a hint."""
    for module in ("loader.py", "yamlsrc.py"):
        source = (ROOT / "generator" / module).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem":
                given = len(node.args) + sum(k.arg == "hint" for k in node.keywords)
                assert given >= 3, f"generator/{module}:{node.lineno}: a Problem without a hint"
