"""A no-op `--check` without rendering: the last verified (inputs, package) pair.

Each run that rendered the package and found it equal to the rendering (a check
that passed, or a generate that wrote it) records two hashes: of its inputs (the
schema directory, every file of the generator itself, and the versions of the
libraries that shape the output) and of the package as it is on disk.  A later
check whose two hashes match that record says "up to date" without rendering:
rendering is deterministic, and neither side has changed by a byte.  Any change
(an edited schema, template or generator module, another library version, a
hand-edited, missing or extra generated file) gives another hash, and the check
renders and compares as before.

The record lives in the user's cache directory, never in the repository, so a
fresh checkout (CI) always does the full check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

PACKAGE = "aistore_models"
GENERATOR = Path(__file__).resolve().parent
LIBRARIES = ("black", "ruff", "jinja2", "pyyaml", "pydantic", "pydantic-core", "msgspec")


def up_to_date(schema_dir: Path, out: Path, also: Sequence[Path] = ()) -> int | None:
    """The package's file count if the record vouches for it, else None.  `also`: further
    trees the run reads (Go fixtures for examples) or writes (the reference), hashed too."""
    try:
        record = json.loads(_record_path(out).read_text(encoding="utf-8"))
        package, count = _package_hash(out, also)
        if record == {"inputs": _inputs_hash(schema_dir), "package": package, "files": count}:
            return count
    except (OSError, ValueError):
        pass
    return None


def record(
    schema_dir: Path,
    out: Path,
    also: Sequence[Path] = (),
    on_disk: Mapping[Path, Mapping[str, str]] | None = None,
) -> None:
    """Remember that the package in `out` (and `also`) is the rendering of the current inputs.
    `on_disk`: trees the caller has just written or compared byte for byte ({root: {path
    under root: text}}), hashed from memory rather than read back (4,000 files: ~0.3 s)."""
    try:
        package, count = _package_hash(out, also, on_disk or {})
        text = json.dumps({"inputs": _inputs_hash(schema_dir), "package": package, "files": count})
        path = _record_path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=".stamp-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(scratch, path)
    except OSError:
        pass  # a cache: without it the next check renders


def _record_path(out: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return Path(base) / "aistore-models" / "check-stamps" / f"{key}.json"


def _inputs_hash(schema_dir: Path) -> str:
    from importlib import metadata

    digest = hashlib.sha256()
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    digest.update(f"python={sys.version_info[:2]}\n".encode())
    _tree(digest, "schema", schema_dir)
    _tree(digest, "generator", GENERATOR)
    return digest.hexdigest()


def _package_hash(
    out: Path, also: Sequence[Path] = (), on_disk: Mapping[Path, Mapping[str, str]] | None = None
) -> tuple[str, int]:
    known = {root.resolve(): files for root, files in (on_disk or {}).items()}
    digest = hashlib.sha256()
    count = _tree(digest, "package", out / PACKAGE, known)
    if count == 0:
        raise OSError("no package")
    for extra in also:
        digest.update(f"also:{extra.resolve()}\n".encode("utf-8", "surrogateescape"))
        _tree(digest, "also", extra, known)
    return digest.hexdigest(), count


def _tree(
    digest: hashlib._Hash, label: str, root: Path, known: Mapping[Path, Mapping[str, str]] = {}
) -> int:
    """Feed every file under root (names and bytes, in path order; caches skipped) to digest,
    from `known` texts where root is one of its trees."""
    texts = known.get(root.resolve()) if known else None
    if texts is not None:
        files = [(name, text.encode("utf-8")) for name, text in texts.items()]
    else:
        files = [(name, (root / name).read_bytes()) for name in _names(root)]
    files.sort(key=lambda file: file[0].split("/"))  # as Path objects sort: part by part
    for name, data in files:
        digest.update(b"%s:%s:%d\n" % (label.encode(), _bytes(name), len(data)))
        digest.update(data)
    return len(files)


def _names(root: Path, prefix: str = "") -> list[str]:
    """The files under root, as posix paths relative to it (__pycache__ skipped)."""
    if not root.is_dir():
        return []
    out = []
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    out += _names(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                out.append(prefix + entry.name)
    return out


def _bytes(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")
