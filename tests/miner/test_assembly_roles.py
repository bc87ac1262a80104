"""Roles of materials in a sentence (miner.assembly.roles): helper phases, reagents, the parts
of a composite or cell."""

from __future__ import annotations

import pytest

from miner.assembly import roles
from miner.assembly.mention import Mention


def _mentions(text: str, *written: str, formulas: dict[str, str] | None = None) -> list[Mention]:
    out, at = [], 0
    for w in written:
        start = text.index(w, at)
        at = start + len(w)
        out.append(Mention(w, start, at, formula=(formulas or {}).get(w)))
    return out


@pytest.mark.parametrize(
    ("text", "written", "secondary"),
    [
        ("LLZO with 2 wt% Li3BO3 as a sintering aid", "Li3BO3", True),
        ("pellets sintered in MgO crucibles", "MgO", True),
        ("LLZO coated with Al2O3", "Al2O3", True),
        ("Ga-doped LLZO reached 1 mS cm^-1", "Ga-doped LLZO", False),
    ],
)
def test_roles_helper_phases(text: str, written: str, secondary: bool) -> None:
    start = text.index(written)
    assert roles.is_secondary(text, start, start + len(written)) is secondary


def test_roles_joined_materials_share_a_helper_role() -> None:
    text = "a LiCl–KCl flux"
    first, second = _mentions(text, "LiCl", "KCl")
    joined = roles.joined_secondary(
        text, [first, Mention("KCl", second.start, second.end, secondary=True)]
    )
    assert [m.secondary for m in joined] == [True, True]


def test_roles_milled_list_is_reagents() -> None:
    text = "Li2CO3, La2O3 and ZrO2 were ball-milled before LLZO formed."
    read = roles.reagents(text, _mentions(text, "Li2CO3", "La2O3", "ZrO2", "LLZO"))
    assert [(m.text, m.secondary) for m in read] == [
        ("Li2CO3", True),
        ("La2O3", True),
        ("ZrO2", True),
        ("LLZO", False),
    ]


@pytest.mark.parametrize(
    ("text", "written", "secondary"),
    [
        ("LiCl (99.9%; Sigma-Aldrich), NH4Cl and YCl3 were dissolved.", "LiCl", True),
        ("Na2S (Nagao Co., 99.1%) was used.", "Na2S", True),
        ("La2O3 (&gt;99.99%) was dried.", "La2O3", True),
        ("La2O3 (purity 99.99%, Aladdin) was dried.", "La2O3", True),
        ("LLZO (97% relative density) was polished.", "LLZO", False),
        ("LLZO (99%) was polished.", "LLZO", False),
        ("LLZO (99%, Toshima) was polished.", "LLZO", True),
        ("LLZTO (Li6.4La3Zr1.4Ta0.6O12, 95%) was polished.", "LLZTO", False),
    ],
)
def test_roles_chemical_with_its_purity_is_a_reagent(
    text: str, written: str, secondary: bool
) -> None:
    (read,) = roles.reagents(text, _mentions(text, written))
    assert read.secondary is secondary


def test_roles_materials_in_a_molar_ratio_are_reagents() -> None:
    text = "The molar ratio of Li2S:P2S5 was 75:25 for Li3PS4."
    read = roles.reagents(text, _mentions(text, "Li2S", "P2S5", "Li3PS4"))
    assert [(m.text, m.secondary) for m in read] == [
        ("Li2S", True),
        ("P2S5", True),
        ("Li3PS4", False),
    ]


def test_roles_starting_materials_are_reagents() -> None:
    text = "Na2S, Sb2S3 and S powders were used as the starting materials for Na3SbS4."
    read = roles.reagents(text, _mentions(text, "Na2S", "Sb2S3", "S", "Na3SbS4"))
    assert [m.secondary for m in read] == [True, True, True, False]


def test_roles_a_material_named_as_anothers_type_is_a_label() -> None:
    text = "higher than in LGPS-type Li9.54Si1.74P1.44S11.7Cl0.3 and in LGPS (σ = 12 mS cm^-1)"
    read = roles.type_labels(text, _mentions(text, "LGPS", "Li9.54Si1.74P1.44S11.7Cl0.3", "LGPS"))
    assert [m.secondary for m in read] == [True, False, False]


def test_roles_cell_written_with_slashes_is_one_material_whose_components_name_the_garnet() -> None:
    text = "The LiCoO2/Li6.4La3Zr1.4Ta0.6O12/Li cell retained 90%."
    garnet = "Li6.4La3Zr1.4Ta0.6O12"
    (cell,) = roles.composites(
        text, _mentions(text, "LiCoO2", garnet, formulas={"LiCoO2": "LiCoO2", garnet: garnet})
    )
    # DESIGN.md's material rules: a cell has no formula of its own; its components name the
    # electrolyte
    assert (cell.text, cell.formula, cell.parts, cell.family) == (
        "LiCoO2/Li6.4La3Zr1.4Ta0.6O12/Li cell",
        None,
        3,
        "cell",
    )
    assert [(c.role, c.material.formula) for c in cell.components] == [
        ("cathode", "LiCoO2"),
        ("electrolyte", garnet),
    ]
