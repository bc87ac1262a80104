"""The two graph databases the integration tests run on, as plain helpers (the fixtures that
use them are in conftest.py): the session Neo4j's one database and its named states, prepared
graphs kept for the session, and small functions that work on either backend."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.backend import FalkorBackend, GraphBackend, Neo4jBackend
from graph.neo4j_launcher import Neo4jState
from graph.schema import SCHEMA
from graph.server import ServerState
from llzo_kg.settings import GraphSettings, Neo4jSettings

BACKENDS = ("falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j))


def neo4j_settings(state: Neo4jState) -> Neo4jSettings:
    return Neo4jSettings(uri=state.uri, username="neo4j")


class Neo4jDatabase:
    """The one user database of the session's Neo4j. It holds one named state at a time:
    ``fresh()`` empties it for a test, ``holding(name, build)`` returns it with ``build``
    applied, rebuilt only when something else was there since.

    The writer's schema (graph/schema.py) stays between tests: every schema change makes Neo4j
    plan each statement again, ~1 s for the writer's (and 15-30 s while the JVM is cold), which
    dropping and re-creating it per test would pay every time. Tests about creating the schema
    take ``bare_graph``, which drops it first; the next ``fresh()`` puts it back."""

    def __init__(self, state: Neo4jState) -> None:
        self.backend = Neo4jBackend(neo4j_settings(state))
        self.holds: str | None = "?"  # unknown until first cleared
        self.schema_ready = False

    def fresh(self) -> Neo4jBackend:
        if self.holds is not None:
            self.backend.run("MATCH (n) DETACH DELETE n")
            self.holds = None
        if not self.schema_ready:
            self.backend.ensure_schema(SCHEMA)
            self.schema_ready = True
        return self.backend

    def drop_schema(self) -> None:
        run = self.backend.run
        for row in run("SHOW CONSTRAINTS YIELD name RETURN name"):
            run(f"DROP CONSTRAINT `{row['name']}`")
        for row in run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
            run(f"DROP INDEX `{row['name']}`")
        self.schema_ready = False

    def holding(self, name: str, build: Callable[[GraphBackend], None]) -> Neo4jBackend:
        if self.holds != name:
            build(self.fresh())
            self.holds = name
        return self.backend

    def touched(self) -> None:
        """A test writes into the database: it holds no named state any more."""
        self.holds = "?"


class HeldGraphs:
    """Prepared graphs that tests only read (the review's), built once per session on FalkorDB
    (a graph each) and on Neo4j whenever the database does not hold them at that moment."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request
        self._falkor: dict[str, FalkorBackend] = {}

    def get(
        self, backend_name: str, name: str, build: Callable[[GraphBackend], None]
    ) -> GraphBackend:
        if backend_name == "neo4j":
            db: Neo4jDatabase = self._request.getfixturevalue("neo4j_db")
            return db.holding(name, build)
        if name not in self._falkor:
            server: ServerState = self._request.getfixturevalue("embedded_server")
            backend = FalkorBackend(
                server.host,
                server.port,
                f"held_{name}_{uuid.uuid4().hex}",
                password=server.password,
            )
            build(backend)
            self._falkor[name] = backend
        return self._falkor[name]

    def close(self) -> None:
        for backend in self._falkor.values():
            backend._graph.delete()
            backend.close()


def wipe(backend: GraphBackend) -> None:
    """Every node and relationship gone (the schema stays): a graph to build again."""
    backend.run("MATCH (n) DETACH DELETE n")


def settings_for(backend: GraphBackend, data_dir: Path) -> GraphSettings:
    """The CLI's settings that point at ``backend`` (its FalkorDB graph, or its Neo4j)."""
    if isinstance(backend, Neo4jBackend):
        return GraphSettings(data_dir=data_dir, neo4j=Neo4jSettings(backend.target, "neo4j"))
    assert isinstance(backend, FalkorBackend)
    return GraphSettings(data_dir=data_dir, graph_name=backend.graph_name)


def connect_again(backend: GraphBackend) -> GraphBackend:
    """A second connection to the same graph (a concurrent reader, a CLI run)."""
    if isinstance(backend, Neo4jBackend):
        return Neo4jBackend(Neo4jSettings(backend.target, "neo4j"))
    assert isinstance(backend, FalkorBackend)
    host, port = backend.target.removeprefix("falkordb://").split("/")[0].split(":")
    return FalkorBackend(host, int(port), backend.graph_name, password=backend.password)
