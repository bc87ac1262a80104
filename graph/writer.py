"""Loads fact records into the graph: one document per unit of work, idempotent, safe to retry.

A document is replaced by ONE Cypher statement: MERGE its facts, sentences and references, then
delete what the document no longer states and sweep shared nodes nothing uses any more. On
FalkorDB a statement is an atomic transaction and on Neo4j it runs in one managed transaction, so
a reader never sees a document half-written, nor its old and new facts together. Every deletion
comes after every write: FalkorDB 4.16 restores nodes deleted by a failed query with their
relationships attached to the wrong nodes, while it undoes creations and updates correctly
(docs/decisions/0501-one-statement-per-document.md). Values are always parameters
(``UNWIND $rows``); every node is MERGEd on its ``key``.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corpus.document import Reference
from graph import summaries
from graph.backend import GraphBackend, Statement
from graph.rows import DocumentMeta, DocumentRows, document_rows
from graph.schema import SCHEMA
from miner.records import EVIDENCE, Fact

log = logging.getLogger(__name__)

# Each part ends with `WITH count(*) AS done`: exactly one row goes on to the next part, whatever
# the part matched or unwound (an empty list of rows included).
_NEXT = "WITH count(*) AS done\n"

_DOCUMENT = """
MERGE (d:Document {key: $doc.key})
SET d.title = $doc.title, d.fileName = $doc.fileName, d.sha256 = $doc.sha256,
    d.extractorVersion = $doc.extractorVersion, d.factCount = $doc.factCount
"""

_SENTENCES = """
UNWIND ${rows} AS row
MATCH (d:Document {{key: $doc.key}})
MERGE (s:Sentence {{key: row.key}})
SET s = row
MERGE (s)-[:IN_DOCUMENT]->(d)
"""

# Shared nodes take order-independent values (the smallest text and DOI) so that the graph does
# not depend on which document was loaded first; each listing keeps its document's text and DOI
# on its LISTS relationship, from which a replacement or a prune recomputes them (_REFOLD). The
# other fields make the reference's key (corpus.document.Reference.id).
_REFERENCE_FOLD = """
ON CREATE SET r.baseLabel = row.baseLabel, r.label = row.baseLabel, r.text = row.text,
    r.authors = row.authors, r.journal = row.journal,
    r.year = row.year, r.volume = row.volume, r.pages = row.pages, r.doi = row.doi
ON MATCH SET r.text = CASE WHEN r.text IS NULL OR row.text < r.text THEN row.text ELSE r.text END,
    r.doi = CASE WHEN r.doi IS NULL OR row.doi < r.doi THEN coalesce(row.doi, r.doi)
                 ELSE r.doi END"""

_REFERENCES = (
    """
UNWIND ${rows} AS row
MATCH (d:Document {{key: $doc.key}})
MERGE (r:Reference {{key: row.key}})"""
    + _REFERENCE_FOLD
    + """
MERGE (d)-[l:LISTS {{citeKey: row.citeKey}}]->(r)
SET l.text = row.text, l.doi = row.doi
"""
)

# A material, its host (VARIANT_OF) and its components (HAS_COMPONENT) are Material nodes that
# fold the statements of every document the same way whatever the load order: the smallest name,
# formula and composition, and any family beats 'other'; a dopant takes the smallest charge and
# every evidence. What each document states is also kept on its STATES relationship to the node
# (graph.rows folds it per document), from which a replacement or a prune recomputes them.
_FOLD = """
ON CREATE SET {v}.name = {r}.name, {v}.formula = {r}.formula, {v}.family = {r}.family,
    {v}.composition = {r}.composition
ON MATCH SET {v}.name = CASE WHEN {r}.name < {v}.name THEN {r}.name ELSE {v}.name END,
    {v}.formula = CASE WHEN {v}.formula IS NULL OR {r}.formula < {v}.formula
                       THEN coalesce({r}.formula, {v}.formula) ELSE {v}.formula END,
    {v}.composition = CASE WHEN {v}.composition IS NULL OR {r}.composition < {v}.composition
                           THEN coalesce({r}.composition, {v}.composition)
                           ELSE {v}.composition END,
    {v}.family = CASE WHEN {v}.family = 'other'
                           OR ({r}.family <> 'other' AND {r}.family < {v}.family)
                      THEN {r}.family ELSE {v}.family END"""

_MATERIALS = (
    """
UNWIND ${rows} AS row
MERGE (m:Material {{key: row.key}})"""
    + _FOLD.format(v="m", r="row")
    + """
SET m.hostFormula = CASE WHEN m.hostFormula IS NULL OR row.hostFormula < m.hostFormula
                         THEN coalesce(row.hostFormula, m.hostFormula) ELSE m.hostFormula END
FOREACH (h IN CASE WHEN row.host IS NULL THEN [] ELSE [row.host] END |
  MERGE (hm:Material {{key: h.key}})"""
    + _FOLD.format(v="hm", r="h")
    + """
  MERGE (m)-[:VARIANT_OF]->(hm))
FOREACH (c IN row.components |
  MERGE (cm:Material {{key: c.key}})"""
    + _FOLD.format(v="cm", r="c")
    + """
  MERGE (m)-[hc:HAS_COMPONENT {{role: c.role}}]->(cm)
  SET hc.fraction = c.fraction, hc.fractionUnit = c.fractionUnit)
FOREACH (dp IN row.dopants |
  MERGE (n:Dopant {{key: dp.key}})
  ON CREATE SET n.label = dp.label, n.element = dp.element, n.site = dp.site,
      n.amount = dp.amount, n.charge = dp.charge, n.evidence = dp.evidence
  ON MATCH SET n.charge = CASE WHEN n.charge IS NULL OR dp.charge < n.charge
                              THEN coalesce(dp.charge, n.charge) ELSE n.charge END,
      n.evidence = [x IN EVIDENCE_ORDER WHERE x IN n.evidence OR x IN dp.evidence]
  MERGE (m)-[:HAS_DOPANT]->(n)
  MERGE (e:Element {{key: dp.element}})
  SET e.symbol = dp.element, e.garnetSites = dp.garnetSites
  MERGE (n)-[:OF_ELEMENT]->(e)
  FOREACH (site IN CASE WHEN dp.site IS NULL THEN [] ELSE [dp.site] END |
    MERGE (st:Site {{key: site}}) ON CREATE SET st.name = site
    MERGE (n)-[:ON_SITE]->(st)))
"""
)

_EVIDENCE_ORDER = "[" + ", ".join(f"'{e}'" for e in sorted(EVIDENCE)) + "]"
_MATERIALS = _MATERIALS.replace("EVIDENCE_ORDER", _EVIDENCE_ORDER)

# a document's statements of shared nodes (replacement; _CREATE_STATES for new documents)
_STATES = """
UNWIND ${rows} AS row
MATCH (d:Document {{key: $doc.key}})
MATCH (x:{label} {{key: row.key}})
MERGE (d)-[s:STATES]->(x)
SET s = row.props
"""

# A sample belongs to its document (it carries `doc`) and points at the materials it is of.
_SAMPLES = """
UNWIND ${rows} AS row
MERGE (sp:Sample {{key: row.key}})
SET sp.doc = row.doc
FOREACH (k IN row.materials |
  MERGE (m:Material {{key: k}})
  MERGE (sp)-[:SAMPLE_OF]->(m))
"""

# A fact's key fixes its sentence, material and property; its methods and references may change
# between extractor versions (stale links are removed at the end).
_FACTS = """
UNWIND ${rows} AS row
MATCH (s:Sentence {{key: row.sentence}})
MATCH (m:Material {{key: row.material}})
MERGE (f:{label} {{key: row.key}})
SET f = row.props
MERGE (f)-[:STATED_IN]->(s)
MERGE (f)-[:ABOUT]->(m)
FOREACH (name IN CASE WHEN row.property IS NULL THEN [] ELSE [row.property] END |
  MERGE (p:Property {{key: name}})
  SET p.name = name, p.unit = row.propertyUnit, p.conflictFactor = row.propertyConflictFactor
  MERGE (f)-[:OF_PROPERTY]->(p))
FOREACH (name IN row.methods |
  MERGE (me:Method {{key: name}}) ON CREATE SET me.name = name
  MERGE (f)-[:USING_METHOD]->(me))
FOREACH (ref IN row.refs |
  MERGE (r:Reference {{key: ref}})
  MERGE (f)-[:CITES]->(r))
FOREACH (sk IN CASE WHEN row.sample IS NULL THEN [] ELSE [row.sample] END |
  MERGE (sp:Sample {{key: sk}})
  MERGE (f)-[:OF_SAMPLE]->(sp))
"""

# Before/after pairs of one sample, linked once both measurements are written.
_CHANGES = """
UNWIND ${rows} AS row
MATCH (a:Measurement {{key: row.before}})
MATCH (b:Measurement {{key: row.after}})
MERGE (a)-[ch:CHANGED_TO]->(b)
SET ch.treatment = row.treatment
"""

# --- new documents: created, not merged ----------------------------------------------------------
# A document the graph does not hold has nothing to match or to delete: its own nodes (sentences,
# samples, facts) and every relationship from them are CREATEd, and only the shared nodes (the
# batch's distinct references, methods and properties; materials with their hosts, components
# and dopants) are MERGEd, each once per statement. Several new documents can go in one
# statement (their rows concatenated; each row names its document). The Document nodes are
# created first: the unique constraint on Document.key makes the statement fail, with nothing
# written, if one of them exists after all (docs/decisions/0510-new-documents-created.md).

_CREATE_DOCUMENTS = """
UNWIND $docs AS doc
CREATE (d:Document)
SET d = doc
"""

_CREATE_SENTENCES = """
UNWIND $sentences AS row
MATCH (d:Document {key: row.doc})
CREATE (s:Sentence)
SET s = row
CREATE (s)-[:IN_DOCUMENT]->(d)
"""

_CREATE_LISTS = """
UNWIND $lists AS row
MATCH (d:Document {key: row.doc})
MATCH (r:Reference {key: row.key})
CREATE (d)-[:LISTS {citeKey: row.citeKey, text: row.text, doi: row.doi}]->(r)
"""

_CREATE_STATES = """
UNWIND ${rows} AS row
MATCH (d:Document {{key: row.doc}})
MATCH (x:{label} {{key: row.key}})
CREATE (d)-[s:STATES]->(x)
SET s = row.props
"""

_MERGE_REFERENCES = (
    """
UNWIND $references AS row
MERGE (r:Reference {key: row.key})"""
    + _REFERENCE_FOLD
    + "\n"
)

_MERGE_METHODS = """
UNWIND $methods AS name
MERGE (me:Method {key: name}) ON CREATE SET me.name = name
"""

_MERGE_PROPERTIES = """
UNWIND $properties AS row
MERGE (p:Property {key: row.key})
SET p.name = row.key, p.unit = row.unit, p.conflictFactor = row.conflictFactor
"""

_CREATE_SAMPLES = """
UNWIND $samples AS row
CREATE (sp:Sample {key: row.key, doc: row.doc})
WITH sp, row
UNWIND row.materials AS k
MATCH (m:Material {key: k})
CREATE (sp)-[:SAMPLE_OF]->(m)
"""

_CREATE_FACTS = """
UNWIND ${rows} AS row
MATCH (s:Sentence {{key: row.sentence}})
MATCH (m:Material {{key: row.material}})
OPTIONAL MATCH (p:Property {{key: row.property}})
OPTIONAL MATCH (sp:Sample {{key: row.sample}})
CREATE (f:{label})
SET f = row.props
CREATE (f)-[:STATED_IN]->(s)
CREATE (f)-[:ABOUT]->(m)
FOREACH (x IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (f)-[:OF_PROPERTY]->(x))
FOREACH (x IN CASE WHEN sp IS NULL THEN [] ELSE [sp] END | CREATE (f)-[:OF_SAMPLE]->(x))
"""

# (fact key, target key) pairs of one fact label and one link type
_CREATE_LINKS = """
UNWIND ${rows} AS pair
MATCH (f:{label} {{key: pair[0]}})
MATCH (x:{target} {{key: pair[1]}})
CREATE (f)-[:{type}]->(x)
"""

_CREATE_CHANGES = """
UNWIND $changes AS row
MATCH (a:Measurement {key: row.before})
MATCH (b:Measurement {key: row.after})
CREATE (a)-[ch:CHANGED_TO]->(b)
SET ch.treatment = row.treatment
"""

# the links of a new fact beside STATED_IN/ABOUT/OF_PROPERTY/OF_SAMPLE: (parameter, type, target)
_FACT_LINKS = (("cites", "CITES", "Reference"), ("methods", "USING_METHOD", "Method"))


# --- deletions: only after every write --------------------------------------------------------
# They run as one chain that carries `cand`, the [label, key] pairs of the shared nodes that lose
# a link here (targets of the stale links, of the stale facts and of the stale LISTS, gathered
# just before each deletion): only those can become unused, so the sweep looks at them alone
# instead of scanning every shared label (a cost that grew with the graph), and a document
# rewritten unchanged gathers nothing. Each part keeps exactly one row going: OPTIONAL MATCH,
# collect, then FOREACH to delete; an UNWIND gets a trailing null so it never yields zero rows.

_START = "WITH [] AS cand\n"

_STALE_LINKS = """
OPTIONAL MATCH (f:{label} {{doc: $doc.key}})-[old:{types}]->(x)
WHERE NOT (f.key + ' ' + x.key) IN $keep.links
WITH cand, collect(old) AS stale, collect(DISTINCT x) AS targets
FOREACH (old IN stale | DELETE old)
WITH cand + [x IN targets | [labels(x)[0], x.key]] AS cand
"""

_STALE_OWNED = """
OPTIONAL MATCH (n:{label} {{doc: $doc.key}})
WHERE NOT n.key IN $keep.{name}
OPTIONAL MATCH (n)-[:ABOUT|CITES|USING_METHOD|OF_PROPERTY|SAMPLE_OF]->(x)
WITH cand, collect(DISTINCT n) AS stale, collect(DISTINCT x) AS targets
WITH cand + [x IN targets | [labels(x)[0], x.key]] AS cand, stale
FOREACH (n IN stale | DETACH DELETE n)
WITH cand
"""

_STALE_LISTS = """
OPTIONAL MATCH (:Document {key: $doc.key})-[l:LISTS]->(r:Reference)
WHERE NOT (l.citeKey + ' ' + r.key) IN $keep.lists
WITH cand, collect(l) AS stale, collect(DISTINCT r.key) AS targets
FOREACH (l IN stale | DELETE l)
WITH cand + [k IN targets | ['Reference', k]] AS cand
"""

# the document's statements of shared nodes it no longer names (all of them when it is deleted)
_STALE_STATES = """
OPTIONAL MATCH (:Document {key: $doc.key})-[s:STATES]->(x)
WHERE NOT (labels(x)[0] + ' ' + x.key) IN $keep.states
WITH cand, collect(s) AS stale, collect(DISTINCT x) AS targets
FOREACH (s IN stale | DELETE s)
WITH cand + [x IN targets | [labels(x)[0], x.key]] AS cand
"""

# The links of the materials that lost a statement here, or whose statement this document
# rewrote, that no remaining document states (STATES.variantOf, .components, .dopants, from
# graph.rows): a shared material's host, components and dopants follow the documents that
# state them, as its values do (_REFOLD). The hosts and components it lets go, and the elements
# and sites of the dopants it deletes, are candidates for the sweep. A material no document
# states keeps its links (none survives the sweep unless a fact or another material points at
# it). (Neo4j 5.26 types `cand + found` wrongly, so the pairs are rebuilt.)
_STALE_MATERIAL_LINKS = """
UNWIND [c IN cand WHERE c[0] = 'Material' | c[1]] + $refold.Material + [null] AS k
WITH DISTINCT cand, k
OPTIONAL MATCH (x:Material {key: k})
OPTIONAL MATCH (x)<-[s:STATES]-(:Document)
WITH cand, x, count(s) AS stated, collect(s.variantOf) AS hosts,
     collect(s.components) AS parts, collect(s.dopants) AS dopants
WITH cand, x, stated, reduce(a = [], l IN hosts | a + coalesce(l, [])) AS hosts,
     reduce(a = [], l IN parts | a + coalesce(l, [])) AS parts,
     reduce(a = [], l IN dopants | a + coalesce(l, [])) AS dopants
OPTIONAL MATCH (x)-[v:VARIANT_OF]->(h:Material)
WHERE stated > 0 AND NOT h.key IN hosts
WITH cand, x, stated, parts, dopants, collect(v) AS variants, collect(h.key) AS released
OPTIONAL MATCH (x)-[hc:HAS_COMPONENT]->(cm:Material)
WHERE stated > 0 AND NOT (hc.role + ' ' + cm.key) IN parts
WITH cand, x, stated, dopants, variants, released, collect(hc) AS components,
     collect(cm.key) AS parted
OPTIONAL MATCH (x)-[:HAS_DOPANT]->(dp:Dopant)
WHERE stated > 0 AND NOT dp.key IN dopants
OPTIONAL MATCH (dp)-[:OF_ELEMENT|ON_SITE]->(y)
WITH cand, variants + components AS links, released + parted AS released,
     collect(DISTINCT dp) AS unstated, collect(DISTINCT y) AS more
FOREACH (r IN links | DELETE r)
FOREACH (n IN unstated | DETACH DELETE n)
WITH cand, released, more
UNWIND [k IN released | ['Material', k]] + [y IN more | [labels(y)[0], y.key]] + [null] AS found
WITH cand, collect(found) AS found
WITH cand + [f IN found | [f[0], f[1]]] AS cand
"""

# a candidate material's hosts and components (a cell's electrolyte may be a composite with a
# filler: three levels), then the dopants of all of them with their elements and sites, lose
# their last use with it (read before the sweep deletes the material)
_MATERIAL_CANDIDATES = """
UNWIND [c IN cand WHERE c[0] = 'Material' | c[1]] + [null] AS k
OPTIONAL MATCH (:Material {key: k})-[:VARIANT_OF|HAS_COMPONENT*1..3]->(y:Material)
WITH cand, collect(DISTINCT y.key) AS more
WITH cand + [x IN more | ['Material', x]] AS cand
UNWIND [c IN cand WHERE c[0] = 'Material' | c[1]] + [null] AS k
OPTIONAL MATCH (:Material {key: k})-[:HAS_DOPANT]->(dp:Dopant)-[:OF_ELEMENT|ON_SITE]->(y)
WITH cand, collect(DISTINCT dp) AS dopants, collect(DISTINCT y) AS more
WITH cand + [x IN dopants | ['Dopant', x.key]] + [x IN more | [labels(x)[0], x.key]] AS cand
"""

# the base labels of candidate references, read before the sweep: their groups are relabelled
_LABEL_CANDIDATES = """
UNWIND [c IN cand WHERE c[0] = 'Reference' | c[1]] + [null] AS k
OPTIONAL MATCH (r:Reference {key: k})
WITH cand, collect(DISTINCT r.baseLabel) AS bases
WITH cand + [b IN bases | ['BaseLabel', b]] AS cand
"""

# Shared labels in sweep order: Materials first, three times (a variant, then its host; a cell,
# then its composite electrolyte, then that one's filler), then what only dopants and facts
# point at. Each is used exactly through incoming links.
SHARED_LABELS = (
    "Material",
    "Material",
    "Material",
    "Dopant",
    "Element",
    "Site",
    "Reference",
    "Method",
    "Property",
)
_SWEEP = """
UNWIND [c IN cand WHERE c[0] = '{label}' | c[1]] + [null] AS k
OPTIONAL MATCH (n:{label} {{key: k}})
WHERE NOT (n)<--()
WITH cand, collect(DISTINCT n) AS unused
FOREACH (n IN unused | DETACH DELETE n)
WITH cand
"""

# The folded values of the shared nodes that lost a statement here, or whose statement this
# document rewrote, recomputed from the statements that remain (the same folds as above, so a
# graph is a function of the documents it holds, not of the ones it held): after the sweep, a
# property update from values read in this statement, like _RELABEL. A node that no document
# states keeps its values. Each key's statements are read through its own index entry: the cost
# is the number of documents that state the keys this document touched.
_REFOLD = {
    "Material": """
WITH min(s.name) AS name, min(s.formula) AS formula, min(s.composition) AS composition,
     min(CASE WHEN s.family <> 'other' THEN s.family END) AS family, min(s.family) AS anyFamily,
     min(s.hostFormula) AS hostFormula, count(s) AS stated, cand, x
FOREACH (n IN CASE WHEN stated = 0 THEN [] ELSE [x] END |
  SET n.name = name, n.formula = formula, n.composition = composition,
      n.family = coalesce(family, anyFamily), n.hostFormula = hostFormula)
""",
    "Dopant": """
WITH min(s.charge) AS charge, collect(s.evidence) AS evidence, count(s) AS stated, cand, x
FOREACH (n IN CASE WHEN stated = 0 THEN [] ELSE [x] END |
  SET n.charge = charge,
      n.evidence = [e IN EVIDENCE_ORDER WHERE any(given IN evidence WHERE e IN given)])
""",
    "Reference": """
WITH min(s.text) AS smallestText, min(s.doi) AS smallestDoi, count(s) AS stated, cand, x
FOREACH (n IN CASE WHEN stated = 0 THEN [] ELSE [x] END |
  SET n.text = smallestText, n.doi = smallestDoi)
""",
}
_REFOLD["Dopant"] = _REFOLD["Dopant"].replace("EVIDENCE_ORDER", _EVIDENCE_ORDER)
# the relationship that carries each document's statement of a node of the label
_STATEMENT_TYPES = {"Material": "STATES", "Dopant": "STATES", "Reference": "LISTS"}
_REFOLD_KEYS = """
UNWIND [c IN cand WHERE c[0] = '{label}' | c[1]] + $refold.{label} + [null] AS k
WITH DISTINCT cand, k
OPTIONAL MATCH (x:{label} {{key: k}})
OPTIONAL MATCH (x)<-[s:{type}]-(:Document)
"""

# Reference labels are unique graph-wide: each base label (`Yang 2017`) shared by several
# references gets a letter per reference in key order (`Yang 2017a`, `Yang 2017b`), recomputed
# for the base labels this statement wrote or swept, so the labels depend on the graph's
# content only, never on load order (docs/decisions/0505-unique-reference-labels.md). It is the
# one write after the deletions: a property update from values read in this statement, on a
# property no constraint covers.
_RELABEL = """
UNWIND $relabel + [c IN cand WHERE c[0] = 'BaseLabel' | c[1]] + [null] AS base
WITH DISTINCT base
OPTIONAL MATCH (r:Reference {baseLabel: base})
WITH base, r ORDER BY r.key
WITH base, collect(r) AS refs
WITH base, refs,
     CASE WHEN right(base, 1) >= '0' AND right(base, 1) <= '9' THEN '' ELSE ' ' END AS gap
FOREACH (i IN range(0, size(refs) - 1) |
  FOREACH (r IN [refs[i]] |
    SET r.label = CASE WHEN size(refs) = 1 THEN base
                       WHEN i < 26 THEN base + gap + substring('abcdefghijklmnopqrstuvwxyz', i, 1)
                       ELSE base + gap + toString(i + 1) END))
WITH count(*) AS done
"""

_DELETE_DOCUMENT = """
OPTIONAL MATCH (d:Document {key: $doc.key})
DETACH DELETE d
"""

FACT_LABELS = {
    "measurements": "Measurement",
    "dopings": "DopingReport",
    "syntheses": "SynthesisReport",
}
OWNED = {**FACT_LABELS, "sentences": "Sentence", "samples": "Sample"}
# the links a fact or a sample may lose while both ends stay (their targets are noted for the
# sweep)
FACT_LINKS = "USING_METHOD|CITES|OF_SAMPLE|CHANGED_TO"
STALE_LINK_TYPES = {**dict.fromkeys(FACT_LABELS.values(), FACT_LINKS), "Sample": "SAMPLE_OF"}
# New documents go into one creation statement until it holds this many facts (a document is
# never split): measured on the generated 100x literature, FalkorDB and Neo4j side by side
# (``llzo-kg bench``, docs/decisions/0510-new-documents-created.md).
FACTS_PER_STATEMENT = 2000

_STORED_KEYS = "MATCH (d:Document) WHERE d.key IN $keys RETURN d.key AS key"


@dataclass(frozen=True)
class WriteStats:
    """What one document contributed (rows sent, after duplicate facts collapsed)."""

    doc: str
    sentences: int
    references: int
    materials: int
    measurements: int
    dopings: int
    syntheses: int
    statements: int
    samples: int = 0

    @property
    def facts(self) -> int:
        return self.measurements + self.dopings + self.syntheses


def ensure_schema(backend: GraphBackend) -> None:
    """Create the constraints and indexes of docs/schema.md (a no-op when they exist)."""
    backend.ensure_schema(SCHEMA)


def _writes(rows: DocumentRows) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(statement part with ``${rows}``, parameter name, rows) of each UNWIND write, in order."""
    parts = [
        (_SENTENCES, "sentences", rows.sentences),
        (_REFERENCES, "references", rows.references),
        (_MATERIALS, "materials", rows.materials),
        (_STATES.replace("{label}", "Material"), "statedMaterials", rows.stated_materials),
        (_STATES.replace("{label}", "Dopant"), "statedDopants", rows.stated_dopants),
        (_SAMPLES, "samples", rows.samples),
    ]
    parts += [
        (_FACTS.replace("{label}", label), name, getattr(rows, name))
        for name, label in FACT_LABELS.items()
    ]
    parts.append((_CHANGES, "changes", rows.changes))
    return parts


def _deletions() -> str:
    """Every deletion of a replacement, in order: drop stale links and owned nodes (noting the
    shared nodes they pointed at), then those of the noted nodes nothing uses any more. Ends
    with ``WITH cand``; the reference labels are made unique after it (``_RELABEL``)."""
    parts = [_START]
    parts += [
        _STALE_LINKS.format(label=label, types=types) for label, types in STALE_LINK_TYPES.items()
    ]
    parts += [_STALE_OWNED.format(label=label, name=name) for name, label in OWNED.items()]
    parts += [_STALE_LISTS, _STALE_STATES, _STALE_MATERIAL_LINKS, _MATERIAL_CANDIDATES]
    parts.append(_LABEL_CANDIDATES)
    parts += [_SWEEP.format(label=label) for label in SHARED_LABELS]
    parts += [
        _REFOLD_KEYS.format(label=label, type=type_)
        + _REFOLD[label]
        + "WITH cand, count(*) AS refolded\n"
        for label, type_ in _STATEMENT_TYPES.items()
    ]
    return "".join(parts)


def _keep(rows: DocumentRows) -> dict[str, list[str]]:
    keep = {name: [row["key"] for row in getattr(rows, name)] for name in OWNED}
    keep["lists"] = [f"{row['citeKey']} {row['key']}" for row in rows.references]
    keep["links"] = [
        f"{row['key']} {target}"
        for name in FACT_LABELS
        for row in getattr(rows, name)
        for target in row["methods"] + row["refs"] + ([row["sample"]] if row["sample"] else [])
    ]
    keep["links"] += [f"{row['before']} {row['after']}" for row in rows.changes]
    keep["links"] += [f"{row['key']} {m}" for row in rows.samples for m in row["materials"]]
    keep["states"] = [f"Material {row['key']}" for row in rows.stated_materials]
    keep["states"] += [f"Dopant {row['key']}" for row in rows.stated_dopants]
    return keep


def _refold(rows: DocumentRows) -> dict[str, list[str]]:
    """The keys of the shared nodes whose statement this document writes (``_REFOLD``)."""
    return {
        "Material": [row["key"] for row in rows.stated_materials],
        "Dopant": [row["key"] for row in rows.stated_dopants],
        "Reference": sorted({row["key"] for row in rows.references}),
    }


def _creation() -> str:
    parts = [
        _CREATE_DOCUMENTS,
        _CREATE_SENTENCES,
        _MERGE_REFERENCES,
        _CREATE_LISTS,
        _MATERIALS.format(rows="materials"),
        _CREATE_STATES.format(rows="statedMaterials", label="Material"),
        _CREATE_STATES.format(rows="statedDopants", label="Dopant"),
        _MERGE_METHODS,
        _MERGE_PROPERTIES,
        _CREATE_SAMPLES,
    ]
    parts += [_CREATE_FACTS.format(rows=name, label=label) for name, label in FACT_LABELS.items()]
    parts += [
        _CREATE_LINKS.format(rows=f"{param}_{name}", label=label, type=type_, target=target)
        for name, label in FACT_LABELS.items()
        for param, type_, target in _FACT_LINKS
    ]
    parts.append(_CREATE_CHANGES)
    return (
        "".join(part + _NEXT for part in parts)
        + _START
        + _RELABEL
        + summaries.REFRESH
        + "RETURN done"
    )


_CREATION = _creation()


def _fold_reference(known: dict[str, dict[str, Any]], row: Mapping[str, Any]) -> None:
    """Fold another listing of a reference into ``known`` as ``_REFERENCE_FOLD`` folds it into
    the graph (the first listing's fields, the smallest text and DOI), so that one row per
    reference gives what one row per listing gave."""
    seen = known.get(row["key"])
    if seen is None:
        known[row["key"]] = {k: v for k, v in row.items() if k != "citeKey"}
        return
    for field in ("text", "doi"):
        if row[field] is not None and (seen[field] is None or row[field] < seen[field]):
            seen[field] = row[field]


_FACT_FIELDS = ("props", "sentence", "material", "sample", "property")


def _distinct_materials(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The material rows of a batch without repeats: a row equal to an earlier one folds
    nothing new into the graph (every fold of ``_MATERIALS`` keeps the first or the smallest
    value, or a union), except a component's fraction, which the last row sets, so rows with
    components are all kept. Documents state the same materials: 4,965 rows of 100 generated
    papers are 1,147 distinct ones."""
    seen: set[str] = set()
    distinct = []
    for row in rows:
        if not row["components"]:
            text = json.dumps(row, sort_keys=True)
            if text in seen:
                continue
            seen.add(text)
        distinct.append(row)
    return distinct


def creation_statement(batch: Sequence[DocumentRows]) -> Statement:
    """The one statement that writes documents the graph does not hold, by creation (see
    ``_CREATE_DOCUMENTS``); it fails, writing nothing, if the graph holds one of them."""
    references: dict[str, dict[str, Any]] = {}
    for rows in batch:
        for row in rows.references:
            _fold_reference(references, row)
    lists = {
        (rows.document["key"], r["citeKey"], r["key"]): {"text": r["text"], "doi": r["doi"]}
        for rows in batch
        for r in rows.references
    }
    facts = {name: [row for rows in batch for row in getattr(rows, name)] for name in FACT_LABELS}
    every_fact = [row for part in facts.values() for row in part]
    # a fact row as _CREATE_FACTS reads it (its links go as pairs, its key is in its props): the
    # parameters are text the server parses, ~0.1 s per MB here
    properties = {
        row["property"]: {
            "key": row["property"],
            "unit": row["propertyUnit"],
            "conflictFactor": row["propertyConflictFactor"],
        }
        for row in every_fact
        if row["property"]
    }
    changes = {(c["before"], c["after"]): c for rows in batch for c in rows.changes}
    params: dict[str, Any] = {
        "docs": [rows.document for rows in batch],
        "sentences": [row for rows in batch for row in rows.sentences],
        "references": [references[k] for k in sorted(references)],
        "lists": [
            {"doc": d, "citeKey": c, "key": k, **lists[d, c, k]} for d, c, k in sorted(lists)
        ],
        "materials": _distinct_materials(row for rows in batch for row in rows.materials),
        "methods": sorted({m for row in every_fact for m in row["methods"]}),
        "properties": [properties[k] for k in sorted(properties)],
        "samples": [row for rows in batch for row in rows.samples],
        **{
            name: [{"doc": rows.document["key"], **row} for rows in batch for row in stated(rows)]
            for name, stated in (
                ("statedMaterials", lambda rows: rows.stated_materials),
                ("statedDopants", lambda rows: rows.stated_dopants),
            )
        },
        **{
            name: [{k: row[k] for k in _FACT_FIELDS} for row in part]
            for name, part in facts.items()
        },
        "changes": [changes[k] for k in sorted(changes)],
        "relabel": sorted({base for rows in batch for base in rows.relabel}),
        "summary": summaries.parameters(batch),
    }
    for name in FACT_LABELS:
        pairs = {
            "cites": {(row["key"], ref) for row in facts[name] for ref in row["refs"]},
            "methods": {(row["key"], m) for row in facts[name] for m in row["methods"]},
        }
        for param, found in pairs.items():
            params[f"{param}_{name}"] = [list(pair) for pair in sorted(found)]
    return _CREATION, params


def replacement_statements(rows: DocumentRows, batch_size: int | None = None) -> list[Statement]:
    """The statements that replace one document. ``batch_size=None`` (the default) gives ONE
    atomic statement; a number splits every UNWIND part into statements of that many rows (the
    same final graph, but a reader may see the document half-written between them: for
    benchmarking batched vs row-by-row writes only)."""
    parts = _writes(rows)
    rest = _deletions() + _RELABEL + summaries.REFRESH + "RETURN done"
    if batch_size is None:
        text = _DOCUMENT + _NEXT
        text += "".join(template.format(rows=name) + _NEXT for template, name, _ in parts)
        summary = summaries.parameters([rows])
        params = {**rows.params(), "keep": _keep(rows), "refold": _refold(rows)}
        return [(text + rest, {**params, "summary": summary})]
    if batch_size < 1:
        raise ValueError(f"Invalid {batch_size=}")
    doc = {"doc": rows.document}
    statements: list[Statement] = [(_DOCUMENT, doc)]
    for template, _, part in parts:
        text = template.format(rows="rows")
        statements += [
            (text, {**doc, "rows": part[i : i + batch_size]})
            for i in range(0, len(part), batch_size)
        ]
    summary = summaries.parameters([rows])
    statements.append(
        (
            rest,
            {
                **doc,
                "keep": _keep(rows),
                "refold": _refold(rows),
                "relabel": rows.relabel,
                "summary": summary,
            },
        )
    )
    return statements


def replace_document(
    backend: GraphBackend,
    meta: DocumentMeta,
    facts: Sequence[Fact],
    references: Sequence[Reference] = (),
    *,
    batch_size: int | None = None,
) -> WriteStats:
    """Write one document's facts in place of whatever the graph held for it. Idempotent: running
    it twice leaves the same graph. See ``replacement_statements`` for ``batch_size``."""
    rows = document_rows(meta, facts, references)
    if batch_size is None and not stored_documents(backend, [meta.id]):
        statements = [creation_statement([rows])]
        backend.write(statements)
    else:
        statements = replacement_statements(rows, batch_size)
        if batch_size is None:
            backend.write(statements)
        else:
            for statement in statements:  # one transaction each, on purpose
                backend.write([statement])
    return _stats(rows, len(statements))


def stored_documents(backend: GraphBackend, keys: Sequence[str]) -> set[str]:
    """Which of these documents the graph holds."""
    return {row["key"] for row in backend.run(_STORED_KEYS, {"keys": list(keys)})}


def _stats(rows: DocumentRows, statements: int) -> WriteStats:
    meta_id = rows.document["key"]
    stats = WriteStats(
        doc=meta_id,
        sentences=len(rows.sentences),
        references=len(rows.references),
        materials=len(rows.materials),
        measurements=len(rows.measurements),
        dopings=len(rows.dopings),
        syntheses=len(rows.syntheses),
        statements=statements,
        samples=len(rows.samples),
    )
    log.info(
        "wrote %s: %d facts, %d sentences in %d statement(s)",
        meta_id,
        stats.facts,
        stats.sentences,
        stats.statements,
    )
    return stats


def deletion_statement(doc_id: str) -> Statement:
    """The one statement that removes a document, what it owns and the shared nodes nothing uses
    any more."""
    rows = DocumentRows(document={"key": doc_id})
    text = (
        _deletions()
        + _DELETE_DOCUMENT
        + "WITH cand\n"
        + _RELABEL
        + summaries.REFRESH
        + "RETURN done"
    )
    summary = summaries.parameters([rows])
    params = {"doc": {"key": doc_id}, "keep": _keep(rows), "refold": _refold(rows)}
    return text, {**params, "relabel": [], "summary": summary}


def delete_document(backend: GraphBackend, doc_id: str) -> None:
    """Remove a document (one statement). Deleting a document the graph does not hold is a
    no-op."""
    backend.write([deletion_statement(doc_id)])
    log.info("deleted %s", doc_id)


def load_facts(
    backend: GraphBackend,
    facts: Iterable[Fact],
    references_by_doc: Mapping[str, Sequence[Reference]] | None = None,
    *,
    metas: Mapping[str, DocumentMeta] | None = None,
    batch_size: int | None = None,
    facts_per_statement: int = FACTS_PER_STATEMENT,
) -> list[WriteStats]:
    """Group facts by document and write each document, in document-id order: the documents
    the graph does not hold by creation, several to a statement of up to
    ``facts_per_statement`` facts (0: one document a statement), the others by replacement.
    ``batch_size`` replaces every document, row by row (``replacement_statements``)."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc].append(fact)
    references_by_doc = references_by_doc or {}
    metas = metas or {}

    def rows_of(doc: str) -> DocumentRows:
        meta = metas.get(doc) or DocumentMeta(id=doc)
        return document_rows(meta, by_doc[doc], references_by_doc.get(doc, ()))

    if batch_size is not None:
        return [
            replace_document(
                backend,
                metas.get(doc) or DocumentMeta(id=doc),
                by_doc[doc],
                references_by_doc.get(doc, ()),
                batch_size=batch_size,
            )
            for doc in sorted(by_doc)
        ]
    stored = stored_documents(backend, sorted(by_doc))
    stats: list[WriteStats] = []
    batch: list[DocumentRows] = []

    def flush() -> None:
        if batch:
            backend.write([creation_statement(batch)])
            stats.extend(_stats(rows, 1) for rows in batch)
            batch.clear()

    for doc in sorted(by_doc):
        rows = rows_of(doc)
        if doc in stored:
            flush()  # documents stay in id order
            backend.write(replacement_statements(rows))
            stats.append(_stats(rows, 1))
            continue
        batch.append(rows)
        if sum(rows.facts for rows in batch) >= facts_per_statement:
            flush()
    flush()
    return stats
