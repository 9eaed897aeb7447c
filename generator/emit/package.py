"""The package around the targets: __init__, wire tables' runtime, behaviour, py.typed.

The runtime (generator/runtime/*.py) and the hand-written modules of the schema
(schema/*.py: behaviour mixins, the SDK drop-in) are copied in verbatim under a header, so the
generated package is self-contained and `make check` covers every file in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..ir import Schema
from . import pytext

TEMPLATE = "__init__.py.j2"
PATH = "aistore_models/__init__.py"
RUNTIME = Path(__file__).resolve().parent.parent / "runtime"


def context(schema: Schema) -> dict[str, Any]:
    return {
        "header": pytext.HEADER,
        "messages": [m.name for m in schema.messages],
        "enums": [e.name for e in schema.enums],
    }


def copied_files(schema_dir: Path) -> dict[str, str]:
    """Hand-written modules copied into the package, each under a header naming its source."""
    # schema/*.py: the hand-written, AIStore-specific modules (behaviour mixins, SDK drop-in).
    sources = sorted(RUNTIME.glob("*.py")) + sorted(schema_dir.glob("*.py"))
    out = {"aistore_models/py.typed": ""}
    for src in sources:
        origin = "generator/runtime" if src.parent == RUNTIME else "schema"
        header = f"# Copied from {origin}/{src.name} by aistore-models-gen. Edit the original.\n"
        out[f"aistore_models/{src.name}"] = header + src.read_text(encoding="utf-8")
    return out
