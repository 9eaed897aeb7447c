"""python -m aistore_models validate|schema|list: output lines, JSON output, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

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
        (["validate", "JobSnap", "-", "-"], "- (stdin) is given more than once"),
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


def test_an_unreadable_file_does_not_stop_the_others_or_the_report(bad, capsys):
    code, out = run(
        ["validate", "-o", "json", "JobSnap", "/no/such/file.json", str(GOOD), str(bad)]
    )
    assert code == 2  # a usage error outranks an invalid payload
    report = json.loads(out)
    assert [(r["file"], r["valid"]) for r in report["results"]] == [
        ("/no/such/file.json", False), (str(GOOD), True), (str(bad), False),
    ]  # fmt: skip
    first = report["results"][0]["issues"][0]
    assert (first["rule"], first["message"]) == (
        "unreadable", "cannot read /no/such/file.json: No such file or directory"
    )  # fmt: skip
    code, out = run(["validate", "JobSnap", "/no/such/file.json", str(GOOD)])
    assert code == 2 and "cannot read /no/such/file.json" in out
    assert "1 valid, 0 invalid, 1 unreadable" in capsys.readouterr().err


def test_hints_for_what_users_get_wrong(tmp_path):
    listing = tmp_path / "listing.msgpack"
    listing.write_bytes((FIXTURES / "BucketList" / "full.msgpack").read_bytes())
    code, out = run(["validate", "BucketList", str(listing)])
    assert code == 1 and "pass --msgpack (or --auto) to read MessagePack" in out
    typo = tmp_path / "typo.json"
    typo.write_text('{"uuid": "", "prefx": "a"}')
    code, out = run(["validate", "BsummCtrlMsg", str(typo)])
    assert "unknown key 'prefx' (BsummCtrlMsg has no such field); did you mean 'prefix'?" in out
    cut = tmp_path / "cut.json"
    cut.write_text('{"uuid":\n "x",')
    code, out = run(["validate", "BsummCtrlMsg", str(cut)])
    assert "truncated: the data ends inside a value at line 2, column 6 (byte 14)" in out


def test_an_internal_failure_has_its_own_exit_code(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli.validation, "validate", broken)
    assert run(["validate", "JobSnap", str(GOOD)])[0] == 3
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err


def test_both_names_show_themselves_and_a_closed_pipe_is_quiet():
    script = [str(Path(sys.executable).parent / "aistore-models")]
    module = [sys.executable, "-m", "aistore_models"]
    for command, name in ((script, "aistore-models"), (module, "python -m aistore_models")):
        shown = subprocess.run([*command, "--help"], capture_output=True, text=True, check=False)
        assert shown.stdout.startswith(f"usage: {name} "), shown.stdout
        piped = subprocess.run(
            f"{' '.join(command)} list | head -1", shell=True, capture_output=True, text=True
        )
        assert piped.stdout.startswith("ActionMsg") and piped.stderr == "", piped.stderr
