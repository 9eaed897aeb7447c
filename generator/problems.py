"""Schema problems: collected during a run, reported together as file:line:column."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .ir import Loc


@dataclass(frozen=True, order=True)
class Problem:
    loc: Loc | None
    reason: str
    hint: str = ""
    path: str = ""  # where, when the problem has no line (a directory, a missing file)
    rule: str = "invalid"  # stable id under schema/ (docs/diagnostics.md)

    def __str__(self) -> str:
        where = str(self.loc) if self.loc else self.path or "<schema>"
        text = f"{where}: error: {self.reason}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def diagnostic(self) -> Diagnostic:
        loc = self.loc
        return Diagnostic(
            rule=f"schema/{self.rule}",
            severity="error",
            message=self.reason,
            file=loc.file if loc else self.path,
            line=loc.line if loc else 0,
            column=loc.column if loc else 0,
            hint=self.hint,
            text=str(self),
        )


class SchemaErrors(Exception):
    """Raised when the schema has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        # One report per problem, however many checks found it; sorted by place.
        self.problems = sorted(dict.fromkeys(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(p: Problem) -> tuple[str, int, int, str]:
    if p.loc is None:
        return (p.path, 0, 0, p.reason)
    return (p.loc.file, p.loc.line, p.loc.column, p.reason)
