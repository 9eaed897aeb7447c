"""Hostile and broken payloads: decode and validate answer with a clear error, never a crash or
a hang.

Deep nesting is bounded (limits.MAX_DEPTH levels, exactly), numbers beyond their
Go type, invalid UTF-8, truncated MessagePack and values of the wrong type give
DecodeError / ValidationIssue with a JSON pointer; duplicate keys follow Go (the
last one wins, checked against AIStore's own decoder where Go is available).
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

import aistore_models as am
from aistore_models import limits
from aistore_models.wire import MESSAGES as TABLES
from conftest import FIXTURES

DEPTH = limits.MAX_DEPTH + 1  # containers deep, counting the top-level one


def nested_json(levels: int) -> bytes:
    """An ActionMsg whose `any` value makes the document `levels` deep (the object is level 1)."""
    inner = levels - 1
    return b'{"value":' + b"[" * inner + b"]" * inner + b',"action":"x"}'


def nested_msgpack(levels: int) -> bytes:
    """A BucketList whose Entries list holds lists, `levels` deep in all."""
    inner = levels - 1
    return b"\x81\xa7Entries" + b"\x91" * (inner - 1) + b"\x90"


def decode_error(data: Any, cls: Any, fmt: str = "json") -> am.DecodeError:
    with pytest.raises(am.DecodeError) as info:
        am.decode(data, cls, fmt=fmt)
    return info.value


# ------------------------------------------------------------------ nesting


@pytest.mark.parametrize(
    "cls", [am.models.ActionMsg, am.structs.ActionMsg], ids=["model", "struct"]
)
def test_nesting_up_to_the_limit_decodes_and_encodes(cls):
    value = am.decode(nested_json(DEPTH), cls)
    again = am.encode(value)  # walking the value back stays within the interpreter's limits
    assert json.loads(again)["value"] == json.loads(nested_json(DEPTH))["value"]


@pytest.mark.parametrize("levels", [DEPTH + 1, 10 * DEPTH, 1_000_000])
@pytest.mark.parametrize(
    "cls", [am.models.ActionMsg, am.structs.ActionMsg], ids=["model", "struct"]
)
def test_deeper_json_is_refused(cls, levels):
    error = decode_error(nested_json(levels), cls)
    assert (error.pointer, error.message) == (
        "",
        f"malformed json: nested deeper than {limits.MAX_DEPTH} levels",
    )
    [issue] = am.validate("ActionMsg", nested_json(levels))
    assert (issue.pointer, issue.rule, issue.message) == ("", "syntax", error.message)


@pytest.mark.parametrize("levels", [DEPTH + 1, 1_000_000])
def test_deeper_msgpack_is_refused(levels):
    for cls in (am.structs.BucketList, am.models.BucketList):
        error = decode_error(nested_msgpack(levels), cls, "msgpack")
        assert error.message == f"malformed msgpack: nested deeper than {limits.MAX_DEPTH} levels"
    [issue] = am.validate("BucketList", nested_msgpack(levels), fmt="msgpack")
    assert issue.rule == "syntax" and "nested deeper" in issue.message


def test_msgpack_at_the_limit_reaches_the_type_check():
    # DEPTH levels parse; the error is then about the value, not the nesting.
    error = decode_error(nested_msgpack(DEPTH), am.structs.BucketList, "msgpack")
    assert error.pointer.startswith("/Entries/0") and "nested" not in error.message


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "number, why",
    [
        (b"9223372036854775808", "out of range"),  # int64 max + 1
        (b"-9223372036854775809", "out of range"),
        (b"18446744073709551616", "out of range"),  # beyond uint64 as well
        (b"1" + b"0" * 300, "out of range"),  # msgspec reads big integers exactly...
        (b"1" + b"0" * 400, "beyond float64"),  # ...but Go holds no number past float64's range
        (b"1" + b"0" * 5000, "malformed json"),  # (and Python's 4300-digit limit)
        (b"1e400", "malformed json"),
        (b"1.5", "integer"),
    ],
)
def test_numbers_beyond_the_go_type(number, why):
    data = b'{"ecode":' + number + b"}"  # ETLObjError.ecode: a Go int
    for cls in (am.models.ETLObjError, am.structs.ETLObjError):
        error = decode_error(data, cls)
        assert why in error.message
        assert error.pointer in ("", "/ecode")
    assert am.validate("ETLObjError", data) != []


def test_quoted_integer_beyond_int64():
    data = b'{"loc-objs":"' + b"9" * 30 + b'"}'  # Go's `,string` int64
    assert decode_error(data, am.models.JobStats).pointer == "/loc-objs"
    assert [i.pointer for i in am.validate("JobStats", data)] == ["/loc-objs"]


# ------------------------------------------------------------------ text


def test_invalid_utf8_names_the_byte():
    data = b'{"action":"caf\xe9 ok","name":"x"}'
    for cls in (am.models.ActionMsg, am.structs.ActionMsg):
        error = decode_error(data, cls)
        assert error.message == "malformed json: invalid UTF-8 at byte 14"
        assert data[14] == 0xE9
    assert am.validate("ActionMsg", data)[0].rule == "syntax"


def test_invalid_utf8_in_msgpack_names_the_byte():
    data = msgspec.msgpack.encode({"UUID": "x"}).replace(b"\xa1x", b"\xa1\xff")
    error = decode_error(data, am.structs.BucketList, "msgpack")
    bad = data.index(b"\xff")
    assert error.message == f"malformed msgpack: invalid UTF-8 at byte {bad}"


def test_lone_surrogate_in_a_str_payload():
    error = decode_error('{"action":"\ud800"}', am.models.ActionMsg)
    assert error.message == "malformed json: lone surrogate U+D800 at character 11: not UTF-8 text"


@pytest.mark.parametrize(
    "data, words",
    [
        (
            b'{"action":\n"x"',
            "truncated: the data ends inside a value at line 2, column 4 (byte 14)",
        ),
        (b"", "empty: no JSON value (a payload is one JSON object, e.g. {})"),
        (b" \n ", "only whitespace: no JSON value (a payload is one JSON object, e.g. {})"),
        (b'{"action":"x"} {}', "trailing data after the value at line 1, column 16 (byte 15)"),
        (b'{\n "action": x}', "unexpected character 'x' at line 2, column 12 (byte 13)"),
        (
            b"\xef\xbb\xbf{}",
            "starts with a byte-order mark (U+FEFF); JSON payloads must not have one "
            "(save the file as UTF-8 without a BOM)",
        ),
        (b'{"value": NaN}', "NaN is not a JSON number"),
        (b'{"value": 1e400}', "number 1e400 is beyond float64"),
    ],
)
def test_json_syntax_errors_in_our_words(data, words):
    for cls in (am.models.ActionMsg, am.structs.ActionMsg):
        assert decode_error(data, cls).message == f"malformed json: {words}"
    assert [(i.rule, i.message) for i in am.validate("ActionMsg", data)] == [
        ("syntax", f"malformed json: {words}")
    ]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x81\xa4UUID", "truncated: the data ends inside a value"),
        (b"\x81\xa4UUID\xdb\xff\xff\xff\xff", "truncated: the data ends inside a value"),
        (b"", "empty: no MessagePack value"),
        (b"\x80\x01", "trailing data after the value at byte 1"),
        (b"\x81\xa4UUID\xc1", "byte 0xc1 at byte 6 starts no MessagePack value"),
    ],
)
def test_msgpack_syntax_errors_in_our_words(data, words):
    assert (
        decode_error(data, am.structs.BucketList, "msgpack").message
        == f"malformed msgpack: {words}"
    )


# ------------------------------------------------------------------ duplicate keys


def test_duplicate_keys_last_one_wins_as_in_go():
    data = b'{"action":"first","name":"n","action":"last"}'
    assert am.decode(data, am.models.ActionMsg).action == "last"
    assert am.decode(data, am.structs.ActionMsg).action == "last"
    assert am.validate("ActionMsg", data) == []
    packed = b"\x82\xa4UUID\xa1a\xa4UUID\xa1b"  # a map with the key twice
    assert am.decode(packed, am.structs.BucketList, "msgpack").UUID == "b"


@pytest.mark.go
def test_duplicate_keys_match_aistores_decoder():
    from goharness import echo  # skips where Go is not installed

    data = b'{"action":"first","name":"n","action":"last"}'
    [(ok, go)] = echo([("ActionMsg", "json", data)])
    assert ok, go
    assert json.loads(go)["action"] == am.decode(data, am.models.ActionMsg).action == "last"


# ------------------------------------------------------------------ truncation


def fixture_files(suffix: str) -> list[Any]:
    return sorted(p for p in FIXTURES.glob(f"*/full{suffix}"))


@pytest.mark.parametrize("path", fixture_files(".msgpack"), ids=lambda p: p.parent.name)
def test_every_truncation_of_msgpack_is_an_error(path):
    data = path.read_bytes()
    name = path.parent.name
    for cut in range(len(data)):
        for cls in (getattr(am.structs, name), getattr(am.models, name)):
            with pytest.raises(am.DecodeError):
                am.decode(data[:cut], cls, fmt="msgpack")
        assert am.validate(name, data[:cut], fmt="msgpack")[0].rule == "syntax"


@pytest.mark.parametrize("path", fixture_files(".json")[:8], ids=lambda p: p.parent.name)
def test_every_truncation_of_json_is_an_error(path):
    data = path.read_bytes()
    cls = getattr(am.models, path.parent.name)
    for cut in range(len(data)):
        with pytest.raises(am.DecodeError):
            am.decode(data[:cut], cls)


# ------------------------------------------------------------------ wrong types


def wire_fields(name: str) -> list[tuple[str, tuple[Any, ...], bool]]:
    """(JSON key, type spec, ,string) of a message on the wire: embedded structs flattened."""
    out = []
    for field in TABLES[name].fields:
        if field.local or field.json == "-":
            continue
        if field.embed:
            out += wire_fields(field.type[1])
        else:
            out.append((field.json, field.type, field.string))
    return out


def wrong_value(spec: tuple[Any, ...], string: bool) -> Any:
    """A JSON value no Go decoder accepts for this type."""
    kind = spec[1][0] if spec[0] == "opt" else spec[0]
    return (
        [1]
        if kind in ("msg", "map", "oneof") or string or kind in ("str", "time", "bytes", "base64")
        else {"x": 1}
    )


CASES = [
    (name, key, spec, string)
    for name in sorted(TABLES)
    if TABLES[name].root is None
    for key, spec, string in wire_fields(name)
    if spec[0] != "any"
]


@pytest.mark.parametrize("name, key, spec, string", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_wrong_type_is_reported_at_its_key(name, key, spec, string):
    data = json.dumps({key: wrong_value(spec, string)}).encode()
    pointer = "/" + key.replace("~", "~0").replace("/", "~1")
    for cls in (getattr(am.models, name), getattr(am.structs, name)):
        error = decode_error(data, cls)
        assert error.pointer.startswith(pointer), (cls, error)
    assert any(i.pointer.startswith(pointer) for i in am.validate(name, data))


@pytest.mark.parametrize("payload", [b"", b"null", b"[]", b'"x"', b"5", b"{} {}", b"\x00", b"{"])
def test_not_an_object(payload):
    for cls in (am.models.ActionMsg, am.structs.ActionMsg):
        assert decode_error(payload, cls).pointer == ""
    assert am.validate("ActionMsg", payload) != []
