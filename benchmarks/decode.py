"""Decode rows: the generated classes against the SDK 1.25.0 hand-written ones."""

from __future__ import annotations

import json

import msgspec
from aistore.sdk import types as sdk

import aistore_models as am

from . import data
from .timing import Row, interleaved, ratio_row


def rows(runs: int) -> list[Row]:
    out = []
    listing = data.listing_msgpack()
    ours, peer = interleaved(
        lambda: am.decode(listing, am.structs.BucketList, fmt="msgpack"),
        lambda: msgspec.msgpack.decode(listing, type=sdk.BucketList),
        runs,
    )
    out.append(
        ratio_row(
            "decode",
            f"BucketList msgpack, {data.LISTING_ENTRIES:,} entries -> msgspec struct",
            ours,
            peer,
            "SDK BucketList (msgspec)",
            1.05,
        )
    )

    snaps = data.snaps_json()
    ours, peer = interleaved(
        lambda: am.decode(snaps, am.models.AggregatedJobSnap),
        lambda: sdk.AggregatedJobSnap.model_validate_json(snaps),
        runs,
    )
    out.append(
        ratio_row(
            "decode",
            "AggregatedJobSnap JSON, 1,000 snapshots -> pydantic",
            ours,
            peer,
            "SDK AggregatedJobSnap.model_validate_json",
            1.1,
        )
    )

    parsed = json.loads(snaps)
    singles = [json.dumps(s).encode() for snaps_ in parsed.values() for s in snaps_]
    ours, peer = interleaved(
        lambda: [am.decode(s, am.models.JobSnap) for s in singles],
        lambda: [sdk.JobSnap.model_validate_json(s) for s in singles],
        runs,
    )
    out.append(
        ratio_row(
            "decode",
            "JobSnap JSON, 1,000 payloads one by one -> pydantic",
            ours,
            peer,
            "SDK JobSnap.model_validate_json",
            1.1,
        )
    )
    return out
