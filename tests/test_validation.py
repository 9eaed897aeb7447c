"""am.validate / check / is_valid: pointers, rules and values of issues; Go's rules; MessagePack."""

from __future__ import annotations

import json

import msgspec
import pytest

import aistore_models as am
from aistore_models import validation
from conftest import FIXTURES

INDEX = json.loads((FIXTURES / "index.json").read_text())

# Printed by Go 1.26: json.Unmarshal of each string into a time.Time (what AIStore's
# decoder does with a time field); the program is in docs/validation.md.
GO_TIME_VERDICTS = {
    "": False, "+2024-03-15T12:34:56Z": False, "0000-01-01T00:00:00Z": True,
    "0001-01-01T00:00:00Z": True, "02024-03-15T12:34:56Z": False, "2023-02-29T00:00:00Z": False,
    "2024-02-29T00:00:00Z": True, "2024-03-15": False, "2024-03-15 12:34:56Z": False,
    "2024-03-15T12:34:56": False, "2024-03-15T12:34:56 Z": False,
    "2024-03-15T12:34:56+00:99": False, "2024-03-15T12:34:56+0530": False,
    "2024-03-15T12:34:56+05:30": True, "2024-03-15T12:34:56+05:60": True,
    "2024-03-15T12:34:56+24:00": True, "2024-03-15T12:34:56+99:00": False,
    "2024-03-15T12:34:56,123Z": True, "2024-03-15T12:34:56-23:59": True,
    "2024-03-15T12:34:56.1234567891234Z": True, "2024-03-15T12:34:56.123456789Z": True,
    "2024-03-15T12:34:56.5+01:00": True, "2024-03-15T12:34:56.Z": False,
    "2024-03-15T12:34:56Z": True, "2024-03-15T12:34:56Z ": False, "2024-03-15T12:34:56z": False,
    "2024-03-15T12:34:60Z": False, "2024-03-15T12:60:00Z": False, "2024-03-15T1:34:56Z": True,
    "2024-03-15T24:00:00Z": False, "2024-03-15t12:34:56Z": False, "2024-04-31T00:00:00Z": False,
    "2024-13-01T00:00:00Z": False, "2024-3-15T12:34:56Z": False, "9999-12-31T23:59:59Z": True,
    "nope": False,
}  # fmt: skip


def issue_map(issues):
    return {(i.pointer, i.rule): i for i in issues}


@pytest.mark.parametrize("text, accepted", sorted(GO_TIME_VERDICTS.items()))
def test_date_time_is_checked_as_go_reads_times(text, accepted):
    assert validation.go_time(text) is accepted
    assert (
        am.validate("JobSnap", {"start-time": text}) == []
        if accepted
        else am.validate("JobSnap", {"start-time": text})
    )


def test_issue_carries_pointer_rule_and_value():
    issues = am.validate("JobSnap", b'{"id": 1, "kind": "copy-bck"}')
    assert [(i.pointer, i.rule, i.value) for i in issues] == [("/id", "type", 1)]
    assert str(issues[0]) == "/id: 1 is an integer, not a string or null"


def test_payload_may_be_bytes_str_or_parsed():
    for payload in (b'{"id": 1}', '{"id": 1}', {"id": 1}):
        assert [i.pointer for i in am.validate("JobSnap", payload)] == ["/id"]


def test_unknown_key_is_rejected_in_strict_mode_only_and_points_at_the_key():
    payload = {"bck": {"name": "b", "color": "red"}}
    issues = am.validate("JobSnap", payload)
    assert [(i.pointer, i.rule, i.value) for i in issues] == [
        ("/bck/color", "additionalProperties", "red")
    ]
    assert "BucketModel" in issues[0].message
    assert am.validate("JobSnap", payload, strict=False) == []


def test_optional_message_reports_the_error_inside_it_not_the_null_branch():
    issues = am.validate("JobSnap", {"bck": {"name": 7}})
    assert [(i.pointer, i.rule) for i in issues] == [("/bck/name", "type")]
    assert issues[0].message == "7 is an integer, not a string or null"


def test_wrong_type_for_an_optional_message_names_every_accepted_type():
    (issue,) = am.validate("JobSnap", {"bck": 5})
    assert (issue.pointer, issue.rule) == ("/bck", "type")
    assert "'object'" in issue.message and "'null'" in issue.message


def test_oneof_reports_the_branch_the_payload_was_closest_to():
    # ETLDetails.init_msg is ETLSpecMsg or InitSpecETLArgs;
    # `communication` and `env` exist in ETLSpecMsg
    payload = {"init_msg": {"communication": "hpush://", "env": 3}}
    issues = am.validate("ETLDetails", payload)
    assert [(i.pointer, i.rule) for i in issues] == [("/init_msg/env", "type")]


def test_quoted_integer_is_range_checked_for_its_go_type():
    too_big = str(2**63)
    (issue,) = am.validate("JobStats", {"loc-objs": too_big})
    assert (issue.pointer, issue.rule, issue.value) == ("/loc-objs", "x-go-type", too_big)
    assert "int64" in issue.message
    assert am.validate("JobStats", {"loc-objs": str(2**63 - 1)}) == []


@pytest.mark.parametrize("text", ["0012", "+1", " 1", "1.0", "12\n", "1_000", ""])
def test_malformed_quoted_integer_is_rejected(text):
    (issue,) = am.validate("JobStats", {"loc-objs": text})
    assert (issue.pointer, issue.rule) == ("/loc-objs", "pattern")


def test_end_anchor_means_end_of_text_in_both_engines():
    # Python's `re` lets `$` match before a final newline; JSON Schema (ECMA-262) does not.
    engine = validation._engine("JobStats", True)
    assert engine.fast is not None
    assert not engine.fast.is_valid({"loc-objs": "12\n"})
    assert list(engine.slow.iter_errors({"loc-objs": "12\n"}))


@pytest.mark.parametrize(
    "text, ok", [("aGk=", True), ("", True), ("aGk", False), ("a=Gk", False), ("aG k=", False)]
)
def test_base64_fields(text, ok):
    issues = am.validate("InitSpecETLArgs", {"spec": text})
    assert (issues == []) is ok
    if not ok:
        assert [(i.pointer, i.rule) for i in issues] == [("/spec", "pattern")]
        assert "base64" in issues[0].message


def test_malformed_json_is_one_syntax_issue():
    (issue,) = am.validate("JobSnap", b'{"id": ')
    assert (issue.pointer, issue.rule) == ("", "syntax")
    assert "malformed json" in issue.message


def test_unknown_message_and_format_are_errors_of_the_caller():
    with pytest.raises(KeyError, match="JobSnp"):
        am.validate("JobSnp", {})
    with pytest.raises(ValueError, match="MessagePack"):
        am.validate("ActionMsg", b"\x80", fmt="msgpack")
    with pytest.raises(ValueError, match="fmt"):
        am.validate("ActionMsg", b"{}", fmt="yaml")


def test_check_returns_the_document_or_raises_with_issues():
    assert validation.check("JobSnap", b'{"id": "x"}') == {"id": "x"}
    with pytest.raises(validation.InvalidPayload) as caught:
        validation.check("JobSnap", b'{"id": 1}')
    assert [i.pointer for i in caught.value.issues] == ["/id"]
    assert "/id" in str(caught.value)
    assert validation.is_valid("JobSnap", b'{"id": "x"}')
    assert not validation.is_valid("JobSnap", b'{"id": 1}')


def test_explanations_do_not_need_the_compiled_validator(monkeypatch):
    payload = {"id": 1, "bck": {"name": 2}, "stats": {"loc-objs": "99999999999999999999"}, "zz": 0}
    with_rs = am.validate("JobSnap", payload)
    engine = validation._engine("JobSnap", True)
    monkeypatch.setattr(engine, "fast", None)
    assert am.validate("JobSnap", payload) == with_rs
    assert len(with_rs) == 4


def test_issues_as_json_hold_only_json_values():
    issue = validation.ValidationIssue("/a", "m", "type", {"b": b"\x00\x01", "c": (1, 2)})
    assert json.loads(json.dumps(validation.issue_as_json(issue)))["value"] == {
        "b": "AAE=",
        "c": [1, 2],
    }


# ------------------------------------------------------------------ MessagePack


@pytest.mark.parametrize(
    "entry",
    [e for e in INDEX if e["encoding"] == "msgpack"],
    ids=lambda e: f"{e['message']}-{e['case']}",
)
def test_go_msgpack_fixtures_are_valid(entry):
    data = (FIXTURES / entry["path"]).read_bytes()
    assert am.validate(entry["message"], data, fmt="msgpack") == []


def msgpack_doc(message: str, case: str = "full"):
    return msgspec.msgpack.decode((FIXTURES / message / f"{case}.msgpack").read_bytes())


def test_msgpack_issues_point_at_msgpack_keys():
    doc = msgpack_doc("BucketList")
    doc["Entries"][0]["s"] = "12"  # `,string` is a JSON option: MessagePack carries the integer
    doc["Entries"][1]["c"] = 2**20  # int16
    doc["Entries"][2]["zz"] = 1  # unknown: AIStore's msgp decoder skips it, and so do we
    doc["Entries"][2]["name"] = "x"  # the JSON key of `n`: skipped too, but likely a mistake
    issues = am.validate("BucketList", msgspec.msgpack.encode(doc), fmt="msgpack")
    assert [(i.pointer, i.rule) for i in issues] == [
        ("/Entries/0/s", "type"),
        ("/Entries/1/c", "maximum"),
        ("/Entries/2/name", "msgpack-json-key"),
    ]
    assert "skips it and reads 'n'" in issues[2].message
    assert am.validate("BucketList", doc, fmt="msgpack", strict=False) == issues[:2]


def test_msgpack_nil_is_refused_where_go_has_no_pointer():
    doc = msgpack_doc("BucketList")
    doc["Entries"][0]["n"] = None  # Go string
    doc["UUID"] = None
    issues = am.validate("BucketList", msgspec.msgpack.encode(doc), fmt="msgpack")
    assert [(i.pointer, i.rule) for i in issues] == [("/Entries/0/n", "type"), ("/UUID", "type")]
    for target in (am.models, am.structs):
        with pytest.raises(am.DecodeError, match="^/UUID: nil where"):
            am.decode(msgspec.msgpack.encode({"UUID": None}), target.BucketList, "msgpack")
        with pytest.raises(am.DecodeError, match="^/Entries: nil where"):
            am.decode(msgspec.msgpack.encode({"Entries": None}), target.BucketList, "msgpack")
        empty = am.decode(msgspec.msgpack.encode({"Entries": []}), target.BucketList, "msgpack")
        assert am.to_wire(empty)["entries"] is None  # msgp leaves Go's nil slice nil


def test_msgpack_time_must_be_the_time_extension():
    doc = msgpack_doc("JobSnap")
    doc["s"] = "2024-03-15T12:34:56Z"  # JSON's form, not tinylib/msgp's extension 5
    doc["b"]["p"] = 5
    issues = am.validate("JobSnap", msgspec.msgpack.encode(doc), fmt="msgpack")
    assert [(i.pointer, i.rule) for i in issues] == [("/b/p", "type"), ("/s", "type")]


def test_msgpack_given_as_str_is_a_syntax_issue():
    (issue,) = am.validate("BucketList", "\x80", fmt="msgpack")
    assert issue.rule == "syntax"


def test_payloads_aistore_reads_but_are_mistakes_have_their_own_rules():
    [null] = am.validate("JobSnap", b"null")
    assert (null.pointer, null.rule) == ("", "null-document")
    [array] = am.validate("ETLNodeLogs", b'{"logs": [1, 2]}')
    assert (array.pointer, array.rule) == ("/logs", "bytes-as-array")
    assert "send base64" in array.message
    [wide] = am.validate("ETLNodeLogs", b'{"logs": [1, 300]}')  # AIStore refuses this one
    assert wide.rule == "type"
    # inside a Go interface the divergence is found in the option that holds it
    [inner] = am.validate(
        "ETLDetails", b'{"init_msg": {"spec": [], "name": "x", "communication": "hpush://"}}'
    )
    assert (inner.pointer, inner.rule) == ("/init_msg/spec", "bytes-as-array")


def test_both_targets_refuse_what_go_cannot_hold_before_any_bytes():
    with pytest.raises(ValueError):
        am.models.BucketEntry(name="o", copies=70000)  # Go int16
    # (the pointer names Python attributes: BucketEntry's copies is the SDK's `c`)
    for entry, where in (
        (am.structs.BucketEntry(n="o", c=70000), "/c"),
        (am.models.BucketEntry.model_construct(n="o", c=70000), "/c"),
    ):
        with pytest.raises(
            am.EncodeError, match=rf"^{where}: 70000 is out of range \[-32768, 32767\]"
        ):
            am.encode(entry)
    snap = am.structs.JobSnap(start_time="yesterday")
    with pytest.raises(am.EncodeError, match="^/start_time: 'yesterday' is not a time Go can read"):
        am.encode(snap, "msgpack")
    entries = [am.structs.BucketEntry(n="a", s=2**63)]
    listing = am.structs.BucketList(UUID="", ContinuationToken="", Flags=0, Entries=entries)
    with pytest.raises(am.EncodeError, match=r"^/Entries/0/s: 9223372036854775808 is out of range"):
        am.encode(listing, "msgpack")


def test_msgpack_bytes_come_as_bin_only():
    """Found by the fuzzer on v1.5.0's Snode.VerifyingKey: tinylib/msgp reads a Go []byte from
    bin, never from str (AIStore refuses `"v": ""`), so validate refuses it too."""
    import msgspec

    good = msgspec.msgpack.encode({"i": "t1", "t": "target", "v": b"\x01\x02"})
    bad = msgspec.msgpack.encode({"i": "t1", "t": "target", "v": ""})
    assert am.validate("Snode", good, fmt="msgpack") == []
    [issue] = am.validate("Snode", bad, fmt="msgpack")
    assert (issue.pointer, issue.rule) == ("/v", "type")
    assert issue.message == "expected MessagePack bin for a Go []byte, got str"
