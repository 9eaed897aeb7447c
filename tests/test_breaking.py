"""`breaking`: a corpus of schema pairs, one (or more) per rule, with the exact report each
gives; the three output formats; a git revision as the other side; bad input; and the
directions the schema states, against where the SDK's code sends and reads each message."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import run  # python -m aistore_models_gen ARGS in cwd

from aistore_models.wire import MESSAGES as TABLES
from conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "breaking"

BASE = """\
messages:
  Req:
    direction: request
    fields:
      a: int64
      b: str
  Resp:
    direction: response
    fields:
      c: int32
      d: list[str]
"""
WHY_ADDED = "    why: older readers refuse the unknown key (servers always, clients if strict)"
WHY_REMOVED = "    why: older writers still send the key; a strict reader refuses it"
WHY_KEYS = "    why: each side writes a key the other does not read"


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


INNER = """\
  Inner:
    fields:
      x: str
  Outer:
    direction: request
    fields:
      inner:
        type: Inner
"""
ENUMS = edit("      b: str\n", "      b: str\n      col: Color\n") + (
    "enums:\n  Color:\n    kind: int\n    values:\n      RED: 1\n      BLUE: 2\n      NONE: 0\n"
)


# name -> (old s.yaml, new s.yaml, exit code, the exact report on stdout)
CASES: dict[str, tuple[str, str, int, list[str]]] = {
    "nothing": (BASE, BASE, 0, []),
    "field-added-request": (
        BASE,
        edit("      b: str\n", "      b: str\n      e: bool\n"),
        1,
        ["new/s.yaml:7:7: breaking: Req.e: field 'e' added [request: breaking]", WHY_ADDED],
    ),
    "field-added-response": (
        BASE,
        BASE + "      e: bool\n",
        1,
        ["new/s.yaml:12:7: strict: Resp.e: field 'e' added [response: strict]", WHY_ADDED],
    ),
    "field-removed": (
        BASE,
        edit("      b: str\n", ""),
        1,
        ["old/s.yaml:6:7: breaking: Req.b: field 'b' removed [request: breaking]", WHY_REMOVED],
    ),
    "json-name": (
        BASE,
        edit("      b: str\n", "      b:\n        type: str\n        wire: bee\n"),
        1,
        [
            "new/s.yaml:8:15: breaking: Req.b: JSON key 'b' -> 'bee' [request: breaking]",
            WHY_KEYS,
        ],
    ),
    "type-narrowed": (
        BASE,
        edit("      a: int64\n", "      a: int32\n"),
        1,
        [
            "new/s.yaml:5:10: breaking: Req.a: type int64 -> int32 [request: breaking]",
            "    why: older writers' values may not fit",
        ],
    ),
    "type-widened": (
        BASE,
        edit("      c: int32\n", "      c: int64\n"),
        1,
        [
            "new/s.yaml:10:10: breaking: Resp.c: type int32 -> int64 [response: breaking]",
            "    why: newer writers' values may not fit older readers",
        ],
    ),
    "type-signedness": (
        BASE,
        edit("      a: int64\n", "      a: uint64\n"),
        1,
        [
            "new/s.yaml:5:10: breaking: Req.a: type int64 -> uint64 [request: breaking]",
            "    why: values of one sign do not fit the other",
        ],
    ),
    "type-int-string": (
        BASE,
        edit("      a: int64\n", "      a: str\n"),
        1,
        [
            "new/s.yaml:5:10: breaking: Req.a: type int64 -> str [request: breaking]",
            "    why: a number and a string do not read as each other",
        ],
    ),
    "type-shape": (
        BASE,
        edit("      b: str\n", "      b: list[str]\n"),
        1,
        [
            "new/s.yaml:6:10: breaking: Req.b: type str -> list[str] [request: breaking]",
            "    why: a scalar, a list, a map and a struct are not alike",
        ],
    ),
    "string": (
        BASE,
        edit("      a: int64\n", "      a:\n        type: int64\n        string: true\n"),
        1,
        [
            "new/s.yaml:7:17: breaking: Req.a: `,string` added [request: breaking]",
            "    why: `,string` reads only quoted values, and without it only bare",
        ],
    ),
    "omit": (
        BASE,
        edit("      b: str\n", "      b:\n        type: str\n        omit: empty\n"),
        0,
        ["new/s.yaml:8:15: compatible: Req.b: never omitted -> omitempty [request: compatible]"],
    ),
    "nullable": (
        BASE,
        edit("      c: int32\n", "      c: int32?\n"),
        0,
        ["new/s.yaml:10:10: compatible: Resp.c: now nullable [response: compatible]"],
    ),
    "nullable-msgpack": (
        edit("    direction: response\n", "    direction: response\n    msgpack: true\n"),
        edit(
            "    direction: response\n    fields:\n      c: int32\n",
            "    direction: response\n    msgpack: true\n    fields:\n      c: int32?\n",
        ),
        1,
        [
            "new/s.yaml:11:10: breaking: Resp.c: now nullable [response: breaking]",
            "    why: tinylib/msgp refuses nil where no pointer is",
        ],
    ),
    "msgpack-name": (
        edit("    direction: response\n", "    direction: response\n    msgpack: true\n"),
        edit(
            "    direction: response\n    fields:\n      c: int32\n",
            "    direction: response\n    msgpack: true\n    fields:\n"
            "      c:\n        type: int32\n        msgpack: C\n",
        ),
        1,
        [
            "new/s.yaml:13:18: breaking: Resp.c: MessagePack key 'c' -> 'C' [response: breaking]",
            WHY_KEYS,
        ],
    ),
    "embed": (
        BASE + INNER + "        embed: true\n",
        BASE + INNER,
        1,
        [
            "new/s.yaml:18:7: breaking: Outer.inner: no longer embedded [request: breaking]",
            "    why: flattened and nested keys are different payloads",
        ],
    ),
    "type-changed": (
        BASE,
        edit("      b: str\n", "      b: bool\n"),
        1,
        [
            "new/s.yaml:6:10: breaking: Req.b: type str -> bool [request: breaking]",
            "    why: the other side's decoder refuses the value",
        ],
    ),
    "msgpack-added": (
        BASE,
        edit("    direction: response\n", "    direction: response\n    msgpack: true\n"),
        0,
        ["new/s.yaml:9:14: compatible: Resp: MessagePack form added [response: compatible]"],
    ),
    "msgpack-removed": (
        edit("    direction: response\n", "    direction: response\n    msgpack: true\n"),
        BASE,
        1,
        [
            "new/s.yaml:7:3: breaking: Resp: MessagePack form removed [response: breaking]",
            "    why: its MessagePack form is gone",
        ],
    ),
    "versions": (
        BASE,
        edit("      a: int64\n", "      a:\n        type: int64\n        added: v1.5.0\n"),
        0,
        ["new/s.yaml:7:16: compatible: Req.a: known from v1.5.0 until now [request: compatible]"],
    ),
    "direction": (
        BASE,
        edit("    direction: request\n", "    direction: both\n"),
        0,
        [
            "new/s.yaml:3:16: non-wire: Req: direction request -> both",
        ],
    ),
    "type-refined": (
        ENUMS,
        edit("      a: int64\n", "      a: Color\n", ENUMS),
        0,
        ["new/s.yaml:5:10: non-wire: Req.a: type int64 -> Color"],
    ),
    "enum-value-added": (
        ENUMS,
        ENUMS + "      GREEN: 3\n",
        1,
        [
            "new/s.yaml:20:7: breaking: Color.GREEN: value 3 added [request: breaking]",
            "    why: older readers do not know the value",
        ],
    ),
    "enum-value-changed": (
        ENUMS,
        edit("      BLUE: 2\n", "      BLUE: 5\n", ENUMS),
        1,
        [
            "new/s.yaml:18:7: breaking: Color.BLUE: value 2 -> 5 [request: breaking]",
            "    why: the same name means another value on the wire",
        ],
    ),
    "enum-value-removed": (
        ENUMS,
        edit("      BLUE: 2\n", "", ENUMS),
        1,
        [
            "old/s.yaml:18:7: breaking: Color.BLUE: value 2 removed [request: breaking]",
            "    why: older writers still send the value",
        ],
    ),
    "root-type": (
        BASE + "  Names:\n    direction: response\n    root: list[str]\n",
        BASE + "  Names:\n    direction: response\n    root: list[int64]\n",
        1,
        [
            "new/s.yaml:14:11: breaking: Names: root type list[str] -> list[int64] "
            "[response: breaking]",
            "    why: the payload has another shape",
        ],
    ),
    "message-removed": (
        BASE + "  Gone:\n    direction: request\n    fields:\n      x: str\n",
        BASE,
        1,
        [
            "old/s.yaml:12:3: breaking: Gone: removed [request: breaking]",
            "    why: its payloads can no longer be built or read",
        ],
    ),
    "message-renamed": (
        BASE + "  Old:\n    direction: request\n    fields:\n      x: str\n",
        BASE + "  New:\n    direction: request\n    fields:\n      x: str\n",
        0,
        ["new/s.yaml:12:3: non-wire: Old: renamed to New (same wire form)"],
    ),
    "message-added": (
        BASE,
        BASE + "  Fresh:\n    direction: request\n    fields:\n      x: str\n",
        0,
        ["new/s.yaml:12:3: compatible: Fresh: added [request: compatible]"],
    ),
    "python": (
        BASE,
        edit(
            "      b: str\n",
            "      bee:\n        type: str\n        wire: b\n        doc: The b.\n"
            "        python:\n          default: null\n",
        ),
        0,
        [
            "new/s.yaml:6:7: non-wire: Req.bee: Python name b -> bee (same wire key 'b')",
            "new/s.yaml:6:7: non-wire: Req.bee: Python facts changed (default, local, ...)",
            "new/s.yaml:9:14: non-wire: Req.bee: doc changed",
        ],
    ),
    "doc": (
        BASE,
        edit("      a: int64\n", "      a:\n        type: int64\n        doc: Objects.\n"),
        0,
        ["new/s.yaml:7:14: non-wire: Req.a: doc changed"],
    ),
    "nested-struct-travels-as-its-holder": (
        BASE + "  Item:\n    fields:\n      x: str\n  List:\n    direction: response\n"
        "    fields:\n      items: list[Item]\n",
        BASE + "  Item:\n    fields:\n      x: str\n      y: str\n  List:\n"
        "    direction: response\n    fields:\n      items: list[Item]\n",
        1,
        ["new/s.yaml:15:7: strict: Item.y: field 'y' added [response: strict]", WHY_ADDED],
    ),
}


def pair(tmp_path: Path, old: str, new: str) -> Path:
    for side, text in (("old", old), ("new", new)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "s.yaml").write_text(text)
    return tmp_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus(tmp_path, name):
    old, new, code, report = CASES[name]
    done = run("breaking", "--schema", "new", "--against", "old", cwd=pair(tmp_path, old, new))
    assert done.stdout.splitlines() == report, done.stdout + done.stderr
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("against old: ")


# The rule each case is for: its name, unless named here.
CASE_RULE = {
    "nothing": "",
    "field-added-request": "field-added",
    "field-added-response": "field-added",
    "nested-struct-travels-as-its-holder": "field-added",
}


def test_every_rule_has_a_case_and_a_row_in_the_docs():
    from aistore_models_gen.breaking import RULES

    covered = {CASE_RULE.get(name, name) for name in CASES} - {""}
    assert covered == set(RULES), sorted(set(RULES) ^ covered)
    seen = {line.split(": ")[1] for _, _, _, report in CASES.values() for line in report[:1]}
    assert seen >= {"breaking", "strict", "compatible", "non-wire"}
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`breaking/{rule}`" in text, rule


@pytest.mark.parametrize("fmt", ["txt", "json", "github"])
def test_each_format_gives_the_same_findings(tmp_path, fmt):
    shutil.copytree(CORPUS / "formats", tmp_path, dirs_exist_ok=True)
    flag = [] if fmt == "txt" else ["--format", fmt]
    done = run("breaking", "--schema", "new", "--against", "old", *flag, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout == (CORPUS / "formats" / f"expected.{fmt}").read_text()


def test_lenient_clients_take_new_response_keys(tmp_path):
    shutil.copytree(CORPUS / "formats", tmp_path, dirs_exist_ok=True)
    done = run("breaking", "--schema", "new", "--against", "old", "--lenient-clients", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "compatible: Resp.note: field 'note' added [response: compatible]" in done.stdout


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_a_git_revision_is_read_without_a_checkout(tmp_path):
    repo = tmp_path / "repo"
    (repo / "schema").mkdir(parents=True)
    (repo / "schema" / "s.yaml").write_text(BASE)
    git(repo, "init", "-q")
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "0",
    )
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    (repo / "schema" / "s.yaml").write_text(edit("      b: str\n", ""))
    done = run("breaking", "--against", "HEAD", cwd=repo)
    assert done.stdout.splitlines() == [
        "HEAD:schema/s.yaml:6:7: breaking: Req.b: field 'b' removed [request: breaking]",
        WHY_REMOVED,
    ]
    assert done.returncode == 1
    assert (repo / "schema" / "s.yaml").read_text() == edit("      b: str\n", "")  # untouched
    before = run("breaking", "--against", "HEAD~1", cwd=repo)  # a revision without schema/
    assert before.returncode == 2 and "HEAD~1 has no schema/" in before.stderr


def test_bad_input_is_named_and_exits_2(tmp_path):
    root = pair(tmp_path, BASE, BASE)
    missing = run("breaking", "--schema", "new", "--against", "no-such-ref", cwd=root)
    assert missing.returncode == 2
    assert "'no-such-ref' is not a directory" in missing.stderr or "git" in missing.stderr
    assert "Traceback" not in missing.stderr
    (root / "old" / "s.yaml").write_text("messages:\n  Req:\n    fields:\n      a: intt64\n")
    broken = run("breaking", "--schema", "new", "--against", "old", cwd=root)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "old/s.yaml:4:10: error:" in broken.stderr
    assert "the schema at old does not load; nothing was compared." in broken.stderr


# ---------------------------------------------------------------------------------------------
# Directions, against where the SDK's own code sends and reads each message
# ---------------------------------------------------------------------------------------------


def test_directions_agree_with_what_the_sdk_sends_and_reads():
    from test_sdk_shim import BODIES
    from test_sdk_shim_modules import BODIES as MORE_BODIES

    sent = {m for pair in BODIES.values() for m in pair if m} | set(MORE_BODIES.values())
    for name in sent:
        assert "request" in TABLES[name].directions, name
    read = ["Smap", "BucketList", "AggregatedJobSnap", "JobStatus", "ETLInfo", "ETLDetails"]
    read += ["TokenMsg", "ClusterList", "RoleInfo", "UserInfo", "JobInfo", "MossResp", "HttpError"]
    for name in read:
        assert "response" in TABLES[name].directions, name
    # A struct that others hold travels as they do: Snode only inside the cluster map.
    assert TABLES["Snode"].directions == ("response",)
    assert TABLES["TCBckMsg"].directions == ("request",)  # an action's value


# ---------------------------------------------------------------------------------------------
# --format on the other commands
# ---------------------------------------------------------------------------------------------


def test_schema_errors_in_json_and_github(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "a.yaml").write_text(
        "messages:\n  Thing:\n    fields:\n      name: {type: str, colour: red}\n"
    )
    done = run("generate", "--schema", "schema", "--out", "out", "--format", "json", cwd=tmp_path)
    assert done.returncode == 2
    report = json.loads(done.stdout)
    [found] = report["diagnostics"]
    assert (found["rule"], found["file"], found["line"], found["column"]) == (
        "schema/unknown-key", "schema/a.yaml", 4, 25,
    )  # fmt: skip
    assert report["summary"] == "1 problem; nothing was written."
    assert not (tmp_path / "out").exists()
    github = run(
        "generate", "--schema", "schema", "--out", "out", "--format", "github", cwd=tmp_path
    )
    assert github.stdout.startswith(
        "::error file=schema/a.yaml,line=4,col=25,title=schema/unknown-key::unknown key 'colour'"
    )


def test_stale_files_in_json(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "a.yaml").write_text("messages:\n  Thing:\n    fields:\n      n: str\n")
    assert run("generate", "--schema", "schema", "--out", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "aistore_models" / "models.py").write_text("# edited by hand\n")
    done = run(
        "generate", "--schema", "schema", "--out", "out", "--check", "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    found = json.loads(done.stdout)["diagnostics"]
    assert [(d["rule"], d["file"]) for d in found] == [
        ("check/stale", "out/aistore_models/models.py")
    ]


UPGRADE = "5f3d02f"  # "The pin moves to AIStore v1.5.0": the schema of v1.5.0, its parent v1.4.7's


def test_the_real_upgrade_from_v147_to_v150(tmp_path):
    known = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{UPGRADE}^{{commit}}"])
    if known.returncode != 0:
        pytest.skip(f"not a clone with the project's history ({UPGRADE} is missing)")
    for side, rev in (("v1.4.7", f"{UPGRADE}^"), ("v1.5.0", UPGRADE)):
        archive = tmp_path / f"{side}.tar"
        git(ROOT, "archive", "-o", str(archive), rev, "--", "schema")
        shutil.unpack_archive(archive, tmp_path / side)
    done = run("breaking", "--schema", "v1.5.0/schema", "--against", "v1.4.7/schema", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "v1.5.0/schema/cluster.yaml:103:7: breaking: Snode.verifying_key: field 'verifying_key' "
        "added [request: breaking, response: strict]",
        WHY_ADDED,
        "v1.5.0/schema/etl.yaml:120:14: non-wire: InitETLArgs.comm_type: doc changed",
    ]
    assert done.returncode == 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_and_github_carry_the_texts_findings(tmp_path, name):
    old, new, _, report = CASES[name]
    root = pair(tmp_path, old, new)
    found = json.loads(
        run("breaking", "--schema", "new", "--against", "old", "--format", "json", cwd=root).stdout
    )["diagnostics"]
    rule = CASE_RULE.get(name, name)
    assert not rule or f"breaking/{rule}" in {d["rule"] for d in found}, "the case misses its rule"
    heads = [line for line in report if not line.startswith("    ")]
    assert [
        f"{d['file']}:{d['line']}:{d['column']}: {d['verdict']}: {d['message']}" for d in found
    ] == heads
    github = run("breaking", "--schema", "new", "--against", "old", "--format", "github", cwd=root)
    lines = [line for line in github.stdout.splitlines() if not line.startswith("::notice")]
    assert [line.split(",title=")[1].split("::")[0] for line in lines] == [d["rule"] for d in found]
