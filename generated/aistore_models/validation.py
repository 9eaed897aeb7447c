# Copied from generator/runtime/validation.py by aistore-models-gen. Edit the original.
"""Payload validation against the messages' JSON Schema.

A compiled validator (jsonschema-rs) decides whether a payload is valid; only
an invalid payload is handed to the pure-Python `jsonschema`, whose errors
explain it (benchmarks/validation.py has the figures behind this split).  Both
engines are given the same Go-specific rules, so they reach the same verdict:

- `format: date-time` is checked as Go's time.Time decoder reads it (uppercase
  T and Z, seconds 0-59, any number of fraction digits, ...);
- `pattern` follows ECMA-262, where `$` matches only at the end (Python's `re`
  also matches before a final newline);
- `x-go-type` on a `,string` integer checks the Go type's range.

MessagePack payloads are first rewritten into their JSON wire form (JSON keys,
base64 for bytes, RFC 3339 text for times, quoted `,string` values) following
the wire tables; issues point back into the MessagePack document.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import msgspec

from . import aischecks, limits, servers
from .codec import (
    Codec,
    DecodeError,
    Fmt,
    TypeSpec,
    WireField,
    each_message,
    flatten,
    msgpack_nil_ok,
    pointer_token,
    through_float64,
)
from .gorules import (
    DURATION_FORMAT,
    FLOAT_TEXT,
    GO_DURATION_SURE,
    GO_TIME_SURE,
    INT_RANGES,
    NOT_ON_WIRE,
    QUANTITY_FORMAT,
    anchored,
)
from .gotime import go_duration, go_time
from .quantity import go_quantity_text
from .registry import MESSAGES as _TABLES

_rs: Any
try:  # the compiled validator is optional: without it jsonschema decides too
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _rs = None


@dataclass(frozen=True)
class ValidationIssue:
    """One reason a payload does not match a message's JSON Schema."""

    pointer: str  # JSON pointer into the payload ("" is the whole document)
    message: str
    rule: str  # the JSON Schema keyword that failed, e.g. "type", "additionalProperties"
    value: Any

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class InvalidPayload(ValueError):
    """Raised by `check`: the payload does not match; `issues` says where and why."""

    def __init__(self, message: str, issues: list[ValidationIssue]):
        self.message = message
        self.issues = issues
        lines = "\n".join(f"  {issue}" for issue in issues)
        super().__init__(f"invalid {message} payload:\n{lines}")


# ------------------------------------------------------------------ schemas


@cache
def _schema_text(name: str, strict: bool) -> str:
    folder = "strict" if strict else "lenient"
    path = resources.files(__package__).joinpath("schemas", folder, f"{name}.json")
    return path.read_text("utf-8")


def schema(name: str, strict: bool = True) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a message's wire form.

    strict=True rejects unknown keys, as AIStore's decoder does; strict=False accepts them.
    """
    _known(name)
    result: dict[str, Any] = json.loads(_schema_text(name, strict))
    return result


def _known(name: str) -> None:
    if name not in _TABLES:
        raise KeyError(f"unknown message {name!r}; see aistore_models.MESSAGES")


# ------------------------------------------------------------------ Go's rules


def go_int_problem(text: object, go_type: str) -> str | None:
    """Why a quoted (`,string`) integer does not fit its Go type, or None.

    Only the range is checked here: the schema's `pattern` checks the digits."""
    if not isinstance(text, str) or not re.fullmatch(r"-?[0-9]+", text):
        return None
    lo, hi = INT_RANGES[go_type]
    if lo <= int(text) <= hi:
        return None
    return f"{text} is out of range for Go {go_type} [{lo}, {hi}]"


def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a JSON Schema pattern so that `$` means the end of the text, as in ECMA-262."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


# ------------------------------------------------------------------ engines


class _GoTypeKeyword:
    """`x-go-type` for jsonschema-rs (custom keyword protocol)."""

    def __init__(self, parent: dict[str, Any], value: str, path: list[Any]):
        self.go_type = value

    def validate(self, instance: Any) -> None:
        problem = go_int_problem(instance, self.go_type)
        if problem:
            raise ValueError(problem)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _compiled_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    return ecma_pattern(pattern)


def _go_type(validator: Any, go_type: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    problem = go_int_problem(instance, go_type)
    if problem:
        yield ValidationError(problem)


@cache
def _explainer_class() -> Any:
    import jsonschema

    extend: Any = jsonschema.validators.extend  # untyped in types-jsonschema
    return extend(
        jsonschema.Draft202012Validator, validators={"pattern": _pattern, "x-go-type": _go_type}
    )


class _Engine:
    """The compiled verdict and the pure-Python explanation for one message and mode.

    An invalid payload is explained spot by spot: jsonschema-rs finds where it
    fails (instance path, failing schema), and jsonschema explains only those
    parts, so the explanation costs what the errors cost, not what the payload does.
    """

    def __init__(self, document: dict[str, Any]):
        self.document = document
        self.fast = None
        if _rs is not None:
            self.fast = _rs.validator_for(
                _fast_schema(document),
                validate_formats=True,
                formats=_FORMATS,
                keywords={"x-go-type": _GoTypeKeyword},
            )
        self._slow: Any = None

    @property
    def slow(self) -> Any:
        if self._slow is None:
            import jsonschema

            checker = jsonschema.FormatChecker(formats=())
            for name, check in _FORMATS.items():
                checker.checks(name)(check)
            self._slow = _explainer_class()(self.document, format_checker=checker)
        return self._slow

    def is_valid(self, document: Any) -> bool:
        if self.fast is not None:
            try:
                return bool(self.fast.is_valid(document))
            except (ValueError, TypeError):
                pass  # not plain JSON values (e.g. tuples): let jsonschema decide
        return bool(self.slow.is_valid(document))

    def issues(self, document: Any) -> list[ValidationIssue]:
        issues = self._issues_at_spots(document) if self.fast is not None else None
        if issues is None:
            issues = [i for err in self.slow.iter_errors(document) for i in _explain(err, "")]
        if not issues:  # the engines disagree: never call an invalid payload valid
            issues = [ValidationIssue("", "rejected by the compiled validator", "schema", document)]
        unique = {(i.pointer, i.rule, i.message): i for i in issues}
        return [unique[k] for k in sorted(unique)]

    def _issues_at_spots(self, document: Any) -> list[ValidationIssue] | None:
        try:
            errors = list(self.fast.iter_errors(document))  # type: ignore[union-attr]
        except (ValueError, TypeError):
            return None
        spots: dict[tuple[tuple[Any, ...], tuple[Any, ...]], Any] = {}
        for error in errors:
            spots.setdefault((tuple(error.instance_path), tuple(error.schema_path[:-1])), error)
        issues: list[ValidationIssue] = []
        for (at, where), error in spots.items():
            subschema, instance = _schema_at(self.document, where), _follow(document, at)
            if instance is _MISSING or instance != error.instance:
                # jsonschema-rs 0.61 drops "" keys from instance paths: explain everything instead
                return None
            prefix = "".join(f"/{pointer_token(p)}" for p in at)
            found = [
                issue
                for err in self.slow.evolve(schema=subschema).iter_errors(instance)
                for issue in _explain(err, prefix)
            ]
            rule = str(error.schema_path[-1]) if error.schema_path else "schema"
            issues += found or [ValidationIssue(prefix, str(error.message), rule, instance)]
        return issues


_MISSING = object()


def _schema_at(document: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    """The schema object at `path`, or the deepest one on the way there: the path may
    run into the shortcuts that only jsonschema-rs's copy has (see _fast_schema)."""
    found, node = document, document
    for step in path:
        node = _follow(node, (step,))
        if node is _MISSING:
            break
        if isinstance(node, dict):
            found = node
    return found


def _follow(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            document = document[step]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return document


# Times that Go surely reads: jsonschema-rs checks these itself and calls back into Python
# (go_time) only for the rest.
_SURE_TIME = anchored(GO_TIME_SURE)
_SURE_DURATION = anchored(GO_DURATION_SURE)


def _is_duration(text: object) -> bool:
    if not isinstance(text, str):
        return True  # the type check's business
    try:
        go_duration(text)
    except ValueError:
        return False
    return True


def _is_quantity(text: object) -> bool:
    if not isinstance(text, str):
        return True  # a number: Go reads it (a non-finite one is not JSON)
    try:
        go_quantity_text(text)
    except ValueError:
        return False
    return True


# Our formats, checked as AIStore's Go decoder reads them.
_FORMATS = {"date-time": go_time, DURATION_FORMAT: _is_duration, QUANTITY_FORMAT: _is_quantity}
_FLOAT_PATTERN = anchored(FLOAT_TEXT)  # the JSON Schema's `,string` float


def _fast_schema(document: Any) -> Any:
    """The schema as jsonschema-rs gets it: Go's rules behind shortcuts, so that common
    values skip the Python callbacks (a callback costs microseconds: 20 ms per 10,000
    listing entries).  It accepts exactly what the schema with those rules accepts."""
    if isinstance(document, list):
        return [_fast_schema(v) for v in document]
    if not isinstance(document, dict):
        return document
    out = {k: _fast_schema(v) for k, v in document.items()}
    shortcuts: list[tuple[dict[str, Any], dict[str, Any]]] = []
    go_type = out.pop("x-go-type", None)
    if isinstance(go_type, str):
        lo, hi = INT_RANGES[go_type]
        short: dict[str, Any] = {"maxLength": len(str(hi)) - 1}  # too few digits to overflow
        if lo == 0:
            short["pattern"] = "^[0-9]*$"  # a minus sign is out of range for unsigned types
        shortcuts.append((short, {"x-go-type": go_type}))
    for name, sure in (("date-time", _SURE_TIME), (DURATION_FORMAT, _SURE_DURATION)):
        if out.get("format") == name:
            del out["format"]
            shortcuts.append(({"pattern": sure}, {"format": name}))
    if shortcuts:
        out.setdefault("allOf", []).extend({"anyOf": [a, b]} for a, b in shortcuts)
    return out


@cache
def _engine(name: str, strict: bool) -> _Engine:
    return _Engine(schema(name, strict))


def _explain(error: Any, prefix: str) -> list[ValidationIssue]:
    """jsonschema errors -> issues; for anyOf/oneOf, the errors of the most relevant branch."""
    from jsonschema.exceptions import best_match

    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        # A branch that wants another type altogether (`null` beside a message) explains
        # nothing; of the rest, the one with the fewest errors is what the payload meant.
        fitting = [
            b
            for b in branches.values()
            if not all(_wanted_types(e) and not e.relative_path for e in b)
        ]
        if not fitting:  # no branch takes this type: name them all in one issue
            return [_type_issue(error, _wanted_types(error), prefix)]
        fewest = min(len(b) for b in fitting)
        fitting = [b for b in fitting if len(b) == fewest]
        explained = [[i for sub in b for i in _explain(sub, prefix)] for b in fitting]
        for issues in explained:  # a branch AIStore would read (our divergence only) is meant
            if all(i.rule in DIVERGENCES for i in issues):
                return issues
        best = best_match([e for b in fitting for e in b])
        return explained[fitting.index(_branch_of(best, fitting))]
    pointer = prefix + "".join(f"/{pointer_token(p)}" for p in error.absolute_path)
    rule = str(error.validator)
    if rule == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        owner = error.schema.get("title")
        where = f" ({owner} has no such field)" if owner else ""
        return [
            ValidationIssue(
                f"{pointer}/{pointer_token(key)}",
                f"unknown key {key!r}{where}{_did_you_mean(key, known)}",
                rule,
                value,
            )
            for key, value in error.instance.items()
            if key not in known
        ]
    if rule == "type" and error.schema.get("contentEncoding") == "base64":
        if _bytes_as_array(error.instance):
            message = "an array of bytes: AIStore reads it, but writes base64 text; send base64"
            return [ValidationIssue(pointer, message, "bytes-as-array", error.instance)]
    return [ValidationIssue(pointer, _message(error), rule, error.instance)]


def _branch_of(error: Any, branches: list[list[Any]]) -> list[Any]:
    """The branch holding `error`, which best_match may have found deeper inside one."""
    while error is not None:
        for branch in branches:
            if any(error is e for e in branch):
                return branch
        error = error.parent
    return branches[0]


def _wanted_types(error: Any) -> list[str]:
    """The JSON types an error says its instance should have had; [] if it says more than that."""
    if error.validator == "type":
        value = error.validator_value
        return [value] if isinstance(value, str) else list(value)
    if error.validator in ("anyOf", "oneOf") and error.context:
        # context errors about the same instance (not about something inside it) only
        nested = [[] if e.relative_path else _wanted_types(e) for e in error.context]
        return [t for types in nested for t in types] if all(nested) else []
    return []


def _type_issue(error: Any, wanted: list[str], prefix: str) -> ValidationIssue:
    names = list(dict.fromkeys(wanted))
    pointer = prefix + "".join(f"/{pointer_token(p)}" for p in error.absolute_path)
    expected = ", ".join(repr(n) for n in names)
    return ValidationIssue(
        pointer, f"{error.instance!r} is not of type {expected}", "type", error.instance
    )


def _message(error: Any) -> str:
    rule, schema_, value = error.validator, error.schema, error.instance
    if rule == "format" and schema_.get("format") == "date-time":
        return f"{value!r} is not a time Go can read (RFC 3339, e.g. '2024-03-15T12:34:56Z')"
    if rule == "format" and schema_.get("format") == QUANTITY_FORMAT:
        return f"{value!r} is not a Kubernetes quantity (such as '500m', '2', '1Gi')"
    if rule == "format" and schema_.get("format") == DURATION_FORMAT:
        return f"{value!r} is not a Go duration (such as '300ms', '1.5h' or '2h45m')"
    if rule == "pattern" and "x-go-type" in schema_:
        return f"{value!r} is not a quoted integer (Go {schema_['x-go-type']} with ,string)"
    if rule == "pattern" and schema_.get("contentEncoding") == "base64":
        return f"{value!r} is not standard padded base64"
    if (
        rule == "pattern"
        and schema_.get("type") == "string"
        and schema_.get("pattern") == _FLOAT_PATTERN
    ):
        return f"{value!r} is not a quoted number (Go float with ,string)"
    if rule in _OUR_KEYWORDS:  # our own validators' words
        return str(error.message)
    return _words(rule, schema_, value)


_OUR_KEYWORDS = {"x-go-type"}
_KINDS = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
_KINDS |= {list: "an array", dict: "an object", type(None): "null"}
_TYPES = {"boolean": "a boolean", "integer": "an integer", "number": "a number"}
_TYPES |= {"string": "a string", "array": "an array", "object": "an object", "null": "null"}
_WIDTHS = {bounds: name for name, bounds in INT_RANGES.items()}


def _words(rule: str, schema_: dict[str, Any], value: Any) -> str:
    """The failed rule in our words (never the validator library's, which may change)."""
    shown = _shown(value)
    if rule == "type":
        wanted = schema_["type"] if isinstance(schema_["type"], list) else [schema_["type"]]
        want = " or ".join(_TYPES.get(str(t), str(t)) for t in wanted)
        return f"{shown} is {_KINDS.get(type(value), 'a value')}, not {want}"
    if rule in ("minimum", "maximum"):
        bounds = (schema_.get("minimum"), schema_.get("maximum"))
        width = _WIDTHS.get(bounds)  # type: ignore[arg-type]  # a bound may be absent: no width
        if width is not None:
            lo, hi = INT_RANGES[width]
            return f"{shown} is out of range for Go {width} [{lo}, {hi}]"
        side = "below the minimum" if rule == "minimum" else "above the maximum"
        return f"{shown} is {side} {schema_[rule]}"
    if rule == "pattern":
        return f"{shown} does not have the form {schema_['pattern']!r}"
    return f"{shown} breaks the schema's `{rule}` rule"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ------------------------------------------------------------------ MessagePack


@cache
def _reference_codec() -> Codec:
    return Codec(_TABLES)


class _MsgpackView:
    """A MessagePack document rewritten into its JSON wire form, remembering renamed keys."""

    def __init__(self, strict: bool):
        self.strict = strict
        # JSON pointer of an object -> {json key: msgpack key}
        self.renames: dict[str, dict[str, str]] = {}
        # problems the JSON form cannot show (JSON pointers)
        self.issues: list[ValidationIssue] = []

    def message(self, data: Any, name: str, path: str) -> Any:
        table = _TABLES[name]
        if table.root is not None:
            return self.value(data, table.root, False, path)
        if not isinstance(data, dict):
            return self.plain(data, path)
        out: dict[str, Any] = {}
        renames: dict[str, str] = {}
        consumed: set[Any] = set()
        json_keys: dict[str, str] = {}
        for field in self._fields(name):
            if field.msgpack == NOT_ON_WIRE:
                continue
            if field.json != NOT_ON_WIRE and field.json != field.msgpack:
                json_keys[field.json] = field.msgpack
            if field.msgpack not in data:
                continue
            consumed.add(field.msgpack)
            value = data[field.msgpack]
            if field.json == NOT_ON_WIRE:  # MessagePack only: the JSON Schema cannot judge it
                self._msgpack_only(value, field, f"{path}/{pointer_token(field.msgpack)}")
                continue
            renames[field.json] = field.msgpack
            sub = f"{path}/{pointer_token(field.json)}"
            if value is None and not msgpack_nil_ok(field.type, field.nullable):
                self._issue(
                    sub, "nil where AIStore's MessagePack decoder wants a value", "type", None
                )
                continue
            out[field.json] = self.value(value, field.type, field.string, sub)
        for key in data:  # tinylib/msgp skips unknown keys; a JSON key is likely a mistake
            if self.strict and key not in consumed and key in json_keys:
                where = f"{path}/{pointer_token(key)}"
                message = (
                    f"{key!r} is {name}'s JSON key: AIStore's MessagePack decoder skips it "
                    f"and reads {json_keys[key]!r}"
                )
                self.issues.append(ValidationIssue(where, message, "msgpack-json-key", data[key]))
        self.renames[path] = renames
        return out

    def _msgpack_only(self, value: Any, field: WireField, path: str) -> None:
        """A field Go writes in MessagePack only (meta.Snode's name): checked by the codec."""
        try:
            _reference_codec()._decode_value(
                value, field.type, "msgpack", "struct", False, False, field.nullable, path
            )
        except DecodeError as exc:
            self._issue(exc.pointer, exc.message, "type", value)

    def _fields(self, name: str) -> Iterator[WireField]:
        return (placed.field for placed in flatten(_TABLES, name))

    def value(self, value: Any, spec: TypeSpec, string: bool, path: str) -> Any:
        kind = spec[0]
        if value is None:
            return None
        if kind == "opt":
            return self.value(value, spec[1], string, path)
        if kind == "msg":
            return self.message(value, spec[1], path)
        if kind == "oneof":
            return self._oneof(value, spec[1], path)
        if kind == "list" and isinstance(value, list):
            return [self.item(v, spec[1], f"{path}/{i}") for i, v in enumerate(value)]
        if kind == "map" and isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    self._issue(path, f"map key {key!r} is not a string", "type", key)
                    continue
                out[key] = self.item(item, spec[1], f"{path}/{pointer_token(key)}")
            return out
        if kind in ("bytes", "base64"):
            if isinstance(value, (bytes, bytearray)):
                return base64.b64encode(value).decode("ascii")
            # tinylib/msgp reads a Go []byte from bin only; base64 text is JSON's form
            self._issue(
                path, f"expected MessagePack bin for a Go []byte, got {_kind(value)}", "type", value
            )
            return None
        if kind == "time":
            return self._time(value, path)
        if string:  # `,string` quotes values in JSON only: MessagePack carries the plain value
            if isinstance(value, bool) and kind == "bool":
                return "true" if value else "false"
            if isinstance(value, (int, float)) and not isinstance(value, bool) and kind != "bool":
                return str(value)
            self._issue(path, f"expected a {kind} value, got {_kind(value)}", "type", value)
            return None
        if kind != "any" and isinstance(value, (bytes, bytearray, msgspec.msgpack.Ext)):
            self._issue(path, f"expected a {kind} value, got {_kind(value)}", "type", value)
            return None
        return self.plain(value, path)

    def item(self, value: Any, spec: TypeSpec, path: str) -> Any:
        """A list element or map value (a nil is Go's only where the element is a pointer)."""
        if value is None and not msgpack_nil_ok(spec, False):
            self._issue(path, "nil where AIStore's MessagePack decoder wants a value", "type", None)
        return self.value(value, spec, False, path)

    def _oneof(self, value: Any, options: tuple[str, ...], path: str) -> Any:
        # The first option whose keys all match, as the codec picks a Go interface's type.
        for name in options:
            probe = _MsgpackView(strict=True)
            converted = probe.message(value, name, path)
            if not probe.issues and isinstance(value, dict) and len(converted) == len(value):
                known = {f.msgpack for f in self._fields(name)}
                if set(value) <= known:
                    self.renames.update(probe.renames)
                    return converted
        return self.message(value, options[0], path)

    def _time(self, value: Any, path: str) -> Any:
        from . import gotime

        try:
            return gotime.from_msgpack(value)
        except gotime.UnheldTime as exc:  # Go would take it: our own rule (docs/validation.md)
            self._issue(path, str(exc), exc.rule, value)
        except ValueError as exc:
            self._issue(path, str(exc), "type", value)
        return None

    def plain(self, value: Any, path: str) -> Any:
        """Any MessagePack value as JSON values (for `any` fields and unknown keys)."""
        if isinstance(value, (bytes, bytearray)):
            return base64.b64encode(value).decode("ascii")
        if isinstance(value, msgspec.msgpack.Ext):
            return {"msgpack-ext": value.code, "data": base64.b64encode(value.data).decode("ascii")}
        if isinstance(value, list):
            return [self.plain(v, f"{path}/{i}") for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {str(k): self.plain(v, f"{path}/{pointer_token(k)}") for k, v in value.items()}
        return value

    def _issue(self, path: str, message: str, rule: str, value: Any) -> None:
        self.issues.append(ValidationIssue(path, message, rule, value))

    def where(self, issue: ValidationIssue) -> str:
        """An issue's place in the MessagePack document (a msgpack-json-key issue names the
        MessagePack key already)."""
        if issue.rule != "msgpack-json-key":
            return self.original(issue.pointer)
        parent, _, key = issue.pointer.rpartition("/")
        return f"{self.original(parent)}/{key}"

    def original(self, pointer: str) -> str:
        """A pointer into the JSON form -> the same place in the MessagePack document."""
        if not pointer:
            return ""
        tokens = pointer.split("/")[1:]
        json_at, out = "", ""
        for token in tokens:
            renamed = self.renames.get(json_at, {})
            key = token.replace("~1", "/").replace("~0", "~")
            out += "/" + pointer_token(renamed.get(key, key))
            json_at += "/" + token
        return out


def _kind(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    if isinstance(value, msgspec.msgpack.Ext):
        return f"a MessagePack extension (type {value.code})"
    return type(value).__name__


# ------------------------------------------------------------------ the API


def _check_fmt(name: str, fmt: str) -> str:
    _known(name)
    if fmt not in ("json", "msgpack"):
        raise ValueError(f"fmt must be 'json' or 'msgpack', not {fmt!r}")
    if fmt == "msgpack" and not _TABLES[name].msgpack:
        raise ValueError(f"{name} has no MessagePack form in AIStore")
    return fmt


def _parse(payload: Any, fmt: str) -> tuple[Any, ValidationIssue | None]:
    if not isinstance(payload, (bytes, bytearray, memoryview, str)):
        return payload, None
    try:
        return limits.parse(payload, fmt), None  # depth, UTF-8 and syntax: see limits.py
    except limits.PayloadError as exc:
        return None, ValidationIssue("", str(exc), exc.rule, None)


# Payloads AIStore would accept that we refuse as almost certainly a mistake: each issue has
# its own rule name (docs/validation.md, "Where Go differs"), so callers can tell them from
# "AIStore would reject this".
DIVERGENCES = frozenset(
    {"null-document", "bytes-as-array", "time-range", "time-extension", "msgpack-json-key"}
    | {"lone-surrogate"}
)
NULL_DOCUMENT = ValidationIssue(
    "",
    "a null document: AIStore would read it as a message with every field unset; send {}",
    "null-document",
    None,
)


def _bytes_as_array(value: Any) -> bool:
    """A JSON array that AIStore's jsoniter reads into a []byte (numbers 0-255)."""
    return isinstance(value, list) and all(
        isinstance(b, int) and not isinstance(b, bool) and 0 <= b <= 255 for b in value
    )


def _selected_issues(name: str, document: Any) -> list[ValidationIssue]:
    """What the schema cannot see in a `select` value (an action's): AIStore reads it through
    `any`, so an integer past 2**53 arrives as a float64's digits, maybe out of range."""
    placed = flatten(_TABLES, name)
    fields = [p.field for p in placed if p.field.select]
    if not fields or not isinstance(document, dict):
        return []
    codec = _reference_codec()
    for field in fields:
        value = document.get(field.json)
        by = next(p.field.json for p in placed if p.field.attr == field.select[0])
        chosen = codec.selected(field, document.get(by))
        if chosen is not None and _has_long_int(value):
            path = f"/{pointer_token(field.json)}"
            try:
                codec.decode(through_float64(value, path), chosen, "json", "struct", True, path)
            except DecodeError as exc:
                message = f"{exc.message} (AIStore reads an action's value through float64)"
                return [ValidationIssue(exc.pointer, message, "float64-integer", None)]
    return []


def _has_long_int(value: Any) -> bool:
    if value.__class__ is int:
        return not -(2**53) <= value <= 2**53
    if isinstance(value, dict):
        return any(_has_long_int(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_long_int(v) for v in value)
    return False


def _is_struct(name: str) -> bool:
    """Whether the message is a Go struct (a root type's null is Go's nil map or slice)."""
    return _TABLES[name].root is None


def _validate(name: str, payload: Any, strict: bool, fmt: str) -> tuple[Any, list[ValidationIssue]]:
    fmt = _check_fmt(name, fmt)
    document, syntax = _parse(payload, fmt)
    if syntax:
        return None, [syntax]
    engine = _engine(name, strict)
    if fmt == "json":
        if document is None and _is_struct(name):
            return document, [NULL_DOCUMENT]
        checked, covered = _aistore_check_issues(name, document)
        if not engine.is_valid(document):  # the schema states the checks too: ours explain them
            rest = [i for i in engine.issues(document) if i.pointer not in covered]
            return document, sorted(checked + rest, key=lambda i: i.pointer)
        return document, _selected_issues(name, document) + checked
    view = _MsgpackView(strict)
    converted = view.message(document, name, "")
    found = view.issues + ([] if engine.is_valid(converted) else engine.issues(converted))
    issues = [ValidationIssue(view.where(i), i.message, i.rule, i.value) for i in found]
    return document, sorted(issues, key=lambda i: (i.pointer, i.rule, i.message))


def validate(
    name: str, payload: Any, strict: bool = True, fmt: str = "json", *, server: str | None = None
) -> list[ValidationIssue]:
    """Check a payload against a message's JSON Schema; [] when it is valid.

    payload: bytes or str to parse, or an already-parsed document.  fmt="msgpack"
    checks a MessagePack payload (bytes or decoded) through its JSON wire form.
    strict=True rejects unknown keys, as AIStore's decoder does.  server (an AIStore
    version, "v1.4.7") also flags the keys that server does not know (rule "server-version").
    """
    document, issues = _validate(name, payload, strict, fmt)
    return issues + _server_issues(name, document, fmt, server, issues)


def _aistore_check_issues(name: str, document: Any) -> tuple[list[ValidationIssue], set[str]]:
    """What AIStore's own decoders check beyond Go's types (aischecks.py): rule
    "aistore-check"; and the pointers of every key a failed check reads."""
    issues: list[ValidationIssue] = []
    covered: set[str] = set()

    def visit(message: str, wire: dict[str, Any], path: str) -> bool:
        for check, keys in _TABLES[message].checks:
            for key, reason in aischecks.problems(((check, keys),), wire):
                where = f"{path}/{pointer_token(key)}"
                issues.append(
                    ValidationIssue(
                        where, f"{reason} (AIStore refuses it)", "aistore-check", wire.get(key)
                    )
                )
                covered.update(f"{path}/{pointer_token(k)}" for k in keys)
        return True

    each_message(document, ("msg", name), "json", _TABLES, visit)
    return issues, covered


def _server_issues(
    name: str, document: Any, fmt: str, server: str | None, issues: list[ValidationIssue]
) -> list[ValidationIssue]:
    if server is None or any(i.rule == "syntax" for i in issues):
        return []
    wire_fmt: Fmt = "msgpack" if _check_fmt(name, fmt) == "msgpack" else "json"
    found = servers.unknown_to(document, name, wire_fmt, server, _TABLES)
    return [ValidationIssue(p, reason, "server-version", None) for p, reason in found]


def is_valid(name: str, payload: Any, strict: bool = True, fmt: str = "json") -> bool:
    """The verdict alone: the compiled validator decides and nothing is explained."""
    fmt = _check_fmt(name, fmt)
    document, syntax = _parse(payload, fmt)
    if syntax:
        return False
    if fmt == "json":
        return _engine(name, strict).is_valid(document)
    view = _MsgpackView(strict)
    converted = view.message(document, name, "")
    return not view.issues and _engine(name, strict).is_valid(converted)


def check(
    name: str, payload: Any, strict: bool = True, fmt: str = "json", *, server: str | None = None
) -> Any:
    """Like `validate`, but returns the parsed document and raises InvalidPayload when invalid."""
    document, issues = _validate(name, payload, strict, fmt)
    issues += _server_issues(name, document, fmt, server, issues)
    if issues:
        raise InvalidPayload(name, issues)
    return document


def issue_as_json(issue: ValidationIssue) -> dict[str, Any]:
    """An issue as a JSON object; values JSON cannot hold (MessagePack bytes...) become text."""
    return {
        "pointer": issue.pointer,
        "message": issue.message,
        "rule": issue.rule,
        "value": _jsonable(issue.value),
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return repr(value)


def _did_you_mean(key: str, known: Any) -> str:
    """'; did you mean `prefix`?' for a key close to one of the message's keys."""
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
