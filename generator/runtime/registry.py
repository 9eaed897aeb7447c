"""The generated package's tables and classes, handed to the runtime when the package loads.

The runtime never imports the generated modules (wire, models, structs): the package's
`__init__` registers them before it imports the API.  So the runtime is a library that
imports, type-checks and unit-tests where it is written (generator/runtime/), with tables
of a test's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .codec import WireMessage

# Filled in place, so the modules that hold this dict see the registered tables.
MESSAGES: dict[str, WireMessage] = {}


class Classes:
    """The modules that hold the generated pydantic models and msgspec structs by name."""

    models: Any = None
    structs: Any = None


CLASSES = Classes()


def register(messages: Mapping[str, WireMessage], models: Any, structs: Any) -> None:
    """Hand the runtime its tables (name -> WireMessage) and the two class modules."""
    MESSAGES.clear()
    MESSAGES.update(messages)
    CLASSES.models, CLASSES.structs = models, structs
