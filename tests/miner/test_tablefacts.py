"""Table facts on small tables written for these tests (other layouts than the review's) and on
the review's Table 2 read through the corpus reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.document import Table
from miner.records import Dopant
from miner.tablefacts import parse_value, read_columns, table_facts


def _summary(fact):
    return (
        fact.property,
        fact.value,
        fact.value_max,
        fact.unit,
        [(d.element, d.site, d.amount, d.charge) for d in fact.dopants],
        list(fact.methods),
        list(fact.refs),
    )


# A table in another order, with mS cm^-1, a temperature in the footnote, kJ/mol activation energy
# and method names written out.
SINTERED = Table(
    label="Table 1",
    caption="Properties of doped LLZO pellets.",
    header=(
        "Ref.",
        "Composition element",
        "x",
        "Synthesis route",
        "Relative density (%)",
        "σ (mS cm^-1) a)",
        "Ea (kJ mol^-1)",
    ),
    rows=(
        ("[7]", "Nb5+", "0.25", "Solid-state reaction", "95", "0.8", "33.8"),
        ("[8b–d]", "Y3+", "0.5", "sol-gel", "–", "0.51–0.62", "–"),
        ("", "Sc3+", "0.2", "", "< 90", "0.12", ""),
    ),
    footnotes={"a": "measured at 30 °C"},
    row_offsets=((100, 140), (141, 180), (181, 200)),
    section="3.2",
)

# A table that states sites in words, with a composition row before the row carrying the values.
CODOPED = Table(
    label="Table 4",
    caption="Co-doped garnets.",
    header=(
        "Substituent",
        "Lattice site",
        "Amount (mol)",
        "Method",
        "Ionic conductivity (S/cm)",
        "References",
    ),
    rows=(
        ("Al3+", "Li+", "0.1", "", "", ""),
        ("W6+", "Zr4+", "0.2", "SPS", "1.1 × 10^-3", "[21]"),
        ("Mo6+", "Zr4+", "0.3", "Calculations", "2.0 × 10^-3", ""),
    ),
)


# A table of compositions (no dopant columns): dopants follow from each formula.
COMPOSITIONS = Table(
    label="Table 3",
    caption="Garnet electrolytes sintered in this work.",
    header=(
        "Composition",
        "Sintering",
        "σ_total at 25 °C (S cm−1)",
        "Ea (eV)",
        "Density (g cm^-3)",
    ),
    rows=(
        ("Li6.4La3Zr1.4Ta0.6O12", "SPS", "1.0 × 10^-3", "0.35", "5.1"),
        ("Li6.25Ga0.25La3Zr2O12", "Sol-gel", "1.3e-3", "0.30 ± 0.02", "5.0"),
        ("", "", "9.5E-4", "–", "4.9"),
        ("Li7La3Zr2O12", "SSR", "2.1 × 10^-4", "–", "4.8"),
    ),
)


def test_table_facts_composition_column_infers_dopants() -> None:
    facts = table_facts(COMPOSITIONS, "paper-c")
    assert [
        (
            f.material.text,
            f.material.formula,
            f.property,
            f.value,
            f.temperature_C,
            [(d.element, d.site, d.amount) for d in f.dopants],
            f.methods,
        )
        for f in facts
    ] == [
        (
            "Li6.4La3Zr1.4Ta0.6O12",
            "Li6.4La3Zr1.4Ta0.6O12",
            "ionic_conductivity",
            1e-3,
            25.0,
            [("Ta", "Zr", 0.6)],
            ("spark plasma sintering",),
        ),
        (
            "Li6.4La3Zr1.4Ta0.6O12",
            "Li6.4La3Zr1.4Ta0.6O12",
            "activation_energy",
            0.35,
            None,
            [("Ta", "Zr", 0.6)],
            ("spark plasma sintering",),
        ),
        (
            "Li6.25Ga0.25La3Zr2O12",
            "Li6.25Ga0.25La3Zr2O12",
            "ionic_conductivity",
            1.3e-3,
            25.0,
            [("Ga", "Li", 0.25)],
            ("sol-gel",),
        ),
        (
            "Li6.25Ga0.25La3Zr2O12",
            "Li6.25Ga0.25La3Zr2O12",
            "activation_energy",
            0.3,
            None,
            [("Ga", "Li", 0.25)],
            ("sol-gel",),
        ),
        # a blank composition cell continues the merged cell above
        (
            "Li6.25Ga0.25La3Zr2O12",
            "Li6.25Ga0.25La3Zr2O12",
            "ionic_conductivity",
            9.5e-4,
            25.0,
            [("Ga", "Li", 0.25)],
            ("sol-gel",),
        ),
        (
            "Li7La3Zr2O12",
            "Li7La3Zr2O12",
            "ionic_conductivity",
            2.1e-4,
            25.0,
            [],
            ("solid-state reaction",),
        ),
    ]
    # "Density (g cm^-3)" is no relative density: that column gives no facts
    assert {f.property for f in facts} == {"ionic_conductivity", "activation_energy"}


def test_read_columns_meaning_from_header_and_footnote() -> None:
    columns = {
        c.index: (c.role, c.spec.name if c.spec else None, c.factor, c.temperature_C)
        for c in read_columns(SINTERED)
    }
    assert columns == {
        0: ("refs", None, 1.0, None),
        1: ("dopant", None, 1.0, None),
        2: ("amount", None, 1.0, None),
        3: ("method", None, 1.0, None),
        4: ("property", "relative_density", 1.0, None),
        5: ("property", "ionic_conductivity", 1e-3, 30.0),
        6: ("property", "activation_energy", 0.0103643, None),
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.24 × 10^-3", (1.24e-3, None, "=")),
        ("$1.2\\text{--}1.75 \\times 10^{-3}$", (1.2e-3, 1.75e-3, "=")),
        ("0.34–0.42", (0.34, 0.42, "=")),
        ("93-95", (93.0, 95.0, "=")),
        ("> 90", (90.0, None, ">")),
        ("≈94", (94.0, None, "≈")),
        ("11.23×10^{-3}", (0.01123, None, "=")),
        ("–", None),
        ("", None),
        ("n.d.", None),
    ],
)
def test_parse_value_forms(cell: str, expected) -> None:
    value = parse_value(cell)
    assert (
        (value.value, value.value_max, value.comparator) == expected
        if value
        else (expected is None)
    )


def test_table_facts_other_layout_units_and_inheritance() -> None:
    facts = table_facts(SINTERED, "paper-a")
    assert [_summary(f) for f in facts] == [
        (
            "relative_density",
            95.0,
            None,
            "%",
            [("Nb", None, 0.25, 5)],
            ["solid-state reaction"],
            ["7"],
        ),
        (
            "ionic_conductivity",
            0.0008,
            None,
            "S/cm",
            [("Nb", None, 0.25, 5)],
            ["solid-state reaction"],
            ["7"],
        ),
        (
            "activation_energy",
            0.35031334,
            None,
            "eV",
            [("Nb", None, 0.25, 5)],
            ["solid-state reaction"],
            ["7"],
        ),
        (
            "ionic_conductivity",
            0.00051,
            0.00062,
            "S/cm",
            [("Y", None, 0.5, 3)],
            ["sol-gel"],
            ["8b", "8c", "8d"],
        ),
        # the Sc row continues the merged method and refs cells of the row above
        (
            "relative_density",
            90.0,
            None,
            "%",
            [("Sc", None, 0.2, 3)],
            ["sol-gel"],
            ["8b", "8c", "8d"],
        ),
        (
            "ionic_conductivity",
            0.00012,
            None,
            "S/cm",
            [("Sc", None, 0.2, 3)],
            ["sol-gel"],
            ["8b", "8c", "8d"],
        ),
    ]
    first = facts[0]
    assert (first.doc, first.section, first.sentence, first.start, first.end, first.source) == (
        "paper-a",
        "3.2",
        -1,
        100,
        140,
        "table",
    )
    assert first.text == "[7] | Nb5+ | 0.25 | Solid-state reaction | 95 | 0.8 | 33.8"
    assert first.material.text == "LLZO" and first.material.formula is None
    assert [f.temperature_C for f in facts] == [None, 30.0, None, 30.0, None, 30.0]
    assert [f.confidence for f in facts] == [0.95, 0.95, 0.95, 0.95, 0.765, 0.85]
    assert facts[4].raw == "< 90" and facts[4].comparator == "<"


def test_table_facts_composition_row_before_first_data_row_and_calculations() -> None:
    facts = table_facts(CODOPED, "paper-b", host="LLZO")
    assert [_summary(f) for f in facts] == [
        (
            "ionic_conductivity",
            0.0011,
            None,
            "S/cm",
            [("Al", "Li", 0.1, 3), ("W", "Zr", 0.2, 6)],
            ["spark plasma sintering"],
            ["21"],
        ),
        (
            "ionic_conductivity",
            0.002,
            None,
            "S/cm",
            [("Mo", "Zr", 0.3, 6)],
            ["calculation"],
            ["21"],
        ),
    ]
    assert facts[0].provenance.merged_rows == (0, 1)
    assert facts[0].section == "table4"
    assert facts[1].basis == "calculated"
    assert facts[1].temperature_C is None


def test_table_facts_without_property_columns_is_empty() -> None:
    table = Table(label="Table 9", caption="", header=("Dopant", "Site"), rows=(("Ga3+", "Li+"),))
    assert table_facts(table, "x") == []


# --- the review's Table 2, read through the corpus reader ------------------------------------


@pytest.fixture(scope="module")
def review_table2(review_path: Path) -> Table:
    from corpus import read_document

    document = read_document(review_path)
    return next(t for t in document.tables if t.label == "Table 2")


@pytest.fixture(scope="module")
def table2_facts(review_table2: Table) -> list:
    return table_facts(review_table2, "llzo-review-2024")


def _row(facts, ref, prop):
    return [f for f in facts if ref in f.refs and f.property == prop]


def test_review_table2_fact_count(table2_facts) -> None:
    assert len(table2_facts) == 95
    assert {f.property for f in table2_facts} == {
        "ionic_conductivity",
        "relative_density",
        "activation_energy",
    }
    assert all(f.source == "table" and f.material.text == "LLZO" for f in table2_facts)
    assert sum(f.property == "ionic_conductivity" for f in table2_facts) == 37


def test_review_table2_plain_row(table2_facts) -> None:
    (sigma,) = _row(table2_facts, "14", "ionic_conductivity")
    assert (sigma.value, sigma.unit, sigma.temperature_C) == (1.24e-3, "S/cm", 25.0)
    assert sigma.dopants == (Dopant("Ga", "Ga3+", "Li", 0.2, 3, "stated"),)
    assert sigma.methods == ("solid-state reaction",)
    assert [f.value for f in _row(table2_facts, "14", "relative_density")] == [97.3]
    assert [f.value for f in _row(table2_facts, "14", "activation_energy")] == [0.311]


def test_review_table2_range_and_comparators(table2_facts) -> None:
    (sigma,) = _row(table2_facts, "139", "ionic_conductivity")
    assert (sigma.value, sigma.value_max) == (1.2e-3, 1.75e-3)
    assert sigma.dopants == (Dopant("Ga", "Ga3+", "Li", None, 3, "stated"),)
    assert sigma.methods == ("co-precipitation",)
    (density,) = _row(table2_facts, "87", "relative_density")
    assert (density.value, density.comparator) == (90.0, ">")
    (density,) = _row(table2_facts, "95", "relative_density")
    assert (density.value, density.comparator) == (94.0, "~")
    (density,) = _row(table2_facts, "5w", "relative_density")
    assert (density.value, density.value_max) == (93.0, 95.0)
    nap = _row(table2_facts, "5ae", "activation_energy")
    assert [(f.value, f.value_max, f.methods, f.provenance.method_text) for f in nap] == [
        (0.34, 0.42, (), "NAP")
    ]


def test_review_table2_missing_cells_give_no_fact(table2_facts) -> None:
    assert _row(table2_facts, "92", "relative_density") == []
    assert [f.property for f in table2_facts if "35" in f.refs] == ["ionic_conductivity"]


def test_review_table2_multi_dopant_row(table2_facts) -> None:
    (sigma,) = _row(table2_facts, "132", "ionic_conductivity")
    assert sigma.value == 7.2e-4
    assert sigma.dopants == (
        Dopant("Ga", "Ga3+", "Li", 0.05, 3, "stated"),
        Dopant("Ba", "Ba2+", "La", 0.05, 2, "stated"),
        Dopant("Ta", "Ta5+", "Zr", 0.25, 5, "stated"),
    )


def test_review_table2_continuation_rows(table2_facts) -> None:
    # a composition-only row joins the row above it
    (sigma,) = _row(table2_facts, "141", "ionic_conductivity")
    assert [(d.element, d.site, d.amount) for d in sigma.dopants] == [
        ("Ga", "Li", 0.25),
        ("Ba", "La", 0.25),
    ]
    assert sigma.methods == ("sol-gel",) and sigma.value == 8.3e-4
    assert sigma.text.splitlines()[1] == "Ba3+ | La3+ | 0.25 |  |  |  |  | "
    (sigma,) = _row(table2_facts, "91", "ionic_conductivity")
    assert [(d.element, d.site, d.amount) for d in sigma.dopants] == [("Ta", "Zr", 0.375)]
    # a row with values but blank site/method/ref continues the merged cells above
    al = [
        f for f in _row(table2_facts, "127", "ionic_conductivity") if f.dopants[0].element == "Al"
    ]
    assert [(f.value, f.dopants, f.methods) for f in al] == [
        (1.8e-4, (Dopant("Al", "Al3+", "Li", 0.25, 3, "stated"),), ("solid-state reaction",))
    ]


def test_review_table2_calculation_rows(table2_facts) -> None:
    calc = [f for f in table2_facts if "calculation" in f.methods]
    assert [
        (f.property, f.value, f.dopants[0].element, f.dopants[0].amount, f.refs) for f in calc
    ] == [
        ("ionic_conductivity", 0.01123, "F", 0.25, ("134",)),
        ("activation_energy", 0.189, "F", 0.25, ("134",)),
        ("ionic_conductivity", 0.00366, "F", 0.5, ("134",)),
        ("activation_energy", 0.225, "F", 0.5, ("134",)),
        ("ionic_conductivity", 0.000128, "Cl", 0.25, ("134",)),
        ("activation_energy", 0.328, "Cl", 0.25, ("134",)),
        ("ionic_conductivity", 0.00055, "Cl", 0.5, ("134",)),
        ("activation_energy", 0.284, "Cl", 0.5, ("134",)),
    ]
    assert all(f.basis == "calculated" and f.dopants[0].site == "O" for f in calc)
