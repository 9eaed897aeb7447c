"""Same bytes every run, and generated/ is exactly what schema/ renders to (the `make check`
contract)."""

from __future__ import annotations

from aistore_models_gen.render import render
from aistore_models_gen.writer import diff
from conftest import ROOT, SCHEMA


def test_render_is_deterministic():
    assert render(SCHEMA) == render(SCHEMA)


def test_committed_package_is_current():
    stale = diff(render(SCHEMA), ROOT / "generated")
    assert stale == [], f"generated/ is stale, run `make generate`: {stale}"


def test_every_generated_file_has_the_header():
    for path, text in render(SCHEMA).items():
        if path.endswith(".py"):
            first = text.splitlines()[0]
            assert "Do not edit" in first or "Edit the original" in first, path
