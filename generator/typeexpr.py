"""Parse type expressions of the schema language.

int64 | str | ... (a scalar)      JobSnap (a message or enum name)
list[T]   map[str, T]   flagset[EnumName]   interface[MsgA, MsgB]
T?  the value may be null (a Go pointer, nil slice or map): a field, an element, a root
interface[...]: a Go interface field holding one of these structs; decoding tries them in
order and the first that decodes wins (not protobuf's or JSON Schema's oneOf)
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from .ir import SCALARS, TypeRef

_TOKEN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*|\[|\]|,|\?)")


class TypeSyntaxError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)  # a schema writes the same few types over and over
def parse(text: str) -> TypeRef:
    """Parse `text`; names that are not scalars come back as kind "message" (resolved later)."""
    tokens = _tokenize(text)
    ref, rest = _parse(tokens, text)
    if rest:
        raise TypeSyntaxError(f"unexpected {rest[0]!r} after the type in {text!r}")
    return ref


def _tokenize(text: str) -> list[str]:
    tokens, pos = [], 0
    stripped = text.rstrip()
    while pos < len(stripped):
        match = _TOKEN.match(stripped, pos)
        if not match:
            raise TypeSyntaxError(f"cannot read type {text!r} at character {pos + 1}")
        tokens.append(match.group(1))
        pos = match.end()
    if not tokens:
        raise TypeSyntaxError("empty type")
    return tokens


def _expect(tokens: list[str], token: str, text: str) -> list[str]:
    if not tokens or tokens[0] != token:
        found = repr(tokens[0]) if tokens else "the end"
        raise TypeSyntaxError(f"expected {token!r} but found {found} in {text!r}")
    return tokens[1:]


def _parse(tokens: list[str], text: str) -> tuple[TypeRef, list[str]]:
    ref, rest = _parse_plain(tokens, text)
    if rest and rest[0] == "?":
        return replace(ref, nullable=True), rest[1:]
    return ref, rest


def _parse_plain(tokens: list[str], text: str) -> tuple[TypeRef, list[str]]:
    if not tokens:
        raise TypeSyntaxError(f"expected a type name but found the end of {text!r}")
    head, rest = tokens[0], tokens[1:]
    if head in ("[", "]", ",", "?"):
        raise TypeSyntaxError(f"expected a type name but found {head!r} in {text!r}")
    if head == "list":
        rest = _expect(rest, "[", text)
        item, rest = _parse(rest, text)
        return TypeRef(kind="list", item=item), _expect(rest, "]", text)
    if head == "map":
        rest = _expect(rest, "[", text)
        rest = _expect(rest, "str", text)
        rest = _expect(rest, ",", text)
        item, rest = _parse(rest, text)
        return TypeRef(kind="map", item=item), _expect(rest, "]", text)
    if head == "flagset":
        rest = _expect(rest, "[", text)
        if not rest or not rest[0].isidentifier():
            raise TypeSyntaxError(f"flagset needs an enum name in {text!r}")
        name, rest = rest[0], rest[1:]
        return TypeRef(kind="flagset", name=name), _expect(rest, "]", text)
    if head == "oneof":
        raise TypeSyntaxError(f"`oneof[...]` is spelled `interface[...]` now, in {text!r}")
    if head == "interface":
        rest = _expect(rest, "[", text)
        options = []
        while True:
            option, rest = _parse(rest, text)
            if option.kind != "message" or option.nullable:
                raise TypeSyntaxError(
                    f"interface takes message names only, not {option} in {text!r}"
                )
            options.append(option)
            if rest and rest[0] == ",":
                rest = rest[1:]
                continue
            break
        return TypeRef(kind="oneof", options=tuple(options)), _expect(rest, "]", text)
    if head in SCALARS:
        return TypeRef(kind="scalar", name=head), rest
    return TypeRef(kind="message", name=head), rest
