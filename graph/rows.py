"""Facts, document metadata and references reshaped into the row maps the writer sends as
``$parameters``: pure functions, no database.

The key functions here are the ones docs/schema.md specifies; every key is a function of the
input only (no counters, no clocks), so loading the same facts twice produces the same rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus.document import Reference
from miner.property_specs import canonical_units
from miner.records import Dopant, Fact, Material

# Canonical unit per property (GOLD_FORMAT.md), as miner/data/properties.toml declares it; the
# Property node of one not listed has no unit (its measurements still carry theirs).
PROPERTY_UNITS: Mapping[str, str] = canonical_units()

_TABLE_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class DocumentMeta:
    """What the graph records about a document besides its facts. ``fact_count`` defaults to
    the number of facts written."""

    id: str
    title: str = ""
    file_name: str = ""
    sha256: str = ""
    extractor_version: str = ""
    fact_count: int | None = None

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise ValueError(f"Invalid document {self.id=}")


@dataclass(frozen=True)
class DocumentRows:
    """Everything one document contributes, as parameter values for the writer."""

    document: dict[str, Any]
    sentences: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    materials: list[dict[str, Any]] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    dopings: list[dict[str, Any]] = field(default_factory=list)
    syntheses: list[dict[str, Any]] = field(default_factory=list)

    def params(self) -> dict[str, Any]:
        return {
            "doc": self.document,
            "sentences": self.sentences,
            "references": self.references,
            "materials": self.materials,
            "measurements": self.measurements,
            "dopings": self.dopings,
            "syntheses": self.syntheses,
        }


# --- keys (docs/schema.md) ---------------------------------------------------------------------


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _num(value: float | None) -> str:
    return "?" if value is None else format(value, ".10g")


def sentence_key(fact: Fact) -> str:
    """``<doc>#<sentence index>``; a table row (its provenance names the table and row) is
    ``<doc>#t<table number>r<row>``."""
    if fact.source == "table" and fact.provenance.row is not None:
        label = fact.provenance.table or ""
        number = _TABLE_NUMBER.search(label)
        table = number.group(1) if number else (label or "?")
        return f"{fact.doc}#t{table}r{fact.provenance.row}"
    return f"{fact.doc}#{fact.sentence}"


def material_name(material: Material) -> str:
    """The material as written (its formula, or ``?``, when the text is blank)."""
    return material.text if material.text.strip() else (material.formula or "?")


def dopant_label(dopant: Dopant) -> str:
    """``Ga@Li:0.25`` (``?`` for an unknown site or amount): what queries show for a dopant."""
    return f"{dopant.element}@{dopant.site or '?'}:{_num(dopant.amount)}"


def dopant_signature(dopants: Iterable[Dopant]) -> str:
    """The dopant labels, sorted and comma-joined: the same dopants in any order give the same
    signature."""
    return ",".join(sorted({dopant_label(d) for d in dopants}))


def material_key(material: Material, dopants: Sequence[Dopant] = ()) -> str:
    """The normalised formula when known; else the lower-cased name (whitespace runs as one
    space), plus ``|`` and the dopant signature when there are dopants (``llzo|Ga@Li:0.25``)."""
    if material.formula:
        return material.formula
    name = " ".join(material_name(material).lower().split())
    signature = dopant_signature(dopants)
    return f"{name}|{signature}" if signature else name


def dopant_key(material: str, dopant: Dopant) -> str:
    return f"{material}|{dopant_label(dopant)}"


def reference_key(doc: str, cite_key: str, reference: Reference | None) -> str:
    """The content-derived ``Reference.id`` when the document's reference list is known, else a
    per-document ``<doc>#ref<citeKey>``."""
    return reference.id if reference is not None else f"{doc}#ref{cite_key}"


def reference_label(doc: str, cite_key: str, reference: Reference | None) -> str:
    """What queries print for a reference: ``Rossi 2019`` (first author's surname and year), or
    the start of its text, or ``<doc> [<citeKey>]`` when only the citation key is known."""
    if reference is not None and reference.authors:
        surname = reference.authors[0].split()[-1]
        return f"{surname} {reference.year}" if reference.year else surname
    if reference is not None and reference.text.strip():
        return " ".join(reference.text.split())[:40]
    return f"{doc} [{cite_key}]"


def fact_key(fact: Fact) -> str:
    """``meas:``/``dop:``/``syn:`` + a hash of what identifies the fact (docs/schema.md)."""
    sentence = sentence_key(fact)
    material = material_key(fact.material, fact.dopants)
    if fact.kind == "measurement":
        return "meas:" + _digest(
            fact.doc,
            sentence,
            fact.start,
            fact.end,
            fact.property,
            fact.value,
            fact.value_max,
            material,
        )
    if fact.kind == "doping":
        dopants = sorted(dopant_key(material, d) for d in fact.dopants)
        return "dop:" + _digest(fact.doc, sentence, material, dopants)
    return "syn:" + _digest(fact.doc, sentence, material, sorted(fact.methods))


def is_garnet(material: Material) -> bool:
    """The miner's decision: the material's family is garnet (``miner.chemistry.family``)."""
    return material.family == "garnet"


def is_calculated(fact: Fact) -> bool:
    """Backed by calculation: the extractor read the fact's basis as calculated."""
    return fact.basis == "calculated"


# --- rows --------------------------------------------------------------------------------------


def document_rows(
    meta: DocumentMeta, facts: Sequence[Fact], references: Sequence[Reference] = ()
) -> DocumentRows:
    """The rows of one document. Facts of another document are an error (a document is written
    as one unit); duplicate facts (same key) collapse into one row."""
    for fact in facts:
        if fact.doc != meta.id:
            raise ValueError(f"Invalid fact for document {meta.id!r}: its doc is {fact.doc!r}")
    unique = {fact_key(f): f for f in sorted(facts, key=_fact_order, reverse=True)}
    ordered = sorted(unique.items())
    refs = _reference_rows(meta.id, references, [f for _, f in ordered])
    ref_keys = {row["citeKey"]: row["key"] for row in refs}
    rows = DocumentRows(
        document={
            "key": meta.id,
            "title": meta.title,
            "fileName": meta.file_name,
            "sha256": meta.sha256,
            "extractorVersion": meta.extractor_version,
            "factCount": len(facts) if meta.fact_count is None else meta.fact_count,
        },
        sentences=_sentence_rows(f for _, f in ordered),
        references=refs,
        materials=_material_rows(f for _, f in ordered),
    )
    for key, fact in ordered:
        row = _fact_row(key, fact, [ref_keys[k] for k in dict.fromkeys(fact.refs)])
        if fact.kind == "measurement":
            rows.measurements.append(row)
        elif fact.kind == "doping":
            rows.dopings.append(row)
        else:
            rows.syntheses.append(row)
    return rows


def _fact_order(fact: Fact) -> tuple[Any, ...]:
    return (fact.start, fact.end, fact.to_json())


def _sentence_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for fact in sorted(facts, key=_fact_order):
        key = sentence_key(fact)
        if key in rows:
            continue
        index = fact.provenance.row if key.startswith(f"{fact.doc}#t") else fact.sentence
        rows[key] = {
            "key": key,
            "doc": fact.doc,
            "index": index,
            "section": fact.section,
            "text": fact.text,
            "start": fact.start,
            "end": fact.end,
            "source": fact.source,
        }
    return [rows[k] for k in sorted(rows)]


def _reference_rows(
    doc: str, references: Sequence[Reference], facts: Sequence[Fact]
) -> list[dict[str, Any]]:
    """Every entry of the document's reference list, plus a per-document stand-in for each cited
    key the list does not hold."""
    rows = [
        {
            "key": reference_key(doc, r.key, r),
            "citeKey": r.key,
            "label": reference_label(doc, r.key, r),
            "text": r.text,
            "authors": list(r.authors),
            "journal": r.journal,
            "year": r.year,
            "volume": r.volume,
            "pages": r.pages,
            "doi": r.doi,
        }
        for r in references
    ]
    known = {r.key for r in references}
    cited = sorted({k for f in facts for k in f.refs} - known)
    rows += [
        {
            "key": reference_key(doc, k, None),
            "citeKey": k,
            "label": reference_label(doc, k, None),
            "text": None,
            "authors": [],
            "journal": None,
            "year": None,
            "volume": None,
            "pages": None,
            "doi": None,
        }
        for k in cited
    ]
    return sorted(rows, key=lambda row: row["citeKey"])


def _material_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    materials: dict[str, dict[str, Any]] = {}
    for fact in facts:
        key = material_key(fact.material, fact.dopants)
        name = material_name(fact.material)
        row = materials.setdefault(
            key,
            {
                "key": key,
                "name": name,
                "formula": fact.material.formula,
                "isGarnet": is_garnet(fact.material),
                "dopants": {},
            },
        )
        row["name"] = min(row["name"], name)
        row["isGarnet"] = row["isGarnet"] or is_garnet(fact.material)
        for dopant in fact.dopants:
            dkey = dopant_key(key, dopant)
            known = row["dopants"].get(dkey)
            charge = dopant.charge if known is None or known["charge"] is None else known["charge"]
            row["dopants"][dkey] = {
                "key": dkey,
                "label": dopant_label(dopant),
                "element": dopant.element,
                "site": dopant.site,
                "amount": dopant.amount,
                "charge": charge,
            }
    return [
        {**row, "dopants": [row["dopants"][k] for k in sorted(row["dopants"])]}
        for _, row in sorted(materials.items())
    ]


def _fact_row(key: str, fact: Fact, refs: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "key": key,
        "doc": fact.doc,
        "source": fact.source,
        "confidence": fact.confidence,
    }
    if fact.kind == "measurement":
        props.update(
            value=fact.value,
            valueMax=fact.value_max,
            unit=fact.unit,
            raw=fact.raw,
            temperatureC=fact.temperature_C,
            calculated=is_calculated(fact),
            materialText=fact.material.text,
        )
    return {
        "key": key,
        "props": {k: v for k, v in props.items() if v is not None},
        "sentence": sentence_key(fact),
        "material": material_key(fact.material, fact.dopants),
        "property": fact.property,
        "propertyUnit": PROPERTY_UNITS.get(fact.property or ""),
        "methods": sorted(set(fact.methods)),
        "refs": refs,
    }
