"""The one material-family classification (miner.chemistry.family) and the garnet frame it
reads (miner.chemistry.garnet)."""

from __future__ import annotations

import pytest

from miner.chemistry import garnet
from miner.chemistry.family import FAMILIES, classify, formula_is_garnet, names_garnet


@pytest.mark.parametrize(
    ("text", "formula", "parts", "family"),
    [
        ("Li6.4La3Zr1.4Ta0.6O12", "Li6.4La3Zr1.4Ta0.6O12", 1, "garnet"),
        ("Li5La3Ta2O12", "Li5La3Ta2O12", 1, "garnet"),  # Zr site held by Ta: still a garnet
        ("Ga-doped LLZO", None, 1, "garnet"),
        ("lithium lanthanum zirconate", None, 1, "garnet"),
        ("this garnet", None, 1, "garnet"),
        ("yttrium aluminium garnet", "Y3Al5O12", 1, "other"),  # a garnet, but no Li one
        ("PEO", None, 1, "polymer"),
        ("LiTFSI", None, 1, "salt"),
        ("LiPF6", "LiPF6", 1, "salt"),
        ("NCM811", "LiNi0.8Co0.1Mn0.1O2", 1, "cathode"),
        ("Li-rich oxide", "Li1.2Mn0.54Co0.13Ni0.13O2", 1, "cathode"),  # any Li-Ni/Mn/Co oxide
        ("LNMO-type spinel", "LiMn1.4Ni0.5Ti0.1O4", 1, "cathode"),
        ("LiNbO3", "LiNbO3", 1, "other"),  # a Li oxide without Ni, Mn or Co
        ("Co-doped LLZO", "Li6.4Co0.2La3Zr2O12", 1, "garnet"),  # a garnet before a cathode
        ("lithium metal", "Li", 1, "anode"),
        ("PEO/LLZTO", None, 2, "composite"),
        ("LLZTO-PEO composite electrolyte", None, 1, "composite"),
        ("LiCoO2/LLZO/Li", "Li7La3Zr2O12", 3, "cell"),
        ("Li|Ta-LLZO|Li", None, 1, "cell"),
        ("Li/LLZO interface", None, 2, "interface"),
        ("Li/LLZTO", "Li6.4La3Zr1.4Ta0.6O12", 2, "interface"),
        ("lithium/garnet", None, 2, "interface"),
        ("Al-doped LLZO/electrode", None, 2, "interface"),
        ("LATP", None, 1, "other"),
        ("ZnO", "ZnO", 1, "other"),
    ],
)
def test_family_classify(text: str, formula: str | None, parts: int, family: str) -> None:
    assert classify(text, formula, parts) == family
    assert family in FAMILIES


def test_family_garnet_tests_agree() -> None:
    assert formula_is_garnet("Li6.25Ga0.25La3Zr2O12") and formula_is_garnet("Li7La3Hf2O12")
    assert not formula_is_garnet("La2Zr2O7") and not formula_is_garnet("not a formula")
    assert names_garnet("Al-LLZO pellets") and not names_garnet("LATP")


def test_garnet_frame_declared() -> None:
    assert garnet.PARENT_FORMULA == "Li7La3Zr2O12"
    assert garnet.PARENT == {"Li": 7.0, "La": 3.0, "Zr": 2.0, "O": 12.0}
    assert garnet.SITES == ("Li", "La", "Zr", "O")
    assert garnet.GARNET_SITES["Zr"] == garnet.Site(4, "VI", ("16a",))
    assert garnet.POSITIONS == {"24d": "Li", "48g": "Li", "96h": "Li", "24c": "La", "16a": "Zr"}
    assert garnet.SITE_PREFERENCE["Ga"] == ("Li",) and garnet.SITE_PREFERENCE["Y"] == ("Zr", "La")
    assert garnet.DOPANT_IONS["W"] == (6,) and garnet.DOPANT_IONS["Fe"] == (3, 2)


def test_garnet_llzo_derived_needs_zr_a_garnet_does_not() -> None:
    amounts = garnet.parse_formula("Li5La3Ta2O12")
    assert garnet.is_garnet(amounts) and not garnet.is_llzo_derived(amounts)


def test_chemistry_room_corpus_and_graph_rows_import_no_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, corpus, graph.rows, miner.chemistry.family, miner.records;"
        "print(sorted(m for m in ('spacy', 'miner.tokenizer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
