# Copied from generator/runtime/gotime.py by aistore-models-gen. Edit the original.
"""Go time.Time on the wire: RFC 3339 text in JSON, tinylib/msgp extension 5 in MessagePack.

Times stay text in Python (as Go wrote them, nanoseconds included) so that a
decoded payload re-encodes to the same bytes.
"""

from __future__ import annotations

import re
import struct
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import TypeAlias, Union

import msgspec

from .gorules import GO_TIME_SHAPE, GO_TIME_WRITTEN

MSGP_TIME_EXT = 5  # tinylib/msgp's extension type for time.Time
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})\Z"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def split(text: str) -> tuple[int, int]:
    """RFC 3339 text -> (seconds since the Unix epoch, nanoseconds)."""
    match = _RFC3339.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an RFC 3339 time")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    nanos = int((match.group(7) or "").ljust(9, "0"))
    zone = match.group(8)
    offset = (
        0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[4:6])) * (1 if zone[0] == "+" else -1)
    )
    moment = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    return int((moment - _EPOCH).total_seconds()) - offset * 60, nanos


def join(seconds: int, nanos: int) -> str:
    """(seconds, nanoseconds) -> Go's RFC3339Nano text in UTC."""
    moment = _EPOCH + timedelta(seconds=seconds)
    frac = f".{nanos:09d}".rstrip("0") if nanos else ""
    m = moment
    return (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}{frac}Z"
    )


def to_msgpack(text: str) -> msgspec.msgpack.Ext:
    seconds, nanos = split(text)
    return msgspec.msgpack.Ext(MSGP_TIME_EXT, struct.pack(">qI", seconds, nanos))


class UnheldTime(ValueError):
    """A MessagePack time that Go reads but this package does not hold; `rule` names the
    divergence for `validate` (docs/validation.md)."""

    def __init__(self, message: str, rule: str):
        super().__init__(message)
        self.rule = rule


# The seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: RFC 3339 text has four-digit
# years (Go's MarshalJSON writes years 0-9999; Python's datetime, which words ours, starts at 1).
_FIRST, _LAST = -62135596800, 253402300799
_NANOS = 1_000_000_000


def from_msgpack(value: object) -> str:
    if isinstance(value, datetime):  # msgspec's reading of MessagePack's timestamp (ext -1)
        raise UnheldTime(
            "a MessagePack timestamp (extension -1): this package reads tinylib/msgp's "
            "time extension 5, which AIStore writes",
            "time-extension",
        )
    data = bytes(value.data) if isinstance(value, msgspec.msgpack.Ext) else b""
    if not isinstance(value, msgspec.msgpack.Ext) or value.code != MSGP_TIME_EXT or len(data) != 12:
        raise ValueError("expected a MessagePack time (extension 5, 12 bytes)")
    # tinylib/msgp reads the nanoseconds as an int32 and the pair with time.Unix, which carries
    # whole seconds out of them (and borrows for a negative count).
    seconds, nanos = struct.unpack(">qi", data)
    seconds, nanos = seconds + nanos // _NANOS, nanos % _NANOS
    if not _FIRST <= seconds <= _LAST:
        raise UnheldTime(
            f"a MessagePack time {seconds} s from 1970 lies outside the years 0001-9999 "
            "that this package holds as RFC 3339 text",
            "time-range",
        )
    return join(seconds, nanos)


_GO_TIME = re.compile(GO_TIME_SHAPE)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def go_time(text: object) -> bool:
    """Whether Go's time.Time JSON decoder accepts `text` (Go 1.26: RFC 3339 as
    time.Parse reads it, which also takes a one-digit hour, a comma before the
    fraction and zone offsets up to 24:60); non-strings are not this check's business."""
    if not isinstance(text, str):
        return True
    match = _GO_TIME.fullmatch(text)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    if not (1 <= month <= 12 and hour <= 23 and minute <= 59 and second <= 59):
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day < 1 or day > _DAYS[month - 1] or (month == 2 and day == 29 and not leap):
        return False
    if match.group(7) is not None:
        return int(match.group(7)) <= 24 and int(match.group(8)) <= 60
    return True


WRITTEN_TIME = re.compile(GO_TIME_WRITTEN)  # the fast paths' check too (compiled.py)
_DIGITS = re.compile(r"[0-9]+")
_DAY_MINUTES = 24 * 60


def go_time_text(text: str) -> str:
    """`text` as Go writes it back after reading it: RFC3339Nano with two-digit hours, the
    fraction cut to nanoseconds (Go truncates) without trailing zeros, "Z" for a zero offset.
    ValueError where Go cannot read the text, or reads it and cannot write it back (a zone
    offset of 24 hours or more: Go's MarshalJSON refuses it)."""
    if WRITTEN_TIME.fullmatch(text):
        return text
    match = _GO_TIME.fullmatch(text) if go_time(text) else None
    if match is None:
        raise ValueError(f"{text!r} is not a time Go can read (RFC 3339)")
    year, month, day, hour, minute, second = match.groups()[:6]
    rest, fraction = text[match.end(6) :], ""
    if rest[0] in ".,":
        digits = _DIGITS.match(rest, 1)
        assert digits is not None  # the shape has digits after the separator
        rest, fraction = rest[digits.end() :], digits.group()[:9].rstrip("0")
    zone = "Z"
    if rest != "Z":
        minutes = int(rest[1:3]) * 60 + int(rest[4:6])
        if minutes >= _DAY_MINUTES:
            raise ValueError(
                f"{text!r}: Go reads the zone offset {rest} but cannot write it back "
                "(offsets are below 24 hours)"
            )
        if minutes:
            zone = f"{rest[0]}{minutes // 60:02d}:{minutes % 60:02d}"
    fraction = f".{fraction}" if fraction else ""
    return f"{year}-{month}-{day}T{int(hour):02d}:{minute}:{second}{fraction}{zone}"


# ---------------------------------------------------------------- cos.Duration text
# AIStore's cos.Duration is an int64 of nanoseconds that JSON carries as text: read with
# time.ParseDuration, written with time.Duration.String less a trailing "0s" after minutes
# (cmn/cos/duration.go): "90s" is written "1m30s", "1h0m0s" is written "1h0m".

_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000}
_UNITS |= {"s": _NANOS, "m": 60 * _NANOS, "h": 3600 * _NANOS}
_TOP = 1 << 63
_WRAP = 1 << 64  # Go sums the parts in a uint64


def go_duration(text: str) -> int:
    """Nanoseconds, as Go's time.ParseDuration reads `text` (overflow and float rounding
    included); ValueError in our words where Go refuses it."""
    rest, negative = text, False
    if rest[:1] in ("-", "+"):
        negative, rest = rest[0] == "-", rest[1:]
    if rest == "0":
        return 0
    if not rest:
        raise ValueError(f"{text!r} is not a Go duration (such as 300ms, 1.5h or 2h45m)")
    total = 0
    while rest:
        whole, fraction, scale, rest = _duration_number(text, rest)
        unit_end = next((i for i, c in enumerate(rest) if c == "." or "0" <= c <= "9"), len(rest))
        if unit_end == 0:
            raise ValueError(f"{text!r} is not a Go duration: a number without a unit")
        unit, rest = _UNITS.get(rest[:unit_end]), rest[unit_end:]
        if unit is None:
            raise ValueError(
                f"{text!r} is not a Go duration: units are ns, us (µs), ms, s, m and h"
            )
        if whole > _TOP // unit:
            raise ValueError(f"{text!r} overflows Go's duration (int64 nanoseconds)")
        part = whole * unit
        if fraction:
            part += int(float(fraction) * (float(unit) / scale))  # Go's float64 arithmetic
            if part > _TOP:
                raise ValueError(f"{text!r} overflows Go's duration (int64 nanoseconds)")
        total = (total + part) % _WRAP
        if total > _TOP:
            raise ValueError(f"{text!r} overflows Go's duration (int64 nanoseconds)")
    if negative:
        return -total
    if total > _TOP - 1:
        raise ValueError(f"{text!r} overflows Go's duration (int64 nanoseconds)")
    return total


def _duration_number(text: str, rest: str) -> tuple[int, int, float, str]:
    """One number of a duration: (digits before the point, digits after it, 10**count of
    the fraction digits kept, what follows), as Go's leadingInt and leadingFraction read it."""
    if not (rest[0] == "." or "0" <= rest[0] <= "9"):
        raise ValueError(f"{text!r} is not a Go duration (such as 300ms, 1.5h or 2h45m)")
    digits = _DIGITS.match(rest)
    whole = 0
    if digits:
        for c in digits.group():
            if whole > _TOP // 10 or (whole := whole * 10 + int(c)) > _TOP:
                raise ValueError(f"{text!r} overflows Go's duration (int64 nanoseconds)")
        rest = rest[digits.end() :]
    fraction, scale, has_fraction = 0, 1.0, False
    if rest[:1] == ".":
        after = _DIGITS.match(rest, 1)
        if after:
            has_fraction = True
            overflow = False
            for c in after.group():
                if overflow or fraction > (_TOP - 1) // 10 or fraction * 10 + int(c) > _TOP:
                    overflow = True  # Go stops taking precision, without an error
                    continue
                fraction, scale = fraction * 10 + int(c), scale * 10
            rest = rest[after.end() :]
        else:
            rest = rest[1:]
    if not digits and not has_fraction:
        raise ValueError(f"{text!r} is not a Go duration: a unit without a number")
    return whole, fraction, scale, rest


def duration_text(nanos: int) -> str:
    """cos.Duration's text: time.Duration.String, with "1m0s" shortened to "1m"."""
    sign, u = ("-", -nanos) if nanos < 0 else ("", nanos)
    if u < _NANOS:
        if u == 0:
            return "0s"
        for limit, prec, unit in ((1_000, 0, "ns"), (1_000_000, 3, "µs"), (_NANOS, 6, "ms")):
            if u < limit:
                return sign + _fraction_text(u, prec) + unit
    seconds = _fraction_text(u % (60 * _NANOS), 9) + "s"
    minutes, hours = u // (60 * _NANOS) % 60, u // (3600 * _NANOS)
    text = seconds
    if u >= 60 * _NANOS:
        text = f"{minutes}m{seconds}"
        if hours:
            text = f"{hours}h{text}"
    if text.endswith("m0s"):
        text = text[:-2]
    return sign + text


def _fraction_text(value: int, prec: int) -> str:
    """value / 10**prec with the fraction's trailing zeros (and a bare point) dropped."""
    whole, frac = divmod(value, 10**prec)
    digits = f"{frac:0{prec}d}".rstrip("0") if prec else ""
    return f"{whole}.{digits}" if digits else str(whole)


def go_duration_text(text: str) -> str:
    """`text` as AIStore writes the duration back after reading it ("90s" -> "1m30s")."""
    return duration_text(go_duration(text))


# A Go time.Duration held in Python as seconds (the schema's `seconds`; the SDK's
# LoginMsg.expires_in): whole seconds read back as int, others as an exact Decimal.
Seconds: TypeAlias = Union[int, float, Decimal]  # noqa: UP007 - a runtime alias
NANOS_PER_SECOND = 10**9


def seconds_nanos(value: object) -> int:
    """Seconds as Go's nanoseconds, truncated toward zero as the SDK's `int(s * 1e9)`; a float
    counts by its shortest decimal text, so 0.1 is 100000000 (TypeError, ValueError)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise TypeError(f"expected seconds as a number, got {type(value).__name__}")
    if isinstance(value, int):
        return value * NANOS_PER_SECOND
    exact = Decimal(repr(value)) if isinstance(value, float) else value
    if not exact.is_finite():
        raise ValueError(f"{value} seconds is not a Go duration")
    return int(exact * NANOS_PER_SECOND)


def nanos_seconds(nanos: int) -> int | Decimal:
    """Go's nanoseconds as seconds: an int when whole, else the exact Decimal."""
    if nanos % NANOS_PER_SECOND == 0:
        return nanos // NANOS_PER_SECOND
    return Decimal(nanos).scaleb(-9)
