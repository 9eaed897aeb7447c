"""The drop-in stays proven against the older SDK release: the parity and shim tests run again
in a fresh interpreter whose `aistore` is SDK 1.25.0, installed from tests/sdk/ (hash-pinned,
without dependencies: they are the locked environment's) into .venv/sdk-1.25.0."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

OLDER_SDK = "1.25.0"
REQUIREMENTS = ROOT / "tests" / "sdk" / f"aistore-{OLDER_SDK}.txt"
TARGET = Path(sys.prefix) / f"sdk-{OLDER_SDK}"


def _installer() -> list[str]:
    uv = ROOT / ".uv" / "bin" / "uv"
    if uv.is_file():
        return [str(uv), "pip", "install", "--python", sys.executable]
    if shutil.which("uv"):
        return ["uv", "pip", "install", "--python", sys.executable]
    return [sys.executable, "-m", "pip", "install", "--quiet"]


def _older_sdk() -> Path:
    if not (TARGET / "aistore" / "sdk" / "types.py").is_file():
        cmd = [*_installer(), "--no-deps", "--require-hashes", "--target", str(TARGET)]
        done = subprocess.run([*cmd, "-r", str(REQUIREMENTS)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"SDK {OLDER_SDK} could not be installed: {done.stderr.strip()[-500:]}")
    return TARGET


def test_parity_and_shim_hold_for_the_older_sdk():
    target = _older_sdk()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), str(ROOT / "tests")]))
    env["AISMODELS_EXPECT_SDK"] = OLDER_SDK
    tests = [
        "tests/test_sdk_parity.py",
        "tests/test_sdk_parity_modules.py",
        "tests/test_sdk_shim.py",
        "tests/test_sdk_shim_modules.py",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
