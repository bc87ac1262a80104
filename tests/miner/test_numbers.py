from __future__ import annotations

import pytest

from miner.numbers import VALUE_RE, Value, fold, parse_value
from miner.units import read_unit


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("0.42 ± 0.02", Value(0.42, 0.02, None)),
        ("0.42±0.02", Value(0.42, 0.02, None)),
        ("0.42 +/- 0.02", Value(0.42, 0.02, None)),
        ("(1.2 ± 0.1) × 10^-3", Value(0.0012, 0.0001, -3)),
        ("1.2 × 10^-3 ± 0.1 × 10^-3", Value(0.0012, 0.0001, -3)),
        ("7.1920(1)", Value(7.192, 0.0001, None)),
        ("7.1708(12)", Value(7.1708, 0.0012, None)),
        ("0,35", Value(0.35, None, None)),
        ("12,5", Value(12.5, None, None)),
        ("0,350", Value(0.35, None, None)),
        ("1,200", Value(1200.0, None, None)),
        ("12,345.5", Value(12345.5, None, None)),
        ("−11", Value(-11.0, None, None)),
        ("1.2 × 10 −4", Value(0.00012, None, -4)),
        ("1.2 × 10 - 4", Value(0.00012, None, -4)),
        ("4.25 × 10–4", Value(0.000425, None, -4)),
        ("1.2 x 10(-6)", Value(1.2e-06, None, -6)),
        ("1.2 × 10^{-3}", Value(0.0012, None, -3)),
        ("1.2E-4", Value(0.00012, None, -4)),
        ("3 × 104", Value(30000.0, None, 4)),
        ("10^-4", Value(0.0001, None, -4)),
        ("10^(-4)", Value(0.0001, None, -4)),
    ],
)
def test_parse_value_every_printed_form(printed, expected):
    folded = fold(printed)
    assert VALUE_RE.fullmatch(folded) is not None
    assert parse_value(folded) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,2,3 h", "1"),  # a list, not a decimal comma
        ("1, 2 h", "1"),
        ("Li7La3Zr2O12", None),  # counts inside a formula are no values
        ("δ0.5", None),
        ("R2 = 0.99", "0.99"),
        ("x10", None),
    ],
)
def test_value_re_does_not_read_into_words_or_lists(text, value):
    found = VALUE_RE.search(fold(text))
    assert (found.group(0) if found else None) == value


def test_parse_value_names_the_bad_value():
    with pytest.raises(ValueError, match=r"Invalid value='12\(3\)': a \(digits\) uncertainty"):
        parse_value("12(3)")


@pytest.mark.parametrize(
    ("unit", "canonical", "factor", "length"),
    [
        ("mA cm 2", "mA/cm^2", 1.0, 7),  # the minus lost in PDF text
        ("mA 2", "mA", 1.0, 2),  # a lone digit that names no dimension is left out
        ("s cm - 1", "S/cm", 1.0, 8),  # a lower-cased title
        ("cm2/s", None, None, None),  # a diffusion coefficient stays one
        ("wt% S", "%", 1.0, 3),  # "9 wt% S in ...": the element is no unit
        ("% per cycle", "%", 1.0, 1),
        ("N m", None, None, None),  # a torque is no energy
        ("Ω-cm", None, None, None),  # a resistivity is no resistance
        ("microampere hours per gram", "mAh/g", 0.001, 26),
        ("degrees Celsius", "degC", 1.0, 15),
        ("amps", "mA", 1000.0, 4),
        ("psi", "GPa", 6.894757293168e-06, 3),
    ],
)
def test_read_unit_readings(unit, canonical, factor, length):
    if canonical is None:
        with pytest.raises(ValueError, match="Invalid unit="):
            read_unit(unit)
        return
    reading = read_unit(unit)
    assert (reading.canonical.unit, reading.factor, reading.length) == (
        canonical,
        pytest.approx(factor),
        length,
    )
