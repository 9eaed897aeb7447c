"""Shared test helpers: generate a package from YAML text and import it under a private name."""

from __future__ import annotations

import importlib.util
import itertools
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from aistore_models_gen.render import render
from aistore_models_gen.writer import write

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
FIXTURES = ROOT / "tests" / "fixtures"
_counter = itertools.count()


def import_package(package_dir: Path) -> ModuleType:
    """Import a generated package directory under a fresh module name."""
    name = f"_generated_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(
        name, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def write_schema(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


@pytest.fixture
def build(tmp_path: Path):
    """build({"a.yaml": text}) -> the imported package generated from that schema."""

    def _build(files: dict[str, str]) -> ModuleType:
        schema_dir = write_schema(tmp_path / f"schema{next(_counter)}", files)
        out = tmp_path / f"out{next(_counter)}"
        write(render(schema_dir), out)
        return import_package(out / "aistore_models")

    return _build
