"""The AIStore Python SDK (1.26.0, the lock's), with aistore_models.sdk_types in place of
aistore.sdk.types, drives a real flow: put, list (MessagePack), get, copy, job wait, job details."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.live, pytest.mark.go]
SCRIPT = Path(__file__).with_name("sdk_flow.py")


NAMES = ["sdk/plain.txt", "sdk/ü <&> \u2028.txt"]


def run_flow(url: str, suffix: str, *extra: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), url, suffix, *extra],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, f"SDK flow failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
    return json.loads(proc.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def check_flow(report: dict[str, object]) -> None:
    assert report["listed"] == [[n, len(n.encode())] for n in NAMES]
    assert report["got"] == NAMES[1]
    assert report["wait_success"] is True
    assert report["details_type"] == "AggregatedJobSnap"
    assert report["snap_kinds"] == ["copy-bck"] and report["snap_objects"] == len(NAMES)
    assert report["copied"] == [f"copied/{n}" for n in NAMES]


def test_sdk_flow_with_our_types(cluster):
    if importlib.util.find_spec("aistore_models.sdk_types") is None:
        pytest.skip("aistore_models.sdk_types (the SDK drop-in, issue 5) does not exist yet")
    report = run_flow(cluster.url, "ours")
    assert report["types_swapped"] is True, "the SDK still uses its own types module"
    assert str(report["list_module"]).startswith("aistore_models"), report
    check_flow(report)


def test_sdk_flow_with_its_own_types(cluster):
    # The baseline: the same flow passes with the SDK's own types, so a failure of
    # the test above points at aistore_models.sdk_types, not at the flow or the cluster.
    report = run_flow(cluster.url, "sdk", "--sdk-types")
    assert report["list_module"] == "aistore.sdk.types"
    check_flow(report)
