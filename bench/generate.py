"""A synthetic literature for benchmarks: the review's facts taken as a distribution and scaled.

``generate(observed, scale)`` writes ``scale`` times as many facts as ``observed`` holds, spread
over ``DOCS_PER_SCALE * scale`` documents of unequal size, each fact drawn from a real one and
varied the way a literature varies:

- compositions: a dopant keeps its element or takes another, drawn from the observed element
  frequencies plus a long tail of the other elements known to dope garnets
  (``miner.chemistry.garnet.SITE_PREFERENCE``, Zipf weights), on an observed site (or the element's
  preferred one), in an amount near an observed one — so many distinct materials, the popular
  ones shared by many documents (a material whose dopants are unchanged keeps its formula);
- values: the observed value times a log-normal factor (percentages stay <= 100);
- methods: kept, or drawn from the observed frequencies plus a tail of the other canonical
  methods (``miner/data/methods.toml``);
- references: every document lists ~40 papers drawn from one pool with Zipf popularity, so the
  same paper is one ``Reference`` node cited across documents, a few of them very often.

Deterministic: the same observed facts, scale and seed give the same facts, in the same order.
Every fact is built by ``make_fact`` (the fact record is about to gain fields: one edit there).
``graph_size`` counts the nodes and relationships the writer will create, without a database.

    .venv/bin/python -m bench.generate [--scale N] [--seed S]   # sizes at N (default 100, 1000)
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import random
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.document import Reference
from graph.rows import DocumentMeta, document_rows
from miner.chemistry.garnet import SITE_PREFERENCE
from miner.records import Dopant, Fact, Material, Provenance

METHODS_TABLE = Path(__file__).resolve().parents[1] / "miner" / "data" / "methods.toml"
DOCS_PER_SCALE = 4  # 100x the review: ~400 papers of ~85 facts each
REFERENCES_PER_DOC = 40
REFERENCE_POOL_PER_DOC = 10  # distinct papers in the pool, per document generated
SWAP_DOPANT = 0.5  # chance a dopant takes another element
SWAP_METHOD = 0.3
VALUE_SIGMA = 0.25  # log-normal spread of values around the observed one
FACTS_PER_SENTENCE = 2.0
TAIL_WEIGHT = 0.5  # weight of the first unobserved element/method, then Zipf (1/rank)
JOURNALS = (
    "J. Mater. Chem. A",
    "Solid State Ionics",
    "Chem. Mater.",
    "ACS Energy Lett.",
    "J. Power Sources",
    "Adv. Energy Mater.",
    "Nano Energy",
    "J. Am. Ceram. Soc.",
)


def make_fact(**fields: Any) -> Fact:
    """The one place a generated fact is built (version-2 fields get their values here)."""
    return Fact(**fields)


@dataclass(frozen=True)
class Corpus:
    """Generated facts, in document order, and each document's reference list."""

    facts: list[Fact]
    references: dict[str, list[Reference]]

    @property
    def documents(self) -> list[str]:
        return sorted(self.references)


class _Weighted:
    """Draws from items with weights (cumulative sums + bisect: O(log n) per draw)."""

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights[i] for i in self.items))

    def draw(self, rng: random.Random) -> Any:
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]


def _with_tail(observed: Counter[str], others: Iterable[str]) -> dict[str, float]:
    """Observed counts, then every other item with a Zipf weight below the rarest observed."""
    weights: dict[str, float] = dict(sorted(observed.items(), key=lambda kv: (-kv[1], kv[0])))
    floor = min(observed.values(), default=1) * TAIL_WEIGHT
    tail = sorted(set(others) - set(weights))
    for rank, item in enumerate(tail, start=1):
        weights[item] = floor / rank
    return weights


@dataclass
class Distribution:
    """What the observed facts say: the facts themselves (the templates), dopant elements with
    their sites and amounts, and methods."""

    templates: list[Fact]
    elements: _Weighted
    sites: dict[str, _Weighted]
    amounts: dict[str, list[float]]
    methods: _Weighted
    amount_share: float = field(default=0.0)  # dopants with a stated amount

    @classmethod
    def observe(cls, facts: Sequence[Fact]) -> Distribution:
        if not facts:
            raise ValueError("Invalid observed facts: none")
        dopants = [d for f in facts for d in f.dopants]
        sites: dict[str, Counter[str]] = defaultdict(Counter)
        amounts: dict[str, list[float]] = defaultdict(list)
        for dopant in dopants:
            if dopant.site:
                sites[dopant.element][dopant.site] += 1
            if dopant.amount:
                amounts[dopant.element].append(dopant.amount)
        for element, preferred in SITE_PREFERENCE.items():
            if element not in sites:
                sites[element][preferred[0]] = 1
        methods = tomllib.loads(METHODS_TABLE.read_text(encoding="utf-8"))
        return cls(
            templates=list(facts),
            elements=_Weighted(_with_tail(Counter(d.element for d in dopants), SITE_PREFERENCE)),
            sites={e: _Weighted(dict(sorted(c.items()))) for e, c in sorted(sites.items())},
            amounts={e: sorted(a) for e, a in sorted(amounts.items())},
            methods=_Weighted(_with_tail(Counter(m for f in facts for m in f.methods), methods)),
            amount_share=sum(1 for d in dopants if d.amount) / max(1, len(dopants)),
        )


def _reference(number: int, rng: random.Random) -> Reference:
    """Paper ``number`` of the pool (a fixed, content-derived identity)."""
    year = rng.randint(1995, 2025)
    journal = JOURNALS[number % len(JOURNALS)]
    volume, page = str(rng.randint(1, 400)), str(rng.randint(1, 9999))
    author = f"Author{number:06d}"
    return Reference(
        key="",
        number=0,
        letter="",
        text=f"A. {author}, et al., {journal} {year}, {volume}, {page}.",
        authors=(f"A. {author}",),
        journal=journal,
        year=year,
        volume=volume,
        pages=page,
    )


def _sizes(total: int, docs: int, rng: random.Random) -> list[int]:
    """``docs`` document sizes summing to ``total``: log-normal (most papers hold a few dozen
    facts, a few reviews hundreds), each at least one fact."""
    raw = [rng.lognormvariate(0.0, 0.8) for _ in range(docs)]
    scale = (total - docs) / sum(raw)
    sizes = [1 + int(r * scale) for r in raw]
    for i in range(total - sum(sizes)):
        sizes[i % docs] += 1
    return sizes


def _amount(element: str, template: float | None, dist: Distribution, rng: random.Random):
    if template is None:
        return None
    seen = dist.amounts.get(element)
    base = rng.choice(seen) if seen else rng.choice((0.1, 0.2, 0.25, 0.3, 0.5))
    return round(max(0.01, base * rng.uniform(0.6, 1.4)), 2)


def _dopants(template: Fact, dist: Distribution, rng: random.Random) -> tuple[Dopant, ...]:
    out: dict[str, Dopant] = {}
    for dopant in template.dopants:
        if rng.random() >= SWAP_DOPANT:
            out.setdefault(dopant.element, dopant)
            continue
        element = dist.elements.draw(rng)
        site = dist.sites[element].draw(rng) if element in dist.sites else dopant.site
        amount = _amount(element, dopant.amount, dist, rng)
        out.setdefault(element, Dopant(element, element, site, amount, None))
    return tuple(out.values())


def _material(template: Fact, dopants: tuple[Dopant, ...]) -> Material:
    if dopants == template.dopants:
        return template.material
    elements = "-".join(d.element for d in dopants)
    return Material(f"{elements}-doped LLZO" if elements else template.material.text, None)


def _value(template: Fact, factor: float) -> tuple[float | None, float | None]:
    def scaled(value: float | None) -> float | None:
        if value is None or value <= 0:
            return value
        out = float(f"{value * factor:.4g}")
        if template.unit == "%":
            out = min(out, 100.0)
        if template.unit == "cycles":
            out = float(max(1, round(out)))
        return out

    return scaled(template.value), scaled(template.value_max)


def _methods(template: Fact, dist: Distribution, rng: random.Random) -> tuple[str, ...]:
    chosen = [
        m if rng.random() >= SWAP_METHOD else dist.methods.draw(rng) for m in template.methods
    ]
    return tuple(dict.fromkeys(chosen))


def generate(
    observed: Sequence[Fact], scale: int, seed: int = 0, docs_per_scale: int = DOCS_PER_SCALE
) -> Corpus:
    """``scale`` times the observed facts over ``docs_per_scale * scale`` documents."""
    if scale < 1:
        raise ValueError(f"Invalid {scale=}")
    rng = random.Random(seed)
    dist = Distribution.observe(observed)
    docs = max(1, docs_per_scale * scale)
    pool = [
        _reference(n, random.Random(f"{seed}:ref:{n}"))
        for n in range(docs * REFERENCE_POOL_PER_DOC)
    ]
    popularity = _Weighted({n: 1.0 / (n + 1) for n in range(len(pool))})
    facts: list[Fact] = []
    references: dict[str, list[Reference]] = {}
    for number, size in enumerate(_sizes(scale * len(observed), docs, rng)):
        doc = f"gen-{number:06d}"
        listed = sorted({popularity.draw(rng) for _ in range(REFERENCES_PER_DOC)})
        references[doc] = [
            Reference(**{**_fields(pool[n]), "key": str(i), "number": i})
            for i, n in enumerate(listed, start=1)
        ]
        cite = _Weighted({str(i): 1.0 / math.sqrt(n + 1) for i, n in enumerate(listed, start=1)})
        sentence, start = 0, 0
        for _ in range(size):
            template = rng.choice(dist.templates)
            if rng.random() < 1.0 / FACTS_PER_SENTENCE:
                sentence += 1
                start += len(template.text) + 1
            dopants = _dopants(template, dist, rng)
            value, value_max = _value(template, rng.lognormvariate(0.0, VALUE_SIGMA))
            provenance = Provenance(
                **({"table": "Table 1", "row": sentence} if template.source == "table" else {})
            )
            facts.append(
                make_fact(
                    kind=template.kind,
                    doc=doc,
                    section=template.section,
                    sentence=sentence,
                    start=start,
                    end=start + len(template.text),
                    text=template.text,
                    material=_material(template, dopants),
                    dopants=dopants,
                    property=template.property,
                    value=value,
                    value_max=value_max,
                    unit=template.unit,
                    raw=template.raw,
                    temperature_C=template.temperature_C,
                    methods=_methods(template, dist, rng),
                    refs=tuple(sorted({cite.draw(rng) for _ in template.refs})),
                    source=template.source,
                    confidence=template.confidence,
                    basis=template.basis,
                    comparator=template.comparator,
                    provenance=provenance,
                )
            )
    return Corpus(facts, references)


def _fields(reference: Reference) -> dict[str, Any]:
    return {name: getattr(reference, name) for name in Reference.__dataclass_fields__}


# --- size of the graph it gives ----------------------------------------------------------------


def graph_size(corpus: Corpus) -> dict[str, Any]:
    """Nodes per label and relationships per type that loading ``corpus`` creates (the writer's
    own rows, keys deduplicated across documents as MERGE does)."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in corpus.facts:
        by_doc[fact.doc].append(fact)
    nodes: dict[str, set[str]] = defaultdict(set)
    rels: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for doc in sorted(by_doc):
        rows = document_rows(DocumentMeta(id=doc), by_doc[doc], corpus.references.get(doc, ()))
        nodes["Document"].add(doc)
        for row in rows.sentences:
            nodes["Sentence"].add(row["key"])
            rels["IN_DOCUMENT"].add((row["key"],))
        for row in rows.references:
            nodes["Reference"].add(row["key"])
            rels["LISTS"].add((doc, row["citeKey"], row["key"]))
        for row in rows.materials:
            nodes["Material"].add(row["key"])
            if row["host"] is not None:
                nodes["Material"].add(row["host"]["key"])
                rels["VARIANT_OF"].add((row["key"], row["host"]["key"]))
            for part in row["components"]:
                nodes["Material"].add(part["key"])
                rels["HAS_COMPONENT"].add((row["key"], part["role"], part["key"]))
            for dp in row["dopants"]:
                nodes["Dopant"].add(dp["key"])
                nodes["Element"].add(dp["element"])
                rels["HAS_DOPANT"].add((row["key"], dp["key"]))
                rels["OF_ELEMENT"].add((dp["key"],))
                if dp["site"]:
                    nodes["Site"].add(dp["site"])
                    rels["ON_SITE"].add((dp["key"],))
        for name, label in (
            ("measurements", "Measurement"),
            ("dopings", "DopingReport"),
            ("syntheses", "SynthesisReport"),
        ):
            for row in getattr(rows, name):
                nodes[label].add(row["key"])
                rels["STATED_IN"].add((row["key"],))
                rels["ABOUT"].add((row["key"],))
                if row["property"]:
                    nodes["Property"].add(row["property"])
                    rels["OF_PROPERTY"].add((row["key"],))
                for method in row["methods"]:
                    nodes["Method"].add(method)
                    rels["USING_METHOD"].add((row["key"], method))
                for ref in row["refs"]:
                    nodes["Reference"].add(ref)
                    rels["CITES"].add((row["key"], ref))
                if row["sample"] is not None:
                    rels["OF_SAMPLE"].add((row["key"], row["sample"]))
        for row in rows.samples:
            nodes["Sample"].add(row["key"])
            rels["SAMPLE_OF"].update((row["key"], m) for m in row["materials"])
        rels["CHANGED_TO"].update((row["before"], row["after"]) for row in rows.changes)
        rels["STATES"].update((doc, row["key"]) for row in rows.stated_materials)
        rels["STATES"].update((doc, row["key"]) for row in rows.stated_dopants)
    node_counts = {k: len(v) for k, v in sorted(nodes.items()) if v}
    rel_counts = {k: len(v) for k, v in sorted(rels.items()) if v}
    return {
        "documents": len(by_doc),
        "facts": sum(
            node_counts.get(k, 0) for k in ("Measurement", "DopingReport", "SynthesisReport")
        ),
        "nodes": sum(node_counts.values()),
        "relationships": sum(rel_counts.values()),
        "labels": node_counts,
        "types": rel_counts,
    }


def review_facts() -> list[Fact]:
    """The review's facts, extracted (the observed distribution of ``llzo-kg bench``)."""
    from bench.run import REVIEW
    from corpus import read_document
    from miner.extract import extract_document

    return extract_document(read_document(REVIEW))


if __name__ == "__main__":
    args = sys.argv[1:]
    scales = [int(args[args.index("--scale") + 1])] if "--scale" in args else [100, 1000]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 0
    observed = review_facts()
    sizes = {f"{s}x": graph_size(generate(observed, s, seed)) for s in scales}
    print(json.dumps({"observed_facts": len(observed), **sizes}, indent=2))
