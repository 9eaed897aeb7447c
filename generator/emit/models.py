"""pydantic v2 models: the SDK's class names, attribute names and defaults."""

from __future__ import annotations

from typing import Any

from .. import kinds
from ..ir import Field, Message, Schema, TypeRef
from ..runtime.gorules import NOT_ON_WIRE
from . import pytext

# What pydantic puts on every model (dir(BaseModel) but the dunders, as of pydantic 2.14): a
# field of that name would shadow it.  Spelled out, since importing pydantic to list them took
# a tenth of a run; tests/test_generator_speed.py compares them with the installed pydantic.
BASEMODEL_NAMES = frozenset(
    {
        "_abc_impl", "_calculate_keys", "_copy_and_set_values", "_get_value", "_iter",
        "_setattr_handler", "construct", "copy", "dict", "from_orm", "json",
        "model_computed_fields", "model_config", "model_construct", "model_copy", "model_dump",
        "model_dump_json", "model_extra", "model_fields", "model_fields_set",
        "model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild",
        "model_validate", "model_validate_json", "model_validate_strings", "parse_file",
        "parse_obj", "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
    }
)  # fmt: skip


def field_name_problem(name: str) -> str:
    """Why a pydantic model cannot have an attribute `name` ('' if it can)."""
    if name in BASEMODEL_NAMES:
        return f"would shadow pydantic.BaseModel.{name}"
    if name.startswith("model_"):
        return "starts with `model_`, a prefix pydantic reserves"
    if name.startswith("_"):
        return "starts with '_': pydantic would treat it as a private attribute"
    return ""


TEMPLATE = "models.py.j2"
PATH = "aistore_models/models.py"


def context(schema: Schema) -> dict[str, Any]:
    enums = {e.name: e for e in schema.enums}
    conventions = sorted(
        {
            v.split("(")[0]
            for m in schema.messages
            for f in python_fields(schema, m)
            for v in _validators(f)
        }
        | {check for _, check in pytext.text_aliases(schema)}
    )
    return {
        "header": pytext.HEADER,
        "conventions": conventions,
        "local_imports": pytext.local_imports(
            {
                "behaviour": sorted({m.mixin for m in schema.messages if m.mixin}),
                "conventions": conventions,
                "enums": [e.name for e in schema.enums],
            }
            | pytext.runtime_aliases(schema)
        ),
        "int_types": pytext.used_int_types(schema),
        "text_aliases": pytext.text_aliases(schema),
        "enums": [e.name for e in schema.enums],
        # Root models go last: their base class expression needs the classes it names.
        "messages": [
            _message(schema, m, enums)
            for m in sorted(schema.messages, key=lambda m: m.root is not None)
        ],
    }


def _message(schema: Schema, message: Message, enums: dict[str, Any]) -> dict[str, Any]:
    bases = [message.mixin] if message.mixin else []
    if message.root is not None:
        bases.append(f"RootModel[{pytext.annotation(message.root)}]")
    else:
        bases.append("WireModel")
    return {
        "name": message.name,
        "bases": ", ".join(bases),
        "doc": pytext.docstring(message.doc or message.name),
        "fields": [_field(f, enums) for f in python_fields(schema, message)],
    }


def _validators(field: Field) -> list[str]:
    """BeforeValidators for the SDK's input conventions (generator/runtime/conventions.py)."""
    out = []
    if field.python.coerce:
        out.append("as_text")
    if field.python.ensure_suffix:
        out.append(f"with_suffix({pytext.literal(field.python.ensure_suffix)})")
    if field.wire.type.kind == "flagset":
        out.append("flags_from_mask")
    if field.wire.type == TypeRef(kind="scalar", name="bytes"):
        out.append("bytes_from_base64")
    return out


def _field(field: Field, enums: dict[str, Any]) -> dict[str, str]:
    annotation = pytext.annotation(field.wire.type)
    validators = _validators(field)
    if validators:
        wrapped = ", ".join(f"BeforeValidator({v})" for v in validators)
        annotation = f"Annotated[{annotation}, {wrapped}]"
    optional = field.wire.nullable or (field.python.has_default and field.python.default is None)
    if optional and annotation != "Any":
        annotation += " | None"
    default = factory = ""
    if field.python.has_default:
        value = field.python.default
        if value == [] or value == {}:
            factory = type(value).__name__
        elif field.wire.type.kind == "enum" and value is not None:
            default = pytext.enum_default(enums[field.wire.type.name], value)
        else:
            default = pytext.literal(value)
    alias = field.wire.json_key not in (field.name, NOT_ON_WIRE)
    args = [
        f"{key}={value}"
        for key, value in (
            ("default_factory", factory),
            ("default", default),
            ("alias", pytext.literal(field.wire.json_key) if alias else ""),
            ("description", pytext.literal(field.doc) if field.doc else ""),
        )
        if value
    ]
    # The right-hand side is built here, not in a template macro: a macro call per field
    # was a tenth of rendering.
    return {
        "name": field.name,
        "annotation": annotation,
        "value": f"Field({', '.join(args)})" if args else "",
    }


def python_fields(schema: Schema, message: Message) -> list[Field]:
    """The attributes of the pydantic model: "flat" embedded structs promoted."""
    out: list[Field] = []
    for field in message.fields:
        if field.python.embed != "flat":
            out.append(field)
            continue
        promoted = python_fields(schema, schema.message(field.wire.type.name))
        if field.python.zero_defaults:
            promoted = [f if f.python.has_default else kinds.with_zero_default(f) for f in promoted]
        out.extend(promoted)
    return out
