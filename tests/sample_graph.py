"""The small samples of tests/data/graph, shared by the writer, export and canned-query tests:
the two-document sample of version-1-shaped records (facts and a reference list written for the
tests, hostile strings included), and the three-document model graph of version-2 records in
``v2/`` (a doped garnet in two notations, Ga- and Y-doped LLZO, an undefined LLZTO, a composite,
a cell, calculated/target/general values, a before/after pair, a table row and its text
restatement in one sample, two "Yang 2017" papers). The same readers load tests/data/parity, the
graph written for comparing the backends (tests/queries/test_parity.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.document import Reference
from graph.backend import GraphBackend
from miner.records import Fact

DATA = Path(__file__).resolve().parent / "data" / "graph"
V2 = DATA / "v2"
PARITY = DATA.parent / "parity"
# how each database words a second node with a unique key already taken (FalkorDB | Neo4j)
UNIQUE_VIOLATION = r"unique constraint violation|already exists with label `\w+` and property `key`"


def sample_facts(directory: Path = DATA) -> list[Fact]:
    lines = (directory / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    return [Fact.from_dict(json.loads(line)) for line in lines if line.strip()]


def sample_references(directory: Path = DATA) -> dict[str, list[Reference]]:
    raw = json.loads((directory / "references.json").read_text(encoding="utf-8"))
    return {
        doc: [Reference(**{**r, "authors": tuple(r["authors"])}) for r in refs]
        for doc, refs in raw.items()
    }


def dump(backend: GraphBackend) -> tuple[list[Any], list[Any]]:
    """Every node (labels, properties) and relationship (ends by key, type, properties), sorted:
    two graphs with equal dumps hold the same content whatever their internal ids."""
    nodes = backend.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = backend.run(
        "MATCH (a)-[r]->(b) RETURN labels(a) AS a, a.key AS aKey, type(r) AS type, "
        "properties(r) AS props, labels(b) AS b, b.key AS bKey"
    )
    canon = [json.dumps(n, sort_keys=True, ensure_ascii=False) for n in nodes]
    canon_rels = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rels]
    return sorted(canon), sorted(canon_rels)
