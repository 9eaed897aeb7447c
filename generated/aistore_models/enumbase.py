# Copied from generator/runtime/enumbase.py by aistore-models-gen. Edit the original.
"""Base of `bits` enums (each member is a bit position of a Go uint64 bitmask)."""

from __future__ import annotations

from enum import Enum
from typing import Any


class BitPosition(Enum):
    """Go accepts every bit of the mask, so a position without a member becomes a
    pseudo-member named BIT_<n>; a decoded mask always re-encodes to the same number."""

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 64:
            member = object.__new__(cls)
            member._name_ = f"BIT_{value}"
            member._value_ = value
            return cls._value2member_map_.setdefault(value, member)
        return None
