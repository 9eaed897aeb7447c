"""The wheel as users install it: `pip install .` for the package, `.[generator]` for the generator.

Each install goes into a fresh venv (uv, pinned to uv.lock's versions so the generator's
output can be compared byte for byte with generated/).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

UV = shutil.which("uv", path=str(ROOT / ".uv" / "bin")) or shutil.which("uv")
pytestmark = pytest.mark.skipif(
    UV is None, reason="uv is not installed (make bootstraps it into .uv/)"
)


def uv(*args: str, venv: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("VIRTUAL_ENV", None)
    if venv is not None:
        env["VIRTUAL_ENV"] = str(venv)
    return subprocess.run(
        [str(UV), *args], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    uv("build", "--quiet", "--wheel", "--out-dir", str(out), str(ROOT))
    (found,) = out.glob("*.whl")
    return found


def fresh_venv(tmp_path: Path, wheel: Path, extra: str) -> Path:
    venv = tmp_path / "venv"
    uv("venv", "--quiet", str(venv))
    flags = ["--no-dev", "--no-emit-project", "--no-hashes", "--no-header"]
    if extra:
        flags += ["--extra", extra]
    constraints = tmp_path / "constraints.txt"
    uv("export", "--frozen", "--quiet", *flags, "-o", str(constraints))
    uv(
        "pip",
        "install",
        "--quiet",
        "-c",
        str(constraints),
        f"{wheel}{extra and f'[{extra}]'}",
        venv=venv,
    )
    return venv


def run(venv: Path, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(venv / "bin" / command[0]), *command[1:]], capture_output=True, text=True, cwd=cwd
    )


def test_the_wheel_holds_two_packages_with_names_of_their_own(wheel):
    with zipfile.ZipFile(wheel) as archive:
        tops = {
            name.split("/")[0]
            for name in archive.namelist()
            if not name.split("/")[0].endswith(".dist-info")
        }
        metadata = next(
            archive.read(n).decode()
            for n in archive.namelist()
            if n.endswith(".dist-info/METADATA")
        )
    assert tops == {"aistore_models", "aistore_models_gen"}
    assert "License-Expression: MIT" in metadata
    assert "Project-URL: Source, https://github.com/NVIDIA/aistore" in metadata


def test_the_consumer_install_validates_and_names_what_the_generator_lacks(tmp_path, wheel):
    venv = fresh_venv(tmp_path, wheel, "")
    listed = run(venv, "aistore-models", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "JobSnap" in listed.stdout
    payload = tmp_path / "job.json"
    payload.write_text('{"id": 7}')
    checked = run(venv, "aistore-models", "validate", "JobSnap", str(payload), cwd=tmp_path)
    assert checked.returncode == 1 and f"{payload}: /id:" in checked.stdout
    for module in ("jinja2", "yaml"):  # only what the package needs came along
        assert run(venv, "python", "-c", f"import {module}", cwd=tmp_path).returncode != 0
    gen = run(venv, "aistore-models-gen", "generate", cwd=tmp_path)
    assert gen.returncode == 3
    assert "error: the generator needs jinja2 and pyyaml" in gen.stderr
    assert "pip install 'aistore-models[generator]'" in gen.stderr
    assert "Traceback" not in gen.stderr


def test_the_generator_install_reproduces_generated(tmp_path, wheel):
    venv = fresh_venv(tmp_path, wheel, "generator")
    out = tmp_path / "out"
    done = run(
        venv,
        "aistore-models-gen",
        "generate",
        "--schema",
        str(ROOT / "schema"),
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    ours = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    theirs = sorted(
        p.relative_to(ROOT / "generated")
        for p in (ROOT / "generated").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert ours == theirs
    assert all((out / p).read_bytes() == (ROOT / "generated" / p).read_bytes() for p in ours)
    module = run(venv, "python", "-m", "aistore_models_gen", "--help", cwd=tmp_path)
    assert module.returncode == 0 and "usage: python -m aistore_models_gen" in module.stdout
