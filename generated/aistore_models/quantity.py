# Copied from generator/runtime/quantity.py by aistore-models-gen. Edit the original.
"""Kubernetes resource quantities ("500m", "1Gi") as AIStore writes them back.

AIStore's ETL messages embed k8s ``resource.Quantity`` values (corev1.ResourceRequirements).
Go does not echo such a value as it came: it parses it and prints it again in a canonical
form ("0.5" -> "500m", "1000" -> "1k"), keeps some spellings untouched ("007", "+1",
"1.500"), and refuses others.  This module predicts that text so that a Python round trip
writes the bytes Go would and refuses what Go refuses, without a Go toolchain.

It follows k8s.io/apimachinery v0.35.3 (pkg/api/resource) behind AIStore's jsoniter decoder,
including the 32-bit exponent arithmetic there, which wraps around silently.  The one input
shape that makes Go panic raises ValueError here; exponents for which Go would spend hours
building 10**N-digit numbers are answered from the arithmetic, with the text Go would print.

``go_quantity_text`` takes the characters between the quotes as they stand in the JSON text.
For a string without escapes that is also its decoded value; a string that needs an escape
(a quote, a backslash, a control character) is never a quantity, and Go refuses it too.  The
one case the two readings differ: a value with non-ASCII white space at either end
(U+00A0, U+2028...) that its writer escaped (``json.dumps`` does by default) is refused by Go,
which sees the backslash, while the decoded value passed here is trimmed and accepted.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass

from .gorules import FLOAT64_OVERFLOW

ZERO_QUANTITY = "0"  # what Go writes for the zero quantity and for a JSON null

__all__ = ["ZERO_QUANTITY", "go_quantity_number", "go_quantity_text"]

_INT64_MAX = (1 << 63) - 1
_NANO = 9  # every value not kept exactly is rounded up (away from zero) to 10**-9

# The three formats a quantity remembers from its unit, which decide how it is printed.
_DECIMAL_SI = "DecimalSI"  # 12M
_BINARY_SI = "BinarySI"  # 12Mi
_DECIMAL_EXPONENT = "DecimalExponent"  # 12e6

_DECIMAL_UNITS = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_BINARY_UNITS = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_SUFFIX = {power: unit for unit, power in _DECIMAL_UNITS.items()}
_BINARY_SUFFIX = {power // 10: unit for unit, power in _BINARY_UNITS.items()}

_DIGITS = frozenset("0123456789")
_UNIT_LETTERS = frozenset("eEinumkKMGTP")
# Go's strings.TrimSpace: unicode.IsSpace, which is narrower than str.isspace (no U+001C-1F).
_GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
_EXPONENT_DIGITS = re.compile(r"[+-]?([0-9]+)\Z")  # strconv.ParseInt's base-10 shape
_JSON_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?\Z")
# jsoniter range-checks a number with an exponent before handing it over: as a float32 when
# it starts with "0", as a float64 otherwise.  These are the magnitudes that round to Inf.
_FLOAT32_INF = (1 << 128) - (1 << 103)


def go_quantity_text(text: str) -> str:
    """The text AIStore (k8s resource.Quantity) writes back after reading `text` from a JSON
    string ("0.5" -> "500m", "1000" -> "1k"...); ValueError where Go refuses it."""
    if any(ch < " " for ch in text):
        # Raw, jsoniter rejects the JSON; escaped, the quantity parser meets a backslash.
        raise ValueError(f"{text!r} is not a quantity: it contains a control character")
    return _canonical(_parse(_trim_space(text), text))


def go_quantity_number(raw: str) -> str:
    """The same for an unquoted JSON token (1.5, 9223372036854775808, null)."""
    if raw == "null":
        return ZERO_QUANTITY
    match = _JSON_NUMBER.match(raw)
    if match is None:
        # jsoniter lets a few non-JSON shapes through ("-01", "-.5"); no JSON writer makes them.
        raise ValueError(f"{raw!r} is not a JSON number")
    whole, fraction, exponent = match.groups()
    if exponent is not None:
        limit = _FLOAT32_INF if raw[0] == "0" else FLOAT64_OVERFLOW
        if _reaches(whole + (fraction or ""), len(fraction or ""), exponent, limit):
            raise ValueError(f"{raw!r} is too large for the float Go's JSON decoder reads it as")
    return _canonical(_parse(raw, raw))


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    """A parsed quantity: `kept` is the input when Go keeps it verbatim, else either an int64
    amount (`value` * 10**`scale`) or a decimal one (`dec`)."""

    format: str
    kept: str | None = None
    value: int = 0
    scale: int = 0
    dec: _Dec | None = None


@dataclass(frozen=True)
class _Dec:
    """sign * digits * 10**zeros / 10**scale, digits without leading or trailing zeros.
    Digits stay text: Go would build numbers with billions of digits for some exponents."""

    negative: bool
    digits: str
    zeros: int
    scale: int


_ZERO = _Quantity(_DECIMAL_SI)


def _parse(s: str, shown: str) -> _Quantity:
    """k8s ParseQuantity; `shown` is what error messages quote."""
    if not s:
        raise ValueError(f"{shown!r} is not a quantity: it is empty")
    if s == "0":
        return _Quantity(_DECIMAL_SI, kept=s)
    positive, value, num, denom, unit = _split(s, shown)
    base, exponent, fmt = _interpret(unit, shown)

    # The int64 fast path: few enough digits, and nothing finer than nanos.
    precision, scale, mantissa = -1, 0, 1
    if fmt != _BINARY_SI:
        scale = exponent
        precision = 18 - (len(num) + len(denom))
    elif exponent >= 0 and not denom:
        mantissa = 1 << exponent
        precision = 15 - len(num) - exponent * 3 // 10 - 1
    if precision >= 0:
        scale = _i32(scale - len(denom))
        if scale >= -_NANO:
            shifted = num + denom
            number = int(shifted)  # at most 18 digits here
            product = _int64_multiply(number, mantissa)
            if product is not None:
                signed = product if positive else -product
                # Go keeps the input as its own printed form when it looks canonical enough;
                # the test is loose, so "007", "+1" and "1.500" come back as they went in.
                if fmt == _BINARY_SI:
                    keep = number & 7 != 0
                else:
                    keep = scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0"
                return _Quantity(fmt, kept=s if keep else None, value=signed, scale=scale)

    # The arbitrary-precision path (inf.Dec), which reads the number's text again.
    digits = value.lstrip("+-").replace(".", "")
    if not digits:
        raise ValueError(f"{shown!r} is not a quantity: its number has no digits")
    negative = value.startswith("-")
    core = digits.lstrip("0")
    if not core:
        return _ZERO
    if base == 2:
        return _binary(negative, core, len(denom), exponent)
    # Dec scale is the negated decimal exponent, in int32 arithmetic like everything here.
    dec_scale = _i32(len(denom) + _i32(-exponent))
    shift = _i32(_NANO - dec_scale)
    if shift >= 0:
        return _Quantity(fmt, dec=_dec(negative, core, shift, _NANO))
    down = _i32(-shift)
    if down < 0:
        # -(-2**31) is -2**31 again; inf.Dec indexes its table of powers with it and panics.
        raise ValueError(f"{shown!r} has an exponent that makes AIStore's decoder crash")
    if down >= len(core):
        return _Quantity(fmt, dec=_Dec(negative, "1", 0, _NANO))  # under a nano: one nano
    head, tail = core[:-down], core[-down:]
    rounded = _to_int(head) + (1 if tail.strip("0") else 0)
    return _Quantity(fmt, dec=_dec(negative, _to_str(rounded), 0, _NANO))


def _split(s: str, shown: str) -> tuple[bool, str, str, str, str]:
    """k8s parseQuantityString: (positive, number text, integer digits without leading
    zeros, fraction digits, unit)."""
    end, pos, positive = len(s), 0, True
    if s[0] in "+-":
        positive = s[0] == "+"
        pos = 1
    while pos < end and s[pos] == "0":
        pos += 1
    if pos == end:
        return positive, "0", "0", "", ""  # zeros only, or a bare sign: zero
    start = pos
    while pos < end and s[pos] in _DIGITS:
        pos += 1
    num = s[start:pos]
    if pos == end:
        return positive, s, num, "", ""
    num = num or "0"
    denom = ""
    if s[pos] == ".":
        pos += 1
        start = pos
        while pos < end and s[pos] in _DIGITS:
            pos += 1
        denom = s[start:pos]
        if pos == end:
            return positive, s, num, denom, ""
    value, unit_start = s[:pos], pos
    while pos < end and s[pos] in _UNIT_LETTERS:
        pos += 1
    if pos < end and s[pos] in "+-":
        pos += 1
    while pos < end and s[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise ValueError(
            f"{shown!r} is not a quantity: expected a number with an optional unit "
            "(such as 100m, 1.5Gi or 2e3)"
        )
    return positive, value, num, denom, s[unit_start:]


def _interpret(unit: str, shown: str) -> tuple[int, int, str]:
    """(base, exponent, format) of a unit; an eN exponent is cut to int32 as Go does."""
    if unit in _DECIMAL_UNITS:
        return 10, _DECIMAL_UNITS[unit], _DECIMAL_SI
    if unit in _BINARY_UNITS:
        return 2, _BINARY_UNITS[unit], _BINARY_SI
    if len(unit) > 1 and unit[0] in "eE":
        match = _EXPONENT_DIGITS.match(unit[1:])
        if match and len(match.group(1).lstrip("0")) <= 19:
            parsed = int(unit[1:])
            if -(1 << 63) <= parsed <= _INT64_MAX:
                return 10, _i32(parsed), _DECIMAL_EXPONENT
    raise ValueError(f"{shown!r} is not a quantity: {unit!r} is not a unit it knows")


def _binary(negative: bool, core: str, places: int, power: int) -> _Quantity:
    """A binary-unit value the fast path could not take: exact, rounded up to nanos, capped
    at the int64 maximum; below 1 it turns decimal."""
    unscaled = _to_int(core) << power
    unscaled = _round_up(unscaled, places, _NANO)
    scale = _NANO
    fmt = _BINARY_SI
    if unscaled > _INT64_MAX * _pow10(_NANO):
        unscaled, scale = _INT64_MAX, 0
    elif unscaled < _pow10(_NANO):
        fmt = _DECIMAL_SI
    signed = -unscaled if negative else unscaled
    return _Quantity(fmt, dec=_dec_of(signed, scale))


# --- writing -------------------------------------------------------------------------------


def _canonical(q: _Quantity) -> str:
    """k8s Quantity.String: the kept input, or the canonical spelling."""
    if q.kept is not None:
        return q.kept
    fmt = q.format
    if q.dec is None:
        if q.value == 0:
            return ZERO_QUANTITY
        # Binary amounts are whole numbers; small ones print in decimal.
        if fmt == _BINARY_SI and -1024 < q.value < 1024:
            fmt = _DECIMAL_SI
        if fmt == _BINARY_SI:
            return _base1024(q.value)
        number, exponent = _int_canonical(q.value, q.scale)
        return number + _suffix(exponent, fmt)
    dec = q.dec
    if fmt == _BINARY_SI:
        unscaled = _to_int(dec.digits) * _pow10(dec.zeros) * (-1 if dec.negative else 1)
        if -1024 * _pow10(dec.scale) < unscaled < 1024 * _pow10(dec.scale):
            fmt = _DECIMAL_SI
        else:
            whole = _round_up(unscaled, dec.scale, 0)
            if whole * _pow10(dec.scale) != unscaled:
                fmt = _DECIMAL_SI  # not a whole number: binary units cannot show it
            else:
                return _base1024(whole)
    number, exponent = _dec_canonical(dec)
    return number + _suffix(exponent, fmt)


def _int_canonical(value: int, scale: int) -> tuple[str, int]:
    """int64Amount.AsCanonicalBytes: digits and an exponent that is a multiple of 3."""
    amount, times = value, 0
    while abs(amount) >= 10 and amount % 10 == 0:
        amount //= 10
        times += 1
    exponent = _i32(scale + times)
    # One step down to a multiple of 3 (no loop: that matters only where int32 wraps).
    step = {1: 1, -2: 1, 2: 2, -1: 2}.get(_go_rem(exponent, 3), 0)
    if step:
        amount *= _pow10(step)
        if not -(1 << 63) <= amount <= _INT64_MAX:
            return _dec_canonical(_dec_of(value, _i32(-scale)))
        exponent = _i32(exponent - step)
    return str(amount), exponent


def _dec_canonical(dec: _Dec) -> tuple[str, int]:
    """infDecAmount.AsCanonicalBytes, on text digits."""
    exponent = _i32(_i32(-dec.scale) + _i32(dec.zeros))
    padding = 0
    while _go_rem(exponent, 3) != 0:
        padding += 1
        exponent = _i32(exponent - 1)
    return ("-" if dec.negative else "") + dec.digits + "0" * padding, exponent


def _base1024(whole: int) -> str:
    amount, times = whole, 0
    while amount != 0 and amount % 1024 == 0:
        amount //= 1024
        times += 1
    return _to_str(amount) + _BINARY_SUFFIX.get(times, "")


def _suffix(exponent: int, fmt: str) -> str:
    if fmt == _DECIMAL_EXPONENT:
        return f"e{exponent}" if exponent else ""
    # A decimal power with no SI letter (10**21 and up) is printed with no suffix at all:
    # Go writes "1" for 1000E.  Odd, but it is what goes on the wire.
    return _DECIMAL_SUFFIX.get(exponent, "")


# --- arithmetic as Go does it --------------------------------------------------------------


def _i32(v: int) -> int:
    """Go int32 arithmetic: wrap around."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def _go_rem(a: int, b: int) -> int:
    """Go's %: the remainder has the dividend's sign."""
    r = abs(a) % b
    return -r if a < 0 else r


def _int64_multiply(a: int, b: int) -> int | None:
    """k8s int64Multiply for a >= 0, b >= 1: the product, or None where int64 overflows."""
    product = a * b
    return product if product <= _INT64_MAX else None


def _pow10(n: int) -> int:
    power: int = 10**n  # n >= 0 always; the annotation tells mypy so
    return power


def _round_up(unscaled: int, scale: int, target: int) -> int:
    """inf.Dec Round(..., RoundUp): rescale to `target`, rounding away from zero."""
    if target >= scale:
        return unscaled * _pow10(target - scale)
    quotient, remainder = divmod(abs(unscaled), _pow10(scale - target))
    quotient += 1 if remainder else 0
    return -quotient if unscaled < 0 else quotient


def _dec(negative: bool, core: str, zeros: int, scale: int) -> _Dec:
    digits = core.rstrip("0")
    return _Dec(negative, digits, zeros + len(core) - len(digits), scale)


def _dec_of(unscaled: int, scale: int) -> _Dec:
    return _dec(unscaled < 0, _to_str(abs(unscaled)), 0, scale)


def _trim_space(s: str) -> str:
    start, end = 0, len(s)
    while start < end and s[start] in _GO_SPACE:
        start += 1
    while end > start and s[end - 1] in _GO_SPACE:
        end -= 1
    return s[start:end]


def _reaches(digits: str, places: int, exponent: str, limit: int) -> bool:
    """Whether int(digits) * 10**(exponent - places) >= limit (a positive int)."""
    core = digits.lstrip("0")
    if not core:
        return False
    power = exponent.lstrip("+-").lstrip("0") or "0"
    if len(power) > 12:  # beyond any float: huge or vanishing
        return not exponent.startswith("-")
    shift = int(exponent) - places
    magnitude = len(core) + shift  # the value lies in [10**(magnitude-1), 10**magnitude)
    if magnitude <= len(str(limit)) - 1:
        return False
    if magnitude > len(str(limit)) + 1:
        return True
    if shift >= 0:
        return _to_int(core) * _pow10(shift) >= limit
    return _to_int(core) >= limit * _pow10(-shift)


# Python 3.11+ refuses int <-> str conversions past 4300 digits; decimal does them uncapped.
def _to_int(digits: str) -> int:
    return int(digits) if len(digits) <= 4000 else int(decimal.Decimal(digits))


def _to_str(n: int) -> str:
    return str(n) if n.bit_length() <= 13000 else str(decimal.Decimal(n))
