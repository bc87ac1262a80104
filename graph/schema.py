"""The constraints and indexes of docs/schema.md, as data; the backend adapter turns them into
each database's DDL (``GraphBackend.ensure_schema``)."""

from __future__ import annotations

from llzo_kg.graph.backend import Schema

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
)
RELATIONSHIP_TYPES = (
    "IN_DOCUMENT",
    "LISTS",
    "STATED_IN",
    "ABOUT",
    "OF_PROPERTY",
    "USING_METHOD",
    "CITES",
    "HAS_DOPANT",
    "OF_ELEMENT",
    "ON_SITE",
)

SCHEMA = Schema(
    # every node is MERGEd on its `key`
    unique=tuple((label, "key") for label in LABELS),
    # what the writer and the canned queries look nodes up by besides `key`
    indexes=(
        ("Sentence", "doc"),
        ("Measurement", "doc"),
        ("DopingReport", "doc"),
        ("SynthesisReport", "doc"),
        ("Material", "formula"),
        ("Dopant", "element"),
    ),
    # Neo4j only (FalkorDB's full-text indexes are not part of the portable subset)
    fulltext=(("Sentence", "text"),),
)
