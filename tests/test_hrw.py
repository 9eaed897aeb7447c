"""Smap.get_target_for_object against vectors from AIStore's own Go placement code
(tests/go hrw.go)."""

from __future__ import annotations

import json

import pytest

import aistore_models as am
from aistore_models import sdk_types
from conftest import FIXTURES

GROUPS = json.loads((FIXTURES / "hrw.json").read_text())


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g["name"])
@pytest.mark.parametrize("target", ["models", "structs"])
def test_target_choice_matches_go(group, target):
    smap = am.decode(json.dumps(group["smap"]), getattr(am, target).Smap)
    assert len(group["cases"]) >= 5
    for case in group["cases"]:
        if case["error"]:
            with pytest.raises(sdk_types.NoTargetError) as err:
                smap.get_target_for_object(case["uname"])
            assert (
                str(err.value)
                == f"No available targets in the cluster map. Total nodes: {len(smap.tmap or {})}"
            )
        else:
            assert smap.get_target_for_object(case["uname"]).daemon_id == case["target"], case[
                "uname"
            ]


def test_vectors_cover_maintenance_and_thousands_of_names():
    names = sum(len(g["cases"]) for g in GROUPS)
    flagged = [
        node
        for g in GROUPS
        for node in (g["smap"]["tmap"] or {}).values()
        if node and node["flags"] & 0b1100
    ]
    assert names >= 2000 and flagged
