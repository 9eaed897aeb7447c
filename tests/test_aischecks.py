"""What AIStore's own decoders check beyond Go's types (`checks:`, runtime/aischecks.py),
judged by AIStore: every case goes through apc.MossIn.UnmarshalJSON in the Go echo, and
decode, encode and validate must give its verdict."""

from __future__ import annotations

import json

import pytest
from goharness import echo

import aistore_models as am
from aistore_models_gen.cli import main
from conftest import write_schema

NAMES = [
    "", "o", "/", "a/", "a/b", "~/x", "~x", "x~/", "./a", "a/./b", "a/.", ".", "..", "a/..",
    "../a", "...", ".a", "a..b", "a/.../b", "a//b", "/abs", "a/b/", "\u00e9/\u2028", "a\\.",
    "a/\n", "x\n", "\n", "./\n", "~/\n",
]  # fmt: skip
ARCHPATHS = ["", "x.jpg", "d/", "./x", "d/../x", "~/x", "..."]
RANGES = [(0, 0), (0, -1), (0, 5), (3, 0), (3, -1), (3, 7), (-1, 0), (0, -2), (5, -3)]


def _cases() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = [{"objname": n} for n in NAMES]
    cases += [{"objname": "o", "archpath": p} for p in ARCHPATHS]
    cases += [{"objname": "o", "start": s, "length": n} for s, n in RANGES]
    cases += [{"objname": "o", "start": 3, "length": None}, {"objname": None}]
    return cases


@pytest.mark.go
def test_our_verdicts_are_aistores():
    cases = _cases()
    payloads = [("MossIn", "json", json.dumps(c).encode()) for c in cases]
    wrong = []
    for case, (_, _, data), (go_ok, _) in zip(cases, payloads, echo(payloads), strict=True):
        issues = am.validate("MossIn", data)
        try:
            value = am.decode(data, am.models.MossIn, strict=True)
            decoded = True
        except am.DecodeError as exc:
            decoded = False
            assert "(AIStore refuses it)" in str(exc)
        if (not issues) != go_ok or decoded != go_ok:
            wrong.append((case, go_ok, issues, decoded))
        if decoded:
            am.encode(value)  # what AIStore accepts, we write
    assert wrong == []
    refused = [c for c, (ok, _) in zip(cases, echo(payloads), strict=True) if not ok]
    assert len(refused) > 10  # the cases reach every check


def test_encode_refuses_what_aistore_would_refuse():
    with pytest.raises(am.EncodeError) as err:
        am.encode(am.structs.MossIn(obj_name="a/../b"))
    assert err.value.pointer == "/objname"
    assert "invalid object name 'a/../b': a '..' path segment: AIStore would refuse it" in str(
        err.value
    )
    with pytest.raises(am.EncodeError, match="not satisfiable range start=4, length=0"):
        am.encode(am.models.MossIn(obj_name="o", start=4))


def test_validate_names_the_rule_and_the_place():
    doc = {"in": [{"objname": "ok"}, {"objname": "x/", "start": -1, "length": 1}]}
    issues = am.validate("MossReq", json.dumps(doc))
    assert [(i.pointer, i.rule) for i in issues] == [  # by place, one per check
        ("/in/1/length", "aistore-check"),
        ("/in/1/objname", "aistore-check"),
    ]
    assert issues[0].message == "not satisfiable range start=-1, length=1 (AIStore refuses it)"
    assert issues[1].message == "invalid object name 'x/': ends with / (AIStore refuses it)"


def test_its_own_decoder_skips_unknown_keys():
    data = b'{"objname": "o", "future": 1}'
    assert am.validate("MossIn", data) == []  # strict elsewhere, as AIStore is
    assert am.decode(data, am.structs.MossIn, strict=True).obj_name == "o"
    assert am.validate("MossOut", b'{"objname": "o", "future": 1}') != []


def test_a_check_must_name_its_keys(tmp_path, capsys):
    bad = {
        "a.yaml": """
        messages:
          T:
            checks:
              - object-name: nme
              - byte-range: [start]
              - no-such-check: x
            fields:
              name: {type: str}
              start: {type: int64}
        """
    }
    schema_dir = write_schema(tmp_path / "schema", bad)
    assert main(["generate", "--schema", str(schema_dir), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "error: check byte-range reads 2 JSON key(s)" in err
    assert "error: unknown check 'no-such-check'" in err
    assert (
        "error: check object-name of T: no JSON key 'nme'" in err and "did you mean `name`?" in err
    )
