"""Wire facts written into schema YAML: new messages as text, and edits to existing files
that touch only the lines of the keys they change (comments, Python facts and hand-written
docs stay as they are)."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .drift import Drift
from .goimport import MessageSpec, WireSpec
from .ir import Message

_INDENT = "  "
# The order our files keep a field's wire keys in (a key is inserted after its predecessors).
WIRE_ORDER = ("type", "wire", "msgpack", "omit", "string", "embed", "added", "removed", "go")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def scalar(value: object) -> str:
    """A YAML scalar as our files write it (quoted only where YAML needs it)."""
    text = yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def python_name(spec: WireSpec) -> str:
    """A Python attribute name for a new field: the JSON name, else the Go name, in snake case."""
    base = spec.wire if spec.wire not in ("", "-") else spec.go
    if spec.embed:
        base = spec.type
    name = _CAMEL.sub("_", base).replace("-", "_").lower() if not base.islower() else base
    name = re.sub(r"\W", "_", name.replace("-", "_")).strip("_") or "field"
    if name[0].isdigit() or keyword.iskeyword(name):
        name += "_"
    return name


def field_lines(name: str, spec: WireSpec, msgpack: bool, added: str = "") -> list[str]:
    """The block of one field (unindented), wire keys in the order our files keep."""
    lines = [f"{name}:", f"{_INDENT}type: {spec.type}"]
    if spec.embed:
        lines.append(f"{_INDENT}embed: true")
    else:
        if spec.wire != name:
            lines.append(f"{_INDENT}wire: {scalar(spec.wire)}")
        if msgpack and spec.msgpack != spec.wire:
            lines.append(f"{_INDENT}msgpack: {scalar(spec.msgpack)}")
        if spec.omit:
            lines.append(f"{_INDENT}omit: {spec.omit}")
        if spec.string:
            lines.append(f"{_INDENT}string: true")
    if added:
        lines.append(f"{_INDENT}added: {added}")
    lines.append(f"{_INDENT}go: {spec.go}")
    if spec.doc:
        lines.append(f"{_INDENT}doc: {scalar(spec.doc)}")
    return lines


def message_text(name: str, spec: MessageSpec) -> str:
    """A new message (indented for `messages:`), with its Go comments as docs."""
    lines = [f"{name}:", f"{_INDENT}go: {spec.go}"]
    if spec.doc:
        lines.append(f"{_INDENT}doc: {scalar(spec.doc)}")
    if spec.msgpack:
        lines.append(f"{_INDENT}msgpack: true")
    if spec.root:
        lines.append(f"{_INDENT}root: {spec.root}")
    else:
        lines.append(f"{_INDENT}fields:")
        taken: set[str] = set()
        for wire in spec.fields:
            fname = python_name(wire)
            while fname in taken:
                fname += "_"
            taken.add(fname)
            lines += [_INDENT * 2 + line for line in field_lines(fname, wire, spec.msgpack)]
    return "\n".join(_INDENT + line for line in lines) + "\n"


@dataclass
class _Edit:
    line: int  # 1-based line the edit is anchored at
    order: int  # among edits of one line: later ones go below
    delete: bool  # replace the line (with `text`, possibly nothing) instead of inserting after
    text: list[str]


class Editor:
    """Line edits to schema files, applied bottom-up so earlier line numbers stay valid."""

    def __init__(self) -> None:
        self.edits: dict[str, list[_Edit]] = {}

    def _add(self, file: str, edit: _Edit) -> None:
        self.edits.setdefault(file, []).append(edit)

    def set_key(self, message: Message, drift: Drift) -> None:
        """Write (or drop) one wire key of a field or message, as the drift says."""
        owner = next(
            (f for f in message.fields if f"{message.name}.{f.name}" == drift.subject), None
        )
        located = owner if owner is not None else message
        present = any(k == drift.key for k, _ in located.key_locs)
        indent = " " * (located.loc.column - 1 + len(_INDENT))
        text = [] if drift.value is None else [f"{indent}{drift.key}: {_value(drift.value)}"]
        if owner is not None and any(loc.line == owner.loc.line for _, loc in owner.key_locs):
            # `name: type` or `name: {type: ..., go: ...}` on one line: rewritten as a block
            one = Path(owner.loc.file).read_text().split("\n")[owner.loc.line - 1]
            block = _as_block(one, owner.loc.column - 1, drift.key, drift.value)
            self._add(located.loc.file, _Edit(owner.loc.line, 0, True, block))
        elif present:
            self._add(located.loc.file, _Edit(located.at(drift.key).line, 0, True, text))
        elif text:
            keys = dict(located.key_locs)
            before = WIRE_ORDER[: WIRE_ORDER.index(drift.key)] if drift.key in WIRE_ORDER else ()
            lines = [keys[k].line for k in before if k in keys] or [located.loc.line]
            self._add(located.loc.file, _Edit(max(lines), 1, False, text))

    def add_field(self, message: Message, drift: Drift, lines_in_file: list[str]) -> str:
        """Append a Go field the schema lacks to the message's fields; its Python name."""
        assert drift.spec is not None
        taken = {f.name for f in message.fields}
        name = python_name(drift.spec)
        while name in taken:
            name += "_"
        previous = next(
            (f for f in message.fields if drift.after and f.wire.go == drift.after), None
        )
        if previous is not None:  # Go's order: after the field Go declares before it
            start = previous.loc.line
        else:
            start = next(
                n
                for n in range(message.loc.line, len(lines_in_file) + 1)
                if lines_in_file[n - 1].strip() == "fields:"
            )
        last = _block_end(lines_in_file, start)
        column = message.fields[0].loc.column if message.fields else message.loc.column + 4
        block = field_lines(name, drift.spec, message.msgpack, str(drift.value or ""))
        self._add(message.loc.file, _Edit(last, 2, False, [" " * (column - 1) + b for b in block]))
        return name

    def append(self, file: str, text: str, lines_in_file: list[str]) -> None:
        """Add text after the file's last line that is not blank (a blank line between)."""
        last = max((n for n, line in enumerate(lines_in_file, 1) if line.strip()), default=0)
        block = text.rstrip("\n").split("\n")
        self._add(file, _Edit(last, 3, False, ["", *block] if last else block))

    def render(self) -> dict[Path, str]:
        """The new text of every edited file (nothing written yet)."""
        out: dict[Path, str] = {}
        for file, edits in self.edits.items():
            path = Path(file)
            lines = path.read_text().split("\n") if path.exists() else []
            for edit in sorted(edits, key=lambda e: (e.line, e.order), reverse=True):
                if edit.delete:
                    lines[edit.line - 1 : edit.line] = edit.text
                else:
                    lines[edit.line : edit.line] = edit.text
            out[path] = "\n".join(lines).rstrip("\n") + "\n"
        return out


def write_files(texts: dict[Path, str]) -> None:
    for path, text in texts.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text)
        tmp.replace(path)  # atomic: a reader sees the old file or the new one


def _as_block(line: str, column: int, key: str, value: str | bool | None) -> list[str]:
    """A one-line field (`name: type` or a flow mapping) as block lines, with `key` set."""
    [(name, body)] = yaml.safe_load(line.strip()).items()
    keys = {"type": body} if isinstance(body, str) else dict(body)
    if value is None:
        keys.pop(key, None)
    else:
        keys[key] = value
    indent = " " * column
    out = [f"{indent}{name}:"]
    for k, v in keys.items():
        if isinstance(v, dict):
            out.append(f"{indent}{_INDENT}{k}:")
            out += [f"{indent}{_INDENT * 2}{sk}: {_value(sv)}" for sk, sv in v.items()]
        else:
            out.append(f"{indent}{_INDENT}{k}: {_value(v)}")
    return out


def _value(value: object) -> str:
    return "true" if value is True else scalar(value)


def _block_end(lines: list[str], start: int) -> int:
    """The last line (1-based) of the block whose key is on line `start`: the last line
    indented deeper than it, before the next line that is not (comments and blank lines
    between blocks belong to the next one)."""
    key_indent = len(lines[start - 1]) - len(lines[start - 1].lstrip())
    last = start
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(text.lstrip()) <= key_indent:
            break
        last = number
    return last
