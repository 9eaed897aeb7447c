"""Load schema/*.yaml into the IR, reporting every problem with file:line:column.

The YAML is read once: `_read_*` turns located nodes into IR objects (shape, keys,
literal values) that keep where each key's value was written (`key_locs`); `_check_*`
then validates, from the IR alone, what needs the whole schema (references, embedding,
name clashes after flattening, defaults against enums).
"""

from __future__ import annotations

import ast
import datetime
import difflib
import functools
import keyword
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from . import kinds, typeexpr
from .ir import (
    SCALARS,
    EmbedLayout,
    Enum,
    EnumKind,
    EnumValue,
    Field,
    Loc,
    Message,
    Omit,
    PythonFacts,
    Schema,
    TypeRef,
    WireFacts,
)
from .kinds import zero_value
from .problems import Problem, SchemaErrors
from .runtime import aischecks
from .runtime.gorules import NOT_ON_WIRE
from .runtime.versions import version_key
from .yamlsrc import Node, parse, read

BEHAVIOUR_MODULE = "behaviour.py"

_TOP_KEYS = {"messages", "enums"}
_MESSAGE_KEYS = {
    "doc", "go", "fields", "root", "mixin", "msgpack", "go_omitted", "checks", "ignores_unknown",
    "direction",
}  # fmt: skip
DIRECTION_VALUES = ("request", "response", "both")  # what `direction:` may say
# A field's wire facts (what Go says; `import-go` may write them) sit at the top, its Python
# facts (what our users see) under `python:`.
_FIELD_KEYS = {
    "type", "wire", "msgpack", "doc", "omit", "string", "embed", "wire_required", "go", "python",
    "select", "added", "removed",
}  # fmt: skip
_PYTHON_KEYS = {
    "required", "default", "coerce", "ensure_suffix", "local", "defaults", "embed", "base64_text",
}  # fmt: skip
# Spellings of earlier schema versions: each is refused with the way to write it now.
_MOVED = {
    "required": ("a Python fact: it moved under `python:`", "write `python: {required: true}`"),
    "default": ("a Python fact: it moved under `python:`", "write `python: {default: ...}`"),
    "coerce": ("a Python fact: it moved under `python:`", "write `python: {coerce: true}`"),
    "ensure_suffix": (
        "a Python fact: it moved under `python:`",
        'write `python: {ensure_suffix: "..."}`',
    ),
    "local": ("a Python fact: it moved under `python:`", "write `python: {local: true}`"),
    "defaults": ("a Python fact: it moved under `python:`", "write `python: {defaults: zero}`"),
    "nullable": (
        "spelled `?` on the type now",
        "write `type: T?` (a Go pointer, nil slice or map)",
    ),
}
_ENUM_KEYS = {"doc", "kind", "values", "mixin"}
_ENUM_VALUE_KEYS = {"value", "doc"}

# A target's verdict on a field name: why it cannot be an attribute there ('' if it can).
NameCheck = Callable[[str], str]
# Fixed rather than keyword.softkwlist, so every Python version gives the same verdict.
_SOFT_KEYWORDS = {"_", "case", "match", "type"}
_RENAME_HINT = {
    "name": "choose another name; `go:` keeps the Go type's name",
    "field name": "choose another name; `wire:` keeps the JSON key",
    "enum member": "choose another member name; the value stays as it is",
}


def load(schema_dir: Path, name_checks: Sequence[NameCheck] = ()) -> Schema:
    """Read every *.yaml file of schema_dir; raise SchemaErrors listing all problems.

    `name_checks` are the targets' rules for field names (emit/models.py, emit/structs.py):
    each field name goes through them here, so their problems come with every other one."""
    problems: list[Problem] = []
    files = sorted(schema_dir.glob("*.yaml"))
    for stray in sorted(schema_dir.glob("*.yml")):  # never read, so never left unsaid
        problems.append(
            Problem(
                None,
                f"{stray.name} is not read: schema files end in .yaml",
                f"rename it to {stray.stem}.yaml",
                path=_display(stray),
                rule="yml",
            )
        )
    if not files:
        yml = sorted(p.name for p in schema_dir.glob("*.yml"))
        hint = f"rename {yml[0]} to .yaml" if yml else "schema files end in .yaml"
        raise SchemaErrors(
            [Problem(None, "no *.yaml files in this directory", hint, path=_display(schema_dir))]
        )
    behaviour = schema_dir / BEHAVIOUR_MODULE
    mixins = _mixin_names(behaviour, problems)
    messages: dict[str, Message] = {}
    enums: dict[str, Enum] = {}
    for path in files:
        text = read(path, _display(path), problems)
        root = None if text is None else parse(text, _display(path), problems)
        if root is not None:
            _read_file(root, messages, enums, problems, name_checks)
    schema = _check(messages, enums, mixins, problems, behaviour)
    if problems:
        raise SchemaErrors(problems)
    return schema


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _mixin_names(path: Path, problems: list[Problem]) -> set[str]:
    if not path.exists():
        return set()
    text = read(path, _display(path), problems)
    if text is None:
        return set()
    try:
        tree = ast.parse(text, filename=str(path))
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte, before Python 3.12
        line, column = (
            (exc.lineno or 1, exc.offset or 1) if isinstance(exc, SyntaxError) else (1, 1)
        )
        reason = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        loc = Loc(file=_display(path), line=line, column=column)
        problems.append(
            Problem(
                loc,
                f"behaviour module does not parse: {reason}",
                "fix the Python syntax; its classes are the mixins",
            )
        )
        return set()
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


# ---------------------------------------------------------------- reading


def _key_locs(*nodes: Node | None) -> tuple[tuple[str, Loc], ...]:
    """Where each key's value is, in these mappings (the first mapping's keys win)."""
    out: dict[str, Loc] = {}
    for node in nodes:
        if node is not None and node.kind == "mapping":
            for key, value in node.value.items():
                out.setdefault(key, value.loc)
    return tuple(out.items())


def _expect_mapping(node: Node, what: str, problems: list[Problem]) -> bool:
    if node.kind != "mapping":
        problems.append(Problem(node.loc, f"{what} must be a mapping", "write `key: value` lines"))
        return False
    return True


def _unknown_keys(node: Node, allowed: set[str], what: str, problems: list[Problem]) -> None:
    for key in node.value:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"allowed keys: {', '.join(sorted(allowed))}"
            )
            problems.append(
                Problem(
                    node.key_locs[key], f"unknown key {key!r} in {what}", hint, rule="unknown-key"
                )
            )


def _check_identifier(name: str, loc: Loc, what: str, problems: list[Problem]) -> bool:
    if not name.isidentifier() or not name.isascii():
        suggestion = re.sub(r"\W", "_", name, flags=re.ASCII)
        suggestion = f"_{suggestion}" if suggestion[:1].isdigit() else suggestion
        example = f" (e.g. {suggestion}" + (
            f" with `wire: {name}`)" if what == "field name" else ")"
        )
        problems.append(
            Problem(
                loc,
                f"{what} {name!r} is not a valid Python identifier",
                f"use ASCII letters, digits and _{example}",
            )
        )
        return False
    if keyword.iskeyword(name) or name in _SOFT_KEYWORDS and name != "_":
        kind = "keyword" if keyword.iskeyword(name) else "soft keyword"
        problems.append(Problem(loc, f"{what} {name!r} is a Python {kind}", _RENAME_HINT[what]))
        return False
    return True


def _read_file(
    root: Node,
    messages: dict[str, Message],
    enums: dict[str, Enum],
    problems: list[Problem],
    name_checks: Sequence[NameCheck],
) -> None:
    if not _expect_mapping(root, "a schema file", problems):
        return
    _unknown_keys(root, _TOP_KEYS, "a schema file", problems)
    for section, reader, table in (
        ("enums", _read_enum, enums),
        ("messages", functools.partial(_read_message, name_checks=name_checks), messages),
    ):
        node = root.value.get(section)
        if node is None or not _expect_mapping(node, f"`{section}`", problems):
            continue
        for name, body in node.value.items():
            loc = node.key_locs[name]
            if not _check_identifier(name, loc, "name", problems):
                continue
            clash = messages.get(name) or enums.get(name)
            if clash:
                problems.append(
                    Problem(
                        loc,
                        f"{name!r} is already defined at {clash.loc}",
                        "names are global across files",
                    )
                )
            item = reader(name, body, loc, problems)  # read a duplicate too: its own problems count
            if item is not None and not clash:
                table[name] = item  # type: ignore[assignment]


def _str(node: Node | None, what: str, problems: list[Problem], default: str = "") -> str:
    if node is None:
        return default
    if not isinstance(node.value, str):
        problems.append(
            Problem(node.loc, f"{what} must be a string, not {_yaml_kind(node)}", "quote the value")
        )
        return default
    return node.value


_TAG_PUNCTUATION = set("!#$%&()*+-./:;<=>?@[]^_{|}~ ")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9_.-]+")


def _tag(node: Node | None, what: str, problems: list[Problem], default: str) -> str:
    """A JSON or MessagePack key: what Go accepts as a struct tag name (encoding/json
    isValidTag: letters, digits and some punctuation; never quotes, backslashes or
    control characters, which msgspec refuses as well)."""
    name = _str(node, what, problems, default)
    if _PLAIN_TAG.fullmatch(name):  # the common case, every character allowed below
        return name
    bad = next(
        (c for c in name if not (c.isalpha() or c.isdecimal() or c in _TAG_PUNCTUATION)), None
    )
    if node is not None and (bad is not None or not name):
        problems.append(
            Problem(
                node.loc,
                f"{what} name {name!r} is not a valid Go tag name"
                + (f" (it holds {bad!r})" if bad else ""),
                "Go tag names hold letters, digits and !#$%&()*+-./:;<=>?@[]^_{|}~ and space",
            )
        )
        return default
    return name


def _yaml_kind(node: Node) -> str:
    if node.kind != "scalar":
        return f"a {node.kind}"
    value = node.value
    return (
        "null"
        if value is None
        else f"{type(value).__name__} {value!r}"
        if not isinstance(value, str)
        else f"{value!r}"
    )


def _bool(node: Node | None, what: str, problems: list[Problem]) -> bool:
    if node is None:
        return False
    if not isinstance(node.value, bool):
        problems.append(
            Problem(
                node.loc,
                f"{what} must be true or false, not {_yaml_kind(node)}",
                "write true or false, unquoted",
            )
        )
        return False
    return node.value


def _type(node: Node | None, where: Loc, problems: list[Problem]) -> TypeRef | None:
    """A type expression; `?` on the whole type (a field's or a root's) means nullable."""
    if node is None:
        problems.append(
            Problem(where, "missing required key 'type'", "e.g. `type: str` or `type: list[Snode]`")
        )
        return None
    if not isinstance(node.value, str):
        problems.append(
            Problem(
                node.loc,
                f"type must be a type expression, not {_yaml_kind(node)}",
                "e.g. `type: int64` or `type: map[str, Snode]`",
            )
        )
        return None
    try:
        ref = typeexpr.parse(node.value)
    except typeexpr.TypeSyntaxError as exc:
        problems.append(
            Problem(
                node.loc,
                str(exc),
                "types: scalars, names, list[T], map[str, T], flagset[E], interface[A, B]; T?",
            )
        )
        return None
    if any(t.kind == "scalar" and t.name == "base64" for t in ref.walk()):
        problems.append(
            Problem(
                node.loc,
                "`base64` is not a type: the wire type is Go's []byte",
                "write `type: bytes` and `python: {base64_text: true}`",
            )
        )
        return None
    return ref


def _read_message(
    name: str, node: Node, loc: Loc, problems: list[Problem], name_checks: Sequence[NameCheck]
) -> Message | None:
    if not _expect_mapping(node, f"message {name}", problems):
        return None
    _unknown_keys(node, _MESSAGE_KEYS, f"message {name}", problems)
    body = node.value
    fields: list[Field] = []
    root: TypeRef | None = None
    if "root" in body:
        root = _type(body["root"], loc, problems)
        if "fields" in body:
            problems.append(
                Problem(
                    node.key_locs["fields"],
                    f"message {name} has both `root` and `fields`",
                    "a root type has no fields",
                )
            )
    elif "fields" not in body:
        problems.append(
            Problem(
                loc,
                f"message {name} has neither `fields` nor `root`",
                "add `fields:` (or `root:` for a map/list type)",
            )
        )
    else:
        fields_node = body["fields"]
        if _expect_mapping(fields_node, f"fields of {name}", problems):
            for fname, fbody in fields_node.value.items():
                floc = fields_node.key_locs[fname]
                field = _read_field(name, fname, fbody, floc, problems, name_checks)
                if field is not None:
                    fields.append(field)
    return Message(
        name=name,
        doc=_str(body.get("doc"), "doc", problems),
        go=_str(body.get("go"), "go", problems),
        fields=tuple(fields),
        root=root,
        mixin=_str(body.get("mixin"), "mixin", problems),
        msgpack=_bool(body.get("msgpack"), "msgpack", problems),
        go_omitted=_reasons(body.get("go_omitted"), problems),
        checks=_checks(body.get("checks"), name, problems),
        ignores_unknown=_bool(body.get("ignores_unknown"), "ignores_unknown", problems),
        direction=_direction(body.get("direction"), name, problems),
        loc=loc,
        key_locs=_key_locs(node),
    )


def _direction(node: Node | None, message: str, problems: list[Problem]) -> str:
    """`direction: request | response | both`: which way the message travels."""
    value = _str(node, "direction", problems)
    if value and value not in DIRECTION_VALUES:
        assert node is not None
        hint = "request (client to server), response (server to client) or both"
        problems.append(
            Problem(node.loc, f"direction of {message} is {value!r}", hint, rule="direction")
        )
        return ""
    return value


def _checks(
    node: Node | None, message: str, problems: list[Problem]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`checks: [{object-name: KEY}, {byte-range: [START, LENGTH]}, ...]`: what AIStore's own
    decoder of the message checks (runtime/aischecks.py); keys are JSON keys."""
    hint = "e.g. `checks: [{object-name: objname}, {byte-range: [start, length]}]`"
    if node is None:
        return ()
    if not isinstance(node.value, list):
        problems.append(Problem(node.loc, f"checks of {message} must be a list", hint))
        return ()
    out = []
    for item in node.value:
        if not isinstance(item.value, dict) or len(item.value) != 1:
            problems.append(Problem(item.loc, "each check is one `name: key(s)` mapping", hint))
            continue
        [(check, keys)] = item.value.items()
        if check not in aischecks.CHECKS:
            known = ", ".join(sorted(aischecks.CHECKS))
            problems.append(Problem(item.loc, f"unknown check {check!r}", f"checks: {known}"))
            continue
        names = keys.plain() if isinstance(keys.value, list) else [keys.plain()]
        arity = aischecks.CHECKS[check][1]
        if len(names) != arity or not all(isinstance(n, str) for n in names):
            problems.append(Problem(keys.loc, f"check {check} reads {arity} JSON key(s)", hint))
            continue
        out.append((check, tuple(names)))
    return tuple(out)


def _reasons(node: Node | None, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """`go_omitted: {GoField: reason}`: Go fields deliberately not in the schema."""
    if node is None or not _expect_mapping(node, "go_omitted", problems):
        return ()
    out = []
    for name, reason in node.value.items():
        if not isinstance(reason.value, str) or not reason.value.strip():
            problems.append(
                Problem(
                    reason.loc,
                    f"go_omitted.{name} needs a reason (a non-empty string)",
                    f"e.g. `{name}: not sent by the SDK`",
                )
            )
            continue
        out.append((name, reason.value))
    return tuple(out)


def _read_field(
    message: str,
    name: str,
    node: Node,
    loc: Loc,
    problems: list[Problem],
    name_checks: Sequence[NameCheck],
) -> Field | None:
    if node.kind == "scalar" and isinstance(node.value, str):
        node = Node({"type": node}, node.loc, {"type": node.loc})  # short form `name: type`
    if not _expect_mapping(node, f"field {message}.{name}", problems):
        return None
    what = f"field {message}.{name}"
    for key in _MOVED.keys() & node.value.keys():
        reason, hint = _MOVED[key]
        problems.append(Problem(node.key_locs[key], f"`{key}:` in {what} is {reason}", hint))
    _unknown_keys(node, _FIELD_KEYS | _MOVED.keys(), what, problems)
    ok = _check_identifier(name, loc, "field name", problems)
    shadowed = next((why for check in name_checks if (why := check(name))), "") if ok else ""
    if shadowed:
        problems.append(
            Problem(loc, f"field name {name!r} {shadowed}", "rename it; `wire:` keeps the JSON key")
        )
        ok = False
    body = node.value
    py = _python_facts(body.get("python"), what, problems)
    typ = _type(body.get("type"), loc, problems)
    wire = _tag(body.get("wire"), "wire", problems, name)
    required = _bool(py.get("required"), "required", problems)
    omit = body["omit"].value if "omit" in body else ""
    if omit not in ("", "empty", "zero") or isinstance(omit, bool):
        problems.append(
            Problem(
                body["omit"].loc,
                f"omit must be `empty` or `zero`, not {_yaml_kind(body['omit'])}",
                "empty = Go omitempty, zero = Go omitzero; leave it out to always write the field",
            )
        )
        omit = ""
    default_node = py.get("default")
    if required and default_node is not None:
        problems.append(
            Problem(
                default_node.loc,
                f"field {message}.{name} is required and has a default",
                "drop one of them",
            )
        )
    if typ is not None and _bool(py.get("base64_text"), "base64_text", problems):
        typ = _as_base64_text(typ, py["base64_text"], what, problems)
    if not ok or typ is None:
        return None
    local = _local(py.get("local"), problems)
    embed = _embed(body.get("embed"), py.get("embed"), what, problems)
    select_by, select_types = _select(body.get("select"), what, problems)
    wire_facts = WireFacts(
        json_key=wire,
        msgpack_key=_tag(body.get("msgpack"), "msgpack", problems, wire),
        type=replace(typ, nullable=False) if typ.nullable else typ,
        nullable=typ.nullable,
        omit=cast(Omit, omit),  # checked above
        as_string=_bool(body.get("string"), "string", problems),
        embedded=embed != "",
        required=_bool(body.get("wire_required"), "wire_required", problems),
        go=_str(body.get("go"), "go", problems),
        select_by=select_by,
        select_types=select_types,
        added=_version(body.get("added"), "added", problems),
        removed=_version(body.get("removed"), "removed", problems),
    )
    python_facts = PythonFacts(
        default=None if default_node is None else default_node.plain(),
        explicit_default=default_node is not None,
        has_default=not required,
        embed=cast(EmbedLayout, embed),  # one of them (_embed)
        zero_defaults=_zero_defaults(py.get("defaults"), problems),
        local=local != "",
        model_only=local == "model",
        coerce=_bool(py.get("coerce"), "coerce", problems),
        ensure_suffix=_str(py.get("ensure_suffix"), "ensure_suffix", problems),
    )
    doc = _str(body.get("doc"), "doc", problems)
    key_locs = _key_locs(node, body.get("python"))
    return Field(
        name=name, doc=doc, wire=wire_facts, python=python_facts, loc=loc, key_locs=key_locs
    )


def _version(node: Node | None, key: str, problems: list[Problem]) -> str:
    """`added:` / `removed:`: an AIStore version, vMAJOR.MINOR.PATCH."""
    text = _str(node, key, problems)
    if node is not None and text and not is_version(text):
        problems.append(
            Problem(
                node.loc,
                f"{key} must be an AIStore version like v1.5.0, not {text!r}",
                "`drift --write` writes these; check the version it compared with",
            )
        )
        return ""
    return text


def is_version(text: str) -> bool:
    try:
        version_key(text)
    except ValueError:
        return False
    return True


def _select(
    node: Node | None, what: str, problems: list[Problem]
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`select: {by: FIELD, types: {VALUE: Message, ...}}`: the message AIStore decodes an
    `any` field into, picked by a sibling field's value."""
    hint = "write `select: {by: action, types: {copy-bck: TCBckMsg, ...}}`"
    if node is None:
        return "", ()
    if not _expect_mapping(node, f"`select:` of {what}", problems):
        return "", ()
    _unknown_keys(node, {"by", "types"}, f"`select:` of {what}", problems)
    by, types = node.value.get("by"), node.value.get("types")
    if by is None or types is None:
        problems.append(Problem(node.loc, f"`select:` of {what} needs `by:` and `types:`", hint))
        return "", ()
    if not isinstance(by.value, str) or not _expect_mapping(
        types, f"`select.types` of {what}", problems
    ):
        if not isinstance(by.value, str):
            problems.append(Problem(by.loc, f"`select.by` of {what} must be a field name", hint))
        return "", ()
    pairs = []
    for key, value in types.value.items():
        if not isinstance(value.value, str):
            problems.append(
                Problem(value.loc, f"`select.types.{key}` of {what} must name a message", hint)
            )
            continue
        pairs.append((str(key), value.value))
    return by.value, tuple(sorted(pairs))


def _python_facts(node: Node | None, what: str, problems: list[Problem]) -> dict[str, Node]:
    """The `python:` mapping of a field: how Python users construct and see it."""
    if node is None or not _expect_mapping(node, f"`python:` of {what}", problems):
        return {}
    _unknown_keys(node, _PYTHON_KEYS, f"`python:` of {what}", problems)
    return dict(node.value)


def _as_base64_text(typ: TypeRef, node: Node, what: str, problems: list[Problem]) -> TypeRef:
    """Go []byte whose Python value stays its base64 text (as the SDK keeps ETL logs)."""
    if typ.kind == "scalar" and typ.name == "bytes":
        return replace(typ, name="base64")
    problems.append(
        Problem(
            node.loc,
            f"`base64_text` in {what} applies to bytes fields only, not {typ}",
            "it keeps a Go []byte as its base64 text in Python; drop it here",
        )
    )
    return typ


def _embed(wire: Node | None, layout: Node | None, what: str, problems: list[Problem]) -> str:
    """`embed: true` (Go embeds the struct; flat on the wire) and its Python layout,
    `python: {embed: nested | flat}` (flat, as Go promotes the fields, unless nested)."""
    if wire is None:
        if layout is not None:
            problems.append(
                Problem(
                    layout.loc,
                    f"`python: {{embed: ...}}` in {what} without `embed: true`",
                    "the layout applies to a Go embedded struct; add `embed: true` or drop it",
                )
            )
        return ""
    if wire.value in ("nested", "flat"):
        problems.append(
            Problem(
                wire.loc,
                f"`embed: {wire.value}` in {what}: the Python layout moved under `python:`",
                f"write `embed: true` and `python: {{embed: {wire.value}}}`",
            )
        )
        return str(wire.value)
    if wire.value is not True:
        problems.append(
            Problem(
                wire.loc,
                f"embed must be true, not {_yaml_kind(wire)}",
                "`embed: true`: Go embeds this struct, its fields are flattened on the wire",
            )
        )
        return ""
    if layout is None:
        return "flat"
    if layout.value not in ("nested", "flat"):
        problems.append(
            Problem(
                layout.loc,
                f"embed must be `nested` or `flat`, not {layout.value!r}",
                "nested: Python keeps the struct under this attribute; "
                "flat: its fields become attributes, as Go promotes them",
            )
        )
        return "flat"
    return str(layout.value)


def _local(node: Node | None, problems: list[Problem]) -> str:
    """`local: true` (model and struct) or `local: model` (the pydantic model only)."""
    if node is None or node.value is False:
        return ""
    if node.value is True or node.value == "model":
        return "model" if node.value == "model" else "all"
    problems.append(
        Problem(
            node.loc,
            f"local must be true or `model`, not {node.value!r}",
            "`model`: a Python-only attribute of the pydantic model alone "
            "(not of the msgspec struct)",
        )
    )
    return ""


def _zero_defaults(node: Node | None, problems: list[Problem]) -> bool:
    if node is None:
        return False
    if node.value != "zero":
        problems.append(
            Problem(
                node.loc,
                f"defaults must be `zero`, not {node.value!r}",
                "on a flat embed: its promoted fields default to Go's zero values",
            )
        )
    return bool(node.value == "zero")


def _read_enum(name: str, node: Node, loc: Loc, problems: list[Problem]) -> Enum | None:
    if not _expect_mapping(node, f"enum {name}", problems):
        return None
    _unknown_keys(node, _ENUM_KEYS, f"enum {name}", problems)
    body = node.value
    kind = _str(body.get("kind"), "kind", problems, "int")
    if kind not in ("int", "str", "bits"):
        problems.append(
            Problem(
                body["kind"].loc,
                f"enum kind must be int, str or bits, not {kind!r}",
                "bits: each value is a bit position (a Go flag set)",
            )
        )
        return None
    values: list[EnumValue] = []
    values_node = body.get("values")
    if values_node is None:
        problems.append(
            Problem(loc, f"enum {name} has no `values`", "add `values: {NAME: value, ...}`")
        )
    elif _expect_mapping(values_node, f"values of {name}", problems):
        seen: dict[Any, str] = {}
        for vname, vnode in values_node.value.items():
            vloc = values_node.key_locs[vname]
            if not _check_identifier(vname, vloc, "enum member", problems):
                continue
            doc = ""
            if vnode.kind == "mapping":
                _unknown_keys(vnode, _ENUM_VALUE_KEYS, f"enum member {name}.{vname}", problems)
                doc = _str(vnode.value.get("doc"), "doc", problems)
                vnode = vnode.value.get("value") or Node(None, vloc)
            value = vnode.value
            want = str if kind == "str" else int
            if not isinstance(value, want) or isinstance(value, bool):
                problems.append(
                    Problem(
                        vnode.loc,
                        f"value of {name}.{vname} must be "
                        f"{'a string' if want is str else 'an integer'}, not {_yaml_kind(vnode)}",
                        f"enum {name} has kind {kind}",
                    )
                )
                continue
            if kind == "bits" and isinstance(value, int) and not 0 <= value < 64:
                problems.append(
                    Problem(
                        vnode.loc,
                        f"bit position of {name}.{vname} must be 0..63, not {value}",
                        "a bits enum names bit positions of a uint64 mask",
                    )
                )
                continue
            if value in seen:
                problems.append(
                    Problem(
                        vnode.loc,
                        f"{name}.{vname} repeats the value of {name}.{seen[value]}",
                        "each member needs its own value",
                    )
                )
                continue
            seen[value] = vname
            values.append(EnumValue(name=vname, value=value, doc=doc, loc=vloc))
    return Enum(
        name=name,
        doc=_str(body.get("doc"), "doc", problems),
        kind=cast(EnumKind, kind),  # checked above
        values=tuple(values),
        mixin=_str(body.get("mixin"), "mixin", problems),
        loc=loc,
        key_locs=_key_locs(node),
    )


# ---------------------------------------------------------------- checking


def _missing_mixin(name: str, at: Loc, behaviour: Path) -> Problem:
    shown = _display(behaviour)
    hint = (
        f"define `class {name}:` in {shown}"
        if behaviour.exists()
        else f"create {shown} with `class {name}:`"
    )
    return Problem(at, f"mixin {name!r} is not a class in {shown}", hint, rule="mixin")


def _check(
    messages: dict[str, Message],
    enums: dict[str, Enum],
    mixins: set[str],
    problems: list[Problem],
    behaviour: Path,
) -> Schema:
    """Resolve names, fill in zero defaults and check what needs the whole schema."""
    resolved: list[Message] = []
    for message in (messages[k] for k in sorted(messages)):
        if message.mixin and message.mixin not in mixins:
            problems.append(_missing_mixin(message.mixin, message.at("mixin"), behaviour))
        root = message.root and _resolve(
            message.root, messages, enums, message.at("root"), problems
        )
        if message.root and message.root.kind not in ("map", "list"):
            problems.append(
                Problem(
                    message.at("root"),
                    f"root type of {message.name} must be a map or a list, not {message.root}",
                    "e.g. `root: map[str, list[JobSnap]]`; a struct needs `fields:`",
                )
            )
        fields = tuple(_check_field(message, f, messages, enums, problems) for f in message.fields)
        resolved.append(replace(message, root=root, fields=fields))
    for enum in enums.values():
        if enum.mixin and enum.mixin not in mixins:
            problems.append(_missing_mixin(enum.mixin, enum.at("mixin"), behaviour))
    schema = Schema(messages=tuple(resolved), enums=tuple(enums[k] for k in sorted(enums)))
    # Run even when other problems were found, so one run reports everything; messages whose
    # flattening is undefined (a cycle, a missing embedded type) are left out of the clash check.
    broken = _check_embedding(schema, problems)
    for message in schema.messages:
        if message.root is None and message.name not in broken:
            _check_clashes(schema, message, problems)
            keys = {f.wire.json_key for f in schema.wire_fields(message)}
            for check, names in message.checks:
                for key in names:
                    if key not in keys:
                        hint = _unknown_hint(key, sorted(keys))
                        where = message.at("checks")
                        problems.append(
                            Problem(
                                where, f"check {check} of {message.name}: no JSON key {key!r}", hint
                            )
                        )
    return schema


_UNKNOWN_HINT = "declare it under `messages:` or `enums:` in any schema file"


def _unknown_hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean `{close[0]}`?" if close else _UNKNOWN_HINT


def _resolve(
    ref: TypeRef,
    messages: dict[str, Message],
    enums: dict[str, Enum],
    loc: Loc,
    problems: list[Problem],
) -> TypeRef:
    if ref.item is not None:
        item = _resolve(ref.item, messages, enums, loc, problems)
        return ref if item is ref.item else replace(ref, item=item)
    if ref.kind == "oneof":
        for option in ref.options:
            target = messages.get(option.name)
            if target is None:
                what = "an enum" if option.name in enums else ""
                reason = (
                    f"oneof option {option.name!r} is {what}"
                    if what
                    else f"unknown type {option.name!r} in oneof"
                )
                hint = (
                    "oneof lists the structs a Go interface may hold"
                    if what
                    else _unknown_hint(option.name, sorted(messages))
                )
                problems.append(Problem(loc, reason, hint, rule="type"))
            elif target.root is not None:
                problems.append(
                    Problem(
                        loc,
                        f"oneof option {option.name!r} is a root type",
                        "oneof lists the structs (messages with fields) a Go interface may hold",
                    )
                )
        return ref
    if ref.kind == "flagset":
        enum = enums.get(ref.name)
        if enum is None:
            hint = (
                "flagset takes an enum, not a message"
                if ref.name in messages
                else "declare it under `enums:` with `kind: bits`"
            )
            problems.append(Problem(loc, f"unknown enum {ref.name!r} in flagset[{ref.name}]", hint))
        elif enum.kind != "bits":
            problems.append(
                Problem(
                    loc,
                    f"flagset[{ref.name}] needs an enum of kind `bits`, not `{enum.kind}`",
                    f"set `kind: bits` on {ref.name} (its values are then bit positions)",
                )
            )
        return ref
    if ref.kind == "message":
        if ref.name in enums:
            zero = "" if enums[ref.name].kind == "str" else 0
            return replace(ref, kind="enum", zero=zero)
        if ref.name not in messages:
            problems.append(
                Problem(
                    loc,
                    f"unknown type {ref.name!r}",
                    _unknown_hint(ref.name, [*SCALARS, *sorted(messages), *sorted(enums)]),
                )
            )
    return ref


def _check_enum_zero(
    typ: TypeRef,
    nullable: bool,
    where: str,
    loc: Loc,
    enums: dict[str, Enum],
    problems: list[Problem],
) -> None:
    """A field (or list/map element) of enum type that cannot be null holds Go's zero value
    when the payload leaves it out, so the enum needs a member for it."""
    for ref in typ.walk():
        if ref.kind != "enum" or (nullable if ref is typ else ref.nullable):
            continue
        enum = enums[ref.name]
        elements = str(typ).replace(enum.name, enum.name + "?", 1)
        if all(v.value != ref.zero for v in enum.values):
            problems.append(
                Problem(
                    loc,
                    f"{where}: enum {enum.name} has no member for Go's zero value {ref.zero!r}, "
                    "which Go reads for an absent key and writes for an unset field",
                    f"add a member with value {ref.zero!r} to {enum.name}, or make "
                    + (
                        f"the field nullable (`{enum.name}?`, a Go pointer)"
                        if ref is typ
                        else f"the elements nullable (`{elements}`)"
                    ),
                    rule="enum-zero",
                )
            )


def _check_field(
    message: Message,
    field: Field,
    messages: dict[str, Message],
    enums: dict[str, Enum],
    problems: list[Problem],
) -> Field:
    where = f"{message.name}.{field.name}"
    typ = _resolve(field.wire.type, messages, enums, field.at("type"), problems)
    _check_enum_zero(typ, field.wire.nullable, where, field.at("type"), enums, problems)
    if field.wire.embedded and typ.kind == "message" and typ.name not in messages:
        pass  # already reported as an unknown type
    elif field.wire.embedded and typ.kind != "message":
        problems.append(
            Problem(
                field.at("embed"),
                f"{where} is embedded but its type {typ} is not a message",
                "only Go structs can be embedded; drop `embed:`",
            )
        )
    elif field.wire.embedded and messages[typ.name].root is not None:
        problems.append(
            Problem(
                field.at("embed"),
                f"{where} embeds root type {typ.name}",
                "only structs with fields can be embedded",
            )
        )
    known = not any(
        t.kind == "message" and t.name not in messages for t in typ.walk()
    )  # else reported above
    if (
        known
        and field.wire.as_string
        and not (typ.is_int or typ.kind == "flagset" or typ.name in ("bool", "float32", "float64"))
    ):
        problems.append(
            Problem(
                field.at("string"),
                f"{where}: `string: true` applies to numbers and bools only, not {typ}",
                "Go's `,string` option quotes a number or bool; drop `string: true`",
            )
        )
    if (field.python.coerce or field.python.ensure_suffix) and typ != TypeRef(
        kind="scalar", name="str"
    ):
        key = "coerce" if field.python.coerce else "ensure_suffix"
        problems.append(
            Problem(
                field.at(key),
                f"{where}: `{key}` applies to str fields only, not {typ}",
                f"`{key}` shapes the Python input of a str field; drop it here",
            )
        )
    if field.python.zero_defaults and field.python.embed != "flat":
        problems.append(
            Problem(
                field.at("defaults"),
                f"{where}: `defaults: zero` applies to flat embedded fields only",
                "drop `defaults:`, or promote the fields with `python: {embed: flat}`",
            )
        )
    if field.wire.select_by:
        _check_select(message, field, typ, messages, problems)
    if field.wire.required and field.wire.omit:
        problems.append(
            Problem(
                field.at("wire_required"),
                f"{where} is wire_required but omitted when empty",
                "drop one of them",
            )
        )
    default = field.python.default
    if not field.python.explicit_default:  # the zero value, once the type is resolved
        default = None if not field.python.has_default else zero_value(typ, field.wire.nullable)
    elif field.python.has_default and known:
        error = _default_error(default, typ, enums)
        if error:
            hint = (
                "YAML reads an unquoted date as a timestamp: quote it"
                if _has_timestamp(default)
                else f"the type is {typ}"
            )
            problems.append(
                Problem(field.at("default"), f"default of {where} {error}", hint, rule="default")
            )
    # A copy only of what changed (each dataclasses.replace costs ~10 us, three per field).
    wire = field.wire if typ is field.wire.type else replace(field.wire, type=typ)
    python = (
        field.python if default is field.python.default else replace(field.python, default=default)
    )
    if wire is field.wire and python is field.python:
        return field
    return replace(field, wire=wire, python=python)


def _check_select(
    message: Message,
    field: Field,
    typ: TypeRef,
    messages: dict[str, Message],
    problems: list[Problem],
) -> None:
    where = f"{message.name}.{field.name}"
    if typ != TypeRef(kind="scalar", name="any"):
        problems.append(
            Problem(
                field.at("select"),
                f"{where}: `select:` applies to `any` fields only, not {typ}",
                "it picks the message a Go interface{} value is decoded into; drop it here",
            )
        )
    siblings = {f.name: f for f in message.fields}
    by = siblings.get(field.wire.select_by)
    if by is None or by.wire.type != TypeRef(kind="scalar", name="str"):
        hint = (
            f"`{by.name}` is {by.wire.type}: the value that picks the message is a string"
            if by is not None
            else _unknown_hint(field.wire.select_by, sorted(siblings))
        )
        problems.append(
            Problem(
                field.at("select"),
                f"{where}: `select.by` must name a str field of {message.name}, "
                f"not {field.wire.select_by!r}",
                hint,
            )
        )
    for value, name in field.wire.select_types:
        if name not in messages or messages[name].root is not None:
            problems.append(
                Problem(
                    field.at("select"),
                    f"{where}: `select.types.{value}` names {name!r}, which is not a message "
                    "with fields",
                    _unknown_hint(name, sorted(messages)),
                )
            )


def _default_error(value: Any, typ: TypeRef, enums: dict[str, Enum]) -> str:
    """Why value cannot be a default of typ ('' when it can)."""
    if value is None:
        return ""
    unplain = _not_json(value)
    if unplain:
        return unplain
    return kinds.default_error(typ, value, enums)


def _not_json(value: Any) -> str:
    """Why a YAML value has no JSON form ('' when it has one): the wire and the generated code
    need one."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"is {value}: JSON has no infinity or NaN"
    if isinstance(value, list):
        return next((e for e in map(_not_json, value) if e), "")
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return "has a key that is not a string"
        return next((e for e in map(_not_json, value.values()) if e), "")
    if value is None or isinstance(value, (str, int, float)):
        return ""
    return f"{value!r} is not a JSON value (YAML read it as {type(value).__name__})"


def _has_timestamp(value: Any) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return True
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_has_timestamp(v) for v in items)


def _check_embedding(schema: Schema, problems: list[Problem]) -> set[str]:
    """Report each embedding cycle once; return the messages whose flattening is undefined
    (they embed a cycle, a missing type or a root type, reported elsewhere)."""
    by_name = {m.name: m for m in schema.messages}
    verdict: dict[str, bool] = {}
    reported: set[tuple[str, ...]] = set()

    def visit(name: str, chain: list[str]) -> bool:
        if name in chain:
            cycle = chain[chain.index(name) :]
            start = cycle.index(
                min(cycle)
            )  # one report per cycle, whichever message it was entered from
            ring = tuple(cycle[start:] + cycle[:start])
            if ring not in reported:
                reported.add(ring)
                first, second = by_name[ring[0]], ring[1 % len(ring)]
                field = next(
                    f for f in first.fields if f.wire.embedded and f.wire.type.name == second
                )
                path = " -> ".join((*ring, ring[0]))
                problems.append(
                    Problem(
                        field.loc,
                        f"embedding cycle: {path}",
                        "Go cannot embed a struct in itself; make one of them a plain field",
                    )
                )
            return False
        if name not in verdict:
            message = by_name.get(name)
            ok = message is not None and message.root is None
            for field in message.fields if message else ():
                if field.wire.embedded:
                    ok = visit(field.wire.type.name, [*chain, name]) and ok
            verdict[name] = ok
        return verdict[name]

    return {m.name for m in schema.messages if not visit(m.name, [])}


def _check_clashes(schema: Schema, message: Message, problems: list[Problem]) -> None:
    """Python names, JSON names and MessagePack names must be unique after flattening.

    A clash is reported at the message's own field that brings in the second name
    (itself, or the embedding field), so it points into the message that has the problem."""
    reported: set[tuple[Loc, Loc]] = set()
    for what, key in (("JSON name", "wire"), ("MessagePack name", "msgpack")):
        if key == "msgpack" and not message.msgpack:
            continue  # no MessagePack form: its keys never meet
        seen: dict[str, tuple[Field, Field]] = {}
        for field, own in _flattened(schema, message, wire=True):
            name = field.wire.json_key if key == "wire" else field.wire.msgpack_key
            if name == NOT_ON_WIRE:
                continue  # not on the wire in this encoding
            if name not in seen:
                seen[name] = (field, own)
                continue
            first, first_own = seen[name]
            if (first.loc, field.loc) in reported:
                continue  # the JSON clash already covers this MessagePack one
            reported.add((first.loc, field.loc))
            flat = field is not own or first is not first_own
            hint = (
                "embedded structs are flattened into this message on the wire; give one a different"
                if flat
                else "give one of them a different"
            )
            problems.append(
                Problem(
                    own.at(key) if field is own else own.loc,
                    f"{message.name}: {what} {name!r} of {_origin(field, own)} "
                    f"clashes with {_origin(first, first_own)} ({first.loc})",
                    f"{hint} `{key}:`",
                )
            )
    python: dict[str, tuple[Field, Field]] = {}
    for field, own in _flattened(schema, message, wire=False):
        if field.name not in python:
            python[field.name] = (field, own)
            continue
        first, first_own = python[field.name]
        problems.append(
            Problem(
                own.loc,
                f"{message.name}: Python name {field.name!r} of {_origin(field, own)} "
                f"clashes with {_origin(first, first_own)} ({first.loc})",
                "msgspec structs flatten embedded fields, so names must be unique; rename one",
            )
        )


def _origin(field: Field, own: Field) -> str:
    return (
        f"field {field.name!r}"
        if field is own
        else f"field {field.name!r} (embedded via {own.name!r})"
    )


def _flattened(schema: Schema, message: Message, wire: bool) -> list[tuple[Field, Field]]:
    """(field, the message's own field that brings it in), embedded structs flattened;
    wire=True follows the wire (local fields dropped), False the msgspec struct's attributes."""
    out: list[tuple[Field, Field]] = []
    for own in message.fields:
        if own.python.local and (wire or own.python.model_only):
            continue
        inner = (
            schema.wire_fields(schema.message(own.wire.type.name)) if own.wire.embedded else [own]
        )
        if own.wire.embedded and not wire:  # as Schema.struct_fields
            inner = [
                f
                for f in schema.flat_fields(schema.message(own.wire.type.name))
                if not f.python.model_only
            ]
        out.extend((field, own) for field in inner)
    return out
