"""The YAML against AIStore's Go types: `drift` against the pinned version finds nothing.

Every Go field must appear in the YAML (or be listed in `go_omitted` with a reason), with
the same JSON name, MessagePack name, omitempty/omitzero and ,string options, and a
compatible type: drift (generator/drift.py) reads the Go source through the harness. The
reflection manifest still says which Go type backs each SDK class and each action value.
"""

from __future__ import annotations

import json

import pytest
from goharness import GO_DIR, harness

from aistore_models_gen import drift
from aistore_models_gen.ir import Schema
from aistore_models_gen.loader import load
from conftest import FIXTURES, SCHEMA

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text())
GO_TYPES = MANIFEST["types"]
SCHEMA_IR: Schema = load(SCHEMA)


@pytest.fixture(scope="module")
def drift_report() -> drift.Report:
    """The schema against the pinned Go source, read by the harness (`drift` does this)."""
    harness()  # skips without Go
    return drift.check(SCHEMA_IR, GO_DIR)


@pytest.mark.parametrize("message", [m for m in SCHEMA_IR.messages if m.go], ids=lambda m: m.name)
def test_message_has_no_drift_from_go(message, drift_report):
    texts = [d.text(drift_report.version) for d in drift_report.drifts if d.message == message.name]
    assert texts == []


def test_drift_reads_the_pinned_version(drift_report):
    assert drift_report.version == MANIFEST["aistore_version"] == drift_report.pinned


def test_action_values_are_the_types_aistore_decodes():
    [value] = [f for f in SCHEMA_IR.message("ActionMsg").fields if f.wire.select_by]
    ours = {action: SCHEMA_IR.message(name).go for action, name in value.wire.select_types}
    assert ours == MANIFEST["action_values"]


def test_manifest_messages_are_all_modelled():
    for name, go_type in MANIFEST["messages"].items():
        assert name in {m.name for m in SCHEMA_IR.messages}, name
        assert SCHEMA_IR.message(name).go == go_type, name
