from __future__ import annotations

import pytest
import spacy

from miner import dopants, materials, sites  # noqa: F401
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    for name in ("llzo_material", "llzo_site", "llzo_dopant"):
        nlp.add_pipe(name)
    return nlp


def found(nlp, text):
    doc = nlp(text)
    return [
        (s.text, s._.element, s._.charge, s._.amount, s._.amount_max, s._.site)
        for s in doc.spans["llzo_dopant"]
    ]


def test_dopant_before_doping_words(nlp):
    text = "Ga-doped, Al/Ga co-doped and Er3+-doped samples; Ta5+ substitution and Mn doping."
    assert found(nlp, text) == [
        ("Ga", "Ga", None, None, None, None),
        ("Al", "Al", None, None, None, None),
        ("Ga", "Ga", None, None, None, None),
        ("Er3+", "Er", 3, None, None, None),
        ("Ta5+", "Ta", 5, None, None, None),
        ("Mn", "Mn", None, None, None, None),
    ]


def test_dopant_after_doping_words(nlp):
    text = "SrLaMgTaO6 doped with trivalent erbium and ZnO films doped with Al, Ga and In."
    assert found(nlp, text) == [
        ("trivalent erbium", "Er", 3, None, None, None),
        ("Al", "Al", None, None, None, None),
        ("Ga", "Ga", None, None, None, None),
        ("In", "In", None, None, None, None),
    ]


def test_dopant_replacement_gives_site(nlp):
    assert found(nlp, "Replacing Zr4+ in LLZO with Ta5+ stabilises the cubic phase.") == [
        ("Ta5+", "Ta", 5, None, None, "Zr")
    ]
    assert found(nlp, "Small Al3+ ions can replace Li+ in the lattice.") == [
        ("Al3+", "Al", 3, None, None, "Li")
    ]
    assert found(nlp, "Ga3+ substitution on the Li site blocks Li+ paths.") == [
        ("Ga3+", "Ga", 3, None, None, "Li")
    ]


def test_dopant_amounts(nlp):
    assert found(nlp, "Adding 0.2–0.24 mol of Al3+ gives cubic LLZO.") == [
        ("Al3+", "Al", 3, 0.2, 0.24, None)
    ]
    assert found(nlp, "Ga-doped Li7-3xGaxLa3Zr2O12 with x = 0.25 was made.") == [
        ("Ga", "Ga", None, 0.25, None, None)
    ]
    assert found(nlp, "Ga-doped Li6.25Ga0.25La3Zr2O12 was made.") == [
        ("Ga", "Ga", None, 0.25, None, None)
    ]


def test_dopant_colon_notation(nlp):
    assert found(nlp, "Transparent ZnO:Al electrodes were grown.") == [
        ("Al", "Al", None, None, None, None)
    ]


def test_dopant_near_misses(nlp):
    text = "In this work, As noted, Li-ion transport in Li7La3Zr2O12 (Fig. 3) improved in 2019."
    assert found(nlp, text) == []


def test_dopant_lists_fillers_and_colons(nlp):
    assert [d[1] for d in found(nlp, "Pure and Fe- or Mo-doped ZnWO4 crystals were grown.")] == [
        "Fe",
        "Mo",
    ]
    assert [d[1] for d in found(nlp, "Nb-, Al-, and Ta-doped LLZO pellets.")] == ["Nb", "Al", "Ta"]
    assert found(nlp, "V2O3 doped with 1.1% Cr was studied.") == [
        ("Cr", "Cr", None, None, None, None)
    ]
    assert [d[0] for d in found(nlp, "Hexagonal ZnS:Ag:Co and β-NaYF4: 20% Er3+ phosphors.")] == [
        "Ag",
        "Co",
        "Er3+",
    ]
    assert [
        d[1] for d in found(nlp, "Lanthanum (La) doped ceria and chromium-containing films.")
    ] == [
        "La",
        "Cr",
    ]


def test_dopant_colon_prefix_and_element_host(nlp):
    assert [d[0] for d in found(nlp, "Dy:Er:YAG and Ge:B crystals; a Li:La ratio of 7:3.")] == [
        "Dy",
        "Er",
        "B",
    ]


def test_dopant_tri_doped_and_distant_replacement(nlp):
    assert [d[1] for d in found(nlp, "Ga/Ta/Ba tri-doped LLZO pellets were dense.")] == [
        "Ga",
        "Ta",
        "Ba",
    ]
    assert found(nlp, "Al3+ ions in the garnet lattice can replace Li+.") == [
        ("Al3+", "Al", 3, None, None, "Li")
    ]


def test_dopant_site_names_are_not_dopants(nlp):
    assert found(nlp, "Co-doping of Li and Zr sites with Ga and Ta was studied.") == [
        ("Ga", "Ga", None, None, None, "Li"),
        ("Ta", "Ta", None, None, None, "Zr"),
    ]
    assert [d[1] for d in found(nlp, "Co-doped LLZO and LLZO co-doped with Al and Ga.")] == [
        "Co",
        "Al",
        "Ga",
    ]
