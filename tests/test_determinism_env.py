"""Same bytes from every run: whatever the hash seed, the locale, the working
directory, and the order and timestamps in which the file system hands out the
schema files.  Each run is the real command in its own process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SCHEMA

# Runs the CLI with directory listings reversed: glob, iterdir, listdir and scandir.
REVERSED_LISTINGS = """
import os, pathlib, sys
for name in ("glob", "rglob", "iterdir"):
    original = getattr(pathlib.Path, name)
    setattr(pathlib.Path, name, \
lambda self, *a, _o=original: iter(sorted(_o(self, *a), reverse=True)))
class Reversed(list):
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def close(self): pass
listdir, scandir = os.listdir, os.scandir
os.listdir = lambda *a: sorted(listdir(*a), reverse=True)
def reversed_scandir(*a):
    with scandir(*a) as entries:
        return Reversed(sorted(entries, key=lambda e: e.name, reverse=True))
os.scandir = reversed_scandir
from aistore_models_gen import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def copy_schema(target: Path, reverse: bool) -> Path:
    """The real schema, its files created in the given order, each newer than the one before."""
    target.mkdir()
    for mtime, src in enumerate(sorted(SCHEMA.iterdir(), reverse=reverse), start=1_700_000_000):
        if src.is_file():
            shutil.copyfile(src, target / src.name)
            os.utime(target / src.name, (mtime, mtime))
    return target


def tree(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_same_bytes_under_any_environment(tmp_path):
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    runs = {
        "baseline": ({"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}, False, ROOT, None),
        # One run changes everything at once (two processes keep the test quick on two cores):
        # another hash seed; an ASCII locale encoding, so a read or write without an explicit
        # encoding would break or differ; another working directory; the schema files created
        # in reverse order with other timestamps; every directory listing reversed.
        "everything-else": (
            {"PYTHONHASHSEED": "4242", "LC_ALL": "POSIX", "LANG": "tr_TR.UTF-8", "PYTHONUTF8": "0",
             "PYTHONCOERCECLOCALE": "0"},
            True, tmp_path, REVERSED_LISTINGS,
        ),
    }  # fmt: skip
    procs = {}
    for name, (env, reverse, cwd, wrapper) in runs.items():
        schema = copy_schema(tmp_path / f"schema-{name}", reverse)
        out = tmp_path / f"out-{name}"
        args = ["generate", "--schema", str(schema), "--out", str(out)]
        command = (
            [sys.executable, "-c", wrapper, *args]
            if wrapper
            else [sys.executable, "-m", "aistore_models_gen", *args]
        )
        procs[name] = (
            subprocess.Popen(command, cwd=cwd, env=base_env | env, stderr=subprocess.PIPE),
            out,
        )
    outputs = {}
    for name, (proc, out) in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name}: {err.decode(errors='replace')}"
        outputs[name] = tree(out)
    baseline = outputs.pop("baseline")
    assert len(baseline) > 50
    for name, files in outputs.items():
        differ = sorted(
            k for k in baseline.keys() | files.keys() if baseline.get(k) != files.get(k)
        )
        assert not differ, f"{name} differs from the baseline in {differ}"
