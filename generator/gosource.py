"""Go read by machine: the Go harness built for an AIStore version, and what it says of types.

`harness describe TYPE...` (tests/go/describe.go) reads Go source with go/packages and
go/types and prints every type it reaches: fields with their raw tags, embedding, type
expressions, its own MarshalJSON or msgp methods, typed constants, interface
implementations and doc comments.  This module builds that harness against one version of
the module (go.mod is the pin; `versions/VERSION.mod` any other, made on first use with
`go get` and meant to be committed with its .sum) and turns the JSON into typed values.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .runtime.versions import version_key

MODULE = "github.com/NVIDIA/aistore"
DEFAULT_GO_DIR = Path("tests/go")
_REQUIRE = re.compile(r"^\s*(?:require\s+)?" + re.escape(MODULE) + r"\s+(v\S+)", re.M)


class GoSourceError(Exception):
    """The harness could not be built or run, or the version cannot be resolved."""


@dataclass(frozen=True)
class GoType:
    """A Go type expression: named types by qualified name ("cmn.Bck"), the rest by shape."""

    kind: str  # named, basic, pointer, slice, array, map, interface
    name: str = ""
    elem: GoType | None = None
    key: GoType | None = None

    @staticmethod
    def read(raw: dict[str, Any]) -> GoType:
        return GoType(
            kind=raw["kind"],
            name=raw.get("name", ""),
            elem=GoType.read(raw["elem"]) if "elem" in raw else None,
            key=GoType.read(raw["key"]) if "key" in raw else None,
        )

    def __str__(self) -> str:
        if self.kind in ("named", "basic"):
            return self.name
        if self.kind == "interface":
            return "any"
        if self.kind == "map":
            return f"map[{self.key}]{self.elem}"
        return {"pointer": "*", "slice": "[]", "array": "[N]"}.get(self.kind, "?") + str(self.elem)


@dataclass(frozen=True)
class GoField:
    name: str
    type: GoType
    json: str | None  # the raw json tag, None when absent
    msg: str | None  # the raw msg tag (tinylib/msgp), None when absent
    embedded: bool
    exported: bool
    doc: str
    line: int


@dataclass(frozen=True)
class GoConst:
    name: str
    value: int | str
    doc: str


@dataclass(frozen=True)
class GoDecl:
    """A named Go type as declared: `name` is qualified ("apc.ActMsg")."""

    name: str
    pkg: str
    file: str
    line: int
    doc: str
    kind: str  # struct, basic, map, slice, array, pointer, interface
    fields: tuple[GoField, ...]
    underlying: GoType | None
    consts: tuple[GoConst, ...]
    implementations: tuple[str, ...]
    json_marshaler: bool
    msgp: bool

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Description:
    """What one `describe` run said: the module version and every type reached."""

    version: str
    requested: dict[str, str]  # as asked -> qualified name
    types: dict[str, GoDecl]


def _decl(name: str, raw: dict[str, Any]) -> GoDecl:
    fields = tuple(
        GoField(
            name=f["name"],
            type=GoType.read(f["type"]),
            json=f["json"],
            msg=f["msg"],
            embedded=f["embedded"],
            exported=f["exported"],
            doc=f.get("doc", ""),
            line=f["line"],
        )
        for f in raw.get("fields") or ()
    )
    consts = tuple(
        GoConst(c["name"], c["value"], c.get("doc", "")) for c in raw.get("consts") or ()
    )
    return GoDecl(
        name=name,
        pkg=raw["pkg"],
        file=raw["file"],
        line=raw["line"],
        doc=raw.get("doc", ""),
        kind=raw["kind"],
        fields=fields,
        underlying=GoType.read(raw["underlying"]) if raw.get("underlying") else None,
        consts=consts,
        implementations=tuple(raw.get("implementations") or ()),
        json_marshaler=raw["json_marshaler"],
        msgp=raw["msgp"],
    )


def read_description(text: str) -> Description:
    raw = json.loads(text)
    types = {name: _decl(name, body) for name, body in raw["types"].items()}
    return Description(version=raw["version"], requested=raw["requested"], types=types)


def pinned_version(go_dir: Path) -> str:
    """The AIStore version go.mod requires: the project's pin."""
    mod = go_dir / "go.mod"
    if not mod.is_file():
        raise GoSourceError(f"{mod} does not exist; --go-dir names the Go harness directory")
    match = _REQUIRE.search(mod.read_text())
    if match is None:
        raise GoSourceError(f"{mod} does not require {MODULE}")
    return match.group(1)


def modfile(go_dir: Path, version: str | None) -> Path:
    """The go.mod that builds the harness against `version` (made on first use)."""
    pinned = pinned_version(go_dir)
    if version is None or version == pinned:
        return (go_dir / "go.mod").resolve()
    try:
        version_key(version)
    except ValueError as exc:
        raise GoSourceError(str(exc)) from None
    path = (go_dir / "versions" / f"{version}.mod").resolve()
    if not path.is_file():
        path.parent.mkdir(exist_ok=True)
        text = (go_dir / "go.mod").read_text()
        path.write_text(_REQUIRE.sub(lambda m: m.group(0).replace(pinned, version), text))
        shutil.copyfile(go_dir / "go.sum", path.with_suffix(".sum"))
        try:  # `go get`, not `go mod tidy`: tidy would prune sums that builds of aisnode need
            _go(go_dir, ["get", f"-modfile={path}", f"{MODULE}@{version}"])
            _go(go_dir, ["build", f"-modfile={path}", "-mod=mod", "-o", os.devnull, "."])
        except GoSourceError:
            path.unlink()
            path.with_suffix(".sum").unlink(missing_ok=True)
            raise
    return path


def _env(mod: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("GONOSUMDB", "github.com/NVIDIA")  # the checksum database may not answer
    env.setdefault("GOFLAGS", "")
    if mod is not None:
        env["GOFLAGS"] = f"{env['GOFLAGS']} -modfile={mod}".strip()
    return env


def _go(go_dir: Path, args: list[str], mod: Path | None = None) -> str:
    if shutil.which("go") is None:
        raise GoSourceError("reading Go needs the go command, which is not on PATH")
    result = subprocess.run(
        ["go", *args], cwd=go_dir, env=_env(mod), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise GoSourceError(f"go {' '.join(args)} failed:\n{result.stderr.strip()[-3000:]}")
    return result.stdout


def harness(go_dir: Path, version: str | None = None) -> tuple[Path, Path]:
    """The harness binary built against `version` (the pin when None), and its go.mod."""
    mod = modfile(go_dir, version)
    name = "harness" if mod.name == "go.mod" else f"harness-{mod.stem}"
    binary = (go_dir / "bin" / name).resolve()
    _go(go_dir, ["build", f"-modfile={mod}", "-o", str(binary), "."])  # go's cache: cheap if built
    return binary, mod


def describe(types: list[str], go_dir: Path, version: str | None = None) -> Description:
    """The Go declarations of `types` (pkg.Type or import/path.Type) and all they reach."""
    binary, mod = harness(go_dir, version)
    result = subprocess.run(
        [str(binary), "describe", "-modfile", str(mod), *types],
        cwd=go_dir,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise GoSourceError(result.stderr.strip().removeprefix("harness: ") or "describe failed")
    return read_description(result.stdout)
