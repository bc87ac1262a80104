"""The labels, relationship types, property keys, constraints and indexes of docs/schema.md, as
data: the backend adapter turns the ``Schema`` into each database's DDL
(``GraphBackend.ensure_schema``), and tools/cypher-lint/schema.json declares the rest to Neo4j's
linter (a test keeps the two equal)."""

from __future__ import annotations

from graph.backend import Schema

LABELS = (
    "Document",
    "Sentence",
    "Reference",
    "Material",
    "Dopant",
    "Element",
    "Site",
    "Method",
    "Property",
    "Measurement",
    "DopingReport",
    "SynthesisReport",
    "Sample",
    # kept by ingestion for the canned queries (graph/summaries.py)
    "Tally",
    "Summary",
)
RELATIONSHIP_TYPES = (
    "IN_DOCUMENT",
    "LISTS",
    "STATES",
    "STATED_IN",
    "ABOUT",
    "OF_PROPERTY",
    "USING_METHOD",
    "CITES",
    "HAS_DOPANT",
    "OF_ELEMENT",
    "ON_SITE",
    "VARIANT_OF",
    "HAS_COMPONENT",
    "OF_SAMPLE",
    "SAMPLE_OF",
    "CHANGED_TO",
)

# Every property key docs/schema.md gives a node or relationship (tools/cypher-lint declares
# them to Neo4j's linter, so a misspelt key in a canned query is reported).
PROPERTY_KEYS = (
    "activationEnergy", "amount", "authors", "baseLabel", "basis", "calculated", "charge",
    "citeKey", "comparator", "components", "composition", "conduction", "conductivity",
    "confidence", "conflictFactor", "count", "definedAs", "density", "doc", "doi", "dopants", "ea",
    "element", "elements", "end", "evidence", "expRefs", "extractorVersion", "factCount", "family",
    "fileName", "formula", "fraction", "fractionUnit", "garnetSites", "group", "hostFormula",
    "icMax", "index", "journal", "key", "kind", "label", "material", "materialText", "measured",
    "method", "methodCounts", "methods", "mrd", "mrdAt", "mrt", "mrtAt", "name", "pages",
    "propCalculated", "property", "propReports", "props", "raw", "rd", "refCounts", "reference",
    "refs", "reports", "role", "rt", "section", "sha256", "site", "sites", "source", "start",
    "state", "symbol", "temperatureC", "text", "title", "treatment", "uncertainty", "unit",
    "value", "valueMax", "variantOf", "volume", "year",
)  # fmt: skip

SCHEMA = Schema(
    # every node is MERGEd on its `key`
    unique=tuple((label, "key") for label in LABELS),
    # what the writer and the canned queries look nodes up by besides `key`
    indexes=(
        ("Sentence", "doc"),
        ("Measurement", "doc"),
        ("DopingReport", "doc"),
        ("SynthesisReport", "doc"),
        ("Sample", "doc"),
        ("Material", "formula"),
        ("Material", "family"),
        ("Dopant", "element"),
        ("Reference", "baseLabel"),
        ("Tally", "doc"),
        ("Tally", "material"),
        ("Summary", "kind"),
        ("Summary", "group"),
        ("Summary", "count"),
    ),
    # Neo4j only (FalkorDB's full-text indexes are not part of the portable subset)
    fulltext=(("Sentence", "text"),),
)
