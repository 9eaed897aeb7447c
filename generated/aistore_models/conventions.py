# Copied from generator/runtime/conventions.py by aistore-models-gen. Edit the original.
"""Input conventions of the pydantic models (the SDK's), applied when Python code builds a model.

Wire decoding (`aistore_models.decode`) passes the context {"wire": True}, so
values that came from Go are kept verbatim and re-encode to the same bytes.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from pydantic import ValidationInfo

from .gotime import go_duration_text, go_time_text
from .quantity import go_quantity_text

WIRE_CONTEXT = {"wire": True}


def _from_wire(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("wire"))


def go_time(value: str) -> str:
    """Time text as Go holds it after reading it (gotime.go_time_text); "" is Go's zero time."""
    return go_time_text(value) if value else value


def go_duration(value: str) -> str:
    """Duration text as AIStore writes it back ("90s" -> "1m30s"); "" is the zero duration."""
    return go_duration_text(value) if value else value


def go_quantity(value: str) -> str:
    """Quantity text as Go writes it back ("0.5" -> "500m")."""
    return go_quantity_text(value)


def as_text(value: Any, info: ValidationInfo) -> Any:
    """Any value becomes its text, as the SDK's EnvVar.value does (None too: "None")."""
    return value if isinstance(value, str) or _from_wire(info) else str(value)


def with_suffix(suffix: str) -> Callable[[Any, ValidationInfo], Any]:
    """A non-empty text given without `suffix` gets it ("hpush" -> "hpush://")."""

    def add(value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and value and not value.endswith(suffix) and not _from_wire(info):
            return value + suffix
        return value

    return add


def bytes_from_base64(value: Any, info: ValidationInfo) -> Any:
    """Text for a bytes field is its wire form, base64 (as the SDK's ETLInitMsg decodes it)."""
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("expected base64 text or bytes") from None
    return value


def flags_from_mask(value: Any, info: ValidationInfo) -> Any:
    """A flag set may be given as its bitmask (int or decimal text, as Go sends it)."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return [bit for bit in range(value.bit_length()) if value >> bit & 1]
    return value
