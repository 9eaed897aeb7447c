"""The two targets agree (docs/schema-language.md, "Defaults and zero values"): for every
message, the pydantic model and the msgspec struct take the same required arguments and
have the same defaults; a payload decodes to the same value in both; and a round trip is
Go's: `y = decode(encode(x))` encodes to the bytes x does, and a second round trip leaves y
as it is.  What the first one may change is what Go's own Unmarshal(Marshal(x)) changes: an
empty list under omitempty comes back nil, "0s" comes back unset, and a value built in
Python comes back with Go's zero value where it held a Python-only None or "".
"""

from __future__ import annotations

import enum
import random
from typing import Any

import msgspec
import pytest
from pydantic import BaseModel, RootModel
from test_messages import wire_message

import aistore_models as am
from aistore_models import aischecks
from aistore_models.wire import MESSAGES as TABLES

NAMES = sorted(n for n, t in TABLES.items() if t.root is None)


def model_fields(name: str) -> dict[str, Any]:
    """attribute -> (required, default) of the model."""
    cls = getattr(am.models, name)
    return {
        n: (f.is_required(), None if f.is_required() else f.get_default(call_default_factory=True))
        for n, f in cls.model_fields.items()
    }


def struct_fields(name: str) -> dict[str, Any]:
    cls = getattr(am.structs, name)
    out = {}
    for f in msgspec.structs.fields(cls):
        default = (
            f.default_factory() if f.default is msgspec.NODEFAULT and not f.required else f.default
        )
        out[f.name] = (f.required, None if f.required else default)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_both_targets_take_the_same_arguments_and_defaults(name):
    model, struct = model_fields(name), struct_fields(name)
    shared = set(model) & set(struct)  # a flat embed is one attribute per promoted field in both
    assert shared, name
    for attr in sorted(shared):
        assert model[attr] == struct[attr], (
            f"{name}.{attr}: model {model[attr]}, struct {struct[attr]}"
        )
    # Attributes of one target only are a nested embed's (the model's object_selection is the
    # struct's template and objnames): both hold the same wire keys.
    assert {a for a in shared if model[a][0]} == {a for a in shared if struct[a][0]}, name


def plain(value: Any) -> Any:
    """A target-neutral view: models and structs as their attributes, enums as their values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, RootModel):
        return plain(value.root)
    if isinstance(value, BaseModel):
        return {k: plain(getattr(value, k)) for k in type(value).model_fields}
    if isinstance(value, msgspec.Struct):
        return {k: plain(getattr(value, k)) for k in value.__struct_fields__}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def round_trip_is_gos(value: Any) -> Any:
    back = am.decode(am.encode(value), type(value))
    assert am.encode(back) == am.encode(value)
    assert am.decode(am.encode(back), type(value)) == back
    return back


@pytest.mark.parametrize("name", NAMES)
def test_a_payload_decodes_alike_and_round_trips_as_in_go(name):
    rng = random.Random(f"agree-{name}")
    for _ in range(15):
        payload = wire_message(name, rng)
        model = am.decode(payload, getattr(am.models, name))
        struct = am.decode(payload, getattr(am.structs, name))
        # The model's Python-only overrides (TCMultiObj.num_workers goes into tc_msg) are not
        # the struct's wire field of the same name.
        python_only = {f.attr for f in TABLES[name].fields if f.local}
        shared = set(type(model).model_fields) & set(struct.__struct_fields__) - python_only
        assert {k: plain(getattr(model, k)) for k in shared} == {
            k: plain(getattr(struct, k)) for k in shared
        }
        for value in (model, struct):
            round_trip_is_gos(value)


def go_zero_of(value: Any) -> bool:
    """A Python value that stands for Go's zero value: None (a non-pointer field left unset),
    "" (the zero time), an empty list or map (nil after omitempty)."""
    return not value


@pytest.mark.parametrize("target", ["models", "structs"])
@pytest.mark.parametrize("name", NAMES)
def test_a_fresh_value_round_trips_up_to_go_zero_values(name, target):
    if aischecks.refuses_zero(TABLES[name].checks):
        pytest.skip(f"AIStore refuses {name}'s zero value (its `checks:`), and so do we")
    cls = getattr(getattr(am, target), name)
    zero = am.decode(b"{}", cls)  # every key absent: Go's zero values
    fields = model_fields(name) if target == "models" else struct_fields(name)
    fresh = cls(**{a: getattr(zero, a) for a, (required, _) in fields.items() if required})
    back = round_trip_is_gos(fresh)
    for attr in fields:
        was, now = getattr(fresh, attr), getattr(back, attr)
        if plain(was) != plain(now):
            assert go_zero_of(was), f"{name}.{attr}: {was!r} read back as {now!r}"


ENUM_SCHEMA = """\
enums:
  Color:
    kind: str
    values:
      UNSET: ""
      RED: red
messages:
  Paint:
    fields:
      color:
        type: Color
        python:
          default: red
      plain: Color
      maybe: Color?
"""


def test_an_enum_field_agrees_in_both_targets(build):
    """An absent enum holds its zero member in both; a Python default is only the
    constructor's; None is only for a pointer (`Color?`)."""
    pkg = build({"a.yaml": ENUM_SCHEMA})
    for target in (pkg.models, pkg.structs):
        built = target.Paint()
        assert (built.color, built.plain, built.maybe) == (
            pkg.enums.Color.RED, pkg.enums.Color.UNSET, None,
        )  # fmt: skip
        assert pkg.encode(built) == b'{"color":"red","plain":"","maybe":null}'
        for payload in (b"{}", b'{"color": null, "plain": null, "maybe": null}'):
            read = pkg.decode(payload, target.Paint)
            assert (read.color, read.plain, read.maybe) == (
                pkg.enums.Color.UNSET, pkg.enums.Color.UNSET, None,
            )  # fmt: skip
            assert pkg.encode(read) == b'{"color":"","plain":"","maybe":null}'  # as Go writes it
