"""A digest of the whole graph content that does not depend on internal ids or on order.

Two graphs get the same fingerprint exactly when they hold the same multiset of nodes (labels +
properties) and relationships (type + properties + the labels and ``key`` of both endpoints). This
is how "ingesting twice changes nothing" and "a killed run, re-run, ends where a clean run ends"
are checked (``llzo-kg db fingerprint``).

Each node and relationship becomes one canonical JSON text and its SHA-256; the digests are added
modulo 2**256 (a multiset hash), so the graph is streamed in key-ordered batches per label and
never held in memory, and no global sort is needed
(docs/decisions/0601-fingerprint-multiset-hash.md).
Nodes of ``EXCLUDED_LABELS`` (the ingest lock on Neo4j) are bookkeeping, not content.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.backend import GraphBackend
from graph.dump import iter_pages, page_query
from llzo_kg.errors import LlzoKgError

EXCLUDED_LABELS = frozenset({"IngestLock"})
BATCH_SIZE = 2000
FORMAT = "llzo-kg-fingerprint/1"
_MODULUS = 2**256

# every outgoing relationship with the labels and key of its end node
_RETURNS = """
RETURN {key} AS key, labels(n) AS labels, properties(n) AS props,
       [(n)-[r]->(m) | [type(r), labels(m), m.key, properties(r)]] AS out
"""


@dataclass
class Fingerprint:
    """The digest plus the counts it covers (handy when two fingerprints differ)."""

    digest: str
    nodes: int
    relationships: int
    labels: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.digest,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "labels": self.labels,
        }


def canonical(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, floats in their shortest round-trip form."""
    return json.dumps(_normal(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _normal(value: Any) -> Any:
    # -0.0 and 0.0 are equal values; NaN has no JSON form, so give it a fixed one
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return 0.0 if value == 0 else value
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    return value


def _item_hash(item: Any) -> int:
    return int.from_bytes(hashlib.sha256(canonical(item).encode("utf-8")).digest(), "big")


def fingerprint(backend: GraphBackend, batch: int = BATCH_SIZE) -> Fingerprint:
    """Stream every node (by label, in ``key`` order, ``batch`` at a time) with its outgoing
    relationships and fold them into one digest."""
    total = 0
    nodes = relationships = 0
    per_label: dict[str, int] = {}
    labels = sorted(r["label"] for r in backend.run("CALL db.labels() YIELD label RETURN label"))
    for label in labels:
        if label in EXCLUDED_LABELS:
            continue
        for row in _label_rows(backend, label, batch):
            node_labels = sorted(row["labels"])
            # a node with several labels is visited once per label: count it under the first
            if node_labels[0] != label or EXCLUDED_LABELS.intersection(node_labels):
                continue
            total += _item_hash({"labels": node_labels, "props": row["props"]})
            nodes += 1
            per_label[label] = per_label.get(label, 0) + 1
            for rel_type, end_labels, end_key, props in row["out"]:
                total += _item_hash(
                    {
                        "type": rel_type,
                        "from": [node_labels, row["key"]],
                        "to": [sorted(end_labels), end_key],
                        "props": props,
                    }
                )
                relationships += 1
    _check_complete(backend, nodes)
    summary = f"{FORMAT}|{nodes}|{relationships}|{total % _MODULUS:064x}"
    return Fingerprint(
        hashlib.sha256(summary.encode()).hexdigest(), nodes, relationships, per_label
    )


def page_statement(label: str) -> str:
    """The query of one page of keyed nodes of ``label`` (``$after``, ``$limit``)."""
    return page_query(label, _RETURNS.format(key="k"))


def keyless_statement(label: str) -> str:
    """The query of the nodes of ``label`` without a key (one page: there should be none)."""
    return f"MATCH (n:`{label}`) WHERE n.key IS NULL " + _RETURNS.format(key="n.key")


def _label_rows(backend: GraphBackend, label: str, batch: int) -> Iterator[dict[str, Any]]:
    """All nodes of ``label``: keyed ones in key-ordered pages, then any without a key."""
    for rows in iter_pages(backend, page_statement(label), batch):
        yield from rows
    yield from backend.run(keyless_statement(label))


def _check_complete(backend: GraphBackend, seen: int) -> None:
    """Paging by ``key`` only sees string keys; refuse to give a digest that missed nodes."""
    rows = backend.run(
        "MATCH (n) WITH labels(n) AS labels "
        "WHERE none(l IN labels WHERE l IN $excluded) RETURN count(*) AS n",
        {"excluded": sorted(EXCLUDED_LABELS)},
    )
    expected = rows[0]["n"] if rows else 0
    if expected != seen:
        raise LlzoKgError(
            f"the fingerprint saw {seen} nodes but the graph holds {expected}: some nodes have a "
            f"'key' that is not a string, which the graph contract (docs/schema.md) does not allow"
        )
