"""Which values are measurements and at what temperature (miner.assembly.conditions)."""

from __future__ import annotations

import pytest

from miner.assembly import conditions
from miner.assembly.link_rules import make_link
from miner.assembly.mention import Mention, Value


def _value(text: str, written: str, value: float, unit: str, prop: str | None, **kw) -> Value:
    start = text.index(written)
    fields = dict(value_max=None, raw=written, comparator="=", temperature_C=None, rt=False)
    fields.update(kw)
    return Value(start, start + len(written), value, unit=unit, property=prop, **fields)


@pytest.mark.parametrize(
    ("text", "written", "unit", "prop", "requirement"),
    [
        ("σ should exceed 1 mS cm^-1.", "1 mS cm^-1", "S/cm", "ionic_conductivity", True),
        (
            "An ASR below 10 Ω cm2 is needed.",
            "10 Ω cm2",
            "ohm*cm^2",
            "interfacial_resistance",
            True,
        ),
        ("LLZO reached 1 mS cm^-1.", "1 mS cm^-1", "S/cm", "ionic_conductivity", False),
    ],
)
def test_conditions_requirements_are_marked_targets(
    text: str, written: str, unit: str, prop: str, requirement: bool
) -> None:
    v = _value(text, written, 1.0, unit, prop)
    assert conditions.is_requirement(text, v) is requirement
    (measured,) = conditions.measurements(text, [v])[1]
    assert measured.basis == ("target" if requirement else None)


def test_conditions_temperature_heading_a_parenthesis_is_their_condition() -> None:
    text = "Ga-LLZO (25 °C, 1.2 mS cm^-1 vs 0.8 mS cm^-1)"
    t = _value(text, "25 °C", 25.0, "degC", "synthesis_temperature")
    found, measured = conditions.measurements(text, [t])
    assert (found, measured) == ([t], [])
    assert conditions.sentence_condition(text, found, [t]) == 25.0


def test_conditions_misread_and_relabelled_quantities() -> None:
    text = "LBO, with a melting point of 700 °C, binds LCO."
    melting = _value(text, "700 °C", 700.0, "degC", "synthesis_temperature")
    assert conditions.is_misread(text, melting)
    amount = _value("adding 1 wt% Li3BO3", "1 wt%", 1.0, "%", "relative_density")
    assert conditions.is_misread("adding 1 wt% Li3BO3", amount)
    text = "Pellets were sintered at 1200 °C for 6 h."
    (hours,) = conditions.relabel(text, [_value(text, "6 h", 6.0, "h", None)])
    assert hours.property == "sintering_time"


def test_conditions_change_ends_are_before_and_after() -> None:
    text = "σ rose from 0.1 to 0.5 mS cm^-1."
    a = _value(text, "0.1", 1e-4, "S/cm", "ionic_conductivity")
    b = _value(text, "0.5 mS cm^-1", 5e-4, "S/cm", "ionic_conductivity")
    assert [v.note for v in conditions.measurements(text, [a, b])[1]] == ["before", "after"]


def test_conditions_temperatures_of_a_respectively_list() -> None:
    text = "(0.72 and 1.24 mS cm^-1 at RT and 60 °C, respectively)"
    a = _value(text, "0.72", 7.2e-4, "S/cm", "ionic_conductivity")
    b = _value(text, "1.24 mS cm^-1", 1.24e-3, "S/cm", "ionic_conductivity")
    links = [make_link(Mention("X"), "nearest-left")] * 2
    assert [v.temperature_C for v in conditions.measured_at(text, [a, b], links)] == [25.0, 60.0]


def test_conditions_temperature_only_for_properties_that_depend_on_it() -> None:
    text = "x"
    sigma = _value(text, "x", 1e-3, "S/cm", "ionic_conductivity", rt=True)
    density = _value(text, "x", 96.0, "%", "relative_density")
    assert conditions.temperature(sigma, 60.0) == 25.0
    assert conditions.temperature(density, 60.0) is None
