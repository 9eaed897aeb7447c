"""The benchmarks' floors (benchmarks/floor.py) do the same work as ours: they read Go's own
payloads, and for encoding write our bytes, so a ratio to them is honest."""

from __future__ import annotations

import msgspec
import pytest

import aistore_models as am
from benchmarks.floor import bare_model, bare_struct, encodes_alike
from conftest import FIXTURES

ENCODED = ["PromoteAPIArgs", "TCBckMsg", "ListObjectsMsg", "AggregatedJobSnap"]
DECODED = ["BucketList", "JobSnap", "AggregatedJobSnap", "BucketModel", "Snode", "NetInfo"]


@pytest.mark.parametrize("name", ENCODED)
@pytest.mark.parametrize("target", ["models", "structs"])
def test_the_encode_floor_writes_our_bytes(name, target):
    # (Go's full values; the hostile-string fixtures differ on purpose: Go's escapes)
    obj = am.decode(
        (FIXTURES / name / "full.json").read_bytes(), getattr(getattr(am, target), name)
    )
    assert encodes_alike(obj, am.encode(obj, message=name), name) == ""


def test_the_encode_floor_check_can_fail():
    obj = am.decode((FIXTURES / "JobSnap" / "unicode.json").read_bytes(), am.models.JobSnap)
    assert "differ" in encodes_alike(obj, am.encode(obj), "JobSnap")


@pytest.mark.parametrize("name", DECODED)
def test_the_decode_floors_read_gos_payloads(name):
    full = FIXTURES / name / "full.json"
    decoded = msgspec.json.decode(full.read_bytes(), type=bare_struct(name))
    assert decoded  # a struct, or a root's non-empty dict
    assert bare_model(name).model_validate_json(full.read_bytes())
    packed = FIXTURES / name / "full.msgpack"
    if packed.exists() and am.wire.MESSAGES[name].msgpack:
        assert msgspec.msgpack.decode(packed.read_bytes(), type=bare_struct(name, "msgpack"))
