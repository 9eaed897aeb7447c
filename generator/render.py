"""Render every target in memory: schema dir -> {relative path: file text}."""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2

from . import formatter
from .emit import enums, jsonschema, models, package, reference, structs, wire
from .ir import Schema
from .loader import load

TEMPLATE_EMITTERS = (package, enums, models, structs, wire)
# Each Python target's rule for field names, checked while loading (with every other problem).
NAME_CHECKS = (structs.field_name_problem, models.field_name_problem)

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader(__package__ or "aistore_models_gen", "templates"),
    autoescape=False,  # Python source, not HTML: values are escaped by the emitters
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def render_schema(
    schema: Schema, schema_dir: Path, docs: bool = False, examples: Path | None = None
) -> dict[str, str]:
    """{path: text}: the package under aistore_models/, and with `docs` the message
    reference under reference/ (example payloads from the Go fixtures in `examples`)."""
    files: dict[str, str] = {}
    for emitter in TEMPLATE_EMITTERS:
        text = _ENV.get_template(emitter.TEMPLATE).render(**emitter.context(schema))
        files[emitter.PATH] = text
    files.update(jsonschema.files(schema))
    files.update(package.copied_files(schema_dir))
    if docs:
        for path, page in reference.pages(schema, examples).items():
            name = reference.INDEX_TEMPLATE if path.endswith("/README.md") else reference.TEMPLATE
            files[path] = _ENV.get_template(name).render(**page)
    return formatter.format_files(files)


def render(schema_dir: Path, docs: bool = False, examples: Path | None = None) -> dict[str, str]:
    """Load and render; raises SchemaErrors on bad input, before anything is written."""
    # Everything built here lives until the files are returned, so the cyclic collector only
    # rescans it, over and over: with it on, loading 2,000 messages takes 2.7x as long.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return render_schema(load(schema_dir, NAME_CHECKS), schema_dir, docs, examples)
    finally:
        if enabled:
            gc.enable()
