"""The fast paths (compiled encoders, direct msgspec and pydantic-core decoders) against the
reference codec: where a fast path gives a result it is the reference's, type for type."""

from __future__ import annotations

import json
import math
from typing import Any

import msgspec
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aistore_models as am
from aistore_models import api
from aistore_models.codec import NOT_ON_WIRE, Codec
from aistore_models.wire import MESSAGES as TABLES
from conftest import FIXTURES

INDEX = json.loads((FIXTURES / "index.json").read_text())
REFERENCE = Codec(TABLES, api._build)  # the table-driven codec without compiled encoders


def same(a: Any, b: Any, where: str = "") -> None:
    """a and b are equal, of the same types, with the same model_fields_set, all the way down."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, pydantic.BaseModel):
        assert a.model_fields_set == b.model_fields_set, f"{where}: fields set"
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, msgspec.Struct):
        for name in a.__struct_fields__:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys"
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def fast(cls: Any, fmt: str, strict: bool) -> Any:
    name, shape = api._class_message(cls)
    return api._fast_decoder(cls, name, shape, fmt, strict)


def reference(data: Any, cls: Any, fmt: str, strict: bool = False) -> Any:
    name, shape = api._class_message(cls)
    return api._decode_reference(data, cls, name, shape, fmt, strict)


def test_the_benchmarked_messages_take_a_fast_path():
    assert fast(am.structs.BucketList, "msgpack", False) is not None
    for name in ("JobSnap", "AggregatedJobSnap", "JobStats", "BucketModel"):
        assert fast(getattr(am.models, name), "json", False) is not None, name
        assert fast(getattr(am.models, name), "json", True) is not None, name


@pytest.mark.parametrize(
    "entry", INDEX, ids=lambda e: f"{e['message']}-{e['case']}-{e['encoding']}"
)
@pytest.mark.parametrize("target", ["models", "structs"])
@pytest.mark.parametrize("strict", [False, True])
def test_fixtures_decode_alike(entry, target, strict):
    name, fmt = entry["message"], entry["encoding"]
    data = (FIXTURES / entry["path"]).read_bytes()
    cls = getattr(getattr(am, target), name)
    expected = reference(data, cls, fmt, strict)
    decoder = fast(cls, fmt, strict)
    if decoder is not None:
        same(decoder(data), expected)
    same(am.decode(data, cls, fmt, strict=strict), expected)


@pytest.mark.parametrize(
    "entry", INDEX, ids=lambda e: f"{e['message']}-{e['case']}-{e['encoding']}"
)
@pytest.mark.parametrize("target", ["models", "structs"])
def test_fixtures_encode_alike(entry, target):
    name, fmt = entry["message"], entry["encoding"]
    obj = reference(
        (FIXTURES / entry["path"]).read_bytes(), getattr(getattr(am, target), name), fmt
    )
    shape = "model" if target == "models" else "struct"
    assert api.CODEC.encode(obj, name, fmt, shape) == REFERENCE.encode(obj, name, fmt, shape)


@pytest.mark.parametrize("bucket", [b'{"name":"b"}', b"null"])
def test_fields_set_are_the_keys_the_payload_has(bucket):
    payload = b'{"id":"x","stats":{"loc-objs":"3"},"bck":' + bucket + b"}"
    snap = am.decode(payload, am.models.JobSnap)
    assert snap.model_fields_set == {"id", "stats", "bucket"}
    assert snap.stats.model_fields_set == {"objects"}
    # null in a Go struct value leaves its zero value, with nothing set
    bck = {"name": "b"} if bucket != b"null" else {}
    assert snap.model_dump(exclude_unset=True) == {
        "id": "x",
        "stats": {"objects": 3},
        "bucket": bck,
    }
    same(snap, reference(payload, am.models.JobSnap, "json"))


# ---------------------------------------------------------------- random payloads

ODD_JSON = st.sampled_from(
    [None, True, 0, -1, 1.5, "", "x", "12", "+1", " 1", "1_0", "-0", "007", "1e3",
     "18446744073709551616", [], {}, [None], {"": None}, float("nan"), float("inf")]
)  # fmt: skip


def json_like(depth: int = 2) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-(2**64), 2**64), st.floats(), st.text(max_size=4)
    )
    if depth == 0:
        return scalars
    inner = json_like(depth - 1)
    return st.one_of(
        scalars,
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
    )


def value_for(spec: tuple[Any, ...], string: bool, fmt: str, depth: int) -> st.SearchStrategy[Any]:
    """Mostly a well-formed wire value for `spec`, sometimes something odd."""
    kind = spec[0]
    if kind == "opt":
        good = value_for(spec[1], string, fmt, depth)
    elif kind == "str" or kind == "time":
        good = st.text(max_size=6)
    elif kind == "bool":
        good = st.booleans().map(
            lambda b: ("true" if b else "false") if string and fmt == "json" else b
        )
    elif kind in ("int", "duration", "seconds"):
        lo, hi = (spec[1], spec[2]) if kind == "int" else (-(2**63), 2**63 - 1)
        ints = st.one_of(st.integers(lo, hi), st.sampled_from([lo, hi, lo - 1, hi + 1, 0]))
        good = ints.map(str) if string and fmt == "json" else ints
    elif kind == "float":
        good = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-5, 5)
    elif kind == "any":
        good = json_like()
    elif kind == "list" and depth < 3:
        good = st.lists(value_for(spec[1], False, fmt, depth + 1), max_size=3)
    elif kind == "map" and depth < 3:
        good = st.dictionaries(
            st.text(max_size=3), value_for(spec[1], False, fmt, depth + 1), max_size=3
        )
    elif kind == "msg" and depth < 3:
        good = payload_for(spec[1], fmt, depth + 1)
    else:
        good = ODD_JSON
    return st.one_of(*[good] * 9, ODD_JSON)  # mostly well-formed, so the fast paths often succeed


def payload_for(name: str, fmt: str, depth: int = 0) -> st.SearchStrategy[Any]:
    message = TABLES[name]
    if message.root is not None:
        return value_for(message.root, False, fmt, depth)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in _flat(name):
        key = field.json if fmt == "json" else field.msgpack
        if key != NOT_ON_WIRE:
            fields[key] = value_for(field.type, field.string, fmt, depth)
    extra = st.one_of(
        *[st.just({})] * 4,
        st.dictionaries(st.sampled_from(["unknown", "ID", "name"]), ODD_JSON, max_size=1),
    )
    return st.tuples(st.fixed_dictionaries({}, optional=fields), extra).map(
        lambda t: {**t[1], **t[0]}
    )


def _flat(name: str) -> list[Any]:
    out = []
    for field in TABLES[name].fields:
        if field.embed:
            out += _flat(field.type[1])
        elif not field.local:
            out.append(field)
    return out


def check_payload(cls: Any, data: bytes, fmt: str, strict: bool) -> None:
    decoder = fast(cls, fmt, strict)
    assert decoder is not None
    try:
        got = decoder(data)
    except Exception:
        return  # the reference path decides; nothing to compare
    same(got, reference(data, cls, fmt, strict))


FAST_JSON = [  # (target, message): wirevalidator.py into models, structjson.py into structs
    (target, n)
    for target in ("models", "structs")
    for n in am.MESSAGES
    if fast(getattr(getattr(am, target), n), "json", False) is not None
]
FAST_MSGPACK_STRUCTS = [
    n for n in am.MESSAGES if TABLES[n].msgpack and fast(getattr(am.structs, n), "msgpack", False)
]


@pytest.mark.parametrize("target, name", FAST_JSON)
@settings(max_examples=20, suppress_health_check=list(HealthCheck), deadline=None, database=None)
@given(data=st.data(), strict=st.booleans())
def test_random_json_decodes_alike(target, name, data, strict):
    payload = data.draw(payload_for(name, "json"))
    cls = getattr(getattr(am, target), name)
    check_payload(cls, json.dumps(payload).encode(), "json", strict)


@pytest.mark.parametrize("name", FAST_MSGPACK_STRUCTS)
@settings(max_examples=20, suppress_health_check=list(HealthCheck), deadline=None, database=None)
@given(data=st.data())
def test_random_msgpack_decodes_alike(name, data):
    payload = data.draw(payload_for(name, "msgpack"))
    try:
        raw = msgspec.msgpack.encode(payload)
    except OverflowError:
        return  # beyond 64 bits: not representable in MessagePack
    check_payload(getattr(am.structs, name), raw, "msgpack", False)


@pytest.mark.parametrize("name", am.MESSAGES)
@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None, database=None)
@given(data=st.data())
def test_compiled_encoders_write_the_reference_bytes(name, data):
    """Objects decoded from random payloads, odd values included, encode alike in both formats."""
    payload = data.draw(payload_for(name, "json"))
    for cls, shape in ((getattr(am.models, name), "model"), (getattr(am.structs, name), "struct")):
        try:
            obj = reference(json.dumps(payload).encode(), cls, "json")
        except am.DecodeError:
            continue
        for fmt in ("json", "msgpack") if TABLES[name].msgpack else ("json",):
            assert outcome(api.CODEC.encode, obj, name, fmt, shape) == outcome(
                REFERENCE.encode, obj, name, fmt, shape
            )


def outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    """What a call gives: its result, or its error (e.g. a time Go cannot write)."""
    try:
        return "ok", fn(*args)
    except Exception as exc:
        return "error", f"{type(exc).__name__}: {exc}"


TIMES = st.from_regex(
    r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{2}T[0-9]{1,2}:[0-9]{2}:[0-9]{2}([.,][0-9]{0,11})?(Z|z|[+-][0-9]{2}:[0-9]{2})?\Z"
)


@settings(max_examples=400, deadline=None, database=None)
@given(
    text=st.one_of(
        TIMES,
        st.sampled_from(["2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "0001-01-01T00:00:00Z"]),
    )
)
def test_fast_time_check_accepts_only_what_go_reads(text):
    """The pydantic-core pattern for times is a subset of gotime.go_time (the reference's check)."""
    import re

    from aistore_models import gotime, wirevalidator

    go_time = getattr(gotime, "go_time", None)
    if go_time is None:
        pytest.skip("the reference does not check times")
    if re.fullmatch(wirevalidator._GO_TIME.strip("^$"), text):
        assert go_time(text), text


# ---------------------------------------------------------------- unknown and Python-only keys


def with_unknown_key(data: bytes) -> bytes:
    """The payload with one key more at the top, as a newer AIStore would send it."""
    return data[:1] + b'"added_by_a_newer_aistore":{"a":[1,2.5,"x",null]},' + data[1:]


FAST_REFUSAL = (ValueError, TypeError, msgspec.MsgspecError)  # then the reference decides
JSON_OBJECT_FIXTURES = [  # of messages, not of root maps (where a new key is an entry)
    e
    for e in INDEX
    if e["encoding"] == "json"
    and TABLES[e["message"]].root is None
    and (FIXTURES / e["path"]).read_bytes()[:1] == b"{"
    and (FIXTURES / e["path"]).read_bytes()[1:2] != b"}"
]


@pytest.mark.parametrize("entry", JSON_OBJECT_FIXTURES, ids=lambda e: f"{e['message']}-{e['case']}")
@pytest.mark.parametrize("target", ["models", "structs"])
def test_an_unknown_key_is_skipped_fast_and_refused_when_strict(entry, target):
    name = entry["message"]
    cls = getattr(getattr(am, target), name)
    data = with_unknown_key((FIXTURES / entry["path"]).read_bytes())
    decoder = fast(cls, "json", False)
    expected = reference(data, cls, "json")
    if decoder is not None:
        same(decoder(data), expected)  # lenient: the fast path itself skips the key
    strict = fast(cls, "json", True)
    if strict is not None and not TABLES[name].ignores_unknown:
        with pytest.raises(FAST_REFUSAL):
            strict(data)
        with pytest.raises(am.DecodeError, match="unknown"):
            am.decode(data, cls, strict=True)


@pytest.mark.parametrize("target", ["models", "structs"])
def test_the_listing_takes_the_fast_json_path(target):
    """The Python-only `object` attribute does not send a JSON listing to the reference."""
    cls = getattr(am, target).BucketList
    data = (FIXTURES / "BucketList" / "full.json").read_bytes()
    assert fast(cls, "json", False) is not None
    same(fast(cls, "json", False)(data), reference(data, cls, "json"))


@pytest.mark.parametrize("fmt", ["json", "msgpack"])
@pytest.mark.parametrize("target", ["models", "structs"])
@pytest.mark.parametrize("value", [None, 1, "handle"])
def test_a_python_only_key_in_a_payload_goes_to_the_reference(fmt, target, value):
    """The SDK's BucketEntry.object is never filled from the wire: the fast paths refuse a key
    of that name (msgspec: the field's type takes nothing but MessagePack's nil), the reference
    skips it."""
    cls = getattr(am, target).BucketList
    page = {
        "UUID": "u",
        "ContinuationToken": "",
        "Flags": 0,
        "Entries": [{"n": "a", "object": value}],
    }
    if fmt == "json":
        page = {
            "uuid": "u",
            "continuation_token": "",
            "flags": 0,
            "entries": [{"name": "a", "object": value}],
        }
    data = msgspec.msgpack.encode(page) if fmt == "msgpack" else json.dumps(page).encode()
    decoder = fast(cls, fmt, False)
    if decoder is not None and fmt == "msgpack" and value is None:
        same(decoder(data), reference(data, cls, fmt))  # msgspec takes nil: the same None
    elif decoder is not None:
        with pytest.raises(FAST_REFUSAL):
            decoder(data)
    decoded = am.decode(data, cls, fmt)
    entry = decoded.Entries[0] if target == "structs" else decoded.entries[0]
    assert entry.object is None and entry.name == "a"
    if fmt == "json":
        with pytest.raises(am.DecodeError, match="object"):
            am.decode(data, cls, fmt, strict=True)


def test_lenient_fast_paths_skip_an_unknown_keys_huge_number_as_go_does():
    """The one named difference of the lenient JSON fast paths (wirevalidator, structjson):
    a number beyond float64 in a skipped value is skipped, as Go's decoders skip it; the
    reference, which parses every value first, refuses it."""
    data = b'{"id":"x","added":1e400}'
    for cls in (am.models.JobSnap, am.structs.JobSnap):
        assert fast(cls, "json", False)(data).id == "x"
        with pytest.raises(am.DecodeError, match="beyond float64"):
            reference(data, cls, "json")
    nan = b'{"id":"x","added":[NaN]}'  # not JSON at all: refused on every path
    for cls in (am.models.JobSnap, am.structs.JobSnap):
        with pytest.raises(am.DecodeError, match="NaN"):
            am.decode(nan, cls)
