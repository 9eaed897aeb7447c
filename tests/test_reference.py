"""The message reference (docs/reference/): a target of its own, checked like the package."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from aistore_models_gen import cli
from conftest import FIXTURES, ROOT, SCHEMA

REFERENCE = ROOT / "docs" / "reference"


def json_keys(page: str) -> list[str]:
    """The JSON keys of a page's wire table, in the order the page lists them."""
    return re.findall(r"^\| \d+ \| `([^`]*)` \|", page, flags=re.M)


def with_go_example() -> list[str]:
    names = []
    for path in sorted(FIXTURES.glob("*/full.json")):
        if isinstance(json.loads(path.read_bytes()), dict) and "not an object" not in (
            REFERENCE / f"{path.parent.name}.md"
        ).read_text(encoding="utf-8"):
            names.append(path.parent.name)
    return names


@pytest.mark.parametrize("name", with_go_example())
def test_pages_list_keys_in_the_order_go_writes_them(name):
    written = list(json.loads((FIXTURES / name / "full.json").read_bytes()))
    listed = json_keys((REFERENCE / f"{name}.md").read_text(encoding="utf-8"))
    assert [k for k in listed if k in written] == written  # Go omits some; the order is Go's


def test_every_message_has_a_page_and_an_index_line():
    index = (REFERENCE / "README.md").read_text(encoding="utf-8")
    pages = sorted(p.stem for p in REFERENCE.glob("*.md") if p.name != "README.md")
    assert pages and all(f"[{name}]({name}.md)" in index for name in pages)
    assert set(pages) == {
        p.stem for p in (ROOT / "generated/aistore_models/schemas/strict").glob("*.json")
    }


def test_a_hand_edit_is_stale_and_generate_restores_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out, reference = tmp_path / "generated", tmp_path / "docs" / "reference"
    assert cli.generate(SCHEMA, out, False, reference, FIXTURES) == cli.EXIT_OK
    page = reference / "JobStats.md"
    original = page.read_bytes()
    page.write_text("edited by hand\n")
    assert cli.generate(SCHEMA, out, True, reference, FIXTURES) == cli.EXIT_STALE
    assert f"stale: {page}" in capsys.readouterr().err
    assert cli.generate(SCHEMA, out, False, reference, FIXTURES) == cli.EXIT_OK
    assert page.read_bytes() == original
    shutil.rmtree(reference)  # a missing reference is stale too
    assert cli.generate(SCHEMA, out, True, reference, FIXTURES) == cli.EXIT_STALE
