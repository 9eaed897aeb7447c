"""`breaking`: which schema edits break clients or servers on the wire, before they merge.

Two revisions of the schema are compared message by message.  AIStore's decoders refuse
unknown keys, so a change is judged per direction, for both pairings of versions (an older
reader of a newer writer, and a newer reader of an older one):

- request (client to server): the reader is an AIStore server, always strict;
- response (server to client): the reader is a client; some breaks hit only clients that
  refuse unknown keys or values (`strict`), as `aistore_models.decode(strict=True)` does.

Each message travels one way or both (`direction:`; a struct held by others travels as they
do, see `directions`).  Every change has a stable rule id (RULES; docs/diagnostics.md), and
changes that do not touch the wire (docs, Python names, defaults, mixins) are listed as such.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic, Severity, sorted_by_place
from .directions import DIRECTIONS, directions
from .goimport import refines
from .ir import Enum, Field, Loc, Message, Schema, TypeRef
from .loader import load as load
from .runtime.gorules import INT_RANGES

BREAKING, STRICT, COMPATIBLE, NON_WIRE = "breaking", "strict", "compatible", "non-wire"
_RANK = {NON_WIRE: 0, COMPATIBLE: 1, STRICT: 2, BREAKING: 3}


@dataclass(frozen=True)
class Rule:
    request: str  # the verdict when the message is a request ...
    response: str  # ... and when it is a response
    why: str  # who breaks, in a few words


RULES: dict[str, Rule] = {
    "message-removed": Rule(BREAKING, BREAKING, "its payloads can no longer be built or read"),
    "message-renamed": Rule(NON_WIRE, NON_WIRE, "same wire form under a new Python name"),
    "message-added": Rule(COMPATIBLE, COMPATIBLE, "new"),
    "field-removed": Rule(
        BREAKING, STRICT, "older writers still send the key; a strict reader refuses it"
    ),
    "field-added": Rule(
        BREAKING, STRICT, "older readers refuse the unknown key (servers always, clients if strict)"
    ),
    "json-name": Rule(BREAKING, BREAKING, "each side writes a key the other does not read"),
    "msgpack-name": Rule(BREAKING, BREAKING, "each side writes a key the other does not read"),
    "type-narrowed": Rule(BREAKING, BREAKING, "older writers' values may not fit"),
    "type-widened": Rule(BREAKING, BREAKING, "newer writers' values may not fit older readers"),
    "type-signedness": Rule(BREAKING, BREAKING, "values of one sign do not fit the other"),
    "type-int-string": Rule(BREAKING, BREAKING, "a number and a string do not read as each other"),
    "type-shape": Rule(BREAKING, BREAKING, "a scalar, a list, a map and a struct are not alike"),
    "type-changed": Rule(BREAKING, BREAKING, "the other side's decoder refuses the value"),
    "type-refined": Rule(NON_WIRE, NON_WIRE, "the same wire form in a finer Python type"),
    "string": Rule(
        BREAKING, BREAKING, "`,string` reads only quoted values, and without it only bare"
    ),
    "omit": Rule(COMPATIBLE, COMPATIBLE, "an absent key reads as the zero value"),
    "nullable": Rule(COMPATIBLE, COMPATIBLE, "JSON null reads as the zero value"),
    "nullable-msgpack": Rule(BREAKING, BREAKING, "tinylib/msgp refuses nil where no pointer is"),
    "embed": Rule(BREAKING, BREAKING, "flattened and nested keys are different payloads"),
    "root-type": Rule(BREAKING, BREAKING, "the payload has another shape"),
    "msgpack-removed": Rule(BREAKING, BREAKING, "its MessagePack form is gone"),
    "msgpack-added": Rule(COMPATIBLE, COMPATIBLE, "a new MessagePack form"),
    "enum-value-removed": Rule(BREAKING, BREAKING, "older writers still send the value"),
    "enum-value-changed": Rule(BREAKING, BREAKING, "the same name means another value on the wire"),
    "enum-value-added": Rule(BREAKING, STRICT, "older readers do not know the value"),
    "versions": Rule(COMPATIBLE, COMPATIBLE, "which AIStore releases know the field"),
    "direction": Rule(NON_WIRE, NON_WIRE, "the message's stated direction"),
    "doc": Rule(NON_WIRE, NON_WIRE, "documentation"),
    "python": Rule(NON_WIRE, NON_WIRE, "Python facts (attribute names, defaults, mixins)"),
}


class AgainstError(Exception):
    """The other revision could not be read (not a directory, not a git revision)."""


# --------------------------------------------------------------------------- reading REF


@contextmanager
def against(ref: str, schema_dir: Path) -> Iterator[tuple[Schema, str, str]]:
    """The other revision's schema, with (its file prefix as loaded, as shown): a directory,
    or a git revision of `schema_dir` read with `git archive` (no checkout)."""
    if Path(ref).is_dir():
        yield load(Path(ref)), "", ""
        return
    try:
        top = _git(schema_dir, "rev-parse", "--show-toplevel").strip()
    except AgainstError:
        top = ""
    if not top:
        raise AgainstError(
            f"{ref!r} is not a directory, and {schema_dir} is not in a git work tree"
        )
    rel = schema_dir.resolve().relative_to(Path(top).resolve()).as_posix()
    try:
        _git(Path(top), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except AgainstError:
        raise AgainstError(f"{ref!r} is neither a directory nor a git revision") from None
    try:
        _git(Path(top), "cat-file", "-e", f"{ref}:{rel}")
    except AgainstError:
        raise AgainstError(f"{ref} has no {rel}/") from None
    with tempfile.TemporaryDirectory(prefix="aismodels-breaking-") as tmp:
        archive = Path(tmp) / "schema.tar"
        _git(Path(top), "archive", "--format=tar", "-o", str(archive), ref, "--", rel)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp) / rel
        if not root.is_dir():
            raise AgainstError(f"{ref} has no {rel}/")
        yield load(root), str(root), f"{ref}:{rel}"


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise AgainstError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        raise AgainstError(f"git {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class Change:
    rule: str
    subject: str
    loc: Loc
    old_side: bool  # the place is in the other revision (a removal)
    what: str
    directions: tuple[str, ...]

    def verdicts(self, lenient_clients: bool = False) -> dict[str, str]:
        """The verdict per direction the message travels (strict-only breaks are compatible
        when every client is lenient)."""
        rule = RULES[self.rule]
        out = {d: getattr(rule, d) for d in DIRECTIONS if d in self.directions}
        if lenient_clients and out.get("response") == STRICT:
            out["response"] = COMPATIBLE
        return out


def compare(old: Schema, new: Schema) -> list[Change]:
    """Every change from `old` to `new`, message by message and enum by enum."""
    old_dirs, new_dirs = directions(old), directions(new)
    out: list[Change] = []
    old_by = {m.name: m for m in old.messages}
    new_by = {m.name: m for m in new.messages}
    renamed = _renames(old, new, old_by, new_by)
    for name, message in old_by.items():
        if name in new_by:  # judged by the newest statement of its direction
            out += _message(old_by[name], new_by[name], new_dirs[name])
        elif name in renamed:
            target = new_by[renamed[name]]
            what = f"renamed to {target.name} (same wire form)"
            out.append(
                Change("message-renamed", name, target.loc, False, what, new_dirs[target.name])
            )
        else:
            out.append(
                Change("message-removed", name, message.loc, True, "removed", old_dirs[name])
            )
    for name, message in new_by.items():
        if name not in old_by and name not in renamed.values():
            out.append(Change("message-added", name, message.loc, False, "added", new_dirs[name]))
    out += _enums(old, new, new_dirs)
    return out


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(d for d in DIRECTIONS if any(d in g for g in groups))


def _renames(
    old: Schema, new: Schema, old_by: dict[str, Message], new_by: dict[str, Message]
) -> dict[str, str]:
    """Old name -> new name for a message that moved to another name with its wire form."""
    gone = [m for n, m in old_by.items() if n not in new_by]
    fresh = [m for n, m in new_by.items() if n not in old_by]
    out: dict[str, str] = {}
    for message in gone:
        same = [
            m for m in fresh if _wire_form(m) == _wire_form(message) and m.name not in out.values()
        ]
        if same:
            out[message.name] = same[0].name
    return out


def _wire_form(message: Message) -> tuple[object, ...]:
    return (
        message.go,
        str(message.root) if message.root else "",
        tuple((f.wire.json_key, f.wire.msgpack_key, str(f.wire.type), f.wire.nullable,
               f.wire.omit, f.wire.as_string, f.wire.embedded) for f in message.fields),
    )  # fmt: skip


def _message(old: Message, new: Message, dirs: tuple[str, ...]) -> list[Change]:
    out: list[Change] = []

    def change(rule: str, subject: str, loc: Loc, what: str, old_side: bool = False) -> None:
        out.append(Change(rule, subject, loc, old_side, what, dirs))

    if (old.root is None) != (new.root is None) or (
        old.root and new.root and not _same_type(old.root, new.root)
    ):
        change("root-type", new.name, new.at("root"), f"root type {old.root} -> {new.root}")
    if old.msgpack != new.msgpack:
        rule = "msgpack-added" if new.msgpack else "msgpack-removed"
        change(rule, new.name, new.at("msgpack"), "MessagePack form " + rule.split("-")[1])
    if old.direction != new.direction:
        shown = f"{old.direction or 'unstated'} -> {new.direction or 'unstated'}"
        change("direction", new.name, new.at("direction"), f"direction {shown}")
    if old.doc != new.doc:
        change("doc", new.name, new.at("doc"), "doc changed")
    if old.mixin != new.mixin:
        change(
            "python", new.name, new.at("mixin"), f"mixin {old.mixin or '-'} -> {new.mixin or '-'}"
        )
    if (old.ignores_unknown, old.checks) != (new.ignores_unknown, new.checks):
        change("python", new.name, new.at("checks"), "AIStore's own decoder checks changed")
    old_fields = {f.name: f for f in old.fields}
    new_fields = {f.name: f for f in new.fields}
    by_key = {f.wire.json_key: f for f in new.fields if f.name not in old_fields}
    moved: dict[str, Field] = {}
    for name, field in old_fields.items():
        if name not in new_fields and field.wire.json_key in by_key:
            moved[name] = by_key.pop(field.wire.json_key)
    for name, field in old_fields.items():
        subject = f"{new.name}.{name}"
        if name in new_fields:
            out += [
                Change(rule, subject, loc, False, what, dirs)
                for rule, loc, what in _field(field, new_fields[name], new.msgpack)
            ]
        elif name in moved:
            target = moved[name]
            what = f"Python name {name} -> {target.name} (same wire key {field.wire.json_key!r})"
            change("python", f"{new.name}.{target.name}", target.loc, what)
            out += [
                Change(rule, f"{new.name}.{target.name}", loc, False, what, dirs)
                for rule, loc, what in _field(field, target, new.msgpack)
            ]
        elif _on_wire(field, old.msgpack):
            change(
                "field-removed", subject, field.loc, f"field {field.wire.json_key!r} removed", True
            )
        else:
            change("python", subject, field.loc, "Python-only attribute removed", True)
    for name, field in new_fields.items():
        if name in old_fields or field in moved.values():
            continue
        subject = f"{new.name}.{name}"
        if not _on_wire(field, new.msgpack):
            change("python", subject, field.loc, "Python-only attribute added")
        else:
            change("field-added", subject, field.loc, f"field {field.wire.json_key!r} added")
    return out


def _field(old: Field, new: Field, msgpack: bool) -> list[tuple[str, Loc, str]]:
    """(rule, place, what) for each difference between two versions of one field."""
    out: list[tuple[str, Loc, str]] = []
    w0, w1 = old.wire, new.wire
    if w0.embedded != w1.embedded:
        out.append(("embed", new.at("embed"), "embedded" if w1.embedded else "no longer embedded"))
        return out
    if w0.json_key != w1.json_key:
        out.append(("json-name", new.at("wire"), f"JSON key {w0.json_key!r} -> {w1.json_key!r}"))
    if msgpack and w0.msgpack_key != w1.msgpack_key:
        what = f"MessagePack key {w0.msgpack_key!r} -> {w1.msgpack_key!r}"
        out.append(("msgpack-name", new.at("msgpack"), what))
    rule = _type_change(w0.type, w1.type)
    if rule:
        out.append((rule, new.at("type"), f"type {w0.type} -> {w1.type}"))
    if w0.as_string != w1.as_string:
        out.append(
            ("string", new.at("string"), f"`,string` {'added' if w1.as_string else 'removed'}")
        )
    if w0.omit != w1.omit:
        what = f"omit{w0.omit or ' never'} -> omit{w1.omit or ' never'}".replace(
            "omit never", "never omitted"
        )
        out.append(("omit", new.at("omit"), what))
    if w0.nullable != w1.nullable:
        what = "now nullable" if w1.nullable else "no longer nullable"
        out.append(("nullable-msgpack" if msgpack else "nullable", new.at("type"), what))
    if (w0.added, w0.removed) != (w1.added, w1.removed):
        what = f"known from {w1.added or 'always'} until {w1.removed or 'now'}"
        out.append(("versions", new.at("added"), what))
    if old.doc != new.doc:
        out.append(("doc", new.at("doc"), "doc changed"))
    if _stated(old) != _stated(new):
        out.append(("python", new.loc, "Python facts changed (default, local, ...)"))
    return out


def _on_wire(field: Field, msgpack: bool) -> bool:
    """Whether the field travels at all (in JSON, or in the message's MessagePack form)."""
    if field.python.local:
        return False
    return field.wire.json_key != "-" or msgpack and field.wire.msgpack_key != "-"


def _stated(field: Field) -> dict[str, object]:
    """The Python facts the schema states (a default that is Go's zero follows the type)."""
    facts = asdict(field.python)
    if not field.python.explicit_default:
        facts.pop("default")
    return facts


def _same_type(a: TypeRef, b: TypeRef) -> bool:
    return a == b or refines(a, b) or refines(b, a)


def _type_change(old: TypeRef, new: TypeRef) -> str:
    """The rule of a type change ('' when the wire form is the same)."""
    old_n, new_n = (replace(t, nullable=False) for t in (old, new))
    if old_n == new_n:
        return ""
    if refines(old_n, new_n) or refines(new_n, old_n):
        return "type-refined"
    if old_n.is_int and new_n.is_int:
        (lo0, hi0), (lo1, hi1) = INT_RANGES[old_n.name], INT_RANGES[new_n.name]
        if (lo0 < 0) != (lo1 < 0):
            return "type-signedness"
        return "type-narrowed" if hi1 < hi0 else "type-widened"
    kinds = {_shape(old_n), _shape(new_n)}
    if kinds == {"int", "str"}:
        return "type-int-string"
    if kinds & {"list", "map", "message", "oneof"} and len(kinds) == 2:
        return "type-shape"
    return "type-changed"


_TEXT = ("str", "time", "duration_text", "base64", "bytes", "quantity")


def _shape(ref: TypeRef) -> str:
    """What a JSON reader sees: a number, text, a list, a map, a struct, or the scalar itself."""
    if ref.kind in ("list", "map", "message", "oneof"):
        return ref.kind
    if ref.is_int or ref.name in ("duration", "seconds"):
        return "int"
    return "str" if ref.name in _TEXT else f"{ref.kind}:{ref.name}"


def _enums(old: Schema, new: Schema, new_dirs: dict[str, tuple[str, ...]]) -> list[Change]:
    users: dict[str, set[str]] = {}
    for message in new.messages:
        for f in message.fields:
            for ref in f.wire.type.walk():
                if ref.kind in ("enum", "flagset"):
                    users.setdefault(ref.name, set()).add(message.name)
    out: list[Change] = []
    old_by = {e.name: e for e in old.enums}
    for enum in new.enums:
        if enum.name not in old_by:
            continue
        dirs = _union(*(new_dirs[m] for m in users.get(enum.name, ()))) or DIRECTIONS
        out += _enum(old_by[enum.name], enum, dirs)
    return out


def _enum(old: Enum, new: Enum, dirs: tuple[str, ...]) -> list[Change]:
    old_values = {v.name: v.value for v in old.values}
    out: list[Change] = []
    new_names = {v.name for v in new.values}
    for value in new.values:
        subject = f"{new.name}.{value.name}"
        if value.name not in old_values:
            out.append(
                Change(
                    "enum-value-added",
                    subject,
                    value.loc,
                    False,
                    f"value {value.value!r} added",
                    dirs,
                )
            )
        elif old_values[value.name] != value.value:
            what = f"value {old_values[value.name]!r} -> {value.value!r}"
            out.append(Change("enum-value-changed", subject, value.loc, False, what, dirs))
    for value in old.values:
        if value.name not in new_names:
            subject = f"{new.name}.{value.name}"
            what = f"value {value.value!r} removed"
            out.append(Change("enum-value-removed", subject, value.loc, True, what, dirs))
    return out


# --------------------------------------------------------------------------- the report

_SEVERITY: dict[str, Severity] = {
    BREAKING: "error", STRICT: "error", COMPATIBLE: "warning", NON_WIRE: "note",
}  # fmt: skip


def diagnostics(
    changes: list[Change], old_prefix: str = "", old_shown: str = "", lenient_clients: bool = False
) -> list[Diagnostic]:
    """One diagnostic per change, sorted by place; a removal's place is in the old revision,
    shown as `REF:path` when it was read from git."""
    out = []
    for change in changes:
        file = change.loc.file
        if change.old_side and old_prefix and file.startswith(old_prefix):
            file = old_shown + file[len(old_prefix) :]
        verdicts = change.verdicts(lenient_clients)
        shown = ", ".join(f"{d}: {v}" for d, v in verdicts.items())
        verdict = max(verdicts.values(), key=_RANK.__getitem__, default=NON_WIRE)
        wire = any(v != NON_WIRE for v in verdicts.values())
        message = f"{change.subject}: {change.what}" + (f" [{shown}]" if wire else "")
        text = f"{file}:{change.loc.line}:{change.loc.column}: {verdict}: {message}"
        if verdict in (BREAKING, STRICT):
            text += f"\n    why: {RULES[change.rule].why}"
        out.append(
            Diagnostic(
                rule=f"breaking/{change.rule}",
                severity=_SEVERITY[verdict],
                message=message,
                file=file,
                line=change.loc.line,
                column=change.loc.column,
                subject=change.subject,
                text=text,
                facts={"verdict": verdict, "directions": verdicts},
            )
        )
    return sorted_by_place(out)


def summary(found: list[Diagnostic], against_ref: str) -> str:
    counts = {v: 0 for v in _RANK}
    for diagnostic in found:
        counts[diagnostic.facts["verdict"]] += 1
    parts = [f"{counts[v]} {v}" for v in (BREAKING, STRICT, COMPATIBLE, NON_WIRE)]
    return f"against {against_ref}: " + ", ".join(parts) + " change(s)"
