"""FalkorDB next to Neo4j, side by side in one run: writing the review's facts and the graph
scaled 100x, and every canned query's latency on each graph. Both databases run at the same
time on the same machine and each step alternates between them, so load from other processes
falls on both. Neo4j is the launcher of tools/neo4j with its defaults (512 MB heap, 256 MB page
cache, the JVM's usual compilers): what ``llzo-kg db start --engine neo4j`` gives a user.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.document import Document
from graph import neo4j_launcher
from graph.backend import FalkorBackend, GraphBackend, Neo4jBackend
from graph.neo4j_launcher import Neo4jLauncher
from graph.rows import DocumentMeta, document_rows
from graph.server import EmbeddedServer
from graph.writer import ensure_schema, load_facts, replace_document, replacement_statements
from llzo_kg.settings import Neo4jSettings
from miner.records import Fact

log = logging.getLogger(__name__)

REVIEW_ROUNDS = 3  # after a first, cold one
# Facts per creation statement measured for loading the generated literature (0: one document
# a statement); "replace" is the MERGE-then-prune statement of each document (what every
# document got before new ones were created), for the ratio.
LOAD_BATCHES: tuple[int | str, ...] = ("replace", 0, 2000, 8000)


# relationships first, then nodes: a DETACH DELETE of 5,000 nodes with their ~15,000 links
# still exceeded the 256 MB of transaction memory (a Material or Property node has thousands)
_EMPTY_SOME = (
    "MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS n",
    "MATCH (n) WITH n LIMIT 10000 DELETE n RETURN count(*) AS n",
)


@dataclass
class _Database:
    name: str
    connect: Callable[[str], GraphBackend]  # an empty graph of that name
    version: str


def _falkordb(server: EmbeddedServer) -> _Database:
    state = server.state()
    assert state is not None

    def connect(name: str) -> GraphBackend:
        return FalkorBackend(state.host, state.port, f"bench_{name}", password=state.password)

    return _Database("falkordb", connect, "FalkorDB 4.16.3")


def _neo4j(uri: str, version: str) -> _Database:
    # one database: each graph replaces the last, emptied 10,000 items a transaction (one
    # transaction, or CALL {} IN TRANSACTIONS, for a 100x graph exceeded Neo4j's 256 MB of
    # transaction memory)
    def connect(name: str) -> GraphBackend:
        backend = Neo4jBackend(Neo4jSettings(uri, "neo4j"))
        for statement in _EMPTY_SOME:
            while backend.run(statement)[0]["n"]:
                pass
        return backend

    return _Database("neo4j", connect, f"Neo4j {version}")


@contextmanager
def _databases(with_neo4j: bool) -> Iterator[tuple[list[_Database], dict[str, Any]]]:
    work = Path(tempfile.mkdtemp(prefix="llzo-bench-backends-"))
    server = EmbeddedServer(work / "falkordb")
    launcher = None
    try:
        server.start()
        databases, notes = [_falkordb(server)], {}
        reason = neo4j_launcher.problem() if with_neo4j else "--no-neo4j"
        if reason:
            notes["neo4j_not_measured"] = reason
        else:
            launcher = Neo4jLauncher(work / "neo4j")
            clock = time.perf_counter()
            state = launcher.start()
            notes["neo4j_start_s"] = round(time.perf_counter() - clock, 1)
            databases.append(_neo4j(state.uri, state.neo4j))
        yield databases, notes
    finally:
        if launcher is not None:
            launcher.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _timed(fn: Callable[[], Any]) -> float:
    clock = time.perf_counter()
    fn()
    return time.perf_counter() - clock


def _write_review(backend: GraphBackend, doc: Document, facts: Sequence[Fact]) -> None:
    replace_document(backend, DocumentMeta(id=doc.id), facts, doc.references)


def measure(doc: Document, facts: list[Fact], scale: int, with_neo4j: bool) -> dict[str, Any]:
    """Seconds and facts/s of each write, p50/p95 ms of each query, per database."""
    from bench.generate import generate
    from bench.run import _latency

    corpus = generate(facts, scale)

    with _databases(with_neo4j) as (databases, notes):
        figures: dict[str, dict[str, Any]] = {db.name: {"version": db.version} for db in databases}
        review_runs: dict[str, list[float]] = {db.name: [] for db in databases}
        graphs: dict[str, GraphBackend] = {}
        for round_ in range(1 + REVIEW_ROUNDS):
            for db in databases:
                graphs[db.name] = backend = db.connect(f"review_{round_}")
                ensure_schema(backend)
                review_runs[db.name].append(_timed(lambda b=backend: _write_review(b, doc, facts)))
                if round_ < REVIEW_ROUNDS:
                    _drop(db, backend)
        for db in databases:
            first, best = review_runs[db.name][0], min(review_runs[db.name][1:])
            figures[db.name]["ingest_review_first_s"] = round(first, 3)
            figures[db.name]["ingest_review_s"] = round(best, 3)
            figures[db.name]["ingest_review_facts_per_s"] = round(len(facts) / best, 1)
            figures[db.name]["queries_review"] = _latency(graphs[db.name])
            _drop(db, graphs[db.name])
        load = measure_load(databases, corpus)
        for db in databases:
            backend = graphs[db.name] = db.connect("scaled")
            ensure_schema(backend)
            seconds = _timed(lambda b=backend: load_facts(b, corpus.facts, corpus.references))
            figures[db.name]["ingest_scaled_s"] = round(seconds, 2)
            figures[db.name]["ingest_scaled_facts_per_s"] = round(len(corpus.facts) / seconds, 1)
        for db in databases:
            figures[db.name]["queries_scaled"] = _latency(graphs[db.name])
            graphs[db.name].close()
    return {
        "review_facts": len(facts),
        "scale": scale,
        "scaled_facts": len(corpus.facts),
        "load": load,
        **notes,
        **figures,
    }


def _replace_each(backend: GraphBackend, corpus: Any) -> None:
    """Every document by its MERGE-then-prune statement, as all were written before."""
    by_doc: dict[str, list[Fact]] = {}
    for fact in corpus.facts:
        by_doc.setdefault(fact.doc, []).append(fact)
    for doc in sorted(by_doc):
        rows = document_rows(DocumentMeta(id=doc), by_doc[doc], corpus.references.get(doc, ()))
        backend.write(replacement_statements(rows))


def measure_load(databases: Sequence[_Database], corpus: Any) -> dict[str, Any]:
    """Seconds and facts/s of loading ``corpus`` into an empty graph of each database, for each
    of ``LOAD_BATCHES``, alternating databases; and the share of the rows (Python, no
    database) in it."""
    facts = len(corpus.facts)
    clock = time.perf_counter()
    by_doc: dict[str, list[Fact]] = {}
    for fact in corpus.facts:
        by_doc.setdefault(fact.doc, []).append(fact)
    for doc in sorted(by_doc):
        document_rows(DocumentMeta(id=doc), by_doc[doc], corpus.references.get(doc, ()))
    rows_s = time.perf_counter() - clock
    figures: dict[str, Any] = {"facts": facts, "rows_s": round(rows_s, 2)}
    for batch in LOAD_BATCHES:
        for db in databases:
            backend = db.connect(f"load_{batch}")
            ensure_schema(backend)
            if batch == "replace":
                seconds = _timed(lambda b=backend: _replace_each(b, corpus))
            else:
                seconds = _timed(
                    lambda b=backend, n=batch: load_facts(
                        b, corpus.facts, corpus.references, facts_per_statement=n
                    )
                )
            figures.setdefault(db.name, {})[str(batch)] = figure = {
                "s": round(seconds, 2),
                "facts_per_s": round(facts / seconds),
                "load_avg_1m": round(os.getloadavg()[0], 1),
            }
            log.info("load, %s, %s: %s", db.name, batch, figure)
            _drop(db, backend)
    return figures


def load_lines(figures: dict[str, Any]) -> list[str]:
    """One line per batch size: seconds and facts/s on each database."""
    names = [n for n in ("falkordb", "neo4j") if n in figures]
    lines = [
        f"  load the generated literature ({figures['facts']} facts; its rows alone "
        f"{figures['rows_s']} s), {' | '.join(names)}:"
    ]
    for batch in LOAD_BATCHES:
        what = (
            "replace each document (MERGE)"
            if batch == "replace"
            else f"create, {batch or 'one document'} facts a statement"
        )
        cells = [
            f"{figures[n][str(batch)]['s']} s ({figures[n][str(batch)]['facts_per_s']} facts/s)"
            for n in names
        ]
        lines.append(f"    {what}: {' | '.join(cells)}")
    return lines


def _drop(db: _Database, backend: GraphBackend) -> None:
    if isinstance(backend, FalkorBackend):
        backend._graph.delete()
    backend.close()


def summary_lines(results: dict[str, Any]) -> list[str]:
    """FalkorDB | Neo4j, figure by figure."""
    names = [n for n in ("falkordb", "neo4j") if n in results]
    side = " | ".join(results[n]["version"] for n in names)
    head = f"side by side, {side}"
    if "neo4j_start_s" in results:
        head += f" (Neo4j started in {results['neo4j_start_s']} s)"
    if "neo4j_not_measured" in results:
        head += f" (Neo4j not measured: {results['neo4j_not_measured']})"

    def row(key: str, unit: str = "s", rate: str | None = None) -> str:
        cells = []
        for n in names:
            cell = f"{results[n][key]} {unit}"
            cells.append(f"{cell} ({results[n][rate]} facts/s)" if rate else cell)
        return " | ".join(cells)

    facts, scale, scaled = results["review_facts"], results["scale"], results["scaled_facts"]
    lines = [
        head + ":",
        f"  write the review ({facts} facts), first run: {row('ingest_review_first_s')}",
        f"  write the review, best of {REVIEW_ROUNDS}: "
        f"{row('ingest_review_s', rate='ingest_review_facts_per_s')}",
        f"  write the generated {scale}x literature ({scaled} facts): "
        f"{row('ingest_scaled_s', rate='ingest_scaled_facts_per_s')}",
        *load_lines(results["load"]),
        f"  query p50/p95 ms, on the review; on the generated {scale}x graph:",
    ]

    def latency(graph: str, query: str) -> str:
        return " | ".join(
            f"{results[n][graph][query]['p50_ms']}/{results[n][graph][query]['p95_ms']}"
            for n in names
        )

    for query in results[names[0]]["queries_review"]:
        lines.append(
            f"    {query}: {latency('queries_review', query)}; {latency('queries_scaled', query)}"
        )
    return lines
