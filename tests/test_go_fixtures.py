"""Go -> Python: every fixture written by AIStore's own Go encoders round-trips byte for byte."""

from __future__ import annotations

import json

import pytest

import aistore_models as am
from conftest import FIXTURES

INDEX = json.loads((FIXTURES / "index.json").read_text())
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text())


def case_id(entry: dict[str, str]) -> str:
    return f"{entry['message']}-{entry['case']}-{entry['encoding']}"


@pytest.mark.parametrize("entry", INDEX, ids=case_id)
@pytest.mark.parametrize("target", ["models", "structs"])
def test_fixture_round_trips_byte_identically(entry, target):
    name, fmt = entry["message"], entry["encoding"]
    data = (FIXTURES / entry["path"]).read_bytes()
    cls = getattr(getattr(am, target), name)
    value = am.decode(data, cls, fmt, strict=True)
    message = name if am.wire.MESSAGES[name].root is not None else None
    # Where AIStore's own decode + re-encode changes the bytes, its re-encoding is the truth.
    expected = (FIXTURES / entry["echo_path"]).read_bytes() if "echo_path" in entry else data
    assert am.encode(value, fmt, message=message) == expected


@pytest.mark.parametrize("entry", [e for e in INDEX if e["encoding"] == "json"], ids=case_id)
def test_fixture_validates_against_strict_schema(entry):
    data = (FIXTURES / entry["path"]).read_bytes()
    assert am.validate(entry["message"], data, strict=True) == []


def test_every_message_with_a_go_counterpart_has_three_fixtures():
    counts: dict[str, int] = {}
    for entry in INDEX:
        counts[entry["message"]] = counts.get(entry["message"], 0) + 1
    with_go = [m for m in MANIFEST["messages"] if m in am.MESSAGES]
    assert with_go, "the manifest names no messages"
    thin = {m: counts.get(m, 0) for m in with_go if counts.get(m, 0) < 3}
    assert not thin
