"""Lifecycle of the embedded FalkorDB server, on real servers in temporary data directories."""

from __future__ import annotations

import json
import os
import signal
import socket
from pathlib import Path

import psutil
import pytest

from graph.backend import FalkorBackend
from graph.server import EmbeddedServer
from llzo_kg.errors import GraphUnavailable


@pytest.fixture()
def server(tmp_path: Path):
    srv = EmbeddedServer(tmp_path / "data")
    yield srv
    srv.stop()


def _backend(srv: EmbeddedServer) -> FalkorBackend:
    state = srv.state()
    assert state is not None
    return FalkorBackend(state.host, state.port, "lifecycle", password=state.password)


def test_server_start_status_stop(server: EmbeddedServer) -> None:
    state = server.start()
    status = server.status()
    assert status.running and status.answers
    assert (status.pid, status.port) == (state.pid, state.port)
    assert status.host == "127.0.0.1"
    assert status.data_bytes > 0
    assert server.start() == state  # starting again returns the running server
    assert server.stop() is True
    after = server.status()
    assert (after.running, after.answers, after.pid) == (False, False, None)
    assert not psutil.pid_exists(state.pid) or psutil.Process(state.pid).status() == "zombie"
    assert server.stop() is False


def test_server_restart_keeps_data(server: EmbeddedServer) -> None:
    server.start()
    _backend(server).run("CREATE (:Probe {key: $k, value: $v})", {"k": "a", "v": 3.2e-7})
    server.stop()
    server.start()
    rows = _backend(server).run("MATCH (p:Probe) RETURN p.key AS key, p.value AS value")
    assert rows == [{"key": "a", "value": 3.2e-7}]


def test_server_kill_9_after_acknowledged_write_keeps_it(server: EmbeddedServer) -> None:
    state = server.start()
    backend = _backend(server)
    backend.run("UNWIND range(1, 50) AS i CREATE (:Probe {i: i})")
    backend.run("MATCH (p:Probe {i: 50}) SET p.last = $s", {"s": "acknowledged"})
    os.kill(state.pid, signal.SIGKILL)
    psutil.Process(state.pid).wait(10)
    assert server.status().running is False
    server.start()
    rows = _backend(server).run("MATCH (p:Probe) RETURN count(p) AS n, max(p.last) AS last")
    assert rows == [{"n": 50, "last": "acknowledged"}]


def test_server_two_data_dirs_side_by_side(tmp_path: Path) -> None:
    one, two = EmbeddedServer(tmp_path / "one"), EmbeddedServer(tmp_path / "two")
    try:
        s1, s2 = one.start(), two.start()
        assert s1.port != s2.port and s1.pid != s2.pid
        _backend(one).run("CREATE (:Probe {where: 'one'})")
        _backend(two).run("CREATE (:Probe {where: 'two'})")
        assert _backend(one).run("MATCH (p:Probe) RETURN p.where AS w") == [{"w": "one"}]
        assert _backend(two).run("MATCH (p:Probe) RETURN p.where AS w") == [{"w": "two"}]
    finally:
        one.stop()
        two.stop()


def test_server_port_taken_by_another_program(server: EmbeddedServer) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(GraphUnavailable, match=f"port {port} on 127.0.0.1 is already in use"):
            server.start(port=port)
        state = server.start()  # without a port, a free one is picked
        assert state.port != port and server.status().answers


def test_server_stale_state_file_is_ignored(server: EmbeddedServer) -> None:
    server.data_dir.mkdir(parents=True)
    server.state_path.write_text(
        '{"pid": 999999, "port": 1, "host": "127.0.0.1", "data_dir": "x", "started_at": 0}'
    )
    assert server.state() is None
    assert server.start().pid != 999999


# --- restart at any size ------------------------------------------------------------------------


def _slow_log(srv: EmbeddedServer, statements: int = 4) -> None:
    """Append to a stopped server's log statements that each take seconds to replay (20M rows:
    with 5M the whole replay could end before a progress check saw it loading): GRAPH.QUERY
    written as such (the server itself logs slow writes as their effects)."""
    incr = next(srv.data_dir.glob("appendonlydir/*.incr.aof"))
    query = (
        b"UNWIND range(1, 20000000) AS i WITH count(i) AS c "
        b"MERGE (s:Slow {key: 'k'}) SET s.c = coalesce(s.c, 0) + 1"
    )
    command = b"*3\r\n$11\r\nGRAPH.QUERY\r\n$9\r\nlifecycle\r\n$%d\r\n%s\r\n" % (len(query), query)
    with open(incr, "ab") as handle:
        handle.write(command * statements)


def test_server_start_timeout_is_scaled_to_the_data(server: EmbeddedServer) -> None:
    import graph.server as module

    server.start()
    server.stop()
    incr = next(server.data_dir.glob("appendonlydir/*.incr.aof"))
    with open(incr, "r+b") as handle:  # sparse: 10 MB on paper
        handle.truncate(10_000_000)
    assert server.start_timeout() == pytest.approx(
        module.START_TIMEOUT_S + 10 * module.REPLAY_S_PER_MB * 1.5, abs=0.1
    )


def test_server_start_waits_while_the_log_replays_and_shows_progress(
    server: EmbeddedServer, monkeypatch, caplog
) -> None:
    """A big graph's log took longer to replay than the fixed 20 s start timeout: the start
    killed the server while it loaded, every command failed, for good."""
    import graph.server as module

    server.start()
    server.stop()
    _slow_log(server)
    monkeypatch.setattr(module, "PROGRESS_EVERY_S", 0.5)
    state = server.start(timeout=300)
    assert _backend(server).run("MATCH (s:Slow) RETURN s.c AS c") == [{"c": 4}]
    assert server.state() == state
    assert "the embedded graph server is loading its data (" in caplog.text
    assert " MB read), " in caplog.text


def test_server_start_past_its_timeout_leaves_a_loading_server_to_finish(
    server: EmbeddedServer, monkeypatch
) -> None:
    import graph.server as module

    server.start()
    server.stop()
    _slow_log(server)
    monkeypatch.setattr(module, "START_TIMEOUT_S", 0.5)
    with pytest.raises(GraphUnavailable, match=r"is still loading its data after 1 s") as err:
        server.start()
    assert err.value.retryable
    loading = server.state()
    assert loading is not None and psutil.pid_exists(loading.pid)  # not killed half-way
    assert server.start(timeout=300).pid == loading.pid  # the next command waits for it
    assert _backend(server).run("MATCH (s:Slow) RETURN s.c AS c") == [{"c": 4}]


def test_server_stop_rewrites_a_long_log_so_the_next_start_loads_a_base(server) -> None:
    import graph.server as module

    server.start()
    backend = _backend(server)
    for i in range(20):  # 2 MB of statements in the incremental log (not compressible)
        backend.run("CREATE (:Probe {i: $i, text: $t})", {"i": i, "t": os.urandom(50_000).hex()})
    assert server.incremental_bytes() > module.REWRITE_ABOVE_BYTES
    server.stop()
    assert server.incremental_bytes() < 1000
    bases = list(server.data_dir.glob("appendonlydir/*.base.rdb"))
    assert len(bases) == 1 and bases[0].stat().st_size > 1_000_000
    server.start()
    assert _backend(server).run("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 20}]


# --- one server per data directory --------------------------------------------------------------

START = """
import sys
from graph.server import EmbeddedServer
print(EmbeddedServer(sys.argv[1]).start().pid)
"""


def test_server_commands_started_together_share_one_server(tmp_path: Path) -> None:
    """Without a lock around the start, three commands at once started three redis-servers
    on one directory: writes to one, reads from another, orphans left listening."""
    import subprocess
    import sys

    data = tmp_path / "data"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", START, str(data)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    try:
        pids = {int(p.communicate(timeout=120)[0]) for p in procs}
        srv = EmbeddedServer(data)
        assert len(pids) == 1
        assert srv._servers() == sorted(pids)
    finally:
        EmbeddedServer(data).stop()
    assert EmbeddedServer(data)._servers() == []


def test_server_lost_state_file_finds_the_running_server_again(server: EmbeddedServer) -> None:
    state = server.start()
    _backend(server).run("CREATE (:Probe {key: 'kept'})")
    server.state_path.unlink()
    again = server.start()
    assert (again.pid, again.port) == (state.pid, state.port)
    assert server._servers() == [state.pid]


def test_server_data_dir_deleted_under_it_is_refused_not_answered_empty(
    server: EmbeddedServer,
) -> None:
    import shutil

    state = server.start()
    _backend(server).run("CREATE (:Probe {key: 'a'})")
    shutil.rmtree(server.data_dir)
    with pytest.raises(GraphUnavailable) as err:
        server.start()
    assert str(err.value).startswith(
        f"an embedded graph server (pid {state.pid}) still runs for {server.data_dir}, but "
        "that directory was deleted or replaced under it"
    )
    assert server.stop() is True
    assert not psutil.pid_exists(state.pid) or psutil.Process(state.pid).status() == "zombie"
    server.start()
    assert _backend(server).run("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 0}]


# --- no local user can tamper -------------------------------------------------------------------


def test_server_refuses_clients_without_its_password(server: EmbeddedServer) -> None:
    import redis

    state = server.start()
    stranger = redis.Redis(host=state.host, port=state.port, socket_timeout=5)
    for command in (("PING",), ("CONFIG", "SET", "appendonly", "no"), ("SHUTDOWN",)):
        with pytest.raises(redis.AuthenticationError):
            stranger.execute_command(*command)
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(host=state.host, port=state.port, password="guess").ping()
    assert _backend(server).run("RETURN 1 AS one") == [{"one": 1}]
    assert server.status().answers
    cmdline = Path(f"/proc/{state.pid}/cmdline").read_bytes()
    assert state.password.encode() not in cmdline  # ps shows the command line to everyone


def test_server_files_are_its_owners_only(server: EmbeddedServer) -> None:
    import stat

    server.start()
    _backend(server).run("CREATE (:Probe {key: 'secret'})")
    server.stop()
    server.start()
    data = server.data_dir
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    modes = {
        p.relative_to(data).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")
    }
    assert modes["redis.conf"] == 0o600
    assert {m for m in modes.values()} <= {0o600, 0o700}
    assert any(name.endswith(".base.rdb") for name in modes)


def test_server_files_are_unreadable_to_another_account(server: EmbeddedServer) -> None:
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as another account")
    server.start()
    secret = server.data_dir / "redis.conf"
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", str(secret)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "Permission denied" in done.stderr


def test_server_started_by_an_earlier_version_without_password_gets_one(
    server: EmbeddedServer,
) -> None:
    import subprocess

    import redis

    from graph.server import _binaries

    server.start()
    _backend(server).run("CREATE (:Probe {key: 'old'})")
    server.stop()
    (server.data_dir / "redis.conf").unlink()
    redis_server, module = _binaries()
    port = _free_port()
    subprocess.run(  # what the previous version ran: no password
        [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(server.data_dir)]
        + ["--appendonly", "yes", "--appenddirname", "appendonlydir", "--daemonize", "yes"]
        + ["--pidfile", str(server.data_dir / "redis.pid"), "--loadmodule", module],
        check=True,
    )
    pid = _wait_pid(server.data_dir / "redis.pid")
    server.state_path.write_text(
        json.dumps(
            {"pid": pid, "port": port, "host": "127.0.0.1", "data_dir": ".", "started_at": 0}
        )
    )
    for _ in range(200):
        if redis.Redis(port=port).ping():
            break
    state = server.start()
    assert state.pid != pid and state.password
    assert _backend(server).run("MATCH (p:Probe) RETURN p.key AS key") == [{"key": "old"}]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_pid(path: Path) -> int:
    import time

    for _ in range(500):
        if path.exists() and path.read_text().strip():
            return int(path.read_text())
        time.sleep(0.02)
    raise AssertionError(f"no pid in {path}")


# --- damaged files are never loaded silently ----------------------------------------------------


def _five_documents(srv: EmbeddedServer) -> Path:
    """A stopped server whose incremental log holds five statements; its path."""
    srv.start()
    backend = _backend(srv)
    for i in range(5):
        backend.run("CREATE (:Doc {key: $k, text: $t})", {"k": f"d{i}", "t": "x" * 200})
    srv.stop()
    return next(srv.data_dir.glob("appendonlydir/*.incr.aof"))


def _docs(srv: EmbeddedServer) -> int:
    srv.start()
    return _backend(srv).run("MATCH (d:Doc) RETURN count(d) AS n")[0]["n"]


def test_server_refuses_to_start_without_the_aof_manifest(server: EmbeddedServer) -> None:
    """Without the manifest redis-server started with an empty graph (and wrote a manifest,
    so the data came back at the next restart)."""
    incr = _five_documents(server)
    (incr.parent / "appendonly.aof.manifest").unlink()
    before = sorted((p.name, p.read_bytes()) for p in incr.parent.iterdir())
    with pytest.raises(GraphUnavailable) as err:
        server.start()
    assert str(err.value).startswith(
        f"the graph's append-only log in {incr.parent} has lost its manifest "
        "(appendonly.aof.manifest) but holds appendonly.aof.1.base.rdb, "
        "appendonly.aof.1.incr.aof: started like this the server would show an empty graph."
    )
    assert not err.value.retryable
    assert sorted((p.name, p.read_bytes()) for p in incr.parent.iterdir()) == before
    assert server.state() is None


def test_server_torn_last_write_is_cut_off_kept_aside_and_reported(server, caplog) -> None:
    """A crash in the middle of an append leaves part of a statement (never acknowledged) at
    the end of the log: it used to be dropped without a word."""
    incr = _five_documents(server)
    data = incr.read_bytes()
    incr.write_bytes(data[:-30])
    assert _docs(server) == 4
    good = data.rfind(b"*3\r\n")
    aside = server.data_dir / "damaged" / f"{incr.name}.{good}.tail"
    assert aside.read_bytes() == data[good:-30]
    assert incr.read_bytes() == data[:good]
    assert (
        f"the graph's append-only log {incr} ended in an incomplete write (a crash or power loss "
        f"while it was written; never acknowledged): its last {len(data) - 30 - good} bytes were "
        f"cut off and kept in {aside}"
    ) in caplog.text


def test_server_log_damaged_before_its_end_is_refused_and_left_as_it_was(server) -> None:
    """A length field that grew in the middle of the log: redis-server took everything after
    it for a torn tail and truncated the file, three of five documents gone for good."""
    incr = _five_documents(server)
    data = incr.read_bytes()
    at = data.index(b"$2", data.index(b"d1"))  # the length of the second document's text
    damaged = data[:at] + b"$999" + data[at + 4 :]
    incr.write_bytes(damaged)
    with pytest.raises(GraphUnavailable) as err:
        server.start()
    assert str(err.value).startswith(
        f"the graph's data file {incr} is damaged (unreadable from byte "
    )
    assert "with complete statements after it): the server cannot load it" in str(err.value)
    assert "redis-check-aof" not in str(err.value)
    assert incr.read_bytes() == damaged


def test_server_garbage_in_the_log_is_a_clear_error_at_once(server) -> None:
    """It used to be a 20 s timeout and a log line recommending a tool that is not shipped."""
    incr = _five_documents(server)
    data = incr.read_bytes()
    at = data.index(b"*3\r\n", data.index(b"d2"))
    incr.write_bytes(data[:at] + b"#garbage\n" + data[at + 9 :])
    with pytest.raises(GraphUnavailable, match=rf"data file {incr} is damaged \(unreadable"):
        server.start()


def test_server_damaged_base_file_is_named(server: EmbeddedServer) -> None:
    server.start()
    backend = _backend(server)
    for i in range(5):
        backend.run("CREATE (:Doc {key: $k, text: $t})", {"k": f"d{i}", "t": "x" * 200})
    assert server.compact(wait=True) is False  # small: nothing to rewrite
    _client = __import__("redis").Redis(port=server.state().port, password=server.state().password)
    _client.bgrewriteaof()
    import time

    while _client.info("persistence")["aof_rewrite_in_progress"]:
        time.sleep(0.05)
    server.stop()
    base = next(server.data_dir.glob("appendonlydir/*.base.rdb"))
    data = bytearray(base.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2] = bytes(b ^ 0xFF for b in data[middle : middle + 2])
    base.write_bytes(bytes(data))
    with pytest.raises(GraphUnavailable) as err:
        server.start()
    assert str(err.value).startswith(f"the graph's data file {base} is damaged (")
    assert "rebuild the graph from the documents with 'llzo-kg ingest --full'" in str(err.value)


# --- causes reported rightly --------------------------------------------------------------------


def test_server_full_disk_is_named_as_the_cause_at_once(tmp_path: Path) -> None:
    """A full disk used to show "Connection refused; is the embedded server running?" after
    31 s of retries; the cause was only in server.log."""
    import subprocess

    from graph.backend import connect
    from llzo_kg.settings import GraphSettings

    mount = tmp_path / "small"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs root to mount a small file system")
    srv = EmbeddedServer(mount / "data")
    try:
        backend = connect(GraphSettings(data_dir=mount / "data"))
        backend.run("CREATE (:Probe {key: 'first'})")
        with open(mount / "filler", "wb") as filler:
            while True:
                try:
                    filler.write(b"\0" * 65536)
                    filler.flush()
                except OSError:
                    break
        with pytest.raises(GraphUnavailable) as err:
            for i in range(50):
                backend.run("CREATE (:Probe {key: $k, t: $t})", {"k": str(i), "t": "x" * 5000})
        message = str(err.value)
        assert message.startswith(f"the embedded graph server in {mount / 'data'} (pid "), message
        assert " has stopped: it could not write its append-only log (" in message
        assert f"the file system holding {mount / 'data'} is full (" in message
        assert not err.value.retryable
    finally:
        srv.stop()
        subprocess.run(["umount", "-l", str(mount)], check=False)
