"""Build aisnode from the pinned module and run a 1-proxy + N-target cluster on 127.0.0.1.

The configs follow AIStore's deploy/dev/local/aisnode_config.sh (cluster config
in config/ais.json); each target uses a directory mountpath in AIStore's test
mode (test_fspaths, count 1, its own instance number). Every run starts from a
fresh directory, because nodes cache their config in their confdir.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GO_DIR = ROOT / "tests" / "go"
AISNODE = GO_DIR / "bin" / "aisnode"
AISNODE_PKG = "github.com/NVIDIA/aistore/cmd/aisnode"
CONFIG_TEMPLATE = Path(__file__).resolve().parent / "config" / "ais.json"
HOST = "127.0.0.1"
WORKDIR_PREFIX = "aismodels-live-"


class ClusterError(RuntimeError):
    """The cluster could not be built, started or reached."""


def go_available() -> bool:
    return shutil.which("go") is not None


def build_aisnode(out: Path = AISNODE) -> Path:
    """Build aisnode (with dsort, a build option since v1.5.0) from the harness's go.mod/go.sum."""
    return build_go_command(AISNODE_PKG, out, tags="dsort")


def build_go_command(package: str, out: Path, tags: str = "") -> Path:
    """`go build` a command of the pin; cached at `out` while go.mod and go.sum are older
    and `out`.args holds the same build arguments."""
    inputs = [GO_DIR / "go.mod", GO_DIR / "go.sum"]
    args = ["-ldflags", "-X main.build=live", *(["-tags", tags] if tags else []), package]
    stamp = out.with_name(out.name + ".args")
    if (
        out.exists()
        and all(out.stat().st_mtime >= p.stat().st_mtime for p in inputs)
        and stamp.exists()
        and stamp.read_text() == " ".join(args)
    ):
        return out
    env = dict(os.environ, GONOSUMDB="github.com/NVIDIA", GOFLAGS="-mod=readonly")
    tmp = out.with_name(out.name + ".tmp")
    cmd = ["go", "build", "-o", str(tmp), *args]
    proc = subprocess.run(cmd, cwd=GO_DIR, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ClusterError(
            f"{' '.join(cmd)} (in {GO_DIR}) failed with exit code {proc.returncode}:\n"
            f"{proc.stderr[-4000:]}"
        )
    tmp.replace(out)  # a half-written binary never looks current
    stamp.write_text(" ".join(args))
    return out


def free_port() -> int:
    # Public ports bind all interfaces, so probe there; the tiny race is acceptable.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("", 0))
        return int(s.getsockname()[1])


def http_get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@dataclass
class Node:
    role: str  # "proxy" | "target"
    name: str  # "proxy", "target-0", ...
    confdir: Path
    port: int
    port_control: int
    port_data: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def logdir(self) -> Path:
        return self.confdir / "log"

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the node's stderr/stdout and of each AIStore log file."""
        parts = []
        files = [self.confdir / "stdout.txt", *sorted(self.logdir.glob("*"))]
        for path in files:
            if path.is_file() and not path.is_symlink():
                text = path.read_text("utf-8", errors="replace").splitlines()[-lines:]
                parts.append(f"--- {self.name} {path.name} ---\n" + "\n".join(text))
        return "\n".join(parts) or f"--- {self.name}: no output ---"


@dataclass
class Cluster:
    """A local cluster: `start()` waits until it is ready; `stop()` is idempotent.

    `auth_secret` puts an HMAC key (auth.signature, HS256) into the cluster config,
    so the proxy can validate AuthN's tokens; client authentication stays off.
    """

    workdir: Path
    binary: Path
    ntargets: int = 3
    auth_secret: str = ""
    proxy: Node = field(init=False)
    targets: list[Node] = field(init=False)

    def __post_init__(self) -> None:
        ports = _distinct_ports(3 * (1 + self.ntargets))
        self.proxy = Node("proxy", "proxy", self.workdir / "proxy", *ports[:3])
        self.targets = [
            Node(
                "target", f"target-{i}", self.workdir / f"target-{i}", *ports[3 * i + 3 : 3 * i + 6]
            )
            for i in range(self.ntargets)
        ]

    @property
    def nodes(self) -> list[Node]:
        return [self.proxy, *self.targets]

    @property
    def url(self) -> str:
        return self.proxy.url

    @property
    def mountpath_root(self) -> Path:
        return self.workdir / "mp"

    def cluster_config(self) -> dict[str, Any]:
        template = CONFIG_TEMPLATE.read_text("utf-8").replace("@PRIMARY_URL@", self.proxy.url)
        conf: dict[str, Any] = json.loads(template)
        if self.auth_secret:
            conf["auth"] = {
                "client_auth_required": False,
                "signature": {"key": self.auth_secret, "method": "HS256"},
            }
        return conf

    def _write_configs(self) -> None:
        cluster_conf = self.cluster_config()
        for inst, node in enumerate(self.nodes):
            node.confdir.mkdir(parents=True)
            local = {
                "confdir": str(node.confdir),
                "log_dir": str(node.logdir),
                "host_net": {
                    "hostname": HOST,
                    "hostname_intra_control": HOST,
                    "hostname_intra_data": HOST,
                    "port": str(node.port),
                    "port_intra_control": str(node.port_control),
                    "port_intra_data": str(node.port_data),
                },
                "fspaths": {},
                # Instance i > 0 gives target i the mountpath mp1/<i>, apart from the others.
                "test_fspaths": {
                    "root": str(self.mountpath_root),
                    "count": 1 if node.role == "target" else 0,
                    "instance": inst,
                },
            }
            (node.confdir / "ais.json").write_text(json.dumps(cluster_conf, indent=1))
            (node.confdir / "ais_local.json").write_text(json.dumps(local, indent=1))

    def _spawn(self, node: Node, *extra: str) -> None:
        args = [
            str(self.binary),
            f"-config={node.confdir / 'ais.json'}",
            f"-local_config={node.confdir / 'ais_local.json'}",
            f"-role={node.role}",
            *extra,
        ]
        node.proc = spawn(args, node.confdir)

    def start(self, timeout: float = 60.0) -> Cluster:
        self._write_configs()
        self._spawn(self.proxy, f"-ntargets={self.ntargets}", "-skip_startup")
        self._wait(
            lambda: http_get(f"{self.proxy.url}/v1/health")[0] == 200, timeout, "proxy health"
        )
        for target in self.targets:
            self._spawn(target)
        self._wait(
            self._ready,
            timeout,
            f"cluster ready ({self.ntargets} targets in the Smap, all of them ready)",
        )
        return self

    def _ready(self) -> bool:
        if http_get(f"{self.proxy.url}/v1/health?prr=true")[0] != 200:  # primary ready
            return False
        status, body = http_get(f"{self.proxy.url}/v1/daemon?what=smap")
        if status != 200:
            return False
        urls = {
            (node.get("public_net") or {}).get("direct_url")
            for node in (json.loads(body).get("tmap") or {}).values()
        }
        if urls != {t.url for t in self.targets}:
            return False
        # A target serves intra-cluster requests (GetBatch, dsort) only once it has seen the
        # cluster start (ais/htrun.go ensureSameSmap); ?readiness=true says so (isReady).
        return all(http_get(f"{t.url}/v1/health?readiness=true")[0] == 200 for t in self.targets)

    def _wait(self, probe: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.proc is not None and node.proc.poll() is not None:
                    raise ClusterError(
                        f"aisnode {node.name} exited with code {node.proc.returncode} "
                        f"while waiting for {what}\n{self.log_tails()}"
                    )
            try:
                if probe():
                    return
            except (OSError, ValueError):
                pass  # not listening yet, or a half-started node
            time.sleep(0.1)
        raise ClusterError(f"timed out after {timeout:.0f}s waiting for {what}\n{self.log_tails()}")

    def log_tails(self) -> str:
        return "\n".join(node.log_tail() for node in self.nodes)

    def stop(self, grace: float = 10.0) -> None:
        """SIGINT the proxy, then all targets at once, by PID; SIGKILL them after `grace` s.

        Proxy first: a primary interrupted after its targets waits ~7 s for them; the
        other order takes ~0.5 s per node.
        """
        stop_processes([self.proxy], grace)
        stop_processes(self.targets, grace)


def spawn(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start a server process with its output in cwd/stdout.txt, dying with this process."""
    out = open(cwd / "stdout.txt", "wb")  # noqa: SIM115 - lives with the process
    try:
        # Own session: a terminal's Ctrl-C reaches pytest, which stops the nodes in order.
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    finally:
        out.close()


def stop_processes(nodes: list[Any], grace: float) -> None:
    """SIGINT each node's process (its `.proc`), then wait for all; SIGKILL after `grace` s."""
    procs = []
    for node in nodes:
        proc, node.proc = node.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
            procs.append(proc)
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _die_with_parent() -> None:
    # Linux: a node gets SIGKILL if the test process dies without cleaning up (kill -9).
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def sweep_stale_dirs() -> None:
    """Remove work dirs left by runs that were killed outright (their owner PID is gone)."""
    for path in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((path / "owner.pid").read_text())
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):
            pass  # no or half-written pid file, or not ours to judge


def _distinct_ports(n: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < n:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


class Session:
    """Start a cluster in a fresh temp dir; guarantee stop + removal (finally, atexit, SIGTERM)."""

    def __init__(
        self, binary: Path, keep_dir: bool = False, ntargets: int = 3, auth_secret: str = ""
    ):
        self.binary = binary
        self.keep_dir = keep_dir
        self.ntargets = ntargets
        self.auth_secret = auth_secret
        self.cluster: Cluster | None = None
        self.workdir: Path | None = None
        self._old_term: Any = None

    def __enter__(self) -> Cluster:
        sweep_stale_dirs()
        self.workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
        (self.workdir / "owner.pid").write_text(str(os.getpid()))
        atexit.register(self.close)
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            try:
                self._old_term = signal.signal(signal.SIGTERM, self._on_term)
            except ValueError:
                pass  # not the main thread: rely on finally and atexit
        try:
            self.cluster = Cluster(self.workdir, self.binary, self.ntargets, self.auth_secret)
            return self.cluster.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _on_term(self, signum: int, frame: Any) -> None:
        # SIGTERM ends the run like Ctrl-C: pytest stops and tears down (a SystemExit
        # raised inside a test would only fail that test and go on).
        self.close()
        raise KeyboardInterrupt(f"signal {signum}")

    def close(self) -> None:
        cluster, self.cluster = self.cluster, None
        try:
            if cluster is not None:
                cluster.stop()
        finally:
            if self.workdir is not None and not self.keep_dir:
                shutil.rmtree(self.workdir, ignore_errors=True)
                self.workdir = None
            if self._old_term is not None:
                signal.signal(signal.SIGTERM, self._old_term)
                self._old_term = None
            atexit.unregister(self.close)
