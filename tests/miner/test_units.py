from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miner.units import parse_number, parse_quantity

mantissas = st.decimals(min_value="0.01", max_value="9.99", places=2)
exponents = st.integers(min_value=-9, max_value=9)
NOTATIONS = (
    "{m} × 10^{e}",
    "{m} × 10{e}",
    "{m}×10{u}",
    "{m} x 10^{{{e}}}",
    "{m}e{e}",
    "{m}E{e}",
)


@given(mantissas, exponents, st.sampled_from(NOTATIONS))
def test_parse_number_roundtrips_every_notation(m, e, notation):
    text = notation.format(m=m, e=e, u=str(e).replace("-", "−"))
    assert math.isclose(parse_number(text), float(m) * 10.0**e, rel_tol=1e-12)


@given(st.floats(min_value=0.001, max_value=1e5, allow_nan=False).map(lambda v: round(v, 3)))
def test_parse_number_plain_decimal(value):
    assert math.isclose(parse_number(f"{value:.3f}"), value, rel_tol=1e-12)


CONDUCTIVITY_UNITS = {
    "S cm^-1": 1.0, "S cm-1": 1.0, "S cm⁻¹": 1.0, "S/cm": 1.0, "S·cm−1": 1.0,
    "mS cm^-1": 1e-3, "mS/cm": 1e-3, "mS cm-1": 1e-3, "μS cm-1": 1e-6, "µS/cm": 1e-6,
    "S m-1": 1e-2,
}  # fmt: skip


@settings(deadline=None)  # the first example builds pint's registry (~0.2 s)
@given(mantissas, exponents, st.sampled_from(sorted(CONDUCTIVITY_UNITS)))
def test_parse_quantity_conductivity_units(m, e, unit):
    quantity = parse_quantity(f"{m} × 10^{e} {unit}")
    assert quantity.unit == "S/cm"
    expected = float(m) * 10.0**e * CONDUCTIVITY_UNITS[unit]
    assert math.isclose(quantity.value, expected, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 Ω cm^2", 3.0, "ohm*cm^2"),
        ("3 ohm cm2", 3.0, "ohm*cm^2"),
        ("1.2 mA cm-2", 1.2, "mA/cm^2"),
        ("188.8 mAh g^-1", 188.8, "mAh/g"),
        ("300 K", 26.85, "degC"),
        ("1100 °C", 1100.0, "degC"),
        ("10 min", 0.166666666667, "h"),
        ("260 nm", 0.26, "um"),
        ("279 Wh kg^-1", 279.0, "Wh/kg"),
        ("1003 Wh L-1", 1003.0, "Wh/L"),
        ("15.8 MPa", 0.0158, "GPa"),
        ("0.3 g h^-1", 0.3, "g/h"),
        ("5500 cycles", 5500.0, "cycles"),
        ("45 kJ mol-1", 0.466392134532, "eV"),
    ],
)
def test_parse_quantity_canonical_units(text, value, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


def test_parse_quantity_names_bad_unit():
    with pytest.raises(ValueError, match="Invalid unit='furlongs'"):
        parse_quantity("3 furlongs")
