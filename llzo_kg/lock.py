"""One ingestion run at a time per database.

- Embedded server: ``ingest.lock`` in the data directory, held with ``flock`` for the life of the
  run and holding the holder's pid, host and start time. The kernel drops an ``flock`` when its
  process dies (SIGKILL included), so a lock left by a killed run is free again; the next run sees
  the dead holder's details in the file, logs that it takes the stale lock over, and goes on.
- Neo4j (no shared directory): an ``(:IngestLock {key: "ingest"})`` node created with MERGE
  (atomic with the unique constraint on ``key``), released by deleting it. It is stale when its
  holder ran on this host and that process is gone, or when its heartbeat (refreshed after each
  document) is older than ``LEASE_S``. ``llzo-kg db fingerprint`` ignores this label.

See docs/decisions/0602-ingest-lock.md.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import psutil

from graph.backend import GraphBackend, Schema
from llzo_kg.errors import LlzoKgError

log = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
LOCK_LABEL = "IngestLock"
LEASE_S = 3600.0


class LockHeld(LlzoKgError):
    """Another ingestion run holds the lock on this database."""

    exit_code = 5


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) the lock."""

    pid: int
    host: str
    started_at: float  # seconds since the epoch
    token: str = ""
    heartbeat: float = 0.0

    @classmethod
    def me(cls) -> Holder:
        now = time.time()
        return cls(os.getpid(), socket.gethostname(), now, uuid.uuid4().hex, now)

    def describe(self) -> str:
        started = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(self.started_at))
        return f"pid {self.pid} on {self.host}, started {started}"

    def alive(self) -> bool:
        """True when the holder's process still runs here (a reused pid started later is not
        the holder). Only meaningful when ``host`` is this host."""
        try:
            proc = psutil.Process(self.pid)
            return (
                proc.status() != psutil.STATUS_ZOMBIE
                and proc.create_time() <= self.started_at + 1.0
            )
        except psutil.Error:
            return False


class IngestLock(Protocol):
    def acquire(self) -> Holder | None:
        """Take the lock or raise LockHeld; returns the stale holder taken over, if any."""

    def heartbeat(self) -> None: ...

    def release(self) -> None: ...


class FileLock:
    """``flock`` on a file in the embedded server's data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> Holder | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LlzoKgError(
                f"cannot create the ingest lock {self.path}: {exc.strerror or exc}; check that "
                f"the data directory is writable"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            who = holder.describe() if holder else "another process"
            raise LockHeld(
                f"another ingestion run ({who}) holds {self.path}; wait for it to finish"
            ) from None
        stale = _read_holder(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(Holder.me())).encode(), 0)
        os.fsync(fd)
        self._fd = fd
        if stale is not None:
            log.warning(
                "took over the stale ingest lock %s left by %s", self.path, stale.describe()
            )
        return stale

    def heartbeat(self) -> None:
        """Nothing to refresh: the kernel keeps an flock as long as the process lives."""

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)  # an empty file means "free"; a filled one, a dead holder
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _read_holder(fd: int) -> Holder | None:
    raw = os.pread(fd, 4096, 0)
    if not raw.strip():
        return None
    try:
        return Holder(**json.loads(raw))
    except (ValueError, TypeError):
        return Holder(pid=0, host="?", started_at=0.0)


_ACQUIRE = f"""
MERGE (l:{LOCK_LABEL} {{key: 'ingest'}})
ON CREATE SET l.token = $token, l.pid = $pid, l.host = $host, l.startedAt = $started_at,
              l.heartbeat = $heartbeat
RETURN l.token AS token, l.pid AS pid, l.host AS host, l.startedAt AS started_at,
       l.heartbeat AS heartbeat
"""
_TAKE_OVER = f"""
MATCH (l:{LOCK_LABEL} {{key: 'ingest'}}) WHERE l.token = $old
SET l.token = $token, l.pid = $pid, l.host = $host, l.startedAt = $started_at,
    l.heartbeat = $heartbeat
RETURN l.token AS token
"""
_HEARTBEAT = f"""
MATCH (l:{LOCK_LABEL} {{key: 'ingest'}}) WHERE l.token = $token SET l.heartbeat = $now
RETURN l.token AS token
"""
_RELEASE = f"MATCH (l:{LOCK_LABEL} {{key: 'ingest'}}) WHERE l.token = $token DELETE l"


class GraphLock:
    """A lock node in the graph, for databases the tool does not run itself (Neo4j)."""

    def __init__(self, backend: GraphBackend, lease_s: float = LEASE_S) -> None:
        self.backend = backend
        self.lease_s = lease_s
        self._me: Holder | None = None

    def acquire(self) -> Holder | None:
        self.backend.ensure_schema(Schema(unique=[(LOCK_LABEL, "key")]))
        me = Holder.me()
        params = _params(me)
        row = self.backend.run(_ACQUIRE, params)[0]
        if row["token"] == me.token:
            self._me = me
            return None
        current = Holder(
            row["pid"], row["host"], row["started_at"], row["token"], row["heartbeat"] or 0.0
        )
        if not self._stale(current):
            raise LockHeld(
                f"another ingestion run ({current.describe()}) holds the lock node "
                f"(:{LOCK_LABEL}) in {self.backend.target}; wait for it to finish (it is "
                f"considered stale {self.lease_s / 60:.0f} min after its last heartbeat)"
            )
        taken = self.backend.run(_TAKE_OVER, {**params, "old": current.token})
        if not taken:  # someone else took it over first
            raise LockHeld(
                f"another ingestion run took over the stale lock in "
                f"{self.backend.target} at the same moment; try again later"
            )
        self._me = me
        log.warning(
            "took over the stale ingest lock in %s left by %s",
            self.backend.target,
            current.describe(),
        )
        return current

    def _stale(self, holder: Holder) -> bool:
        if holder.host == socket.gethostname() and not holder.alive():
            return True
        return time.time() - holder.heartbeat > self.lease_s

    def heartbeat(self) -> None:
        if self._me is not None:
            self.backend.run(_HEARTBEAT, {"token": self._me.token, "now": time.time()})

    def release(self) -> None:
        if self._me is not None:
            self.backend.run(_RELEASE, {"token": self._me.token})
            self._me = None


def _params(holder: Holder) -> dict[str, Any]:
    return {
        "token": holder.token,
        "pid": holder.pid,
        "host": holder.host,
        "started_at": holder.started_at,
        "heartbeat": holder.heartbeat,
    }
