"""The gold matching rule and the scores, on facts and gold written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from miner.evaluate import evaluate, matches
from miner.gold import GoldError, read_gold
from miner.records import Dopant, Fact, Material, Provenance

GOLD = [
    {
        "id": "g1",
        "line": 3,
        "section": "1",
        "source": "text",
        "property": "ionic_conductivity",
        "value": 1e-3,
        "value_max": None,
        "material": "Li6.4La3Zr1.4Ta0.6O12",
        "formula": "Li6.4La3Zr1.4Ta0.6O12",
        "dopants": [{"element": "Ta", "site": "Zr", "amount": 0.6}],
        "temperature_C": 25.0,
        "methods": ["solid-state reaction"],
        "refs": ["4"],
    },
    {
        "id": "g2",
        "line": 3,
        "section": "1",
        "source": "text",
        "property": "activation_energy",
        "value": 0.3,
        "value_max": None,
        "material": "Ga-doped LLZO",
        "formula": None,
        "dopants": [{"element": "Ga", "site": "Li", "amount": None}],
        "temperature_C": None,
        "methods": [],
        "refs": ["4"],
    },
    {
        "id": "g3",
        "line": 7,
        "section": "2",
        "source": "text",
        "property": "relative_density",
        "value": 95.0,
        "value_max": 98.0,
        "material": "LLZO",
        "formula": None,
        "dopants": [],
        "temperature_C": None,
        "methods": ["hot pressing"],
        "refs": [],
    },
    {
        "id": "g4",
        "line": 7,
        "section": "2",
        "source": "text",
        "property": "ionic_conductivity",
        "value": 5e-4,
        "value_max": None,
        "material": "LLZO",
        "formula": None,
        "dopants": [],
        "temperature_C": None,
        "methods": [],
        "refs": [],
    },
]


def fact(
    section: str,
    prop: str,
    value: float,
    *,
    value_max: float | None = None,
    formula: str | None = None,
    dopants: tuple[Dopant, ...] = (),
    temperature: float | None = None,
    methods: tuple[str, ...] = (),
    refs: tuple[str, ...] = (),
) -> Fact:
    return Fact(
        kind="measurement",
        doc="tiny",
        section=section,
        sentence=0,
        start=0,
        end=1,
        text="t",
        material=Material(formula or "LLZO", formula),
        dopants=dopants,
        property=prop,
        value=value,
        value_max=value_max,
        unit="u",
        temperature_C=temperature,
        methods=methods,
        refs=refs,
    )


def write_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return path


def test_evaluate_known_scores(tmp_path: Path) -> None:
    gold = read_gold(write_gold(tmp_path))
    f1 = fact(
        "1",
        "ionic_conductivity",
        1.01e-3,
        formula="Li6.4La3Zr1.4Ta0.6O12",
        dopants=(Dopant("Ta", "Ta", "Zr", 0.6),),
        temperature=25.0,
        methods=("solid-state reaction",),
        refs=("4",),
    )
    facts = [
        f1,
        fact("1", "activation_energy", 0.305, dopants=(Dopant("Ga", "Ga", None),), refs=("4",)),
        fact("2", "relative_density", 95.0, value_max=97.9),  # 97.9 is within 2 % of 98
        fact("2", "ionic_conductivity", 5.2e-4),  # 4 % off: no match, a false positive
        fact("3", "ionic_conductivity", 1e-3),  # section the gold does not cover: not counted
        fact("1", "particle_size", 2.0),  # property the gold does not use: not counted
        fact("1", "activation_energy", 0.3, dopants=(Dopant("Al", "Al", "Li"),)),  # Al is not Ga
        f1,  # the same fact twice: matching is one-to-one
    ]
    result = evaluate(gold, facts)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (3, 3, 1)
    assert result.overall.precision == pytest.approx(0.5)
    assert result.overall.recall == pytest.approx(0.75)
    assert result.overall.f1 == pytest.approx(0.6)
    ionic = result.per_property["ionic_conductivity"]
    assert (ionic.tp, ionic.fp, ionic.fn) == (1, 2, 1)
    energy = result.per_property["activation_energy"]
    assert (energy.tp, energy.fp, energy.fn) == (1, 1, 0)
    assert [g.id for g in result.missed] == ["g4"]
    assert result.fields == {
        "formula": (3, 3),
        "dopants": (3, 3),
        "site": (2, 3),  # g2's Ga site (Li) was not extracted
        "amount": (3, 3),
        "methods": (2, 3),  # g3's hot pressing missing
        "temperature": (3, 3),
        "refs": (3, 3),
    }
    report = result.as_dict()
    assert report["overall"] == {
        "tp": 3,
        "fp": 3,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.75,
        "f1": 0.6,
    }
    assert report["fields"]["site"] == {"correct": 2, "checked": 3, "accuracy": 0.6667}


def test_evaluate_matching_rule() -> None:
    gold = read_gold_records(GOLD)
    g1, g2, g3, _ = gold
    assert matches(g1, fact("1", "ionic_conductivity", 0.00098, formula="Li6.4La3Zr1.4Ta0.6O12"))
    # same element amounts whatever the written order
    assert matches(g1, fact("1", "ionic_conductivity", 1e-3, formula="La3Li6.4Zr1.4Ta0.6O12"))
    assert not matches(g1, fact("1", "ionic_conductivity", 1e-3, formula="Li6.5La3Zr1.5Ta0.5O12"))
    # no extracted formula: the gold's dopant set decides
    assert matches(g1, fact("1", "ionic_conductivity", 1e-3, dopants=(Dopant("Ta"),)))
    assert not matches(g1, fact("1", "ionic_conductivity", 1e-3))
    assert not matches(g1, fact("1", "activation_energy", 1e-3, dopants=(Dopant("Ta"),)))
    assert not matches(g2, fact("1", "activation_energy", 0.3))
    # a range matches a range only
    assert not matches(g3, fact("2", "relative_density", 95.0))
    table_fact = Fact(
        kind="measurement",
        doc="tiny",
        section="2",
        sentence=-1,
        start=0,
        end=1,
        text="t",
        material=Material("LLZO"),
        property="relative_density",
        value=95.0,
        value_max=98.0,
        source="table",
    )
    assert not matches(g3, table_fact)


def read_gold_records(records: list[dict]) -> list:
    from miner.gold import GoldFact

    return [
        GoldFact(
            id=r["id"],
            line=r["line"],
            section=r["section"],
            source=r["source"],
            property=r["property"],
            value=r["value"],
            value_max=r["value_max"],
            formula=r["formula"],
            dopants=tuple(r["dopants"]),
        )
        for r in records
    ]


def test_evaluate_bad_gold_line_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "g1", "line": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad.jsonl:1: invalid gold record"):
        read_gold(path)


def test_evaluate_scope_names() -> None:
    from corpus.document import Document, Section
    from miner.evaluate import in_sections, scope_section, section_aliases

    row = Fact(
        kind="measurement",
        doc="d",
        section="3.2.2",
        sentence=-1,
        start=0,
        end=1,
        text="t",
        material=Material("LLZO"),
        property="ionic_conductivity",
        value=1e-3,
        source="table",
        provenance=Provenance(table="Table 2", row=4),
    )
    assert scope_section(row) == "table2"
    doc = Document(
        id="d",
        path="d.md",
        text="",
        sections=(
            Section("", "Abstract", 1, 0, 0),
            Section("1", "Introduction", 1, 0, 0),
            Section("2", "Results", 1, 0, 0),
        ),
    )
    aliases = section_aliases(doc)
    assert aliases == {"": "abstract", "1": "intro"}
    assert scope_section(fact("1", "ionic_conductivity", 1e-3), aliases) == "intro"
    assert in_sections("2.1.3", ["2.*"]) and not in_sections("2", ["2.*"])
    assert in_sections("3.2", ["3.1", "3.2"]) and not in_sections("3.2.1", ["3.2"])
