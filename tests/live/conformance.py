"""Judge one response body against the generated package; keep every verdict for the table.

A body passes when it decodes strictly (unknown keys rejected) into the pydantic
model and into the msgspec struct, validates against the strict JSON Schema,
and, where AIStore's own encoder wrote it, re-encodes to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

import aistore_models as am

OK = "ok"
SKIP = "-"
COLUMNS = ("pydantic", "msgspec", "schema", "bytes")


@dataclass
class Row:
    endpoint: str
    request: str
    response: str
    verdicts: dict[str, str]


@dataclass
class Ledger:
    """Every request made and response judged during the session, in order."""

    rows: list[Row] = field(default_factory=list)

    def request_only(self, endpoint: str, request: str, status: int, what: str = "") -> None:
        """A request the server accepted whose reply is no modelled message."""
        self.rows.append(
            Row(endpoint, request, f"HTTP {status}" + (f", {what}" if what else ""), {})
        )

    def table(self) -> str:
        """One line per distinct exchange (first-seen order), with how often it happened."""
        counts: dict[tuple[str, ...], int] = {}
        for r in self.rows:
            key = (r.endpoint, r.request, r.response, *(r.verdicts.get(c, SKIP) for c in COLUMNS))
            counts[key] = counts.get(key, 0) + 1
        head = ("endpoint", "request", "response", *COLUMNS, "n")
        lines = [head] + [(*key, str(n)) for key, n in counts.items()]
        widths = [min(60, max(len(line[i]) for line in lines)) for i in range(len(head))]

        def fmt(cells: tuple[str, ...]) -> str:
            return "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return "\n".join([fmt(lines[0]), rule, *(fmt(line) for line in lines[1:])])

    def failures(self) -> list[Row]:
        return [r for r in self.rows if not all(_passed(v) for v in r.verdicts.values())]


def _passed(verdict: str) -> bool:
    return verdict == SKIP or verdict.startswith(OK)


def compact_json(data: bytes) -> bytes:
    """Drop whitespace between JSON tokens (not inside strings).

    A proxy that aggregates target replies embeds each reply's raw bytes, with
    the newline Go's json.Encoder wrote after it; the values are still Go's.
    """
    out = bytearray()
    in_string = escaped = False
    for byte in data:
        if in_string:
            out.append(byte)
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
            out.append(byte)
        elif byte not in b" \t\r\n":
            out.append(byte)
    return bytes(out)


_HTML_ESCAPES = [
    (b"<", b"\\u003c"),
    (b">", b"\\u003e"),
    (b"&", b"\\u0026"),
    ("\u2028".encode(), b"\\u2028"),
    ("\u2029".encode(), b"\\u2029"),
]


def html_escaped(data: bytes) -> bytes:
    """JSON as jsoniter.ConfigDefault writes it (EscapeHTML: true): <, >, &, U+2028 and
    U+2029 as \\u escapes (cos.JSON, which we match, escapes none of them).

    These bytes never occur outside strings in JSON, so a byte replace is exact.
    """
    for raw, escaped in _HTML_ESCAPES:
        data = data.replace(raw, escaped)
    return data


def map_entries(data: bytes) -> dict[str, bytes] | None:
    """A JSON object's entries as raw bytes per key (None for null): order-free comparison."""
    entries = msgspec.json.decode(data, type=dict[str, msgspec.Raw] | None)
    return None if entries is None else {k: bytes(v) for k, v in entries.items()}


def _is_map_root(message: str) -> bool:
    root = am.wire.MESSAGES[message].root  # a wire-type tuple: ("opt", ("map", ...)), ...
    while root is not None and root[0] == "opt":
        root = root[1]
    return root is not None and root[0] == "map"


def go_body(body: bytes, fmt: str) -> bytes:
    # Go's json.Encoder (AIStore's writeJSON) ends the document with one newline.
    return body[:-1] if fmt == "json" and body.endswith(b"\n") else body


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120]


def judge(
    ledger: Ledger,
    *,
    endpoint: str,
    request: str,
    response: str,
    body: bytes,
    fmt: str = "json",
    many: bool = False,
    go_bytes: str = "exact",
) -> Any:
    """Decode `body` as `response` (or a JSON list of it, `many`), record verdicts, assert all pass.

    go_bytes: "exact" (Go wrote these bytes), "compact" (Go wrote the values; a
    proxy joined them with whitespace), "html" (jsoniter.ConfigDefault wrote them:
    <>& escaped, and a root map's keys in Go's random map order), or "none" (not
    written by a Go encoder).
    Returns the pydantic result (a list with `many`).
    """
    label = f"list[{response}]" if many else response
    if fmt == "msgpack":
        label += " (msgpack)"
    verdicts: dict[str, str] = {}
    errors: list[str] = []
    model_cls = getattr(am.models, response)
    struct_cls = getattr(am.structs, response)
    root = am.wire.MESSAGES[response].root is not None
    message = response if root else None

    decoded: dict[str, Any] = {}
    for column, cls in (("pydantic", model_cls), ("msgspec", struct_cls)):
        try:
            if many:
                parsed = msgspec.json.decode(body)
                decoded[column] = (
                    None
                    if parsed is None
                    else [am.decode(item, cls, fmt, strict=True) for item in parsed]
                )
            else:
                decoded[column] = am.decode(body, cls, fmt, strict=True)
            verdicts[column] = OK
        except (am.DecodeError, msgspec.DecodeError) as exc:
            verdicts[column] = _short(exc)
            errors.append(f"{column}: {exc}")

    verdicts["schema"] = _schema_verdict(response, body, fmt, many, errors)
    verdicts["bytes"] = _bytes_verdict(body, fmt, many, go_bytes, message, decoded, errors)
    ledger.rows.append(Row(endpoint, request, label, verdicts))
    assert not errors, f"{endpoint} -> {label}:\n" + "\n".join(errors) + f"\nbody: {body[:2000]!r}"
    return decoded["pydantic"]


def _schema_verdict(name: str, body: bytes, fmt: str, many: bool, errors: list[str]) -> str:
    documents = msgspec.json.decode(body) or [] if many else [body]
    issues = [
        f"/{i}{issue.pointer}: {issue.message}" if many else str(issue)
        for i, doc in enumerate(documents)
        for issue in am.validate(name, doc, strict=True, fmt=fmt)
    ]
    if issues:
        errors.append("schema: " + "; ".join(issues))
        return issues[0][:120]
    return OK


def _bytes_verdict(
    body: bytes,
    fmt: str,
    many: bool,
    go_bytes: str,
    message: str | None,
    decoded: dict[str, Any],
    errors: list[str],
) -> str:
    if go_bytes == "none":
        return SKIP
    expected = go_body(body, fmt)
    if go_bytes == "compact":
        expected = compact_json(expected)
    verdict = {"exact": OK, "compact": "ok (compacted)", "html": "ok (HTML-escaped)"}[go_bytes]
    for column, value in decoded.items():
        if many:
            again = (
                b"null"
                if value is None
                else b"[" + b",".join(am.encode(v, fmt) for v in value) + b"]"
            )
        else:
            again = am.encode(value, fmt, message=message)
        if go_bytes == "html":
            again = html_escaped(again)
            if message and _is_map_root(message):
                if map_entries(again) == map_entries(expected):
                    continue  # the same entries, byte for byte, in another order
        if again != expected:
            at = next(
                (i for i, (a, b) in enumerate(zip(again, expected, strict=False)) if a != b), None
            )
            at = min(len(again), len(expected)) if at is None else at
            errors.append(
                f"bytes ({column}): re-encoding differs at byte {at}:\n"
                f"  ours: {again[max(0, at - 40) : at + 60]!r}\n"
                f"  Go's: {expected[max(0, at - 40) : at + 60]!r}"
            )
            verdict = f"differs at byte {at} ({column})"
    return verdict
