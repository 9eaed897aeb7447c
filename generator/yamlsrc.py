"""YAML text -> located nodes.

PyYAML's node graph keeps line and column marks but silently merges duplicate
keys and accepts anchors; this module turns it into small `Node` objects that
keep the location of every key and value, and reports duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .ir import Loc
from .problems import Problem


@dataclass
class Node:
    """A YAML value with its location; mappings keep their keys' locations too."""

    value: Any  # str | int | float | bool | None | list[Node] | dict[str, Node]
    loc: Loc
    key_locs: dict[str, Loc] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "scalar"

    def plain(self) -> Any:
        """The value with all locations stripped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def parse(text: str, filename: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document; append problems and return None when it cannot be read."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(filename, mark) if mark else Loc(file=filename, line=1, column=1)
        reason = f"YAML syntax error: {exc.problem or exc.context}"
        hint = "indent with spaces, never tabs" if "\t" in _line(text, loc.line) else (
            "check quoting and indentation near this position"
        )
        problems.append(Problem(loc, reason, hint))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        problems.append(Problem(Loc(file=filename, line=1, column=1), f"YAML error: {exc}"))
        return None
    if root is None:
        return Node({}, Loc(file=filename, line=1, column=1))
    return _convert(root, filename, problems)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _loc(filename: str, mark: Any) -> Loc:
    return Loc(file=filename, line=mark.line + 1, column=mark.column + 1)


def _convert(node: yaml.Node, filename: str, problems: list[Problem]) -> Node:
    loc = _loc(filename, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        key_locs: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(filename, key_node.start_mark)
            # Keys are names: take their text as written (so `on` or `1` stay strings).
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not key:
                problems.append(Problem(key_loc, "mapping keys must be plain strings"))
                continue
            if key in values:
                first = key_locs[key]
                problems.append(
                    Problem(
                        key_loc,
                        f"duplicate key {key!r} (first defined at line {first.line})",
                        "each name may appear once in a mapping",
                    )
                )
                continue
            values[key] = _convert(value_node, filename, problems)
            key_locs[key] = key_loc
        return Node(values, loc, key_locs)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, filename, problems) for item in node.value], loc)
    return Node(_scalar(node), loc)


_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar(node: yaml.Node) -> Any:
    # The safe constructor resolves the YAML core schema: ints, floats, bools, null, strings.
    return _CONSTRUCTOR.construct_object(node, deep=True)
