"""The drop-in for the AIStore SDK's `aistore.sdk.dsort.types` (SDK 1.26.0 and 1.25.0): dsort's
job info and metrics (Go ext/dsort), backed by the generated models.

Names, attributes and defaults stay the SDK's; values are Go's types (docs/sdk-divergences.md):
counts are integers (Go's `,string` int64, which the SDK keeps as text) and times are Go's
RFC 3339 text.  ThroughputStats and DetailedStats have no Go type in any release this package
models: they are the SDK's classes, kept here for its callers; Go never sends them.
"""

from __future__ import annotations

from typing import List, Optional  # noqa: UP035 - the SDK's names

from pydantic import BaseModel, Field

from ...models import (
    BucketModel,
    DsortMetrics,
    JobInfo,
    LocalExtraction,
    MetaSorting,
    PhaseInfo,
    ShardCreation,
    TimeStats,
)


class ThroughputStats(BaseModel):
    """Statistics on task throughput (the SDK's; no Go type sends it)."""

    total: str
    count: str
    min_throughput: str
    max_throughput: str
    avg_throughput: str


class DetailedStats(TimeStats, ThroughputStats):
    """Time and throughput statistics together (the SDK's; no Go type sends it)."""


# Literal, so linters see every re-export (the SDK module's public names).
__all__ = [
    "BaseModel",
    "BucketModel",
    "DetailedStats",
    "DsortMetrics",
    "Field",
    "JobInfo",
    "List",
    "LocalExtraction",
    "MetaSorting",
    "Optional",
    "PhaseInfo",
    "ShardCreation",
    "ThroughputStats",
    "TimeStats",
]
