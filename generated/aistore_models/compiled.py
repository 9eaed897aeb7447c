# Copied from generator/runtime/compiled.py by aistore-models-gen. Edit the original.
"""Compiled encoders: the table-driven codec, specialised per message.

`CompiledCodec.encode` turns each message's wire table into one straight-line
Python function (once, on first use) that reads the attributes, applies the omit
rules and converts the values.  Only the common cases are written inline, each
behind an exact-type guard (`v.__class__ is int`, ...); anything else calls the
reference `Codec._value` / `Codec.omitted` with the same arguments, so the output
is the reference codec's output by construction.  The generated source holds no
schema text but `repr()` literals, and attribute names are checked to be
identifiers, so no schema string can inject code.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import msgspec

from .codec import Codec, Fmt, Shape, TypeSpec, WireField, flatten, held_messages, msgp_signed
from .gorules import INT_RANGES, NOT_ON_WIRE
from .gotime import WRITTEN_TIME

Encoder = Callable[[Any], Any]
_SCALARS = ("str", "bool", "int", "duration", "float")


class CompiledCodec(Codec):
    """The reference codec with per-message compiled encoders."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._encoders: dict[tuple[str, Fmt, Shape], Encoder] = {}

    def encode(self, obj: Any, name: str, fmt: Fmt, shape: Shape) -> Any:
        try:
            encoder = self._encoders[name, fmt, shape]
        except KeyError:
            encoder = self.encoder(name, fmt, shape)
        return encoder(obj)

    def encoder(self, name: str, fmt: Fmt, shape: Shape) -> Encoder:
        """The compiled encoder of one message (compiled on first use)."""
        key = (name, fmt, shape)
        if key in self._encoders:
            return self._encoders[key]
        if self.messages[name].root is not None:
            return self._root_encoder(name, fmt, shape)
        if (
            not _identifiers(self, name)
            or any(p.field.select for p in flatten(self.messages, name))  # reads a sibling
            or self.messages[name].checks  # AIStore's own checks: the reference runs them
        ):
            self._encoders[key] = lambda obj: Codec.encode(self, obj, name, fmt, shape)
            return self._encoders[key]
        source = _Source(self, fmt, shape)
        body = source.fill(name, "obj")
        source.env["_ZERO"] = SimpleNamespace(**dict.fromkeys(source.zero_attrs))
        text = (
            "def encode(obj):\n    out = {}\n"
            + "".join(f"    {line}\n" for line in body)
            + "    return out\n"
        )
        return self._install(name, fmt, shape, source, text)

    def _install(self, name: str, fmt: Fmt, shape: Shape, source: _Source, text: str) -> Encoder:
        """Compile an encoder's source, cache it, then bind the encoders it calls."""
        scope: dict[str, Any] = dict(source.env)
        exec(compile(text, f"<aistore_models encoder {name} {fmt} {shape}>", "exec"), scope)
        self._encoders[name, fmt, shape] = scope["encode"]
        for slot, sub in source.subs.items():  # after caching: recursive messages find themselves
            scope[slot] = self.encoder(sub, fmt, shape)
        return scope["encode"]  # type: ignore[no-any-return]

    def _root_encoder(self, name: str, fmt: Fmt, shape: Shape) -> Encoder:
        """A root type (a map or list of messages, ...): one expression, as Codec.encode
        would walk it, messages through their own compiled encoders."""
        key = (name, fmt, shape)
        root = self.messages[name].root
        assert root is not None
        source = _Source(self, fmt, shape)
        fast = source.fast(root[1] if root[0] == "opt" else root, "v", False, 0)
        if fast is None:
            self._encoders[key] = lambda obj: Codec.encode(self, obj, name, fmt, shape)
            return self._encoders[key]
        guard, expr = fast
        held = "obj.root if SHAPE == 'model' and hasattr(obj, 'root') else obj"
        generic = f"_value(v, {source.const(root)}, FMT, SHAPE, False, False)"
        text = f"def encode(obj):\n    v = {held}\n    return {expr} if {guard} else {generic}\n"
        return self._install(name, fmt, shape, source, text)


def _identifiers(codec: Codec, name: str) -> bool:
    """Every attribute the encoder reads (fields and nested embeds) is a plain identifier."""
    for placed in flatten(codec.messages, name):
        for attr in (*placed.nested(), placed.field.attr):
            if not attr.isidentifier() or keyword.iskeyword(attr):
                return False
    return True


class _Source:
    """Lines of one encoder; constants it needs are bound in `env` under generated names."""

    def __init__(self, codec: Codec, fmt: Fmt, shape: Shape):
        self.codec, self.fmt, self.shape = codec, fmt, shape
        self.env: dict[str, Any] = {
            "_value": codec._value,
            "_omitted": codec.omitted,
            "_signed": msgp_signed,
            "_go_written": WRITTEN_TIME.fullmatch,
            "FMT": fmt,
            "SHAPE": shape,
        }
        self.subs: dict[str, str] = {}  # env slot -> message whose encoder fills it
        self.zero_attrs: set[str] = set()  # what the code reads from an unset embed
        self._count = 0

    def const(self, value: Any) -> str:
        self._count += 1
        slot = f"_c{self._count}"
        self.env[slot] = value
        return slot

    def sub(self, message: str) -> str:
        for slot, name in self.subs.items():
            if name == message:
                return slot
        slot = f"_m{len(self.subs)}"
        self.subs[slot] = message
        self.env[slot] = None
        return slot

    def fill(self, name: str, obj: str) -> list[str]:
        """Mirror of Codec._fill for message `name` read from variable `obj`."""
        lines: list[str] = []
        holders: dict[tuple[str, ...], str] = {(): obj}
        for placed in flatten(self.codec.messages, name):
            field = placed.field
            key = field.json if self.fmt == "json" else field.msgpack
            if key == NOT_ON_WIRE:
                continue
            path = placed.nested() if self.shape == "model" else ()
            lines.append(f"v = {self._holder(path, holders, lines)}.{field.attr}")
            if path:
                self.zero_attrs.add(field.attr)
            store = f"out[{key!r}] = {self.value(field)}"
            if field.omit:
                lines += [f"if {self.keep(field)}:", f"    {store}"]
            else:
                lines.append(store)
        return lines

    def _holder(
        self, path: tuple[str, ...], holders: dict[tuple[str, ...], str], lines: list[str]
    ) -> str:
        """The variable holding the model object at `path` (nested embeds; unset: Go's zero)."""
        if path not in holders:
            parent = self._holder(path[:-1], holders, lines)
            if len(path) > 1:
                self.zero_attrs.add(path[-1])
            self._count += 1
            inner = holders[path] = f"o{self._count}"
            lines += [
                f"{inner} = {parent}.{path[-1]}",
                f"if {inner} is None:",
                f"    {inner} = _ZERO",  # every attribute None, read in C (no __getattr__)
            ]
        return holders[path]

    def keep(self, field: WireField) -> str:
        """Mirror of `not Codec.omitted(v, field, fmt)`."""
        kind = field.type[0]
        if field.omit == "empty" and self.fmt == "msgpack" and kind in ("list", "map"):
            return "v is not None"
        if field.nullable and kind not in ("list", "map", "bytes", "base64", "any"):
            return "v is not None"
        if kind in _SCALARS or (
            field.omit == "empty" and kind in ("list", "map", "bytes", "base64", "flags")
        ):
            return "v"  # `not value`, and None is falsy
        if field.omit == "empty" and kind == "msg" and not field.nullable:
            return "True"  # Go's omitempty never drops a struct (None is its zero value)
        if field.omit == "empty" and kind == "time":
            return "True"  # time.Time is a struct: omitempty never drops it (None: the zero time)
        if field.omit == "empty" and kind in ("msg", "any"):
            return "v is not None"
        if field.omit == "empty" and kind == "duration_text":
            return f"v and not _omitted(v, {self.const(field)}, FMT)"  # "" and None: Go's 0
        return f"not _omitted(v, {self.const(field)}, FMT)"

    def value(self, field: WireField) -> str:
        """Mirror of Codec._value for the field's value `v`."""
        string = field.string and self.fmt == "json"
        generic = f"_value(v, {self.const(field.type)}, FMT, SHAPE, {string}, {field.nullable})"
        if self.fmt == "json" and field.nullable and field.type[0] in ("list", "map"):
            generic = f"(None if v is None else {generic})"  # Go's nil slice or map: null
        fast = self.fast(field.type, "v", string, 0)
        return generic if fast is None else f"({fast[1]} if {fast[0]} else {generic})"

    def fast(self, spec: TypeSpec, v: str, string: bool, depth: int) -> tuple[str, str] | None:
        """(guard, expression) writing `v` of type `spec` the way Codec._value does, or None."""
        kind = spec[0]
        if kind == "str":
            return f"{v} is not None", v
        if kind == "bool":
            return f"{v} is not None", f'("true" if {v} else "false")' if string else f"bool({v})"
        if kind in ("int", "duration"):  # outside the Go range: _value refuses it
            lo, hi = spec[1:3] if kind == "int" else INT_RANGES["int64"]
            guard = f"{v}.__class__ is int and {lo} <= {v} <= {hi}"
            if self.fmt == "msgpack" and (kind == "duration" or spec[1] < 0):
                return guard, f"({v} if -32 <= {v} <= 127 else _signed({v}))"
            return guard, f"str({v})" if string else v
        if kind == "float":
            return f"{v}.__class__ is float", f"str({v})" if string else v
        if kind == "time" and self.fmt == "json":  # already as Go writes it: kept as it is
            return f"{v}.__class__ is str and _go_written({v}) is not None", v
        if kind == "any":
            return f"{v} is None", "None"  # Go's nil interface
        if kind == "flags":  # no bit set (most control messages): the mask 0
            return f"{v}.__class__ is list and not {v}", '"0"' if string else "0"
        if kind == "msg" and self.codec.messages[spec[1]].root is None:
            return f"{v} is not None", f"{self.sub(spec[1])}({v})"
        if kind in ("list", "map"):
            item, x, k = spec[1], f"x{depth}", f"k{depth}"  # names per depth: comprehensions nest
            inner = self.fast(item[1] if item[0] == "opt" else item, x, False, depth + 1)
            if inner is None:
                return None
            guard, expr = inner
            fallback = f"_value({x}, {self.const(item)}, FMT, SHAPE, False, False)"
            convert = f"({expr} if {guard} else {fallback})"
            if kind == "list":
                return f"{v} is not None", f"[{convert} for {x} in {v}]"
            return (
                f"{v} is not None",
                f"{{{k}: {convert} for {k} in sorted({v}) for {x} in ({v}[{k}],)}}",
            )
        return None


def msgpack_direct(codec: Codec, name: str) -> bool:
    """Whether msgspec can decode `name`'s MessagePack straight into its struct with the
    reference result whenever it succeeds (it may fail more often: the caller then falls
    back to the reference path).  Holds when the struct's keys are the MessagePack keys
    and every field's struct type accepts no more than the reference decoder does and
    defaults to the same zero value.  One difference, on hostile input only: msgspec skips
    an unknown key's value without building it, so the reference's nesting limit
    (limits.MAX_DEPTH) does not apply there; Go's msgp skips it likewise."""
    return _direct(codec, name, set())


def _direct(codec: Codec, name: str, visiting: set[str], top: bool = True) -> bool:
    message = codec.messages[name]
    if name in visiting:
        return True  # a cycle: decided by the rest of the walk
    if message.root is not None or not message.msgpack:
        return False
    visiting.add(name)
    return all(
        _direct_field(codec, p.field, visiting, top)  # struct attributes are flat
        for p in flatten(codec.messages, name)
    )


def _direct_field(codec: Codec, field: WireField, visiting: set[str], top: bool) -> bool:
    if field.msgpack == NOT_ON_WIRE or not top and _nil_list(field):
        return False  # (empty_lists puts nil back at the top level only)
    return _direct_type(codec, field.type, field.nullable, visiting)


def _nil_list(field: WireField) -> bool:
    """A field where Go's msgp decoder leaves an empty array nil (see Codec._decode_value)."""
    spec = field.type[1] if field.type[0] == "opt" else field.type
    return spec[0] == "list" and (field.nullable or field.type[0] == "opt")


def nil_lists(codec: Codec, name: str) -> list[tuple[str, bytes]]:
    """(attribute, MessagePack key bytes followed by nil) of the top-level fields of `name`
    where msgspec and Go's msgp read differently: an empty array is Go's nil (msgspec: []),
    and a nil is refused (msgspec: None)."""
    return [
        (p.field.attr, msgspec.msgpack.encode(p.field.msgpack) + b"\xc0")
        for p in flatten(codec.messages, name)
        if _nil_list(p.field)
    ]


def _direct_type(codec: Codec, spec: TypeSpec, nullable: bool, visiting: set[str]) -> bool:
    kind = spec[0]
    if kind == "opt":
        return _direct_type(codec, spec[1], True, visiting)
    if kind in ("str", "bool", "int", "duration", "float", "bytes", "any"):
        return True
    if kind in ("list", "map"):
        return _direct_type(codec, spec[1], False, visiting)
    if kind == "msg":
        # a non-pointer struct decodes absent/null as a zero struct, msgspec as None
        return nullable and _direct(codec, spec[1], visiting, top=False)
    return False  # time, enum, flags, oneof: the reference converts them


def zero_defaults(codec: Codec, structs: Any, name: str) -> bool:
    """Whether every struct `name` reaches defaults each wire field to what the reference
    leaves for an absent key (Go's zero value), or has no default (msgspec then refuses the
    payload and the reference decides).  A schema default (`python: {default: ...}`) that is
    not Go's zero makes msgspec's own decoding differ, so the caller does not use it."""
    for message in _reachable(codec, name):
        cls = getattr(structs, message, None)
        if cls is None or not isinstance(cls, type) or not hasattr(cls, "__struct_fields__"):
            continue
        fields = {f.name: f for f in msgspec.structs.fields(cls)}
        for placed in flatten(codec.messages, message):
            f = fields.get(placed.field.attr)
            if f is None or f.required or placed.field.type[0] == "msg":
                continue  # a struct-typed field: _direct_type decides
            default = f.default_factory() if f.default is msgspec.NODEFAULT else f.default
            zero = codec._zero_python(placed.field.type, placed.field.nullable, "msgpack", "struct")
            if default != zero or type(default) is not type(zero):
                return False
    return True


def _reachable(codec: Codec, name: str) -> set[str]:
    """`name` and every message its fields hold, at any depth."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            for placed in flatten(codec.messages, current):
                todo += held_messages(placed.field.type)
    return seen
