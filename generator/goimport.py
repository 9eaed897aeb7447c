"""Go declarations -> the schema's wire facts: what `import-go` writes and `drift` compares.

Each rule of how a Go struct meets the wire is here once:
- the JSON name is the json tag's name, else the Go field name; `-` keeps it out of JSON;
- the MessagePack name (types with tinylib/msgp code) is the msg tag's, else the Go field
  name (msgp never reads json tags); unexported fields are encoded by AIStore's msgp code
  (generated with -unexported) unless tagged `msg:"-"`; `-` keeps a field out of it;
- omitempty and omitzero become `omit:`, `,string` becomes `string: true`;
- an embedded struct is `embed: true` (its fields are promoted on the wire);
- a pointer is nullable; so are a slice, a map and `any`, except where JSON omits their
  nil (omitempty) and no MessagePack form can carry it;
- Go `int` is int64 (AIStore builds for 64-bit platforms only), `[]byte` is bytes,
  time.Time is time, time.Duration is duration, AIStore's cos.Duration is its duration
  text, resource.Quantity is a Kubernetes quantity, an interface with implementations is
  interface[...] of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .gosource import Description, GoDecl, GoField, GoType
from .ir import Schema, TypeRef

# Named Go types with a wire form of their own (MarshalJSON / custom text).
_TEXT_TYPES = {
    "time.Time": "time",
    "time.Duration": "duration",
    "cos.Duration": "duration_text",
    "resource.Quantity": "quantity",
    "atomic.Bool": "bool",  # AIStore's cmn/atomic: MarshalJSON writes the plain bool
}
_BASIC = {"string": "str", "bool": "bool", **{n: n for n in (
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64",
)}}  # fmt: skip
# Comment lines that are annotations for Go tools, not documentation.
_NOT_DOC = re.compile(
    r"^\s*(\+\w.*|(TODO|FIXME|XXX)\b.*|nolint\b.*|lint:.*|go:\w.*|NOTE:\s*)$", re.I
)


@dataclass(frozen=True)
class WireSpec:
    """One Go field's wire facts, as schema keys (`type` includes `?`)."""

    go: str
    type: str
    wire: str  # JSON name, "-" when only MessagePack carries it
    msgpack: str  # "-" when not in MessagePack, "" when the message has no MessagePack form
    omit: str = ""
    string: bool = False
    embed: bool = False
    doc: str = ""
    structs: tuple[str, ...] = ()  # the Go structs its type names (to import along)
    msgpack_omit: str = ""  # the msg tag's omitempty/omitzero (the schema's `omit` is both)


@dataclass(frozen=True)
class MessageSpec:
    """A Go struct's wire contract."""

    go: str
    msgpack: bool
    doc: str
    source: str
    fields: tuple[WireSpec, ...]
    root: str = ""  # a named map or slice type: its type expression
    reached: tuple[str, ...] = field(default=())  # Go structs its fields name


def clean_doc(text: str) -> str:
    """A Go comment as documentation: annotation lines dropped, lines joined."""
    lines = [line for line in text.splitlines() if not _NOT_DOC.match(line)]
    return " ".join(" ".join(lines).split())


def _omit(options: set[str]) -> str:
    return "empty" if "omitempty" in options else "zero" if "omitzero" in options else ""


def tag_parts(raw: str | None) -> tuple[str | None, set[str]]:
    if raw is None:
        return None, set()
    name, *options = raw.split(",")
    return name, set(options)


class Importer:
    """Turns the structs of one description into specs, naming types as the schema does."""

    def __init__(self, desc: Description, schema: Schema | None = None):
        self.desc = desc
        self.names = {m.go: m.name for m in schema.messages if m.go} if schema else {}

    def name_of(self, go: str) -> str:
        """The schema name of a Go type: the message that says `go:` it, else its Go name
        (capitalised: an unexported Go struct can be embedded, dsort's phaseBase)."""
        name = self.names.get(go) or go.rsplit(".", 1)[-1]
        return name[:1].upper() + name[1:]

    def spec(self, go: str) -> MessageSpec:
        decl = self.desc.types[go]
        doc = clean_doc(decl.doc)
        if decl.kind != "struct" or decl.json_marshaler:
            shape = decl.underlying if decl.underlying is not None else GoType("named", go)
            root = self.type_text(shape)
            return MessageSpec(
                go=go, msgpack=decl.msgp, doc=doc, source=decl.source, fields=(), root=root
            )
        fields: list[WireSpec] = []
        reached: list[str] = []
        for gofield in decl.fields:
            spec = self.field(decl, gofield)
            if spec is None:
                continue
            fields.append(spec)
            reached += spec.structs
        return MessageSpec(
            go=go,
            msgpack=decl.msgp,
            doc=doc,
            source=decl.source,
            fields=tuple(fields),
            reached=tuple(dict.fromkeys(reached)),
        )

    def field(self, decl: GoDecl, gofield: GoField) -> WireSpec | None:
        """The wire facts of one field; None when it reaches neither JSON nor MessagePack."""
        json_name, json_opts = tag_parts(gofield.json)
        msg_name, msg_opts = tag_parts(gofield.msg)
        # an embedded unexported struct's exported fields are promoted (dsort's phaseBase)
        embedded = self.desc.types.get(gofield.type.name) if gofield.embedded else None
        promoted = embedded is not None and embedded.kind == "struct"
        in_json = (gofield.exported or promoted) and json_name != "-"
        msgpack = ""
        if decl.msgp:
            msgpack = msg_name or gofield.name
        in_msgpack = msgpack not in ("", "-")
        if not in_json and not in_msgpack:
            return None
        omit = _omit(json_opts)
        if omit == "empty" and self._struct_as_scalar(gofield.type):
            omit = ""  # encoding/json never omits a struct for omitempty (atomic.Bool)
        if gofield.embedded:
            return WireSpec(
                go=gofield.name,
                type=self.type_text(gofield.type).rstrip("?"),
                wire="",  # an embedded struct has no key: its fields are promoted
                msgpack="",
                embed=True,
                doc=clean_doc(gofield.doc),
                structs=tuple(self.structs_in(gofield.type)),
            )
        text = self.type_text(gofield.type)
        if text.endswith("?") and omit and not decl.msgp and gofield.type.kind != "pointer":
            text = text[:-1]  # JSON omits the nil and no MessagePack form carries it
        return WireSpec(
            go=gofield.name,
            type=text,
            wire=(json_name or gofield.name) if in_json else "-",
            msgpack=msgpack,
            omit=omit,
            string="string" in json_opts,
            doc=clean_doc(gofield.doc),
            structs=tuple(self.structs_in(gofield.type)),
            msgpack_omit=_omit(msg_opts) if in_msgpack else omit,
        )

    def _struct_as_scalar(self, t: GoType) -> bool:
        """A Go struct whose own marshaller writes a scalar the codec treats as one (the
        codec knows time and quantity are structs)."""
        decl = self.desc.types.get(t.name) if t.kind == "named" else None
        kind = _TEXT_TYPES.get(t.name, "")
        return decl is not None and decl.kind == "struct" and kind not in ("", "time", "quantity")

    def type_text(self, t: GoType) -> str:
        """The schema type expression of a Go type (`?` where Go can hold nil)."""
        if t.kind == "pointer":
            assert t.elem is not None
            return self.type_text(t.elem).rstrip("?") + "?"
        if t.kind == "basic":
            return _BASIC.get(t.name, "any")
        if t.kind == "interface":
            return "any?"
        if t.kind in ("slice", "array"):
            assert t.elem is not None
            if t.elem.kind == "basic" and t.elem.name == "uint8":
                return "bytes?" if t.kind == "slice" else "list[uint8]"
            return f"list[{self.type_text(t.elem)}]" + "?" * (t.kind == "slice")
        if t.kind == "map":
            assert t.elem is not None
            return f"map[str, {self.type_text(t.elem)}]?"
        if t.kind != "named":
            return "any"
        if t.name in _TEXT_TYPES:
            return _TEXT_TYPES[t.name]
        decl = self.desc.types.get(t.name)
        if decl is None or t.name in self.names and decl.kind != "interface":
            return self.name_of(t.name)
        if decl.kind == "interface":
            if not decl.implementations:
                return "any?"
            options = ", ".join(self.name_of(i) for i in decl.implementations)
            return f"interface[{options}]?"
        if decl.kind == "struct":
            return self.name_of(t.name) if not decl.json_marshaler else "any"
        assert decl.underlying is not None
        return self.type_text(decl.underlying)

    def structs_in(self, t: GoType) -> list[str]:
        """The Go structs (and interfaces' implementations) a field's type names."""
        if t.kind != "named":
            return [n for sub in (t.elem, t.key) if sub for n in self.structs_in(sub)]
        decl = self.desc.types.get(t.name)
        if decl is None or t.name in _TEXT_TYPES:
            return []
        if decl.kind == "interface":
            return list(decl.implementations)
        if decl.kind == "struct":
            return [] if decl.json_marshaler else [t.name]
        return self.structs_in(decl.underlying) if decl.underlying else []


def refines(ours: TypeRef, go: TypeRef, go_of: Mapping[str, str] | None = None) -> bool:
    """Is the schema's type Go's, or a Python refinement with the same wire form?

    An enum over Go's string or integer, a flagset over its unsigned bitmask, seconds over a
    time.Duration, base64 text over a []byte, interface options in another order, and
    another message of the same Go type (`go_of`: message name -> Go type; the SDK's
    ClusterInfo and ClusterPermission are both authn.CluACL) say nothing new about the wire.
    """
    go_of = go_of or {}
    if ours.nullable != go.nullable:
        return False
    if ours.kind == "enum" and go.kind == "scalar":
        return go.name == "str" or go.name in _BASIC and go.name.startswith(("int", "uint"))
    if ours.kind == "flagset" and go.kind == "scalar":
        return go.name.startswith("uint") or go.name == "int64"
    if ours.kind == "oneof" and go.kind == "oneof":
        return sorted(o.name for o in ours.options) == sorted(o.name for o in go.options)
    if ours.kind in ("message", "enum") and go.kind == "message":
        return go_of.get(ours.name, ours.name) == go_of.get(go.name, go.name)
    if (ours.kind, ours.name, go.name) == ("scalar", "seconds", "duration"):
        return True  # Go's nanoseconds, held in Python as seconds
    if (ours.kind, ours.name, go.name) == ("scalar", "base64", "bytes"):
        return True  # Go's []byte, held in Python as its base64 text
    if ours.kind != go.kind or ours.name != go.name:
        return False
    if ours.item is None or go.item is None:
        return ours.item is go.item
    return refines(ours.item, go.item, go_of)
