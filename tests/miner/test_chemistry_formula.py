from __future__ import annotations

import pytest
from pymatgen.core import Composition

from miner.chemistry.formula import Formula, UnresolvedFormula, normalize_formula, variables


@pytest.mark.parametrize(
    ("text", "values", "normalized"),
    [
        ("Li6.25Ga0.25La3Zr2O12", None, "Li6.25Ga0.25La3Zr2O12"),
        ("Li7-3xGaxLa3Zr2O12", {"x": 0.25}, "Li6.25Ga0.25La3Zr2O12"),
        ("SrLa(1-x)MgTaO6", {"x": 0.1}, "SrLa0.9MgTaO6"),
        ("Li_{7+a-c-2d}La3Zr2O12", {"a": 0, "c": 0.5, "d": 0}, "Li6.5La3Zr2O12"),
        ("Li1.3Al0.3Ti1.7(PO4)3", None, "Li1.3Al0.3Ti1.7P3O12"),
    ],
)
def test_formula_parse_normalizes(text, values, normalized):
    assert Formula.parse(text, values).normalized == normalized


def test_formula_equality_ignores_order():
    assert Formula.parse("La3Li7Zr2O12") == Formula.parse("Li7La3Zr2O12")
    assert hash(Formula.parse("La3Li7Zr2O12")) == hash(Formula.parse("Li7La3Zr2O12"))


def test_formula_amounts_match_pymatgen():
    for text in ("Li6.4La3Zr1.4Ta0.6O12", "LiNi0.5Co0.2Mn0.3O2", "Li1.3Al0.3Ti1.7(PO4)3"):
        ours = dict(Formula.parse(text).amounts)
        theirs = {str(e): a for e, a in Composition(text).items()}
        assert ours == pytest.approx(theirs)


def test_formula_charge_balance():
    assert Formula.parse("Li6.25Ga0.25La3Zr2O12").charge_balanced() is True
    assert Formula.parse("Li7La3Zr2O13").charge_balanced() is False
    assert Formula.parse("LiNi0.5Co0.2Mn0.3O2").charge_balanced() is True


def test_formula_rejects_non_formulas():
    assert normalize_formula("NCM523") is None
    assert normalize_formula("Fig") is None
    with pytest.raises(UnresolvedFormula, match="no value for 'x'"):
        Formula.parse("Li7-3xGaxLa3Zr2O12")
    with pytest.raises(ValueError, match="Invalid element='Xx'"):
        Formula((("Xx", 1.0),))


def test_formula_variables():
    assert variables("Li7-3xGaxLa3Zr2O12") == {"x"}
    assert variables("Li_{7+a-c-2d}La3Zr2O12") == {"a", "c", "d"}


def test_formula_number_after_a_dash_is_no_amount() -> None:
    """ "Li7La3Zr2O12-8 wt.% Li3BO3": the 8 is an amount of the additive, not O(12-8)."""
    assert normalize_formula("Li7La3Zr2O12-8") is None
    assert normalize_formula("Li_{7-0.75}Ga0.25La3Zr2O12") == "Li6.25Ga0.25La3Zr2O12"
    assert normalize_formula("Li7-3xGaxLa3Zr2O12", {"x": 0.25}) == "Li6.25Ga0.25La3Zr2O12"
