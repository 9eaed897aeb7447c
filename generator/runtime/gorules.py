"""Go's wire rules, each stated once: the generator and the package's runtime both read them here.

How Go's encoding/json (and AIStore's jsoniter) reads and writes integers of each width,
`,string` values, floats, []byte and time.Time text, which keys Go skips, and the zero
value of each scalar kind.  Patterns are unanchored; `anchored` makes the JSON Schema
form.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

# Go's integer types and their ranges.
INT_RANGES: dict[str, tuple[int, int]] = {
    f"{'u' if unsigned else ''}int{bits}": (
        (0, 2**bits - 1) if unsigned else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    )
    for bits in (8, 16, 32, 64)
    for unsigned in (False, True)
}

# A `,string` integer: Go decodes the quoted text as a JSON number, so no "+", "_", spaces
# or leading zeros (Python's int() takes all of those).
QUOTED_INT = r"-?(0|[1-9][0-9]*)"
# The same for an unsigned type: jsoniter's readUint64 takes no sign at all, not even "-0".
QUOTED_UINT = r"(0|[1-9][0-9]*)"
QUOTED_BOOL = r"(?:true|false)"
# A JSON number, as a `,string` float's text.
FLOAT_TEXT = r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?"
# []byte: standard base64 with padding.
BASE64_TEXT = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"

# time.Time text as Go's time.Parse reads RFC 3339 (Go 1.26): one- or two-digit hours, a
# comma or a dot before the fraction, zone offsets with two-digit parts.  The groups are
# year, month, day, hour, minute, second, zone hours, zone minutes; gotime.go_time checks
# the ranges and the calendar.
GO_TIME_SHAPE = (
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
    r"(?:[.,][0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))"
)
# time.Time text that Go surely reads: valid month and day (29 February aside), hours,
# minutes and seconds, up to nine fraction digits, zone offsets up to 24:60 as Go takes
# them.  Fast paths accept these without a call into Python; anything else goes to
# gotime.go_time.
_DATE_AND_TIME = (
    r"[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-"
    r"(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))T(?:[01][0-9]|2[0-3]):[0-5][0-9]:"
    r"[0-5][0-9]"
)
GO_TIME_SURE = _DATE_AND_TIME + r"(?:\.[0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-4]):(?:[0-5][0-9]|60))"
# time.Time text exactly as Go's MarshalJSON writes it (RFC3339Nano): no trailing zeros in
# the fraction, "Z" for a zero offset, offsets up to 23:59.  Go rewrites other text it reads
# ("+00:00" as "Z", ".100" as ".1"): gotime.go_time_text gives the rewritten form.  (No
# lookaround: pydantic-core's regex engine has none.)
GO_TIME_WRITTEN = _DATE_AND_TIME + (
    r"(?:\.[0-9]{0,8}[1-9])?"
    r"(?:Z|[+-](?:00:(?:0[1-9]|[1-5][0-9])|(?:0[1-9]|1[0-9]|2[0-3]):[0-5][0-9]))"
)
# AIStore's cos.Duration as text ("300ms", "1h30m"; gotime.go_duration reads it as Go does):
# our JSON Schema format name, and text Go surely reads (at most two parts of at most six
# digits cannot overflow int64 nanoseconds), which validators accept without a callback.
DURATION_FORMAT = "go-duration"
GO_DURATION_SURE = (
    r"[-+]?(?:0|(?:(?:[0-9]{1,6}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})(?:ns|us|µs|μs|ms|s|m|h)){1,2})"
)
# A Kubernetes resource.Quantity ("500m", "1Gi"; quantity.go_quantity_text reads it as Go
# does): our JSON Schema format name.
QUANTITY_FORMAT = "k8s-quantity"
# The magnitude from which a number rounds to a float64 infinity: Go holds no JSON number
# that large (inside `any` numbers are float64; its integer types are narrower).
FLOAT64_OVERFLOW = (1 << 1024) - (1 << 970)
# Go's zero time.Time, as its MarshalJSON writes it.
ZERO_TIME = "0001-01-01T00:00:00Z"

# Go's `json:"-"` / `msg:"-"`: the field is skipped in that encoding.
NOT_ON_WIRE = "-"

# The zero value of each scalar wire kind, as the Python side holds it (durations are
# nanoseconds; time and base64 text).  Nil-able kinds (pointers, any, messages, enums,
# interfaces) and containers are the caller's: their Python form differs by target.
SCALAR_ZERO: dict[str, Any] = {
    "str": "",
    "bool": False,
    "int": 0,
    "duration": 0,
    "seconds": 0,
    "float": 0.0,
    "bytes": b"",
    "base64": "",
    "time": "",
    "duration_text": "",
    "quantity": "0",  # what Go writes for the zero resource.Quantity
}


def go_float_text(value: float) -> str:
    """A float64 as AIStore's jsoniter writes it: the shortest digits that read back, in fixed
    notation from 1e-6 up to 1e21 (`2`, `0.000001`, `100000000000000000000`, `-0`) and in
    exponent form outside it, with a signed exponent of at least two digits (`1e-07`,
    `1.5e+21`).  Go refuses NaN and infinities (ValueError)."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{value} is not a JSON number: Go's encoder refuses it")
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    text = repr(value)  # shortest round trip; its exponent form is Go's ('1e-07', '1e+21')
    if "e" not in text:
        return text[:-2] if text.endswith(".0") else text
    if 1e-6 <= abs(value) < 1e21:  # Python switches to exponents sooner than Go
        text = format(Decimal(text), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text


def anchored(pattern: str) -> str:
    """The whole-text form of a pattern (JSON Schema's `pattern` and pydantic-core search)."""
    return f"^{pattern}$"


def scalar_kind(go_name: str) -> str:
    """The wire kind of a schema scalar: int8..uint64 -> int, float32/64 -> float."""
    if go_name in INT_RANGES:
        return "int"
    if go_name.startswith("float"):
        return "float"
    return go_name
