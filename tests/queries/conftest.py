"""A small graph with a known gap analysis (tests/data/gaps/facts.jsonl, sentences written for
the tests), shared by the gap and report tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backend import FalkorBackend, GraphBackend
from graph.server import ServerState
from graph.writer import ensure_schema, load_facts
from llzo_kg.settings import DEFAULT_GRAPH_NAME
from miner.records import Fact

GAP_FACTS = Path(__file__).resolve().parents[1] / "data" / "gaps" / "facts.jsonl"


@pytest.fixture(scope="session")
def gap_facts() -> list[Fact]:
    lines = GAP_FACTS.read_text(encoding="utf-8").splitlines()
    return [Fact.from_dict(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture()
def gap_graph(graph: GraphBackend, gap_facts: list[Fact]) -> GraphBackend:
    ensure_schema(graph)
    load_facts(graph, gap_facts)
    return graph


@pytest.fixture()
def cli_data_dir(embedded_server: ServerState, gap_facts: list[Fact]) -> Iterator[str]:
    """The known graph as the CLI's default graph of the session server; pass the returned
    directory as ``--data-dir``. The graph is deleted afterwards."""
    backend = FalkorBackend(
        embedded_server.host,
        embedded_server.port,
        DEFAULT_GRAPH_NAME,
        password=embedded_server.password,
    )
    ensure_schema(backend)
    load_facts(backend, gap_facts)
    yield str(embedded_server.data_dir)
    backend._graph.delete()
    backend.close()
