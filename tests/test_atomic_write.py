"""A generation killed at any point of the write phase leaves the package old or new, never a mix.

The kill tests fork, and the child runs writer.write with every file-system step
it takes (file writes, the sync (syncfs or fsyncs), mkdir, rename, the rename-exchange,
each unlink and rmdir of the clean-up) counted; the child SIGKILLs itself just before step k,
for every k. Both swap strategies are covered: renameat2(RENAME_EXCHANGE), and
the two-rename fallback used where the exchange is unavailable.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import black
import pytest

from aistore_models_gen import cli, formatter, writer
from aistore_models_gen.emit import models
from conftest import ROOT, write_schema

PKG = writer.PACKAGE


def package(version: str, names: range) -> dict[str, str]:
    files = {f"{PKG}/m{i}.py": f"# {version} {i}\n" for i in names}
    files |= {f"{PKG}/schemas/strict/S{i}.json": f'{{"{version}": {i}}}\n' for i in names}
    return files | {f"{PKG}/__init__.py": f"# {version}\n"}


OLD = package("old", range(0, 4))
NEW = package("new", range(2, 6))  # changes, drops and adds files


def tree(directory: Path) -> dict[str, bytes] | None:
    if not directory.exists():
        return None
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def as_tree(files: dict[str, str]) -> dict[str, bytes]:
    return {path.removeprefix(f"{PKG}/"): text.encode() for path, text in sorted(files.items())}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != PKG)


_STEPS = [
    (os, "rename"),
    (os, "fsync"),
    (os, "mkdir"),
    (os, "unlink"),
    (os, "rmdir"),
    (os, "chmod"),
]


def _count_steps(on_step: Callable[[], None]) -> None:
    """In the child: call on_step before every file-system step the writer takes."""
    for module, name in _STEPS:
        original = getattr(module, name)

        def wrapped(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            on_step()
            return _original(*args, **kwargs)

        setattr(module, name, wrapped)
    original_write = Path.write_bytes

    def write_bytes(self: Path, data: Any) -> int:
        on_step()
        return original_write(self, data)

    Path.write_bytes = write_bytes  # type: ignore[method-assign]
    original_exchange = writer._exchange

    def exchange(a: Path, b: Path) -> bool:
        on_step()
        return original_exchange(a, b)

    writer._exchange = exchange
    original_sync = writer._sync

    def sync(staging: Path, written: list[Path]) -> None:
        on_step()
        original_sync(staging, written)

    writer._sync = sync


def run_child(
    out: Path, kill_at: int | None, use_exchange: bool, count_file: Path | None = None
) -> bool:
    """writer.write(NEW) in a forked child, SIGKILLed before step kill_at; True if it was killed."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            steps = 0

            def on_step() -> None:
                nonlocal steps
                steps += 1
                if steps == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

            if not use_exchange:
                writer._exchange = lambda a, b: False
            _count_steps(on_step)
            writer.write(NEW, out)
            if count_file is not None:
                count_file.write_text(str(steps))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    """A directory holding the OLD package, copied fresh for every kill."""
    src = tmp_path / "pristine"
    writer.write(OLD, src)
    return src


def reset(pristine: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(pristine, out)


@pytest.mark.parametrize("use_exchange", [True, False], ids=["rename-exchange", "two-renames"])
def test_killed_at_every_step(tmp_path, pristine, use_exchange):
    if use_exchange and writer._libc("renameat2") is None:
        pytest.skip("renameat2 is not available here")
    out, count_file = tmp_path / "out", tmp_path / "steps"
    reset(pristine, out)
    assert not run_child(out, None, use_exchange, count_file)
    total = int(count_file.read_text())
    assert tree(out / PKG) == as_tree(NEW)
    assert total > 2 * len(NEW), "every file write is a step"
    outcomes = set()
    for step in range(1, total + 1):
        reset(pristine, out)
        assert run_child(out, step, use_exchange), f"step {step} was not reached"
        now = tree(out / PKG)
        if use_exchange:
            assert now in (as_tree(OLD), as_tree(NEW)), f"killed before step {step}: a mix"
        else:
            # Between the fallback's two renames the package sits at .aistore_models.old.
            assert now in (as_tree(OLD), as_tree(NEW)) or (
                now is None and tree(out / f".{PKG}.old") == as_tree(OLD)
            ), f"killed before step {step}: a mix"
        writer.recover(out)
        after = tree(out / PKG)
        assert after in (as_tree(OLD), as_tree(NEW)), f"step {step}: recovery gave a mix"
        assert leftovers(out) == [], f"step {step}: {leftovers(out)}"
        outcomes.add("old" if after == as_tree(OLD) else "new")
        writer.write(NEW, out)  # the next run completes the job
        assert tree(out / PKG) == as_tree(NEW) and leftovers(out) == []
    assert outcomes == {"old", "new"}  # the kills landed on both sides of the swap


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each"])
def test_staged_files_are_synced_before_the_swap(tmp_path, monkeypatch, syncfs):
    """Durable before they are visible: the one syncfs (or, without it, an fsync of every
    staged file) comes before the swap."""
    events: list[str] = []
    real_fsync, real_swap, real_libc = os.fsync, writer._swap, writer._libc

    def libc(name: str) -> Any:
        function = real_libc(name)
        if name != "syncfs":
            return function
        if not syncfs or function is None:
            return None
        return lambda fd: events.append("syncfs") or function(fd)

    monkeypatch.setattr(writer, "_libc", libc)
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(writer, "_swap", lambda a, b: events.append("swap") or real_swap(a, b))
    writer.write(NEW, tmp_path / "out")
    if syncfs and real_libc("syncfs") is not None:
        assert events == ["syncfs", "swap"]
    else:
        assert events == ["fsync"] * len(NEW) + ["swap"]
    assert tree(tmp_path / "out" / PKG) == as_tree(NEW)


def test_disk_error_while_staging_leaves_the_package(tmp_path, pristine, monkeypatch):
    out = tmp_path / "out"
    reset(pristine, out)
    original = Path.write_bytes
    written = []

    def failing(self: Path, data: Any) -> int:
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        written.append(self)
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError):
        writer.write(NEW, out)
    assert tree(out / PKG) == as_tree(OLD)
    assert leftovers(out) == []


def test_package_directory_gets_ordinary_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        writer.write(OLD, tmp_path / "out")
        writer.write(NEW, tmp_path / "out")
    finally:
        os.umask(umask)
    assert (tmp_path / "out" / PKG).stat().st_mode & 0o777 == 0o755


GOOD = {"a.yaml": "messages:\n  Thing:\n    fields:\n      name: str\n"}


@pytest.fixture
def generated(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes] | None]:
    """A good schema, and an output directory holding a package a successful run would replace."""
    schema = write_schema(tmp_path / "schema", GOOD)
    out = tmp_path / "out"
    writer.write(OLD, out)
    return schema, out, tree(out)


def test_template_error_leaves_the_package(generated, monkeypatch, capsys):
    schema, out, before = generated
    monkeypatch.setattr(models, "context", lambda schema: {})  # StrictUndefined: the template fails
    assert cli.generate(schema, out, check=False) == cli.EXIT_FAILED
    assert "UndefinedError" in capsys.readouterr().err
    assert tree(out) == before


def test_formatter_error_leaves_the_package(generated, monkeypatch, capsys):
    schema, out, before = generated

    def refuse(files: dict[str, str]) -> dict[str, str]:
        raise black.InvalidInput("Cannot parse: 1:4: class (")

    monkeypatch.setattr(formatter, "format_python", refuse)
    assert cli.generate(schema, out, check=False) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "InvalidInput" in err and "nothing was written" in err
    assert tree(out) == before


def test_sigterm_during_the_real_command(generated):
    """The real CLI, stopped by a signal from outside while it writes the package."""
    schema, out, before = generated
    ready = out.parent / "ready"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from aistore_models_gen import cli
        original = Path.write_bytes
        def slow(self, data):
            result = original(self, data)
            Path({str(ready)!r}).touch()
            time.sleep(0.2)
            return result
        Path.write_bytes = slow
        sys.exit(cli.main(["generate", "--schema", {str(schema)!r}, "--out", {str(out)!r}]))
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        for _ in range(600):
            if ready.exists() or child.poll() is not None:
                break
            subprocess.run(["sleep", "0.05"], check=True)
        assert ready.exists(), "the command never reached the write phase"
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == -signal.SIGTERM
    finally:
        child.kill()
    assert tree(out / PKG) == as_tree(OLD)  # the killed run left its staging dir, nothing else
    assert cli.generate(schema, out, check=False) == 0  # the next run cleans up and finishes
    assert leftovers(out) == []
