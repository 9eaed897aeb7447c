"""YAML text -> located nodes.

PyYAML's node graph keeps line and column marks but silently merges duplicate
keys and follows aliases; this module turns it into small `Node` objects that
keep the location of every key and value, and reports duplicates.  Hostile YAML
becomes a located problem, never a hang or a crash: aliases (a billion-laughs
bomb, a cycle), nesting deeper than MAX_DEPTH, tags (`!!python/...`), control
characters, invalid UTF-8 and lone surrogates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .ir import Loc
from .problems import Problem


def YamlProblem(loc: Loc, reason: str, hint: str = "") -> Problem:  # noqa: N802 - a constructor
    """A problem with the YAML itself (syntax, encoding, duplicate keys): rule schema/yaml."""
    return Problem(loc, reason, hint, rule="yaml")


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


MAX_DEPTH = 64  # schema files nest about 6 levels; deeper input is hostile or a mistake


def read(path: Path, filename: str, problems: list[Problem]) -> str | None:
    """The text of a schema file; invalid UTF-8 is a problem at the offending byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        loc = Loc(file=filename, line=data.count(b"\n", 0, exc.start) + 1, column=column)
        byte = data[exc.start : exc.start + 1].hex()
        problems.append(
            YamlProblem(loc, f"invalid UTF-8 (byte 0x{byte})", "save the file as UTF-8")
        )
        return None


def parse(text: str, filename: str, problems: list[Problem]) -> Node | None:
    """Parse one YAML document; append problems and return None when it cannot be read."""
    fast, root = _compose_fast(text)
    try:
        if not fast:
            root = yaml.compose(text, Loader=_Loader)
    except _Refused as exc:
        problems.append(YamlProblem(_loc(filename, exc.mark), exc.reason, exc.hint))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(filename, mark) if mark else Loc(file=filename, line=1, column=1)
        reason = f"YAML syntax error: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.problem_mark:
            start = exc.context_mark
            reason += (
                f" ({exc.context} started at line {start.line + 1}, column {start.column + 1})"
            )
        hint = (
            "indent with spaces, never tabs"
            if "\t" in _line(text, loc.line)
            else ("check quoting and indentation near this position")
        )
        problems.append(YamlProblem(loc, reason, hint))
        return None
    except yaml.reader.ReaderError as exc:
        # Raised for characters YAML forbids (control characters); it carries an offset, not a mark.
        before = text[: exc.position]
        loc = Loc(
            file=filename, line=before.count("\n") + 1, column=exc.position - before.rfind("\n")
        )
        reason = (
            f"character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else str(exc.reason)
        )
        problems.append(
            YamlProblem(loc, reason, 'write it as an escape inside double quotes, e.g. "\\x07"')
        )
        return None
    if root is None:
        return Node({}, Loc(file=filename, line=1, column=1))
    return _convert(root, filename, problems)


# libyaml's composer is ~10x faster than PyYAML's and builds the same nodes, but it cannot
# refuse aliases or deep nesting on the way (it recurses in C) and words errors differently.
# It takes the common case: ASCII text (marks count columns alike), no control characters,
# shallow by a conservative bound, parsed without error, then checked for aliases and depth.
# Anything else goes to the pure-Python loader, which reports problems as described above.
_CLOADER: Any = getattr(yaml, "CSafeLoader", None)
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_FLOW = re.compile(r"[][{}]")
_MARKERS = re.compile(r"[-:?\[{]")


def _compose_fast(text: str) -> tuple[bool, Any]:
    """(True, root) when libyaml composed the document as the pure-Python loader would."""
    if _CLOADER is None or not text.isascii() or _NON_PRINTABLE.search(text) or not _shallow(text):
        return False, None
    try:
        root = yaml.compose(text, Loader=_CLOADER)
    except yaml.YAMLError:
        return False, None
    return (root is None or _plain_tree(root)), root


def _shallow(text: str) -> bool:
    """Nesting cannot reach MAX_DEPTH: indentation, plus markers on one line, plus open brackets."""
    lines = text.split("\n")
    indent = max(len(line) - len(line.lstrip(" ")) for line in lines)
    markers = max(len(_MARKERS.findall(line)) for line in lines)
    depth = deepest = 0
    for bracket in _FLOW.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return indent + markers + deepest < MAX_DEPTH


def _plain_tree(root: yaml.Node) -> bool:
    """No alias (a node reached twice) and no node as deep as the Python loader refuses."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth >= MAX_DEPTH:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [(n, depth + 1) for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(n, depth + 1) for n in node.value]
    return True


class _Refused(yaml.YAMLError):
    def __init__(self, mark: Any, reason: str, hint: str):
        super().__init__(reason)
        self.mark, self.reason, self.hint = mark, reason, hint


# Any: PyYAML's stubs type the parser's methods differently from release to release.
_PEEK_EVENT: Any = yaml.SafeLoader.peek_event


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (an alias bomb or a cycle would blow up the
    conversion) and nesting deeper than MAX_DEPTH (the composer recurses per level)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = _PEEK_EVENT(self)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                "YAML aliases (*name) are not supported",
                "write the value out in full",
            )
        if self._depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"YAML nested deeper than {MAX_DEPTH} levels",
                "flatten the structure",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _loc(filename: str, mark: Any) -> Loc:
    return Loc(file=filename, line=mark.line + 1, column=mark.column + 1)


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _convert(node: yaml.Node, filename: str, problems: list[Problem]) -> Node | None:
    """The located value; None when it cannot be read (reported here, and then left out
    of its mapping or list, so it causes no second problem downstream)."""
    loc = _loc(filename, node.start_mark)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            YamlProblem(
                loc,
                f"YAML tag {tag!r} is not supported",
                "write a plain mapping or list, without a tag",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        key_locs: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(filename, key_node.start_mark)
            # Keys are names: take their text as written (so `on` or `1` stay strings).
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not key:
                what = (
                    "an empty string" if key == "" else f"a {type(key_node).__name__[:-4].lower()}"
                )
                problems.append(
                    YamlProblem(
                        key_loc,
                        f"a mapping key must be a name, not {what}",
                        "write the name before the colon",
                    )
                )
                continue
            if key in key_locs:
                first = key_locs[key]
                problems.append(
                    YamlProblem(
                        key_loc,
                        f"duplicate key {key!r} (first defined at line {first.line})",
                        "each name may appear once in a mapping",
                    )
                )
                continue
            key_locs[key] = key_loc
            value = _convert(value_node, filename, problems)
            if value is not None:
                values[key] = value
        return Node(values, loc, key_locs)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(item, filename, problems) for item in node.value]
        return Node([item for item in items if item is not None], loc)
    try:
        value = _scalar(node)
    except (yaml.YAMLError, ValueError) as exc:  # a bad tag (`!!python/...`) or a malformed `!!int`
        reason = (getattr(exc, "problem", None) or str(exc)).replace("tag:yaml.org,2002:", "!!")
        problems.append(
            YamlProblem(
                loc,
                f"cannot read this value: {reason}",
                "write a plain string, number, true/false or null",
            )
        )
        return None
    if isinstance(value, str) and not _encodable(value):
        problems.append(
            YamlProblem(
                loc,
                "string holds a lone surrogate (an escape such as \\ud800)",
                "write the character itself or a full \\U escape",
            )
        )
        return None
    return Node(value, loc)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_CONSTRUCTOR: Any = yaml.SafeLoader("")  # Any: PyYAML's stubs type it differently by release


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node) -> Any:
    # A string is its text (as the constructor returns it; most scalars are strings).
    if node.tag == _STR_TAG:
        return node.value
    # The safe constructor resolves the YAML core schema: ints, floats, bools, null, strings.
    return _CONSTRUCTOR.construct_object(node, deep=True)
