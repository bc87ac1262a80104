"""One small adapter over the two graph databases llzo-kg speaks to.

Everything above this module (writer, queries, exports) sends the same Cypher text with
``$parameters`` and gets rows back as plain dicts. What differs between Neo4j 5 and the embedded
FalkorDB lives here: how to connect, how a unit of work is made atomic, and schema DDL.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from llzo_kg.errors import GraphUnavailable
from llzo_kg.settings import GraphSettings, Neo4jSettings

log = logging.getLogger(__name__)

Params = Mapping[str, Any]
Statement = tuple[str, Params]


@dataclass(frozen=True)
class Schema:
    """Uniqueness constraints and plain indexes, as (label, property) pairs."""

    unique: Sequence[tuple[str, str]] = ()
    indexes: Sequence[tuple[str, str]] = ()
    fulltext: Sequence[tuple[str, str]] = field(default_factory=tuple)


class GraphBackend(Protocol):
    """What the rest of llzo-kg needs from a graph database."""

    name: str
    target: str  # where it is, for messages (never with a password)

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run one statement and return its rows as dicts keyed by the RETURN names."""

    def write(self, statements: Sequence[Statement]) -> None:
        """Run statements as one unit of work. Every statement must be idempotent: the unit
        may be retried, and on FalkorDB each statement is its own transaction."""

    def ensure_schema(self, schema: Schema) -> None:
        """Create missing constraints and indexes; a no-op when they exist."""

    def existing_schema(self) -> Schema:
        """The uniqueness constraints, plain indexes (other than those backing a constraint) and
        full-text indexes the database holds, each list sorted."""

    def health(self) -> dict[str, Any]:
        """A small description of the server, raising GraphUnavailable when it does not answer."""

    def close(self) -> None: ...


# --- FalkorDB (embedded) ------------------------------------------------------------------------


class FalkorBackend:
    """The embedded FalkorDB, through its official client over the Redis protocol, with the
    server's password (graph/server.py). ``diagnose`` says why the server does not answer when
    it knows (its process is gone: the cause from its log)."""

    name = "falkordb"

    def __init__(
        self,
        host: str,
        port: int,
        graph_name: str,
        *,
        password: str | None = None,
        diagnose: Callable[[], GraphUnavailable | None] | None = None,
    ) -> None:
        import falkordb
        import redis

        self.target = f"falkordb://{host}:{port}/{graph_name}"
        self._redis_errors = (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError)
        self._response_error = redis.ResponseError
        self._diagnose = diagnose
        self._db = falkordb.FalkorDB(host=host, port=port, password=password or None)
        self._graph = self._db.select_graph(graph_name)
        self.graph_name = graph_name
        self.password = password  # a second connection to the same server needs it too

    def _unreachable(self, exc: BaseException) -> GraphUnavailable:
        known = self._diagnose() if self._diagnose else None
        return known or _unreachable(self.target, exc)

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        try:
            result = self._graph.query(query, dict(params) if params else None)
        except self._redis_errors as exc:
            raise self._unreachable(exc) from None
        except self._response_error as exc:
            if str(exc).startswith(("MISCONF", "READONLY", "OOM ")):  # the server's, not ours
                raise GraphUnavailable(
                    f"the graph database at {self.target} refuses writes: {exc}",
                    retryable=False,
                ) from None
            raise
        columns = [h[1] if isinstance(h, (list, tuple)) else h for h in result.header]
        columns = [c.decode() if isinstance(c, bytes) else c for c in columns]
        return [
            dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set
        ]

    def write(self, statements: Sequence[Statement]) -> None:
        for query, params in statements:
            self.run(query, params)

    def ensure_schema(self, schema: Schema) -> None:
        existing = {(r["label"], p) for r in self._indexes() for p in r["properties"]}
        for label, prop in [*schema.unique, *schema.indexes]:
            if (label, prop) not in existing:
                self.run(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
                existing.add((label, prop))
        constraints = {(r["label"], tuple(r["properties"])) for r in self._constraints()}
        for label, prop in schema.unique:
            if (label, (prop,)) not in constraints:
                self._db.connection.execute_command(
                    "GRAPH.CONSTRAINT",
                    "CREATE",
                    self.graph_name,
                    "UNIQUE",
                    "NODE",
                    label,
                    "PROPERTIES",
                    1,
                    prop,
                )
        # constraints are built in the background: wait until none is pending
        for _ in range(200):
            if all(r["status"] != "UNDER CONSTRUCTION" for r in self._constraints()):
                return
            time.sleep(0.05)

    def existing_schema(self) -> Schema:
        unique = tuple(
            sorted(
                (r["label"], r["properties"][0])
                for r in self._constraints()
                if r["status"] == "OPERATIONAL" and len(r["properties"]) == 1
            )
        )
        indexed = {(r["label"], p) for r in self._indexes() for p in r["properties"]}
        return Schema(unique=unique, indexes=tuple(sorted(indexed - set(unique))))

    def _indexes(self) -> list[dict[str, Any]]:
        rows = self.run("CALL db.indexes() YIELD label, properties RETURN label, properties")
        return [{"label": r["label"], "properties": list(r["properties"])} for r in rows]

    def _constraints(self) -> list[dict[str, Any]]:
        rows = self.run(
            "CALL db.constraints() YIELD label, properties, status RETURN label, properties, status"
        )
        return [
            {"label": r["label"], "properties": list(r["properties"]), "status": r["status"]}
            for r in rows
        ]

    def health(self) -> dict[str, Any]:
        try:
            info = self._db.connection.info("server")
        except self._redis_errors as exc:
            raise self._unreachable(exc) from None
        return {
            "backend": self.name,
            "target": self.target,
            "server": f"redis {info.get('redis_version')}",
        }

    def close(self) -> None:
        try:
            self._db.connection.close()
        except Exception:  # noqa: BLE001 - closing a dead connection is not an error
            pass


def _plain(value: Any) -> Any:
    """FalkorDB result values as plain Python: nodes/edges become their property maps."""
    props = getattr(value, "properties", None)
    if props is not None and not isinstance(value, dict):
        return dict(props)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# --- Neo4j --------------------------------------------------------------------------------------


BOLT_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


class Neo4jBackend:
    """A user's Neo4j 5 through the official driver; one managed transaction per unit of work."""

    name = "neo4j"

    def __init__(self, settings: Neo4jSettings) -> None:
        import neo4j

        self.target = settings.uri
        self._database = settings.database
        self._neo4j = neo4j
        scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise GraphUnavailable(
                f"NEO4J_URI {settings.uri!r} is not a Neo4j address (scheme must be one of "
                f"{', '.join(BOLT_SCHEMES)}); use e.g. neo4j://localhost:7687"
            )
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                # "property key does not exist": a canned query reads keys a sparse graph may
                # lack (valueMax); the queries are checked by Neo4j's linter instead
                notifications_disabled_classifications=["UNRECOGNIZED"],
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise GraphUnavailable(
                f"NEO4J_URI {settings.uri!r} is not a Neo4j address ({exc}); use e.g. "
                f"neo4j://localhost:7687 or neo4j+s://<id>.databases.neo4j.io"
            ) from None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as one clear GraphUnavailable naming the URI (never the password)."""
        try:
            yield
        except (self._neo4j.exceptions.ServiceUnavailable, OSError) as exc:
            raise _unreachable(self.target, exc) from None
        except self._neo4j.exceptions.AuthError:
            raise GraphUnavailable(
                f"Neo4j at {self.target} refused the credentials; check NEO4J_USERNAME and "
                f"NEO4J_PASSWORD (or --neo4j-user/--neo4j-password)"
            ) from None

    @contextmanager
    def _session(self) -> Iterator[Any]:
        with self._errors(), self._driver.session(database=self._database) as session:
            yield session

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        # a write transaction: ``run`` also carries single writes (the ingest lock's MERGE, the
        # tests' set-up), which Neo4j refuses in a read transaction; on a cluster this sends
        # reads to the leader, which costs nothing on a single server
        with self._session() as session:
            return session.execute_write(_read_rows, query, dict(params or {}))

    def write(self, statements: Sequence[Statement]) -> None:
        def work(tx: Any) -> None:
            for query, params in statements:
                tx.run(query, dict(params)).consume()

        with self._session() as session:
            session.execute_write(work)

    def ensure_schema(self, schema: Schema) -> None:
        ddl = [
            f"CREATE CONSTRAINT {label.lower()}_{prop.lower()}_unique IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
            for label, prop in schema.unique
        ]
        ddl += [
            f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.{prop})"
            for label, prop in schema.indexes
        ]
        ddl += [
            f"CREATE FULLTEXT INDEX {label.lower()}_{prop.lower()}_text IF NOT EXISTS "
            f"FOR (n:{label}) ON EACH [n.{prop}]"
            for label, prop in schema.fulltext
        ]
        with self._session() as session:
            for statement in ddl:
                session.run(statement).consume()
            # new indexes are populated in the background: wait, so that the next statements
            # are planned with them (returns at once when all are online)
            session.run("CALL db.awaitIndexes(300)").consume()

    def existing_schema(self) -> Schema:
        constraints = self.run(
            "SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
            "WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS'] "
            "RETURN labelsOrTypes, properties"
        )
        indexes = self.run(
            "SHOW INDEXES YIELD type, entityType, labelsOrTypes, properties, owningConstraint "
            "WHERE entityType = 'NODE' AND owningConstraint IS NULL "
            "AND type IN ['RANGE', 'FULLTEXT'] "
            "RETURN type, labelsOrTypes, properties"
        )

        def pairs(rows: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
            return tuple(
                sorted(
                    (label, prop)
                    for r in rows
                    for label in r["labelsOrTypes"]
                    for prop in r["properties"]
                )
            )

        return Schema(
            unique=pairs(constraints),
            indexes=pairs([r for r in indexes if r["type"] == "RANGE"]),
            fulltext=pairs([r for r in indexes if r["type"] == "FULLTEXT"]),
        )

    def health(self) -> dict[str, Any]:
        with self._errors():
            self._driver.verify_connectivity()
            info = self._driver.get_server_info()
        return {"backend": self.name, "target": self.target, "server": info.agent}

    def close(self) -> None:
        self._driver.close()


def _read_rows(tx: Any, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every record as a dict; ``data()`` turns nodes into their property maps, as on FalkorDB."""
    return [record.data() for record in tx.run(query, params)]


# --- choosing one -------------------------------------------------------------------------------


def _unreachable(target: str, exc: BaseException) -> GraphUnavailable:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if target.startswith("falkordb://"):
        hint = "is the embedded server running? try 'llzo-kg db status' / 'llzo-kg db start'"
    else:
        hint = (
            "check that Neo4j is running and NEO4J_URI (or --neo4j-uri) points at its Bolt "
            "address, e.g. neo4j://localhost:7687"
        )
    return GraphUnavailable(f"cannot reach the graph database at {target} ({reason}); {hint}")


def connect(settings: GraphSettings, start: bool = True) -> GraphBackend:
    """The backend the settings name: Neo4j when a URI is set, else the embedded server
    (started first when ``start`` and not yet running). Raises GraphUnavailable with a clear
    message when it cannot be reached."""
    if settings.neo4j is not None:
        backend: GraphBackend = Neo4jBackend(settings.neo4j)
        try:
            backend.health()
        except GraphUnavailable:
            backend.close()
            raise
        return backend
    from graph.server import EmbeddedServer

    server = EmbeddedServer(settings.data_dir)
    state = server.start() if start else server.state()
    if state is None:
        raise GraphUnavailable(
            f"no embedded graph server is running for {settings.data_dir}; "
            f"start it with 'llzo-kg db start'"
        )
    return FalkorBackend(
        state.host,
        state.port,
        settings.graph_name,
        password=state.password,
        diagnose=server.diagnose,
    )
