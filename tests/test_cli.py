"""The command line as a user meets it: every command has help with an example; the embedded
server commands work end to end; errors are one clear line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from llzo_kg.cli import cli

CONTRACT = [
    ["db", "start"],
    ["db", "stop"],
    ["db", "status"],
    ["db", "fingerprint"],
    ["db", "check"],
    ["inspect"],
    ["ingest"],
    ["extract"],
    ["annotate"],
    ["eval"],
    ["queries"],
    ["query"],
    ["export", "rdf"],
    ["export", "csv"],
    ["gaps"],
    ["report"],
    ["bench"],
]


def _commands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, [*prefix, name])
        else:
            found.append([*prefix, name])
    return found


def test_cli_has_every_contract_command() -> None:
    assert sorted(map(tuple, CONTRACT)) == sorted(map(tuple, _commands(cli, [])))


@pytest.mark.parametrize("command", CONTRACT, ids=" ".join)
def test_cli_help_has_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and "llzo-kg" in result.output


def test_cli_db_lifecycle(tmp_path) -> None:
    data = str(tmp_path / "d")
    run = CliRunner().invoke
    started = run(cli, ["db", "start", "--data-dir", data])
    assert started.exit_code == 0 and "embedded graph server running" in started.output
    try:
        status = run(cli, ["db", "status", "--data-dir", data, "--format", "json"])
        assert status.exit_code == 0
        report = json.loads(status.output)
        assert report["running"] is True and report["answers"] is True
        assert report["host"] == "127.0.0.1" and isinstance(report["port"], int)
    finally:
        stopped = run(cli, ["db", "stop", "--data-dir", data])
    assert stopped.output == "embedded graph server stopped\n"
    after = run(cli, ["db", "status", "--data-dir", data])
    assert after.exit_code == 1 and after.output.startswith("not running, does not answer")


def test_cli_port_taken_is_one_clear_line(tmp_path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "llzo_kg.cli",
                "db",
                "start",
                "--data-dir",
                str(tmp_path / "d"),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 3
    assert proc.stderr == (
        f"llzo-kg: error: port {port} on 127.0.0.1 is already in use by another program; "
        "choose another with --port or leave it out to pick a free one\n"
    )


def test_cli_unreachable_neo4j_is_one_clear_line(unused_port: int) -> None:
    uri = f"neo4j://127.0.0.1:{unused_port}"
    proc = subprocess.run(
        [sys.executable, "-m", "llzo_kg.cli", "query", "dopant_site_performance"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": "pw-never-shown"},
    )
    assert proc.returncode == 3
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"llzo-kg: error: cannot reach the graph database at {uri} ("
    )
    assert "check that Neo4j is running and NEO4J_URI" in lines[0]
    assert "pw-never-shown" not in proc.stderr


def test_cli_eval_errors_refuse_the_heldout_split_unless_spent() -> None:
    result = CliRunner().invoke(cli, ["eval", "corpus/dev", "--errors"])
    assert result.exit_code == 2
    assert "--errors lists the dev split only" in result.output
    assert "spends the held-out estimate" in result.output
    result = CliRunner().invoke(cli, ["eval", "corpus/dev", "--split", "heldout", "--errors"])
    assert result.exit_code == 2


def test_cli_password_inside_neo4j_uri_is_never_printed_or_reported(unused_port, tmp_path) -> None:
    """``neo4j://user:pw@host`` used to be echoed whole on stderr and stored in the report."""
    uri = f"neo4j://alice:s3cret-in-uri@127.0.0.1:{unused_port}"
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "llzo_kg.cli", "ingest", str(tmp_path), "--retries", "0"]
        + ["--report", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEO4J_URI": uri},
    )
    assert proc.returncode == 3
    assert "s3cret-in-uri" not in proc.stderr + proc.stdout
    assert f"cannot reach the graph database at neo4j://127.0.0.1:{unused_port} (" in proc.stderr
    assert "s3cret-in-uri" not in report.read_text()


def test_settings_take_credentials_out_of_the_uri() -> None:
    from llzo_kg.settings import resolve, split_credentials

    assert split_credentials("neo4j+s://bob:p%40ss@db.example:7687/x") == (
        "neo4j+s://db.example:7687/x",
        "bob",
        "p@ss",
    )
    assert split_credentials("bolt://host:7687") == ("bolt://host:7687", None, None)
    conf = resolve(neo4j_uri="neo4j://alice:pw@h:7687", neo4j_password="flag-wins")
    assert conf.neo4j is not None
    assert (conf.neo4j.uri, conf.neo4j.username, conf.neo4j.password) == (
        "neo4j://h:7687",
        "alice",
        "flag-wins",
    )
