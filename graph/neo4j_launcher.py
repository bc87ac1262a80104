"""A real Neo4j 5 for users without one, and for the tests: the project's launcher
(tools/neo4j, built by ``make neo4j-launcher``) embeds Neo4j Community 5.26 with its Bolt server
(and, optionally, its HTTP server with Neo4j Browser) in ``<data-dir>/neo4j``, on 127.0.0.1 only,
without authentication, with the heap and page cache set explicitly. llzo-kg talks to it over
Bolt like to any other Neo4j (``NEO4J_URI``); docs/decisions/0507-neo4j-launcher.md says why it is
built this way.

The launcher writes ``ready.json`` (pid, ports, Neo4j version) into its home once the default
database answers and removes it when it stops; ``state()`` trusts the file only while its pid is
a live launcher process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from llzo_kg.errors import GraphUnavailable

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAIN_CLASS = "org.llzokg.neo4j.Launcher"
LAUNCHER_ENV = "LLZO_KG_NEO4J_LAUNCHER"  # another built tools/neo4j folder
DEFAULT_LAUNCHER_DIR = Path(__file__).resolve().parents[1] / "tools" / "neo4j"
HOME = "neo4j"  # under the data directory, beside the embedded FalkorDB's files
READY_FILE = "ready.json"
LOG_FILE = "launcher.log"
CONF_FILE = "neo4j.conf"  # extra settings the launcher reads (it keeps its own addresses etc.)
HEAP = "512m"
PAGE_CACHE = "256m"
MIN_JAVA = 17
# a cold JVM creating its system database takes ~12 s on two busy cores; allow for worse
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0

# the children this process started, so that stopping one also reaps it (no zombie)
_CHILDREN: dict[int, subprocess.Popen] = {}


class LauncherUnavailable(GraphUnavailable):
    """Java or the built launcher is missing: the real Neo4j cannot be started here."""


@dataclass(frozen=True)
class Neo4jState:
    pid: int
    host: str
    bolt: int
    http: int | None
    neo4j: str  # the Neo4j version the launcher runs

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt}"

    @property
    def browser_url(self) -> str | None:
        return None if self.http is None else f"http://{self.host}:{self.http}/browser/"

    def as_dict(self) -> dict:
        return {**asdict(self), "uri": self.uri, "browser": self.browser_url}


def launcher_dir() -> Path:
    return Path(os.environ.get(LAUNCHER_ENV) or DEFAULT_LAUNCHER_DIR)


def java_executable() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def java_major(java: str) -> int | None:
    """The major version ``java -version`` reports (17 for "17.0.15"), None if unreadable."""
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return None
    major = int(found[1])
    return int(found[2] or 0) if major == 1 else major  # "1.8.0" is Java 8


def problem() -> str | None:
    """Why the launcher cannot run on this machine (no Java 17+, not built), or None."""
    java = java_executable()
    if java is None:
        return "no Java on PATH (Neo4j 5.26 needs Java 17 or later)"
    major = java_major(java)
    if major is None or major < MIN_JAVA:
        return f"{java} is Java {major or '?'}; Neo4j 5.26 needs Java {MIN_JAVA} or later"
    built = launcher_dir() / "target"
    if not (built / "classes" / "org" / "llzokg" / "neo4j" / "Launcher.class").is_file():
        return (
            f"the Neo4j launcher is not built in {built} (run 'make neo4j-launcher'; it needs "
            f"Maven and fetches Neo4j from Maven Central once)"
        )
    if not any((built / "lib").glob("neo4j-5.*.jar")):
        return f"no Neo4j jars in {built / 'lib'} (run 'make neo4j-launcher')"
    return None


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def _is_launcher(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and MAIN_CLASS in proc.cmdline()
    except psutil.Error:
        return False


class Neo4jLauncher:
    """Start, stop and describe the Neo4j that keeps its data in ``<data_dir>/neo4j``."""

    def __init__(
        self,
        data_dir: Path,
        heap: str = HEAP,
        page_cache: str = PAGE_CACHE,
        settings: Mapping[str, str] | None = None,
        java_options: Sequence[str] = (),
    ) -> None:
        """``settings`` (Neo4j setting names and values) are written to ``<home>/neo4j.conf``
        before a start; without them a ``neo4j.conf`` already there is used as it is.
        ``java_options`` go to the JVM as well (the tests run it with the quick-starting C1
        compiler only)."""
        self.data_dir = Path(data_dir)
        self.home = self.data_dir / HOME
        self.heap = heap
        self.page_cache = page_cache
        self.settings = dict(settings or {})
        self.java_options = tuple(java_options)

    @property
    def ready_path(self) -> Path:
        return self.home / READY_FILE

    @property
    def log_path(self) -> Path:
        return self.home / LOG_FILE

    def state(self) -> Neo4jState | None:
        """The running launcher of this data directory, or None."""
        try:
            state = Neo4jState(**json.loads(self.ready_path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            log.warning("ignoring unreadable %s: %s", self.ready_path, exc)
            return None
        return state if _is_launcher(state.pid) else None

    def command(self, bolt_port: int, http_port: int | None) -> list[str]:
        built = launcher_dir() / "target"
        java = java_executable() or "java"
        args = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.net.preferIPv4Stack=true",  # plain 127.0.0.1 sockets, not ::ffff:127.0.0.1
            *self.java_options,
            # the page cache's direct buffers (Neo4j's own start scripts open it too)
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            f"{built / 'classes'}{os.pathsep}{built / 'lib' / '*'}",
            MAIN_CLASS,
            "--data-dir", str(self.home.resolve()),
            "--bolt-port", str(bolt_port),
            "--page-cache", self.page_cache,
        ]  # fmt: skip
        if http_port is not None:
            args += ["--http-port", str(http_port)]
        return args

    def start(self, bolt_port: int | None = None, http_port: int | None = None) -> Neo4jState:
        """Start Neo4j (or return the one already running here) and wait until its default
        database answers. ``None`` for Bolt picks a free port; ``None`` for HTTP means no HTTP
        server (and no Browser), 0 a free port."""
        running = self.state()
        if running is not None:
            return running
        reason = problem()
        if reason:
            raise LauncherUnavailable(f"cannot start Neo4j: {reason}")
        for port, what in ((bolt_port, "Bolt"), (http_port, "HTTP")):
            if port and port_in_use(port):
                raise GraphUnavailable(
                    f"port {port} on {HOST} ({what}) is already in use by another program; "
                    f"choose another or leave it out to pick a free one"
                )
        self.home.mkdir(parents=True, exist_ok=True)
        if self.settings:
            lines = [f"{name}={value}\n" for name, value in sorted(self.settings.items())]
            (self.home / CONF_FILE).write_text("".join(lines), encoding="utf-8")
        self.ready_path.unlink(missing_ok=True)
        log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log_file:
            proc = subprocess.Popen(
                self.command(bolt_port or 0, http_port),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=True,  # a Ctrl-C meant for the caller does not stop it
            )
        _CHILDREN[proc.pid] = proc
        try:
            return self._wait_ready(proc, log_start)
        except BaseException:  # interrupted (Ctrl-C, a SIGTERM made an exception): not left running
            if proc.poll() is None:
                self._terminate(proc.pid, signal.SIGKILL)
            raise

    def _wait_ready(self, proc: subprocess.Popen, log_start: int) -> Neo4jState:
        clock = time.monotonic()
        while time.monotonic() - clock < START_TIMEOUT_S:
            if proc.poll() is not None:
                _CHILDREN.pop(proc.pid, None)
                raise GraphUnavailable(
                    f"Neo4j failed to start in {self.home} (exit {proc.returncode}); see "
                    f"{self.log_path} and {self.home / 'logs' / 'debug.log'}:\n"
                    f"{_tail(self.log_path, log_start)}"
                )
            state = self.state()
            if state is not None and state.pid == proc.pid:
                log.info(
                    "Neo4j %s started in %.1f s: pid %s, %s",
                    state.neo4j, time.monotonic() - clock, state.pid, state.uri,
                )  # fmt: skip
                return state
            time.sleep(0.1)
        raise GraphUnavailable(
            f"Neo4j did not start within {START_TIMEOUT_S:.0f} s in {self.home}; "
            f"see {self.log_path}"
        )

    def stop(self) -> bool:
        """SIGTERM, which the launcher answers by shutting the DBMS down cleanly (checkpoint,
        then the servers); False when none was running."""
        state = self.state()
        if state is None:
            self.ready_path.unlink(missing_ok=True)
            return False
        self._terminate(state.pid, signal.SIGTERM)
        return True

    def status(self) -> dict:
        """Whether it runs and answers over Bolt, where, and its data directory."""
        state = self.state()
        found = {
            "running": state is not None,
            "answers": state is not None and _answers(state),
            "data_dir": str(self.home.resolve()),
        }
        return {**found, **(state.as_dict() if state else {})}

    def _terminate(self, pid: int, sig: signal.Signals) -> None:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _is_launcher(pid):
            if time.monotonic() > deadline:
                log.warning(
                    "Neo4j (pid %s) did not stop in %.0f s: killing it", pid, STOP_TIMEOUT_S
                )
                os.kill(pid, signal.SIGKILL)
                deadline = float("inf")
            time.sleep(0.05)
        child = _CHILDREN.pop(pid, None)
        if child is not None:
            child.wait(timeout=STOP_TIMEOUT_S)
        self.ready_path.unlink(missing_ok=True)


def _answers(state: Neo4jState) -> bool:
    from graph.backend import Neo4jBackend
    from llzo_kg.settings import Neo4jSettings

    try:
        backend = Neo4jBackend(Neo4jSettings(state.uri, "neo4j"))
    except GraphUnavailable:
        return False
    try:
        backend.health()
        return True
    except GraphUnavailable:
        return False
    finally:
        backend.close()


def started_message(state: Neo4jState, home: Path) -> str:
    """What ``llzo-kg db start --engine neo4j`` prints: where it runs and how to use it."""
    lines = [f"Neo4j {state.neo4j} running: pid {state.pid}, {state.uri}, data in {home.resolve()}"]
    if state.browser_url:
        lines.append(
            f"Neo4j Browser: {state.browser_url} (connect URL {state.uri}, no authentication)"
        )
    lines.append(f"point llzo-kg at it with: export NEO4J_URI={state.uri}")
    return "\n".join(lines)


def _tail(path: Path, offset: int, lines: int = 15) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
