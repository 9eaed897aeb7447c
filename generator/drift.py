"""`drift`: the schema against a Go version of AIStore, fact by fact, with the fix for each.

Every message that names a Go type (`go:`) is compared with what `harness describe` reads
from that version's source (goimport.py says how a Go field meets the wire). A field that
exists only from or until a version says so with `added:` / `removed:`; drift expects it
in exactly the versions that range covers, so one schema is checked against several.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import Diagnostic
from .goimport import Importer, MessageSpec, WireSpec, refines
from .gosource import Description, GoSourceError, describe, pinned_version
from .ir import Field, Loc, Message, Schema, TypeRef
from .runtime.versions import known_in, span, version_key
from .typeexpr import parse


@dataclass(frozen=True)
class Drift:
    """One difference: where the schema says it, what each side says, and the way out.

    `key`/`value` is the schema edit `--write` makes (value None: remove the key); a
    drift without `key` needs a person (or adds the `spec` as a new field)."""

    loc: Loc
    subject: str  # Message or Message.field
    rule: str  # stable id: json-name, msgpack-name, omit, string, type, embed, ...
    ours: str
    go: str
    fix: str
    key: str = ""
    value: str | bool | None = None
    message: str = ""
    spec: WireSpec | None = None  # a Go field the schema lacks
    after: str = ""  # ... and the Go field before it (the new one is written after that)
    automatic: bool = True

    def diagnostic(self, version: str) -> Diagnostic:
        return Diagnostic(
            rule=f"drift/{self.rule}",
            severity="error",
            message=f"{self.subject}: schema says {self.ours}, Go {version} says {self.go}",
            file=self.loc.file,
            line=self.loc.line,
            column=self.loc.column,
            subject=self.subject,
            hint=self.fix,
            text=self.text(version),
        )

    def text(self, version: str) -> str:
        return (
            f"{self.loc}: {self.subject}: schema says {self.ours}, Go {version} says {self.go}"
            f"\n    fix: {self.fix}"
        )


@dataclass
class Report:
    version: str
    pinned: str
    drifts: list[Drift] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)  # Go structs the schema lacks
    importer: Importer | None = None  # what was read, for `--write`


def _type_of(field: Field) -> TypeRef:
    return replace(field.wire.type, nullable=field.wire.nullable)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def compare_field(
    message: Message, field: Field, spec: WireSpec, msgpack: bool, go_of: Mapping[str, str]
) -> list[Drift]:
    """The wire facts of one field against Go's."""
    subject = f"{message.name}.{field.name}"
    out: list[Drift] = []

    def differ(rule: str, key: str, ours: str, go: str, value: str | bool | None) -> None:
        fix = f"write `{key}: {value}`" if value is not None else f"drop `{key}:`"
        out.append(Drift(field.at(key), subject, rule, ours, go, fix, key, value, message.name))

    if field.wire.embedded != spec.embed:
        out.append(
            Drift(
                field.loc,
                subject,
                "embed",
                "embedded" if field.wire.embedded else "a field",
                "embedded" if spec.embed else "a field",
                "embed or un-embed by hand (the Python layout is a decision)",
                message=message.name,
                automatic=False,
            )
        )
        return out
    go_type = parse(spec.type)
    if not refines(_type_of(field), go_type, go_of):
        differ("type", "type", str(_type_of(field)), spec.type, spec.type)
    if spec.embed:
        return out
    if field.wire.json_key != spec.wire:
        value = None if spec.wire == field.name else spec.wire
        differ("json-name", "wire", repr(field.wire.json_key), repr(spec.wire), value)
    if msgpack and field.wire.msgpack_key != spec.msgpack:
        value = None if spec.msgpack == spec.wire else spec.msgpack
        differ("msgpack-name", "msgpack", repr(field.wire.msgpack_key), repr(spec.msgpack), value)
    if field.wire.omit != spec.omit:
        differ(
            "omit",
            "omit",
            field.wire.omit or "never omitted",
            f"omit{spec.omit}" if spec.omit else "never omitted",
            spec.omit or None,
        )
    if msgpack and spec.msgpack_omit != spec.omit:
        never = "never omitted"
        out.append(
            Drift(
                field.at("omit"),
                subject,
                "msgpack-omit",
                f"one omit rule ({field.wire.omit or never}) for JSON and MessagePack",
                f"JSON {spec.omit or never}, MessagePack {spec.msgpack_omit or never}",
                "the schema language has one omit rule for both: extend it, or list the field",
                message=message.name,
                automatic=False,
            )
        )
    if field.wire.as_string != spec.string:
        differ(
            "string",
            "string",
            f"`,string` {_flag(field.wire.as_string)}",
            f"`,string` {_flag(spec.string)}",
            True if spec.string else None,
        )
    return out


def compare_message(
    message: Message,
    spec: MessageSpec | None,
    version: str,
    pinned: str,
    go_of: Mapping[str, str] | None = None,
) -> list[Drift]:
    """One message against its Go struct (`spec` None: the Go type is gone)."""
    if spec is None:
        return [
            Drift(
                message.at("go"),
                message.name,
                "type-missing",
                f"Go type {message.go}",
                "no such type",
                "it was renamed or removed: point `go:` at its successor, or remove the message",
                message=message.name,
                automatic=False,
            )
        ]
    out: list[Drift] = []
    if message.msgpack != spec.msgpack:
        out.append(
            Drift(
                message.at("msgpack"),
                message.name,
                "msgpack-form",
                "MessagePack " + ("yes" if message.msgpack else "no"),
                "MessagePack " + ("yes" if spec.msgpack else "no"),
                f"write `msgpack: {_flag(spec.msgpack)}`",
                "msgpack",
                True if spec.msgpack else None,
                message.name,
            )
        )
    if message.root is not None:
        ours = message.root
        if spec.root and not refines(ours, parse(spec.root), go_of):
            out.append(
                Drift(
                    message.at("root"),
                    message.name,
                    "type",
                    str(ours),
                    spec.root,
                    f"write `root: {spec.root}`",
                    "root",
                    spec.root,
                    message.name,
                )
            )
        return out
    by_go = {f.wire.go: f for f in message.fields if f.wire.go}
    omitted = dict(message.go_omitted)
    go_names = {s.go for s in spec.fields}
    for index, wire in enumerate(spec.fields):
        found = by_go.get(wire.go)
        if found is None:
            if wire.go not in omitted:
                added = version if version_key(version) > version_key(pinned) else ""
                since = f" (new in {version})" if added else ""
                out.append(
                    Drift(
                        message.loc,
                        f"{message.name}.{wire.go}",
                        "field-missing",
                        "no such field",
                        f"Go field {wire.go} ({wire.type}, JSON {wire.wire!r}){since}",
                        "add it (--write does, with Go's wire facts and doc)"
                        + (f" marked `added: {added}`" if added else "")
                        + ", or list it in go_omitted with a reason",
                        message=message.name,
                        spec=wire,
                        value=added or None,
                        after=spec.fields[index - 1].go if index else "",
                    )
                )
            continue
        if not known_in(found.wire.added, found.wire.removed, version):
            out.append(_range_drift(message, found, version, present=True))
            continue
        out += compare_field(message, found, wire, message.msgpack, go_of or {})
    for own in message.fields:
        if own.python.local:
            continue
        if not own.wire.go:
            out.append(
                Drift(
                    own.loc,
                    f"{message.name}.{own.name}",
                    "no-go-field",
                    "on the wire",
                    "nothing names it",
                    "name its Go field with `go:`, or make it `python: {local: true}`",
                    message=message.name,
                    automatic=False,
                )
            )
        elif own.wire.go not in go_names and known_in(own.wire.added, own.wire.removed, version):
            out.append(_range_drift(message, own, version, present=False, pinned=pinned))
    return out


def _range_drift(
    message: Message, own: Field, version: str, present: bool, pinned: str = ""
) -> Drift:
    """A field Go has where its range says it should not, or lacks where it should."""
    subject = f"{message.name}.{own.name}"
    ours = span(own.wire.added, own.wire.removed) or "in every version"
    if present:  # the range excludes this version, yet Go has the field
        key = (
            "added"
            if own.wire.added and version_key(version) < version_key(own.wire.added)
            else "removed"
        )
        return Drift(
            own.at(key),
            subject,
            "version-range",
            ours,
            f"Go field {own.wire.go} exists",
            f"widen the range: drop `{key}:` or move it past {version}",
            message=message.name,
            automatic=False,
        )
    newer = version_key(version) > version_key(pinned) if pinned else True
    key, value = ("removed", version) if newer else ("added", pinned)
    return Drift(
        own.loc,
        subject,
        "field-removed" if newer else "field-not-yet",
        ours,
        f"no Go field {own.wire.go}",
        f"write `{key}: {value}` (servers of {version} reject the key)"
        if newer
        else f"write `{key}: {value}` (the field came after {version})",
        key,
        value,
        message.name,
    )


def check(
    schema: Schema, go_dir: Path, version: str | None = None, desc: Description | None = None
) -> Report:
    """Every `go:` message of the schema against one Go version (the pin when None)."""
    pinned = pinned_version(go_dir)
    version = version or pinned
    messages = [m for m in schema.messages if m.go]
    if desc is None:
        desc = describe_all(messages, go_dir, version)
    importer = Importer(desc, schema)
    report = Report(version=desc.version or version, pinned=pinned, importer=importer)
    known = {m.go for m in messages}
    go_of = {m.name: m.go for m in messages}
    for message in messages:
        qualified = desc.requested.get(message.go)
        spec = importer.spec(qualified) if qualified in desc.types else None
        report.drifts += compare_message(message, spec, report.version, pinned, go_of)
        if spec is not None:
            report.reached += [
                g for g in spec.reached if g not in known and g not in report.reached
            ]
    return report


def describe_all(messages: list[Message], go_dir: Path, version: str) -> Description:
    """One describe run for all messages; a Go type that is gone is left out (check() then
    reports it). The harness names the first type it cannot find: each is dropped in turn."""
    names = [m.go for m in messages]
    while True:
        try:
            return describe(names, go_dir, version)
        except GoSourceError as exc:
            gone = [n for n in names if f'"{n}"' in str(exc)]
            if not gone:
                raise
            names = [n for n in names if n not in gone]


def sorted_drifts(report: Report) -> list[Drift]:
    return sorted(report.drifts, key=lambda d: (d.loc.file, d.loc.line, d.loc.column))


def print_report(report: Report) -> None:
    for drift in sorted_drifts(report):
        print(drift.text(report.version))
