"""What an AIStore server of one version accepts: fields exist from `added` until `removed`.

AIStore's decoders reject unknown keys, so a payload for an older server must not carry a
field that server lacks.  `fit` takes what the codec wrote and, for a given server,
leaves out such a field where it holds Go's zero value (the older server's own default is
the same), and refuses it otherwise, naming it by JSON pointer.  The ranges come from the
schema (`added:` / `removed:`, written by `drift`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .codec import EncodeError, Fmt, WireField, WireMessage, each_message, flatten, pointer_token
from .versions import known_in, span, version_key


def fit(
    wire: Any,
    obj: Any,
    name: str,
    fmt: Fmt,
    server: str,
    messages: Mapping[str, WireMessage],
    is_zero: Callable[[Any, WireField, Fmt], bool],
    path: str = "",
) -> None:
    """Drop (zero) or refuse (otherwise) the keys of `wire` a `server` would reject, in place.

    `obj` is the Python value `wire` was written from; nested messages are visited too."""
    version_key(server)
    message = messages[name]
    if message.root is not None or not isinstance(wire, dict):
        return
    for placed in flatten(messages, name):
        field = placed.field
        key = field.json if fmt == "json" else field.msgpack
        if key not in wire:
            continue
        holder = obj
        for attr in placed.nested():
            holder = getattr(holder, attr, None)
        value = getattr(holder, field.attr, None)
        where = f"{path}/{pointer_token(field.attr)}"
        if field.versions and not known_in(*field.versions, server):
            if is_zero(value, field, fmt):
                del wire[key]
                continue
            raise EncodeError(
                where,
                f"{name}.{field.attr} (key {key!r}) is known to AIStore {span(*field.versions)}; "
                f"a {server} server rejects it as unknown",
            )
        _nested(wire[key], value, field.type, fmt, server, messages, is_zero, where)


def _nested(
    wire: Any,
    value: Any,
    spec: Any,
    fmt: Fmt,
    server: str,
    messages: Mapping[str, WireMessage],
    is_zero: Callable[[Any, WireField, Fmt], bool],
    path: str,
) -> None:
    kind = spec[0]
    if kind == "opt":
        _nested(wire, value, spec[1], fmt, server, messages, is_zero, path)
    elif kind == "msg" and value is not None:
        fit(wire, value, spec[1], fmt, server, messages, is_zero, path)
    elif kind == "any" and type(value).__name__ in messages:  # a typed action value
        fit(wire, value, type(value).__name__, fmt, server, messages, is_zero, path)
    elif kind == "list" and isinstance(wire, list) and value is not None:
        for index, (item_wire, item) in enumerate(zip(wire, value, strict=False)):
            _nested(item_wire, item, spec[1], fmt, server, messages, is_zero, f"{path}/{index}")
    elif kind == "map" and isinstance(wire, dict) and value is not None:
        for key, item in value.items():
            if key in wire:
                sub = f"{path}/{pointer_token(str(key))}"
                _nested(wire[key], item, spec[1], fmt, server, messages, is_zero, sub)


def unknown_to(
    document: Any, name: str, fmt: Fmt, server: str, messages: Mapping[str, WireMessage]
) -> list[tuple[str, str]]:
    """(JSON pointer, reason) for each key of a payload that a `server` would reject."""
    version_key(server)
    found: list[tuple[str, str]] = []

    def visit(message: str, wire: dict[str, Any], path: str) -> bool:
        for placed in flatten(messages, message):
            field = placed.field
            key = field.json if fmt == "json" else field.msgpack
            if key in wire and field.versions and not known_in(*field.versions, server):
                reason = (
                    f"key {key!r} ({message}.{field.attr}) is known to AIStore "
                    f"{span(*field.versions)}; a {server} server rejects it as unknown"
                )
                found.append((f"{path}/{pointer_token(key)}", reason))
        return True

    each_message(document, ("msg", name), fmt, messages, visit)
    return found
