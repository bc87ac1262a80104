"""The version-2 fact record: exact JSON round trips, validation that names the bad value, and
the default canonical material key."""

from __future__ import annotations

import json

import pytest

from miner.chemistry.formula import canonical_formula
from miner.records import (
    Component,
    ComponentMaterial,
    Dopant,
    Fact,
    Host,
    Material,
    default_material_key,
)

V2 = {
    "kind": "measurement", "doc": "paper-a", "section": "3.2", "sentence": 4, "start": 10,
    "end": 90, "text": "PEO/LiTFSI with 15 wt% LLZTO reached 0.2 mS cm^-1 at 30 °C.",
    "material": {
        "text": "PEO/LiTFSI with 15 wt% LLZTO", "formula": None, "key": "cse-1",
        "family": "composite", "host": None,
        "components": [
            {"role": "filler", "material": {"text": "LLZTO", "formula": None,
                                            "key": "Li7La3Zr2O12|Ta@Zr:?", "family": "garnet"},
             "fraction": 15.0, "fraction_unit": "wt%"},
            {"role": "matrix", "material": {"text": "PEO", "formula": None, "key": "peo",
                                            "family": "polymer"},
             "fraction": None, "fraction_unit": None},
        ],
        "defined_as": None,
    },
    "dopants": [],
    "property": "ionic_conductivity", "value": 2e-4, "value_max": None, "unit": "S/cm",
    "comparator": "~", "uncertainty": 1e-5, "basis": "experimental", "conduction": "total",
    "state": "after", "treatment": "annealed", "sample": "s1", "raw": "0.2 mS cm^-1",
    "temperature_C": 30.0, "methods": ["solution casting"], "refs": ["12"], "source": "text",
    "confidence": 0.9,
    "provenance": {
        "link": "nearest-left", "value_start": 47, "value_end": 59, "composition_flags": [],
        "table": None, "row": None, "merged_rows": [], "group": None, "method_text": None,
    },
}  # fmt: skip


def test_records_v2_round_trip_exactly() -> None:
    fact = Fact.from_dict(V2)
    assert fact.to_dict() == V2
    assert list(fact.to_dict()) == list(V2)
    assert Fact.from_dict(json.loads(fact.to_json())) == fact
    assert fact.material.components[0].material.family == "garnet"


def test_records_v1_record_reads_with_v2_defaults() -> None:
    v1 = {k: v for k, v in V2.items() if k not in {"comparator", "uncertainty", "basis",
          "conduction", "state", "treatment", "sample"}}  # fmt: skip
    v1["material"] = {"text": "Ga-doped Li7La3Zr2O12", "formula": "Li7La3Zr2O12"}
    v1["dopants"] = [{"element": "Ga", "text": "Ga", "site": "Li", "amount": None, "charge": 3}]
    fact = Fact.from_dict(v1)
    # a version-1 record: the defaults, and the family classified from the name
    assert (fact.comparator, fact.basis, fact.sample, fact.material.family) == (
        "=", "experimental", None, "garnet"
    )  # fmt: skip
    assert fact.material.key == "Li7La3Zr2O12|Ga@Li:?"
    assert fact.dopants[0].evidence is None
    assert Fact.from_dict(fact.to_dict()) == fact


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("basis", "measured", "Invalid basis='measured': expected one of experimental, calculated"),
        ("comparator", "≠", "Invalid comparator='≠'"),
        ("conduction", "gb", "Invalid conduction='gb'"),
        ("state", "during", "Invalid state='during'"),
        ("uncertainty", -1.0, "Invalid uncertainty=-1.0"),
    ],
)
def test_records_bad_enumeration_names_the_value(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        Fact.from_dict({**V2, field: value})


def test_records_bad_material_parts_name_the_value() -> None:
    with pytest.raises(ValueError, match="Invalid family='ceramic'"):
        Material("LLZO", family="ceramic")
    with pytest.raises(ValueError, match="Invalid role='binder'"):
        Component("binder", ComponentMaterial("PVDF"))
    with pytest.raises(ValueError, match="Invalid fraction_unit='mol%'"):
        Component("filler", ComponentMaterial("LLZO"), 10.0, "mol%")
    with pytest.raises(ValueError, match="Invalid evidence='guessed'"):
        Dopant("Ta", evidence="guessed")


def test_records_canonical_formula_ignores_order_and_notation() -> None:
    assert canonical_formula("La3Li7Zr2O12") == canonical_formula("Li7La3Zr2O12") == "Li7La3Zr2O12"
    assert canonical_formula("Li6.25Ga0.25La3Zr2O12") == "Li6.25La3Zr2Ga0.25O12"
    assert canonical_formula("Ga0.250La3Li6.25Zr2.0O12") == "Li6.25La3Zr2Ga0.25O12"
    assert canonical_formula("LiTFSI") is None


def test_records_default_key_formula_host_components_or_name() -> None:
    ga, y = Dopant("Ga", site="Li"), Dopant("Y", site="Zr")
    formula = Material("Li6.25Ga0.25La3Zr2O12", "Li6.25Ga0.25La3Zr2O12")
    assert default_material_key(formula, [Dopant("Ga", site="Li", amount=0.25)]) == (
        "Li6.25La3Zr2Ga0.25O12"
    )
    host = Host("LLZO", "Li7La3Zr2O12")
    assert default_material_key(Material("Ga-doped LLZO", host=host), [ga]) == (
        "Li7La3Zr2O12|Ga@Li:?"
    )
    # a formula without the dopants is the host's: Ga- and Y-doped stay two materials
    assert default_material_key(Material("Ga-LLZO", "Li7La3Zr2O12"), [ga]) == (
        "Li7La3Zr2O12|Ga@Li:?"
    )
    assert default_material_key(Material("Y-LLZO", "Li7La3Zr2O12"), [y]) == "Li7La3Zr2O12|Y@Zr:?"
    # every dopant's site, amount and charge known: the composition is, so a table row "Ta5+ |
    # Zr4+ | 0.6" and the text's Li6.4La3Zr1.4Ta0.6O12 are one material
    ta = Dopant("Ta", site="Zr", amount=0.6, charge=5)
    assert default_material_key(Material("LLZO", host=Host("LLZO", "Li7La3Zr2O12")), [ta]) == (
        default_material_key(Material("LLZTO", "Li6.4La3Zr1.4Ta0.6O12"), [ta])
    )
    cell = Material(
        "Li|LLZTO|LFP",
        components=(
            Component("cathode", ComponentMaterial("LFP", "LiFePO4")),
            Component("anode", ComponentMaterial("Li", "Li")),
            Component("electrolyte", ComponentMaterial("LLZTO", key="Li7La3Zr2O12|Ta@Zr:?")),
        ),
    )
    assert default_material_key(cell, []) == (
        "{anode:Li+cathode:LiFePO4+electrolyte:Li7La3Zr2O12|Ta@Zr:?}"
    )
    assert default_material_key(Material("  Al-doped   LLZO "), [Dopant("Al")]) == (
        "al-doped llzo|Al@?:?"
    )
