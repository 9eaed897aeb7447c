# Copied from generator/runtime/cli.py by aistore-models-gen. Edit the original.
"""Command line of the generated package: python -m aistore_models validate|schema|list.

Exit codes: 0 every payload valid (or the command did its job), 1 some payload
invalid, 2 usage errors (unknown message, unreadable file, bad options), 3 an internal
failure (a bug: the message says what failed).  A closed output pipe ends the command
quietly.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from . import validation
from .registry import MESSAGES as _TABLES
from .versions import version_key

EXIT_VALID, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDIN = "-"


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None, stdin: Any = None, out: TextIO | None = None) -> int:
    try:
        return _main(argv, stdin, out or sys.stdout)
    except BrokenPipeError:  # `... | head`: the reader has gone; nothing more to say
        _silence_stdout()
        return EXIT_VALID
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not the input: say what failed, with its own exit code
        print(
            f"internal error: {type(exc).__name__}: {exc} (please report it with the command "
            "that failed)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def program_name() -> str:
    """The name the command was called by: the script's, or `python -m aistore_models`."""
    called = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return called if called.startswith("aistore-models") else "python -m aistore_models"


def _main(argv: list[str] | None, stdin: Any, out: TextIO) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message; keep our exit-code contract
        return EXIT_VALID if exc.code == 0 else EXIT_USAGE
    try:
        if args.command == "list":
            return _list(out)
        if args.command == "schema":
            text = json.dumps(validation.schema(_message(args.message), not args.lenient), indent=2)
            print(text, file=out)
            return EXIT_VALID
        return _validate(args, stdin or sys.stdin.buffer, out)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Validate AIStore payloads against the messages' JSON Schema.",
        epilog="Exit codes: 0 all valid, 1 some payload invalid, 2 usage error (an unknown "
        "message, an unreadable file, bad options), 3 internal failure.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="validate payload files (or - for stdin) against a message",
        description="Validate each FILE (- reads stdin) against MESSAGE. Prints one line per "
        "problem, `file: /json/pointer: message`; with --auto, the message comes from each "
        "file's name (NAME.MESSAGE.json) or its folder (MESSAGE/NAME.json).",
    )
    check.add_argument("message", metavar="MESSAGE", nargs="?", help="message name (see `list`)")
    check.add_argument("files", metavar="FILE", nargs="*", help="payload files; - for stdin")
    check.add_argument(
        "--auto",
        action="store_true",
        help="take MESSAGE from each file's path (all arguments are files)",
    )
    check.add_argument(
        "-o",
        "--output-format",
        "--format",
        dest="format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text); -o as check-jsonschema has it",
    )
    check.add_argument(
        "--lenient", action="store_true", help="accept unknown keys (default: strict, as AIStore)"
    )
    check.add_argument(
        "--msgpack",
        action="store_true",
        help="payloads are MessagePack (with --auto: *.msgpack files are)",
    )
    check.add_argument(
        "--server",
        metavar="VERSION",
        default=None,
        help="also flag keys an AIStore server of this version does not know (e.g. v1.4.7)",
    )
    schema = commands.add_parser("schema", help="print a message's JSON Schema")
    schema.add_argument("message", metavar="MESSAGE")
    schema.add_argument(
        "--lenient", action="store_true", help="the lenient schema (unknown keys allowed)"
    )
    commands.add_parser("list", help="list the message names")
    return parser


def _list(out: TextIO) -> int:
    for name in _TABLES:
        forms = "json, msgpack" if _TABLES[name].msgpack else "json"
        print(f"{name}\t{forms}", file=out)
    return EXIT_VALID


def _message(name: str) -> str:
    if name in _TABLES:
        return name
    close = difflib.get_close_matches(name, list(_TABLES), n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `list` shows them"
    raise UsageError(f"unknown message {name!r}{hint}")


def _jobs(args: argparse.Namespace) -> list[tuple[str, str | None, str]]:
    """(file, message or None when it cannot be inferred, fmt) for every file argument."""
    given = ([args.message] if args.auto and args.message else []) + args.files
    if given.count(STDIN) > 1:
        raise UsageError("- (stdin) is given more than once; stdin can be read only once")
    if args.auto:
        files = ([args.message] if args.message else []) + args.files
        if not files:
            raise UsageError("validate --auto needs at least one FILE")
        return [
            (f, _inferred(f), "msgpack" if args.msgpack or f.endswith(".msgpack") else "json")
            for f in files
        ]
    if not args.message:
        raise UsageError("validate needs MESSAGE and at least one FILE (or --auto)")
    if not args.files:
        raise UsageError(f"validate {args.message}: no FILE given (use - for stdin)")
    name = _message(args.message)
    fmt = "msgpack" if args.msgpack else "json"
    if fmt == "msgpack" and not _TABLES[name].msgpack:
        raise UsageError(f"{name} has no MessagePack form in AIStore")
    return [(f, name, fmt) for f in args.files]


def _inferred(path: str) -> str | None:
    parts = Path(path).name.split(".")
    if len(parts) >= 3 and parts[-2] in _TABLES:
        return parts[-2]
    parent = Path(path).parent.name
    return parent if parent in _TABLES else None


def _read(path: str, stdin: Any) -> bytes | str:
    """The payload, or why the file cannot be read (a str)."""
    if path == STDIN:
        data: bytes = stdin.read()
        return data
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"


def _validate(args: argparse.Namespace, stdin: Any, out: TextIO) -> int:
    if args.server is not None:
        try:
            version_key(args.server)
        except ValueError as exc:
            raise UsageError(f"--server: {exc}") from None
    jobs = _jobs(args)
    payloads = [
        (path, name, fmt, _read(path, stdin)) for path, name, fmt in jobs
    ]  # usage errors first
    results: list[dict[str, Any]] = []
    unreadable = 0
    for path, name, fmt, data in payloads:
        shown = "<stdin>" if path == STDIN else path
        if name is None:
            print(f"{shown}: skipped (no message in its name or folder)", file=sys.stderr)
            continue
        if isinstance(data, str):  # the others are still validated, and reported
            unreadable += 1
            issue = validation.ValidationIssue("", data, "unreadable", None)
            results.append({"file": shown, "message": name, "valid": False, "issues": [issue]})
            continue
        if fmt == "json" and path.endswith(".msgpack"):
            why = "a .msgpack file read as JSON: pass --msgpack (or --auto) to read MessagePack"
            issues = [validation.ValidationIssue("", why, "format", None)]
        elif fmt == "msgpack" and not _TABLES[name].msgpack:  # only with --auto
            issues = [
                validation.ValidationIssue(
                    "", f"{name} has no MessagePack form in AIStore", "format", None
                )
            ]
        else:
            issues = validation.validate(
                name, data, strict=not args.lenient, fmt=fmt, server=args.server
            )
        results.append({"file": shown, "message": name, "valid": not issues, "issues": issues})
    if args.format == "json":
        report = {
            "strict": not args.lenient,
            "valid": all(r["valid"] for r in results),
            "results": [
                r | {"issues": [validation.issue_as_json(i) for i in r["issues"]]} for r in results
            ],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False), file=out)
    else:
        for r in results:
            for issue in r["issues"]:
                print(f"{r['file']}: {issue}", file=out)
        invalid = sum(not r["valid"] for r in results)
        unread = f", {unreadable} unreadable" if unreadable else ""
        print(
            f"{len(results) - invalid} valid, {invalid - unreadable} invalid{unread}",
            file=sys.stderr,
        )
    if unreadable:
        return EXIT_USAGE
    return EXIT_INVALID if any(not r["valid"] for r in results) else EXIT_VALID
