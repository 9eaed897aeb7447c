"""Import: an existing JSON Schema -> our schema YAML, so a team can adopt the generator.

    python -m aistore_models_gen import SCHEMA.json [--out FILE.yaml]

Every object definition (`$defs` or `definitions`, and an object at the root)
becomes a message with its properties as fields in their order; maps and
arrays become root messages; inline objects are hoisted into messages of their
own.  Types follow the JSON Schema keywords our emitter writes, so our own
schemas come back exactly: integer ranges name the Go width (int8 ... uint64),
`x-go-type` on a string is a Go `,string` integer, `format: date-time` is a
time, `format: go-duration` is AIStore's duration text, `contentEncoding: base64` is
bytes, anyOf/oneOf of messages is an interface[...].

The schema is walked directly rather than through datamodel-code-generator's
parser: that parser resolves a schema into Python types (constr, conint,
AwareDatetime), dropping what the schema language keeps (integer widths,
`x-go-type`, base64, key order), and it brings a large dependency to the
generator for a walk of a few keywords.

Anything the language cannot say becomes `any` or loses a keyword, with a
warning naming its JSON pointer.  The result is checked by loading it with our
loader before it is written.
"""

from __future__ import annotations

import json
import keyword
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .kinds import FLOAT_PATTERN, GO_KIND
from .runtime.aischecks import refuses_zero
from .runtime.gorules import DURATION_FORMAT, INT_RANGES, QUANTITY_FORMAT

# Patterns our emitter writes (generator/emit/jsonschema.py)
_FLAGSET = re.compile(r"bitmask of (\w+) bit positions")
_ENUM_DOC = re.compile(r"^([A-Z]\w*): ?(.*)$", re.S)
_WIDTHS = {bounds: name for name, bounds in INT_RANGES.items()}
_ANNOTATIONS = {
    "description",
    "title",
    "$comment",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
}


class SchemaImportError(ValueError):
    """The input cannot be imported at all (not JSON, not a schema, a remote $ref)."""


@dataclass
class Result:
    yaml_text: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class _State:
    defs: dict[str, Any]
    defs_key: str
    go_nulls: bool  # every property and element admits null: Go's convention, null says nothing
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    enums: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def warn(self, pointer: str, message: str) -> None:
        self.warnings.append(f"{pointer or '/'}: {message}")


def import_schema(document: Any, name: str = "Imported") -> Result:
    """A JSON Schema document (parsed) -> schema YAML text; `name` names an untitled root object."""
    if not isinstance(document, dict):
        raise SchemaImportError("the document is not a JSON Schema object")
    defs_key = "$defs" if "$defs" in document else "definitions"
    defs = document.get(defs_key, {})
    if not isinstance(defs, dict):
        raise SchemaImportError(f"/{defs_key} is not an object")
    state = _State(defs, defs_key, _follows_go_nulls(document))
    for def_name, body in defs.items():
        _definition(state, def_name, body, f"/{defs_key}/{_token(def_name)}")
    if "$ref" not in document and (document.get("properties") or _types(document) - {"null"}):
        title = document["title"] if isinstance(document.get("title"), str) else name
        _definition(state, _unique(state, _camel(title) or name), document, "")
    out: dict[str, Any] = {}
    if state.enums:
        out["enums"] = state.enums
    out["messages"] = state.messages
    text = yaml.safe_dump(
        out, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return Result(text, state.warnings)


# ------------------------------------------------------------------ definitions


def _definition(state: _State, name: str, body: Any, pointer: str) -> None:
    if not isinstance(body, dict):
        state.warn(pointer, "a definition must be an object; skipped")
    elif "enum" in body and not _is_object(body):
        _enum(state, name, body, pointer)
    elif _is_object(body) and (body.get("properties") or _map_values(body) is None):
        state.messages[
            name
        ] = {}  # reserve the name (and its place) before nested objects are hoisted
        state.messages[name] = _message(state, name, body, pointer)
    elif _is_object(body) or "array" in _types(body):
        root = _type(state, body, pointer, name, nullable_ok=True)
        if "null" in _admitted(state, body) and not root.endswith("?"):
            root += "?"  # null at a root says something even in Go's convention: a nil map or slice
        state.messages[name] = _doc(body) | {"root": root}
    # else: a plain type (an alias); each $ref to it is replaced by the type itself


def _message(state: _State, name: str, body: dict[str, Any], pointer: str) -> dict[str, Any]:
    message = _doc(body)
    required = set(body.get("required", ()))
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, prop in (body.get("properties") or {}).items():
        where = f"{pointer}/properties/{_token(key)}"
        if not isinstance(prop, dict):
            state.warn(where, "a property must be a schema object; imported as any")
            prop = {}
        attr = _python_name(key, used)
        spec: dict[str, Any] = {}
        expr = _type(state, prop, where, name + _camel(key), nullable_ok=False)
        spec["type"] = expr
        if attr != key:
            spec["wire"] = key
        doc = _field_doc(prop)
        if doc:
            spec["doc"] = doc
        if _is_quoted(prop):
            spec["string"] = True
        if not state.go_nulls and "null" in _admitted(state, prop):
            spec["type"] = expr = f"{expr}?"
        spec["type"] = expr = _zero_safe(state, expr, where)
        if key in required:
            spec["wire_required"] = True
        select = _selection(body, key, pointer)
        if select:
            spec["select"] = select
        fields[attr] = expr if list(spec) == ["type"] else spec
    by_key = {
        spec.get("wire", attr) if isinstance(spec, dict) else attr: attr
        for attr, spec in fields.items()
    }
    for spec in fields.values():
        if isinstance(spec, dict) and "select" in spec:
            spec["select"]["by"] = by_key.get(spec["select"]["by"], spec["select"]["by"])
    for key in sorted(required - set(body.get("properties") or {})):
        state.warn(pointer, f"required key {key!r} has no property; dropped")
    if not fields:
        state.warn(pointer, "an object without properties; imported with no fields")
    checks = body.get("x-aistore-checks") or ()  # our emitter's; the allOf rules follow them
    if checks:
        message["checks"] = [{check: keys[0] if len(keys) == 1 else keys} for check, keys in checks]
    if body.get("x-aistore-ignores-unknown") is True:
        message["ignores_unknown"] = True
    message["fields"] = fields
    return message


def _selection(body: dict[str, Any], key: str, pointer: str) -> dict[str, Any]:
    """Our `select:` back from the if/then rules our emitter writes for it: {"if": {sibling:
    const}, "then": {key: $ref or null}}; {} when the message has none for `key`."""
    types: dict[str, str] = {}
    by = ""
    for rule in body.get("allOf") or ():
        if not isinstance(rule, dict) or set(rule) != {"if", "then"}:
            continue
        condition = rule["if"].get("properties") or {}
        then = rule["then"].get("properties") or {}
        if len(condition) != 1 or key not in then:
            continue
        ((sibling, const),) = condition.items()
        target = then[key].get("anyOf", [then[key]])[0]
        if "const" in const and "$ref" in target:
            by = sibling
            types[str(const["const"])] = target["$ref"].rsplit("/", 1)[1]
    return {"by": by, "types": types} if types else {}


def _enum(state: _State, name: str, body: dict[str, Any], pointer: str) -> str:
    values = [v for v in body["enum"] if v is not None]
    if values and all(isinstance(v, str) for v in values):
        kind = "str"
    elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        kind = "int"
    else:
        state.warn(pointer, "an enum must hold only strings or only integers; imported as any")
        return "any"
    doc = body.get("description", "")
    match = _ENUM_DOC.match(doc) if isinstance(doc, str) else None
    if match and match.group(1) == name:
        doc = match.group(2)
    names: set[str] = set()
    members = {_member_name(v, names): v for v in values}
    state.enums[name] = ({"doc": doc} if doc else {}) | {"kind": kind, "values": members}
    return name


# ------------------------------------------------------------------ types


def _type(
    state: _State, node: dict[str, Any], pointer: str, hoist_name: str, nullable_ok: bool
) -> str:
    """A type expression for `node`; `nullable_ok`: a root or element, where `T?` may be written."""
    nullable = "null" in _admitted(state, node)
    node = _without_null(node)
    expr = _plain_type(state, node, pointer, hoist_name)
    if nullable and nullable_ok and not state.go_nulls and expr != "any":
        return expr + "?"
    return expr


def _element(state: _State, node: Any, pointer: str, hoist_name: str) -> str:
    if not isinstance(node, dict):
        return "any"
    return _zero_safe(state, _type(state, node, pointer, hoist_name, nullable_ok=True), pointer)


def _zero_safe(state: _State, expr: str, pointer: str) -> str:
    """An enum without a member for Go's zero value ("" or 0) cannot hold an absent key: the
    field (or element) is imported as a pointer, `T?`, and the warning says so."""
    enum = state.enums.get(expr)
    if enum is None:
        return expr
    zero = "" if enum["kind"] == "str" else 0
    if zero in enum["values"].values():
        return expr
    state.warn(
        pointer,
        f"enum {expr} has no member for Go's zero value {zero!r}; imported as {expr}? "
        "(an absent key reads as None)",
    )
    return f"{expr}?"


def _plain_type(state: _State, node: dict[str, Any], pointer: str, hoist_name: str) -> str:
    if "$ref" in node:
        return _ref(state, node["$ref"], pointer)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return _union(state, node[key], f"{pointer}/{key}", hoist_name)
    if isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
        return _plain_type(state, node["allOf"][0], f"{pointer}/allOf/0", hoist_name)
    types = _types(node) - {"null"}
    if node.get("format") == QUANTITY_FORMAT:  # text or a number
        return "quantity"
    if "enum" in node and types <= {"string", "integer"} and node["enum"] != ["true", "false"]:
        match = _ENUM_DOC.match(node.get("description") or "")
        name = match.group(1) if match else _unique(state, hoist_name)
        return name if name in state.enums else _enum(state, name, node, pointer)
    if len(types) != 1:
        if types:
            state.warn(pointer, f"several types ({', '.join(sorted(types))}); imported as any")
        return "any"
    (kind,) = types
    if kind == "string":
        return _string(state, node, pointer)
    if kind == "integer":
        return _integer(state, node, pointer)
    if kind == "number":
        return "float64"
    if kind == "boolean":
        return "bool"
    if kind == "array":
        item = _element(state, node.get("items", {}), f"{pointer}/items", hoist_name + "Item")
        return f"list[{item}]"
    return _object(state, node, pointer, hoist_name)


def _string(state: _State, node: dict[str, Any], pointer: str) -> str:
    if "x-go-type" in node:
        go_type = node["x-go-type"]
        if go_type in INT_RANGES:
            return str(go_type)
        state.warn(pointer, f"x-go-type {go_type!r} is not a Go integer type; imported as str")
    if node.get("enum") == ["true", "false"]:
        return "bool"
    if node.get("pattern") == FLOAT_PATTERN:
        return "float64"
    if node.get("contentEncoding") == "base64":
        return "bytes"
    if node.get("format") == "date-time":
        return "time"
    if node.get("format") == DURATION_FORMAT:
        return "duration_text"
    dropped = sorted(set(node) & {"pattern", "format", "minLength", "maxLength", "contentEncoding"})
    if dropped:
        state.warn(
            pointer, f"{', '.join(dropped)} dropped (the schema language has no such rule for str)"
        )
    return "str"


def _integer(state: _State, node: dict[str, Any], pointer: str) -> str:
    bounds = (node.get("minimum"), node.get("maximum"))
    width = _WIDTHS.get(bounds)  # type: ignore[arg-type]  # bounds may be absent: no width
    if width == "int64" and node.get(GO_KIND) == "duration":
        return "duration"
    if width:
        return width
    if bounds != (None, None):
        state.warn(
            pointer, f"range [{bounds[0]}, {bounds[1]}] is no Go integer type's; imported as int64"
        )
    return "int64"


def _object(state: _State, node: dict[str, Any], pointer: str, hoist_name: str) -> str:
    if node.get("properties"):
        name = _unique(
            state, _camel(node["title"]) if isinstance(node.get("title"), str) else hoist_name
        )
        state.messages[name] = {}
        state.messages[name] = _message(state, name, node, pointer)
        return name
    values = _map_values(node)
    if values is None:
        return "map[str, any]"
    value = _element(state, values, f"{pointer}/additionalProperties", hoist_name + "Value")
    return f"map[str, {value}]"


def _union(state: _State, options: Any, pointer: str, hoist_name: str) -> str:
    if not isinstance(options, list):
        state.warn(pointer, "not a list of schemas; imported as any")
        return "any"
    rest = [o for o in options if not (isinstance(o, dict) and _types(o) == {"null"})]
    if len(rest) == 1:
        return _plain_type(state, _without_null(rest[0]), pointer, hoist_name)
    names = [
        _ref(state, o["$ref"], pointer) if isinstance(o, dict) and "$ref" in o else "" for o in rest
    ]
    if names and all(n in state.defs and _is_object(state.defs[n]) for n in names):
        return f"interface[{', '.join(names)}]"
    state.warn(pointer, "a union that is not a choice of object definitions; imported as any")
    return "any"


def _ref(state: _State, ref: Any, pointer: str) -> str:
    prefix = f"#/{state.defs_key}/"
    if not isinstance(ref, str) or not ref.startswith(prefix):
        raise SchemaImportError(
            f"{pointer}: $ref {ref!r} is not a local reference into {state.defs_key}"
        )
    name = _untoken(ref[len(prefix) :])
    if name not in state.defs:
        raise SchemaImportError(f"{pointer}: $ref {ref!r} names no definition")
    target = state.defs[name]
    if (
        isinstance(target, dict)
        and not _is_object(target)
        and "array" not in _types(target)
        and "enum" not in target
    ):
        return _plain_type(
            state, _without_null(target), f"/{state.defs_key}/{_token(name)}", name
        )  # an alias
    return name


# ------------------------------------------------------------------ helpers


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("type")
    return {t} if isinstance(t, str) else set(t) if isinstance(t, list) else set()


def _is_object(node: Any) -> bool:
    return isinstance(node, dict) and (
        "object" in _types(node) or ("properties" in node and not _types(node))
    )


def _map_values(node: dict[str, Any]) -> Any:
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def _admitted(state: _State, node: dict[str, Any]) -> set[str]:
    """The JSON types a schema admits at its own level ("null" is what matters here)."""
    if not set(node) - _ANNOTATIONS:
        return {"null"}  # no constraint at all: anything, null included
    types = set(_types(node))
    for key in ("anyOf", "oneOf"):
        for option in node.get(key) or ():
            if isinstance(option, dict) and _types(option) == {"null"}:
                types.add("null")
    return types


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    types = _types(node)
    out = dict(node)
    if "null" in types:
        rest = sorted(types - {"null"})
        if rest:
            out["type"] = rest[0] if len(rest) == 1 else rest
        else:
            out.pop("type")
    for key in ("anyOf", "oneOf"):
        if isinstance(out.get(key), list):
            kept = [o for o in out[key] if not (isinstance(o, dict) and _types(o) == {"null"})]
            if len(kept) == 1 and isinstance(kept[0], dict):
                del out[key]
                out = {k: v for k, v in kept[0].items()} | {
                    k: v for k, v in out.items() if k in _ANNOTATIONS
                }
            else:
                out[key] = kept
    return out


def _follows_go_nulls(document: dict[str, Any]) -> bool:
    """Whether every property, list item and map value admits null (as our emitter writes,
    since Go's decoder accepts null anywhere but in AIStore's duration text): then null
    carries no meaning there."""
    positions: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for prop in (node.get("properties") or {}).values():
                positions.append(prop)
            for key in ("items", "additionalProperties"):
                if isinstance(node.get(key), dict):
                    positions.append(node[key])
            for key, value in node.items():
                if key != "allOf":  # our rules (`select:`, `checks:`) say nothing of nulls
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    probe = _State({}, "$defs", False)
    defs = document.get("$defs") or {}

    def zero_refused(p: dict[str, Any]) -> bool:  # a message whose decoder refuses its zero
        target = defs.get(str(p.get("$ref", "")).rsplit("/", 1)[-1], {})
        return refuses_zero(target.get("x-aistore-checks", ()))

    return bool(positions) and all(
        isinstance(p, dict)
        and ("null" in _admitted(probe, p) or p.get("format") == DURATION_FORMAT or zero_refused(p))
        for p in positions
    )


def _doc(body: dict[str, Any]) -> dict[str, Any]:
    doc = body.get("description")
    return {"doc": doc} if isinstance(doc, str) and doc else {}


def _field_doc(prop: dict[str, Any]) -> str:
    """A property's description; where null was added around a type, our emitter puts it inside
    anyOf."""
    doc = prop.get("description")
    if not doc:
        for option in prop.get("anyOf") or ():
            if isinstance(option, dict) and option.get("description"):
                doc = option["description"]
                break
    if isinstance(doc, str) and _ENUM_DOC.match(doc) and "enum" in _without_null(prop):
        return ""  # an enum's own doc, repeated on every use
    return doc if isinstance(doc, str) else ""


def _is_quoted(prop: dict[str, Any]) -> bool:
    plain = _without_null(prop)
    return "string" in _types(plain) and (
        plain.get("x-go-type") in INT_RANGES
        or plain.get("enum") == ["true", "false"]
        or plain.get("pattern") == FLOAT_PATTERN
    )


def _python_name(key: str, used: set[str]) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", key)
    name = re.sub(r"\W+", "_", name, flags=re.ASCII).strip("_").lower() or "field"
    if name[0].isdigit():
        name = f"f_{name}"
    if keyword.iskeyword(name) or name in ("case", "match", "type") or _reserved(name):
        name += "_"
    while name in used:
        name += "_"
    used.add(name)
    return name


def _reserved(name: str) -> bool:
    """A name one of the targets refuses (the same checks the loader runs)."""
    from .render import NAME_CHECKS

    return any(check(name) for check in NAME_CHECKS)


def _member_name(value: Any, used: set[str]) -> str:
    base = re.sub(r"\W+", "_", str(value), flags=re.ASCII).strip("_").upper() or "EMPTY"
    name = (
        f"V{base}"
        if base[0].isdigit() or isinstance(value, int) and not str(value).isidentifier()
        else base
    )
    while name in used:
        name += "_"
    used.add(name)
    return name


def _camel(text: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def _unique(state: _State, name: str) -> str:
    name = name if name and name[0].isalpha() else f"M{name}"
    candidate, n = name, 2
    while candidate in state.messages or candidate in state.enums or candidate in state.defs:
        candidate, n = f"{name}{n}", n + 1
    return candidate


def _token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _untoken(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def import_file(path: Path) -> Result:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise SchemaImportError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    return import_schema(document, _camel(path.name.split(".")[0]) or "Imported")


def loader_problems(yaml_text: str) -> str:
    """What our loader says about the YAML ('' when it loads): the importer's own check."""
    from .loader import load
    from .problems import SchemaErrors
    from .render import NAME_CHECKS

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "imported.yaml").write_text(yaml_text, encoding="utf-8")
        try:
            load(Path(folder), NAME_CHECKS)
        except SchemaErrors as exc:
            return str(exc)
    return ""


def run(source: Path, out: Path | None) -> int:
    """`python -m aistore_models_gen import`: 0 written (warnings allowed), 2 nothing written."""
    try:
        result = import_file(source)
    except SchemaImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"{source}: {warning}", file=sys.stderr)
    problems = loader_problems(result.yaml_text)
    if problems:
        print(f"error: the imported YAML does not load:\n{problems}", file=sys.stderr)
        return 2
    if out is None:
        sys.stdout.write(result.yaml_text)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(result.yaml_text, encoding="utf-8")
    os.replace(temporary, out)  # all or nothing, like the generator's writer
    print(
        f"wrote {out} ({len(result.warnings)} warning(s)); check it, then `make generate`",
        file=sys.stderr,
    )
    return 0
