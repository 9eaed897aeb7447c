"""The runtime is a library: imported from where it is written (aistore_models_gen.runtime),
given tables and classes of this test's own, it encodes, decodes and validates.

Nothing here comes from generated/: a new Go rule can be tried on a two-field message.
"""

from __future__ import annotations

import importlib
import sys
from types import SimpleNamespace

import msgspec
import pytest
from pydantic import BaseModel, ConfigDict, Field

from aistore_models_gen.runtime import registry
from aistore_models_gen.runtime.codec import DecodeError, WireField, WireMessage
from aistore_models_gen.runtime.wiretypes import Int, Str

INT64 = Int(-(2**63), 2**63 - 1)


class Counter(BaseModel):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)
    name: str = Field(default="", alias="name")
    hits: int = Field(default=0, alias="hits")
    note: str = Field(default="", alias="note")


class structs:  # stands for the generated structs module (classes named as messages)
    class Counter(msgspec.Struct, kw_only=True):
        name: str = ""
        hits: int = 0
        note: str = ""


CounterStruct = structs.Counter


TABLES = {
    "Counter": WireMessage(
        "Counter",
        fields=(
            WireField("name", "name", "n", Str()),
            WireField("hits", "hits", "h", INT64, string=True),  # Go `,string`
            WireField("note", "note", "t", Str(), omit="empty"),
        ),
    )
}


@pytest.fixture(scope="module")
def api():
    saved = dict(registry.MESSAGES), registry.CLASSES.models, registry.CLASSES.structs
    registry.register(TABLES, SimpleNamespace(Counter=Counter), structs)
    name = "aistore_models_gen.runtime.api"
    module = (
        importlib.reload(sys.modules[name])
        if name in sys.modules
        else importlib.import_module(name)
    )
    yield module
    registry.register(*saved)


def test_it_encodes_with_go_rules(api):
    assert api.encode(Counter(name="a", hits=5)) == b'{"name":"a","hits":"5"}'
    assert (
        api.encode(CounterStruct(name="a", hits=5, note="x"))
        == b'{"name":"a","hits":"5","note":"x"}'
    )


def test_it_decodes_absent_keys_as_zero_values(api):
    assert api.decode(b'{"hits":"7"}', Counter) == Counter(hits=7)
    assert api.decode(b'{"hits":"7"}', CounterStruct) == CounterStruct(hits=7)


def test_it_refuses_what_go_refuses(api):
    with pytest.raises(DecodeError) as error:
        api.decode(b'{"hits":7}', Counter)
    assert error.value.pointer == "/hits"
    with pytest.raises(DecodeError):
        api.decode(b'{"hits":"07"}', Counter)  # Go reads the quoted text as a JSON number
    with pytest.raises(DecodeError) as unknown:
        api.decode(b'{"hitz":"1"}', Counter, strict=True)
    assert unknown.value.pointer == "/hitz"


def test_the_message_list_is_the_registered_one(api):
    assert api.MESSAGES == ("Counter",)


def test_wire_types_are_the_tuples_the_codec_reads():
    assert Int(0, 255) == ("int", 0, 255) and Str() == ("str",)
    assert isinstance(Int(0, 1), tuple) and type(Int(0, 1)).__name__ == "Int"
