"""The local Neo4j server: build the launcher, start it in the background, wait for Bolt, stop it.

Contract: one server per state folder. ``start`` is idempotent (a running server is reused, a
stale pid file is cleared), bounded (it waits at most ``start_timeout`` seconds for an
authenticated Bolt connection) and fails with one line naming the log file. ``stop`` sends
SIGTERM so Neo4j checkpoints and closes its store cleanly, then SIGKILL after a grace period.

The launcher (``graph/server``, a Maven project) runs Neo4j 5.26 Community embedded, Bolt bound to
127.0.0.1. The password reaches it through the child's environment, never its command line.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LAUNCHER_DIR = Path(__file__).resolve().parent
MAIN_CLASS = "io.tikg.server.Launcher"
JAR_NAME = "tikg-neo4j-launcher-1.0.0.jar"
_children: dict[int, subprocess.Popen[bytes]] = {}


class ServerError(Exception):
    """The local server could not be built, started or stopped; the message says why."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class ServerLayout:
    """Where one local server keeps its files (all under the state folder)."""

    home: Path

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "launcher.log"

    @property
    def build_log(self) -> Path:
        return self.home / "logs" / "build.log"

    @property
    def lock_file(self) -> Path:
        return self.home / ".lock"

    @property
    def password_file(self) -> Path:
        return self.home / "password"


@dataclass(frozen=True, slots=True)
class ServerStateResult:
    running: bool
    pid: int | None
    uri: str
    home: Path


@dataclass(frozen=True, slots=True)
class StartResult:
    pid: int
    uri: str
    already_running: bool
    seconds: float


def read_or_create_password(path: Path) -> str:
    """The generated password of the local server, created once with mode 0600."""
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 8:
            return value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    os.chmod(path, 0o600)
    return value


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _launcher_inputs() -> list[Path]:
    return [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]


def launcher_built(target: Path | None = None) -> bool:
    target = target or LAUNCHER_DIR / "target"
    jar = target / JAR_NAME
    lib = target / "lib"
    if not jar.is_file() or not lib.is_dir() or not any(lib.glob("neo4j-*.jar")):
        return False
    newest_input = max(p.stat().st_mtime for p in _launcher_inputs())
    return jar.stat().st_mtime >= newest_input


def build_launcher(log_file: Path) -> Path:
    """Build the launcher with Maven if it is missing or older than its sources."""
    target = LAUNCHER_DIR / "target"
    with _locked(LAUNCHER_DIR / ".build.lock"):
        if launcher_built(target):
            return target
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is not installed: it is needed once to build the launcher"
            )
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "wb") as log:
            proc = subprocess.run(
                [mvn, "-B", "-q", "-f", str(LAUNCHER_DIR / "pom.xml"), "package"],
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if proc.returncode != 0 or not launcher_built(target):
            raise ServerError(f"building the Neo4j launcher failed; see {log_file}")
        return target


def _classpath(target: Path) -> str:
    return f"{target / JAR_NAME}{os.pathsep}{target / 'lib' / '*'}"


def _process_alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_our_server(pid: int, home: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    args = [a.decode(errors="replace") for a in cmdline]
    return MAIN_CLASS in args and str(home) in args and _process_alive(pid)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text[-lines:] if line.strip())


class LocalServer:
    """One local Neo4j server, identified by its home folder."""

    def __init__(
        self,
        home: Path,
        *,
        port: int,
        password: str,
        user: str = "neo4j",
        heap: str = "1g",
        pagecache: str = "512m",
        start_timeout: float = 180.0,
    ) -> None:
        self.layout = ServerLayout(home.resolve())
        self.port = port
        self.user = user
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout
        self._password = password

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def _read_pid(self) -> int | None:
        try:
            return int(self.layout.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def state(self) -> ServerStateResult:
        pid = self._read_pid()
        running = pid is not None and _is_our_server(pid, self.layout.home)
        return ServerStateResult(running, pid if running else None, self.uri, self.layout.home)

    def _bolt_ready(self) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(
                self.uri, auth=(self.user, self._password), connection_timeout=2.0
            ) as driver:
                driver.verify_connectivity()
        except AuthError as exc:
            raise ServerError(
                f"Neo4j at {self.uri} refused the configured password "
                f"(was TIKG_NEO4J__PASSWORD changed?): {exc.message}"
            ) from None
        except (ServiceUnavailable, Neo4jError, OSError):
            return False
        return True

    def start(self) -> StartResult:
        began = time.monotonic()
        self.layout.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _locked(self.layout.lock_file):
            current = self.state()
            if current.running and current.pid is not None:
                self._wait_ready(current.pid, began)
                return StartResult(current.pid, self.uri, True, time.monotonic() - began)
            self.layout.pid_file.unlink(missing_ok=True)  # stale or absent
            if not _port_free(self.port):
                raise ServerError(
                    f"port {self.port} on 127.0.0.1 is already in use by another program; "
                    "choose another with neo4j.port or TIKG_NEO4J__PORT"
                )
            java = shutil.which("java")
            if java is None:
                raise ServerError("java is not installed: Neo4j 5.26 needs a Java 17 runtime")
            target = build_launcher(self.layout.build_log)
            self.layout.log_file.parent.mkdir(parents=True, exist_ok=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith("TIKG_NEO4J")}
            env["TIKG_NEO4J_PASSWORD"] = self._password
            cmd = [
                java,
                f"-Xmx{self.heap}",
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8",
                "-Djava.awt.headless=true",
                "-cp",
                _classpath(target),
                MAIN_CLASS,
                "--home",
                str(self.layout.home),
                "--port",
                str(self.port),
                "--pagecache",
                self.pagecache,
            ]
            with open(self.layout.log_file, "ab") as log:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=env,
                    cwd=self.layout.home,
                    start_new_session=True,
                )
            _children[proc.pid] = proc
            self.layout.pid_file.write_text(f"{proc.pid}\n")
            try:
                self._wait_ready(proc.pid, began)
            except BaseException:
                self._terminate(proc.pid, grace=10.0)
                self.layout.pid_file.unlink(missing_ok=True)
                raise
            return StartResult(proc.pid, self.uri, False, time.monotonic() - began)

    def _wait_ready(self, pid: int, began: float) -> None:
        deadline = began + self.start_timeout
        while True:
            if not _process_alive(pid):
                detail = _tail(self.layout.log_file)
                raise ServerError(
                    f"Neo4j exited during start-up; log: {self.layout.log_file}"
                    + (f" ({detail})" if detail else "")
                )
            if self._bolt_ready():
                return
            if time.monotonic() > deadline:
                raise ServerError(
                    f"Neo4j did not accept Bolt at {self.uri} within {self.start_timeout:.0f} s; "
                    f"log: {self.layout.log_file}"
                )
            time.sleep(0.5)

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; False when it was not running."""
        with _locked(self.layout.lock_file):
            current = self.state()
            if not current.running or current.pid is None:
                self.layout.pid_file.unlink(missing_ok=True)
                return False
            self._terminate(current.pid, grace=timeout)
            self.layout.pid_file.unlink(missing_ok=True)
            return True

    def _terminate(self, pid: int, grace: float) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while _process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _process_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        child = _children.pop(pid, None)
        if child is not None:
            child.wait(timeout=30)
        else:
            while _process_alive(pid):
                time.sleep(0.1)
