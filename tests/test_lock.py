"""One ingestion run per database: the flock file (embedded) and the lock node (Neo4j, tried here
on the embedded FalkorDB with the same Cypher)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.fingerprint import fingerprint
from llzo_kg.errors import LlzoKgError
from llzo_kg.lock import FileLock, GraphLock, Holder, LockHeld

HOLD_LOCK = """
import sys, time
from pathlib import Path
from llzo_kg.lock import FileLock
FileLock(Path(sys.argv[1])).acquire()
Path(sys.argv[2]).write_text("held")
time.sleep(60)
"""


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_file_lock_records_holder_and_refuses_a_second(tmp_path: Path) -> None:
    first = FileLock(tmp_path)
    assert first.acquire() is None
    content = json.loads((tmp_path / "ingest.lock").read_text())
    assert (content["pid"], content["host"]) == (os.getpid(), socket.gethostname())
    with pytest.raises(LockHeld) as err:
        FileLock(tmp_path).acquire()
    assert err.value.exit_code == 5
    assert f"another ingestion run (pid {os.getpid()} on {socket.gethostname()}" in str(err.value)
    assert str(tmp_path / "ingest.lock") in str(err.value)
    first.release()
    assert (tmp_path / "ingest.lock").read_text() == ""
    second = FileLock(tmp_path)
    assert second.acquire() is None  # a cleanly released lock is not "stale"
    second.release()


def test_file_lock_takes_over_a_lock_left_by_a_dead_pid(tmp_path: Path, caplog) -> None:
    dead = _dead_pid()
    (tmp_path / "ingest.lock").write_text(
        json.dumps({"pid": dead, "host": "labserver", "started_at": 1.0e9, "token": "t"})
    )
    lock = FileLock(tmp_path)
    stale = lock.acquire()
    assert stale == Holder(pid=dead, host="labserver", started_at=1.0e9, token="t")
    assert json.loads((tmp_path / "ingest.lock").read_text())["pid"] == os.getpid()
    assert f"took over the stale ingest lock {tmp_path / 'ingest.lock'} left by pid {dead}" in (
        caplog.text
    )
    lock.release()


def test_file_lock_of_a_sigkilled_holder_is_taken_over(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path), str(ready)])
    try:
        for _ in range(400):
            if ready.exists():
                break
            time.sleep(0.05)
        with pytest.raises(LockHeld):
            FileLock(tmp_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = FileLock(tmp_path)
    stale = lock.acquire()
    assert stale is not None and stale.pid == holder.pid
    lock.release()


def test_graph_lock_refuses_a_second_run_and_releases(graph) -> None:
    first = GraphLock(graph)
    assert first.acquire() is None
    with pytest.raises(LockHeld) as err:
        GraphLock(graph).acquire()
    assert f"another ingestion run (pid {os.getpid()} on {socket.gethostname()}" in str(err.value)
    assert "(:IngestLock)" in str(err.value)
    first.release()
    assert graph.run("MATCH (l:IngestLock) RETURN count(l) AS n") == [{"n": 0}]
    second = GraphLock(graph)
    assert second.acquire() is None
    second.release()


def _plant(graph, pid: int, host: str, heartbeat: float) -> None:
    graph.run(
        "CREATE (:IngestLock {key: 'ingest', token: 'old', pid: $pid, host: $host, "
        "startedAt: $hb, heartbeat: $hb})",
        {"pid": pid, "host": host, "hb": heartbeat},
    )


def test_graph_lock_takes_over_a_dead_local_holder(graph) -> None:
    dead = _dead_pid()
    _plant(graph, dead, socket.gethostname(), time.time())
    lock = GraphLock(graph)
    stale = lock.acquire()
    assert (stale.pid, stale.token) == (dead, "old")
    rows = graph.run("MATCH (l:IngestLock) RETURN l.pid AS pid")
    assert rows == [{"pid": os.getpid()}]
    lock.release()


def test_graph_lock_trusts_a_fresh_remote_holder_until_its_lease_ends(graph) -> None:
    _plant(graph, 4242, "another-host", time.time())
    with pytest.raises(LockHeld) as err:
        GraphLock(graph).acquire()
    assert "pid 4242 on another-host" in str(err.value)
    graph.run("MATCH (l:IngestLock) SET l.heartbeat = $old", {"old": time.time() - 7200})
    lock = GraphLock(graph)
    assert lock.acquire().host == "another-host"
    lock.release()


def test_graph_lock_heartbeat_and_node_are_not_graph_content(graph) -> None:
    graph.run("CREATE (:Element {key: 'Ta', symbol: 'Ta'})")
    before = fingerprint(graph).digest
    lock = GraphLock(graph)
    lock.acquire()
    lock.heartbeat()
    assert fingerprint(graph).digest == before
    lock.release()


def test_file_lock_in_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(LlzoKgError) as err:
        FileLock(blocker / "data").acquire()
    assert str(err.value).startswith(f"cannot create the ingest lock {blocker}/data/ingest.lock: ")
    assert str(err.value).endswith("; check that the data directory is writable")
