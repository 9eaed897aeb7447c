"""Differential fuzzing against AIStore's own Go code (docs/validation.md, "How we check").

Go -> Python: `harness fuzz` fills each message's real Go type by reflection from edge pools
(ints at their width limits, floats across Go's format thresholds, times across years,
offsets and nanoseconds, hostile strings, nil against empty, nested `any` values) and writes
it as AIStore does.  Both targets decode those bytes and must write exactly what AIStore
writes after reading them (its echo); MessagePack maps are compared in any key order, as Go
writes them in map order.  `make test` runs a bounded number; `make long` at least 100,000
values.  The only mismatches allowed are named divergences (DIVERGENCES, docs/validation.md).
A failure prints the smallest failing case, shrunk, and the command that replays it.
"""

from __future__ import annotations

import copy as copy_module
import json
import os
import random
import re
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
from goharness import echo, fuzz

import aistore_models as am
from aistore_models.wire import MESSAGES as TABLES

SEED = int(os.environ.get("AISMODELS_FUZZ_SEED", "20261201"))
PER_MESSAGE = 40  # make test: about 1,500 values, a few seconds
LONG_PER_MESSAGE = 2_800  # make long: over 100,000 values
TARGETS = ("models", "structs")

# JSON `-0` inside `any`: Go holds every number there as a float64 and keeps the sign of
# zero; Python's JSON parsers read the integer 0.  Both are zero.
_NEGATIVE_ZERO = re.compile(rb"(?<=[\[:,])-0(?=[,\]}])")
DIVERGENCES: dict[str, Callable[[bytes, bytes], bool]] = {
    "any-negative-zero": lambda go, ours: _NEGATIVE_ZERO.sub(b"0", go) == ours,
}


def ours(name: str, fmt: str, data: bytes, target: str) -> bytes:
    """Decode with one target (strictly, as AIStore does) and encode again."""
    cls = getattr(getattr(am, target), name)
    root = TABLES[name].root is not None
    return am.encode(am.decode(data, cls, fmt, strict=True), fmt, message=name if root else None)


def verdict(name: str, fmt: str, data: bytes, go: bytes | None) -> str:
    """'' when both targets write what Go writes; otherwise what differs."""
    for target in TARGETS:
        try:
            got = ours(name, fmt, data, target)
        except (ValueError, TypeError) as exc:
            if go is None:
                continue  # AIStore cannot read back what it wrote, and neither can we
            return f"{target} refused what Go reads: {exc}"
        if go is None:
            return f"{target} read bytes that AIStore cannot read back"
        if got == go or fmt == "msgpack" and msgpack_canonical(got) == msgpack_canonical(go):
            continue
        if not any(explains(go, got) for explains in DIVERGENCES.values()):
            return f"{target} wrote {got!r}, Go wrote {go!r}"
    return ""


def go_echo(name: str, fmt: str, data: bytes) -> bytes | None:
    [(ok, out)] = echo([(name, fmt, data)])
    return out if ok and isinstance(out, bytes) else None


def shrink(name: str, data: bytes) -> bytes:
    """A smaller JSON payload that still fails the same way (keys dropped, lists cut)."""
    document = json.loads(data)
    for _ in range(300):
        for candidate in _smaller(document):
            raw = json.dumps(candidate, ensure_ascii=False, separators=(",", ":")).encode()
            go = go_echo(name, "json", raw)
            if go is not None and verdict(name, "json", raw, go):
                document = candidate
                break
        else:
            break
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _smaller(value: Any) -> list[Any]:
    out: list[Any] = []
    if isinstance(value, dict):
        for key in value:
            out.append({k: v for k, v in value.items() if k != key})
        for key, inner in value.items():
            out += [{**value, key: smaller} for smaller in _smaller(inner)]
    elif isinstance(value, list) and value:
        out += [value[:-1], value[1:]]
        for i, inner in enumerate(value):
            out += [[*value[:i], smaller, *value[i + 1 :]] for smaller in _smaller(inner)]
    return out


def check_go_values(count: int) -> None:
    failures = []
    for case in fuzz(SEED, count):
        name, fmt, data = case["message"], case["encoding"], case["data"]
        why = verdict(name, fmt, data, case.get("echo"))
        if why:
            failures.append((len(data), case, why))
    if failures:
        _, case, why = min(failures, key=lambda f: f[0])
        name, fmt, data = case["message"], case["encoding"], case["data"]
        small = shrink(name, data) if fmt == "json" and case.get("echo") else data
        pytest.fail(
            f"{len(failures)} Go value(s) not reproduced; the smallest, {name} ({fmt}), "
            f"replay: tests/go/bin/harness fuzz {SEED} {case['index'] + 1} {name} | tail -n 2\n"
            f"  payload: {small!r}\n  {verdict(name, fmt, small, go_echo(name, fmt, small)) or why}"
        )


@pytest.mark.go
def test_every_go_value_comes_back_as_go_writes_it():
    check_go_values(PER_MESSAGE)


@pytest.mark.go
@pytest.mark.slow
def test_every_go_value_comes_back_as_go_writes_it_long():
    check_go_values(LONG_PER_MESSAGE)


@pytest.mark.go
def test_fast_paths_give_the_reference_result_on_go_values():
    """Every fast decoder (compiled.py, wirevalidator.py, structjson.py) on Go-filled values,
    strict and lenient, and with a key a newer AIStore might add: where it gives a result,
    it is the reference path's."""
    from test_fast_paths import fast, reference, same

    compared = 0
    for case in fuzz(SEED, PER_MESSAGE):
        name, fmt, data = case["message"], case["encoding"], case["data"]
        payloads = [data]
        if fmt == "json" and TABLES[name].root is None and data[:1] == b"{" and data[1:2] != b"}":
            payloads.append(data[:1] + b'"zzAddedLater":[1,{"a":null}],' + data[1:])
        for target in TARGETS:
            cls = getattr(getattr(am, target), name)
            for strict in (False, True) if fmt == "json" else (False,):
                decoder = fast(cls, fmt, strict)
                for payload in payloads if decoder is not None else ():
                    try:
                        got = decoder(payload)
                    except (ValueError, TypeError, msgspec.MsgspecError):
                        continue  # the reference decides
                    same(got, reference(payload, cls, fmt, strict), f"{name} {fmt} {target}")
                    compared += 1
    assert compared > 1000  # the fast paths took most Go values


def test_the_named_divergence_explains_only_itself():
    explains = DIVERGENCES["any-negative-zero"]
    assert explains(b'{"ext":-0,"n":[1,-0]}', b'{"ext":0,"n":[1,0]}')
    assert not explains(b'{"ext":-0.5}', b'{"ext":0.5}')
    assert not explains(b'{"ext":"-0"}', b'{"ext":"0"}')


# -------------------------------------------------------------- hostile payloads

# One value per JSON type and the edges Go's decoders draw lines at.
HOSTILE: list[Any] = [None, True, False, 0, -1, 1.5, 2**63, -(2**63) - 1, 2**64, 65536, -129]
HOSTILE += ["", "x", "1", "-0", "1e3", [], {}, [1], {"k": 1}, "2024-01-02T03:04:05+00:00"]
HOSTILE += ["yesterday", "1m30s", "90s", "abc", "0.5", "AAAA", "AA=", 1e300]
HOSTILE_MSGPACK: list[Any] = [None, True, 0, -1, 1.5, 2**63, -(2**63), 2**64 - 1, 65536]
HOSTILE_MSGPACK += ["", "x", [], {}, [1], {"k": 1}, b"\x00\x01"]
UNKNOWN_KEY = "zzUnknownKey"
# Verdicts that differ on purpose: where AIStore accepts, `validate` names the rule of each
# issue (docs/validation.md, "Where Go differs"); where AIStore refuses, the case is listed.
DIVERGENCE_RULES = {"null-document", "bytes-as-array", "time-range", "time-extension"}
DIVERGENCE_RULES |= {"msgpack-json-key"}
GO_ALONE_REFUSES = {
    # AIStore's client (api.ETLGetDetail) hands obj_errors to jsoniter as a RawMessage,
    # which holds a JSON null as no bytes at all, and then fails to decode them.
    ("ETLDetails", "/obj_errors", "None"),
}


def _sites(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            out += _sites(value, (*path, key))
    elif isinstance(document, list):
        for i, value in enumerate(document):
            out += _sites(value, (*path, i))
    return out


def _mutated(document: Any, rng: random.Random, pool: list[Any]) -> tuple[Any, str, Any]:
    """A deep copy of `document` with one hostile change: (copy, JSON pointer, new value)."""
    copy = copy_module.deepcopy(document)
    if isinstance(copy, dict) and rng.random() < 0.15:
        copy[UNKNOWN_KEY] = 1
        return copy, f"/{UNKNOWN_KEY}", 1
    path = rng.choice(_sites(copy))
    value = rng.choice(pool)
    if not path:
        return value, "", value
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy, "".join(f"/{step}" for step in path), value


def our_verdicts(name: str, fmt: str, data: bytes) -> dict[str, bool | str]:
    """schema / models / structs: True (accepted), False (refused), or the divergence rule."""
    issues = am.validate(name, data, strict=True, fmt=fmt)
    out: dict[str, bool | str] = {"schema": not issues}
    if issues and {i.rule for i in issues} <= DIVERGENCE_RULES:
        out["schema"] = "divergence: " + ", ".join(sorted({i.rule for i in issues}))
    for target in TARGETS:
        try:
            am.decode(data, getattr(getattr(am, target), name), fmt, strict=True)
            out[target] = True
        except (ValueError, TypeError):
            out[target] = False
    return out


def check_hostile(count: int, mutations: int) -> None:
    rng = random.Random(SEED)
    batch = []
    for case in fuzz(SEED + 1, count):
        name, fmt = case["message"], case["encoding"]
        if fmt == "json":
            document = json.loads(case["data"])
        else:
            document = msgspec.msgpack.decode(case["data"])
        for _ in range(mutations):
            mutated, where, value = _mutated(
                document, rng, HOSTILE if fmt == "json" else HOSTILE_MSGPACK
            )
            if fmt == "json":
                data = json.dumps(mutated, ensure_ascii=False).encode()
            else:
                data = msgspec.msgpack.encode(mutated)
            batch.append((name, fmt, data, where, value))
    failures = []
    for (name, fmt, data, where, value), (go_ok, why) in zip(
        batch, echo([(n, f, d) for n, f, d, _, _ in batch]), strict=True
    ):
        ours = our_verdicts(name, fmt, data)
        if go_ok:  # ours must accept, or refuse it under a named divergence everywhere
            named = isinstance(ours["schema"], str)
            agree = all(v is True for v in ours.values()) or (
                named and not ours["models"] and not ours["structs"]
            )
        else:
            agree = (
                all(v is not True for v in ours.values())
                or (name, where, repr(value)) in GO_ALONE_REFUSES
            )
        if not agree:
            failures.append((len(data), name, fmt, data, where, value, go_ok, why, ours))
    if failures:
        _, name, fmt, data, where, value, go_ok, why, ours = min(failures, key=lambda f: f[0])
        pytest.fail(
            f"{len(failures)} of {len(batch)} hostile payloads judged apart from AIStore; the "
            f"smallest, {name} ({fmt}) with {value!r} at {where or '/'}:\n  payload: {data!r}\n"
            f"  AIStore: {'accepts' if go_ok else 'refuses: ' + str(why)[:200]}\n  ours: {ours}"
        )


@pytest.mark.go
def test_hostile_payloads_are_judged_as_aistore_judges_them():
    check_hostile(PER_MESSAGE // 2, 3)


@pytest.mark.go
@pytest.mark.slow
def test_hostile_payloads_are_judged_as_aistore_judges_them_long():
    check_hostile(LONG_PER_MESSAGE // 4, 3)


# -------------------------------------------------------------- MessagePack key order


def msgpack_canonical(data: bytes) -> bytes:
    """The bytes with every map's entries sorted by their encoded key (Go writes maps in
    its random iteration order); every other byte, integer widths included, unchanged."""
    out, end = _canonical(data, 0)
    return out + data[end:]


_FIXED = {0xC0: 1, 0xC2: 1, 0xC3: 1, 0xCA: 5, 0xCB: 9, 0xCC: 2, 0xCD: 3, 0xCE: 5, 0xCF: 9}
_FIXED |= {0xD0: 2, 0xD1: 3, 0xD2: 5, 0xD3: 9, 0xD4: 3, 0xD5: 4, 0xD6: 6, 0xD7: 10, 0xD8: 18}
_SIZED = {0xC4: (1, 0), 0xC5: (2, 0), 0xC6: (4, 0), 0xC7: (1, 1), 0xC8: (2, 1), 0xC9: (4, 1)}
_SIZED |= {0xD9: (1, 0), 0xDA: (2, 0), 0xDB: (4, 0)}  # (length bytes, type byte after it)
_COUNTED = {0xDC: (2, 1), 0xDD: (4, 1), 0xDE: (2, 2), 0xDF: (4, 2)}  # (count bytes, per item)


def _canonical(data: bytes, at: int) -> tuple[bytes, int]:
    """(canonical bytes of the value at `at`, where it ends)."""
    tag = data[at]
    if tag <= 0x7F or tag >= 0xE0:
        return data[at : at + 1], at + 1
    if 0xA0 <= tag <= 0xBF:
        end = at + 1 + (tag & 0x1F)
        return data[at:end], end
    if tag in _FIXED:
        return data[at : at + _FIXED[tag]], at + _FIXED[tag]
    if tag in _SIZED:
        width, extra = _SIZED[tag]
        end = at + 1 + width + extra + int.from_bytes(data[at + 1 : at + 1 + width], "big")
        return data[at:end], end
    if 0x80 <= tag <= 0x9F:
        header, count, per = 1, tag & 0x0F, 2 if tag < 0x90 else 1
    else:
        width, per = _COUNTED[tag]
        header, count = 1 + width, int.from_bytes(data[at + 1 : at + 1 + width], "big")
    items, pos = [], at + header
    for _ in range(count * per):
        item, pos = _canonical(data, pos)
        items.append(item)
    if per == 2:
        pairs = sorted(zip(items[::2], items[1::2], strict=True))
        items = [part for pair in pairs for part in pair]
    return data[at : at + header] + b"".join(items), pos


def test_msgpack_canonical_orders_map_keys_and_keeps_widths():
    import msgspec

    one = msgspec.msgpack.encode({"b": [1, {"y": 2, "x": 3}], "a": 300})
    two = msgspec.msgpack.encode({"a": 300, "b": [1, {"x": 3, "y": 2}]})
    assert one != two and msgpack_canonical(one) == msgpack_canonical(two)
    wide = b"\x81\xa1a\xcd\x00\x01"  # {"a": 1} with 1 as a uint16
    assert msgpack_canonical(wide) == wide != msgspec.msgpack.encode({"a": 1})
