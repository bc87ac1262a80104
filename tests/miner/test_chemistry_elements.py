"""The element table every layer reads (miner.chemistry.elements)."""

from __future__ import annotations

import pytest

from miner.chemistry import elements


def test_elements_are_the_118_of_pymatgen() -> None:
    assert len(elements.ELEMENTS) == 118
    assert {"Li", "La", "Zr", "O", "Og"} <= elements.ELEMENTS
    assert "M" not in elements.ELEMENTS


def test_elements_names_in_both_spellings() -> None:
    names = elements.ELEMENT_NAMES
    assert (names["aluminium"], names["aluminum"], names["caesium"], names["cesium"]) == (
        "Al",
        "Al",
        "Cs",
        "Cs",
    )
    assert (names["sulphur"], names["sulfur"], names["lanthanum"]) == ("S", "S", "La")


def test_elements_oxidation_states_and_numbers() -> None:
    assert elements.OXIDATION_STATES["Ga"] == (3,)
    assert elements.OXIDATION_STATES["Fe"] == (2, 3)
    assert (elements.ATOMIC_NUMBERS["Li"], elements.ATOMIC_NUMBERS["Cm"]) == (3, 96)


@pytest.mark.parametrize(
    ("element", "charge", "text"), [("Ga", 3, "Ga3+"), ("F", -1, "F-"), ("O", -2, "O2-")]
)
def test_elements_ion_name_and_charge(element: str, charge: int, text: str) -> None:
    assert elements.ion_name(element, charge) == text
    assert elements.charge(text.removeprefix(element)) == charge


def test_elements_charge_notation() -> None:
    assert [elements.charge(w) for w in ("+", "3+", "2−", " 3+")] == [1, 3, -2, 3]
    with pytest.raises(ValueError, match="Invalid charge written='3'"):
        elements.charge("3")


def test_elements_shannon_radius_at_the_nearest_coordination() -> None:
    assert elements.shannon_radius("Zr", 4, "VI") == (0.72, "VI")
    # Ba2+ has no four-coordinate radius: the nearest tabulated one
    assert elements.shannon_radius("Ba", 2, "IV") == (1.35, "VI")
    assert elements.shannon_radius("Ar", 1, "VI") is None
    assert [elements.coordination_number(c) for c in ("IV", "VI", "VIII", "IX", "IVSQ")] == [
        4,
        6,
        8,
        9,
        4,
    ]
