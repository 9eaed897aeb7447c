"""Which way each message travels: request (client to server), response, or both.

A message states it (`direction:`); a struct that others hold travels as they do (an action's
value as its ActionMsg; Snode as the Smap that holds it), and a message nothing holds that
states nothing is taken as both.  The wire tables carry the result, and `breaking` judges a
change by it.
"""

from __future__ import annotations

from .ir import Message, Schema

DIRECTIONS = ("request", "response")


def directions(schema: Schema) -> dict[str, tuple[str, ...]]:
    """Each message's directions, in DIRECTIONS order."""
    stated = {
        m.name: set(DIRECTIONS if m.direction == "both" else (m.direction,))
        for m in schema.messages
        if m.direction
    }
    held_by: dict[str, set[str]] = {m.name: set() for m in schema.messages}
    for message in schema.messages:
        for name in _held(message):
            if name in held_by and name != message.name:
                held_by[name].add(message.name)
    found: dict[str, set[str]] = {}

    def of(name: str, seen: frozenset[str]) -> set[str]:
        if name in stated:
            return stated[name]
        if name in found:
            return found[name]
        parents = held_by[name] - seen
        union = set().union(*(of(p, seen | {name}) for p in parents)) if parents else set()
        return union or set(DIRECTIONS)

    for message in schema.messages:
        found[message.name] = of(message.name, frozenset())
    return {name: tuple(d for d in DIRECTIONS if d in dirs) for name, dirs in found.items()}


def _held(message: Message) -> set[str]:
    """The messages a message's fields (and root) name, an action value's types included."""
    refs = [t for f in message.fields for t in f.wire.type.walk()]
    refs += list(message.root.walk()) if message.root else []
    names = {n for ref in refs for n in (ref.name, *(o.name for o in ref.options))}
    names |= {t for f in message.fields for _, t in f.wire.select_types}
    return names
