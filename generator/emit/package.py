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
    # schema/**/*.py: the hand-written, AIStore-specific modules (behaviour mixins, and the SDK
    # drop-ins in schema/sdk/, laid out as the SDK's aistore.sdk package).
    sources = [("generator/runtime", RUNTIME, p) for p in sorted(RUNTIME.glob("*.py"))]
    sources += [("schema", schema_dir, p) for p in sorted(schema_dir.rglob("*.py"))]
    out = {"aistore_models/py.typed": ""}
    for origin, root, src in sources:
        if "__pycache__" in src.parts:
            continue
        name = src.relative_to(root).as_posix()
        header = f"# Copied from {origin}/{name} by aistore-models-gen. Edit the original.\n"
        out[f"aistore_models/{name}"] = header + src.read_text(encoding="utf-8")
    return out
