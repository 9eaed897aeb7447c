"""aistore_models.sdk.{authn,dsort,batch}.types against the published SDK's modules of those
names (aistore 1.26.0 from the lock; 1.25.0 when tests/test_sdk_older.py runs this again).

As tests/test_sdk_parity.py does for aistore.sdk.types: for every SDK class the same
constructor arguments (hand-picked, and generated from the SDK class's own signature) go to
both classes; then every SDK attribute reads the same (documented differences normalised,
docs/sdk-divergences.md), every SDK method gives the same result, and every payload the SDK's
code sends (`as_dict()`, `dict()`, `model_dump()`) is the SDK's or one that AIStore's Go
decoder reads into the same value.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, RootModel
from test_sdk_parity import DOCS, INT64, TEXT, TIMES, UINT64, go_same

import aistore_models as am

MODULES = ("authn", "dsort", "batch")
SDK = {m: import_module(f"aistore.sdk.{m}.types") for m in MODULES}
OURS = {m: import_module(f"aistore_models.sdk.{m}.types") for m in MODULES}
SDK_TYPES = import_module("aistore.sdk.types")

# Every class each SDK module defines: (module, class name).
CLASSES = sorted(
    (module, name)
    for module in MODULES
    for name, value in vars(SDK[module]).items()
    if name.isidentifier()
    and isinstance(value, type)
    and issubclass(value, BaseModel)
    and value.__module__ == f"aistore.sdk.{module}.types"
)
MODULE_OF = {name: module for module, name in CLASSES}
NAMES = [name for _, name in CLASSES]


def sdk_class(name: str) -> Any:
    return getattr(SDK[MODULE_OF[name]], name) if name in MODULE_OF else getattr(SDK_TYPES, name)


def our_class(name: str) -> Any:
    return getattr(OURS[MODULE_OF[name]], name) if name in MODULE_OF else getattr(am.models, name)


# ---------------------------------------------------------------------------------------------
# Constructor arguments
# ---------------------------------------------------------------------------------------------

# Go's int64 and uint64 with `,string`, which the SDK keeps as text; ours holds Go's integer.
STRING_INTS = {
    "TimeStats": ("total_ms", "count", "min_ms", "max_ms", "avg_ms"),
    "DetailedStats": ("total_ms", "count", "min_ms", "max_ms", "avg_ms"),
    "LocalExtraction": (
        "total_count", "extracted_count", "extracted_size", "extracted_record_count",
        "extracted_to_disk_count", "extracted_to_disk_size",
    ),
    "ShardCreation": ("to_create", "created_count", "moved_shard_count"),
    "JobInfo": ("objects", "bytes"),
    "ClusterPermission": ("perm",),
    "BucketPermission": ("perm",),
}  # fmt: skip
STRING_INT = {(cls, f) for cls, fields in STRING_INTS.items() for f in fields}
_PERM = st.sampled_from([0, 1, 5, 255, 2**64 - 1]) | UINT64
# Names and ranges AIStore's MossIn.UnmarshalJSON accepts (runtime/aischecks.py): the payloads
# must reach Go's decoder to be compared there.
_SEGMENT = st.text("abcxyz09-_.", min_size=1, max_size=4).filter(lambda s: s not in (".", ".."))
_OBJ_NAME = st.lists(_SEGMENT, min_size=1, max_size=3).map("/".join)
# A byte range AIStore serves (a start above zero needs a length: the hand-picked cases).

OVERRIDES: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    **{key: INT64.map(str) for key in STRING_INT if key[1] != "perm"},
    ("ClusterPermission", "perm"): _PERM.map(str),
    ("BucketPermission", "perm"): _PERM.map(str),
    ("JobInfo", "started_time"): st.none() | st.sampled_from(TIMES),
    ("JobInfo", "finish_time"): st.none() | st.sampled_from(TIMES),
    **{(c, f): st.sampled_from(TIMES) for c in ("PhaseInfo", "LocalExtraction", "MetaSorting",
       "ShardCreation") for f in ("started_time", "end_time")},
    ("LoginMsg", "expires_in"): st.none()
    | st.integers(-(2**33), 2**33)
    | st.sampled_from([0.5, 1.5, 0.001, 3600.0, -2.25]),
    ("MossIn", "obj_name"): _OBJ_NAME,
    ("MossIn", "archpath"): st.none() | _OBJ_NAME,
    ("MossIn", "start"): st.none() | st.just(0),
    ("MossIn", "length"): st.none() | st.integers(-1, 2**40),
    ("MossIn", "opaque"): st.none() | st.binary(max_size=6).map(
        lambda b: __import__("base64").b64encode(b).decode()
    ),
    ("MossReq", "colocation"): st.none() | st.integers(0, 2),
}  # fmt: skip


def sdk_signature(name: str) -> list[tuple[str, Any, bool]]:
    cls = sdk_class(name)
    return [(n, f.annotation, f.is_required()) for n, f in cls.model_fields.items()]


def annotation_strategy(owner: str, field: str, tp: Any) -> st.SearchStrategy[Any]:
    if (owner, field) in OVERRIDES:
        return OVERRIDES[(owner, field)]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(tp, str):  # `from __future__ import annotations` in the SDK's authn module
        tp = eval(tp, vars(SDK[MODULE_OF.get(owner, "authn")]))  # noqa: S307 - its own text
        return annotation_strategy(owner, field, tp)
    if tp is str:
        return TEXT
    if tp is bool:
        return st.booleans()
    if tp is int:
        return INT64
    if tp is float:
        return st.floats(-1e6, 1e6)
    if tp is bytes:
        return st.binary(max_size=8)
    if origin is typing.Union:
        return st.one_of([annotation_strategy(owner, field, a) for a in args])
    if tp is type(None):
        return st.none()
    if origin in (list, typing.List):  # noqa: UP006 - the SDK's annotations
        return st.lists(annotation_strategy(owner, field, args[0]), max_size=2)
    if origin in (dict, Mapping, typing.Dict):  # noqa: UP006
        return st.dictionaries(TEXT, annotation_strategy(owner, field, args[1]), max_size=2)
    if isinstance(tp, type) and issubclass(tp, RootModel):
        return kwargs_for(tp.__name__).map(lambda kw: kw["root"])
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return kwargs_for(tp.__name__)
    raise AssertionError(f"no strategy for {owner}.{field}: {tp!r}")


@st.composite
def kwargs_for(draw: Any, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, tp, required in sdk_signature(name):
        if not required and draw(st.booleans()):
            continue
        out[field] = draw(annotation_strategy(name, field, tp))
    return out


def construct(name: str, kwargs: dict[str, Any]) -> tuple[Any, Any]:
    sdk_cls, our_cls = sdk_class(name), our_class(name)
    if issubclass(sdk_cls, RootModel):
        return sdk_cls(kwargs["root"]), our_cls(kwargs["root"])
    return sdk_cls(**kwargs), our_cls(**kwargs)


# ---------------------------------------------------------------------------------------------
# Reading both through the SDK's attribute names
# ---------------------------------------------------------------------------------------------


def _sdk_int(obj: Any, value: Any) -> Any:
    return None if value is None else int(value)


def _our_seconds(obj: Any, value: Any) -> Any:
    # Held as given; a float is sent by its shortest decimal text, as Decimal(repr) reads it.
    return None if value is None else Decimal(repr(value)) if isinstance(value, float) else value


def _sdk_stats(obj: Any, value: Any) -> Any:
    return None if value is None else value.model_dump()


def _our_stats(obj: Any, value: Any) -> Any:
    # A Python-only attribute (`any`): it holds what it was given, here the SDK's arguments.
    return value.model_dump() if isinstance(value, BaseModel) else value


# (class, attribute) -> (SDK side, our side): each a documented difference.
NORMALISE: dict[tuple[str, str], tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]] = {
    **{key: (_sdk_int, lambda o, v: v) for key in STRING_INT},
    ("LoginMsg", "expires_in"): (_our_seconds, _our_seconds),
    ("LocalExtraction", "single_shard_stats"): (_sdk_stats, _our_stats),
    ("ShardCreation", "local_send_stats"): (_sdk_stats, _our_stats),
    ("ShardCreation", "local_recv_stats"): (_sdk_stats, _our_stats),
    ("ShardCreation", "single_shard_stats"): (_sdk_stats, _our_stats),
}


def view(value: Any, side: str) -> Any:
    """A plain comparable value: models as {attribute: value} over the SDK's fields; a root
    model as its root."""
    if isinstance(value, (str, bytes, int, float, bool, Decimal)) or value is None:
        return value
    if isinstance(value, RootModel):
        return view(value.root, side)
    if isinstance(value, (list, tuple)):
        return [view(v, side) for v in value]
    if isinstance(value, Mapping):
        return {k: view(v, side) for k, v in value.items()}
    name = type(value).__name__
    out: dict[str, Any] = {"class": name}
    for field in sdk_class(name).model_fields:
        raw = getattr(value, field)
        if (name, field) in NORMALISE:
            out[field] = NORMALISE[(name, field)][0 if side == "sdk" else 1](value, raw)
        else:
            out[field] = view(raw, side)
    return out


# The SDK methods each class has, called alike on both (payloads are compared separately).
def methods(name: str, obj: Any, side: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if name in ("ClusterPermission", "BucketPermission"):
        out["describe"] = obj.describe()
    if name in ("ClusterPermission", "BucketPermission", "RoleInfo", "RolesList"):
        out["str"] = str(obj)
    if name in ("RolesList", "UserMap"):
        out["len"] = len(obj)
        out["iter"] = [view(v, side) for v in obj]
        keys = list(obj.root or ()) if name == "UserMap" else range(len(obj))
        out["getitem"] = [view(obj[k], side) for k in keys]
    if name == "UserMap":
        out["items"] = [(k, view(v, side)) for k, v in obj.items()]
    return out


# ---------------------------------------------------------------------------------------------
# Payloads: what the SDK's own code sends of each class
# ---------------------------------------------------------------------------------------------

# class -> how the SDK's code turns it into a request body (authn managers, Batch, AuthNClient).
SENT: dict[str, Callable[[Any], Any]] = {
    "LoginMsg": lambda o: o.as_dict(),
    "TokenMsg": lambda o: o.model_dump(),
    "ClusterInfo": lambda o: o.model_dump(),
    "RoleInfo": lambda o: o.model_dump(),
    "UserInfo": lambda o: o.dict(),
    "MossIn": lambda o: o.dict(),
    "MossOut": lambda o: o.dict(),
    "MossReq": lambda o: o.dict(),
}
# Payloads that are not the SDK's JSON but read the same in Go; each has a row in
# docs/sdk-divergences.md.  The test fails if one of them starts to match (update the docs).
DIFFERENT_PAYLOADS = {"ClusterInfo", "RoleInfo", "MossIn", "MossOut", "MossReq"}


def sent(name: str, obj: Any) -> Any:
    """The SDK's body as requests sends it, less what its server ignores: the SDK's
    UserInfo.dict() keeps `"password": null` when there is none, a key that is not Go's and
    that AuthN skips (cmn.ReadJSON reads leniently; the echo is strict)."""
    body = json.loads(json.dumps(SENT[name](obj), default=_bytes_as_go))
    if name == "UserInfo" and body.get("password", "") is None:
        del body["password"]
    return body


def _bytes_as_go(value: Any) -> Any:
    if isinstance(value, bytes):  # what requests' json.dumps cannot write: Go's base64
        return __import__("base64").b64encode(value).decode()
    raise TypeError(type(value).__name__)


def payload_differs(name: str, sdk_obj: Any, our_obj: Any) -> bool:
    sdk_value = sent(name, sdk_obj)
    our_value = SENT[name](our_obj)
    assert json.loads(json.dumps(our_value)) == our_value, "ours must be plain JSON values"
    if sdk_value == our_value:
        return False
    go_same(name, sdk_value, our_value)
    return True


def compare(name: str, kwargs: dict[str, Any]) -> bool:
    """Construct both; compare attributes, methods and payloads; True if the payload differs."""
    sdk_obj, our_obj = construct(name, kwargs)
    assert view(our_obj, "ours") == view(sdk_obj, "sdk"), f"{name}({kwargs})"
    assert methods(name, our_obj, "ours") == methods(name, sdk_obj, "sdk")
    return payload_differs(name, sdk_obj, our_obj) if name in SENT else False


BCK = {"name": "b", "provider": "ais"}
ROLE = {"name": "r", "desc": "readers", "clusters": [{"id": "c1", "perm": "5"}], "admin": False}
TIME = {"total_ms": "5", "count": "2", "min_ms": "1", "max_ms": "4", "avg_ms": "2"}
PHASE = {
    "started_time": "2024-03-15T12:34:56.123456789Z",
    "end_time": "0001-01-01T00:00:00Z",
    "elapsed": 1500000000,
    "running": True,
    "finished": False,
}
EXTRACTION = PHASE | {
    "total_count": "4", "extracted_count": "3", "extracted_size": "2048",
    "extracted_record_count": "3", "extracted_to_disk_count": "0", "extracted_to_disk_size": "0",
}  # fmt: skip
CREATION = PHASE | {"to_create": "2", "created_count": "1", "moved_shard_count": "0"}
METRICS = {
    "local_extraction": EXTRACTION,
    "meta_sorting": PHASE | {"sent_stats": TIME},
    "shard_creation": CREATION | {"req_stats": TIME},
}
HAND_PICKED: dict[str, list[dict[str, Any]]] = {
    "LoginMsg": [
        {"password": "p"},
        {"password": "p", "expires_in": 3600},
        {"password": "", "expires_in": 1.5},
    ],
    "TokenMsg": [{"token": "eyJhbGciOi.x.y"}],
    "ClusterInfo": [{"id": "c1"}, {"id": "c1", "alias": "main", "urls": ["http://a:8080"]}],
    "ClusterList": [{}, {"clusters": {"c1": {"id": "c1", "alias": "a", "urls": []}}}],
    "ClusterPermission": [{"id": "c1", "perm": "0"}, {"id": "c1", "perm": str(2**64 - 1)}],
    "BucketPermission": [{"bck": BCK, "perm": "13"}],
    "RoleInfo": [
        {"name": "r", "desc": ""},
        ROLE | {"buckets": [{"bck": BCK, "perm": "1"}], "admin": True},
    ],
    "RolesList": [{"root": []}, {"root": [ROLE, ROLE | {"name": "w"}]}],
    "UserInfo": [
        {"id": "u", "roles": []},
        {"id": "u", "password": "secret", "roles": [ROLE]},
    ],
    "UserMap": [{"root": {}}, {"root": {"u": {"id": "u", "roles": [ROLE]}}}],
    "TimeStats": [TIME],
    "ThroughputStats": [
        {"total": "1", "count": "2", "min_throughput": "3", "max_throughput": "4",
         "avg_throughput": "5"},
    ],
    "DetailedStats": [
        TIME | {"total": "1", "min_throughput": "3", "max_throughput": "4", "avg_throughput": "5"},
    ],
    "PhaseInfo": [PHASE],
    "LocalExtraction": [EXTRACTION],
    "MetaSorting": [PHASE, PHASE | {"sent_stats": TIME, "recv_stats": TIME}],
    "ShardCreation": [CREATION, CREATION | {"req_stats": TIME, "resp_stats": TIME}],
    "DsortMetrics": [
        METRICS,
        METRICS | {"aborted": True, "description": "d", "warnings": ["w"], "errors": []},
    ],
    "JobInfo": [
        {
            "id": "j", "src_bck": BCK, "dst_bck": BCK | {"name": "out"}, "objects": "4",
            "bytes": "2048", "metrics": METRICS, "aborted": False, "archived": True,
        },
        {
            "id": "j", "src_bck": BCK, "dst_bck": BCK, "objects": "0", "bytes": "0",
            "metrics": METRICS, "aborted": True, "archived": False,
            "started_time": "2024-03-15T12:34:56Z", "finish_time": "2024-03-15T12:35:56Z",
            "extracted_duration": 1000, "sorting_duration": 2000, "creation_duration": 3000,
        },
    ],
    "MossIn": [
        {"obj_name": "a.txt"},
        {"obj_name": "shard.tar", "archpath": "x/y.jpg", "bck": "b", "provider": "ais",
         "opaque": "aGk=", "start": 0, "length": 10},
    ],
    "MossOut": [
        {"obj_name": "a", "bucket": "b", "provider": "ais"},
        {"obj_name": "a", "bucket": "b", "provider": "ais", "archpath": "x", "opaque": b"\x00hi",
         "err_msg": "not found", "size": 5},
    ],
    "MossReq": [
        {},
        {"moss_in": [{"obj_name": "a"}, {"obj_name": "b", "start": 1, "length": 2}],
         "output_format": ".tar", "cont_on_err": True, "only_obj_name": False,
         "streaming_get": True, "colocation": 1},
    ],
    "MossResp": [{}, {"uuid": "u", "out": [{"obj_name": "a", "bucket": "b", "provider": "ais"}]}],
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------


def test_every_sdk_class_is_covered():
    assert len(CLASSES) == 23, CLASSES  # 10 authn, 9 dsort (2 without a Go type), 4 batch
    assert sorted(HAND_PICKED) == sorted(NAMES)


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_is_exported(module):
    names = {n for n in vars(SDK[module]) if n.isidentifier() and not n.startswith("_")}
    names.discard("annotations")  # the SDK's `from __future__` flag, not an API
    assert names <= set(OURS[module].__all__), sorted(names - set(OURS[module].__all__))
    namespace: dict[str, Any] = {}
    exec(f"from aistore_models.sdk.{module}.types import *", namespace)  # what a shim does
    assert names <= set(namespace)
    for name in names:
        sdk_value = getattr(SDK[module], name)
        if not isinstance(sdk_value, type) or not issubclass(sdk_value, BaseModel):
            assert namespace[name] is sdk_value or namespace[name] == sdk_value, name
        elif sdk_value.__module__.startswith("pydantic"):
            assert namespace[name] is sdk_value, name


@pytest.mark.parametrize("name", NAMES)
def test_hand_picked(name):
    differs = [compare(name, kwargs) for kwargs in HAND_PICKED[name]]
    if name in SENT:
        assert any(differs) == (name in DIFFERENT_PAYLOADS), (
            f"{name}: update DIFFERENT_PAYLOADS and the docs"
        )


@pytest.mark.parametrize("name", NAMES)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_generated(name, data):
    compare(name, data.draw(kwargs_for(name), label="kwargs"))


def test_sdk_objects_are_taken_as_nested_values():
    """The SDK's managers nest their own objects (a RolesList in UserInfo, BucketModel in a
    permission); ours take them as they are."""
    sdk = SDK["authn"]
    roles = sdk.RolesList([sdk.RoleInfo(**ROLE)])
    ours = OURS["authn"].UserInfo(id="u", password="p", roles=roles)
    assert ours.dict() == {
        "id": "u",
        "pass": "p",
        "roles": [am.to_wire(am.models.RoleInfo(**ROLE))],
    }
    perm = OURS["authn"].BucketPermission(bck=SDK_TYPES.BucketModel(**BCK), perm="3")
    assert (perm.bck.name, perm.perm) == ("b", 3)


def test_login_seconds_travel_as_go_nanoseconds():
    from goharness import echo

    for seconds, nanos in [(3600, 3600 * 10**9), (1.5, 1_500_000_000), (0.1, 100_000_000)]:
        ours = OURS["authn"].LoginMsg(password="p", expires_in=seconds)
        sdk = SDK["authn"].LoginMsg(password="p", expires_in=seconds)
        assert ours.expires_in == sdk.expires_in == seconds
        assert ours.as_dict() == sdk.as_dict() == {"password": "p", "expires_in": nanos}
        [(ok, back)] = echo([("LoginMsg", "json", am.encode(ours))])
        assert ok and json.loads(back)["expires_in"] == nanos
    decoded = am.decode(b'{"expires_in":1500000001,"password":""}', am.models.LoginMsg)
    assert decoded.expires_in == Decimal("1.500000001")
    assert am.encode(decoded) == b'{"expires_in":1500000001,"password":""}'
    with pytest.raises(am.EncodeError, match="out of range of Go's duration"):
        am.encode(OURS["authn"].LoginMsg(password="p", expires_in=2**63))


def test_get_batch_helpers_chain_in_place():
    batch = OURS["batch"]
    req = batch.MossReq()
    items = req.moss_in
    assert req.add(batch.MossIn(obj_name="a")).extend([batch.MossIn(obj_name="b")]) is req
    assert [m.obj_name for m in items] == ["a", "b"]  # the same list, as the SDK's


def test_documented_differences_are_in_the_docs():
    text = DOCS.read_text(encoding="utf-8")
    for cls, field in NORMALISE:
        assert f"`{cls}.{field}`" in text, f"{cls}.{field} is not in {DOCS.name}"
    for name in DIFFERENT_PAYLOADS:
        assert f"`{name}`" in text, f"{name} is not in {DOCS.name}"
    for name in ("ThroughputStats", "DetailedStats", "UserMap"):
        assert f"`{name}`" in text
