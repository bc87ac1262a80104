"""A small graph with a known gap analysis (tests/data/gaps/facts.jsonl, sentences written for
the tests), shared by the gap and report tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llzo_kg.graph.backend import FalkorBackend
from llzo_kg.miner.records import Fact

GAP_FACTS = Path(__file__).resolve().parents[1] / "data" / "gaps" / "facts.jsonl"


@pytest.fixture(scope="session")
def gap_facts() -> list[Fact]:
    lines = GAP_FACTS.read_text(encoding="utf-8").splitlines()
    return [Fact.from_dict(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture()
def gap_graph(graph: FalkorBackend, gap_facts: list[Fact]) -> FalkorBackend:
    from schema_loader import load

    load(graph, gap_facts)
    return graph
