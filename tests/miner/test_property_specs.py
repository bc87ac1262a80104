"""Everything about a property, declared in miner/data/properties.toml (miner.property_specs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from miner.property_specs import (
    canonical_units,
    clause_before,
    load_specs,
    relabelled,
    specs_by_name,
)


def test_property_specs_canonical_units_of_the_gold_format() -> None:
    units = canonical_units()
    assert units["ionic_conductivity"] == "S/cm" and units["cost"] == "USD/kg"
    assert "other" not in units  # named only so that no default claims its values
    assert len(units) == 23


def test_property_specs_temperature_dependence() -> None:
    dependent = {s.name for s in load_specs() if s.temperature_dependent}
    assert {"ionic_conductivity", "interfacial_resistance", "cycle_count"} <= dependent
    assert not {"relative_density", "sintering_temperature", "thickness"} & dependent


@pytest.mark.parametrize(
    ("text", "value", "unit", "named", "expected"),
    [
        ("Pellets were sintered at 1200 °C for 6 h.", 6.0, "h", None, "sintering_time"),
        ("The particle size of 0.8 µm produced 25 µm thick membranes.", 25.0, "um",
         "particle_size", "thickness"),
        ("Pellets densified at different temperatures: 1150 °C gave", 1150.0, "degC",
         "synthesis_temperature", "sintering_temperature"),
        # below 500 °C a sintering word before it does not make it a sintering temperature
        ("After sintering, the pellet was mixed with PEO at 60 °C", 60.0, "degC",
         "synthesis_temperature", "synthesis_temperature"),
        ("The powder was calcined at 900 °C for 6 h.", 6.0, "h", None, None),
        # a heating right after a pressing is a sintering; an annealing or a heating of a
        # powder stays a synthesis step, and so does a heating after another step
        ("Na3SbS4 was cold-pressed at 360 MPa and then heated at 275 °C", 275.0, "degC",
         "synthesis_temperature", "sintering_temperature"),
        ("Cross-sections of the pelletized LLZO heated at 900 °C", 900.0, "degC",
         "synthesis_temperature", "sintering_temperature"),
        ("The pellets were pressed and annealed at 400 °C", 400.0, "degC",
         "synthesis_temperature", "synthesis_temperature"),
        ("The powder was heated at 900 °C and then pressed", 900.0, "degC",
         "synthesis_temperature", "synthesis_temperature"),
        ("The pellets were sputtered with Au and heated at 300 °C", 300.0, "degC",
         "synthesis_temperature", "synthesis_temperature"),
        # a duration given as a range or a span of hours after "for"
        ("It was heat-treated at 275 °C for durations ranging from 1.5 h to 12 h", 1.5, "h", None,
         "sintering_time"),
        ("It was heated at 275 °C for several hours (1.5 h to 18 h)", 1.5, "h", None,
         "sintering_time"),
    ],
)  # fmt: skip
def test_property_specs_relabel_rules(
    text: str, value: float, unit: str, named: str | None, expected: str | None
) -> None:
    raw = {"h": " h", "um": " µm thick", "degC": " °C"}[unit]
    start = text.index(f"{value:g}{raw}")
    end = start + len(f"{value:g}{raw.split(' thick')[0]}")
    assert relabelled(text, start, end, value, unit, named) == expected


def test_property_specs_requires_and_not_after() -> None:
    specs = specs_by_name()
    assert specs["shear_modulus"].requires.search("a shear modulus of 60 GPa")
    assert specs["particle_size"].not_after.search("the ionic radius of Ga3+ is")
    assert specs["sintering_temperature"].not_after.search("decomposes near")


def test_property_specs_table_headers() -> None:
    specs = specs_by_name()
    assert specs["ionic_conductivity"].table.header.search("σ Li-ion conductivity (RT)")
    assert not specs["ionic_conductivity"].table.header.search("σ electronic conductivity")
    assert not specs["relative_density"].table.header.search("critical current density")
    assert specs["activation_energy"].table.units["kjmol-1"] == pytest.approx(0.0103643)


def test_property_specs_clause_stops_at_a_semicolon() -> None:
    text = "sintered for 2 h; measured for 10 h"
    assert clause_before(text, text.rindex("10")) == "; measured for "


def test_property_specs_unknown_cue_names_the_property(tmp_path: Path) -> None:
    path = tmp_path / "properties.toml"
    path.write_text('[x]\nunit = "h"\ntriggers = []\nrequires = "nothing"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="Invalid property 'x' .*no cue 'nothing'"):
        load_specs(path)


def test_property_specs_plausible_ranges_and_test_conditions() -> None:
    specs = specs_by_name()
    assert specs["relative_density"].plausible == (50.0, 100.0)
    assert specs["synthesis_temperature"].plausible == (30.0, 2500.0)
    assert specs["current_density"].measured is False
    assert specs["ionic_conductivity"].measured is True


def test_property_specs_not_after_of_several_cues(tmp_path: Path) -> None:
    path = tmp_path / "properties.toml"
    path.write_text(
        "[cues]\na = 'apple'\nb = 'pear'\n"
        '[x]\nunit = "h"\ntriggers = ["t"]\nnot_after = ["a", "b"]\n',
        encoding="utf-8",
    )
    (spec,) = load_specs(path)
    assert spec.not_after.search("a pear") and spec.not_after.search("an apple")
    assert spec.trigger_words.search("the t word") and not spec.trigger_words.search("tt")


def test_property_specs_bad_plausible_range_names_the_property(tmp_path: Path) -> None:
    path = tmp_path / "properties.toml"
    path.write_text('[x]\nunit = "h"\ntriggers = []\nplausible = [5, 1]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"Invalid plausible \[5, 1\] of property 'x'"):
        load_specs(path)
