"""Smoke test of the benchmark at a tiny scale: every figure of the issue is in the JSON. No
timing is asserted (shared machines are noisy); only that each figure is a positive number."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from llzo_kg.cli import cli

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
    assert len(lines) == 5 + len(load_queries()) + 1  # and "figures written to ..."
