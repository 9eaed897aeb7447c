# Copied from generator/runtime/structjson.py by aistore-models-gen. Edit the original.
"""JSON straight into the generated msgspec structs, Go's rules included, in msgspec.

A struct's field keys are its MessagePack keys where the message has a MessagePack form,
so msgspec cannot read its JSON into it directly.  Each message gets a mirror instead,
built from the wire tables at first use: a subclass of the struct that declares the same
fields under their JSON keys, absent keys holding Go's zero values (Codec._zero_python),
Go times as text matching Go's written form, `,string` numbers as text, Python-only fields
refusing any key of their name, unknown keys refused in strict mode.  msgspec decodes into
the mirrors; then a function per message, compiled from its plan, turns each into the
struct itself (the subclass adds no slots, so `__class__` can change) and the quoted numbers
into ints: the text must be the number's canonical form, which is Go's grammar
(gorules.QUOTED_INT) but for "-0" (the reference then takes it), and within the range.
Anything the mirror does not take (null in a non-pointer field, a number where Go wants a
quoted one, a time Go would rewrite, ...) raises, and the reference path decides and words
the error.  A uint64 is bounded below by msgspec and above by the fixer (msgspec's bounds
stop at int64).  Messages with kinds the mirror does not model (enums, flags, durations as
text, interfaces, AIStore's own checks, uint64 inside a list, ...) get no fast path.

One difference, on hostile input only, as for MessagePack (compiled.msgpack_direct): in
lenient mode msgspec skips an unknown key's value, checking its syntax but not its
numbers, so an integer beyond float64 there is skipped (as Go skips it); the reference,
which parses every value first, refuses it.
"""

from __future__ import annotations

import keyword
import threading
from collections.abc import Callable
from typing import Annotated, Any, NamedTuple

import msgspec

from .codec import Codec, TypeSpec, flatten, held_messages
from .gorules import GO_TIME_WRITTEN, INT_RANGES, NOT_ON_WIRE
from .limits import may_hold_huge_int

_INT64_MAX = INT_RANGES["int64"][1]
_LOCK = threading.Lock()
# msgspec runs `re.search`; `\Z`, unlike `$`, is not satisfied before a final newline
_GO_TIME = Annotated[str, msgspec.Meta(pattern=rf"\A(?:{GO_TIME_WRITTEN})\Z")]


class _Never:
    """Nothing decodes into it, not even null: a Python-only field's key, or one Go skips in
    JSON, fails msgspec's decoding (the reference, which treats it as unknown, decides)."""


class _Outside(Exception):
    """The message uses something the mirror does not model."""


class _Quoted(NamedTuple):
    attr: str
    kind: str  # "int" or "bool"
    lo: int
    hi: int
    nullable: bool


class _Plan(NamedTuple):
    """What the pass over one message's mirrors does."""

    cls: Any  # the generated struct
    quoted: tuple[_Quoted, ...]
    nested: tuple[tuple[str, TypeSpec], ...]  # (attribute, its type) where structs may sit
    wide: tuple[tuple[str, int], ...]  # (attribute, upper bound) of uint64s msgspec cannot bound


class StructDecoders:
    """A JSON decoder per (message, strict), built on first use; None where not mirrored."""

    def __init__(self, codec: Codec, structs: Any):
        self.codec = codec
        self.structs = structs
        self._cache: dict[tuple[str, bool], Callable[[Any], Any] | None] = {}

    def decoder(self, name: str, strict: bool) -> Callable[[Any], Any] | None:
        key = (name, strict)
        if key not in self._cache:
            with _LOCK:
                try:
                    self._cache[key] = _Mirrors(self.codec, self.structs, strict).decoder(name)
                except _Outside:
                    self._cache[key] = None
        return self._cache[key]


class _Mirrors:
    def __init__(self, codec: Codec, structs: Any, strict: bool):
        self.codec = codec
        self.structs = structs
        self.strict = strict
        self.classes: dict[str, Any] = {}
        self.plans: dict[str, _Plan] = {}
        self.holds_any = False

    def decoder(self, name: str) -> Callable[[Any], Any]:
        root = self.codec.messages[name].root
        cls = self.structs_class(name)
        spec: TypeSpec = root if root is not None else ("msg", name)
        decode = msgspec.json.Decoder(self.type(spec, False)).decode
        fixers, huge_check = _fixers(self.plans), self.holds_any

        def run(data: Any) -> Any:
            if data.__class__ is not bytes and data.__class__ is not str:
                raise TypeError("parsed data: the reference path takes it")
            if huge_check and may_hold_huge_int(data):
                raise ValueError("an integer beyond float64, maybe: the reference path decides")
            value = decode(data)
            _each(spec, value, fixers)
            if root is None or value is None:
                return value
            return cls(value)  # a root: the dict or list subclass

        return run

    def structs_class(self, name: str) -> Any:
        cls = getattr(self.structs, name, None)
        if not isinstance(cls, type):
            raise _Outside(name)
        return cls

    def message(self, name: str) -> Any:
        if name in self.classes:
            if self.classes[name] is None:
                raise _Outside(name)  # a message that holds itself
            return self.classes[name]
        self.classes[name] = None
        wire = self.codec.messages[name]
        if wire.root is not None or wire.checks:
            raise _Outside(name)  # AIStore's own checks (aischecks.py) run on the reference path
        real = self.structs_class(name)
        on_wire = {p.field.attr: p.field for p in flatten(self.codec.messages, name)}
        fields, quoted, nested, wide = [], [], [], []
        for own in msgspec.structs.fields(real):  # every field, in the struct's order
            field = on_wire.get(own.name)
            if field is None:  # Python-only: the struct's own default
                if own.default is msgspec.NODEFAULT:
                    raise _Outside(name)
                fields.append((own.name, _Never, msgspec.field(default=own.default)))
                continue
            if field.select or not field.attr.isidentifier() or keyword.iskeyword(field.attr):
                raise _Outside(name)  # (a select field's type depends on a sibling's value)
            spec = field.type[1] if field.type[0] == "opt" else field.type
            nullable = field.nullable or field.type[0] == "opt"
            if field.json == NOT_ON_WIRE:  # skipped in JSON: Go's zero
                if spec[0] in ("msg", "list", "map"):
                    raise _Outside(name)
                fields.append((own.name, _Never, msgspec.field(**self._zero(field.type, nullable))))
                continue
            if field.string:
                quoted.append(self._quoted(field.attr, spec, nullable))
                annotation: Any = str | None if nullable else str
                text_zero = "false" if spec[0] == "bool" else "0"
                zero: dict[str, Any] = {"default": None if nullable else text_zero}
            elif spec[0] == "int" and spec[2] > _INT64_MAX:  # a uint64: its top checked later
                annotation = Annotated[int, msgspec.Meta(ge=spec[1])]
                annotation = annotation | None if nullable else annotation
                wide.append((field.attr, spec[2]))
                zero = self._zero(field.type, field.nullable)
            else:
                annotation = self.type(field.type, field.nullable)
                zero = self._zero(field.type, field.nullable)
            if held_messages(spec):
                nested.append((field.attr, field.type))
            fields.append((field.attr, annotation, msgspec.field(name=field.json, **zero)))
        forbid = self.strict and not wire.ignores_unknown
        cls = msgspec.defstruct(
            real.__name__,
            fields,
            bases=(real,),
            kw_only=True,
            forbid_unknown_fields=forbid,
            module=__name__,
        )
        self.classes[name] = cls
        self.plans[name] = _Plan(real, tuple(quoted), tuple(nested), tuple(wide))
        return cls

    def _quoted(self, attr: str, spec: TypeSpec, nullable: bool) -> _Quoted:
        if spec[0] == "bool":
            return _Quoted(attr, "bool", 0, 1, nullable)
        if spec[0] not in ("int", "duration"):
            raise _Outside(str(spec))
        lo, hi = spec[1:3] if spec[0] == "int" else INT_RANGES["int64"]
        return _Quoted(attr, "int", lo, hi, nullable)

    def type(self, spec: TypeSpec, nullable: bool) -> Any:
        """The mirror's annotation of a wire type (a `,string` field's is text: message())."""
        kind = spec[0]
        if kind == "opt":
            return self.type(spec[1], True)
        if nullable and kind != "any":
            return self.type(spec, False) | None
        if kind == "str":
            return str
        if kind == "time":
            return _GO_TIME  # other text Go reads: the reference rewrites it
        if kind == "bool":
            return bool
        if kind in ("int", "duration"):
            lo, hi = spec[1:3] if kind == "int" else INT_RANGES["int64"]
            if hi > _INT64_MAX:
                raise _Outside(str(spec))  # msgspec bounds stop at int64; the codec checks uint64
            return Annotated[int, msgspec.Meta(ge=lo, le=hi)]
        if kind == "float":
            return float
        if kind == "bytes":
            return bytes  # msgspec reads base64 as the reference does (b64decode, validate=True)
        if kind == "any":
            self.holds_any = True
            return Any
        if kind == "list":
            return list[self.type(spec[1], False)]  # type: ignore[misc]
        if kind == "map":
            return dict[str, self.type(spec[1], False)]  # type: ignore[misc]
        if kind == "msg":
            return self.message(spec[1])
        raise _Outside(str(spec))  # seconds, enum, flags, oneof, base64 and Go's text kinds

    def _zero(self, spec: TypeSpec, nullable: bool) -> dict[str, Any]:
        """The mirror field's default: what the reference leaves for an absent key."""
        kind = spec[0]
        if nullable or kind in ("opt", "any"):
            return {"default": None}
        if kind == "msg":
            return {"default_factory": self.message(spec[1])}  # the zero struct (fixed later)
        if kind in ("list", "map"):
            return {"default_factory": list if kind == "list" else dict}
        return {"default": self.codec._zero_python(spec, False, "json", "struct")}


def _fixers(plans: dict[str, _Plan]) -> dict[str, Callable[[Any], None]]:
    """One function per message that turns a decoded mirror (and the mirrors it holds) into
    the struct, compiled from its plan like the encoders (compiled.py): a listing calls it
    100,000 times, a control message once.  The source holds attribute names, checked to be
    identifiers, slot names and int literals only."""
    slots = {name: f"_f{i}" for i, name in enumerate(plans)}
    scope: dict[str, Any] = {"_BOOLS": {"true": True, "false": False}, "_each": _each}
    for name, plan in plans.items():
        scope[f"_c{slots[name]}"] = plan.cls
        lines = [f"def {slots[name]}(o):"]
        for q in plan.quoted:
            lines += _unquote_lines(q)
        for attr, hi in plan.wide:
            lines += [
                f"    if o.{attr} is not None and o.{attr} > {hi}:",
                "        raise ValueError('beyond the Go type: the reference path decides')",
            ]
        for attr, spec in plan.nested:
            lines += [f"    v = o.{attr}", "    if v is not None:"]
            lines += [f"        {line}" for line in _walk_lines(spec, "v", slots, scope)]
        lines.append(f"    o.__class__ = _c{slots[name]}")
        exec(compile("\n".join(lines) + "\n", f"<aistore_models json fixer {name}>", "exec"), scope)
    scope["_FIXERS"] = fixers = {name: scope[slot] for name, slot in slots.items()}
    return fixers


def _unquote_lines(q: _Quoted) -> list[str]:
    """A `,string` value as Go reads it: Go's grammar is the number's canonical text ("-0"
    aside: the reference then takes it), in the field's range; else ValueError or KeyError."""
    body = (
        [f"o.{q.attr} = _BOOLS[t]"]
        if q.kind == "bool"
        else [
            "n = int(t)",  # Python's int() takes more than Go ("+1", " 1", "1_0"): str(n) != t
            f"if not {q.lo} <= n <= {q.hi} or str(n) != t:",
            "    raise ValueError('a quoted number Go may not read: the reference decides')",
            f"o.{q.attr} = n",
        ]
    )
    if q.nullable:
        return [f"    t = o.{q.attr}", "    if t is not None:", *(f"        {x}" for x in body)]
    return [f"    t = o.{q.attr}", *(f"    {x}" for x in body)]


def _walk_lines(spec: TypeSpec, v: str, slots: dict[str, str], scope: dict[str, Any]) -> list[str]:
    """Code that fixes every mirror in `v` (not None), a value of type `spec`."""
    spec = spec[1] if spec[0] == "opt" else spec
    if spec[0] == "msg":
        return [f"{slots[spec[1]]}({v})"]
    item = spec[1][1] if spec[0] in ("list", "map") and spec[1][0] == "opt" else spec[1]
    if spec[0] in ("list", "map") and item[0] == "msg":
        each = f"{v}.values()" if spec[0] == "map" else v
        return [f"for x in {each}:", "    if x is not None:", f"        {slots[item[1]]}(x)"]
    slot = f"_s{len(scope)}"
    scope[slot] = spec
    return [f"_each({slot}, {v}, _FIXERS)"]  # deeper nesting: walked in Python


def _each(spec: TypeSpec, value: Any, fixers: dict[str, Callable[[Any], None]]) -> None:
    """Fix the mirrors inside `value`, of type `spec`."""
    if value is None:
        return
    kind = spec[0]
    if kind == "opt":
        _each(spec[1], value, fixers)
    elif kind == "list":
        for x in value:
            _each(spec[1], x, fixers)
    elif kind == "map":
        for x in value.values():
            _each(spec[1], x, fixers)
    elif kind == "msg":
        fixers[spec[1]](value)
