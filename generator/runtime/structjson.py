"""JSON straight into the generated msgspec structs, Go's rules included, in msgspec.

A struct's field keys are its MessagePack keys where the message has a MessagePack form,
so msgspec cannot read its JSON into it directly.  Each message gets a mirror instead,
built from the wire tables at first use: a subclass of the struct that declares the same
fields under their JSON keys, absent keys holding Go's zero values (Codec._zero_python),
Go times as text matching Go's written form, `,string` numbers as text, Python-only fields
refusing any key of their name, unknown keys refused in strict mode.  msgspec decodes into
the mirrors; then one pass per message turns them into the struct itself (the subclass adds
no slots, so `__class__` can change) and the quoted numbers into ints, checked in bulk: the
text must be the number's canonical form, which is Go's grammar (gorules.QUOTED_INT) but
for "-0" (the reference then takes it), and within the field's range.  Anything the mirror
does not take (null in a non-pointer field, a number where Go wants a quoted one, a time
Go would rewrite, ...) raises, and the reference path decides and words the error.
Messages with kinds the mirror does not model (enums, flags, bytes, uint64, durations as
text, interfaces, AIStore's own checks, ...) get no fast path.

One difference, on hostile input only, as for MessagePack (compiled.msgpack_direct): in
lenient mode msgspec skips an unknown key's value, checking its syntax but not its
numbers, so an integer beyond float64 there is skipped (as Go skips it); the reference,
which parses every value first, refuses it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import chain, repeat
from operator import attrgetter
from typing import Annotated, Any, NamedTuple

import msgspec

from .codec import Codec, TypeSpec, flatten
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


class _Plan(NamedTuple):
    """What the pass over one message's mirrors does."""

    cls: Any  # the generated struct
    quoted: tuple[_Quoted, ...]
    nested: tuple[tuple[str, TypeSpec], ...]  # (attribute, its type) where structs may sit


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
        decode = msgspec.json.Decoder(self.type(spec, False, False)).decode
        plans, huge_check = self.plans, self.holds_any

        def run(data: Any) -> Any:
            if data.__class__ is not bytes and data.__class__ is not str:
                raise TypeError("parsed data: the reference path takes it")
            if huge_check and may_hold_huge_int(data):
                raise ValueError("an integer beyond float64, maybe: the reference path decides")
            value = decode(data)
            if value is not None:
                _fix(plans, spec, [value])
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
        fields, quoted, nested = [], [], []
        for own in msgspec.structs.fields(real):  # every field, in the struct's order
            field = on_wire.get(own.name)
            if field is None:  # Python-only: the struct's own default
                if own.default is msgspec.NODEFAULT:
                    raise _Outside(name)
                fields.append((own.name, _Never, msgspec.field(default=own.default)))
                continue
            if field.select:
                raise _Outside(name)  # its type depends on a sibling's value
            spec = field.type[1] if field.type[0] == "opt" else field.type
            nullable = field.nullable or field.type[0] == "opt"
            if field.json == NOT_ON_WIRE:  # skipped in JSON: Go's zero
                if _holds_message(spec) or spec[0] in ("list", "map"):
                    raise _Outside(name)
                fields.append((own.name, _Never, msgspec.field(**self._zero(field.type, nullable))))
                continue
            if field.string:
                quoted.append(self._quoted(field.attr, spec))
                annotation: Any = str | None if nullable else str
                text_zero = "false" if spec[0] == "bool" else "0"
                zero: dict[str, Any] = {"default": None if nullable else text_zero}
            else:
                annotation = self.type(field.type, False, field.nullable)
                zero = self._zero(field.type, field.nullable)
            if _holds_message(spec):
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
        self.plans[name] = _Plan(real, tuple(quoted), tuple(nested))
        return cls

    def _quoted(self, attr: str, spec: TypeSpec) -> _Quoted:
        if spec[0] == "bool":
            return _Quoted(attr, "bool", 0, 1)
        if spec[0] not in ("int", "duration"):
            raise _Outside(str(spec))
        lo, hi = spec[1:3] if spec[0] == "int" else INT_RANGES["int64"]
        return _Quoted(attr, "int", lo, hi)

    def type(self, spec: TypeSpec, string: bool, nullable: bool) -> Any:
        kind = spec[0]
        if kind == "opt":
            return self.type(spec[1], string, True)
        if nullable and kind != "any":
            return self.type(spec, string, False) | None
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
        if kind == "any":
            self.holds_any = True
            return Any
        if kind == "list":
            return list[self.type(spec[1], False, False)]  # type: ignore[misc]
        if kind == "map":
            return dict[str, self.type(spec[1], False, False)]  # type: ignore[misc]
        if kind == "msg":
            return self.message(spec[1])
        raise _Outside(str(spec))  # bytes, seconds, enum, flags, oneof, text kinds

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


def _holds_message(spec: TypeSpec) -> bool:
    if spec[0] == "msg":
        return True
    return spec[0] in ("opt", "list", "map") and _holds_message(spec[1])


def _fix(plans: dict[str, _Plan], spec: TypeSpec, values: list[Any]) -> None:
    """Turn the mirrors among `values` (all of type `spec`, none None) into the structs."""
    kind = spec[0]
    if kind == "opt":
        _fix(plans, spec[1], values)
    elif kind == "list":
        _fix(plans, spec[1], [x for x in chain.from_iterable(values) if x is not None])
    elif kind == "map":
        items = chain.from_iterable(map(dict.values, values))
        _fix(plans, spec[1], [x for x in items if x is not None])
    elif kind == "msg" and values:
        plan = plans[spec[1]]
        for q in plan.quoted:
            _unquote(values, q)
        for attr, sub in plan.nested:
            _fix(plans, sub, [x for x in map(attrgetter(attr), values) if x is not None])
        list(map(setattr, values, repeat("__class__"), repeat(plan.cls)))


def _unquote(objs: list[Any], q: _Quoted) -> None:
    """The `,string` texts of one field in many mirrors, as Go reads them, or ValueError.
    In bulk, in C where it can be: a listing holds 100,000 of them."""
    texts = list(map(attrgetter(q.attr), objs))
    present = texts if None not in texts else [t for t in texts if t is not None]
    if q.kind == "bool":
        if not set(present) <= {"true", "false"}:
            raise ValueError("a quoted bool Go does not read: the reference path decides")
        values: list[Any] = [None if t is None else t == "true" for t in texts]
    else:
        numbers = list(map(int, present))  # Python's int() takes more than Go: "+1", " 1", "1_0"
        if list(map(str, numbers)) != present:  # Go's forms are the canonical ones ("-0" aside)
            raise ValueError("a quoted number Go may not read: the reference path decides")
        if numbers and not (q.lo <= min(numbers) and max(numbers) <= q.hi):
            raise ValueError("a quoted number out of range: the reference path decides")
        values = numbers if present is texts else [None if t is None else int(t) for t in texts]
    list(map(setattr, objs, repeat(q.attr), values))
