"""Namespaces of the RDF export and the functions that mint its IRIs.

Every IRI is a pure function of a node's content key (docs/schema.md), never of an internal id or
of export order: two exports of the same graph are byte-identical, and a fact keeps its IRI when
its document is ingested again. Lattice sites and property kinds are terms of our own vocabulary
(``graph/llzo.ttl``); everything else lives under ``https://w3id.org/llzo-kg/id/<kind>/``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, SOSA, XSD

BASE = "https://w3id.org/llzo-kg/"
LLZO = Namespace(BASE + "vocab#")
ID = BASE + "id/"

OA = Namespace("http://www.w3.org/ns/oa#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
QUANTITYKIND = Namespace("http://qudt.org/vocab/quantitykind/")
SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
DC = Namespace("http://purl.org/dc/elements/1.1/")
ECHEM = Namespace("https://w3id.org/emmo/domain/electrochemistry#")

# One prefix table for every serialisation (Turtle header, JSON-LD @context, SPARQL files), so a
# batch written on its own never invents a prefix of its own.
PREFIXES: dict[str, str] = {
    "llzo": str(LLZO),
    "bibo": str(BIBO),
    "cito": str(CITO),
    "dc": str(DC),
    "dcterms": str(DCTERMS),
    "echem": str(ECHEM),
    "fabio": str(FABIO),
    "oa": str(OA),
    "owl": str(OWL),
    "prov": str(PROV),
    "quantitykind": str(QUANTITYKIND),
    "qudt": str(QUDT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "sosa": str(SOSA),
    "unit": str(UNIT),
    "xsd": str(XSD),
}

# Path segment of the minted IRIs, per node label.
SEGMENTS: dict[str, str] = {
    "Document": "document",
    "Sentence": "sentence",
    "Reference": "reference",
    "Material": "material",
    "Dopant": "dopant",
    "Element": "element",
    "Method": "method",
    "Measurement": "measurement",
    "DopingReport": "doping-report",
    "SynthesisReport": "synthesis-report",
    "Sample": "sample",
    "Unit": "unit",
    "Agent": "agent",
}

# Canonical units (GOLD_FORMAT.md) whose QUDT unit IRI was checked; any other unit gets an IRI of
# ours under id/unit/ (see docs/rdf.md).
QUDT_UNITS: dict[str, URIRef] = {
    "S/cm": UNIT["S-PER-CentiM"],
    "eV": UNIT["EV"],
    "%": UNIT["PERCENT"],
    "degC": UNIT["DEG_C"],
    "K": UNIT["K"],
    "V": UNIT["V"],
    "h": UNIT["HR"],
    "um": UNIT["MicroM"],
    "GPa": UNIT["GigaPA"],
    "mAh/g": UNIT["MilliA-HR-PER-GM"],
    "1": UNIT["UNITLESS"],
}


def node_iri(label: str, key: str) -> URIRef:
    """The IRI of the node with this label and content key (``Material``,
    ``Li6.25Ga0.25La3Zr2O12`` -> ``.../id/material/Li6.25Ga0.25La3Zr2O12``)."""
    try:
        segment = SEGMENTS[label]
    except KeyError:
        raise ValueError(f"Invalid {label=}: no IRI scheme for it") from None
    if not key:
        raise ValueError(f"Invalid {key=} for a {label} node: keys must be non-empty")
    return URIRef(f"{ID}{segment}/{quote(key, safe='')}")


def part_iri(owner: URIRef, part: str) -> URIRef:
    """A resource that only exists as part of another (a measurement's result, a sentence's
    selector): the owner's IRI with a fragment, so it needs no blank node."""
    return URIRef(f"{owner}#{part}")


def _pascal(name: str) -> str:
    words = [w for w in re.split(r"[^0-9A-Za-z]+", name) if w]
    if not words:
        raise ValueError(f"Invalid {name=}: no letters or digits to name a term with")
    return "".join(w[0].upper() + w[1:] for w in words)


def site_iri(name: str) -> URIRef:
    """The lattice-site term of our vocabulary: ``Li`` -> ``llzo:LiSite``."""
    return LLZO[_pascal(name) + "Site"]


def property_iri(name: str) -> URIRef:
    """The property-kind term of our vocabulary: ``ionic_conductivity`` ->
    ``llzo:IonicConductivity``."""
    return LLZO[_pascal(name)]


def unit_iri(unit: str) -> URIRef:
    """QUDT's unit for a canonical unit string, or an IRI of ours when QUDT's is not known."""
    return QUDT_UNITS.get(unit) or node_iri("Unit", unit)


def agent_iri(extractor_version: str) -> URIRef:
    """The software agent (llzo-kg at one extractor version) that extracted a document's facts."""
    return node_iri("Agent", f"llzo-kg/{extractor_version}")
