"""Load schema/*.yaml into the IR, reporting every problem with file:line:column.

Two passes: `_read_*` turns located YAML nodes into IR objects (shape, keys,
literal values), then `_check_*` validates what needs the whole schema
(references, embedding, name clashes after flattening, defaults against enums).
"""

from __future__ import annotations

import ast
import keyword
from pathlib import Path
from typing import Any

import msgspec
import pydantic

from . import typeexpr
from .ir import INT_RANGES, Enum, EnumValue, Field, Loc, Message, Schema, TypeRef
from .problems import Problem, SchemaErrors
from .yamlsrc import Node, parse

BEHAVIOUR_MODULE = "behaviour.py"

_TOP_KEYS = {"messages", "enums"}
_MESSAGE_KEYS = {"doc", "go", "fields", "root", "mixin", "msgpack", "go_omitted"}
_FIELD_KEYS = {
    "type", "wire", "msgpack", "doc", "default", "required", "nullable", "omit",
    "string", "embed", "local", "wire_required", "go",
}  # fmt: skip
_ENUM_KEYS = {"doc", "kind", "values", "mixin"}
_ENUM_VALUE_KEYS = {"value", "doc"}

# Attribute names that would shadow what pydantic or msgspec put on every class.
_RESERVED = {n for n in dir(pydantic.BaseModel) + dir(msgspec.Struct) if not n.startswith("__")}


def load(schema_dir: Path) -> Schema:
    """Read every *.yaml file of schema_dir; raise SchemaErrors listing all problems."""
    problems: list[Problem] = []
    files = sorted(schema_dir.glob("*.yaml"))
    if not files:
        raise SchemaErrors([Problem(None, f"no *.yaml files in {schema_dir}")])
    mixins = _mixin_names(schema_dir / BEHAVIOUR_MODULE, problems)
    messages: dict[str, Message] = {}
    enums: dict[str, Enum] = {}
    for path in files:
        root = parse(path.read_text(encoding="utf-8"), _display(path), problems)
        if root is not None:
            _read_file(root, messages, enums, problems)
    schema = _check(messages, enums, mixins, problems)
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
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        loc = Loc(file=_display(path), line=exc.lineno or 1, column=exc.offset or 1)
        problems.append(Problem(loc, f"behaviour module does not parse: {exc.msg}"))
        return set()
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


# ---------------------------------------------------------------- reading


def _expect_mapping(node: Node, what: str, problems: list[Problem]) -> bool:
    if node.kind != "mapping":
        problems.append(Problem(node.loc, f"{what} must be a mapping", "write `key: value` lines"))
        return False
    return True


def _unknown_keys(node: Node, allowed: set[str], what: str, problems: list[Problem]) -> None:
    for key in node.value:
        if key not in allowed:
            problems.append(
                Problem(
                    node.key_locs[key],
                    f"unknown key {key!r} in {what}",
                    f"allowed keys: {', '.join(sorted(allowed))}",
                )
            )


def _check_identifier(name: str, loc: Loc, what: str, problems: list[Problem]) -> bool:
    if not name.isidentifier() or not name.isascii():
        problems.append(
            Problem(loc, f"{what} {name!r} is not a valid Python identifier", "use letters, digits and _")
        )
        return False
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) and name != "_":
        problems.append(
            Problem(loc, f"{what} {name!r} is a Python keyword", "choose another name; set `wire:` for the Go name")
        )
        return False
    return True


def _read_file(root: Node, messages: dict[str, Message], enums: dict[str, Enum], problems: list[Problem]) -> None:
    if not _expect_mapping(root, "a schema file", problems):
        return
    _unknown_keys(root, _TOP_KEYS, "a schema file", problems)
    for section, reader, table in (("enums", _read_enum, enums), ("messages", _read_message, messages)):
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
                    Problem(loc, f"{name!r} is already defined at {clash.loc}", "names are global across files")
                )
                continue
            item = reader(name, body, loc, problems)
            if item is not None:
                table[name] = item  # type: ignore[assignment]


def _str(node: Node | None, what: str, problems: list[Problem], default: str = "") -> str:
    if node is None:
        return default
    if not isinstance(node.value, str):
        problems.append(Problem(node.loc, f"{what} must be a string"))
        return default
    return node.value


def _bool(node: Node | None, what: str, problems: list[Problem]) -> bool:
    if node is None:
        return False
    if not isinstance(node.value, bool):
        problems.append(Problem(node.loc, f"{what} must be true or false"))
        return False
    return node.value


def _type(node: Node | None, where: Loc, problems: list[Problem], root: bool = False) -> TypeRef | None:
    if node is None:
        problems.append(Problem(where, "missing required key 'type'", "e.g. `type: str` or `type: list[Snode]`"))
        return None
    if not isinstance(node.value, str):
        problems.append(Problem(node.loc, "type must be a string such as `int64` or `map[str, Snode]`"))
        return None
    try:
        ref = typeexpr.parse(node.value)
    except typeexpr.TypeSyntaxError as exc:
        problems.append(Problem(node.loc, str(exc), "types: scalars, list[T], map[str, T], flagset[Enum], oneof[A, B], names"))
        return None
    if ref.nullable and not root:
        problems.append(Problem(node.loc, f"`?` on a field's own type ({ref})", "write `nullable: true`; `T?` is for list/map elements and root types"))
    return ref


def _read_message(name: str, node: Node, loc: Loc, problems: list[Problem]) -> Message | None:
    if not _expect_mapping(node, f"message {name}", problems):
        return None
    _unknown_keys(node, _MESSAGE_KEYS, f"message {name}", problems)
    body = node.value
    fields: list[Field] = []
    root: TypeRef | None = None
    if "root" in body:
        root = _type(body["root"], loc, problems, root=True)
        if "fields" in body:
            problems.append(Problem(node.key_locs["fields"], f"message {name} has both `root` and `fields`", "a root type has no fields"))
    elif "fields" not in body:
        problems.append(Problem(loc, f"message {name} has neither `fields` nor `root`", "add `fields:` (or `root:` for a map/list type)"))
    else:
        fields_node = body["fields"]
        if _expect_mapping(fields_node, f"fields of {name}", problems):
            for fname, fbody in fields_node.value.items():
                floc = fields_node.key_locs[fname]
                field = _read_field(name, fname, fbody, floc, problems)
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
        loc=loc,
    )


def _reasons(node: Node | None, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """`go_omitted: {GoField: reason}`: Go fields deliberately not in the schema."""
    if node is None or not _expect_mapping(node, "go_omitted", problems):
        return ()
    out = []
    for name, reason in node.value.items():
        if not isinstance(reason.value, str) or not reason.value.strip():
            problems.append(Problem(reason.loc, f"go_omitted.{name} needs a reason (a non-empty string)"))
            continue
        out.append((name, reason.value))
    return tuple(out)


def _read_field(message: str, name: str, node: Node, loc: Loc, problems: list[Problem]) -> Field | None:
    if node.kind == "scalar" and isinstance(node.value, str):
        node = Node({"type": node}, node.loc, {"type": node.loc})  # short form `name: type`
    if not _expect_mapping(node, f"field {message}.{name}", problems):
        return None
    _unknown_keys(node, _FIELD_KEYS, f"field {message}.{name}", problems)
    ok = _check_identifier(name, loc, "field name", problems)
    if ok and (name in _RESERVED or name.startswith("model_")):
        problems.append(
            Problem(loc, f"field name {name!r} would shadow a pydantic/msgspec attribute", "rename it and keep the Go name in `wire:`")
        )
        ok = False
    if ok and name.startswith("_"):
        problems.append(Problem(loc, f"field name {name!r} starts with '_'", "pydantic treats such names as private"))
        ok = False
    body = node.value
    typ = _type(body.get("type"), loc, problems)
    wire = _str(body.get("wire"), "wire", problems, name)
    required = _bool(body.get("required"), "required", problems)
    omit = _str(body.get("omit"), "omit", problems)
    if omit not in ("", "empty", "zero"):
        problems.append(Problem(body["omit"].loc, f"omit must be `empty` (Go omitempty) or `zero` (Go omitzero), not {omit!r}"))
        omit = ""
    default_node = body.get("default")
    if required and default_node is not None:
        problems.append(Problem(default_node.loc, f"field {message}.{name} is required and has a default", "drop one of them"))
    if not ok or typ is None:
        return None
    return Field(
        name=name,
        wire=wire,
        msgpack=_str(body.get("msgpack"), "msgpack", problems, wire),
        type=typ,
        doc=_str(body.get("doc"), "doc", problems),
        default=_default_marker(default_node),
        has_default=not required,
        nullable=_bool(body.get("nullable"), "nullable", problems),
        omit=omit,  # type: ignore[arg-type]
        as_string=_bool(body.get("string"), "string", problems),
        embed=_embed(body.get("embed"), problems),  # type: ignore[arg-type]
        local=_bool(body.get("local"), "local", problems),
        wire_required=_bool(body.get("wire_required"), "wire_required", problems),
        go=_str(body.get("go"), "go", problems),
        loc=loc,
    )


def _embed(node: Node | None, problems: list[Problem]) -> str:
    if node is None:
        return ""
    if node.value not in ("nested", "flat"):
        problems.append(Problem(node.loc, f"embed must be `nested` or `flat`, not {node.value!r}", "nested: Python keeps the struct under this attribute; flat: its fields become attributes, as Go promotes them"))
        return ""
    return str(node.value)


_NO_DEFAULT = "\0no-default"


def _default_marker(node: Node | None) -> Any:
    # Kept until the check pass knows the type: an absent default becomes the zero value.
    return _NO_DEFAULT if node is None else node.plain()


def _read_enum(name: str, node: Node, loc: Loc, problems: list[Problem]) -> Enum | None:
    if not _expect_mapping(node, f"enum {name}", problems):
        return None
    _unknown_keys(node, _ENUM_KEYS, f"enum {name}", problems)
    body = node.value
    kind = _str(body.get("kind"), "kind", problems, "int")
    if kind not in ("int", "str", "bits"):
        problems.append(Problem(body["kind"].loc, f"enum kind must be int, str or bits, not {kind!r}"))
        return None
    values: list[EnumValue] = []
    values_node = body.get("values")
    if values_node is None:
        problems.append(Problem(loc, f"enum {name} has no `values`"))
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
                problems.append(Problem(vnode.loc, f"value of {name}.{vname} must be {'a string' if want is str else 'an integer'}"))
                continue
            if kind == "bits" and not 0 <= value < 64:  # type: ignore[operator]
                problems.append(Problem(vnode.loc, f"bit position of {name}.{vname} must be 0..63"))
                continue
            if value in seen:
                problems.append(Problem(vnode.loc, f"{name}.{vname} repeats the value of {name}.{seen[value]}"))
                continue
            seen[value] = vname
            values.append(EnumValue(name=vname, value=value, doc=doc, loc=vloc))
    return Enum(
        name=name,
        doc=_str(body.get("doc"), "doc", problems),
        kind=kind,  # type: ignore[arg-type]
        values=tuple(values),
        mixin=_str(body.get("mixin"), "mixin", problems),
        loc=loc,
    )


# ---------------------------------------------------------------- checking


def _check(messages: dict[str, Message], enums: dict[str, Enum], mixins: set[str], problems: list[Problem]) -> Schema:
    """Resolve names, fill in zero defaults and check what needs the whole schema."""
    resolved: list[Message] = []
    for message in (messages[k] for k in sorted(messages)):
        if message.mixin and message.mixin not in mixins:
            problems.append(Problem(message.loc, f"mixin {message.mixin!r} is not a class in schema/{BEHAVIOUR_MODULE}"))
        root = message.root and _resolve(message.root, messages, enums, message.loc, problems)
        if message.root and message.root.kind not in ("map", "list"):
            problems.append(Problem(message.loc, f"root type of {message.name} must be a map or a list, not {message.root}", "e.g. `root: map[str, list[JobSnap]]`"))
        fields = tuple(_check_field(message, f, messages, enums, problems) for f in message.fields)
        resolved.append(message.model_copy(update={"root": root, "fields": fields}))
    for enum in enums.values():
        if enum.mixin and enum.mixin not in mixins:
            problems.append(Problem(enum.loc, f"mixin {enum.mixin!r} is not a class in schema/{BEHAVIOUR_MODULE}"))
    schema = Schema(messages=tuple(resolved), enums=tuple(enums[k] for k in sorted(enums)))
    if not problems:
        for message in schema.messages:
            _check_embedding(schema, message, [], problems)
    if not problems:
        for message in schema.messages:
            _check_clashes(schema, message, problems)
    return schema


def _resolve(ref: TypeRef, messages: dict[str, Message], enums: dict[str, Enum], loc: Loc, problems: list[Problem]) -> TypeRef:
    if ref.item is not None:
        return ref.model_copy(update={"item": _resolve(ref.item, messages, enums, loc, problems)})
    if ref.kind == "oneof":
        for option in ref.options:
            target = messages.get(option.name)
            if target is None or target.root is not None:
                problems.append(Problem(loc, f"oneof option {option.name!r} is not a message with fields", "oneof lists the structs a Go interface may hold"))
        return ref
    if ref.kind == "flagset":
        enum = enums.get(ref.name)
        if enum is None or enum.kind != "bits":
            problems.append(Problem(loc, f"flagset[{ref.name}] needs an enum of kind `bits`", "declare it under `enums:` with `kind: bits`"))
        return ref
    if ref.kind == "message":
        if ref.name in enums:
            return ref.model_copy(update={"kind": "enum"})
        if ref.name not in messages:
            problems.append(Problem(loc, f"unknown type {ref.name!r}", "declare it under `messages:` or `enums:` in any schema file"))
    return ref


def _check_field(message: Message, field: Field, messages: dict[str, Message], enums: dict[str, Enum], problems: list[Problem]) -> Field:
    where = f"{message.name}.{field.name}"
    typ = _resolve(field.type, messages, enums, field.loc, problems)
    if field.embed and (typ.kind != "message" or typ.name not in messages):
        problems.append(Problem(field.loc, f"{where} is embedded but its type is not a message", "only Go structs can be embedded"))
    if field.embed and messages.get(typ.name) and messages[typ.name].root is not None:
        problems.append(Problem(field.loc, f"{where} embeds root type {typ.name}", "only structs with fields can be embedded"))
    if field.as_string and not (typ.is_int or typ.kind == "flagset" or typ.name in ("bool", "float32", "float64")):
        problems.append(Problem(field.loc, f"{where}: `string: true` applies to numbers and bools only, not {typ}", "Go's ,string option"))
    if field.wire_required and field.omit:
        problems.append(Problem(field.loc, f"{where} is wire_required but omitted when empty", "drop one of them"))
    default = field.default
    if default == _NO_DEFAULT:
        default = None if not field.has_default else _zero(typ, field.nullable)
    elif field.has_default:
        error = _default_error(default, typ, enums)
        if error:
            problems.append(Problem(field.loc, f"default of {where} {error}", f"the type is {typ}"))
    return field.model_copy(update={"type": typ, "default": default})


def _zero(typ: TypeRef, nullable: bool) -> Any:
    """The default a field gets when the YAML gives none: Go's zero value (None for nil-able)."""
    if nullable or typ.kind in ("message", "enum", "oneof"):
        return None
    if typ.kind == "list" or typ.kind == "flagset":
        return []
    if typ.kind == "map":
        return {}
    return {"str": "", "bool": False, "bytes": b"", "time": "", "any": None}.get(
        typ.name, 0.0 if typ.name.startswith("float") else 0
    )


def _default_error(value: Any, typ: TypeRef, enums: dict[str, Enum]) -> str:
    """Why value cannot be a default of typ ('' when it can)."""
    if value is None:
        return ""
    kind, name = typ.kind, typ.name
    if kind == "enum":
        allowed = [v.value for v in enums[name].values] if name in enums else []
        return "" if value in allowed and not isinstance(value, bool) else f"{value!r} is not a value of enum {name} ({allowed})"
    if kind == "flagset":
        return "" if value == [] else "must be [] or null"
    if kind in ("message", "oneof"):
        return "must be null (a message default is its zero value)"
    if kind == "list":
        return "" if isinstance(value, list) and not value else "must be [] or null"
    if kind == "map":
        return "" if isinstance(value, dict) and not value else "must be {} or null"
    if name in INT_RANGES:
        lo, hi = INT_RANGES[name]
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{value!r} is not an integer"
        return "" if lo <= value <= hi else f"{value} is outside {name} ({lo}..{hi})"
    expected = {"str": str, "time": str, "bool": bool, "float32": (int, float), "float64": (int, float), "duration": int}
    want = expected.get(name)
    if want is None:
        return "" if name == "any" else f"is not supported for {name}"
    if isinstance(value, bool) and want is not bool:
        return f"{value!r} is not a {name}"
    return "" if isinstance(value, want) else f"{value!r} is not a {name}"


def _check_embedding(schema: Schema, message: Message, chain: list[str], problems: list[Problem]) -> None:
    if message.name in chain:
        cycle = " -> ".join(chain[chain.index(message.name):] + [message.name])
        problems.append(Problem(message.loc, f"embedding cycle: {cycle}", "Go cannot embed a struct in itself"))
        return
    for field in message.fields:
        if field.embed:
            _check_embedding(schema, schema.message(field.type.name), chain + [message.name], problems)
            if problems:
                return


def _check_clashes(schema: Schema, message: Message, problems: list[Problem]) -> None:
    """Python names, JSON names and MessagePack names must be unique after flattening."""
    for what, key in (("JSON name", "wire"), ("MessagePack name", "msgpack")):
        seen: dict[str, Field] = {}
        for field in schema.wire_fields(message):
            name = getattr(field, key)
            if name == "-":
                continue  # not on the wire in this encoding
            if name in seen:
                first = seen[name]
                problems.append(
                    Problem(field.loc, f"{message.name}: {what} {name!r} of field {field.name!r} clashes with field {first.name!r} ({first.loc})", "embedded structs are flattened on the wire; rename one")
                )
            seen[name] = field
    python: dict[str, Field] = {}
    for field in [f for f in _flat_python_fields(schema, message) if not f.local]:
        if field.name in python:
            first = python[field.name]
            problems.append(
                Problem(field.loc, f"{message.name}: Python name {field.name!r} is used twice (first at {first.loc})", "msgspec structs flatten embedded fields; names must be unique")
            )
        python[field.name] = field


def _flat_python_fields(schema: Schema, message: Message) -> list[Field]:
    out: list[Field] = []
    for field in message.fields:
        out.extend(_flat_python_fields(schema, schema.message(field.type.name)) if field.embed else [field])
    return out
