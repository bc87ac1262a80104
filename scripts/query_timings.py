"""Canned queries at a commit against the working tree, on the generated literature, FalkorDB
next to Neo4j (docs/queries.md, docs/performance-graph.md section 7).

    python scripts/query_timings.py COMMIT QUERY[,QUERY...] [--scale 100] [--limit-s 120]

Both databases run at once (``bench.backends``: the embedded FalkorDB and the Neo4j of
tools/neo4j with its defaults); the generated literature (``bench.generate`` of the review's
facts) is written into each, then every query runs in its working-tree text ("new") and its
text at COMMIT ("old") with the header's defaults: one warm-up, then 5 runs (1 when a run takes
over 20 s); p50/p95 ms and rows. A run the database does not finish in ``--limit-s`` seconds is
stopped by the database itself (FalkorDB's query timeout, Neo4j's transaction timeout) and
reported as such. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.backends import _databases
from bench.generate import generate, review_facts
from graph.backend import GraphBackend
from graph.writer import ensure_schema, load_facts
from queries.runner import CannedQuery, load_queries, parse_query

RUNS = 5
SLOW_S = 20.0


def at_commit(commit: str, name: str) -> CannedQuery:
    text = subprocess.run(
        ["git", "show", f"{commit}:queries/{name}.cypher"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return parse_query(text, Path(f"{name}.cypher"))


def timed(backend: GraphBackend, query: CannedQuery, limit_s: float) -> dict[str, Any]:
    """Seconds and rows of one run, or why the database stopped it (``limit_s`` reached)."""
    params = query.defaults()
    clock = time.perf_counter()
    try:
        if backend.name == "falkordb":
            rows = backend._graph.query(query.text, params, timeout=int(limit_s * 1000))
            count = len(rows.result_set)
        else:
            import neo4j

            with backend._driver.session(database=backend._database) as session:
                count = len(list(session.run(neo4j.Query(query.text, timeout=limit_s), params)))
    except Exception as exc:  # noqa: BLE001 - a stopped or failed run is a figure, not an error
        return {"stopped": f"{type(exc).__name__}: {str(exc)[:160]}"}
    return {"s": time.perf_counter() - clock, "rows": count}


def latency(backend: GraphBackend, query: CannedQuery, limit_s: float) -> dict[str, Any]:
    first = timed(backend, query, limit_s)
    if "stopped" in first:
        return {"limit_s": limit_s, **first}
    runs = []
    for _ in range(RUNS if first["s"] < SLOW_S else 1):
        run = timed(backend, query, limit_s)
        if "stopped" in run:
            return {"limit_s": limit_s, **run}
        runs.append(run["s"] * 1000)
    runs.sort()
    return {
        "rows": first["rows"],
        "p50_ms": round(statistics.median(runs), 1),
        "p95_ms": round(runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))], 1),
        "runs": len(runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("queries")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--limit-s", type=float, default=120.0)
    args = parser.parse_args()
    names = args.queries.split(",")
    new = load_queries()
    corpus = generate(review_facts(), args.scale)
    figures: dict[str, Any] = {"scale": args.scale, "facts": len(corpus.facts)}
    with _databases(True) as (databases, notes):
        figures.update(notes)
        for db in databases:
            backend = db.connect("scaled")
            ensure_schema(backend)
            load_facts(backend, corpus.facts, corpus.references)
            figures[db.name] = {
                f"{name}:{label}": latency(backend, query, args.limit_s)
                for name in names
                for label, query in (("new", new[name]), ("old", at_commit(args.commit, name)))
            }
            backend.close()
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
