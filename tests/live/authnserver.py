"""Build AIStore's AuthN (cmd/authn) from the pinned module and run it on 127.0.0.1.

Its config (api/authn/config.go, authn.Config) is written into a fresh directory:
the HMAC secret the cluster's proxy validates tokens with, a log directory, the
port. The admin user is created at first start from AIS_AUTHN_SU_NAME and
AIS_AUTHN_SU_PASS (cmd/authn/mgr.go initializeDB); the user DB (buntdb) lives
next to the config.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .aiscluster import (
    GO_DIR,
    HOST,
    ClusterError,
    build_go_command,
    free_port,
    http_get,
    spawn,
    stop_processes,
)

AUTHN = GO_DIR / "bin" / "authn"
AUTHN_PKG = "github.com/NVIDIA/aistore/cmd/authn"
ADMIN = "admin"


def build_authn(out: Path = AUTHN) -> Path:
    return build_go_command(AUTHN_PKG, out)


@dataclass
class AuthN:
    """One AuthN server; `start()` waits until it answers HTTP, `stop()` is idempotent."""

    binary: Path
    confdir: Path
    secret: str
    admin_password: str
    port: int = 0
    name: str = "authn"
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 30.0) -> AuthN:
        self.port = self.port or free_port()
        self.confdir.mkdir(parents=True)
        conf = {
            "auth": {"secret": self.secret, "expiration_time": "1h"},
            "log": {"dir": str(self.confdir / "log"), "level": "3"},
            "net": {"http": {"port": self.port, "use_https": False}},
            "timeout": {"default_timeout": "30s"},
        }
        (self.confdir / "authn.json").write_text(json.dumps(conf, indent=1))
        env = dict(os.environ, AIS_AUTHN_SU_NAME=ADMIN, AIS_AUTHN_SU_PASS=self.admin_password)
        args = [str(self.binary), f"-config={self.confdir}"]
        self.proc = spawn(args, self.confdir, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ClusterError(f"authn exited while starting\n{self.log_tail()}")
            try:
                http_get(f"{self.url}/v1/users")  # any answer (401 without a token) means up
                return self
            except OSError:
                time.sleep(0.1)
        raise ClusterError(f"authn not answering after {timeout:.0f}s\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        parts = []
        for path in [self.confdir / "stdout.txt", *sorted((self.confdir / "log").glob("*"))]:
            if path.is_file() and not path.is_symlink():
                text = path.read_text("utf-8", errors="replace").splitlines()[-lines:]
                parts.append(f"--- authn {path.name} ---\n" + "\n".join(text))
        return "\n".join(parts) or "--- authn: no output ---"

    def stop(self, grace: float = 10.0) -> None:
        stop_processes([self], grace)
