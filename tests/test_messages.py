"""Every message of the aistore schema: imports, schemas, and pydantic/msgspec agreement."""

from __future__ import annotations

import random
from typing import Any

import jsonschema
import pytest

import aistore_models as am
from aistore_models import aischecks
from aistore_models.wire import MESSAGES as TABLES
from conftest import FIXTURES

SDK_NAMES = {
    "ActionMsg", "AggregatedJobSnap", "ArchiveMultiObj", "BlobMsg", "BsummCtrlMsg", "BucketEntry",
    "BucketList", "BucketModel", "CopyBckMsg", "CreateNBIMsg", "ETLDetails", "ETLInfo",
    "ETLInitMsg", "ETLNodeLogs", "ETLObjError", "ETLRuntimeSpec", "ETLSpecMsg", "EnvVar",
    "InitETLArgs", "InitSpecETLArgs", "JobArgs", "JobQuery", "JobSnap", "JobStats", "JobStatus",
    "ListObjectsMsg", "MptCompletedPart", "NBIInfo", "NetInfo", "PrefetchMsg", "PromoteAPIArgs",
    "Smap", "Snode", "TCBckMsg", "TCMultiObj", "TransformBckMsg", "Namespace",
}  # fmt: skip


def test_every_sdk_class_is_generated():
    missing = SDK_NAMES - set(am.MESSAGES)
    assert not missing
    assert hasattr(am, "ListObjectFlag")


@pytest.mark.parametrize("name", am.MESSAGES)
def test_message_has_model_struct_and_valid_schema(name):
    assert isinstance(getattr(am.models, name), type)
    assert getattr(am.structs, name) is not None
    for strict in (True, False):
        jsonschema.Draft202012Validator.check_schema(am.schema(name, strict=strict))


def wire_value(spec: tuple[Any, ...], rng: random.Random, string: bool, depth: int) -> Any:
    """A random wire (JSON) value for a codec type spec; independent of the codec's own code."""
    kind = spec[0]
    if kind == "opt":
        return None if rng.random() < 0.3 else wire_value(spec[1], rng, string, depth)
    if kind == "oneof":
        return wire_message(rng.choice(spec[1]), rng, depth + 1)
    if kind == "str":
        return rng.choice(["", "a", "héllo <&> \u2028", 'q"\\'])
    if kind == "bool":
        value = rng.random() < 0.5
        return ("true" if value else "false") if string else value
    if kind in ("int", "duration", "seconds"):
        lo, hi = (spec[1], spec[2]) if kind == "int" else (-(2**63), 2**63 - 1)
        value = rng.choice([0, 1, lo, hi])
        return str(value) if string else value
    if kind == "float":
        return rng.choice([0.0, 1.5, -2.25])
    if kind in ("bytes", "base64"):
        return rng.choice(["", "AP8=", "aGVsbG8="])
    if kind == "time":
        return rng.choice(["0001-01-01T00:00:00Z", "2024-03-15T12:34:56.123456789Z"])
    if kind == "duration_text":
        return rng.choice(["0s", "1m30s", "1h0m", "1.5s", "-300ms"])
    if kind == "quantity":
        return rng.choice(["0", "500m", "1Gi", "2"])
    if kind == "any":
        return rng.choice([None, 1, "x", [1, "y"], {"b": 1, "a": [True]}])
    if kind == "enum":
        enum = getattr(am, spec[1])
        return rng.choice([m.value for m in enum])
    if kind == "flags":
        value = rng.choice([0, 1, 33, 2**15])
        return str(value) if string else value
    if kind == "list":
        return (
            None
            if depth > 2
            else [wire_value(spec[1], rng, False, depth + 1) for _ in range(rng.randint(0, 2))]
        )
    if kind == "map":
        return (
            None
            if depth > 2
            else {
                f"k{i}": wire_value(spec[1], rng, False, depth + 1)
                for i in range(rng.randint(0, 2))
            }
        )
    if kind == "msg":
        return wire_message(spec[1], rng, depth + 1)
    raise AssertionError(spec)


def wire_message(name: str, rng: random.Random, depth: int = 0) -> Any:
    table = TABLES[name]
    if table.root is not None:
        return wire_value(table.root, rng, False, depth)
    out: dict[str, Any] = {}
    for field in table.fields:
        if field.local:
            continue
        if field.embed:
            out.update(wire_message(field.type[1], rng, depth))
            continue
        if field.json != "-":
            out[field.json] = wire_value(field.type, rng, field.string, depth)
    return _as_aistore_checks_allow(table, out)


def _as_aistore_checks_allow(table: Any, out: dict[str, Any]) -> dict[str, Any]:
    """A random value AIStore's own decoder refuses (`checks:`) made one it accepts."""
    fixes = {"object-name": ("obj/name",), "archive-path": ("",), "byte-range": (0, 0)}
    for check, keys in table.checks:
        if aischecks.problems(((check, keys),), out):
            out.update(zip(keys, fixes[check], strict=True))
    return out


@pytest.mark.parametrize("name", am.MESSAGES)
def test_model_and_struct_encode_identically(name):
    rng = random.Random(name)
    for _ in range(20):
        payload = wire_message(name, rng)
        model = am.decode(payload, getattr(am.models, name), strict=True)
        struct = am.decode(payload, getattr(am.structs, name), strict=True)
        message = name if TABLES[name].root is not None else None
        from_model = am.encode(model)
        assert from_model == am.encode(struct, message=message)
        assert am.validate(name, from_model) == []
        if TABLES[name].msgpack:
            assert am.encode(model, "msgpack") == am.encode(struct, "msgpack", message=message)


@pytest.mark.parametrize("target", ["models", "structs"])
def test_a_freshly_built_message_encodes_as_go_writes_its_zero_value(target):
    # Go's omitempty never drops a struct: ETLSpecMsg.resources goes out as {} when unset
    zero = (FIXTURES / "ETLSpecMsg" / "zero.json").read_bytes()
    cls = getattr(am, target).ETLSpecMsg
    runtime = getattr(am, target).ETLRuntimeSpec(image="")
    built = cls(name="", comm_type="", init_timeout="", obj_timeout="", runtime=runtime)
    assert am.encode(built) == zero


def test_root_types_are_classes_in_both_targets():
    data = (FIXTURES / "AggregatedJobSnap" / "full.json").read_bytes()
    for target in (am.models, am.structs):
        snaps = am.decode(data, target.AggregatedJobSnap)
        assert isinstance(snaps, target.AggregatedJobSnap)
        assert am.encode(snaps) == data  # no message= needed
        assert snaps.list_snapshots() and all(
            isinstance(s, target.JobSnap) for s in snaps.list_snapshots()
        )
    assert isinstance(am.structs.AggregatedJobSnap(), dict)
    assert am.decode(b"null", am.structs.AggregatedJobSnap) is None  # Go's nil map
