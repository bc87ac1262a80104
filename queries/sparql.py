"""The SPARQL twins of canned queries: ``queries/<name>.rq`` asks the question of
``queries/<name>.cypher`` of the RDF export, so collaborators without the graph database get the
same answers (tests/graph/test_rdf.py compares them row by row).

A ``.rq`` file has the header of a ``.cypher`` file written with ``#`` (name, question, params)
plus ``# list: a, b`` naming the columns that hold lists: SPARQL has no list values, so those
come back as one string joined with U+001F, which ``run_sparql`` splits and sorts (empty items
are dropped: the files bind a missing value to "" because rdflib 7 raises on
``GROUP_CONCAT(DISTINCT ?x)`` when ``?x`` is unbound). Parameters are
passed as pre-bound variables (``$minReports``); each query also works unbound, with its default.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal

from queries.runner import QUERY_DIR, CannedQuery, QueryError, parse_query

log = logging.getLogger(__name__)

LIST_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class SparqlQuery:
    query: CannedQuery  # name, question, params and text, as for a .cypher file
    lists: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.query.name


def parse_sparql(text: str, path: Path) -> SparqlQuery:
    """A ``.rq`` file's header and query (header errors name the file, as for ``.cypher``)."""
    lines = text.splitlines()
    header = 0
    while header < len(lines) and lines[header].lstrip().startswith("#"):
        header += 1
    as_cypher = ["//" + line.lstrip()[1:] for line in lines[:header]] + lines[header:]
    query = parse_query("\n".join(as_cypher), path)
    lists: tuple[str, ...] = ()
    for note in query.notes.splitlines():
        key, _, rest = note.partition(":")
        if key == "list":
            lists = tuple(name.strip() for name in rest.split(",") if name.strip())
    return SparqlQuery(query, lists)


def load_sparql(directory: Path = QUERY_DIR) -> dict[str, SparqlQuery]:
    """Every ``*.rq`` file of ``directory`` by name."""
    paths = sorted(directory.glob("*.rq"))
    return {p.stem: parse_sparql(p.read_text(encoding="utf-8"), p) for p in paths}


def run_sparql(
    data: Graph, query: SparqlQuery, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The query's rows on an RDF graph, as plain Python values (lists split and sorted;
    unbound values as None), its defaults filled in for parameters not given."""
    values = query.query.defaults()
    for name, value in (params or {}).items():
        values[query.query.param(name).name] = value
    bindings = {name: Literal(value) for name, value in values.items()}
    try:
        result = data.query(query.query.text, initBindings=bindings)
    except Exception as exc:  # a parse or evaluation error: say which query
        raise QueryError(f"SPARQL query {query.name!r} failed: {exc}") from exc
    names = [str(v) for v in result.vars or ()]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            value = solution[name]
            plain = None if value is None else value.toPython()
            if name in query.lists:
                plain = sorted(v for v in str(plain or "").split(LIST_SEPARATOR) if v)
            row[name] = plain
        rows.append(row)
    return rows
