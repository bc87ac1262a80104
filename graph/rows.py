"""Facts, document metadata and references reshaped into the row maps the writer sends as
``$parameters``: pure functions, no database.

The key functions here are the ones docs/schema.md specifies; every key is a function of the
input only (no counters, no clocks), so loading the same facts twice produces the same rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus.document import Reference
from miner.chemistry.formula import canonical_formula
from miner.chemistry.sites import garnet_sites
from miner.property_specs import canonical_units, conflict_factors
from miner.records import (
    ROLES,
    ComponentMaterial,
    Dopant,
    Fact,
    Host,
    Material,
    default_material_key,
    dopant_label,
    formula_holds,
)

# Canonical unit per property (GOLD_FORMAT.md), as miner/data/properties.toml declares it; the
# Property node of one not listed has no unit (its measurements still carry theirs).
PROPERTY_UNITS: Mapping[str, str] = canonical_units()
# The intrinsic properties' conflict factors (properties.toml): what conflicting_reports compares.
PROPERTY_CONFLICT_FACTORS: Mapping[str, float] = conflict_factors()

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
    samples: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    relabel: list[str] = field(default_factory=list)  # reference base labels to make unique
    # what the document states of each shared Material and Dopant node ({key, props})
    stated_materials: list[dict[str, Any]] = field(default_factory=list)
    stated_dopants: list[dict[str, Any]] = field(default_factory=list)

    @property
    def facts(self) -> int:
        return len(self.measurements) + len(self.dopings) + len(self.syntheses)

    def params(self) -> dict[str, Any]:
        return {
            "doc": self.document,
            "sentences": self.sentences,
            "references": self.references,
            "materials": self.materials,
            "measurements": self.measurements,
            "dopings": self.dopings,
            "syntheses": self.syntheses,
            "samples": self.samples,
            "changes": self.changes,
            "relabel": self.relabel,
            "statedMaterials": self.stated_materials,
            "statedDopants": self.stated_dopants,
        }


# --- keys (docs/schema.md) ---------------------------------------------------------------------


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def sentence_key(fact: Fact) -> str:
    """``<doc>#<sentence index>``; a table row (its provenance names the table and row) is
    ``<doc>#t<table number>r<row>``."""
    if fact.source == "table" and fact.provenance.row is not None:
        label = fact.provenance.table or ""
        number = _TABLE_NUMBER.search(label)
        table = number.group(1) if number else (label or "?")
        return f"{fact.doc}#t{table}r{fact.provenance.row}"
    return f"{fact.doc}#{fact.sentence}"


def material_name(material: Material | ComponentMaterial | Host) -> str:
    """The material as written (its formula, or ``?``, when the text is blank)."""
    return material.text if material.text.strip() else (material.formula or "?")


def material_key(material: Material, dopants: Sequence[Dopant] = ()) -> str:
    """The record's canonical ``material.key`` (miner/records.py fills it by default from the
    formula, or the host and the dopant signature, or the components, or the name)."""
    return material.key or default_material_key(material, tuple(dopants))


def dopant_key(material: str, dopant: Dopant) -> str:
    return f"{material}|{dopant_label(dopant)}"


def sample_key(fact: Fact) -> str | None:
    """``<doc>#sample:<id>`` for the sample the record names. A measurement without one is its
    own sentence's (or table row's) sample of its material: ``<sentence key>|<material key>``,
    so only values stated together are taken as one sample. Other records without one have
    none."""
    if fact.sample:
        return f"{fact.doc}#sample:{fact.sample}"
    if fact.kind != "measurement":
        return None
    return f"{sentence_key(fact)}|{material_key(fact.material, fact.dopants)}"


def reference_key(doc: str, cite_key: str, reference: Reference | None) -> str:
    """The content-derived ``Reference.id`` when the document's reference list is known, else a
    per-document ``<doc>#ref<citeKey>``."""
    return reference.id if reference is not None else f"{doc}#ref{cite_key}"


def reference_label(doc: str, cite_key: str, reference: Reference | None) -> str:
    """The base of what queries print for a reference: ``Rossi 2019`` (first author's surname
    and year), or the start of its text, or ``<doc> [<citeKey>]`` when only the citation key is
    known. The writer makes it unique graph-wide (``Rossi 2019a``/``b`` for two papers with the
    same base, docs/decisions/0505-unique-reference-labels.md)."""
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


# --- version-2 values the record leaves open -------------------------------------------------
# LEGACY: an extractor that predates the material model gave a doped material the host's formula
# (``Ga-doped Li7La3Zr2O12`` as ``Li7La3Zr2O12``); ``host`` and ``own_formula`` read that formula
# as the host's. Delete them once the miner fills ``material.host``.


def host(material: Material, dopants: Sequence[Dopant]) -> Host | None:
    """The record's host; LEGACY: a doped material whose formula lacks its dopants was given
    the host's formula (``Ga-doped Li7La3Zr2O12`` as ``Li7La3Zr2O12``), so that formula is the
    host's."""
    if material.host is not None:
        return material.host
    if dopants and material.formula and not formula_holds(material.formula, dopants):
        return Host(material.formula, material.formula)
    return None


def own_formula(material: Material, dopants: Sequence[Dopant]) -> str | None:
    """The material's own formula: none when the formula given is its host's (``host``)."""
    if dopants and material.formula and not formula_holds(material.formula, dopants):
        return None
    return material.formula


def composition(
    formula: str | None, host_: Host | None, dopants: Sequence[Dopant], name: str
) -> str:
    """What a row shows as the composition: the formula; else host + dopants
    (``Li7La3Zr2O12 + Ga@Li:?``); else the name, with its dopants when it has some."""
    if formula:
        return formula
    labels = ", ".join(sorted({dopant_label(d) for d in dopants}))
    base = (host_.formula or host_.text) if host_ is not None else name
    return f"{base} + {labels}" if labels else base


def _components_text(material: Material) -> str:
    """``filler LLZTO 15 wt%; matrix PEO; salt LiTFSI``: a composite's or a cell's parts."""
    parts = []
    for c in sorted(material.components, key=lambda c: (ROLES.index(c.role), c.material.key)):
        amount = f" {c.fraction:g} {c.fraction_unit or ''}".rstrip() if c.fraction else ""
        parts.append(f"{c.role} {c.material.formula or material_name(c.material)}{amount}")
    return "; ".join(parts)


# --- rows --------------------------------------------------------------------------------------


def document_rows(
    meta: DocumentMeta, facts: Sequence[Fact], references: Sequence[Reference] = ()
) -> DocumentRows:
    """The rows of one document. Facts of another document are an error (a document is written
    as one unit); duplicate facts (same key) collapse into one row."""
    for fact in facts:
        if fact.doc != meta.id:
            raise ValueError(f"Invalid fact for document {meta.id!r}: its doc is {fact.doc!r}")
    unique: dict[str, Fact] = {}
    for key, fact in _text_order(facts):
        unique.setdefault(key, fact)  # of duplicates, the first in text order
    ordered = sorted(unique.items())
    refs = _reference_rows(meta.id, references, [f for _, f in ordered])
    ref_keys = {row["citeKey"]: row["key"] for row in refs}
    materials = _material_rows(f for _, f in ordered)
    rows = DocumentRows(
        document={
            "key": meta.id,
            "title": meta.title,
            "fileName": meta.file_name,
            "sha256": meta.sha256,
            "extractorVersion": meta.extractor_version,
            "factCount": len(facts) if meta.fact_count is None else meta.fact_count,
        },
        sentences=_sentence_rows(unique.values()),
        references=refs,
        materials=materials,
        samples=_sample_rows(f for _, f in ordered),
        changes=_change_rows(ordered),
        relabel=sorted({row["baseLabel"] for row in refs}),
        stated_materials=_stated_materials(materials),
        stated_dopants=[
            {"key": d["key"], "props": {"charge": d["charge"], "evidence": d["evidence"]}}
            for row in materials
            for d in row["dopants"]
        ],
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


def _text_order(facts: Sequence[Fact]) -> list[tuple[str, Fact]]:
    """(key, fact) in text order, a total order whatever the input order: span, then key, then
    the whole record for facts with the same key (duplicates). The record's JSON costs ~0.5 ms
    a fact, so it is made only for those (it was 90 % of a load's rows when made for all)."""
    keyed = [(fact_key(f), f) for f in facts]
    seen = Counter(key for key, _ in keyed)
    return sorted(
        keyed,
        key=lambda kf: (kf[1].start, kf[1].end, kf[0], kf[1].to_json() if seen[kf[0]] > 1 else ""),
    )


def _sentence_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """One row per sentence (or table row), from the first of its facts in text order."""
    rows: dict[str, dict[str, Any]] = {}
    for fact in facts:
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
            "baseLabel": reference_label(doc, r.key, r),
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
            "baseLabel": reference_label(doc, k, None),
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


def _node_row(
    key: str, name: str, formula: str | None, family_: str, composition_: str | None
) -> dict[str, Any]:
    """A Material node's own values. A host or component row has no composition: the node's
    composition comes from the statements about the material itself."""
    return {
        "key": key,
        "name": name,
        "formula": formula,
        "family": family_,
        "composition": composition_,
    }


def _least(*values: str | None) -> str | None:
    """The smallest of the values given (``None`` when none is)."""
    given = [v for v in values if v]
    return min(given) if given else None


def _merge_node(known: dict[str, Any], row: dict[str, Any]) -> None:
    """Fold another statement of the same material into ``known`` as the writer folds documents
    (smallest name, formula, composition and host formula; any family beats ``other``), so the
    rows do not depend on fact order."""
    known["name"] = min(known["name"], row["name"])
    for field_ in ("formula", "composition", "hostFormula"):
        if field_ in known:
            known[field_] = _least(known[field_], row.get(field_))
    families = [f for f in (known["family"], row["family"]) if f != "other"]
    known["family"] = min(families) if families else "other"


def _material_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    materials: dict[str, dict[str, Any]] = {}
    for fact in facts:
        material, dopants = fact.material, fact.dopants
        key = material_key(material, dopants)
        name = material_name(material)
        parent = host(material, dopants)
        formula = own_formula(material, dopants)
        text = composition(formula, parent, dopants, name)
        if not formula and parent is None and material.components:
            text = _components_text(material)
        row = _node_row(key, name, formula, material.family, text)
        row["hostFormula"] = parent.formula if parent is not None else None
        known = materials.setdefault(key, {**row, "host": None, "components": {}, "dopants": {}})
        _merge_node(known, row)
        if parent is not None:
            hkey = canonical_formula(parent.formula) or " ".join(
                material_name(parent).lower().split()
            )
            hrow = _node_row(
                hkey,
                material_name(parent),
                parent.formula,
                row["family"],
                None,
            )
            if known["host"] is None:
                known["host"] = hrow
            else:
                _merge_node(known["host"], hrow)
        for c in material.components:
            crow = _node_row(
                c.material.key or "?",
                material_name(c.material),
                c.material.formula,
                c.material.family,
                None,
            )
            crow.update(role=c.role, fraction=c.fraction, fractionUnit=c.fraction_unit)
            ckey = f"{c.role} {crow['key']}"
            if ckey in known["components"]:
                _merge_node(known["components"][ckey], crow)
            else:
                known["components"][ckey] = crow
        for dopant in dopants:
            dkey = dopant_key(key, dopant)
            seen = known["dopants"].get(dkey)
            charge = dopant.charge if seen is None or seen["charge"] is None else seen["charge"]
            evidence = set(seen["evidence"]) if seen is not None else set()
            evidence |= {dopant.evidence} if dopant.evidence else set()
            known["dopants"][dkey] = {
                "key": dkey,
                "label": dopant_label(dopant),
                "element": dopant.element,
                "site": dopant.site,
                "amount": dopant.amount,
                "charge": charge,
                "evidence": sorted(evidence),
                "garnetSites": list(garnet_sites(dopant.element)),
            }
    return [
        {
            **row,
            "components": [row["components"][k] for k in sorted(row["components"])],
            "dopants": [row["dopants"][k] for k in sorted(row["dopants"])],
        }
        for _, row in sorted(materials.items())
    ]


def _stated_materials(materials: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the document states of each Material node it names (as itself, a host or a
    component), folded over its rows as the writer folds documents. The writer keeps it on the
    document's ``STATES`` relationship, so a shared node's values can be recomputed from the
    documents that still state it when one is replaced or pruned."""
    stated: dict[str, dict[str, Any]] = {}
    links: dict[str, dict[str, set[str]]] = {}
    for row in materials:
        for part in [row, *([row["host"]] if row["host"] else []), *row["components"]]:
            own = _node_row(
                part["key"], part["name"], part["formula"], part["family"], part["composition"]
            )
            own["hostFormula"] = part["hostFormula"] if part is row else None
            known = stated.setdefault(part["key"], own)
            if known is not own:
                _merge_node(known, own)
            stated_links = links.setdefault(part["key"], {name: set() for name in LINK_LISTS})
            if part is row:
                for name, values in _links(row).items():
                    stated_links[name] |= values
    return [
        {
            "key": key,
            "props": {
                **{k: v for k, v in stated[key].items() if k != "key"},
                **{name: sorted(values) for name, values in links[key].items()},
            },
        }
        for key in sorted(stated)
    ]


# The links of a material a document states, on its STATES relationship (the writer keeps the
# links some remaining document states when one is pruned or replaced): the host's key, each
# component as ``<role> <key>``, each dopant's key.
LINK_LISTS = ("variantOf", "components", "dopants")


def _links(row: Mapping[str, Any]) -> dict[str, set[str]]:
    """What one material row links its material to (``LINK_LISTS``)."""
    return {
        "variantOf": {row["host"]["key"]} if row["host"] else set(),
        "components": {f"{c['role']} {c['key']}" for c in row["components"]},
        "dopants": {d["key"] for d in row["dopants"]},
    }


def _sample_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """One row per sample the facts name: its key, document and the materials it is of."""
    samples: dict[str, set[str]] = {}
    doc = ""
    for fact in facts:
        key = sample_key(fact)
        if key is not None:
            doc = fact.doc
            samples.setdefault(key, set()).add(material_key(fact.material, fact.dopants))
    return [{"key": key, "doc": doc, "materials": sorted(samples[key])} for key in sorted(samples)]


def _change_rows(ordered: Sequence[tuple[str, Fact]]) -> list[dict[str, Any]]:
    """Before/after pairs: within one sample and property, the n-th ``before`` value (in text
    order) with the n-th ``after`` one, with the treatment either states (the after's first)."""
    groups: dict[tuple[str, str], dict[str, list[tuple[int, str, Fact]]]] = {}
    for key, fact in ordered:
        sample, kind = sample_key(fact), fact.state
        if fact.kind == "measurement" and sample and kind is not None:
            group = groups.setdefault((sample, fact.property or ""), {"before": [], "after": []})
            group[kind].append((_value_start(fact), key, fact))
    changes = []
    for _, group in sorted(groups.items()):
        pairs = zip(sorted(group["before"]), sorted(group["after"]), strict=False)
        for (_, before_key, before), (_, after_key, after) in pairs:
            treatment = after.treatment or before.treatment
            changes.append({"before": before_key, "after": after_key, "treatment": treatment})
    return sorted(changes, key=lambda c: (c["before"], c["after"]))


def _value_start(fact: Fact) -> int:
    start = fact.provenance.value_start
    return fact.start if start is None else start


def _fact_row(key: str, fact: Fact, refs: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "key": key,
        "doc": fact.doc,
        "source": fact.source,
        "confidence": fact.confidence,
        "definedAs": fact.material.defined_as,
        "basis": fact.basis,
    }
    if fact.kind == "measurement":
        props.update(
            value=fact.value,
            valueMax=fact.value_max,
            unit=fact.unit,
            raw=fact.raw,
            temperatureC=fact.temperature_C,
            materialText=fact.material.text,
            comparator=fact.comparator,
            uncertainty=fact.uncertainty,
            conduction=fact.conduction,
            state=fact.state,
            treatment=fact.treatment,
        )
    return {
        "key": key,
        "props": {k: v for k, v in props.items() if v is not None},
        "sentence": sentence_key(fact),
        "material": material_key(fact.material, fact.dopants),
        "sample": sample_key(fact),
        "property": fact.property,
        "propertyUnit": PROPERTY_UNITS.get(fact.property or ""),
        "propertyConflictFactor": PROPERTY_CONFLICT_FACTORS.get(fact.property or ""),
        "methods": sorted(set(fact.methods)),
        "refs": refs,
    }
