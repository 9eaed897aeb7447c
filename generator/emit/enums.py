"""Enumerations, shared by the models and the structs."""

from __future__ import annotations

from typing import Any

from ..ir import Schema
from . import pytext

TEMPLATE = "enums.py.j2"
PATH = "aistore_models/enums.py"


def context(schema: Schema) -> dict[str, Any]:
    return {
        "header": pytext.HEADER,
        "local_imports": pytext.local_imports(
            {
                "behaviour": sorted({e.mixin for e in schema.enums if e.mixin}),
                "enumbase": ["BitPosition"] if any(e.kind == "bits" for e in schema.enums) else [],
            }
        ),
        "plain": any(e.kind != "bits" for e in schema.enums),
        "enums": [
            {
                "name": e.name,
                "bases": ", ".join(
                    [*([e.mixin] if e.mixin else []), "BitPosition" if e.kind == "bits" else "Enum"]
                ),
                "doc": pytext.docstring(e.doc or e.name),
                "members": [
                    {
                        "name": v.name,
                        "value": pytext.literal(v.value),
                        "comment": pytext.comment(v.doc),
                    }
                    for v in e.values
                ],
            }
            for e in schema.enums
        ],
    }
