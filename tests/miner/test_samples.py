"""Which values of a document are one sample (miner.samples), and on a document read end to end:
a table row and the sentence that restates it are one sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from corpus import read_document
from miner.extract import extract_document, load_pipeline
from miner.records import Dopant, Fact, Host, Material
from miner.samples import assign_samples, one_sample

GA = Material("Li6.25Ga0.25La3Zr2O12", "Li6.25Ga0.25La3Zr2O12")


def _fact(prop: str, value: float, material: Material = GA, **kw) -> Fact:
    fields = dict(kind="measurement", doc="d", section="1", sentence=1, start=0, end=1, text="x")
    fields.update(kw)
    return Fact(material=material, property=prop, value=value, unit="u", **fields)  # type: ignore[arg-type]


def test_samples_one_composition_in_one_study_is_one_sample() -> None:
    facts = [
        _fact("ionic_conductivity", 1.3e-3, refs=("12",), temperature_C=25.0),
        _fact("relative_density", 95.0, refs=("12",), sentence=2),
        _fact("ionic_conductivity", 1.3e-3, refs=("12",), temperature_C=25.0, source="table"),
        _fact("ionic_conductivity", 9.0e-4, refs=("13",), temperature_C=25.0),
    ]
    assert [f.sample for f in assign_samples(facts)] == [
        "Li6.25La3Zr2Ga0.25O12@12",
        "Li6.25La3Zr2Ga0.25O12@12",
        "Li6.25La3Zr2Ga0.25O12@12",
        "Li6.25La3Zr2Ga0.25O12@13",
    ]


def test_samples_two_values_under_one_condition_are_two_samples() -> None:
    made_twice = [
        _fact("ionic_conductivity", 1.3e-3, temperature_C=25.0),
        _fact("ionic_conductivity", 4.0e-4, temperature_C=25.0, sentence=5),
    ]
    assert not one_sample(made_twice)
    assert [f.sample for f in assign_samples(made_twice)] == [None, None]
    heated = [made_twice[0], _fact("ionic_conductivity", 4.0e-3, temperature_C=80.0)]
    assert [f.sample for f in assign_samples(heated)] == ["Li6.25La3Zr2Ga0.25O12@own"] * 2


def test_samples_family_names_and_calculations_have_none() -> None:
    facts = [
        _fact("ionic_conductivity", 1e-3, Material("LLZTO")),
        _fact("activation_energy", 0.2, basis="calculated"),
        _fact("activation_energy", 0.3),
    ]
    assert [f.sample for f in assign_samples(facts)] == [None, None, "Li6.25La3Zr2Ga0.25O12@own"]


PAPER = """# Ga-doped garnet pellets

## 1 Results

Li6.25Ga0.25La3Zr2O12 pellets reached a relative density of 96%.^[7]
The Li6.25Ga0.25La3Zr2O12 pellet shows a conductivity of 1.3 × 10^-3 S cm^-1 at 25 °C.^[7]

Table 1. Garnet electrolytes.

Composition\tσ (S cm⁻¹)\tRef.
Li6.25Ga0.25La3Zr2O12\t1.3 × 10⁻³\t[7]
"""


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_samples_table_row_and_its_restatement_are_one_sample(
    nlp: Language, tmp_path: Path
) -> None:
    path = tmp_path / "ga-paper.md"
    path.write_text(PAPER, encoding="utf-8")
    facts = extract_document(read_document(path), nlp)
    got = [(f.source, f.property, f.value, f.refs, f.sample) for f in facts]
    sample = "Li6.25La3Zr2Ga0.25O12@7"
    assert got == [
        ("text", "relative_density", 96.0, ("7",), sample),
        ("text", "ionic_conductivity", 1.3e-3, ("7",), sample),
        ("table", "ionic_conductivity", 1.3e-3, ("7",), sample),
    ]


def _doped(text: str, key: str, *dopants: Dopant, formula: str | None = None) -> Material:
    return Material(text, formula, key=key, host=Host("LLZO", "Li7La3Zr2O12"))


F_ROW = (Dopant("F", "F-", "O", 0.2, -1),)
AL_F = (Dopant("Al", "", "Li", 0.2, 3), Dopant("F", "", "O", 0.2, -1))


def test_samples_a_restatement_with_the_fuller_composition_is_one_sample() -> None:
    """A doping table row (F on O, x = 0.2) and the text naming the whole composition
    (Li6.8Al0.2La3Zr2O11.8F0.2) with the same conductivity, density and activation energy of
    one study are one sample; an Al/Ga-doped LLZO of unknown amounts restating a Ga row's value
    joins that row; an undoped parent with the same value, another study's value and a value
    stated again in the same sentence do not."""
    row = _doped("LLZO", "Li6.8La3Zr2O11.8F0.2")
    text = _doped("Li6.8Al0.2La3Zr2O11.8F0.2", "Li6.8La3Zr2Al0.2O11.8F0.2",
                  formula="Li6.8Al0.2La3Zr2O11.8F0.2")  # fmt: skip
    ga_row = _doped("LLZO", "Li6.25La3Zr2Ga0.25O12")
    al_ga = _doped("LLZO", "Li7La3Zr2O12|Al@Li:?,Ga@Li:?")
    ga = (Dopant("Ga", "Ga3+", "Li", 0.25, 3),)
    undoped = Material("Li7La3Zr2O12", "Li7La3Zr2O12")
    facts = [
        _fact("ionic_conductivity", 7.45e-4, row, dopants=F_ROW, refs=("135",), source="table",
              sentence=-1, temperature_C=25.0),
        _fact("activation_energy", 0.288, row, dopants=F_ROW, refs=("135",), source="table",
              sentence=-1),
        _fact("ionic_conductivity", 7.45e-4, text, dopants=AL_F, refs=("135",), sentence=4,
              temperature_C=30.0),
        _fact("activation_energy", 0.288, text, dopants=AL_F, refs=("135",), sentence=4),
        _fact("ionic_conductivity", 7.45e-4, undoped, refs=("135",), sentence=6),
        _fact("ionic_conductivity", 7.45e-4, text, dopants=AL_F, refs=("140",), sentence=7),
        _fact("ionic_conductivity", 1.19e-3, ga_row, dopants=ga, refs=("127",), source="table",
              sentence=-1),
        _fact("ionic_conductivity", 1.19e-3, al_ga, refs=("127",), sentence=9,
              dopants=(Dopant("Al", "", "Li"), Dopant("Ga", "", "Li"))),
        _fact("ionic_conductivity", 1.19e-3, al_ga, refs=("128",), sentence=10,
              dopants=(Dopant("Al", "", "Li"), Dopant("Ga", "", "Li"))),
    ]  # fmt: skip
    assert [f.sample for f in assign_samples(facts)] == [
        "Li6.8La3Zr2Al0.2O11.8F0.2@135",
        "Li6.8La3Zr2Al0.2O11.8F0.2@135",
        "Li6.8La3Zr2Al0.2O11.8F0.2@135",
        "Li6.8La3Zr2Al0.2O11.8F0.2@135",
        "Li7La3Zr2O12@135",
        "Li6.8La3Zr2Al0.2O11.8F0.2@140",
        "Li6.25La3Zr2Ga0.25O12@127",
        "Li6.25La3Zr2Ga0.25O12@127",
        None,
    ]
    same_sentence = [
        _fact("ionic_conductivity", 7.45e-4, row, dopants=F_ROW, sentence=3),
        _fact("ionic_conductivity", 7.45e-4, text, dopants=AL_F, sentence=3),
    ]
    assert [f.sample for f in assign_samples(same_sentence)] == [
        "Li6.8La3Zr2O11.8F0.2@own",
        "Li6.8La3Zr2Al0.2O11.8F0.2@own",
    ]
