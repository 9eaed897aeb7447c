"""Go wire rules, on small schemas whose Go output is known from encoding/json's documented
behaviour.

Each expected byte string below is what Go writes for the struct in the comment
(omitempty drops zero values, ,string quotes numbers, embedded fields flatten
in declaration position, time.Time is never "empty", map keys are sorted).
"""

from __future__ import annotations

import pytest

SCHEMA = {
    "a.yaml": """
    enums:
      Bit:
        kind: bits
        values: {A: 0, B: 1, F: 5}
    messages:
      Inner:           # struct { Prefix string `json:"prefix"`;
                       #          Dry bool `json:"dry_run,omitempty"` }
        fields:
          prefix: str
          dry: {type: bool, wire: dry_run, omit: empty}
      Outer:           # struct { N int64 `json:"n,string"`; Inner;
                       #          T time.Time `json:"t,omitempty"`; L []string `json:"l"`;
                       #          M map[string]int `json:"m,omitempty"`;
                       #          Z []string `json:"z,omitzero"`; F uint64 `json:"f,string"`;
                       #          B []byte `json:"b"` }
        msgpack: true
        fields:
          n: {type: int64, string: true}
          inner: {type: Inner, embed: true, python: {embed: nested}}
          t: {type: time, omit: empty}
          l: {type: "list[str]?"}
          m: {type: "map[str, int32]?", omit: empty}
          z: {type: "list[str]?", omit: zero}
          f: {type: "flagset[Bit]", string: true}
          b: bytes
          local_only: {type: any, python: {local: true}}
      Multi:
        root: "map[str, list[Outer]]"
    """
}


@pytest.fixture
def pkg(build):
    return build(SCHEMA)


def test_zero_value_matches_go(pkg):
    go = b'{"n":"0","prefix":"","t":"0001-01-01T00:00:00Z","l":null,"f":"0","b":""}'
    assert pkg.encode(pkg.models.Outer()) == go
    assert pkg.encode(pkg.structs.Outer()) == go


def test_populated_value_matches_go(pkg):
    model = pkg.models.Outer(
        n=-5,
        inner=pkg.models.Inner(prefix="p<&>", dry=True),
        l=[],
        m={"b": 2, "a": 1},
        z=[],
        f=[pkg.Bit.A, pkg.Bit.F],
        b=b"\x00\xff",
        local_only={"never": "sent"},
    )
    go = (
        b'{"n":"-5","prefix":"p<&>","dry_run":true,"t":"0001-01-01T00:00:00Z","l":[],'
        b'"m":{"a":1,"b":2},"z":[],"f":"33","b":"AP8="}'
    )
    assert pkg.encode(model) == go
    struct = pkg.decode(go, pkg.structs.Outer)
    assert pkg.encode(struct) == go
    assert struct.prefix == "p<&>" and struct.dry is True  # flattened in the struct
    again = pkg.decode(go, pkg.models.Outer)
    assert again.inner.prefix == "p<&>"  # nested in the model
    assert again.f == [pkg.Bit.A, pkg.Bit.F]


def test_absent_and_null_keys_become_zero_values(pkg):
    model = pkg.decode(b'{"n":null,"prefix":null}', pkg.models.Outer)
    assert model.n == 0 and model.inner.prefix == "" and model.l is None


def test_strict_decode_rejects_unknown_keys_with_pointer(pkg):
    with pytest.raises(pkg.DecodeError) as err:
        pkg.decode(b'{"m":{"a":1},"bogus":1}', pkg.models.Outer, strict=True)
    assert err.value.pointer == "/bogus"
    pkg.decode(b'{"m":{"a":1},"bogus":1}', pkg.models.Outer)  # lenient by default


@pytest.mark.parametrize(
    "payload, pointer",
    [
        (b'{"n":5}', "/n"),  # ,string wants a quoted number
        (b'{"n":"5x"}', "/n"),
        (b'{"b":"not base64!"}', "/b"),
        (b'{"m":{"a":"1"}}', "/m/a"),
        (b'{"m":{"a":2147483648}}', "/m/a"),  # out of int32 range
    ],
)
def test_decode_errors_name_the_place(pkg, payload, pointer):
    with pytest.raises(pkg.DecodeError) as err:
        pkg.decode(payload, pkg.models.Outer)
    assert err.value.pointer == pointer


def test_root_type_round_trip(pkg):
    snap = b'{"n":"1","prefix":"","t":"2024-01-02T03:04:05.123456789Z","l":null,"f":"2","b":""}'
    data = b'{"t1":[' + snap + b'],"t0":[]}'
    model = pkg.decode(data, pkg.models.Multi)
    assert list(model.root) == ["t1", "t0"]
    assert pkg.encode(model) == b'{"t0":[],"t1":[' + snap + b"]}"  # Go sorts map keys
    plain = pkg.decode(data, pkg.structs.Multi)
    assert pkg.encode(plain, message="Multi") == pkg.encode(model)


def test_msgpack_round_trip_keeps_time(pkg):
    model = pkg.models.Outer(t="2024-01-02T03:04:05.5+02:00")
    back = pkg.decode(pkg.encode(model, "msgpack"), pkg.models.Outer, "msgpack")
    assert back.t == "2024-01-02T01:04:05.5Z"  # same instant, in UTC as msgp decodes it


def test_no_msgpack_form_is_refused(pkg):
    with pytest.raises(ValueError, match="no MessagePack form"):
        pkg.encode(pkg.models.Inner(), "msgpack")


def test_schema_matches_encoder_output(pkg):
    payload = pkg.encode(pkg.models.Outer(n=3, f=[pkg.Bit.B]))
    assert pkg.validate("Outer", payload) == []
    issues = pkg.validate("Outer", b'{"n":3,"extra":1}')
    assert {(i.pointer, i.rule) for i in issues} >= {("/extra", "additionalProperties")}
    assert pkg.validate("Outer", b'{"extra":1}', strict=False) == []
