"""What each Go rule costs: the JSON-into-models validator with one rule relaxed at a time.

The rows that miss their target against the SDK are the ones where we check what the SDK
does not.  Each row here builds the same validator (wirevalidator.py) with one rule
relaxed (`WireValidators(relax=...)`, for benchmarks only; decoding never relaxes) and
times it against the strict one and the SDK in one rotating run:
- quoted: a `,string` number is any number or numeric text, as pydantic's lax int takes it
  (the SDK's), instead of Go's grammar then the conversion;
- time: any text, instead of Go's written time form;
- unknown-keys: skipped even in strict mode (and no NaN guard in lenient mode);
- int-range: no range check of an integer against its Go type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aistore.sdk import types as sdk

import aistore_models as am
from aistore_models import api
from aistore_models.wirevalidator import RELAXABLE, WireValidators

from . import data
from .timing import Row, fmt_seconds, rotating


def _decoder(name: str, relax: frozenset[str]) -> Callable[[Any], Any]:
    validators = WireValidators(api.CODEC, am.models, api._zero_model, relax)
    decode = validators.decoder(name, strict=False)
    if decode is None:
        raise RuntimeError(f"{name}: no validator with {sorted(relax)} relaxed")
    return decode


def rows(runs: int) -> list[Row]:
    snaps = data.snaps_json()
    singles = [json.dumps(s).encode() for t in json.loads(snaps).values() for s in t]
    cases: list[tuple[str, str, Callable[[Callable[[Any], Any]], Any], Callable[[], Any]]] = [
        (
            "AggregatedJobSnap JSON, 1,000 snapshots -> models",
            "AggregatedJobSnap",
            lambda decode: decode(snaps),
            lambda: sdk.AggregatedJobSnap.model_validate_json(snaps),
        ),
        (
            f"JobSnap JSON, {len(singles):,} payloads one by one -> models",
            "JobSnap",
            lambda decode: [decode(s) for s in singles],
            lambda: [sdk.JobSnap.model_validate_json(s) for s in singles],
        ),
    ]
    out = []
    for case, name, run, peer in cases:
        strict = _decoder(name, frozenset())
        for relaxed in [*({r} for r in RELAXABLE), set(RELAXABLE)]:
            loose = _decoder(name, frozenset(relaxed))
            ours, full, sdk_time = rotating(
                [lambda d=loose, r=run: r(d), lambda d=strict, r=run: r(d), peer], runs
            )
            what = "every rule" if len(relaxed) > 1 else next(iter(relaxed))
            saved = 1 - ours / full
            out.append(
                Row(
                    "strictness",
                    f"{case}, relaxing {what}: Go-strict {fmt_seconds(full)},"
                    f" the rule costs {saved:.0%}",
                    ours,
                    sdk_time,
                    "SDK model_validate_json",
                    "reference",
                    True,
                )
            )
    return out
