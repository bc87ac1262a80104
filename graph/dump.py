"""Read the whole graph back, one label at a time, in key-ordered batches: what the RDF and CSV
exports are built on.

Pagination is by key range (``k > $after ... ORDER BY k LIMIT $limit``): memory is bounded by
the batch size, and a page never depends on what an earlier page read (unlike SKIP, which also
shifts when the graph changes between pages). On FalkorDB each page is a label scan plus a top-k
sort, because its index answers string ranges wrongly (docs/decisions/0701-export-paging.md).
Each row carries the node's properties and, per outgoing relationship of docs/schema.md, the keys
of its targets (sorted, so output never depends on storage order).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.backend import GraphBackend

DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class Link:
    """An outgoing relationship read with its source node: ``alias`` names the row field."""

    alias: str
    type: str
    target: str
    many: bool = False  # whether a node may have several (else at most one by docs/schema.md)
    props: tuple[str, ...] = ()  # relationship properties read along (row values become tuples)


@dataclass(frozen=True)
class NodeSpec:
    label: str
    fields: tuple[str, ...]  # the node properties of docs/schema.md, in its order
    links: tuple[Link, ...] = ()

    @property
    def query(self) -> str:
        returns = ["k AS key", "n AS node"]
        # each comprehension gets its own variable names: FalkorDB 4.16 evaluates a second
        # comprehension that reuses the first one's names to an empty list
        for i, link in enumerate(self.links):
            extra = "".join(f", r{i}.{p}" for p in link.props)
            value = f"[x{i}.key{extra}]" if link.props else f"x{i}.key"
            returns.append(
                f"[(n)-[r{i}:{link.type}]->(x{i}:{link.target}) | {value}] AS {link.alias}"
            )
        return page_query(self.label, f"RETURN {', '.join(returns)}")


def page_query(label: str, returns: str) -> str:
    """A page of the nodes of ``label`` with a string key above ``$after``, at most ``$limit`` of
    them in key order: ``n`` is the node, ``k`` its key, ``returns`` the rest of the query (it
    must return ``k AS key``). Keys that are null or not strings are never in a page.

    The key is compared as a projected value (``k``), never as ``n.key`` in a WHERE next to the
    MATCH: FalkorDB 4.16 answers that from its range index and gets string ranges wrong (with
    keys "Li7La3Zr2O12" and "b", ``n.key > "Li6"`` matches nothing) - see
    docs/decisions/0701-export-paging.md."""
    return (
        f"MATCH (n:`{label}`) WITH n, n.key AS k WHERE k > $after "
        f"WITH n, k ORDER BY k LIMIT $limit "
        f"{returns} ORDER BY key"
    )


def iter_pages(
    backend: GraphBackend, query: str, batch_size: int = DEFAULT_BATCH
) -> Iterator[list[dict[str, Any]]]:
    """Run a ``page_query`` page after page until the keys run out (each page starts after the
    last key of the one before, so a page never depends on SKIP counts)."""
    if batch_size < 1:
        raise ValueError(f"Invalid {batch_size=}: must be at least 1")
    after = ""
    while True:
        rows = backend.run(query, {"after": after, "limit": batch_size})
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        after = rows[-1]["key"]


_FACT_LINKS = (
    Link("material", "ABOUT", "Material"),
    Link("sentence", "STATED_IN", "Sentence"),
    Link("sample", "OF_SAMPLE", "Sample"),
    Link("methods", "USING_METHOD", "Method", many=True),
    Link("references", "CITES", "Reference", many=True),
)

SPECS: tuple[NodeSpec, ...] = (
    NodeSpec(
        "Document",
        ("title", "fileName", "sha256", "extractorVersion", "factCount"),
        (Link("references", "LISTS", "Reference", many=True, props=("citeKey",)),),
    ),
    NodeSpec(
        "Sentence",
        ("doc", "index", "section", "text", "start", "end", "source"),
        (Link("document", "IN_DOCUMENT", "Document"),),
    ),
    NodeSpec(
        "Reference",
        ("label", "baseLabel", "text", "authors", "journal", "year", "volume", "pages", "doi"),
    ),
    NodeSpec(
        "Material",
        ("name", "formula", "family", "composition", "hostFormula"),
        (
            Link("dopants", "HAS_DOPANT", "Dopant", many=True),
            Link("host", "VARIANT_OF", "Material"),
            Link(
                "components",
                "HAS_COMPONENT",
                "Material",
                many=True,
                props=("role", "fraction", "fractionUnit"),
            ),
        ),
    ),
    NodeSpec(
        "Dopant",
        ("label", "element", "site", "amount", "charge", "evidence"),
        (Link("elementKey", "OF_ELEMENT", "Element"), Link("siteKey", "ON_SITE", "Site")),
    ),
    NodeSpec("Element", ("symbol", "garnetSites")),
    NodeSpec("Site", ("name",)),
    NodeSpec("Method", ("name",)),
    NodeSpec("Property", ("name", "unit", "conflictFactor")),
    NodeSpec(
        "Measurement",
        (
            "doc",
            "value",
            "valueMax",
            "unit",
            "raw",
            "temperatureC",
            "source",
            "confidence",
            "materialText",
            "definedAs",
            "basis",
            "comparator",
            "uncertainty",
            "conduction",
            "state",
            "treatment",
        ),
        (
            *_FACT_LINKS,
            Link("property", "OF_PROPERTY", "Property"),
            Link("changedTo", "CHANGED_TO", "Measurement", many=True, props=("treatment",)),
        ),
    ),
    NodeSpec("DopingReport", ("doc", "source", "confidence", "definedAs", "basis"), _FACT_LINKS),
    NodeSpec("SynthesisReport", ("doc", "source", "confidence", "definedAs", "basis"), _FACT_LINKS),
    NodeSpec("Sample", ("doc",), (Link("materials", "SAMPLE_OF", "Material", many=True),)),
)
SPEC_BY_LABEL = {spec.label: spec for spec in SPECS}


def iter_batches(
    backend: GraphBackend, spec: NodeSpec, batch_size: int = DEFAULT_BATCH
) -> Iterator[list[dict[str, Any]]]:
    """Yield the nodes of one label as lists of at most ``batch_size`` rows, in key order."""
    for rows in iter_pages(backend, spec.query, batch_size):
        for row in rows:
            for link in spec.links:
                values = row[link.alias]
                row[link.alias] = (
                    sorted((tuple(v) for v in values), key=_pair_order)
                    if link.props
                    else sorted(values)
                )
        yield rows


def _pair_order(pair: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in pair)


def distinct_values(backend: GraphBackend, label: str, prop: str) -> list[Any]:
    """The sorted distinct non-null values of one property over one label (small sets only:
    units, extractor versions)."""
    rows = backend.run(
        f"MATCH (n:{label}) WHERE n.{prop} IS NOT NULL RETURN DISTINCT n.{prop} AS v ORDER BY v"
    )
    return [r["v"] for r in rows]
