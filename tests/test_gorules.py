"""Go's text rules (aistore_models/gorules.py), tested where they are stated."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aistore_models import gorules
from aistore_models.gotime import go_time


def full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text, re.ASCII) is not None


@pytest.mark.parametrize("text", ["0", "7", "-12", "9223372036854775808"])
def test_quoted_int_takes_json_integers(text):
    assert full(gorules.QUOTED_INT, text)


@pytest.mark.parametrize("text", ["", "01", "+1", "1_000", " 1", "1 ", "-", "1.0", "1e3", "٣"])
def test_quoted_int_refuses_what_go_refuses(text):
    assert not full(gorules.QUOTED_INT, text)


@pytest.mark.parametrize(
    "text, ok", [("1.5", True), ("-0", True), ("1e-7", True), (".5", False), ("1.", False)]
)
def test_float_text_is_a_json_number(text, ok):
    assert full(gorules.FLOAT_TEXT, text) is ok


@given(st.binary(max_size=40))
def test_base64_text_takes_what_go_writes(data):
    assert full(gorules.BASE64_TEXT, base64.b64encode(data).decode())


@pytest.mark.parametrize("text", ["YQ", "YQ=", "YW Jj", "YWJj\n"])
def test_base64_text_refuses_unpadded_or_spaced(text):
    assert not full(gorules.BASE64_TEXT, text)


@given(st.from_regex(gorules.anchored(gorules.GO_TIME_SURE), fullmatch=True))
def test_a_sure_time_is_one_go_reads(text):
    """The fast paths accept GO_TIME_SURE without asking go_time: it must never be wider."""
    assert go_time(text)


@pytest.mark.parametrize(
    "text", ["2024-02-29T00:00:00Z", "2024-03-15T1:02:03Z", "2024-03-15T01:02:03,5Z"]
)
def test_go_reads_more_than_the_sure_forms(text):
    assert go_time(text) and not full(gorules.GO_TIME_SURE, text)


def test_scalar_kinds_and_ranges():
    assert gorules.scalar_kind("uint16") == "int" and gorules.scalar_kind("float32") == "float"
    assert gorules.INT_RANGES["int8"] == (-128, 127)
    assert gorules.INT_RANGES["uint64"] == (0, 18446744073709551615)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_go_float_text_reads_back_and_has_go_shape(number):
    text = gorules.go_float_text(number)
    assert float(text) == number and not text.endswith(".0")
    exponent = "e" in text
    assert exponent == (number != 0 and not 1e-6 <= abs(number) < 1e21)
    if exponent:
        assert re.fullmatch(r"-?[0-9](\.[0-9]+)?e[+-][0-9]{2,3}", text)
