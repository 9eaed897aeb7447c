"""The intermediate representation: a typed model of the schema language.

Everything downstream of the loader (emitters, checks, tests) reads only these
classes.  They describe Go's wire semantics, not any one target language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .runtime.gorules import INT_RANGES

SCALARS = (
    "str",
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "bytes",
    "base64",  # Go []byte whose Python value stays its base64 text (as the SDK keeps ETL logs)
    "time",
    "duration",
    "seconds",  # Go time.Duration (int64 ns on the wire) held in Python as seconds (the SDK's unit)
    "duration_text",  # AIStore's cos.Duration: Go duration text in JSON ("1m30s")
    "quantity",  # Kubernetes resource.Quantity: text ("500m", "1Gi") or a number in JSON
    "any",
)
Omit = Literal["", "empty", "zero"]
EmbedLayout = Literal["", "nested", "flat"]
EnumKind = Literal["int", "str", "bits"]


# Every class is a frozen dataclass built by keyword.  The loader checks each value before it
# builds one, so validating again (they were pydantic models) only cost time: ~0.2 s of
# imports and class building per run, and a validation per object.


@dataclass(frozen=True, slots=True, kw_only=True)
class Loc:
    """Where something was written: 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Located:
    """Something written in a schema file: where its name is, and where each of its keys'
    values is (a field's `python:` keys under their own names), for diagnostics."""

    loc: Loc
    key_locs: tuple[tuple[str, Loc], ...] = ()

    def at(self, key: str) -> Loc:
        """Where the value of `key` was written (the name's location if it was not)."""
        return next((loc for name, loc in self.key_locs if name == key), self.loc)


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRef:
    """A type expression.

    kind is one of: scalar (name in SCALARS), list (item), map (string keys,
    item values), message (name), enum (name), flagset (name of a bit-position
    enum; a list in Python, a bitmask integer on the wire), oneof (options: the
    messages a Go interface field may hold, tried in order when decoding).
    """

    kind: Literal["scalar", "list", "map", "message", "enum", "flagset", "oneof"]
    name: str = ""
    item: TypeRef | None = None
    options: tuple[TypeRef, ...] = ()  # oneof: the messages a Go interface may hold
    nullable: bool = False  # `T?` inside list/map/root: a Go pointer element may be null
    zero: str | int | None = None  # an enum: Go's zero value of its base type ("" or 0)

    def __str__(self) -> str:
        if self.kind == "list":
            text = f"list[{self.item}]"
        elif self.kind == "map":
            text = f"map[str, {self.item}]"
        elif self.kind == "flagset":
            text = f"flagset[{self.name}]"
        elif self.kind == "oneof":
            text = f"interface[{', '.join(str(o) for o in self.options)}]"
        else:
            text = self.name
        return text + "?" * self.nullable

    @property
    def is_int(self) -> bool:
        return self.kind == "scalar" and self.name in INT_RANGES

    def walk(self) -> list[TypeRef]:
        """This type and every type nested in it."""
        nested = [self.item] if self.item else list(self.options)
        return [self] + [t for ref in nested for t in ref.walk()]


@dataclass(frozen=True, slots=True, kw_only=True)
class WireFacts:
    """What Go says about a field: its part of the wire contract (`go:` names the Go field)."""

    json_key: str  # Go json tag name
    msgpack_key: str  # Go msg tag name (tinylib/msgp)
    type: TypeRef
    nullable: bool = False  # Go pointer / nil slice or map: `null` on the wire
    omit: Omit = ""  # Go omitempty / omitzero
    as_string: bool = False  # Go `,string`: number or bool sent as a JSON string
    embedded: bool = False  # Go embedded struct: its fields are flattened on the wire
    required: bool = False  # AIStore rejects a payload without this key
    go: str = ""  # Go field name, for the conformance check
    # An `any` field whose Go type AIStore picks by a sibling field's value (ActMsg.Value by
    # Action): that sibling's name, and (value, message) pairs.
    select_by: str = ""
    select_types: tuple[tuple[str, str], ...] = ()
    # The AIStore versions that have the field (written by `drift --write`): from `added`,
    # up to but not including `removed`; empty means every version the schema describes.
    added: str = ""
    removed: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PythonFacts:
    """What Python users see of a field: construction, input conventions, layout."""

    default: Any = None
    explicit_default: bool = False  # the schema gives it (else: Go's zero value of the type)
    has_default: bool = False  # False: Python callers must pass it (SDK parity)
    # An embedded struct in Python: "nested" keeps it under this attribute (the SDK's
    # TCBckMsg.copy_msg), "flat" promotes its fields as Go does.
    embed: EmbedLayout = ""
    zero_defaults: bool = False  # flat embed: promoted fields default to Go's zero value here
    local: bool = False  # exists in Python only, never on the wire
    model_only: bool = False  # `local: model`: on the pydantic model only, not the msgspec struct
    coerce: bool = (
        False  # str field: Python input of any type is turned into text (SDK EnvVar.value)
    )
    ensure_suffix: str = ""  # str field: Python input without it gets it ("hpush" -> "hpush://")


@dataclass(frozen=True, slots=True, kw_only=True)
class Field(_Located):
    """One field of a message: its wire facts (Go's) and its Python facts (ours), apart."""

    name: str  # Python attribute name
    doc: str = ""
    wire: WireFacts
    python: PythonFacts = PythonFacts()


@dataclass(frozen=True, slots=True, kw_only=True)
class Message(_Located):
    """A message: a struct with fields, or a root type (`root` set, no fields)."""

    name: str
    doc: str = ""
    go: str = ""  # Go counterpart, e.g. "core.Snap"
    fields: tuple[Field, ...] = ()
    root: TypeRef | None = None
    mixin: str = ""  # hand-written behaviour class in schema/behaviour.py
    msgpack: bool = False  # has a MessagePack form (tinylib/msgp in Go)
    go_omitted: tuple[tuple[str, str], ...] = ()  # Go fields left out on purpose: (name, reason)
    # Checks AIStore's own decoder makes (runtime/aischecks.py): (check, JSON keys it reads)
    checks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # AIStore's decoder of this message skips unknown JSON keys even where it is strict
    # elsewhere: its own UnmarshalJSON reads leniently (apc.MossIn)
    ignores_unknown: bool = False
    # Which way it travels: request (client to server), response, both; "" when not stated
    # (breaking.py derives it from the messages that hold it).
    direction: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumValue:
    name: str
    value: int | str
    doc: str = ""
    loc: Loc


@dataclass(frozen=True, slots=True, kw_only=True)
class Enum(_Located):
    """An enumeration; kind `bits` means each value is a bit position."""

    name: str
    doc: str = ""
    kind: EnumKind
    values: tuple[EnumValue, ...]
    mixin: str = ""


_INDEXES: dict[int, tuple[tuple[Message, ...], dict[str, Message]]] = {}


def _by_name(messages: tuple[Message, ...]) -> dict[str, Message]:
    """Messages by name, for Schema.message: a scan per lookup made loading quadratic.
    Kept beside the frozen model (a private attribute would take part in ==), for the few
    latest message tuples."""
    entry = _INDEXES.get(id(messages))
    if entry is None or entry[0] is not messages:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        entry = _INDEXES[id(messages)] = (messages, {m.name: m for m in messages})
    return entry[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Schema:
    """Everything the YAML defines, sorted by name for deterministic output."""

    messages: tuple[Message, ...]
    enums: tuple[Enum, ...]

    def message(self, name: str) -> Message:
        found = _by_name(self.messages).get(name)
        return found if found is not None else next(m for m in self.messages if m.name == name)

    def enum(self, name: str) -> Enum:
        return next(e for e in self.enums if e.name == name)

    def struct_fields(self, message: Message) -> list[Field]:
        """The msgspec struct's fields: the wire fields, then the Python-only (local) ones."""
        return self.wire_fields(message) + [
            f for f in self.flat_fields(message) if f.python.local and not f.python.model_only
        ]

    def flat_fields(self, message: Message) -> list[Field]:
        """Every field with all embedded structs flattened (the msgspec struct's namespace)."""
        out: list[Field] = []
        for field in message.fields:
            out.extend(
                self.flat_fields(self.message(field.wire.type.name))
                if field.wire.embedded
                else [field]
            )
        return out

    def wire_fields(self, message: Message) -> list[Field]:
        """The fields as they appear on the wire: embedded structs flattened, local ones dropped."""
        return [field for field, _ in self.wire_placed(message)]

    def wire_placed(self, message: Message) -> list[tuple[Field, tuple[Field, ...]]]:
        """The wire fields, each with the embedding fields it is promoted through (outermost
        first)."""
        out: list[tuple[Field, tuple[Field, ...]]] = []
        for field in message.fields:
            if field.python.local:
                continue
            if field.wire.embedded:
                inner = self.wire_placed(self.message(field.wire.type.name))
                out += [(f, (field, *via)) for f, via in inner]
            else:
                out.append((field, ()))
        return out
