"""Command line: aistore-models-gen: generate, import, drift, import-go, breaking."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib.util
import sys
import traceback
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, add_format_option
from .diagnostics import render as render_diagnostics

# 0 done; 1 found something (stale files, drift, a breaking change); 2 the schema (or other
# input) is bad; 3 the generator itself failed; 4 the command line is wrong.
EXIT_OK, EXIT_STALE, EXIT_SCHEMA, EXIT_FAILED, EXIT_USAGE = 0, 1, 2, 3, 4
EXIT_CODES = (
    "Exit codes: 0 done, 1 found something (stale files, drift, a breaking change), "
    "2 bad input (schema errors; nothing written), 3 the generator itself failed, "
    "4 usage error."
)


LOCAL = "--repository-generator"  # the pre-commit hook's: prefer the checked repository's own


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the program itself (python -m, the console script), not a caller
        atexit.register(_spare_the_collector)
    argv = sys.argv[1:] if argv is None else argv
    if LOCAL in argv:
        argv = [a for a in argv if a != LOCAL]
        local = repository_generator(Path.cwd())
        if local is not None:
            return int(local.main(argv))
    try:
        return _main(argv)
    except BrokenPipeError:  # `... | head`: the reader has gone
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug in the generator: its own exit code, never 1 ("found something")
        traceback.print_exc()
        print("error: the generator itself failed (above); nothing was written.", file=sys.stderr)
        return EXIT_FAILED


def _spare_the_collector() -> None:
    """The interpreter's shutdown collects cycles over every object still alive, which a
    large schema leaves by the hundred thousand (2,000 messages: ~1.6 s after the work was
    done).  The process ends here: move them out of the collector's sight; their memory goes
    back with the process."""
    gc.freeze()


def repository_generator(root: Path) -> Any | None:
    """The generator of the repository in `root` (its generator/ package, installed as
    aistore_models_gen by its pyproject.toml), when that is not the one running: a check
    there must render with the generator being changed, not an installed copy."""
    package = root / "generator"
    project = root / "pyproject.toml"
    if not (package / "cli.py").is_file() or not project.is_file():
        return None
    if '"aistore_models_gen" = "generator"' not in project.read_text(errors="replace"):
        return None
    if package.resolve() == Path(__file__).resolve().parent:
        return None  # it is already the one running
    import importlib.util

    for name in [n for n in sys.modules if n.split(".")[0] == "aistore_models_gen"]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        "aistore_models_gen", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["aistore_models_gen"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("aistore_models_gen.cli")


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Generate pydantic models, msgspec structs and JSON Schema from schema/*.yaml.",
        epilog=EXIT_CODES,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = commands.add_parser(
        "generate",
        help="render schema/*.yaml into the aistore_models package",
        description="Render schema/*.yaml into OUT/aistore_models. Exit codes: "
        "0 done (or up to date), 1 --check found stale files, 2 schema errors (nothing written), "
        "3 the generator itself failed (a template, the formatter or the file system; "
        "the old package is kept).",
    )
    _schema_option(gen)
    gen.add_argument(
        "--out", type=Path, default=Path("generated"), help="output directory (default: generated)"
    )
    gen.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if OUT is not up to date (each file missing, stale or extra)",
    )
    gen.add_argument(
        "--diff", action="store_true", help="with --check: also print a unified diff of each file"
    )
    gen.add_argument(
        "--reference",
        type=Path,
        default=None,
        metavar="DIR",
        help="also write the Markdown message reference into DIR (this repository: docs/reference)",
    )
    gen.add_argument(
        "--examples",
        type=Path,
        default=None,
        metavar="DIR",
        help="Go fixtures (DIR/MESSAGE/full.json) shown as the reference's example payloads",
    )
    imp = commands.add_parser(
        "import",
        help="turn an existing JSON Schema into schema YAML",
        description="Turn SCHEMA.json (its $defs/definitions and root object) into schema YAML. "
        "Warnings name what the schema language cannot say, by JSON pointer. "
        "Exit codes: 0 written, 2 nothing written (unreadable input, remote $ref).",
    )
    imp.add_argument("source", type=Path, metavar="SCHEMA.json")
    imp.add_argument(
        "--out",
        type=Path,
        default=None,
        help="YAML file to write, e.g. schema/imported.yaml (default: stdout)",
    )
    drift = commands.add_parser(
        "drift",
        help="compare the schema's wire facts with a Go version of AIStore",
        description="Compare every message that names a Go type (`go:`) with that type in "
        "the Go source of AIStore VERSION (default: the version go.mod pins), read by the Go "
        "harness. Each difference is printed as file:line:col with the fix. Exit codes: "
        "0 no drift, 1 drift (with --write: some needs a person), 2 schema errors or "
        "Go could not be read.",
    )
    _go_source_options(drift, "compare with")
    drift.add_argument(
        "--write",
        action="store_true",
        help="apply the wire-fact updates to the schema files (Python facts kept)",
    )
    importgo = commands.add_parser(
        "import-go",
        help="write schema YAML for Go types, or update the wire facts of existing messages",
        description="Read Go types (pkg.Type within AIStore, e.g. apc.MossReq, or "
        "import/path.Type) and write a message for each, and for the structs they reach that "
        "the schema lacks, with every wire fact and Go's doc comments. A message that exists "
        "(by `go:`) keeps its Python facts; its wire facts are rewritten and each change is "
        "printed. Exit codes: 0 done, 1 done but some differences need a person (printed), "
        "2 schema errors or Go could not be read (nothing written).",
    )
    importgo.add_argument("types", nargs="+", metavar="TYPE")
    importgo.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="FILE.yaml",
        help="schema file to add new messages to (default: print them)",
    )
    _go_source_options(importgo, "read")
    brk = commands.add_parser(
        "breaking",
        help="report the schema edits that break clients or servers on the wire",
        description="Compare the wire contract of the schema with another revision of it, "
        "message by message: each change with its rule id, its verdict per direction "
        "(request: older or newer AIStore servers; response: strict clients) and its place "
        "(the old revision's for a removal). Doc-only and Python-only changes are listed as "
        "non-wire. Exit codes: 0 nothing breaks, 1 something breaks, 2 bad input.",
    )
    brk.add_argument(
        "--against",
        required=True,
        metavar="REF",
        help="a git revision (read with git archive, no checkout) or a schema directory",
    )
    _schema_option(brk)
    brk.add_argument(
        "--lenient-clients",
        action="store_true",
        help="count breaks that only strict clients see (unknown keys in responses) as compatible",
    )
    for command in (gen, drift, importgo, brk):
        add_format_option(command)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse printed the reason; keep our exit-code contract
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if getattr(args, "diff", False) and not args.check:
        print("error: --diff goes with --check", file=sys.stderr)
        return EXIT_USAGE
    missing = missing_dependencies()
    if missing:
        print(
            f"error: the generator needs {' and '.join(missing)}, which this Python lacks; "
            "install them with: pip install 'aistore-models[generator]'",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.command == "import":
        from .importer import run

        return run(args.source, args.out)
    if args.command in ("drift", "import-go"):
        from . import goimport_cli

        return goimport_cli.run(args)
    if args.command == "breaking":
        return breaking(args.schema, args.against, args.format, args.lenient_clients)
    return generate(
        args.schema, args.out, args.check, args.reference, args.examples, args.format, args.diff
    )


def _schema_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--schema", type=Path, default=Path("schema"), help="schema directory (default: schema)"
    )


def _go_source_options(command: argparse.ArgumentParser, verb: str) -> None:
    """--schema, --go and --go-dir: what drift and import-go read."""
    _schema_option(command)
    command.add_argument(
        "--go",
        dest="version",
        default=None,
        metavar="VERSION",
        help=f"AIStore version to {verb}, e.g. v1.5.0 (default: the one go.mod pins)",
    )
    command.add_argument(
        "--go-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the Go harness directory; its go.mod pins AIStore (default: tests/go)",
    )


def missing_dependencies() -> list[str]:
    """The generator extra's libraries (pyproject.toml) that cannot be imported here."""
    needed = {"jinja2": "jinja2", "yaml": "pyyaml"}
    missing = [dist for module, dist in needed.items() if importlib.util.find_spec(module) is None]
    if importlib.util.find_spec("ruff") is None and importlib.util.find_spec("black") is None:
        missing.append("ruff (or black)")
    return missing


def generate(
    schema_dir: Path,
    out: Path,
    check: bool,
    reference: Path | None = None,
    examples: Path | None = None,
    fmt: str = "text",
    show_diff: bool = False,
) -> int:
    """Render, then write OUT/aistore_models (and the reference) or, with `check`, compare."""
    from . import stamp

    if not schema_dir.is_dir():
        print(f"error: schema directory {schema_dir} does not exist", file=sys.stderr)
        return EXIT_SCHEMA
    also = [p for p in (reference, examples) if p is not None]
    count = stamp.up_to_date(schema_dir, out, also) if check else None
    if count is not None:  # nothing changed since a run that rendered and compared (stamp.py)
        print(f"{out}/ is up to date ({count} files).")
        return EXIT_OK

    from .problems import SchemaErrors
    from .render import render
    from .writer import compare, write

    try:
        files = render(schema_dir, docs=reference is not None, examples=examples)
    except SchemaErrors as exc:
        count = len(exc.problems)
        said = f"{count} problem{'s' * (count != 1)}; nothing was written."
        if fmt != "text":
            sys.stdout.write(render_diagnostics([p.diagnostic() for p in exc.problems], fmt, said))
            return EXIT_SCHEMA
        print(exc, file=sys.stderr)
        print(said, file=sys.stderr)
        return EXIT_SCHEMA
    except Exception as exc:  # a bug in a template or emitter, or black refusing the output
        traceback.print_exc()
        print(
            f"error: rendering failed ({type(exc).__name__}: {exc}); nothing was written.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    roots = _roots(files, out, reference)
    if check:
        stale = [
            (root / path, state, part.get(path))
            for root, tree, part in roots
            for path, state in compare(part, root, tree)
        ]
        fix = regenerate_hint(schema_dir, out, reference, examples)
        said = f"{out}/ does not match {schema_dir}/: {fix}."
        if stale and fmt != "text":
            found = [_stale(path, state) for path, state, _ in stale]
            sys.stdout.write(render_diagnostics(found, fmt, said))
            return EXIT_STALE
        for path, state, text in stale:
            print(f"{state}: {path}", file=sys.stderr)
            if show_diff:
                sys.stdout.write(_unified(path, text))
        if stale:
            print(said, file=sys.stderr)
            return EXIT_STALE
        print(f"{out}/ is up to date ({len(roots[0][2])} files).")
        stamp.record(schema_dir, out, also, _on_disk(roots))
        return EXIT_OK
    changed: list[str] = []
    for root, tree, part in roots:  # each tree is swapped in atomically, the package first
        try:
            changed += write(part, root, tree)
        except OSError as exc:
            print(
                f"error: writing {root / tree}/ failed ({exc}); the old one is kept.",
                file=sys.stderr,
            )
            return EXIT_FAILED
    stamp.record(schema_dir, out, also, _on_disk(roots))
    where = ", ".join(f"{root / tree}/" for root, tree, _ in roots)
    print(
        f"wrote {len(changed)} changed file(s) of {len(files)} to {where}"
        if changed
        else f"{where} up to date ({len(files)} files)."
    )
    return EXIT_OK


def _roots(
    files: dict[str, str], out: Path, reference: Path | None
) -> list[tuple[Path, str, dict[str, str]]]:
    """(parent directory, managed tree, its files keyed `tree/...`) for each output."""
    from .emit.reference import TREE
    from .writer import PACKAGE

    package = {p: t for p, t in files.items() if p.startswith(f"{PACKAGE}/")}
    roots = [(out, PACKAGE, package)]
    if reference is not None:
        name = reference.name
        docs = {name + p[len(TREE) :]: t for p, t in files.items() if p.startswith(f"{TREE}/")}
        roots.append((reference.parent, name, docs))
    return roots


def _on_disk(roots: list[tuple[Path, str, dict[str, str]]]) -> dict[Path, dict[str, str]]:
    """{tree: {path under it: text}} of trees now on disk as rendered (written, or compared
    byte for byte), for the stamp to hash without reading them back."""
    return {
        root / tree: {path[len(tree) + 1 :]: text for path, text in part.items()}
        for root, tree, part in roots
    }


_STATES = {
    "missing": "is not there: the schema renders it",
    "stale": "does not match the schema",
    "extra": "is there, but the schema no longer renders it",
}


def _stale(path: Path, state: str) -> Diagnostic:
    return Diagnostic(
        f"check/{state}",
        "error",
        _STATES[state],
        file=str(path),
        text=f"{state}: {path}",
    )


def _unified(path: Path, text: str | None) -> str:
    """What regenerating would change in `path`, as a unified diff."""
    import difflib

    try:
        old = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        old = []
    new = (text or "").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"{path} (on disk)", f"{path} (from the schema)"))


def program_name() -> str:
    """The name the generator was called by: its script, or `python -m aistore_models_gen`."""
    called = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return called if called == "aistore-models-gen" else "python -m aistore_models_gen"


def regenerate_hint(
    schema_dir: Path, out: Path, reference: Path | None, examples: Path | None
) -> str:
    """How to bring OUT up to date, in the words of this repository: `make generate` where
    its Makefile has the target, else the command itself."""
    makefile = Path("Makefile")
    if makefile.is_file() and "\ngenerate:" in "\n" + makefile.read_text(errors="replace"):
        return "run `make generate`"
    parts = [program_name(), "generate", "--schema", str(schema_dir), "--out", str(out)]
    parts += ["--reference", str(reference)] if reference else []
    parts += ["--examples", str(examples)] if examples else []
    return f"run `{' '.join(parts)}`"


def breaking(schema_dir: Path, ref: str, fmt: str, lenient_clients: bool) -> int:
    """Report the wire changes from REF to the schema; 1 if any breaks a reader."""
    from . import breaking as brk
    from .problems import SchemaErrors

    try:
        new = brk.load(schema_dir)
        with brk.against(ref, schema_dir) as (old, prefix, shown):
            changes = brk.compare(old, new)
            found = brk.diagnostics(changes, prefix, shown, lenient_clients)
    except SchemaErrors as exc:
        which = "the schema" if "new" not in locals() else f"the schema at {ref}"
        print(exc, file=sys.stderr)
        print(f"{which} does not load; nothing was compared.", file=sys.stderr)
        return EXIT_SCHEMA
    except brk.AgainstError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SCHEMA
    said = brk.summary(found, ref)
    if fmt != "text":
        sys.stdout.write(render_diagnostics(found, fmt, said))
    else:
        sys.stdout.write(render_diagnostics(found, fmt))
        print(said, file=sys.stderr)
    return EXIT_STALE if any(d.severity == "error" for d in found) else EXIT_OK
