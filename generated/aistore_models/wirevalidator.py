# Copied from generator/runtime/wirevalidator.py by aistore-models-gen. Edit the original.
"""JSON straight into the generated pydantic models, Go's rules included, in pydantic-core.

The reference decoder (codec.py) parses JSON, applies the wire tables in Python
and then validates the result with the model.  For most messages the same can
be said to pydantic-core directly: one validator per model whose output is the
generated class itself, reading the wire keys, filling absent keys with Go's
zero values, and parsing `,string` numbers.  It is built from the wire tables
alone (the models are only the classes it fills), and each field's schema is
strict, so a payload that the reference would convert or reject (null in a
non-pointer field, a number where Go wants a quoted one, NaN, ...) fails here
and goes to the reference path, which then decides and words the error.  Unknown
keys fail too, in either mode: pydantic-core's parser accepts NaN and Infinity
where msgspec's does not, and an ignored key's value is never checked.  Where
this validator succeeds it gives the reference result; where a model or type is
outside what is mirrored here (embedded structs kept nested, Python-only fields,
enums, bytes, interfaces, validators added by hand, ...) no validator is built
and the reference path does all the work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, RootModel
from pydantic_core import SchemaValidator
from pydantic_core import core_schema as cs

from .codec import Codec, TypeSpec, flatten
from .gorules import (
    FLOAT64_OVERFLOW,
    GO_TIME_WRITTEN,
    INT_RANGES,
    NOT_ON_WIRE,
    QUOTED_BOOL,
    QUOTED_INT,
    QUOTED_UINT,
    anchored,
)

# Go's text rules (gorules.py), checked in Rust; what they refuse goes to the reference path,
# which decides (Python's int() also takes "1_000" and " 1"; Go's time parser takes more forms).
_QUOTED_INT = anchored(QUOTED_INT)
_QUOTED_UINT = anchored(QUOTED_UINT)
_QUOTED_BOOL = anchored(QUOTED_BOOL)
_GO_TIME = anchored(GO_TIME_WRITTEN)  # other text Go reads: the reference rewrites it
_LOCK = threading.Lock()


class _Outside(Exception):
    """The message uses something this validator does not mirror."""


# What the benchmarks relax, one rule at a time, to price each (benchmarks/strictness.py);
# decoding never relaxes anything.
RELAXABLE = ("quoted", "time", "unknown-keys", "int-range")


class WireValidators:
    """A validator per message and mode, built on first use; None where not mirrored.

    Strict mode refuses unknown keys as AIStore does.  Lenient mode skips them, as Go's
    lenient decoder does, but pydantic-core's parser takes NaN and Infinity (msgspec's and
    Go's refuse them), and a skipped value is never looked at: bytes holding either word
    go to the reference path (a false alarm inside a string costs only the slower path)."""

    def __init__(
        self,
        codec: Codec,
        models: Any,
        zero_model: Callable[[str], Any],
        relax: frozenset[str] = frozenset(),
    ):
        self.codec = codec
        self.models = models
        self.zero_model = zero_model  # the reference decode of {}: a non-pointer struct left unset
        self.relax = relax
        self._cache: dict[tuple[str, bool], SchemaValidator | None] = {}

    def get(self, name: str, strict: bool = True) -> SchemaValidator | None:
        key = (name, strict)
        if key not in self._cache:
            try:
                self._cache[key] = _Builder(self, strict).validator(name)
            except _Outside:
                self._cache[key] = None
        return self._cache[key]

    def decoder(self, name: str, strict: bool) -> Callable[[Any], Any] | None:
        """JSON bytes or str -> the model, or an exception (the reference path then decides);
        None where no validator is built."""
        validator = self.get(name, strict)
        if validator is None:
            return None
        validate_json = validator.validate_json
        guard = not strict and "unknown-keys" not in self.relax

        def run(data: Any) -> Any:
            if data.__class__ is bytes or data.__class__ is str:
                if guard and _nan_words(data):
                    raise ValueError("NaN or Infinity, maybe: the reference path decides")
                return validate_json(data)
            raise TypeError("parsed data: the reference path takes it")

        return run


def _nan_words(data: bytes | str) -> bool:
    if isinstance(data, bytes):
        return b"NaN" in data or b"Infinity" in data
    return "NaN" in data or "Infinity" in data


class _Builder:
    def __init__(self, owner: WireValidators, strict: bool):
        self.owner = owner
        self.extra: Literal["ignore", "forbid"] = (
            "ignore" if not strict or "unknown-keys" in owner.relax else "forbid"
        )
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
        if not _plain_model(cls):
            raise _Outside(name)
        config = cs.CoreConfig(title=name, validate_by_name=False, validate_by_alias=True)
        if wire.root is not None:
            if set(cls.model_fields) != {"root"}:
                raise _Outside(name)
            inner = self._type(wire.root, False, False)
            return cs.model_schema(cls, inner, root_model=True, config=config, ref=name)
        if wire.checks:
            raise _Outside(name)  # AIStore's own checks (aischecks.py) run on the reference path
        fields: dict[str, Any] = {}
        for placed in flatten(self.owner.codec.messages, name):
            field = placed.field  # flat embeds' fields are this model's own
            if placed.nested() or field.select:
                raise _Outside(name)  # (a select field's type depends on a sibling's value)
            if field.json == NOT_ON_WIRE:  # MessagePack only: Go's zero, and its key unknown
                if field.type[0] in ("msg", "list", "map"):
                    raise _Outside(name)
                zero = self.owner.codec._zero_python(field.type, field.nullable, "json", "model")
                fields[field.attr] = cs.model_field(_unfilled(default=zero))
                continue
            value = self._type(field.type, field.string, field.nullable)
            fields[field.attr] = cs.model_field(
                self._with_zero(value, field.type, field.nullable), validation_alias=field.json
            )
        for attr in set(cls.model_fields) - set(fields):
            fields[attr] = cs.model_field(_python_only(cls.model_fields[attr], name))
        return cs.model_schema(
            cls,
            cs.model_fields_schema(fields, model_name=name, extra_behavior=self.extra),
            config=config,
            ref=name,
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

    def _type(self, spec: TypeSpec, string: bool, nullable: bool) -> Any:
        """The strict schema of one wire type, from its table entry."""
        kind = spec[0]
        if kind == "opt":
            return self._type(spec[1], string, True)
        if nullable and kind != "any":  # a Go pointer may be null (the model's field is Optional)
            return cs.nullable_schema(self._type(spec, string, False))
        if string and kind not in ("int", "bool"):
            raise _Outside(str(spec))
        relax = self.owner.relax
        if kind == "time":  # a time Go can read (gotime.go_time), in Rust
            return cs.str_schema(strict=True, pattern=None if "time" in relax else _GO_TIME)
        if kind == "str":
            return cs.str_schema(strict=True)
        if kind == "bool":
            if string:
                return cs.chain_schema(
                    [cs.str_schema(strict=True, pattern=_QUOTED_BOOL), cs.bool_schema()]
                )
            return cs.bool_schema(strict=True)
        if kind in ("int", "duration"):
            lo, hi = spec[1:3] if kind == "int" else INT_RANGES["int64"]  # duration: int64 ns
            if "int-range" in relax:
                lo, hi = None, None
            if string and "quoted" in relax:
                return cs.int_schema(ge=lo, le=hi)  # any number or numeric text, as the SDK
            if string:
                quoted = cs.str_schema(
                    strict=True, pattern=_QUOTED_UINT if lo == 0 else _QUOTED_INT
                )
                return cs.chain_schema([quoted, cs.int_schema(ge=lo, le=hi)])
            return cs.int_schema(ge=lo, le=hi, strict=True)
        if kind == "float":
            return cs.float_schema(strict=True, allow_inf_nan=False)  # msgspec rejects NaN too
        if kind == "any":
            return self._json_value()
        if kind == "list":
            return cs.list_schema(self._type(spec[1], False, False), strict=True)
        if kind == "map":
            keys = cs.str_schema(strict=True)
            return cs.dict_schema(keys, self._type(spec[1], False, False), strict=True)
        if kind == "msg":
            return self.message(spec[1])
        raise _Outside(str(spec))  # bytes, seconds, enum, flags, oneof: the reference converts them

    def _json_value(self) -> Any:
        """Go's `any` / msgspec's untyped JSON: what pydantic-core parses, minus NaN and infinities
        (pydantic-core's parser accepts them, msgspec's does not)."""
        if "any" not in self.defs:
            ref = cs.definition_reference_schema("any")
            self.defs["any"] = cs.union_schema(
                [
                    cs.none_schema(),
                    cs.bool_schema(strict=True),
                    # Go reads a number in `any` as a float64: none beyond its range
                    cs.int_schema(strict=True, gt=-FLOAT64_OVERFLOW, lt=FLOAT64_OVERFLOW),
                    cs.float_schema(strict=True, allow_inf_nan=False),
                    cs.str_schema(strict=True),
                    cs.list_schema(ref, strict=True),
                    cs.dict_schema(cs.str_schema(strict=True), ref, strict=True),
                ],
                mode="left_to_right",
                ref="any",
            )
        return cs.definition_reference_schema("any")


def _refuse(value: Any) -> Any:
    raise ValueError("a key the wire never fills came from the payload: the reference decides")


def _unfilled(**default: Any) -> Any:
    """A model field the JSON wire never fills: its default, and a payload key of its name
    fails (the reference treats it as unknown: refused when strict, skipped otherwise)."""
    return cs.with_default_schema(cs.no_info_plain_validator_function(_refuse), **default)


def _python_only(info: Any, name: str) -> Any:
    """A Python-only model field: the model's own default."""
    if info.default_factory is not None:
        return _unfilled(default_factory=info.default_factory)
    if info.is_required():
        raise _Outside(name)  # the reference refuses it too; it words the error
    return _unfilled(default=info.default)


def _plain_model(cls: Any) -> bool:
    """A generated model with nothing of its own to run on validation: no validators, no
    custom __init__ or post-init (a mixin may add them; then the reference path decides)."""
    if not isinstance(cls, type) or not issubclass(cls, BaseModel):
        return False
    decorators = cls.__pydantic_decorators__
    hooks = any(
        getattr(decorators, kind)
        for kind in ("validators", "field_validators", "root_validators", "model_validators")
    )
    init: Any = cls.__init__
    own_init = init is not BaseModel.__init__ and init is not RootModel.__init__
    post_init = cls.model_post_init is not BaseModel.model_post_init
    if not getattr(cls, "__pydantic_complete__", True):
        cls.model_rebuild()  # forward references: resolved before the validator marks it complete
    return not (hooks or own_init or post_init)
