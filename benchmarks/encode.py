"""Encode rows: Go-exact wire JSON from the generated classes against the SDK's
as_dict() + json.dumps (the peer) and a bare msgspec Struct of the wire shape writing the
same bytes (the floor, floor.py; checked byte for byte before it is timed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec
from aistore.sdk import types as sdk

import aistore_models as am

from . import data
from .floor import bare_struct, encodes_alike
from .timing import Row, compared

LIMIT = 0.6  # every encode row, against the SDK


def _sdk_tcbck(kw: dict[str, Any]) -> sdk.TCBckMsg:
    return sdk.TCBckMsg(
        copy_msg=sdk.CopyBckMsg(**kw["copy_msg"]),
        num_workers=kw["num_workers"],
        cont_on_err=kw["cont_on_err"],
    )


def _struct_tcbck(kw: dict[str, Any]) -> am.structs.TCBckMsg:
    return am.structs.TCBckMsg(  # no transform: its two fields at Go's zero, as the model has them
        **kw["copy_msg"],
        etl_name="",
        timeout="",
        num_workers=kw["num_workers"],
        cont_on_err=kw["cont_on_err"],
    )


def _row(case: str, name: str, ours_objs: list[Any], peer: tuple[str, Any], runs: int) -> Row:
    """Ours against the peer and the floor; the floor's objects hold our objects' wire form."""
    bare = bare_struct(name, "json", True)
    floor_objs = [msgspec.convert(am.to_wire(o, message=name), bare) for o in ours_objs]
    # a root held as a plain dict needs its message named; a generated object names its own
    kw = {"message": name} if type(ours_objs[0]) in (dict, list) else {}
    differs = next(
        (w for o in ours_objs[:200] if (w := encodes_alike(o, am.encode(o, message=name), name))),
        "",
    )
    encode = msgspec.json.encode
    return compared(
        "encode",
        case,
        lambda: [am.encode(o, **kw) for o in ours_objs],
        runs,
        peer=peer,
        floor=("bare msgspec Struct, msgspec.json.encode", lambda: [encode(o) for o in floor_objs]),
        peer_limit=LIMIT,
        note=differs,
    )


def rows(runs: int) -> list[Row]:
    out = []
    cases: list[
        tuple[
            str,
            list[dict[str, Any]],
            Callable[[Any], Any],
            Callable[[Any], Any],
            Callable[[Any], Any],
        ]
    ] = [
        (
            "PromoteAPIArgs",
            data.promote_args(),
            lambda k: am.models.PromoteAPIArgs(**k),
            lambda k: am.structs.PromoteAPIArgs(**k),
            lambda k: sdk.PromoteAPIArgs(**k),
        ),
        (
            "TCBckMsg",
            data.tcbck_args(),
            lambda k: am.models.TCBckMsg(**k),
            _struct_tcbck,
            _sdk_tcbck,
        ),
        (
            "ListObjectsMsg",
            data.list_objects_args(),
            lambda k: am.models.ListObjectsMsg(**k),
            lambda k: am.structs.ListObjectsMsg(**k),
            lambda k: sdk.ListObjectsMsg(**k),
        ),
    ]
    for name, kwargs, model, struct, sdk_cls in cases:
        sdk_objs = [sdk_cls(k) for k in kwargs]
        peer = (
            "SDK as_dict() + json.dumps",
            lambda o=sdk_objs: [json.dumps(m.as_dict()) for m in o],
        )
        case = f"{name} x {len(kwargs):,}, one by one"
        out.append(_row(f"{case} -> pydantic", name, [model(k) for k in kwargs], peer, runs))
        out.append(_row(f"{case} -> msgspec", name, [struct(k) for k in kwargs], peer, runs))

    # The JobSnap list: the SDK has no as_dict() there; model_dump(by_alias=True) is its equivalent.
    plain = data.snaps_plain()
    sdk_agg = sdk.AggregatedJobSnap(
        {t: [sdk.JobSnap(**s) for s in snaps] for t, snaps in plain.items()}
    )
    models = am.models.AggregatedJobSnap(
        {t: [am.models.JobSnap(**s) for s in snaps] for t, snaps in plain.items()}
    )
    structs = {t: [_struct_snap(s) for s in snaps] for t, snaps in plain.items()}
    peer = (
        "SDK model_dump(by_alias) + json.dumps",
        lambda: json.dumps(sdk_agg.model_dump(by_alias=True)),
    )
    for what, obj in (("pydantic", models), ("msgspec", structs)):
        case = f"AggregatedJobSnap, 1,000 snapshots -> {what}"
        out.append(_row(case, "AggregatedJobSnap", [obj], peer, runs))
    return out


def _struct_snap(s: dict[str, Any]) -> am.structs.JobSnap:
    def bucket(b: dict[str, Any]) -> am.structs.BucketModel:
        return am.structs.BucketModel(
            name=b["name"], provider=b["provider"], namespace=am.structs.Namespace(**b["namespace"])
        )

    fields = dict(s)
    for key in ("bucket", "source_bck", "destination_bck"):
        fields[key] = bucket(s[key])
    fields["stats"] = am.structs.JobStats(**s["stats"])
    return am.structs.JobSnap(**fields)
