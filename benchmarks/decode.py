"""Decode rows: the generated classes against the SDK's hand-written ones (the peer) and
the bare types of the same wire shape (the floor, floor.py), all Go-strict on our side."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from aistore.sdk import types as sdk

import aistore_models as am
from aistore_models.wire import MESSAGES as TABLES

from . import data
from .floor import bare_model, bare_struct
from .timing import Row, compared

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
ONE_BY_ONE = 2_000  # small messages decoded one by one, as a client reads replies


def _json_struct(name: str) -> Callable[[bytes], Any]:
    return msgspec.json.Decoder(bare_struct(name, "json")).decode


def _listing_rows(runs: int, entries: int) -> list[Row]:
    packed, text = data.listing_msgpack(entries), data.listing_json(entries)
    unknown = data.unknown_in_entries(text)
    size = f"{entries:,} entries"
    bare_packed = msgspec.msgpack.Decoder(bare_struct("BucketList", "msgpack")).decode
    bare_json, bare_pydantic = _json_struct("BucketList"), bare_model("BucketList")
    return [
        compared(
            "decode",
            f"BucketList MessagePack, {size} -> structs",
            lambda: am.decode(packed, am.structs.BucketList, fmt="msgpack"),
            runs,
            peer=(
                "SDK BucketList (msgspec)",
                lambda: msgspec.msgpack.decode(packed, type=sdk.BucketList),
            ),
            floor=("bare msgspec Struct", lambda: bare_packed(packed)),
            peer_limit=1.03,
            floor_limit=1.05,
        ),
        compared(
            "decode",
            f"BucketList JSON, {size} -> structs",
            lambda: am.decode(text, am.structs.BucketList),
            runs,
            floor=("bare msgspec Struct", lambda: bare_json(text)),
            floor_limit=2,
            note="the SDK reads listings as MessagePack only",
        ),
        compared(
            "decode",
            f"BucketList JSON, {size} -> models",
            lambda: am.decode(text, am.models.BucketList),
            runs,
            floor=("bare pydantic model", lambda: bare_pydantic.model_validate_json(text)),
            floor_limit=1.5,
        ),
        _unknown_key(
            f"BucketList JSON, {size}",
            am.structs.BucketList,
            unknown,
            text,
            runs,
            ("bare msgspec Struct, with the key", lambda: bare_json(unknown)),
        ),
        _unknown_key(
            f"BucketList JSON, {size}",
            am.models.BucketList,
            unknown,
            text,
            runs,
            (
                "bare pydantic model, with the key",
                lambda: bare_pydantic.model_validate_json(unknown),
            ),
        ),
    ]


def _unknown_key(
    case: str,
    cls: Any,
    unknown: bytes,
    known: bytes,
    runs: int,
    floor: tuple[str, Callable[[], Any]] | None = None,
) -> Row:
    """A payload with one key more in every object, decoded leniently, against itself
    without the key."""
    target = "models" if hasattr(cls, "model_fields") else "structs"
    return compared(
        "decode",
        f"{case}, an unknown key in each (lenient) -> {target}",
        lambda: am.decode(unknown, cls),
        runs,
        peer=("ours, without the key", lambda: am.decode(known, cls)),
        floor=floor,
        peer_limit=1.2,
    )


def _refused(fn: Callable[[], Any], *errors: type[BaseException]) -> Callable[[], None]:
    """fn must raise one of `errors` (a payload every side refuses)."""

    def run() -> None:
        try:
            fn()
        except errors:
            return
        raise AssertionError("the invalid payload was accepted")

    return run


def _snap_rows(runs: int) -> list[Row]:
    snaps = data.snaps_json()
    unknown, invalid = data.unknown_in_snaps(snaps), data.invalid_snaps(snaps)
    singles = [json.dumps(s).encode() for t in json.loads(snaps).values() for s in t]
    agg_model, snap_model = bare_model("AggregatedJobSnap"), bare_model("JobSnap")
    agg_struct, snap_struct = _json_struct("AggregatedJobSnap"), _json_struct("JobSnap")
    sdk_agg = (
        "SDK AggregatedJobSnap.model_validate_json",
        lambda: sdk.AggregatedJobSnap.model_validate_json(snaps),
    )
    sdk_one = (
        "SDK JobSnap.model_validate_json",
        lambda: [sdk.JobSnap.model_validate_json(s) for s in singles],
    )
    agg = "AggregatedJobSnap JSON, 1,000 snapshots"
    one = f"JobSnap JSON, {len(singles):,} payloads one by one"
    rejected = (ValueError,)  # DecodeError, pydantic's ValidationError
    # (classes, the floor and its two decoders, the limit against the SDK)
    targets = (
        (am.models, "bare pydantic model", agg_model.model_validate_json,
         snap_model.model_validate_json, 1.1),
        (am.structs, "bare msgspec Struct", agg_struct, snap_struct, 0.6),
    )  # fmt: skip
    out: list[Row] = []
    for classes, floor_name, agg_floor, snap_floor, limit in targets:
        target = "models" if classes is am.models else "structs"
        agg_cls, snap_cls = classes.AggregatedJobSnap, classes.JobSnap
        out += [
            compared(
                "decode",
                f"{agg} -> {target}",
                lambda c=agg_cls: am.decode(snaps, c),
                runs,
                peer=sdk_agg,
                floor=(floor_name, lambda f=agg_floor: f(snaps)),
                peer_limit=limit,
            ),
            compared(
                "decode",
                f"{one} -> {target}",
                lambda c=snap_cls: [am.decode(s, c) for s in singles],
                runs,
                peer=sdk_one,
                floor=(floor_name, lambda f=snap_floor: [f(s) for s in singles]),
                peer_limit=limit,
            ),
        ]
    return out + [
        _unknown_key(agg, am.models.AggregatedJobSnap, unknown, snaps, runs),
        _unknown_key(agg, am.structs.AggregatedJobSnap, unknown, snaps, runs),
        compared(
            "reject",
            f"{agg}, an unknown key in each (strict) -> refused, with the place",
            _refused(
                lambda: am.decode(unknown, am.models.AggregatedJobSnap, strict=True), am.DecodeError
            ),
            runs,
            peer=(
                "ours, the valid payload",
                lambda: am.decode(snaps, am.models.AggregatedJobSnap, strict=True),
            ),
            note="AIStore refuses unknown keys; the SDK has no strict mode",
        ),
        compared(
            "reject",
            f"{agg}, one bad counter -> models: verdict with the place (DecodeError)",
            _refused(lambda: am.decode(invalid, am.models.AggregatedJobSnap), am.DecodeError),
            runs,
            peer=(
                "SDK ValidationError",
                _refused(lambda: sdk.AggregatedJobSnap.model_validate_json(invalid), *rejected),
            ),
            floor=(
                "bare pydantic model",
                _refused(lambda: agg_model.model_validate_json(invalid), *rejected),
            ),
        ),
        compared(
            "reject",
            f"{agg}, one bad counter -> am.validate: every issue explained",
            lambda: _issues(am.validate("AggregatedJobSnap", invalid)),
            runs,
            peer=(
                "SDK ValidationError",
                _refused(lambda: sdk.AggregatedJobSnap.model_validate_json(invalid), *rejected),
            ),
        ),
    ]


def _issues(found: list[Any]) -> None:
    if not found:
        raise AssertionError("am.validate found nothing wrong in the invalid payload")


def _message_rows(runs: int) -> list[Row]:
    """JSON into structs for every message with MessagePack keys, from Go's own fixture."""
    out = []
    for name in sorted(n for n in am.MESSAGES if TABLES[n].msgpack):
        payload = (FIXTURES / name / "full.json").read_bytes()
        cls = getattr(am.structs, name)
        peer_cls = getattr(sdk, name, None)
        peer = None
        if peer_cls is not None and hasattr(peer_cls, "model_validate_json"):
            peer = (
                f"SDK {name}.model_validate_json",
                lambda c=peer_cls, p=payload: [c.model_validate_json(p) for _ in range(ONE_BY_ONE)],
            )
        bare = _json_struct(name)
        out.append(
            compared(
                "decode",
                f"{name} JSON (Go's full fixture) x {ONE_BY_ONE:,}, one by one -> structs",
                lambda c=cls, p=payload: [am.decode(p, c) for _ in range(ONE_BY_ONE)],
                runs,
                peer=peer,
                floor=(
                    "bare msgspec Struct",
                    lambda b=bare, p=payload: [b(p) for _ in range(ONE_BY_ONE)],
                ),
                peer_limit=0.6 if peer is not None else None,
                note=""
                if peer is not None
                else "the SDK's class is a msgspec Struct for MessagePack",
            )
        )
    return out


def rows(runs: int) -> list[Row]:
    out: list[Row] = []
    for entries in data.LISTING_SIZES:
        out += _listing_rows(runs, entries)
    return out + _snap_rows(runs) + _message_rows(runs)
