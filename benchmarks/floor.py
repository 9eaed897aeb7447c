"""The physical floor: msgspec decoding the same bytes into plain Python objects, no types."""

from __future__ import annotations

import msgspec

from . import data
from .timing import Row, median_time


def rows(runs: int) -> list[Row]:
    listing, snaps = data.listing_msgpack(), data.snaps_json()
    return [
        Row(
            "floor",
            f"BucketList msgpack, {data.LISTING_ENTRIES:,} entries -> dicts",
            median_time(lambda: msgspec.msgpack.decode(listing), runs),
            None,
            "msgspec.msgpack.decode (untyped)",
            "reference",
            True,
        ),
        Row(
            "floor",
            "AggregatedJobSnap JSON, 1,000 snapshots -> dicts",
            median_time(lambda: msgspec.json.decode(snaps), runs),
            None,
            "msgspec.json.decode (untyped)",
            "reference",
            True,
        ),
    ]
