"""Build and run the Go harness (tests/go); tests that need it skip with a reason where go is
missing."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from aistore_models_gen import gosource

GO_DIR = Path(__file__).resolve().parent / "go"


@cache
def harness() -> Path:
    """The harness binary, built once per session (go's build cache makes rebuilds cheap)."""
    if shutil.which("go") is None:
        pytest.skip("Go toolchain not installed: the Go side of the round trip cannot run here")
    try:
        binary, _ = gosource.harness(GO_DIR)  # the generator's builder: one way to build it
    except gosource.GoSourceError as exc:
        pytest.fail(str(exc))
    return binary


def run(*args: str, stdin: str = "") -> str:
    result = subprocess.run(
        [str(harness()), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"harness {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def fuzz(seed: int, count: int, *messages: str) -> list[dict[str, Any]]:
    """`harness fuzz`: Go-filled values of the messages (all when none), as AIStore writes them,
    with AIStore's decode + re-encode of each ("echo") or why it failed ("echo_error")."""
    lines = run("fuzz", str(seed), str(count), *messages).splitlines()
    out = []
    for line in lines:
        case = json.loads(line)
        case["data"] = base64.b64decode(case["data"])
        if "echo" in case:
            case["echo"] = base64.b64decode(case["echo"])
        out.append(case)
    return out


_echo_process: subprocess.Popen[str] | None = None


def _echo_server() -> subprocess.Popen[str]:
    """One long-lived `harness echo` for the session: it answers each line as it arrives."""
    global _echo_process
    if _echo_process is None or _echo_process.poll() is not None:
        _echo_process = subprocess.Popen(
            [str(harness()), "echo"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
    return _echo_process


def echo(payloads: list[tuple[str, str, bytes]]) -> list[tuple[bool, bytes | str]]:
    """Send (message, encoding, bytes) to Go's decoder and encoder; get (ok, bytes or error)
    back."""
    server = _echo_server()
    assert server.stdin and server.stdout
    out: list[tuple[bool, bytes | str]] = []
    for message, encoding, data in payloads:
        request = {
            "message": message,
            "encoding": encoding,
            "data": base64.b64encode(data).decode(),
        }
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
        if not line:
            pytest.fail("the Go echo process exited")
        reply = json.loads(line)
        out.append(
            (True, base64.b64decode(reply["data"])) if reply["ok"] else (False, reply["error"])
        )
    return out
