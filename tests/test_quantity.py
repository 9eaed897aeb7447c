"""aistore_models_gen.runtime.quantity against AIStore's real decoder and encoder.

Every case goes through `harness echo` as the `cpu` limit of an ETLSpecMsg; Go's answer is
the text it writes back, or a refusal.  Ours must be the same text, or a ValueError exactly
where Go refuses.

Strings: go_quantity_text gets the characters between the quotes as they stand in the JSON.
So each text goes into the payload unescaped whenever that is valid JSON string content (Go's
Quantity then sees exactly those characters, escape sequences such as \\u0031 included);
otherwise (a quote, a lone backslash, a control character) json.dumps escapes it, Go sees a
backslash and refuses, and so must we.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from functools import cache

import pytest
from goharness import echo, harness

from aistore_models_gen.runtime.quantity import (
    ZERO_QUANTITY,
    go_quantity_number,
    go_quantity_text,
)

# fmt: off
TEXTS = [
    # the brief's list
    "0", "-0", "0.5", "1000", "1e3", "1E3", "1Ki", "1024Ki", "1.5Gi", "100M", "0.1m", "1n",
    "0.0000000001", "1e-9", "1e-10", "-1", "+1", "123456789", "9223372036854775807",
    "9223372036854775808", "1e1000", "1e-1000", "  1 ", "1 Gi", "", ".", "1.", ".5", "1.5.5", "1e",
    "1ee3", "1K", "1k", "1Ei", "8Ei", "1E", "1P", "1e+3", "1e-3", "007", "abc",
    # spellings Go keeps verbatim, and near misses it rewrites
    "-007", "+1k", "1.500", "1.234", "1.5000", "1000m", "1500m", "0.001", "1e03", "1E+3", "10e2",
    "1000e0", "1e0", "1e-0", "5e-9", "5e-10", "-5e-10", "1.5e-9", "0.5e-9",
    # signs, zeros and bare punctuation
    "-", "+", "+.", "-.", ".e-10", "-e5", "-e-10", "e3", "k", "Ki", "0.0", "-0.0", "00.00",
    "0e-10", "0Ki", "-0Ki", "0.000000000", "+-1", "--1", "1-", "1-3", "1+3", "1e+", "1e-",
    # units: every one, with fractions, signs and odd neighbours
    "1n", "1u", "1m", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    "-1Mi", "0.5Ki", "0.0001Ki", "1.5Ki", "1023", "1024", "1025", "-1024", "-1023", "2048Ki",
    "1025Ki", "1536Mi", "7Ki", "8Ki", "9Ki", "1kI", "1mi", "1Kib", "1i", "1KiB", "0.5Gi", "1.1Ki",
    "-1.5Gi", "16Ei", "7.99Ei", "-8Ei", "9223372036854775807Ki", "1000E", "1000000E", "1000P",
    "999E", "1e21", "1e18", "1e19", "1000000000000000000000",
    # precision: the int64 fast path ends at 18 digits
    "123456789012345678", "1234567890123456789", "12345678901234567890", "0.123456789012345678",
    "0.1234567890123456789", "999999999999999999m", "99999999999999999e-1",
    "9999999999999999999e-2", "123456789.123456789", "1" * 40, "1" + "0" * 40,
    "0." + "0" * 40 + "1", "1" * 25 + ".5Mi", "9" * 30 + "Ki",
    "123456789012345678901234567890e-20", "1" * 5000, "1" + "0" * 5000, "0." + "0" * 5000 + "7",
    # exponents: ParseInt's range, then a silent cut to int32
    "1e9223372036854775807", "1e9223372036854775808", "1e-9223372036854775808", "1e4294967296",
    "1e4294967297", "1e4294967295", "10e2147483647", "1e2147483647", "1e+0000000000000000000003",
    "1e10000", "-1e-10000", "1.5e1000",
    # white space: Go's TrimSpace, which differs from str.strip
    " 1", "1 ", "\u00a01\u00a0", "\u20281", "\u3000" + "1" + "\u2009", "\u00851", "\u200b1",
    "\ufeff1", "1\u1680", "\u180e1", "\t1", "1\n", "\x1c1", "\x1f1",
    # not digits to Go, though some are to Python
    "\u0661", "\uff11", "1\u0660", "1_000", "0x10", "1,5", "Infinity", "NaN", "null", "true",
    # escapes Go sees undecoded, and what JSON cannot carry raw
    "\\u0031", "\\u00301", "1\\n", '1"', "\\", "1\u0000",
]

# Unquoted JSON tokens (go_quantity_number); jsoniter range-checks those with an exponent.
NUMBERS = [
    "0", "-0", "1", "-1", "1.5", "-1.5", "0.5", "1000", "1e3", "1E3", "1e+3", "1E-3", "-0.0",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + "0" * 400,
    "123456789012345678901234567890", "0.000000000001", "1.5e-3", "123e-2", "1e-1000",
    "0.1e-99999", "0e99999999999", "-0e5", "1e308", "1.7976931348623158e308",
    "1.797693134862315807937289714053034150799e308", "1.7976931348623158079372897140530341508e308",
    "1e309", "-1e309", "1" + "0" * 400 + "e0", "0.34028235e39", "0.3402823567977e39",
    "0.340282356779733661637539395458142568447e39", "0.340282356779733661637539395458142568448e39",
    "-0.5e39", "0.5e38", "1e9223372036854775807", "1e4294967297", "null",
    # not JSON numbers: Go's decoder refuses these too
    "01", "00", "1.", ".5", "+1", "1e", "1e+", "-", "1.5.5", "0x1", "NaN", "true",
]
# fmt: on

# Go itself crashes on this one (inf.Dec indexes its powers-of-ten table with -2**31).
CRASHES = "1000000000000000000e2147483639"

UNITS = ["", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "m", "u", "n"]
ALPHABET = (
    list("0123456789") * 3
    + list(".+-eE ") * 2
    + UNITS[1:]
    + ["i"]
    + ["00", "000", "1024", "9223372036854775807", "12345678901234567890"]
)
# Exponents past four digits make Go build 10**N-sized numbers for minutes; keep them short.
SLOW_FOR_GO = re.compile(r"[eE][+-]?0*[0-9]{5,}")
RANDOM_COUNT = 3000
NUMBER_COUNT = 500


def random_texts(count: int) -> list[str]:
    """`count` distinct strings: half token soup, half number-shaped (sign, digits, fraction,
    unit or exponent, stray spaces), so that both refusals and rewrites are common."""
    rng = random.Random(20240611)
    out: dict[str, None] = {}
    while len(out) < count:
        if rng.random() < 0.5:
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8)))
        else:
            text = rng.choice(["", "", "-", "+", " "]) + rng.choice(["", "0", "00"])
            text += str(rng.randint(0, 10 ** rng.randint(0, 24)))
            if rng.random() < 0.5:
                text += "." + str(rng.randint(0, 10 ** rng.randint(0, 12)))[1:]
            text += rng.choice(UNITS + [f"e{rng.randint(-40, 40)}", f"E+{rng.randint(0, 30)}"])
            text += rng.choice(["", "", "", " ", "  "])
        if not SLOW_FOR_GO.search(text):
            out[text] = None
    return list(out)


def random_numbers(count: int) -> list[str]:
    rng = random.Random(7)
    out: dict[str, None] = {}
    while len(out) < count:
        whole = rng.choice(
            ["0", str(rng.randint(1, 9)), str(rng.randint(1, 10 ** rng.randint(1, 40)))]
        )
        token = rng.choice(["", "-"]) + whole
        if rng.random() < 0.5:
            token += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.7:
            exponent = rng.choice([rng.randint(0, 20), rng.randint(30, 45), rng.randint(290, 330)])
            token += rng.choice("eE") + rng.choice(["", "+", "-"]) + str(exponent)
        out[token] = None
    return list(out)


def string_payload(text: str) -> bytes:
    try:
        raw_ok = isinstance(json.loads('"' + text + '"'), str)
    except ValueError:
        raw_ok = False
    body = '"' + text + '"' if raw_ok else json.dumps(text)
    return ('{"resources":{"limits":{"cpu":' + body + "}}}").encode()


def number_payload(token: str) -> bytes:
    return ('{"resources":{"limits":{"cpu":' + token + "}}}").encode()


@cache
def go_answers() -> dict[tuple[str, str], str | None]:
    """(kind, input) -> Go's text, or None where Go refuses; one batch for the whole module."""
    cases = [("text", t) for t in dict.fromkeys(TEXTS + random_texts(RANDOM_COUNT))]
    cases += [("number", n) for n in dict.fromkeys(NUMBERS + random_numbers(NUMBER_COUNT))]
    payloads = [
        ("ETLSpecMsg", "json", string_payload(v) if kind == "text" else number_payload(v))
        for kind, v in cases
    ]
    answers: dict[tuple[str, str], str | None] = {}
    for case, (ok, out) in zip(cases, echo(payloads), strict=True):
        if ok:
            assert isinstance(out, bytes)
            answers[case] = json.loads(out)["resources"]["limits"]["cpu"]
        else:
            answers[case] = None
    return answers


def ours(kind: str, value: str) -> str | None:
    try:
        return go_quantity_text(value) if kind == "text" else go_quantity_number(value)
    except ValueError:
        return None


def disagreements(kind: str, values: list[str]) -> list[str]:
    answers = go_answers()
    bad = []
    for value in dict.fromkeys(values):
        go, py = answers[(kind, value)], ours(kind, value)
        if go != py:
            bad.append(f"{value[:60]!r}: Go {str(go)[:60]!r}, ours {str(py)[:60]!r}")
    return bad


@pytest.mark.go
def test_hand_picked_texts_match_go():
    assert disagreements("text", TEXTS) == []


@pytest.mark.go
def test_random_texts_match_go():
    texts = random_texts(RANDOM_COUNT)
    assert disagreements("text", texts) == []
    # The draw must exercise both sides and the canonical rewriting, not only refusals.
    answers = [go_answers()[("text", t)] for t in texts]
    accepted = [t for t, a in zip(texts, answers, strict=True) if a is not None]
    rewritten = [t for t, a in zip(texts, answers, strict=True) if a not in (None, t.strip())]
    assert len(accepted) > RANDOM_COUNT // 10 and len(rewritten) > RANDOM_COUNT // 20


@pytest.mark.go
def test_numbers_match_go():
    assert disagreements("number", NUMBERS + random_numbers(NUMBER_COUNT)) == []


@pytest.mark.go
def test_go_crashes_where_we_refuse():
    request = {
        "message": "ETLSpecMsg",
        "encoding": "json",
        "data": __import__("base64").b64encode(string_payload(CRASHES)).decode(),
    }
    result = subprocess.run(
        [str(harness()), "echo"],
        input=json.dumps(request) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0 and "panic" in result.stderr
    with pytest.raises(ValueError, match="crash"):
        go_quantity_text(CRASHES)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("0.5", "500m"),
        ("1000", "1k"),
        (".5", "500m"),
        ("1.5Gi", "1536Mi"),
        ("2048Ki", "2Mi"),
        ("1e-10", "1e-9"),
        ("0.0000000001", "1n"),
        (" 1 ", "1"),
        ("-0", "0"),
        ("8Ei", "9223372036854775807"),
        ("1000E", "1"),
        ("1e4294967297", "10"),
        ("007", "007"),
    ],
)
def test_rewrites_not_identity(text, written):
    assert go_quantity_text(text) == written


def test_numbers_and_null():
    assert go_quantity_number("1.5") == "1500m"
    assert go_quantity_number("9223372036854775808") == "9223372036854775808"
    assert go_quantity_number("null") == ZERO_QUANTITY == "0"
    with pytest.raises(ValueError, match="JSON number"):
        go_quantity_number("-01")  # jsoniter lets this through; no JSON writer produces it
    with pytest.raises(ValueError, match="too large"):
        go_quantity_number("1e309")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "expected a number"),
        ("1 Gi", "expected a number"),
        ("1e", "not a unit"),
        ("1K", "not a unit"),
        ("1e9223372036854775808", "not a unit"),
        (".e-10", "no digits"),
        ("\t1", "control character"),
    ],
)
def test_errors_in_our_words(text, words):
    with pytest.raises(ValueError) as caught:
        go_quantity_text(text)
    message = str(caught.value)
    assert words in message and repr(text) in message
    for go_words in ("regular expression", "unable to parse", "quantities must"):
        assert go_words not in message


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # Go would build 10**2147483631 (and, upwards, strip its zeros one division at a time)
        # before answering, so these are worked from the source rather than asked of Go.
        ("1e-2147483640", "1e-9"),
        ("0.1e-2000000000", "1e-9"),
        ("1000000000000000000e2000000000", "100e2000000016"),
        ("-1" + "0" * 20 + "e2000000000", "-10e2000000019"),
    ],
)
def test_exponents_go_cannot_finish(text, written):
    assert go_quantity_text(text) == written
