"""Diagnostics as data: what the generator's commands find (schema errors, `generate --check`,
`drift`, `breaking`), printed as text, JSON or GitHub Actions annotations (`--format`).

Every finding has a stable rule id (docs/diagnostics.md lists them), a severity and a place.
The text form is each command's own wording, unchanged; JSON and the annotations are built
from the same data, so a CI job can read what a person reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "note"]
FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class Diagnostic:
    rule: str  # stable id, "<command>/<rule>": schema/unknown-key, drift/type, breaking/...
    severity: Severity
    message: str  # one line, without the place
    file: str = ""
    line: int = 0
    column: int = 0
    subject: str = ""  # the message or Message.field it is about, when there is one
    hint: str = ""  # the fix, when one is known
    text: str = ""  # the command's own text form (default: place, severity, message, hint)
    facts: dict[str, Any] = field(default_factory=dict, compare=False)  # rule-specific data

    @property
    def place(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def as_text(self) -> str:
        if self.text:
            return self.text
        head = f"{self.place}: {self.severity}: {self.message}" if self.place else self.message
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity}
        out["message"] = self.message
        if self.file:
            out |= {"file": self.file, "line": self.line, "column": self.column}
        if self.subject:
            out["subject"] = self.subject
        if self.hint:
            out["hint"] = self.hint
        return out | self.facts

    def as_github(self) -> str:
        """A workflow command: `::error file=F,line=L,col=C,title=RULE::MESSAGE`."""
        props = [f"file={_prop(self.file)}"] if self.file else []
        if self.line:
            props += [f"line={self.line}", f"col={self.column}"]
        props.append(f"title={_prop(self.rule)}")
        body = self.message + (f" (fix: {self.hint})" if self.hint else "")
        return f"::{self.severity} {','.join(props)}::{_data(body)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: Iterable[Diagnostic], fmt: str, summary: str = "") -> str:
    """The diagnostics in one format, newline-terminated ('' when there are none in text)."""
    items = list(diagnostics)
    if fmt == "json":
        body: dict[str, Any] = {"diagnostics": [d.as_json() for d in items]}
        if summary:
            body["summary"] = summary
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        lines = [d.as_github() for d in items]
        if summary:
            lines.append(f"::notice title=summary::{_data(summary)}")
        return "".join(line + "\n" for line in lines)
    return "".join(d.as_text() + "\n" for d in items)


def add_format_option(command: Any) -> None:
    """`--format text|json|github` on a command's argument parser."""
    command.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how findings are printed: text (default), json, or github (Actions annotations)",
    )


def sorted_by_place(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.rule, d.subject))
