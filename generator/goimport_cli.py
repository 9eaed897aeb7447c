"""The `drift` and `import-go` commands: Go read by machine, reported or written.

Edits are checked before anything is written: the edited schema directory is loaded from a
temporary copy, and only a schema that loads replaces the files (each one atomically)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from .diagnostics import render
from .drift import Drift, Report, check, compare_message, print_report, sorted_drifts
from .goimport import Importer, MessageSpec
from .gosource import DEFAULT_GO_DIR, GoSourceError, describe, pinned_version
from .goyaml import Editor, message_text, write_files
from .ir import Schema
from .loader import load
from .problems import SchemaErrors

EXIT_OK, EXIT_DRIFT, EXIT_BAD = 0, 1, 2


def run(args: argparse.Namespace) -> int:
    go_dir = args.go_dir or DEFAULT_GO_DIR
    try:
        schema = load(args.schema)
    except SchemaErrors as exc:
        if args.format != "text":
            sys.stdout.write(render([p.diagnostic() for p in exc.problems], args.format))
        else:
            print(exc, file=sys.stderr)
        return EXIT_BAD
    try:
        if args.command == "drift":
            return _drift(schema, args.schema, go_dir, args.version, args.write, args.format)
        return _import(schema, args.schema, go_dir, args.version, args.types, args.into)
    except GoSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD
    except SchemaErrors as exc:
        print(exc, file=sys.stderr)
        print("The edited schema would not load; nothing was written.", file=sys.stderr)
        return EXIT_BAD


def _drift(
    schema: Schema, schema_dir: Path, go_dir: Path, version: str | None, write: bool, fmt: str
) -> int:
    report = check(schema, go_dir, version)
    if fmt != "text" and not write:
        found = [d.diagnostic(report.version) for d in sorted_drifts(report)]
        count = len(found)
        said = f"{count} difference{'s' * (count != 1)} from Go {report.version}"
        sys.stdout.write(render(found, fmt, said))
        return EXIT_DRIFT if count else EXIT_OK
    if report.reached:  # a struct a modelled field names, with no message of its own
        print(
            "Go structs the schema's fields reach that it does not model: "
            + ", ".join(report.reached)
            + " (import-go brings them in)",
            file=sys.stderr,
        )
    if not write:
        print_report(report)
        count = len(report.drifts)
        print(
            f"{count} difference{'s' * (count != 1)} from Go {report.version}"
            + ("; `drift --write` applies the automatic ones." if count else ".")
            if count
            else f"The schema matches Go {report.version}.",
            file=sys.stderr,
        )
        return EXIT_DRIFT if count else EXIT_OK
    editor = Editor()
    assert report.importer is not None
    importer = report.importer
    manual = _fix(schema, report.drifts, editor, importer)
    _write(editor, schema_dir)
    for drift in manual:
        print(drift.text(report.version), file=sys.stderr)
    fixed = len(report.drifts) - len(manual)
    print(
        f"applied {fixed} of {len(report.drifts)} difference(s) from Go {report.version}"
        + (f"; {len(manual)} need a person (above)." if manual else "."),
        file=sys.stderr,
    )
    return EXIT_DRIFT if manual else EXIT_OK


def _fix(schema: Schema, drifts: list[Drift], editor: Editor, importer: Importer) -> list[Drift]:
    """Queue the automatic fixes; return the drifts that need a person."""
    manual: list[Drift] = []
    texts: dict[str, list[str]] = {}
    known = {m.go for m in schema.messages if m.go}
    for drift in drifts:
        if not drift.automatic:
            manual.append(drift)
            continue
        message = schema.message(drift.message)
        if drift.spec is not None:
            lines = texts.setdefault(
                message.loc.file, Path(message.loc.file).read_text().split("\n")
            )
            name = editor.add_field(message, drift, lines)
            print(f"{message.loc}: {message.name}.{name}: added (Go {drift.spec.go})")
            for go in _new_structs(drift.spec.structs, importer, known):
                editor.append(
                    message.loc.file, message_text(importer.name_of(go), importer.spec(go)), lines
                )
                print(f"{message.loc.file}: {importer.name_of(go)}: added (Go {go}, reached)")
        else:
            editor.set_key(message, drift)
            print(f"{drift.loc}: {drift.subject}: {drift.fix.removeprefix('write ')}")
    return manual


def _new_structs(start: tuple[str, ...], importer: Importer, known: set[str]) -> list[str]:
    """Go structs reached from `start` that the schema lacks, each once (transitively)."""
    out: list[str] = []
    queue = list(start)
    while queue:
        go = queue.pop(0)
        if go in known or go in out:
            continue
        out.append(go)
        queue += importer.spec(go).reached
    return out


def _write(editor: Editor, schema_dir: Path) -> None:
    """Load the edited schema from a copy; write the files only if it loads."""
    texts = editor.render()
    if not texts:
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "schema"
        shutil.copytree(schema_dir, copy)
        for path, text in texts.items():
            (copy / path.name).write_text(text)
        load(copy)
    write_files(texts)


def _import(
    schema: Schema,
    schema_dir: Path,
    go_dir: Path,
    version: str | None,
    types: list[str],
    into: Path | None,
) -> int:
    desc = describe(types, go_dir, version)
    importer = Importer(desc, schema)
    by_go = {m.go: m for m in schema.messages if m.go}
    pinned = pinned_version(go_dir)
    editor = Editor()
    report = Report(version=desc.version, pinned=pinned)
    new: list[MessageSpec] = []
    for go in _new_structs(tuple(desc.requested[t] for t in types), importer, set()):
        spec = importer.spec(go)
        if go in by_go:
            go_of = {m.name: m.go for m in schema.messages if m.go}
            report.drifts += compare_message(by_go[go], spec, desc.version, pinned, go_of)
        else:
            new.append(spec)
    manual = _fix(schema, report.drifts, editor, importer)
    text = "".join(message_text(importer.name_of(s.go), s) + "\n" for s in new)
    if new and into is None:
        sys.stdout.write("messages:\n" + text)
    elif new and into is not None:
        lines = into.read_text().split("\n") if into.exists() else []
        if not any(line.rstrip() == "messages:" for line in lines):
            text = "messages:\n" + text
        editor.append(str(into), text, lines)
        for spec in new:
            print(f"{into}: {importer.name_of(spec.go)}: added (Go {spec.go}, {spec.source})")
    _write(editor, schema_dir)
    for drift in manual:
        print(drift.text(desc.version), file=sys.stderr)
    existing = len([s for s in types if desc.requested[s] in by_go])
    print(
        f"{len(new)} new message(s); {len(report.drifts) - len(manual)} wire fact(s) updated in "
        f"{existing} existing message(s), Python facts kept"
        + (f"; {len(manual)} difference(s) need a person (above)." if manual else "."),
        file=sys.stderr,
    )
    return EXIT_DRIFT if manual else EXIT_OK
