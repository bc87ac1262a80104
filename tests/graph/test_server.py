"""Lifecycle of the embedded FalkorDB server, on real servers in temporary data directories."""

from __future__ import annotations

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
    return FalkorBackend(state.host, state.port, "lifecycle")


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
