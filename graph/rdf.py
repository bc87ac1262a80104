"""The graph as RDF (Turtle, JSON-LD, N-Triples) in standard vocabularies, for collaborators.

The export streams: nodes are read label by label in key-ordered batches (``graph/dump.py``), each
batch becomes a small rdflib graph, and that graph is serialised and appended to the file before
the next batch is read. Memory therefore depends on the batch size, not on the graph. To keep one
coherent document per format while writing batch by batch:

- N-Triples: each batch's lines, sorted;
- Turtle: one ``@prefix`` header with every prefix of ``vocab.PREFIXES``, then each batch's
  statements (a batch never needs a prefix outside that table: checked as it is written);
- JSON-LD: one ``{"@context": ..., "@graph": [...]}`` object; each batch contributes its node
  objects, written in canonical form (sorted keys and values).

No blank nodes are used (parts of a node get fragment IRIs), so the output is a pure function of
the graph content: two exports of the same graph are byte-identical. The terms are described in
docs/rdf.md; ``graph/shapes.ttl`` holds the SHACL shapes every export conforms to.
"""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SOSA, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer

from graph import dump
from graph.backend import GraphBackend
from graph.vocab import (
    BIBO,
    CITO,
    DC,
    FABIO,
    LLZO,
    OA,
    PREFIXES,
    QUDT,
    SCHEMA,
    agent_iri,
    node_iri,
    part_iri,
    property_iri,
    site_iri,
    unit_iri,
)

log = logging.getLogger(__name__)

FORMATS = ("turtle", "json-ld", "nt")
RESOURCES = Path(__file__).resolve().parent
VOCABULARY_FILE = RESOURCES / "llzo.ttl"
SHAPES_FILE = RESOURCES / "shapes.ttl"
TEMPERATURE_UNIT = "degC"

Row = dict[str, Any]
Triple = tuple[URIRef, URIRef, URIRef | Literal]


# --- rows to triples --------------------------------------------------------------------------


def _lit(value: Any, datatype: URIRef | None = None) -> Literal:
    if datatype == XSD.double:
        return Literal(float(value), datatype=XSD.double)
    if datatype in (XSD.integer, XSD.nonNegativeInteger):
        return Literal(int(value), datatype=datatype)
    if datatype == XSD.boolean:
        return Literal(bool(value), datatype=XSD.boolean)
    if datatype is not None:
        return Literal(str(value), datatype=datatype)
    return Literal(str(value))


def _values(
    s: URIRef, node: Row, spec: Iterable[tuple[str, URIRef, URIRef | None]]
) -> Iterator[Triple]:
    """Literal triples for the node properties that are set, as (property, predicate, datatype)."""
    for prop, predicate, datatype in spec:
        value = node.get(prop)
        if value is not None and value != "":
            yield s, predicate, _lit(value, datatype)


def _node(
    s: URIRef,
    row: Row,
    types: Iterable[URIRef],
    spec: Iterable[tuple[str, URIRef, URIRef | None]] = (),
) -> Iterator[Triple]:
    """What every node states: its classes, its key as dcterms:identifier, its set literals."""
    for kind in types:
        yield s, RDF.type, kind
    yield s, DCTERMS.identifier, Literal(row["key"])
    yield from _values(s, row["node"], spec)


def _extraction(doc: str) -> URIRef:
    return part_iri(node_iri("Document", doc), "extraction")


def _document(row: Row) -> Iterator[Triple]:
    node, s = row["node"], node_iri("Document", row["key"])
    yield from _node(
        s,
        row,
        [BIBO.Document, PROV.Entity],
        [
            ("title", DCTERMS.title, None),
            ("fileName", LLZO.fileName, None),
            ("sha256", LLZO.sha256, None),
            ("factCount", LLZO.factCount, XSD.integer),
        ],
    )
    activity = _extraction(row["key"])
    yield activity, RDF.type, PROV.Activity
    yield activity, PROV.used, s
    if node.get("extractorVersion"):
        yield activity, PROV.wasAssociatedWith, agent_iri(str(node["extractorVersion"]))
    for ref_key, cite_key in row["references"]:
        ref = node_iri("Reference", ref_key)
        yield s, CITO.cites, ref
        if cite_key is None:
            continue
        entry = part_iri(s, "ref-" + quote(str(cite_key), safe=""))
        yield entry, RDF.type, LLZO.ReferenceListEntry
        yield entry, LLZO.citeKey, Literal(str(cite_key))
        yield entry, LLZO.listedIn, s
        yield entry, LLZO.entryFor, ref


def _sentence(row: Row) -> Iterator[Triple]:
    node, s = row["node"], node_iri("Sentence", row["key"])
    yield from _node(
        s,
        row,
        [OA.SpecificResource, PROV.Entity],
        [
            ("index", LLZO.sentenceIndex, XSD.integer),
            ("section", LLZO.section, None),
            ("source", LLZO.sourceKind, None),
        ],
    )
    for doc in row["document"]:
        yield s, OA.hasSource, node_iri("Document", doc)
    if node.get("start") is not None and node.get("end") is not None:
        position = part_iri(s, "position")
        yield s, OA.hasSelector, position
        yield position, RDF.type, OA.TextPositionSelector
        yield position, OA.start, _lit(node["start"], XSD.nonNegativeInteger)
        yield position, OA.end, _lit(node["end"], XSD.nonNegativeInteger)
    if node.get("text") is not None:
        exact = part_iri(s, "quote")
        yield s, OA.hasSelector, exact
        yield exact, RDF.type, OA.TextQuoteSelector
        yield exact, OA.exact, Literal(str(node["text"]))


def _reference(row: Row) -> Iterator[Triple]:
    node, s = row["node"], node_iri("Reference", row["key"])
    journal = [FABIO.JournalArticle] if node.get("journal") else []
    yield from _node(
        s,
        row,
        [DCTERMS.BibliographicResource, *journal],
        [
            ("label", RDFS.label, None),
            ("text", DCTERMS.bibliographicCitation, None),
            ("journal", LLZO.journalTitle, None),
            ("year", DCTERMS.issued, XSD.gYear),
            ("volume", BIBO.volume, None),
            ("pages", BIBO.pages, None),
            ("doi", BIBO.doi, None),
        ],
    )
    for author in node.get("authors") or ():
        yield s, DC.creator, Literal(str(author))


def _material(row: Row) -> Iterator[Triple]:
    s = node_iri("Material", row["key"])
    yield from _node(
        s,
        row,
        [LLZO.Material, SCHEMA.ChemicalSubstance],
        [
            ("name", RDFS.label, None),
            ("formula", SCHEMA.chemicalComposition, None),
            ("family", LLZO.family, None),
            ("composition", LLZO.composition, None),
            ("hostFormula", LLZO.hostFormula, None),
        ],
    )
    for dopant in row["dopants"]:
        yield s, LLZO.hasDopant, node_iri("Dopant", dopant)
    for host in row["host"]:
        yield s, LLZO.variantOf, node_iri("Material", host)
    # a component is a part of its material (a fragment IRI, no blank node)
    for key, role, fraction, unit in row["components"]:
        part = part_iri(s, "component-" + quote(f"{role} {key}", safe=""))
        yield s, LLZO.hasComponent, part
        yield part, RDF.type, LLZO.Component
        yield part, LLZO.role, Literal(str(role))
        yield part, LLZO.componentMaterial, node_iri("Material", key)
        if fraction is not None:
            yield part, LLZO.fraction, _lit(fraction, XSD.double)
        if unit:
            yield part, LLZO.fractionUnit, Literal(str(unit))


def _dopant(row: Row) -> Iterator[Triple]:
    s = node_iri("Dopant", row["key"])
    yield from _node(
        s,
        row,
        [LLZO.Dopant],
        [
            ("label", RDFS.label, None),
            ("amount", LLZO.amount, XSD.double),
            ("charge", LLZO.charge, XSD.integer),
        ],
    )
    for evidence in row["node"].get("evidence") or ():
        yield s, LLZO.evidence, Literal(str(evidence))
    for element in row["elementKey"]:
        yield s, LLZO.dopantElement, node_iri("Element", element)
    for site in row["siteKey"]:
        yield s, LLZO.onSite, site_iri(site)


def _element(row: Row) -> Iterator[Triple]:
    s = node_iri("Element", row["key"])
    yield from _node(s, row, [LLZO.Element], [("symbol", LLZO.symbol, None)])
    for site in row["node"].get("garnetSites") or ():
        yield s, LLZO.plausibleSite, site_iri(str(site))


def _site(row: Row) -> Iterator[Triple]:
    yield from _node(site_iri(row["key"]), row, [LLZO.LatticeSite])


def _method(row: Row) -> Iterator[Triple]:
    yield from _node(
        node_iri("Method", row["key"]), row, [LLZO.Method], [("name", RDFS.label, None)]
    )


def _property(row: Row) -> Iterator[Triple]:
    s = property_iri(row["key"])
    yield from _node(s, row, [LLZO.PropertyKind])
    if row["node"].get("unit"):
        yield s, LLZO.canonicalUnit, unit_iri(str(row["node"]["unit"]))


def _fact(row: Row, s: URIRef, kind: URIRef) -> Iterator[Triple]:
    """What measurements and doping/synthesis reports share: provenance, method, citations."""
    node = row["node"]
    yield from _node(
        s,
        row,
        [kind, PROV.Entity],
        [
            ("source", LLZO.sourceKind, None),
            ("confidence", LLZO.confidence, XSD.double),
            ("definedAs", LLZO.definedAs, None),
            ("basis", LLZO.basis, None),
        ],
    )
    for sample in row["sample"]:
        yield s, LLZO.ofSample, node_iri("Sample", sample)
    if node.get("doc"):
        yield s, PROV.wasGeneratedBy, _extraction(str(node["doc"]))
    for sentence in row["sentence"]:
        yield s, PROV.wasDerivedFrom, node_iri("Sentence", sentence)
    for method in row["methods"]:
        yield s, LLZO.usedMethod, node_iri("Method", method)
    for ref in row["references"]:
        yield s, CITO.citesAsEvidence, node_iri("Reference", ref)


def _measurement(row: Row) -> Iterator[Triple]:
    node, s = row["node"], node_iri("Measurement", row["key"])
    yield from _fact(row, s, LLZO.Measurement)
    yield s, RDF.type, SOSA.Observation
    for material in row["material"]:
        yield s, SOSA.hasFeatureOfInterest, node_iri("Material", material)
    for prop in row["property"]:
        yield s, SOSA.observedProperty, property_iri(prop)
    yield from _values(
        s,
        node,
        [
            ("raw", LLZO.rawText, None),
            ("materialText", LLZO.materialText, None),
            ("comparator", LLZO.comparator, None),
            ("conduction", LLZO.conduction, None),
            ("state", LLZO.state, None),
            ("treatment", LLZO.treatment, None),
        ],
    )
    for after, _treatment in row["changedTo"]:
        yield s, LLZO.changedTo, node_iri("Measurement", after)
    result = part_iri(s, "result")
    yield s, SOSA.hasResult, result
    yield result, RDF.type, QUDT.QuantityValue
    yield from _values(
        result,
        node,
        [
            ("value", QUDT.numericValue, XSD.double),
            ("valueMax", LLZO.numericValueMax, XSD.double),
            ("uncertainty", QUDT.standardUncertainty, XSD.double),
        ],
    )
    if node.get("unit"):
        yield result, QUDT.unit, unit_iri(str(node["unit"]))
    if node.get("temperatureC") is not None:
        temperature = part_iri(s, "temperature")
        yield s, LLZO.temperature, temperature
        yield temperature, RDF.type, QUDT.QuantityValue
        yield temperature, QUDT.numericValue, _lit(node["temperatureC"], XSD.double)
        yield temperature, QUDT.unit, unit_iri(TEMPERATURE_UNIT)


def _report(kind: URIRef) -> Callable[[Row], Iterator[Triple]]:
    def triples(row: Row) -> Iterator[Triple]:
        s = node_iri(row["label"], row["key"])
        yield from _fact(row, s, kind)
        for material in row["material"]:
            yield s, LLZO.about, node_iri("Material", material)

    return triples


def _sample(row: Row) -> Iterator[Triple]:
    s = node_iri("Sample", row["key"])
    yield from _node(s, row, [LLZO.Sample, SOSA.Sample])
    for material in row["materials"]:
        yield s, SOSA.isSampleOf, node_iri("Material", material)
    if row["node"].get("doc"):
        yield s, LLZO.reportedIn, node_iri("Document", str(row["node"]["doc"]))


MAPPERS: dict[str, Callable[[Row], Iterator[Triple]]] = {
    "Document": _document,
    "Sentence": _sentence,
    "Reference": _reference,
    "Material": _material,
    "Dopant": _dopant,
    "Element": _element,
    "Site": _site,
    "Method": _method,
    "Property": _property,
    "Measurement": _measurement,
    "DopingReport": _report(LLZO.DopingReport),
    "SynthesisReport": _report(LLZO.SynthesisReport),
    "Sample": _sample,
}


def _header(backend: GraphBackend) -> Iterator[Triple]:
    """The few shared resources no node owns: units in use and the extractor agents."""
    units = set(dump.distinct_values(backend, "Measurement", "unit"))
    units |= set(dump.distinct_values(backend, "Property", "unit"))
    units.add(TEMPERATURE_UNIT)  # measurement temperatures are always in degC
    for unit in sorted(map(str, units)):
        yield unit_iri(unit), RDF.type, QUDT.Unit
        yield unit_iri(unit), LLZO.unitSymbol, Literal(unit)
    for version in dump.distinct_values(backend, "Document", "extractorVersion"):
        agent = agent_iri(str(version))
        yield agent, RDF.type, PROV.SoftwareAgent
        yield agent, RDFS.label, Literal(f"llzo-kg extractor {version}")
        yield agent, LLZO.extractorVersion, Literal(str(version))


def _new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    return g


@dataclass
class ExportStats:
    """What an export wrote: nodes per label and triples in all."""

    nodes: dict[str, int] = field(default_factory=dict)
    triples: int = 0


def iter_graphs(
    backend: GraphBackend, batch_size: int = dump.DEFAULT_BATCH, stats: ExportStats | None = None
) -> Iterator[Graph]:
    """The export as a sequence of small rdflib graphs: the header, then one per batch of nodes
    (no subject spans two graphs)."""
    stats = stats if stats is not None else ExportStats()
    header = _new_graph()
    for triple in _header(backend):
        header.add(triple)
    stats.triples += len(header)
    yield header
    for spec in dump.SPECS:
        mapper = MAPPERS[spec.label]
        stats.nodes.setdefault(spec.label, 0)
        for rows in dump.iter_batches(backend, spec, batch_size):
            g = _new_graph()
            for row in rows:
                row["label"] = spec.label
                for triple in mapper(row):
                    g.add(triple)
            stats.nodes[spec.label] += len(rows)
            stats.triples += len(g)
            yield g


# --- serialisation ----------------------------------------------------------------------------


class _Writer:
    """Writes a sequence of batch graphs as one document of one format."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def begin(self) -> None:
        """Write what comes before the first batch."""

    def batch(self, g: Graph) -> None:
        raise NotImplementedError

    def end(self) -> None:
        """Write what comes after the last batch."""


class _NTriples(_Writer):
    def batch(self, g: Graph) -> None:
        lines = sorted(line for line in g.serialize(format="nt").splitlines() if line)
        if lines:
            self.out.write("\n".join(lines) + "\n")


class _ExactTurtle(TurtleSerializer):
    """rdflib writes an xsd:double in Turtle shorthand with 7 significant digits (``%e``), so
    0.166666666667 came back as 0.1666667: doubles are written as typed literals with their full
    lexical form instead (``"0.166666666667"^^xsd:double``)."""

    def label(self, node: Any, position: int) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.double:
            return node._literal_n3(qname_callback=lambda dt: self.get_pname(dt, False))
        return super().label(node, position)


class _Turtle(_Writer):
    PREFIX_LINES = {f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()}

    def begin(self) -> None:
        self.out.write("\n".join(sorted(self.PREFIX_LINES)) + "\n")

    def batch(self, g: Graph) -> None:
        if not len(g):
            return
        buffer = io.BytesIO()
        _ExactTurtle(g).serialize(buffer, encoding="utf-8")
        lines = buffer.getvalue().decode("utf-8").splitlines()
        prefixes = {line for line in lines if line.startswith("@prefix")}
        unknown = prefixes - self.PREFIX_LINES
        if unknown:
            raise RuntimeError(f"a Turtle batch used prefixes outside vocab.PREFIXES: {unknown}")
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        self.out.write("\n" + body + "\n")


def _canonical(value: Any) -> Any:
    """A JSON-LD value with sorted keys and sorted arrays (JSON-LD arrays without @list are
    unordered sets), so the text does not depend on rdflib's iteration order."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


class _JsonLd(_Writer):
    first = True

    def begin(self) -> None:
        context = json.dumps(PREFIXES, sort_keys=True, ensure_ascii=False)
        self.out.write('{"@context": ' + context + ',\n"@graph": [\n')

    def batch(self, g: Graph) -> None:
        if not len(g):
            return
        data = json.loads(g.serialize(format="json-ld", context=PREFIXES))
        nodes = data.get("@graph") or [{k: v for k, v in data.items() if k != "@context"}]
        for node in sorted((_canonical(n) for n in nodes), key=lambda n: n["@id"]):
            self.out.write(
                ("" if self.first else ",\n") + json.dumps(node, sort_keys=True, ensure_ascii=False)
            )
            self.first = False

    def end(self) -> None:
        self.out.write("\n]}\n")


WRITERS: dict[str, type[_Writer]] = {"turtle": _Turtle, "json-ld": _JsonLd, "nt": _NTriples}


def write_rdf(
    backend: GraphBackend, out: IO[str], fmt: str = "turtle", batch_size: int = dump.DEFAULT_BATCH
) -> ExportStats:
    """Stream the graph as RDF in ``fmt`` to a text stream."""
    if fmt not in WRITERS:
        raise ValueError(f"Invalid {fmt=}: choose one of {', '.join(FORMATS)}")
    stats = ExportStats()
    writer = WRITERS[fmt](out)
    writer.begin()
    for g in iter_graphs(backend, batch_size, stats):
        writer.batch(g)
    writer.end()
    return stats


def export_rdf(
    backend: GraphBackend,
    path: str | os.PathLike[str],
    fmt: str = "turtle",
    batch_size: int = dump.DEFAULT_BATCH,
) -> ExportStats:
    """Export the graph to ``path``: written to a temporary file beside it and renamed at the
    end, so a failed export never leaves a truncated file behind."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # a plain open (not mkstemp, which makes the file private): the export is for sharing
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            stats = write_rdf(backend, out, fmt, batch_size)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("exported %d triples (%s) to %s", stats.triples, fmt, target)
    return stats


def validate(data: Graph) -> tuple[bool, str]:
    """Check an export against ``graph/shapes.ttl`` with pyshacl (a dev dependency): whether it
    conforms, and pyshacl's report text."""
    try:
        import pyshacl
    except ImportError as exc:  # pragma: no cover - pyshacl is in the dev extra
        raise RuntimeError(
            "validating an export needs pyshacl: pip install 'llzo-kg[dev]'"
        ) from exc
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)
