"""The Neo4j launcher of tools/neo4j through ``llzo-kg db start|status|stop --engine neo4j``:
a real Neo4j 5.26 on loopback with the settings it promises, data kept across a clean stop, and
clear messages when Java or the built launcher is missing or Neo4j refuses to start."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from graph import neo4j_launcher
from graph.backend import Neo4jBackend
from graph.neo4j_launcher import LauncherUnavailable, Neo4jLauncher
from llzo_kg.cli import cli
from llzo_kg.errors import GraphUnavailable
from llzo_kg.settings import Neo4jSettings

SETTINGS = (
    "server.bolt.listen_address", "server.http.listen_address", "server.https.enabled",
    "dbms.security.auth_enabled", "dbms.usage_report.enabled", "client.allow_telemetry",
    "server.memory.pagecache.size",
)  # fmt: skip


def _config(uri: str) -> dict[str, str]:
    backend = Neo4jBackend(Neo4jSettings(uri, "neo4j"))
    try:
        rows = backend.run(
            "CALL dbms.listConfig() YIELD name, value WHERE name IN $names RETURN name, value",
            {"names": list(SETTINGS)},
        )
    finally:
        backend.close()
    return {r["name"]: r["value"] for r in rows}


@pytest.mark.neo4j
def test_launcher_cli_start_status_stop_restart_keeps_data(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    run = CliRunner().invoke
    # a setting the launcher keeps for itself cannot be loosened by a neo4j.conf
    (tmp_path / "d" / "neo4j").mkdir(parents=True)
    (tmp_path / "d" / "neo4j" / "neo4j.conf").write_text(
        "server.bolt.listen_address=0.0.0.0:0\ndbms.usage_report.enabled=true\n"
    )
    started = run(cli, ["db", "start", "--engine", "neo4j", "--data-dir", data])
    try:
        assert started.exit_code == 0, started.output
        status = run(
            cli, ["db", "status", "--engine", "neo4j", "--data-dir", data, "--format", "json"]
        )
        found = json.loads(status.output)
        assert (status.exit_code, found["running"], found["answers"]) == (0, True, True)
        uri, pid = found["uri"], found["pid"]
        assert started.output.splitlines() == [
            f"Neo4j {found['neo4j']} running: pid {pid}, {uri}, data in {found['data_dir']}",
            f"Neo4j Browser: {found['browser']} (connect URL {uri}, no authentication)",
            f"point llzo-kg at it with: export NEO4J_URI={uri}",
        ]
        assert found["neo4j"].startswith("5.26.")
        listening = {
            c.laddr for c in psutil.Process(pid).net_connections("inet") if c.status == "LISTEN"
        }
        assert {(a.ip, a.port) for a in listening} == {
            ("127.0.0.1", found["bolt"]),
            ("127.0.0.1", found["http"]),
        }
        assert _config(uri) == {
            # port 0: the OS picks a free one, bound as listed above
            "server.bolt.listen_address": "127.0.0.1:0",
            "server.http.listen_address": "127.0.0.1:0",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "false",
            "dbms.usage_report.enabled": "false",
            "client.allow_telemetry": "false",
            "server.memory.pagecache.size": "256.00MiB",
        }
        assert f"-Xmx{neo4j_launcher.HEAP}" in psutil.Process(pid).cmdline()
        backend = Neo4jBackend(Neo4jSettings(uri, "neo4j"))
        backend.run("CREATE (:Probe {key: 'kept', value: $v})", {"v": 3.2e-7})
        backend.close()
    finally:
        stopped = run(cli, ["db", "stop", "--engine", "neo4j", "--data-dir", data])
    assert stopped.output == "Neo4j stopped\n"
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    after = run(cli, ["db", "status", "--engine", "neo4j", "--data-dir", data])
    assert after.exit_code == 1 and after.output.startswith("running: False\nanswers: False")
    launcher = Neo4jLauncher(tmp_path / "d")
    state = launcher.start()  # again, without HTTP this time
    try:
        assert state.http is None and state.browser_url is None
        backend = Neo4jBackend(Neo4jSettings(state.uri, "neo4j"))
        rows = backend.run("MATCH (p:Probe) RETURN p.key AS key, p.value AS value")
        backend.close()
        assert rows == [{"key": "kept", "value": 3.2e-7}]
    finally:
        assert launcher.stop() is True
    assert launcher.stop() is False


@pytest.mark.neo4j
def test_launcher_refused_setting_is_one_clear_error(tmp_path: Path) -> None:
    launcher = Neo4jLauncher(tmp_path / "d", settings={"db.no_such_setting": "1"})
    with pytest.raises(GraphUnavailable) as info:
        launcher.start()
    message = str(info.value)
    assert message.startswith(f"Neo4j failed to start in {launcher.home} (exit 1); see ")
    assert "No declared setting with name: db.no_such_setting" in message
    assert launcher.state() is None


def test_launcher_without_java_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert neo4j_launcher.problem() == "no Java on PATH (Neo4j 5.26 needs Java 17 or later)"
    with pytest.raises(LauncherUnavailable, match=r"^cannot start Neo4j: no Java on PATH"):
        Neo4jLauncher(tmp_path / "d").start()


def test_launcher_not_built_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(neo4j_launcher.LAUNCHER_ENV, str(tmp_path / "tools-neo4j"))
    monkeypatch.setattr(neo4j_launcher, "java_major", lambda java: 17)
    monkeypatch.setattr(neo4j_launcher, "java_executable", lambda: "/usr/bin/java")
    assert neo4j_launcher.problem() == (
        f"the Neo4j launcher is not built in {tmp_path / 'tools-neo4j' / 'target'} (run 'make "
        f"neo4j-launcher'; it needs Maven and fetches Neo4j from Maven Central once)"
    )


def test_launcher_old_java_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_launcher, "java_executable", lambda: "/opt/jdk8/bin/java")
    monkeypatch.setattr(neo4j_launcher, "java_major", lambda java: 8)
    assert neo4j_launcher.problem() == (
        "/opt/jdk8/bin/java is Java 8; Neo4j 5.26 needs Java 17 or later"
    )


def test_launcher_port_taken_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_launcher, "problem", lambda: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(GraphUnavailable) as info:
            Neo4jLauncher(tmp_path / "d").start(bolt_port=port)
    assert str(info.value) == (
        f"port {port} on 127.0.0.1 (Bolt) is already in use by another program; choose another "
        "or leave it out to pick a free one"
    )
