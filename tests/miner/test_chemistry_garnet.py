"""Dopant, site and amount read from explicit compositions relative to Li7La3Zr2O12."""

from __future__ import annotations

import pytest

from miner.chemistry.garnet import (
    Substitution,
    charge_balance,
    default_site,
    infer_dopants,
    nominal_composition,
    parse_formula,
)


def test_composition_ga_on_li_site() -> None:
    reading = infer_dopants("Li6.25Ga0.25La3Zr2O12")
    assert reading.dopants == (Substitution("Ga", "Li", 0.25, 3),)
    assert reading.charge_balanced is True
    assert reading.flags == ()
    assert reading.confidence == 1.0


def test_composition_al_on_li_and_f_on_o() -> None:
    reading = infer_dopants("Li6.8Al0.2La3Zr2O11.8F0.2")
    assert [(d.element, d.site, d.amount) for d in reading.dopants] == [
        ("Al", "Li", 0.2),
        ("F", "O", 0.2),
    ]
    # 6.8 + 0.6 + 9 + 8 - 23.6 - 0.2 = +0.6: flagged, sites still read from the deficits
    assert reading.charge_balanced is False
    assert reading.charge_excess == pytest.approx(0.6)
    assert reading.flags == ("not charge balanced (excess +0.60 per formula unit)",)
    assert reading.confidence == pytest.approx(0.8)


def test_composition_ta_on_zr_site_from_deficit() -> None:
    reading = infer_dopants("Li6.4La3Zr1.4Ta0.6O12")
    assert reading.dopants == (Substitution("Ta", "Zr", 0.6, 5),)
    assert reading.charge_balanced is True


def test_composition_co_doped_ga_li_ta_zr() -> None:
    reading = infer_dopants("Li6.45Ga0.15La3Zr1.9Ta0.1O12")
    assert [(d.element, d.site, d.amount) for d in reading.dopants] == [
        ("Ga", "Li", 0.15),
        ("Ta", "Zr", 0.1),
    ]
    assert reading.charge_balanced is True


def test_composition_ambiguous_element_resolved_by_deficit() -> None:
    # Y can sit on La or Zr: the Zr deficit decides
    reading = infer_dopants("Li7.06La3Zr1.94Y0.06O12")
    assert reading.dopants == (Substitution("Y", "Zr", 0.06, 3),)
    reading = infer_dopants("Li7La2.9Y0.1Zr2O12")
    assert reading.dopants == (Substitution("Y", "La", 0.1, 3),)


def test_composition_impossible_site_flagged_not_guessed() -> None:
    # Ta written on top of a full Zr site: no deficit explains it
    reading = infer_dopants("Li6.4La3Zr2Ta0.6O12")
    assert reading.dopants == (Substitution("Ta", None, 0.6, 5),)
    assert reading.charge_balanced is False
    assert "site of Ta unknown: host deficits (none) do not match Zr" in reading.flags
    assert reading.confidence == pytest.approx(0.7)


def test_composition_stated_site_wins() -> None:
    reading = infer_dopants("Li6.4Ga0.2La3Zr2O12", stated_sites={"Ga": "La"})
    assert reading.dopants[0].site == "La"


def test_composition_stated_charge_used() -> None:
    reading = infer_dopants("Li6.25Fe0.25La3Zr2O12", stated_charges={"Fe": 3})
    assert reading.dopants == (Substitution("Fe", "Li", 0.25, 3),)
    assert reading.charge_balanced is True


def test_composition_undoped_parent() -> None:
    reading = infer_dopants("Li7La3Zr2O12")
    assert reading.dopants == ()
    assert reading.charge_balanced is True


def test_composition_non_garnet_gives_no_garnet_dopants() -> None:
    reading = infer_dopants("LiCoO2")
    assert reading.dopants == ()
    assert reading.flags == ("not derived from Li7La3Zr2O12",)


def test_composition_charge_balance_unknown_element() -> None:
    assert charge_balance({"Li": 7.0, "Xe": 1.0}) == (None, None)


def test_composition_default_site() -> None:
    assert default_site("Ga") == "Li"
    assert default_site("Ta") == "Zr"
    assert default_site("Sr") == "La"
    assert default_site("F") == "O"
    assert default_site("Y") is None
    assert default_site("Xe") is None


def test_composition_high_entropy_zr_site() -> None:
    reading = infer_dopants("Li7La3Zr0.5Hf0.5Sc0.5Nb0.5O12")
    assert [(d.element, d.site, d.amount) for d in reading.dopants] == [
        ("Hf", "Zr", 0.5),
        ("Sc", "Zr", 0.5),
        ("Nb", "Zr", 0.5),
    ]
    assert reading.charge_balanced is True


def test_composition_without_zr_is_another_garnet() -> None:
    assert infer_dopants("Li5La3Nb2O12").flags == ("not derived from Li7La3Zr2O12",)


def test_composition_many_unknown_dopants_not_tried() -> None:
    reading = infer_dopants("Li6La3Zr1.2Xe0.1Kr0.1Ne0.1He0.1Ar0.1Rn0.1Og0.1O12")
    assert {d.site for d in reading.dopants} == {None}
    assert "sites not assigned: 7 dopants are too many to try" in reading.flags


@pytest.mark.parametrize(
    ("dopants", "formula"),
    [
        ([("Ta", "Zr", 0.6, 5)], "Li6.4La3Zr1.4Ta0.6O12"),
        ([("Ga", "Li", 0.25, None)], "Li6.25Ga0.25La3Zr2O12"),  # Ga's one ion: 3+
        ([("F", "O", 0.2, -1)], "Li6.8La3Zr2O11.8F0.2"),
        ([("Ba", "La", 0.05, 2), ("Ga", "Li", 0.05, 3), ("Ta", "Zr", 0.25, 5)],
         "Li6.65Ga0.05La2.95Ba0.05Zr1.75Ta0.25O12"),
    ],
)  # fmt: skip
def test_nominal_composition_balances_the_charge_by_the_li_content(dopants, formula) -> None:
    assert nominal_composition(dopants) == pytest.approx(parse_formula(formula))


def test_nominal_composition_unknown_when_a_site_amount_or_charge_is() -> None:
    assert nominal_composition([("Ta", "Zr", None, 5)]) is None
    assert nominal_composition([("Ta", None, 0.6, 5)]) is None
    assert nominal_composition([("Fe", "Li", 0.2, None)]) is None  # Fe2+ or Fe3+
    assert nominal_composition([("Ta", "Zr", 2.5, 5)]) is None  # more Ta than Zr sites
