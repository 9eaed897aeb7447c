"""python -m aistore_models validate|schema|list: output lines, JSON output, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from aistore_models import cli
from conftest import FIXTURES

GOOD = FIXTURES / "JobSnap" / "full.json"


def run(argv, stdin=b""):
    out = io.StringIO()
    code = cli.main(argv, stdin=io.BytesIO(stdin), out=out)
    return code, out.getvalue()


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"id": 1, "bck": {"name": "b", "color": "red"}}')
    return path


def test_valid_files_exit_0_and_print_nothing(capsys):
    code, out = run(["validate", "JobSnap", str(GOOD), str(FIXTURES / "JobSnap" / "zero.json")])
    assert (code, out) == (0, "")
    assert "2 valid, 0 invalid" in capsys.readouterr().err


def test_invalid_file_exits_1_with_one_line_per_issue(bad):
    code, out = run(["validate", "JobSnap", str(GOOD), str(bad)])
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{bad}: /bck/color: unknown key 'color' (BucketModel has no such field)"
    assert lines[1] == f"{bad}: /id: 1 is an integer, not a string or null"
    assert len(lines) == 2


def test_lenient_accepts_unknown_keys(bad):
    code, out = run(["validate", "--lenient", "JobSnap", str(bad)])
    assert code == 1 and [line.split(": ")[1] for line in out.splitlines()] == ["/id"]


def test_stdin_is_dash():
    code, out = run(["validate", "JobSnap", "-"], stdin=b'{"kind": 3}')
    assert code == 1 and out.startswith("<stdin>: /kind: ")
    assert run(["validate", "JobSnap", "-"], stdin=GOOD.read_bytes())[0] == 0


def test_json_format_is_machine_readable(bad):
    code, out = run(["validate", "--format", "json", "JobSnap", str(GOOD), str(bad)])
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["strict"] is True
    good, wrong = report["results"]
    assert (good["file"], good["valid"], good["issues"]) == (str(GOOD), True, [])
    assert wrong["issues"][1] == {
        "pointer": "/id",
        "message": wrong["issues"][1]["message"],
        "rule": "type",
        "value": 1,
    }


def test_msgpack_files():
    listing = FIXTURES / "BucketList" / "full.msgpack"
    assert run(["validate", "--msgpack", "BucketList", str(listing)])[0] == 0
    assert run(["validate", "BucketList", str(listing)])[0] == 1  # not JSON


@pytest.mark.parametrize(
    "argv, reason",
    [
        (["validate", "JobSnp", "x.json"], "did you mean JobSnap"),
        (["validate", "JobSnap", "/no/such/file.json"], "cannot read /no/such/file.json"),
        (["validate", "JobSnap"], "no FILE given"),
        (["validate"], "needs MESSAGE"),
        (["validate", "--msgpack", "ActionMsg", "-"], "no MessagePack form"),
        (["schema", "Nope"], "unknown message 'Nope'"),
    ],
)
def test_usage_errors_exit_2(argv, reason, capsys):
    assert run(argv)[0] == 2
    assert reason in capsys.readouterr().err


def test_bad_options_exit_2(capsys):
    assert run(["validate", "--format", "xml", "JobSnap", "-"])[0] == 2
    assert run([])[0] == 2


def test_auto_takes_the_message_from_the_path(tmp_path, capsys):
    named = tmp_path / "copy.TCBckMsg.json"
    named.write_text('{"prepend": 1}')
    folder = tmp_path / "Namespace"
    folder.mkdir()
    (folder / "ns.json").write_text('{"uuid": "u", "name": "n"}')
    other = tmp_path / "notes.json"
    other.write_text("{}")
    code, out = run(
        [
            "validate",
            "--auto",
            str(named),
            str(folder / "ns.json"),
            str(other),
            str(FIXTURES / "BucketList" / "full.msgpack"),
        ]
    )
    assert code == 1
    assert out.splitlines() == [f"{named}: /prepend: 1 is an integer, not a string or null"]
    assert f"{other}: skipped" in capsys.readouterr().err


def test_schema_prints_the_strict_or_lenient_schema():
    code, out = run(["schema", "Namespace"])
    assert code == 0 and json.loads(out)["$defs"]["Namespace"]["additionalProperties"] is False
    code, out = run(["schema", "--lenient", "Namespace"])
    assert "additionalProperties" not in json.loads(out)["$defs"]["Namespace"]


def test_list_names_every_message_and_its_forms():
    code, out = run(["list"])
    rows = dict(line.split("\t") for line in out.splitlines())
    assert code == 0 and rows["BucketList"] == "json, msgpack" and rows["ActionMsg"] == "json"
    assert len(rows) == len(cli._TABLES)


def test_python_dash_m_entry_point(bad):
    result = subprocess.run(
        [sys.executable, "-m", "aistore_models", "validate", "JobSnap", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith(
        "/bck/color: unknown key 'color' (BucketModel has no such field)"
    )
