"""Smoke test of the benchmark at a tiny scale: every figure of the issue is in the JSON. No
timing is asserted (shared machines are noisy); only that each figure is a positive number."""

from __future__ import annotations

import json

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
