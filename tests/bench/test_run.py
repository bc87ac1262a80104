"""Smoke test of the benchmark at a tiny scale: every figure of the issue is in the JSON. No
timing is asserted (shared machines are noisy); only that each figure is a positive number."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from bench.backends import LOAD_BATCHES
from llzo_kg.cli import cli

CLI = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "llzo-kg"

FIGURES = [
    "miner.sentences_per_s",
    "miner.ratio_to_tokenizer",
    "reader.seconds_per_mb",
    "load.facts_per_s",
    "load.batched_speedup",
    "ingest_review_s",
    "nightly_noop_4_s",
    "scaling.ratio_10x",
    "memory.peak_rss_mb_1x",
    "memory.peak_rss_mb_10x",
    "workers.speedup_2",
    "workers.one_worker.extract_s_ms_per_doc",
    "startup.extract.wall_s",
    "startup.query.wall_s",
]


def _get(results: dict, dotted: str) -> object:
    value: object = results
    for part in dotted.split("."):
        assert isinstance(value, dict) and part in value, f"{dotted} missing"
        value = value[part]
    return value


def test_bench_tiny_scale_reports_every_figure(tmp_path, review_path) -> None:
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        cli,
        [
            "bench",
            "--scale",
            "1",
            "--noop-docs",
            "4",
            "--scaling-docs",
            "1",
            "--workers-docs",
            "4",
            "--review",
            str(review_path),
            "--no-neo4j",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    results = json.loads(out.read_text())
    for dotted in FIGURES:
        value = _get(results, dotted)
        assert isinstance(value, (int, float)) and value > 0, (dotted, value)
    queries = results["queries"]
    from queries.runner import load_queries

    assert sorted(queries) == sorted(load_queries())
    for name, figures in queries.items():
        assert 0 < figures["p50_ms"] <= figures["p95_ms"], name
    assert results["nightly_noop"]["unchanged"] == 4
    assert results["scaling"]["documents_10x"] == 10 * results["scaling"]["documents_1x"]
    assert "miner:" in result.output and "x bare tokenisation" in result.output
    assert results["backends"]["neo4j_not_measured"] == "--no-neo4j"
    assert "(Neo4j not measured: --no-neo4j):" in result.output


BACKEND_FIGURES = [
    "ingest_review_first_s",
    "ingest_review_s",
    "ingest_review_facts_per_s",
    "ingest_scaled_s",
    "ingest_scaled_facts_per_s",
]


@pytest.mark.neo4j
def test_bench_backends_side_by_side_tiny_scale(tmp_path, review_path) -> None:
    out = tmp_path / "bench.json"
    args = ["bench", "--only-backends", "--scale", "1", "--review", str(review_path)]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    backends = json.loads(out.read_text())["backends"]
    from queries.runner import load_queries

    assert backends["neo4j_start_s"] > 0
    for name in ("falkordb", "neo4j"):
        for figure in BACKEND_FIGURES:
            assert backends[name][figure] > 0, (name, figure)
        for part in ("queries_review", "queries_scaled"):
            assert sorted(backends[name][part]) == sorted(load_queries()), (name, part)
    lines = result.output.splitlines()
    assert lines[0].startswith("side by side, FalkorDB 4.16.3 | Neo4j 5.26.")
    # the load's head and one line per batch size, and "figures written to ..."
    assert len(lines) == 5 + 1 + len(LOAD_BATCHES) + len(load_queries()) + 1


def _processes_in(folder: Path) -> list[psutil.Process]:
    """Processes whose working folder or command line is under ``folder``."""
    found = []
    for proc in psutil.process_iter():
        try:
            where = proc.cwd()
            line = " ".join(proc.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        if where.startswith(str(folder)) or str(folder) in line:
            found.append(proc)
    return found


@pytest.mark.parametrize(
    ("engine", "server"),
    [("falkordb", "redis-server"), pytest.param("neo4j", "java", marks=pytest.mark.neo4j)],
)
def test_bench_sigterm_stops_the_servers_it_started(engine, server, tmp_path, review_path) -> None:
    """``kill <pid>`` of a running ``llzo-kg bench`` stops the servers it started (SIGTERM's
    default action used to end it at once and leave them running): once the ``server`` of
    ``engine`` runs in the benchmark's temporary folder, SIGTERM; the run exits with 143 and no
    process of that folder remains."""
    work = tmp_path / "tmp"
    work.mkdir()
    args = ["bench", "--only-backends", "--scale", "1", "--review", str(review_path)]
    proc = subprocess.Popen(
        [str(CLI), *args, *(["--no-neo4j"] if engine == "falkordb" else [])],
        env={**os.environ, "TMPDIR": str(work)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started: list[psutil.Process] = []
        for _ in range(3000):
            started = [p for p in _processes_in(work) if p.name().startswith(server)]
            if started or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert started, f"no {server} started: {proc.poll()}"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    _, alive = psutil.wait_procs(started, timeout=60)
    assert alive == []
    assert _processes_in(work) == []
