# Copied from generator/runtime/wirevalidator.py by aistore-models-gen. Edit the original.
"""JSON straight into the generated pydantic models, Go's rules included, in pydantic-core.

The reference decoder (codec.py) parses JSON, applies the wire tables in Python
and then validates the result with the model.  For most messages the same can
be said to pydantic-core directly: one validator per model whose output is the
generated class itself, reading the wire keys, filling absent keys with Go's
zero values, and parsing `,string` numbers.  Each field's schema is the model's
own (so its constraints still apply) made strict, so a payload that the
reference would convert or reject (null in a non-pointer field, a number where
Go wants a quoted one, NaN, ...) fails here and goes to the reference path,
which then decides and words the error.  Unknown keys fail too, in either mode:
pydantic-core's parser accepts NaN and Infinity where msgspec's does not, and an
ignored key's value is never checked.  Where this validator succeeds it gives
the reference result; where a model or type is outside what is mirrored here
(embedded structs kept nested, enums, bytes, interfaces, validators added by
hand, ...) no validator is built and the reference path does all the work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pydantic_core import SchemaValidator
from pydantic_core import core_schema as cs

from .codec import Codec, TypeSpec, flatten
from .gorules import GO_TIME_SURE, INT_RANGES, NOT_ON_WIRE, QUOTED_BOOL, QUOTED_INT, anchored

# Go's text rules (gorules.py), checked in Rust; what they refuse goes to the reference path,
# which decides (Python's int() also takes "1_000" and " 1"; Go's time parser takes more forms).
_QUOTED_INT = anchored(QUOTED_INT)
_QUOTED_BOOL = anchored(QUOTED_BOOL)
_GO_TIME = anchored(GO_TIME_SURE)
_MODEL_KEYS = {"type", "cls", "schema", "config", "ref", "metadata", "custom_init", "root_model"}
_FIELDS_KEYS = {"type", "fields", "model_name", "computed_fields"}
_FIELD_KEYS = {
    "type",
    "schema",
    "validation_alias",
    "serialization_alias",
    "metadata",
    "frozen",
    "serialization_exclude",
}
_CONFIG_KEYS = {
    "title",
    "validate_by_name",
    "validate_by_alias",
    "from_attributes",
}  # the last: Python input only
_DROP = ("ref", "metadata", "serialization")
_LOCK = threading.Lock()


class _Outside(Exception):
    """The message uses something this validator does not mirror."""


class WireValidators:
    """A validator per message, built on first use; None where not mirrored.  It serves
    strict and lenient decoding alike: an unknown key sends either to the reference."""

    def __init__(self, codec: Codec, models: Any, zero_model: Callable[[str], Any]):
        self.codec = codec
        self.models = models
        self.zero_model = zero_model  # the reference decode of {}: a non-pointer struct left unset
        self._cache: dict[str, SchemaValidator | None] = {}

    def get(self, name: str) -> SchemaValidator | None:
        if name not in self._cache:
            try:
                self._cache[name] = _Builder(self).validator(name)
            except _Outside:
                self._cache[name] = None
        return self._cache[name]


class _Builder:
    def __init__(self, owner: WireValidators):
        self.owner = owner
        self.defs: dict[str, Any] = {}

    def validator(self, name: str) -> SchemaValidator:
        root = self.message(name)
        schema = cs.definitions_schema(root, list(self.defs.values()))
        # pydantic-core swaps a model schema for the class's own validator when the class is
        # complete (its __dict__ says so); this schema must be used as written.
        classes = [d["cls"] for d in self.defs.values() if d.get("type") == "model"]
        with _LOCK:
            for cls in classes:
                cls.__pydantic_complete__ = False
            try:
                return SchemaValidator(schema)
            finally:
                for cls in classes:
                    cls.__pydantic_complete__ = True

    # ---------------------------------------------------------------- messages

    def message(self, name: str) -> Any:
        """A reference to the model schema of message `name` (built once)."""
        if name not in self.defs:
            self.defs[name] = None  # a cycle finds the reference
            self.defs[name] = self._model(name)
        return cs.definition_reference_schema(name)

    def _model(self, name: str) -> Any:
        wire = self.owner.codec.messages[name]
        cls: Any = getattr(self.owner.models, name, None)
        own, definitions = _own_schema(cls)
        config = cs.CoreConfig(title=name, validate_by_name=False, validate_by_alias=True)
        if wire.root is not None:
            if set(cls.model_fields) != {"root"}:
                raise _Outside(name)
            inner = self._type(wire.root, own["schema"], definitions, False, False)
            return cs.model_schema(cls, inner, root_model=True, config=config, ref=name)
        fields_schema = own["schema"]
        if fields_schema.get("type") != "model-fields" or set(fields_schema) - _FIELDS_KEYS:
            raise _Outside(name)
        fields: dict[str, Any] = {}
        self._fields(name, fields_schema["fields"], definitions, fields)
        if set(fields) != set(fields_schema["fields"]):
            raise _Outside(name)  # a model field the wire does not fill (local, `json:"-"`, ...)
        return cs.model_schema(
            cls,
            cs.model_fields_schema(fields, model_name=name, extra_behavior="forbid"),
            config=config,
            ref=name,
        )

    def _fields(
        self, name: str, own: dict[str, Any], definitions: dict[str, Any], out: dict[str, Any]
    ) -> None:
        for placed in flatten(self.owner.codec.messages, name):
            field = placed.field  # flat embeds' fields are this model's own
            if field.json == NOT_ON_WIRE or placed.nested():
                raise _Outside(name)  # Python-only fields: refused by the caller's key check
            model_field = own.get(field.attr)
            if model_field is None or set(model_field) - _FIELD_KEYS:
                raise _Outside(name)
            schema = _strip_default(model_field["schema"])
            value = self._type(field.type, schema, definitions, field.string, field.nullable)
            out[field.attr] = cs.model_field(
                self._with_zero(value, field.type, field.nullable), validation_alias=field.json
            )

    def _with_zero(self, schema: Any, spec: TypeSpec, nullable: bool) -> Any:
        """Absent key -> what the reference puts there (Codec._zero_python)."""
        kind = spec[0]
        if nullable or kind in ("any", "enum", "opt", "oneof"):
            return cs.with_default_schema(schema, default=None)
        if kind == "msg":
            sub, zero_model = spec[1], self.owner.zero_model
            return cs.with_default_schema(schema, default_factory=lambda: zero_model(sub))
        if kind in ("list", "map"):
            return cs.with_default_schema(schema, default_factory=list if kind == "list" else dict)
        return cs.with_default_schema(
            schema, default=self.owner.codec._zero_python(spec, False, "json", "model")
        )

    # ---------------------------------------------------------------- types

    def _type(
        self,
        spec: TypeSpec,
        own: dict[str, Any],
        definitions: dict[str, Any],
        string: bool,
        nullable: bool,
    ) -> Any:
        """The strict schema of one wire type, from the model's own schema `own` for it."""
        kind = spec[0]
        if own.get("type") == "definition-ref":
            own = definitions.get(own["schema_ref"], {})
        if kind == "opt":
            return self._type(spec[1], own, definitions, string, True)
        if own.get("type") == "nullable":
            inner = self._type(spec, own["schema"], definitions, string, False)
            # a pointer may be null; a non-pointer's null becomes a zero value: the reference's job
            return cs.nullable_schema(inner) if nullable else inner
        if string and kind not in ("int", "bool"):
            raise _Outside(str(spec))
        if kind == "time":  # a time Go can read (gotime.go_time), in Rust
            return {**_strict(own, "str"), "pattern": _GO_TIME}
        if kind == "str":
            return _strict(own, "str")
        if kind == "bool":
            if string:
                return cs.chain_schema(
                    [cs.str_schema(strict=True, pattern=_QUOTED_BOOL), _copy(own, "bool")]
                )
            return _strict(own, "bool")
        if kind in ("int", "duration"):
            bounded = _copy(own, "int")
            lo, hi = spec[1:3] if kind == "int" else INT_RANGES["int64"]  # duration: int64 ns
            bounded["ge"] = max(lo, bounded.get("ge", lo))  # the wire's range and the model's,
            bounded["le"] = min(hi, bounded.get("le", hi))  # whichever is narrower
            if string:
                return cs.chain_schema([cs.str_schema(strict=True, pattern=_QUOTED_INT), bounded])
            return {**bounded, "strict": True}
        if kind == "float":
            return {
                **_strict(own, "float"),
                "allow_inf_nan": False,
            }  # JSON has no NaN; msgspec rejects it
        if kind == "any":
            if own.get("type") != "any":
                raise _Outside(str(spec))
            return self._json_value()
        if kind == "list":
            items = self._type(
                spec[1], _key(own, "list", "items_schema"), definitions, False, False
            )
            return {**_copy(own, "list"), "items_schema": items, "strict": True}
        if kind == "map":
            keys = _strict(_key(own, "dict", "keys_schema"), "str")
            values = self._type(
                spec[1], _key(own, "dict", "values_schema"), definitions, False, False
            )
            return {
                **_copy(own, "dict"),
                "keys_schema": keys,
                "values_schema": values,
                "strict": True,
            }
        if kind == "msg":
            if own.get("type") != "model" or own.get("cls") is not getattr(
                self.owner.models, spec[1], None
            ):
                raise _Outside(str(spec))
            return self.message(spec[1])
        raise _Outside(str(spec))  # bytes, enum, flags, oneof: the reference converts them

    def _json_value(self) -> Any:
        """Go's `any` / msgspec's untyped JSON: what pydantic-core parses, minus NaN and infinities
        (pydantic-core's parser accepts them, msgspec's does not)."""
        if "any" not in self.defs:
            ref = cs.definition_reference_schema("any")
            self.defs["any"] = cs.union_schema(
                [
                    cs.none_schema(),
                    cs.bool_schema(strict=True),
                    cs.int_schema(strict=True),
                    cs.float_schema(strict=True, allow_inf_nan=False),
                    cs.str_schema(strict=True),
                    cs.list_schema(ref, strict=True),
                    cs.dict_schema(cs.str_schema(strict=True), ref, strict=True),
                ],
                mode="left_to_right",
                ref="any",
            )
        return cs.definition_reference_schema("any")


def _own_schema(cls: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model's own core schema and its definitions, if it is one this module can mirror:
    no validators, no custom __init__ or post-init, only the generated configuration."""
    if not getattr(cls, "__pydantic_complete__", True):
        cls.model_rebuild()  # forward references: pydantic builds the schema on first use
    schema = getattr(cls, "__pydantic_core_schema__", None)
    if not isinstance(schema, dict):
        raise _Outside(repr(cls))
    definitions: dict[str, Any] = {}
    if schema.get("type") == "definitions":
        definitions = {d["ref"]: d for d in schema["definitions"] if "ref" in d}
        schema = schema["schema"]
        if schema.get("type") == "definition-ref":
            schema = definitions.get(schema["schema_ref"], {})
    decorators = cls.__pydantic_decorators__
    hooks = any(
        getattr(decorators, kind)
        for kind in ("validators", "field_validators", "root_validators", "model_validators")
    )
    if (
        schema.get("type") != "model"
        or schema.get("cls") is not cls
        or set(schema) - _MODEL_KEYS
        or schema.get("custom_init")
        or set(schema.get("config", {})) - _CONFIG_KEYS
        or hooks
    ):
        raise _Outside(repr(cls))
    return schema, definitions


def _strip_default(schema: dict[str, Any]) -> dict[str, Any]:
    return schema["schema"] if schema.get("type") == "default" else schema


def _copy(own: dict[str, Any], kind: str) -> dict[str, Any]:
    if own.get("type") != kind:
        raise _Outside(f"model has {own.get('type')}, wire has {kind}")
    return {k: v for k, v in own.items() if k not in _DROP}


def _strict(own: dict[str, Any], kind: str) -> dict[str, Any]:
    return {**_copy(own, kind), "strict": True}


def _key(own: dict[str, Any], kind: str, key: str) -> dict[str, Any]:
    if own.get("type") != kind:
        raise _Outside(f"model has {own.get('type')}, wire has {kind}")
    value: dict[str, Any] = own.get(key, {"type": "any"})
    return value
