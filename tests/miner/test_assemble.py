"""Sentence fact assembly on the real recogniser pipeline: one case per line of
``data/assembly-cases.jsonl``, one parametrised test.

A case is a paragraph written for these tests in the style of papers (``^[n]`` marks a citation
the way the corpus reader leaves it: removed from the text, kept with its offset; a sentence
"¶" is a paragraph break) and the facts its sentences give, each described on one line by
``describe`` (numbered by sentence when the case has several). A new phrasing is a new line; a
failing case prints its sentences, the facts expected and the facts that came out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from miner.assemble import Context, Mention, assemble
from miner.extract import load_pipeline, shared_abbreviations
from miner.records import Component, Fact

CASES = Path(__file__).resolve().parent / "data" / "assembly-cases.jsonl"
PARAGRAPH = "¶"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def read(nlp: Language, *sentences: str) -> list[list[Fact]]:
    """Facts of consecutive sentences of one document ("¶": a paragraph break)."""
    context = Context()
    cfg = shared_abbreviations(nlp)
    out = []
    for sentence in sentences:
        if sentence == PARAGRAPH:
            context = context.next_paragraph()
            continue
        citations, text, last = [], "", 0
        for marker in re.finditer(r"\^\[(\w+)\]", sentence):
            text += sentence[last : marker.start()]
            citations.append((len(text), (marker.group(1),)))
            last = marker.end()
        text += sentence[last:]
        facts, context = assemble(nlp(text, component_cfg=cfg), citations, context)
        out.append(facts)
    return out


def _number(value: float | None) -> str:
    return "?" if value is None else repr(value)


def describe(f: Fact) -> str:
    """A fact on one line: what was measured (value, unit, comparator, uncertainty, temperature,
    conduction kind, before/after and its treatment) | material = formula [family] < host
    {parts} := definition | dopants element@site:amount(evidence) | methods | refs | link and
    confidence (| basis, composition flags when there are)."""
    if f.kind == "measurement":
        head = f"{f.property} {_number(f.value)}"
        head += f"..{_number(f.value_max)}" if f.value_max is not None else ""
        head += f" {f.unit}"
        head += f" {f.comparator}" if f.comparator != "=" else ""
        head += f" ±{_number(f.uncertainty)}" if f.uncertainty is not None else ""
        head += f" @{_number(f.temperature_C)}" if f.temperature_C is not None else ""
        head += f" {f.conduction}" if f.conduction else ""
        if f.state:
            head += f" ({f.state}: {f.treatment})" if f.treatment else f" ({f.state})"
    else:
        head = f.kind
    m = f.material
    material = m.text + (f" = {m.formula}" if m.formula else "") + f" [{m.family}]"
    if m.host is not None:
        material += f" < {m.host.formula or m.host.text}"
    if m.components:
        material += " {" + "; ".join(_component(c) for c in m.components) + "}"
    if m.defined_as:
        material += f" := {m.defined_as}"
    dopants = " ".join(
        f"{d.element}@{d.site or '?'}:{_number(d.amount)}({d.evidence or '?'})" for d in f.dopants
    )
    parts = [
        head,
        material,
        dopants or "-",
        ", ".join(f.methods) or "-",
        "refs " + (",".join(f.refs) or "-"),
        f"{f.provenance.link} {f.confidence!r}",
    ]
    if f.basis != "experimental":
        parts.append(f.basis)
    if f.provenance.composition_flags:
        parts.append("flags: " + "; ".join(f.provenance.composition_flags))
    return " | ".join(parts)


def _component(c: Component) -> str:
    fraction = f" {c.fraction:g} {c.fraction_unit}" if c.fraction is not None else ""
    return f"{c.role} {c.material.formula or c.material.text}{fraction}"


def rendered(nlp: Language, sentences: list[str]) -> list[str]:
    """The described facts of a case, numbered by sentence when there are several."""
    read_back = read(nlp, *sentences)
    several = len(read_back) > 1
    return [
        f"{n}: {describe(f)}" if several else describe(f)
        for n, facts in enumerate(read_back, start=1)
        for f in facts
    ]


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["case"])
def test_assemble_case(nlp: Language, case: dict) -> None:
    got = rendered(nlp, case["sentences"])
    if got != case["facts"]:
        lines = ["", *case["sentences"], "expected:", *case["facts"], "got:", *got]
        pytest.fail("\n  ".join(lines), pytrace=False)


def test_context_paragraph_break_keeps_only_a_garnet_subject() -> None:
    garnet = Mention("LLZO")
    metal = Context(subject=Mention("lithium metal", formula="Li"), garnet=garnet)
    assert metal.next_paragraph().subject is garnet
    ga = Mention("Li6.4Ga0.2La3Zr2O12", formula="Li6.4Ga0.2La3Zr2O12")
    kept = Context(subject=ga, garnet=garnet, topic=ga, study_refs=("3",), paragraph=(ga,))
    assert kept.next_paragraph() == Context(subject=ga, garnet=garnet)


def test_assemble_places_facts_in_their_document() -> None:
    from miner.records import Where

    nlp = load_pipeline()
    text = "Li6.25Ga0.25La3Zr2O12 reached 1.3 mS cm^-1."
    where = Where("paper", "3.2", 12, 1000, 1000 + len(text), text)
    (fact,), _ = assemble(nlp(text), (), None, where)
    assert (fact.doc, fact.section, fact.sentence, fact.start, fact.source) == (
        "paper",
        "3.2",
        12,
        1000,
        "text",
    )
    assert (fact.provenance.value_start, fact.provenance.value_end) == (1030, 1042)
