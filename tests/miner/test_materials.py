from __future__ import annotations

import pytest
import spacy

from miner import materials  # noqa: F401
from miner.abbreviations import Definition
from miner.materials import Abbreviations
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_material")
    return nlp


def found(doc):
    return [
        (s.text, s._.material_kind, s._.formula, s._.dopant_elements, s._.host)
        for s in doc.spans["llzo_material"]
    ]


def test_material_formulas_and_families(nlp):
    doc = nlp("Cubic Li6.25Ga0.25La3Zr2O12 and c-LLZO contain Li2CO3, LiOH and NCM523 residues.")
    assert found(doc) == [
        ("Li6.25Ga0.25La3Zr2O12", "formula", "Li6.25Ga0.25La3Zr2O12", [], "Li6.25Ga0.25La3Zr2O12"),
        ("c-LLZO", "family", "Li7La3Zr2O12", [], "c-LLZO"),
        ("Li2CO3", "formula", "Li2CO3", [], "Li2CO3"),
        ("LiOH", "formula", "LiOH", [], "LiOH"),
        ("NCM523", "other", "LiNi0.5Co0.2Mn0.3O2", [], "NCM523"),
    ]
    assert doc.spans["llzo_material"][0]._.charge_balanced is True


def test_material_inside_cell_stacks(nlp):
    doc = nlp("Li|Li6.4La3Zr1.4Ta0.6O12|LiCoO2 and Li/Li6.25Ga0.25La3Zr2O12/Li cells, Li||LFP.")
    assert [(text, formula) for text, _, formula, _, _ in found(doc)] == [
        ("Li6.4La3Zr1.4Ta0.6O12", "Li6.4La3Zr1.4Ta0.6O12"),
        ("LiCoO2", "LiCoO2"),
        ("Li6.25Ga0.25La3Zr2O12", "Li6.25Ga0.25La3Zr2O12"),
        ("LFP", "LiFePO4"),
    ]


def test_material_declared_name_wins_over_a_formula_reading(nlp):
    # "LiPON" also parses as Li1P1O1N1: the declared name says what it is
    doc = nlp("LiPON films and LGPS were compared with LiPF6 in carbonate.")
    assert [(text, kind, formula) for text, kind, formula, _, _ in found(doc)] == [
        ("LiPON", "family", None),
        ("LGPS", "family", "Li10GeP2S12"),
        ("LiPF6", "other", "LiPF6"),
    ]


def test_material_doped_names(nlp):
    doc = nlp("Ga-doped LLZO, Al/Ga co-doped LLZO and a high-entropy garnet were compared.")
    assert found(doc) == [
        ("Ga-doped LLZO", "family", None, ["Ga"], "LLZO"),
        ("Al/Ga co-doped LLZO", "family", None, ["Al", "Ga"], "LLZO"),
        ("high-entropy garnet", "family", None, [], "high-entropy garnet"),
    ]


def test_material_doped_names_with_the_dopants_in_brackets(nlp):
    doc = nlp("(Ga,Sc)-codoped Li7La3Zr2O12 and (Al, Ta) doped LLZO were compared.")
    assert found(doc) == [
        ("(Ga,Sc)-codoped Li7La3Zr2O12", "formula", None, ["Ga", "Sc"], "Li7La3Zr2O12"),
        ("(Al, Ta) doped LLZO", "family", None, ["Al", "Ta"], "LLZO"),
    ]


def test_material_non_garnet_hosts(nlp):
    doc = nlp(
        "ZnO:Al films, Nb-substituted TiO2, Er3+-doped SrLaMgTaO6, SrLa(1-x)MgTaO6:Erx, "
        "CdSe quantum dots and B-doped Ge."
    )
    assert found(doc) == [
        ("ZnO", "formula", "ZnO", ["Al"], "ZnO"),
        ("Nb-substituted TiO2", "formula", None, ["Nb"], "TiO2"),
        ("Er3+-doped SrLaMgTaO6", "formula", None, ["Er"], "SrLaMgTaO6"),
        ("SrLa(1-x)MgTaO6", "formula", None, ["Er"], "SrLa(1-x)MgTaO6"),
        ("CdSe", "formula", "CdSe", [], "CdSe"),
        ("B-doped Ge", "formula", None, ["B"], "Ge"),
    ]


def test_material_systems_of_parts_in_molar_amounts_are_one_material(nlp):
    # a glass or mixed ceramic written as its parts is no single formula, and not its first part
    doc = nlp(
        "The 75Li2S–25P2S5 glass, (100-x)Li2S-xP2S5 glasses, Li2O-B2O3 additions and dense "
        "Al2O3 TiO2 mixed ceramics differ from LiCoO2-Li3BO3 cathodes and Al2O3 and TiO2."
    )
    assert [(text, kind, formula) for text, kind, formula, _, _ in found(doc)] == [
        ("75Li2S–25P2S5", "other", None),
        ("(100-x)Li2S-xP2S5", "other", None),
        ("Li2O-B2O3", "other", None),
        ("Al2O3 TiO2", "other", None),
        ("LiCoO2", "formula", "LiCoO2"),  # a cathode's part is left to the composite step
        ("Li3BO3", "formula", "Li3BO3"),
        ("Al2O3", "formula", "Al2O3"),
        ("TiO2", "formula", "TiO2"),
    ]


def test_material_general_formula_resolved_by_stated_x(nlp):
    doc = nlp("Li7-3xGaxLa3Zr2O12 (x = 0.25) was quenched.")
    assert found(doc) == [
        ("Li7-3xGaxLa3Zr2O12", "formula", "Li6.25Ga0.25La3Zr2O12", [], "Li7-3xGaxLa3Zr2O12")
    ]


def test_material_near_misses(nlp):
    doc = nlp(
        "In 2019, As reported in Fig. 3 and Section 2.1, Li-ion flux, the CCD, SPS, CV, SSEs "
        "cells, Li1 and O2 gave [12] nothing."
    )
    assert found(doc) == []


def test_material_abbreviations_learned_within_a_doc(nlp):
    doc = nlp(
        "The Li6.4Al0.2La3Zr2O12 (LLZAO) pellets, denoted as LALZO-4, were dense. "
        "LALZO-4 and LLZAO were then coated."
    )
    assert found(doc) == [
        ("Li6.4Al0.2La3Zr2O12", "formula", "Li6.4Al0.2La3Zr2O12", [], "Li6.4Al0.2La3Zr2O12"),
        ("LALZO-4", "abbreviation", "Li6.4Al0.2La3Zr2O12", [], "LALZO-4"),
        ("LLZAO", "abbreviation", "Li6.4Al0.2La3Zr2O12", [], "LLZAO"),
    ]
    assert doc._.abbreviations == {
        "LLZAO": "Li6.4Al0.2La3Zr2O12",
        "LALZO-4": "Li6.4Al0.2La3Zr2O12",
    }


def test_material_abbreviations_carried_between_sentences(nlp):
    table = Abbreviations()
    sentences = ["Li6.5La3Zr1.5Ta0.5O12 (LLZT-05) was made.", "LLZT-05 is dense."]
    cfg = {"llzo_material": {"abbreviations": table}}
    docs = list(nlp.pipe(sentences, component_cfg=cfg))
    assert found(docs[1]) == [("LLZT-05", "abbreviation", "Li6.5La3Zr1.5Ta0.5O12", [], "LLZT-05")]
    assert table.get("LLZT-05") == Definition("Li6.5La3Zr1.5Ta0.5O12", "Li6.5La3Zr1.5Ta0.5O12")
    alone = nlp("LLZT-05 is dense.")
    assert found(alone) == []


def test_material_abbreviations_keep_the_dopants_and_definition_they_stand_for(nlp):
    table = Abbreviations()
    sentences = [
        "Nb-doped LLZO (LLZNO) was sintered.",
        "Li6.4La3Zr1.4Ta0.6O12 (LLZTO-6) was made.",
        "LLZNO and LLZTO-6 are dense.",
    ]
    cfg = {"llzo_material": {"abbreviations": table}}
    *_, last = nlp.pipe(sentences, component_cfg=cfg)
    assert [
        (s.text, s._.formula, s._.dopant_elements, s._.named_dopants, s._.defined_as)
        for s in last.spans["llzo_material"]
    ] == [
        ("LLZNO", None, ["Nb"], ["Nb"], "Nb-doped LLZO"),
        ("LLZTO-6", "Li6.4La3Zr1.4Ta0.6O12", [], [], "Li6.4La3Zr1.4Ta0.6O12"),
    ]
    # a definition made for one cited study lapses: the name is its doped family again, and
    # a later definition holds
    table.lapse(["LLZTO-6", "LLZNO"])
    assert table.get("LLZTO-6") == Definition(None, None, ("Ta",))
    assert table.get("LLZNO") == Definition(None, None, ("Nb",))
    table.learn("LLZTO-6", "Li6.5La3Zr1.5Ta0.5O12", "Li6.5La3Zr1.5Ta0.5O12")
    assert table.get("LLZTO-6") == Definition("Li6.5La3Zr1.5Ta0.5O12", "Li6.5La3Zr1.5Ta0.5O12")


def test_material_abbreviation_of_a_modified_formula_names_no_composition(nlp):
    table = Abbreviations()
    sentences = [
        "The cell used modified Li1.2Mn0.54Co0.13Ni0.13O2 (S-LRMO) as the cathode.",
        "S-LRMO is stable.",
    ]
    cfg = {"llzo_material": {"abbreviations": table}}
    *_, last = nlp.pipe(sentences, component_cfg=cfg)
    assert [(s.text, s._.formula, s._.defined_as) for s in last.spans["llzo_material"]] == [
        ("S-LRMO", None, "Li1.2Mn0.54Co0.13Ni0.13O2")
    ]


def test_material_listed_dopants_and_named_hosts(nlp):
    doc = nlp("Fe- or Mo-doped ZnWO4, lithium doped magnesium clusters and Ceria (CeO2).")
    assert found(doc) == [
        ("Fe- or Mo-doped ZnWO4", "formula", None, ["Fe", "Mo"], "ZnWO4"),
        ("lithium doped magnesium", "formula", None, ["Li"], "magnesium"),
        ("Ceria", "other", None, [], "Ceria"),
        ("CeO2", "formula", "CeO2", [], "CeO2"),
    ]


def test_material_colon_notations(nlp):
    doc = nlp("Dy:Er:YAG phosphors, Ge:B detectors, ZnS:Ag:Co and a Li:La ratio of 7:3.")
    assert found(doc) == [
        ("YAG", "other", "Y3Al5O12", ["Dy", "Er"], "YAG"),
        ("Ge", "formula", "Ge", ["B"], "Ge"),
        ("ZnS", "formula", "ZnS", ["Ag", "Co"], "ZnS"),
    ]


def test_material_compounds_named_in_words(nlp):
    doc = nlp("Zinc oxide films and barium strontium titanate (BST) on a lithium-ion cell; BST.")
    assert found(doc) == [
        ("Zinc oxide", "other", None, [], "Zinc oxide"),
        ("barium strontium titanate", "other", None, [], "barium strontium titanate"),
        ("BST", "abbreviation", None, [], "BST"),
    ]
