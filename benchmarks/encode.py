"""Encode rows: Go-exact wire JSON from the generated classes against the SDK's
as_dict() + json.dumps."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aistore.sdk import types as sdk

import aistore_models as am

from . import data
from .timing import Row, interleaved, ratio_row

PYDANTIC_LIMIT = 1.5
MSGSPEC_LIMIT = 1.0  # "faster than the SDK"


def _sdk_tcbck(kw: dict[str, Any]) -> sdk.TCBckMsg:
    return sdk.TCBckMsg(
        copy_msg=sdk.CopyBckMsg(**kw["copy_msg"]),
        num_workers=kw["num_workers"],
        cont_on_err=kw["cont_on_err"],
    )


def _struct_tcbck(kw: dict[str, Any]) -> am.structs.TCBckMsg:
    return am.structs.TCBckMsg(
        **kw["copy_msg"], num_workers=kw["num_workers"], cont_on_err=kw["cont_on_err"]
    )


def _pair(
    area_case: str, ours_objs: list[Any], sdk_objs: list[Any], runs: int, limit: float, what: str
) -> Row:
    ours, peer = interleaved(
        lambda: [am.encode(m) for m in ours_objs],
        lambda: [json.dumps(m.as_dict()) for m in sdk_objs],
        runs,
    )
    return ratio_row(
        "encode", f"{area_case} -> {what}", ours, peer, "SDK as_dict() + json.dumps", limit
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
        case = f"{name} x {len(kwargs):,}, one by one"
        out.append(
            _pair(case, [model(k) for k in kwargs], sdk_objs, runs, PYDANTIC_LIMIT, "pydantic")
        )
        out.append(
            _pair(case, [struct(k) for k in kwargs], sdk_objs, runs, MSGSPEC_LIMIT, "msgspec")
        )

    # The JobSnap list: the SDK has no as_dict() there; model_dump(by_alias=True) is its equivalent.
    plain = data.snaps_plain()
    sdk_agg = sdk.AggregatedJobSnap(
        {t: [sdk.JobSnap(**s) for s in snaps] for t, snaps in plain.items()}
    )
    models = am.models.AggregatedJobSnap(
        {t: [am.models.JobSnap(**s) for s in snaps] for t, snaps in plain.items()}
    )
    structs = {t: [_struct_snap(s) for s in snaps] for t, snaps in plain.items()}
    peer_fn = lambda: json.dumps(sdk_agg.model_dump(by_alias=True))  # noqa: E731
    for what, obj, kw, limit in (
        ("pydantic", models, {}, PYDANTIC_LIMIT),
        ("msgspec", structs, {"message": "AggregatedJobSnap"}, MSGSPEC_LIMIT),
    ):
        ours, peer = interleaved(lambda obj=obj, kw=kw: am.encode(obj, **kw), peer_fn, runs)
        out.append(
            ratio_row(
                "encode",
                f"AggregatedJobSnap, 1,000 snapshots -> {what}",
                ours,
                peer,
                "SDK model_dump(by_alias) + json.dumps",
                limit,
            )
        )
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
