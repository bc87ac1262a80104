"""Sentence fact assembly on the real recogniser pipeline, one test per phrasing.

Sentences are written for these tests in the style of papers; ``^[n]`` marks a citation the way
the corpus reader leaves it (removed from the text, kept with its offset)."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from miner.assemble import Context, Draft, Mention, assemble
from miner.extract import load_pipeline, shared_abbreviations


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def read(nlp: Language, *sentences: str) -> list[list[Draft]]:
    """Facts of consecutive sentences of one paragraph."""
    context = Context()
    cfg = shared_abbreviations(nlp)
    out = []
    for sentence in sentences:
        citations, text, last = [], "", 0
        for marker in re.finditer(r"\^\[(\w+)\]", sentence):
            text += sentence[last : marker.start()]
            citations.append((len(text), (marker.group(1),)))
            last = marker.end()
        text += sentence[last:]
        drafts, context = assemble(nlp(text, component_cfg=cfg), citations, context)
        out.append(drafts)
    return out


def row(d: Draft) -> tuple:
    """The fields a test checks, in one comparable tuple."""
    return (
        d.kind,
        d.material.text,
        d.material.formula,
        tuple((x.element, x.site, x.amount) for x in d.dopants),
        d.property,
        d.value,
        d.value_max,
        d.temperature_C,
        d.methods,
        d.refs,
    )


TA06 = "Li6.4La3Zr1.4Ta0.6O12"


def test_assemble_exhibits_value(nlp: Language) -> None:
    [facts] = read(
        nlp,
        f"The {TA06} pellet exhibits an ionic conductivity of 6.1 × 10^-4 S cm^-1 at 25 °C.^[3]",
    )
    assert [row(f) for f in facts] == [
        (
            "measurement",
            TA06,
            TA06,
            (("Ta", "Zr", 0.6),),
            "ionic_conductivity",
            6.1e-4,
            None,
            25.0,
            (),
            ("3",),
        ),
    ]
    assert facts[0].confidence == 0.85
    assert facts[0].extra == {"link": "nearest-left"}


def test_assemble_value_for_material(nlp: Language) -> None:
    [facts] = read(nlp, "An activation energy of 0.29 eV was obtained for Li6.25Ga0.25La3Zr2O12.")
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "Li6.25Ga0.25La3Zr2O12",
            "Li6.25Ga0.25La3Zr2O12",
            (("Ga", "Li", 0.25),),
            "activation_energy",
            0.29,
            None,
            None,
            (),
            (),
        ),
    ]
    assert facts[0].extra["link"] == "for-of"


def test_assemble_conductivity_of_material_reaches(nlp: Language) -> None:
    [facts] = read(
        nlp, "The total conductivity of Ga-doped LLZO reaches 1.3 mS cm^-1 at room temperature."
    )
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "Ga-doped LLZO",
            None,
            (("Ga", "Li", None),),
            "ionic_conductivity",
            1.3e-3,
            None,
            25.0,
            (),
            (),
        ),
    ]


def test_assemble_respectively(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The ionic conductivities of Li6.5La3Zr1.5Nb0.5O12 and "
        "Li6.5La3Zr1.5Ta0.5O12 were 4.5 × 10^-4 and 6.9 × 10^-4 S cm^-1, "
        "respectively.",
    )
    assert [
        (f.material.formula, f.dopants[0].element, f.dopants[0].site, f.value, f.extra["link"])
        for f in facts
    ] == [
        ("Li6.5La3Zr1.5Nb0.5O12", "Nb", "Zr", 4.5e-4, "respectively"),
        ("Li6.5La3Zr1.5Ta0.5O12", "Ta", "Zr", 6.9e-4, "respectively"),
    ]


def test_assemble_before_after(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Annealing in dry air increased the conductivity of the "
        "Li6.6La3Zr1.6Sb0.4O12 membrane from 4.9 × 10^-5 to 3.1 × 10^-4 S cm^-1.",
    )
    assert [
        (
            f.material.formula,
            f.dopants[0].site,
            f.dopants[0].amount,
            f.value,
            f.value_max,
            f.extra["note"],
        )
        for f in facts
    ] == [
        ("Li6.6La3Zr1.6Sb0.4O12", "Zr", 0.4, 4.9e-5, None, "before"),
        ("Li6.6La3Zr1.6Sb0.4O12", "Zr", 0.4, 3.1e-4, None, "after"),
    ]


def test_assemble_range_stays_a_range(nlp: Language) -> None:
    [facts] = read(nlp, "LLZO particles ranging from 0.3 to 3 μm were obtained in the melt.")
    assert [(f.property, f.value, f.value_max, "note" in f.extra) for f in facts] == [
        ("particle_size", 0.3, 3.0, False),
    ]


def test_assemble_comparison_value_in_parentheses(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Al-doped LLZO shows a conductivity of 2.4 × 10^-4 S cm^-1, higher than "
        "that of undoped LLZO (1.17 × 10^-4 S cm^-1).",
    )
    assert [(f.material.text, tuple(d.element for d in f.dopants), f.value) for f in facts] == [
        ("Al-doped LLZO", ("Al",), 2.4e-4),
        ("LLZO", (), 1.17e-4),
    ]


def test_assemble_versus_pair_goes_to_compared_materials(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The Ta-doped LLZO shows a lower activation energy than the Al-doped "
        "LLZO (0.31 vs 0.38 eV).",
    )
    assert [(f.material.text, f.value, f.extra["link"]) for f in facts] == [
        ("Ta-doped LLZO", 0.31, "versus"),
        ("Al-doped LLZO", 0.38, "versus"),
    ]


def test_assemble_subject_carried_by_it(nlp: Language) -> None:
    first, second = read(
        nlp,
        "Li6.75La3Zr1.75Nb0.25O12 was sintered at 1150 °C.^[8]",
        "It shows a relative density of 94% and a conductivity of 8.0 × 10^-4 S cm^-1 at 25 °C.",
    )
    assert [row(f) for f in first] == [
        (
            "measurement",
            "Li6.75La3Zr1.75Nb0.25O12",
            "Li6.75La3Zr1.75Nb0.25O12",
            (("Nb", "Zr", 0.25),),
            "sintering_temperature",
            1150.0,
            None,
            None,
            (),
            ("8",),
        ),
    ]
    # no marker of its own and an anaphoric subject: the previous sentence's keys carry
    assert [row(f) for f in second] == [
        (
            "measurement",
            "Li6.75La3Zr1.75Nb0.25O12",
            "Li6.75La3Zr1.75Nb0.25O12",
            (("Nb", "Zr", 0.25),),
            "relative_density",
            94.0,
            None,
            None,
            (),
            ("8",),
        ),
        (
            "measurement",
            "Li6.75La3Zr1.75Nb0.25O12",
            "Li6.75La3Zr1.75Nb0.25O12",
            (("Nb", "Zr", 0.25),),
            "ionic_conductivity",
            8.0e-4,
            None,
            25.0,
            (),
            ("8",),
        ),
    ]
    assert [f.extra["link"] for f in second] == ["carried", "carried"]
    assert [f.confidence for f in second] == [0.7, 0.7]


def test_assemble_abbreviation_and_this_electrolyte(nlp: Language) -> None:
    first, second, third = read(
        nlp,
        "Li6.75La3Zr1.75Nb0.25O12 (LLZNO) was prepared by solid-state reaction.",
        "The LLZNO shows a conductivity of 5.5 × 10^-4 S cm^-1.",
        "This electrolyte also has an activation energy of 0.31 eV.",
    )
    # a doped material said to be made some way: a doping and a synthesis statement
    nb = "Li6.75La3Zr1.75Nb0.25O12"
    assert [row(f) for f in first] == [
        ("doping", nb, nb, (("Nb", "Zr", 0.25),), None, None, None, None, (), ()),
        (
            "synthesis",
            nb,
            nb,
            (("Nb", "Zr", 0.25),),
            None,
            None,
            None,
            None,
            ("solid-state reaction",),
            (),
        ),
    ]
    assert [(f.material.text, f.material.formula, f.value) for f in second + third] == [
        ("LLZNO", "Li6.75La3Zr1.75Nb0.25O12", 5.5e-4),
        ("LLZNO", "Li6.75La3Zr1.75Nb0.25O12", 0.31),
    ]
    assert third[0].extra["link"] == "carried"


def test_assemble_author_led_refs_apply_to_sentence(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Ma et al.^[135] reported that Li6.4Ga0.2La3Zr2O12 delivers 1.46 mS cm^-1 "
        "at 25 °C and an activation energy of 0.26 eV.",
    )
    assert [(f.property, f.value, f.temperature_C, f.refs) for f in facts] == [
        ("ionic_conductivity", 1.46e-3, 25.0, ("135",)),
        ("activation_energy", 0.26, None, ("135",)),
    ]


def test_assemble_study_refs_and_methods_carry(nlp: Language) -> None:
    _, second, third = read(
        nlp,
        "Chen et al.^[79] coated Ta-doped LLZO grains with alumina by atomic layer deposition.",
        "The coating lowers the sintering temperature.",
        "The resulting pellet reaches 0.13 mS cm^-1.",
    )
    assert second == []
    assert [(f.material.text, f.value, f.methods, f.refs) for f in third] == [
        ("Ta-doped LLZO", 1.3e-4, ("atomic layer deposition",), ("79",)),
    ]


def test_assemble_refs_per_clause(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "LLZTO offers a conductivity of 1.0 × 10^-3 S cm^-1,^[10] and an "
        "electrochemical window above 5 V.^[11]",
    )
    assert [(f.property, f.value, f.refs) for f in facts] == [
        ("ionic_conductivity", 1.0e-3, ("10",)),
        ("electrochemical_window", 5.0, ("11",)),
    ]


def test_assemble_several_materials(nlp: Language) -> None:
    [facts] = read(
        nlp,
        f"{TA06} reaches 1.0 × 10^-3 S cm^-1, whereas Li7La3Zr2O12 only shows "
        "2.0 × 10^-6 S cm^-1.^[12]",
    )
    assert [(f.material.formula, len(f.dopants), f.value, f.refs) for f in facts] == [
        (TA06, 1, 1.0e-3, ("12",)),
        ("Li7La3Zr2O12", 0, 2.0e-6, ("12",)),
    ]


def test_assemble_ranges_and_comparators(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Ta-doped LLZO pellets showed relative densities > 96%, grain sizes of "
        "2–5 μm and conductivities of ≈0.8 mS cm^-1.",
    )
    assert [(f.property, f.value, f.value_max, f.extra.get("comparator")) for f in facts] == [
        ("relative_density", 96.0, None, ">"),
        ("particle_size", 2.0, 5.0, None),
        ("ionic_conductivity", 8.0e-4, None, "~"),  # the record contract writes "≈" as "~"
    ]


def test_assemble_kelvin_condition(nlp: Language) -> None:
    [facts] = read(
        nlp, "Li6.5La3Zr1.5Ta0.5O12 shows a conductivity of 5.2 × 10^-4 S cm^-1 (300 K)."
    )
    assert [(f.value, f.temperature_C) for f in facts] == [(5.2e-4, 26.85)]


def test_assemble_sentence_condition_applies_to_all(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The Li/LLZTO/Li cell shows an interfacial resistance of 3 Ω cm^2 and a "
        "critical current density of 1.2 mA cm^-2 at 30 °C.",
    )
    assert [(f.property, f.value, f.temperature_C) for f in facts] == [
        ("interfacial_resistance", 3.0, 30.0),
        ("critical_current_density", 1.2, 30.0),
    ]


def test_assemble_methods_in_sentence(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Dense Ga-doped LLZO with a relative density of 99.1% was obtained via "
        "spark plasma sintering.",
    )
    assert [(f.material.text, f.value, f.methods) for f in facts] == [
        ("Ga-doped LLZO", 99.1, ("spark plasma sintering",)),
    ]
    [facts] = read(nlp, f"{TA06} prepared by SSR shows a conductivity of 5.0 × 10^-4 S cm^-1.")
    assert [(f.value, f.methods) for f in facts] == [(5.0e-4, ("solid-state reaction",))]


def test_assemble_methods_bound_to_materials(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Sol-gel derived LLZO with a grain size of 260 nm is more conductive "
        "than those prepared by the SSR method (grain size: 3.3 μm).",
    )
    assert [(f.value, f.methods) for f in facts] == [
        (0.26, ("sol-gel",)),
        (3.3, ("solid-state reaction",)),
    ]


def test_assemble_bound_and_clause_methods_both_apply(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "We report Li6.4Ga0.2La3Zr1.8Ta0.2O12 (LGLZTO) synthesized by a solid-state reaction and "
        "densified by spark plasma sintering at 1100 °C for 10 min.",
    )
    both = ("solid-state reaction", "spark plasma sintering")
    assert [(f.property, f.value, f.methods) for f in facts if f.kind == "measurement"] == [
        ("sintering_temperature", 1100.0, both),
        ("sintering_time", pytest.approx(10 / 60), both),
    ]


def test_assemble_calculation_backed(nlp: Language) -> None:
    [facts] = read(
        nlp, "DFT calculations predict an activation energy of 0.22 eV for cubic Li7La3Zr2O12."
    )
    assert [(f.material.formula, f.value, f.methods, f.extra["calculation"]) for f in facts] == [
        ("Li7La3Zr2O12", 0.22, ("calculation",), True),
    ]


def test_assemble_requirement_is_not_a_measurement(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "For practical cells the electrolyte should be thinner than 30 μm and "
        "its conductivity must exceed 10^-4 S cm^-1.",
    )
    assert facts == []


def test_assemble_doping_beyond_garnets(nlp: Language) -> None:
    [facts] = read(nlp, "ZnO films doped with Al, Ga and In were deposited on glass.")
    assert [row(f) for f in facts] == [
        (
            "doping",
            "ZnO",
            "ZnO",
            (("Al", None, None), ("Ga", None, None), ("In", None, None)),
            None,
            None,
            None,
            None,
            (),
            (),
        ),
    ]
    [facts] = read(nlp, "Nb-substituted TiO2 was studied as an anode.")
    assert [(f.kind, f.material.formula, tuple(d.element for d in f.dopants)) for f in facts] == [
        ("doping", "TiO2", ("Nb",)),
    ]


def test_assemble_synthesis_statement(nlp: Language) -> None:
    [facts] = read(nlp, "Ga-doped LLZO powders were synthesized by the Pechini method.^[21]")
    # DESIGN.md: doping records carry material + dopants, synthesis records material + methods;
    # this sentence states both (it was one synthesis record carrying the dopants before)
    assert [row(f) for f in facts] == [
        (
            "doping",
            "Ga-doped LLZO",
            None,
            (("Ga", "Li", None),),
            None,
            None,
            None,
            None,
            (),
            ("21",),
        ),
        (
            "synthesis",
            "Ga-doped LLZO",
            None,
            (("Ga", "Li", None),),
            None,
            None,
            None,
            None,
            ("Pechini",),
            ("21",),
        ),
    ]


def test_assemble_composition_flags_lower_confidence(nlp: Language) -> None:
    [facts] = read(nlp, "Li6.8Al0.2La3Zr2O11.8F0.2 shows a conductivity of 3.0 × 10^-4 S cm^-1.")
    [fact] = facts
    assert [(d.element, d.site, d.amount) for d in fact.dopants] == [
        ("Al", "Li", 0.2),
        ("F", "O", 0.2),
    ]
    assert fact.extra["composition"] == ["not charge balanced (excess +0.60 per formula unit)"]
    assert fact.confidence == pytest.approx(0.85 * 0.8)


def test_assemble_temperature_heading_a_parenthesis_is_a_condition(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Tantalum-rich LLZTO conducts better than Li5La3Nb2O12 (30 °C, "
        "2.1 × 10^-4 S cm^-1 vs 10^-6 S cm^-1).",
    )
    assert [(f.property, f.value, f.temperature_C) for f in facts] == [
        ("ionic_conductivity", 2.1e-4, 30.0),
        ("ionic_conductivity", 1e-6, 30.0),
    ]


def test_assemble_range_written_high_to_low(nlp: Language) -> None:
    [facts] = read(nlp, "Dry PEO membranes show low conductivities (10^-5–10^-7 S cm^-1).")
    assert [(f.value, f.value_max) for f in facts] == [(1e-7, 1e-5)]


def test_assemble_cell_written_with_slashes_is_one_material(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "A critical current density of 0.9 mA cm^-2 was achieved for the "
        "Li/Ta-LLZO/Li symmetric cell at room temperature.",
    )
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "Li/Ta-LLZO/Li symmetric cell",
            None,
            (("Ta", "Zr", None),),
            "critical_current_density",
            0.9,
            None,
            25.0,
            (),
            (),
        ),
    ]
    [facts] = read(nlp, "The LiCoO2/LLZO/Li cell retained 90% of its capacity after 100 cycles.")
    assert [(f.material.text, f.property, f.value) for f in facts] == [
        ("LiCoO2/LLZO/Li cell", "capacity_retention", 90.0),
        ("LiCoO2/LLZO/Li cell", "cycle_count", 100.0),
    ]


def test_assemble_calculated_site_is_doping_not_synthesis(nlp: Language) -> None:
    [facts] = read(
        nlp, "First-principles calculations show that Ga occupies the 24d Li site in LLZO."
    )
    assert [row(f) for f in facts] == [
        (
            "doping",
            "LLZO",
            None,
            (("Ga", "Li", None),),
            None,
            None,
            None,
            None,
            ("calculation",),
            (),
        ),
    ]


def test_assemble_far_dopant_not_attached(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The conductivity of 1.1 mS cm^-1 measured for W-doped LLZO is higher "
        "than the 0.3 mS cm^-1 of the Al-doped sample.",
    )
    assert [(f.value, tuple(d.element for d in f.dopants), f.extra["link"]) for f in facts] == [
        (1.1e-3, ("W",), "for-of"),
        (3.0e-4, ("Al",), "for-of"),
    ]


def test_assemble_value_without_material_is_not_a_fact(nlp: Language) -> None:
    [facts] = read(nlp, "Under excitation at 975 nm the emission is green.")
    assert facts == []


def test_assemble_general_formula_host_has_no_formula(nlp: Language) -> None:
    [facts] = read(nlp, "The optical properties of SrLa(1-x)MgTaO6:Erx were discussed.")
    assert [(f.kind, f.material.formula, tuple(d.element for d in f.dopants)) for f in facts] == [
        ("doping", None, ("Er",)),
    ]


def test_assemble_garnet_inside_composite_token(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The SSB with a Li3PO4-coated NCM811/Li6.4La3Zr1.4Ta0.6O12 composite "
        "cathode delivers an initial discharge capacity of 175 mAh g^-1.",
    )
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "NCM811/Li6.4La3Zr1.4Ta0.6O12 composite cathode",
            TA06,
            (("Ta", "Zr", 0.6),),
            "specific_capacity",
            175.0,
            None,
            None,
            (),
            (),
        ),
    ]


def test_assemble_sentence_without_material_is_about_the_garnet_topic(nlp: Language) -> None:
    *_, last = read(
        nlp,
        "Composite cathodes of NCM811 and Li6.4La3Zr1.4Ta0.6O12 were co-sintered.",
        "Li3PO4 suppresses the interdiffusion at the interface.",
        "The solid-state battery delivers a discharge capacity of 180 mAh g^-1.",
    )
    assert [(f.material.formula, f.value, f.extra["link"]) for f in last] == [
        (TA06, 180.0, "carried"),
    ]


def test_assemble_doped_adjective_does_not_reach_back(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Compared with undoped LLZO (2.1 × 10^-4 S cm^-1), the Ga-doped sample "
        "shows 1.1 × 10^-3 S cm^-1.",
    )
    assert [(f.value, tuple(d.element for d in f.dopants)) for f in facts] == [
        (2.1e-4, ()),
        (1.1e-3, ("Ga",)),
    ]


def test_assemble_generic_doped_host_in_garnet_text(nlp: Language) -> None:
    _, second = read(
        nlp,
        "Undoped LLZO crystallises in the tetragonal phase.",
        "The Ga-doped sample shows 1.1 × 10^-3 S cm^-1.",
    )
    assert [(f.material.text, [(d.element, d.site) for d in f.dopants]) for f in second] == [
        ("sample", [("Ga", "Li")]),
    ]
    # the same sentence in a text about another material keeps the site unknown
    [facts] = read(nlp, "The Ga-doped sample shows 1.1 × 10^-3 S cm^-1.")
    assert [[(d.element, d.site) for d in f.dopants] for f in facts] == [[("Ga", None)]]


def test_assemble_composition_series_respectively(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li7-xLa3Zr2-xTaxO12 (x = 0.2, 0.4 and 0.6) exhibit conductivities of "
        "3.2 × 10^-4, 5.6 × 10^-4 and 8.9 × 10^-4 S cm^-1, respectively.",
    )
    assert [
        (
            f.material.text,
            f.material.formula,
            [(d.element, d.site, d.amount) for d in f.dopants],
            f.value,
        )
        for f in facts
    ] == [
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.2)", "Li6.8La3Zr1.8Ta0.2O12", [("Ta", "Zr", 0.2)], 3.2e-4),
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.4)", "Li6.6La3Zr1.6Ta0.4O12", [("Ta", "Zr", 0.4)], 5.6e-4),
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.6)", TA06, [("Ta", "Zr", 0.6)], 8.9e-4),
    ]


def test_assemble_dopant_amount_and_site_from_text(nlp: Language) -> None:
    [facts] = read(nlp, "LLZO doped with 0.25 mol Ga3+ on the Li site shows 1.2 mS cm^-1.")
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "LLZO",
            None,
            (("Ga", "Li", 0.25),),
            "ionic_conductivity",
            1.2e-3,
            None,
            None,
            (),
            (),
        ),
    ]
    assert facts[0].dopants[0].charge == 3
    [facts] = read(
        nlp, "Sr2+ substitution at the La site of LLZO lowers the activation energy to 0.29 eV."
    )
    assert [(d.element, d.site, d.charge) for d in facts[0].dopants] == [("Sr", "La", 2)]


def test_assemble_misread_quantities_dropped(nlp: Language) -> None:
    [facts] = read(nlp, "LBO, with a melting point of 700 °C, binds LCO and LLZO.")
    assert facts == []
    [facts] = read(
        nlp, "The LLZO-coated cathode shows a capacity decay of only 8.6% after 100 cycles."
    )
    assert [(f.property, f.value) for f in facts] == [("cycle_count", 100.0)]
    [facts] = read(nlp, "Nb-doped LLZO was hot pressed (1050 °C, 15.8 MPa).")
    assert [(f.property, f.value) for f in facts] == [("sintering_temperature", 1050.0)]


def test_assemble_decomposition_point_is_no_synthesis_temperature(nlp: Language) -> None:
    [facts] = read(
        nlp, "The capacity decays by only 5.1% after 200 cycles for the coated LLZO cathode."
    )
    assert [(f.property, f.value) for f in facts] == [("cycle_count", 200.0)]
    [facts] = read(
        nlp,
        "The decomposition of Li2CO3 on the surface of LLZO pellets was observed "
        "at 450 °C in dry air.",
    )
    assert facts == []


def test_assemble_sintered_at_for_duration(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li1.3Al0.3Ti1.7(PO4)3 pellets were sintered at 900 °C for 6 h to 95% relative density.",
    )
    assert [(f.material.formula, f.property, f.value) for f in facts] == [
        ("Li1.3Al0.3Ti1.7P3O12", "sintering_temperature", 900.0),
        ("Li1.3Al0.3Ti1.7P3O12", "sintering_time", 6.0),
        ("Li1.3Al0.3Ti1.7P3O12", "relative_density", 95.0),
    ]


def test_assemble_trivial_percentage_bound_dropped(nlp: Language) -> None:
    [facts] = read(nlp, "The relative density of the sintered LLZO pellet is <100%.")
    assert facts == []


def test_assemble_variable_change_gives_each_end_its_composition(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "In Li7-xLa3Zr2-xNbxO12, raising the Nb content from x = 0.25 to x = 0.75 changed "
        "the conductivity from 2.1 × 10^-4 to 7.4 × 10^-4 S cm^-1.^[20]",
    )
    assert [row(f) + (f.extra["note"],) for f in facts] == [
        (
            "measurement",
            "Li7-xLa3Zr2-xNbxO12 (x = 0.25)",
            "Li6.75La3Zr1.75Nb0.25O12",
            (("Nb", "Zr", 0.25),),
            "ionic_conductivity",
            2.1e-4,
            None,
            None,
            (),
            ("20",),
            "before",
        ),
        (
            "measurement",
            "Li7-xLa3Zr2-xNbxO12 (x = 0.75)",
            "Li6.25La3Zr1.25Nb0.75O12",
            (("Nb", "Zr", 0.75),),
            "ionic_conductivity",
            7.4e-4,
            None,
            None,
            (),
            ("20",),
            "after",
        ),
    ]
    [facts] = read(
        nlp,
        "For Li7-3xAlxLa3Zr2O12, increasing x from 0.10 to 0.30 raised the density "
        "from 89% to 96%.",
    )
    assert [(f.material.formula, f.dopants[0].amount, f.value) for f in facts] == [
        ("Li6.7Al0.1La3Zr2O12", 0.1, 89.0),
        ("Li6.1Al0.3La3Zr2O12", 0.3, 96.0),
    ]


def test_assemble_listed_series_is_no_single_composition(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Ta-doped Li7-xLa3Zr2-xTaxO12 with x = 0.4 and 0.6 reached relative densities of "
        "92.3% and 95.8%, respectively, after sintering at 1140 °C.",
    )
    assert [
        (f.material.text, f.material.formula, [(d.element, d.amount) for d in f.dopants], f.value)
        for f in facts
    ] == [
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.4)", "Li6.6La3Zr1.6Ta0.4O12", [("Ta", 0.4)], 92.3),
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.6)", TA06, [("Ta", 0.6)], 95.8),
        ("Ta-doped Li7-xLa3Zr2-xTaxO12", None, [("Ta", None)], 1140.0),
    ]


def test_assemble_method_of_one_clause_is_not_the_other_clauses(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Using spark plasma sintering, LLZTO reached a relative density of 99%, whereas LLZO "
        "sintered in air reached only 88%.",
    )
    assert [(f.material.text, f.value, f.methods) for f in facts] == [
        ("LLZTO", 99.0, ("spark plasma sintering",)),
        ("LLZO", 88.0, ()),
    ]


def test_assemble_method_bound_to_its_material_in_a_list(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The NASICON-type Li1.3Al0.3Ti1.7(PO4)3 (LATP) prepared by a sol-gel method reaches "
        "7 × 10^-4 S cm^-1 at room temperature, and Li1.5Al0.5Ge1.5(PO4)3 obtained by "
        "glass-ceramic crystallisation shows 4 × 10^-4 S cm^-1.^[15]",
    )
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "Li1.3Al0.3Ti1.7(PO4)3",
            "Li1.3Al0.3Ti1.7P3O12",
            (),
            "ionic_conductivity",
            7e-4,
            None,
            25.0,
            ("sol-gel",),
            ("15",),
        ),
        (
            "measurement",
            "Li1.5Al0.5Ge1.5(PO4)3",
            "Li1.5Al0.5Ge1.5P3O12",
            (),
            "ionic_conductivity",
            4e-4,
            None,
            25.0,
            (),
            ("15",),
        ),
    ]


def test_assemble_respectively_with_modified_materials(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li6.5La3Zr1.5Ta0.5O12 prepared by spark plasma sintering at 1000 °C and "
        "Li6.5La3Zr1.5Nb0.5O12 prepared by microwave sintering showed conductivities of "
        "6.9 × 10^-4 and 5.1 × 10^-4 S cm^-1, respectively.^[5]",
    )
    assert [(f.material.formula, f.property, f.value, f.methods) for f in facts] == [
        ("Li6.5La3Zr1.5Ta0.5O12", "sintering_temperature", 1000.0, ("spark plasma sintering",)),
        ("Li6.5La3Zr1.5Ta0.5O12", "ionic_conductivity", 6.9e-4, ("spark plasma sintering",)),
        ("Li6.5La3Zr1.5Nb0.5O12", "ionic_conductivity", 5.1e-4, ("microwave sintering",)),
    ]


def test_assemble_plural_verb_binds_method_to_each_material(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li6.5La3Zr1.5Ta0.5O12 (≈2 μm) and Li6.5La3Zr1.5Nb0.5O12 (≈3 μm) were prepared by "
        "the Pechini method.",
    )
    assert [(f.material.formula, f.value, f.methods) for f in facts] == [
        ("Li6.5La3Zr1.5Ta0.5O12", 2.0, ("Pechini",)),
        ("Li6.5La3Zr1.5Nb0.5O12", 3.0, ("Pechini",)),
    ]


def test_assemble_doped_sample_is_the_paragraphs_composition(nlp: Language) -> None:
    _, second = read(
        nlp,
        "Arrhenius fits gave an activation energy of 0.30 eV for Li6.4Ga0.2La3Zr2O12 and "
        "0.35 eV for Li6.4Al0.2La3Zr2O12.^[10]",
        "At 60 °C, the Ga-doped sample conducted 3.2 × 10^-3 S cm^-1, while the Al-doped one "
        "reached 1.5 × 10^-3 S cm^-1.",
    )
    assert [row(f) for f in second] == [
        (
            "measurement",
            "sample",
            "Li6.4Ga0.2La3Zr2O12",
            (("Ga", "Li", 0.2),),
            "ionic_conductivity",
            3.2e-3,
            None,
            60.0,
            (),
            ("10",),
        ),
        (
            "measurement",
            "one",
            "Li6.4Al0.2La3Zr2O12",
            (("Al", "Li", 0.2),),
            "ionic_conductivity",
            1.5e-3,
            None,
            60.0,
            (),
            ("10",),
        ),
    ]


def test_assemble_demonstratives_carry_subject_refs_not_stated_methods(nlp: Language) -> None:
    first, second, third = read(
        nlp,
        f"{TA06} was densified by hot pressing.^[4]",
        "The hot-pressed electrolyte delivered 1.0 mS cm^-1 at room temperature.",
        "This garnet also reached a relative density of 97%.",
    )
    assert [(f.kind, f.methods) for f in first] == [
        ("doping", ()),
        ("synthesis", ("hot pressing",)),
    ]
    # "hot-pressed" is said again; the method of sentence one is not carried into sentence three
    assert [(f.material.formula, f.value, f.methods, f.refs, f.extra["link"]) for f in second] == [
        (TA06, 1.0e-3, ("hot pressing",), ("4",), "carried"),
    ]
    assert [(f.material.formula, f.value, f.methods, f.refs, f.extra["link"]) for f in third] == [
        (TA06, 97.0, (), ("4",), "carried"),
    ]
    _, cells = read(
        nlp,
        "Symmetric Li/LLZO/Li cells showed an interfacial resistance of 18 Ω cm^2.^[2]",
        "The critical current density of these cells reached 0.75 mA cm^-2.",
    )
    assert [(f.material.text, f.value, f.refs) for f in cells] == [
        ("Li/LLZO/Li cells", 0.75, ("2",)),
    ]


def test_assemble_doped_adjective_modifies_only_the_next_word(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Compared with the Al-doped counterpart (0.34 eV), Ga-doped LLZO shows a lower "
        "activation energy (0.26 eV).^[23]",
    )
    assert [
        (f.material.text, [(d.element, d.site) for d in f.dopants], f.value) for f in facts
    ] == [
        ("counterpart", [("Al", "Li")], 0.34),
        ("Ga-doped LLZO", [("Ga", "Li")], 0.26),
    ]


def test_assemble_respectively_list_shares_its_temperature_and_vessels_are_no_material(
    nlp: Language,
) -> None:
    ba = "Li6.65La2.95Ba0.05Zr1.6Ta0.4O12"
    ca = "Li6.65La2.95Ca0.05Zr1.6Ta0.4O12"
    [facts] = read(
        nlp,
        f"{ba} and {ca} were sintered in MgO crucibles at 1200 °C; their room-temperature "
        "conductivities were 7.2 × 10^-4 and 6.1 × 10^-4 S cm^-1, respectively.",
    )
    assert [(f.material.formula, f.property, f.value, f.temperature_C) for f in facts] == [
        (ca, "sintering_temperature", 1200.0, None),
        (ba, "ionic_conductivity", 7.2e-4, 25.0),
        (ca, "ionic_conductivity", 6.1e-4, 25.0),
    ]
    assert [(d.element, d.site, d.amount) for d in facts[1].dopants] == [
        ("Ba", "La", 0.05),
        ("Ta", "Zr", 0.4),
    ]


def test_assemble_requirement_stated_after_the_value(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "For practical cells, an electrolyte thinner than 20 μm with an area-specific "
        "resistance below 10 Ω cm^2 is needed.",
    )
    assert facts == []


def test_assemble_name_followed_by_its_composition(nlp: Language) -> None:
    [facts] = read(nlp, "Mo-doped LLZO (Li6.5La3Zr1.75Mo0.25O12) was sintered at 1150 °C.^[7]")
    assert [row(f) for f in facts] == [
        (
            "measurement",
            "Mo-doped LLZO",
            "Li6.5La3Zr1.75Mo0.25O12",
            (("Mo", "Zr", 0.25),),
            "sintering_temperature",
            1150.0,
            None,
            None,
            (),
            ("7",),
        ),
    ]


def test_assemble_same_composition_made_otherwise_has_no_method(nlp: Language) -> None:
    [facts] = read(
        nlp,
        f"{TA06} pellets densified by hot pressing reached 99.2% of the theoretical density, "
        "whereas pellets of the same composition sintered in air reached only 91.5%.^[4]",
    )
    assert [(f.material.text, f.material.formula, f.value, f.methods) for f in facts] == [
        (TA06, TA06, 99.2, ("hot pressing",)),
        (f"{TA06} (pellets of the same composition)", TA06, 91.5, ()),
    ]


def test_assemble_same_composition_next_sentence_continues_the_study(nlp: Language) -> None:
    nb = "Li6.75La3Zr1.75Nb0.25O12"
    first, second = read(
        nlp,
        f"Nb-substituted garnet {nb} (LLZNO) was obtained through a Pechini process.^[9]",
        "The LLZNO pellet sintered at 1200 °C showed a total conductivity of "
        "4.7 × 10-4 S cm-1 at 298 K.",
    )
    assert [(f.kind, f.material.text, f.material.formula) for f in first] == [
        ("doping", "Nb-substituted garnet", nb),
        ("doping", nb, nb),
        ("synthesis", nb, nb),
    ]
    assert [row(f) for f in second] == [
        (
            "measurement",
            "LLZNO",
            nb,
            (("Nb", "Zr", 0.25),),
            "sintering_temperature",
            1200.0,
            None,
            None,
            (),
            ("9",),
        ),
        (
            "measurement",
            "LLZNO",
            nb,
            (("Nb", "Zr", 0.25),),
            "ionic_conductivity",
            4.7e-4,
            None,
            24.85,
            (),
            ("9",),
        ),
    ]


def test_assemble_change_caused_by_a_substitution_ends_in_the_new_composition(
    nlp: Language,
) -> None:
    ca = "Li6.85La2.9Ca0.1Zr1.75Nb0.25O12"
    [facts] = read(
        nlp,
        f"Partial substitution of La3+ by Ca2+ in {ca} increased the room-temperature "
        "conductivity of the Nb-doped garnet from 2.6 × 10^-4 to 5.0 × 10^-4 S cm^-1.^[18]",
    )
    assert [
        (
            f.material.text,
            f.material.formula,
            [(d.element, d.site) for d in f.dopants],
            f.value,
            f.temperature_C,
            f.extra["link"],
            f.extra["note"],
        )
        for f in facts
    ] == [
        ("Nb-doped garnet", None, [("Nb", "Zr")], 2.6e-4, 25.0, "nearest-left", "before"),
        (ca, ca, [("Ca", "La"), ("Nb", "Zr")], 5.0e-4, 25.0, "change-result", "after"),
    ]


def test_context_paragraph_break_keeps_only_a_garnet_subject() -> None:
    garnet = Mention("LLZO")
    metal = Context(subject=Mention("lithium metal", formula="Li"), garnet=garnet)
    assert metal.next_paragraph().subject is garnet
    ga = Mention("Li6.4Ga0.2La3Zr2O12", formula="Li6.4Ga0.2La3Zr2O12")
    kept = Context(subject=ga, garnet=garnet, topic=ga, study_refs=("3",), paragraph=(ga,))
    assert kept.next_paragraph() == Context(subject=ga, garnet=garnet)


def test_assemble_weight_percent_is_an_amount_not_a_density(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Adding 1 wt% Li3BO3 lowered the sintering temperature of Li6.5La3Zr1.5Ta0.5O12 to "
        "1000 °C while keeping a relative density above 94%.^[4]",
    )
    assert [(f.material.formula, f.property, f.value) for f in facts] == [
        ("Li6.5La3Zr1.5Ta0.5O12", "sintering_temperature", 1000.0),
        ("Li6.5La3Zr1.5Ta0.5O12", "relative_density", 94.0),
    ]


def test_assemble_salt_flux_is_no_material_measured(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li6.25Al0.25La3Zr2O12 powders with a particle size of 0.8 μm were synthesised in a "
        "LiCl–KCl flux at 900 °C.^[11]",
    )
    assert [(f.material.formula, f.property, f.value) for f in facts] == [
        ("Li6.25Al0.25La3Zr2O12", "particle_size", 0.8),
        ("Li6.25Al0.25La3Zr2O12", "synthesis_temperature", 900.0),
    ]


def test_assemble_condition_after_a_rate_applies_to_the_sentence(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The Li/LLZTO/LiFePO4 cell delivered 150 mAh g^-1 at 0.2 C and 60 °C and retained 93% "
        "of its capacity after 200 cycles.^[13]",
    )
    assert [(f.property, f.value, f.temperature_C) for f in facts] == [
        ("specific_capacity", 150.0, 60.0),
        ("capacity_retention", 93.0, 60.0),
        ("cycle_count", 200.0, 60.0),
    ]


def test_assemble_its_means_the_composition_not_a_family_word(nlp: Language) -> None:
    fe = "Li6.4Fe0.2La3Zr2O12"
    _, second = read(
        nlp,
        f"{fe} exhibits 1.4 × 10^-3 S cm^-1 at 27 °C, one of the highest reported for a singly "
        "doped garnet.^[10]",
        "Its activation energy was determined as 0.28 eV.",
    )
    assert [(f.material.formula, f.value, f.refs) for f in second] == [(fe, 0.28, ("10",))]
    _, coated = read(
        nlp,
        "Coating the garnet with ZnO lowered the Li/garnet interfacial resistance to "
        "20 Ω cm^2.^[9]",
        f"The coated {TA06} withstood a critical current density of 0.4 mA cm^-2.",
    )
    assert [(f.material.formula, f.value, f.refs) for f in coated] == [(TA06, 0.4, ("9",))]


def test_assemble_ionic_radius_is_no_particle_size(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The larger ionic radius of Ga3+ (0.047 nm) compared with Al3+ (0.039 nm) widens the "
        "Li+ pathways in LLZO.",
    )
    assert facts == []


def test_assemble_values_at_respective_temperatures(nlp: Language) -> None:
    [facts] = read(
        nlp,
        f"The {TA06} pellet conducts 0.72 and 1.24 mS cm^-1 at RT and 60 °C, respectively.^[3]",
    )
    assert [(f.material.formula, f.value, f.temperature_C) for f in facts] == [
        (TA06, 7.2e-4, 25.0),
        (TA06, 1.24e-3, 60.0),
    ]


def test_assemble_calculated_cue_after_the_value(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Cl on the Zr site of Li7La3Zr2O12 has a high migration barrier (2.1 eV, calculated by "
        "DFT).^[9]",
    )
    assert [(f.property, f.value, f.methods) for f in facts] == [
        ("activation_energy", 2.1, ("calculation",)),
    ]


def test_assemble_ambient_temperature_without_a_process_is_a_condition(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The Li/LLZO/LFP cell exhibits a capacity retention of 83.1% after 200 cycles at a "
        "temperature of 40 °C.^[8]",
    )
    assert [(f.property, f.value, f.temperature_C) for f in facts] == [
        ("capacity_retention", 83.1, 40.0),
        ("cycle_count", 200.0, 40.0),
    ]
    [facts] = read(
        nlp, f"Li-symmetric cells with {TA06} cycled for 1000 h at 0.3 mA cm^-2 and 25 °C."
    )
    assert [f.kind for f in facts] == ["doping"]  # no measurement: 25 °C is the condition
    [facts] = read(nlp, "The PEGDA interlayer of the LLZO cell was cured at 70 °C.")
    assert [(f.property, f.value) for f in facts] == [("synthesis_temperature", 70.0)]


def test_assemble_corresponding_list_in_the_next_sentence(nlp: Language) -> None:
    _, second = read(
        nlp,
        "Li7-3xAlxLa3Zr2O12 garnets with x = 0.15, 0.20 and 0.25 showed conductivities of "
        "1.9 × 10^-4, 3.4 × 10^-4 and 4.1 × 10^-4 S cm^-1, respectively.^[3]",
        "The corresponding activation energies were 0.36, 0.33 and 0.31 eV, respectively.",
    )
    assert [(f.material.formula, f.value, f.refs, f.extra["link"]) for f in second] == [
        ("Li6.55Al0.15La3Zr2O12", 0.36, ("3",), "respectively"),
        ("Li6.4Al0.2La3Zr2O12", 0.33, ("3",), "respectively"),
        ("Li6.25Al0.25La3Zr2O12", 0.31, ("3",), "respectively"),
    ]


def test_assemble_theoretical_density_is_no_calculation_and_sigma_rt_is_rt(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "The Li6.5La3Zr1.5Ta0.5O12 discs reached 97.2% of the theoretical density and showed "
        "a σ_RT of 0.81 mS cm^-1.^[4]",
    )
    assert [(f.property, f.value, f.temperature_C, f.methods) for f in facts] == [
        ("relative_density", 97.2, None, ()),
        ("ionic_conductivity", 8.1e-4, 25.0, ()),
    ]


def test_assemble_length_before_thick_is_a_thickness(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Slurries of Ga-doped LLZO with a median particle size of 1.2 µm were cast into "
        "40 µm thick sheets.^[5]",
    )
    assert [(f.property, f.value, f.unit) for f in facts] == [
        ("particle_size", 1.2, "um"),
        ("thickness", 40.0, "um"),
    ]


def test_assemble_transition_and_measuring_range_are_no_process_temperatures(
    nlp: Language,
) -> None:
    [transition, arrhenius] = read(
        nlp,
        "Simulations of Li7La3Zr2O12 show the tetragonal-to-cubic transition near 920 K and an "
        "activation energy of 0.44 eV.",
        "Arrhenius fits between 20 and 120 °C gave an activation energy of 0.31 eV for "
        "Li6.4Al0.2La3Zr2O12.",
    )
    assert [(f.property, f.value) for f in transition] == [("activation_energy", 0.44)]
    assert [(f.property, f.value, f.material.formula) for f in arrhenius] == [
        ("activation_energy", 0.31, "Li6.4Al0.2La3Zr2O12")
    ]


def test_assemble_temperature_list_after_densified_is_sintering(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li6.4La3Zr1.4Ta0.6O12 pellets densified at several temperatures gave: 1100 °C, 91% "
        "relative density; 1200 °C, 95% relative density.^[6]",
    )
    assert [(f.property, f.value) for f in facts] == [
        ("sintering_temperature", 1100.0),
        ("relative_density", 91.0),
        ("sintering_temperature", 1200.0),
        ("relative_density", 95.0),
    ]


def test_assemble_value_goes_to_the_product_named_after_it(nlp: Language) -> None:
    [first, second] = read(
        nlp,
        "Li2CO3, La2O3 and ZrO2 were mixed in ethanol.",
        "The mixture was pressed and sintered at 1180 °C for 8 h to give dense "
        "Li7La3Zr2O12 pellets.^[7]",
    )
    assert [(f.property, f.value, f.material.text, f.extra["link"]) for f in second] == [
        ("sintering_temperature", 1180.0, "Li7La3Zr2O12", "product"),
        ("sintering_time", 8.0, "Li7La3Zr2O12", "product"),
    ]


def test_assemble_milled_reagents_are_not_the_material(nlp: Language) -> None:
    [_, facts] = read(
        nlp,
        f"{TA06} was made by a solid-state reaction.^[8]",
        "Li2CO3, La2O3, ZrO2 and Ta2O5 were ball-milled and calcined at 950 °C.",
    )
    assert [(f.property, f.value, f.material.text, f.extra["link"]) for f in facts] == [
        ("synthesis_temperature", 950.0, TA06, "carried"),
    ]


def test_assemble_generic_doped_host_in_a_garnet_document_gets_the_garnet_site(
    nlp: Language,
) -> None:
    cfg = shared_abbreviations(nlp)
    _, context = assemble(nlp(f"{TA06} pellets were hot-pressed at 1100 °C.", component_cfg=cfg))
    text = (
        "A new set of pellets gave 1.2 × 10^-3 S cm^-1 for the Ga-doped sample and "
        "5.5 × 10^-4 S cm^-1 for the Al-doped reference."
    )
    facts, _ = assemble(nlp(text, component_cfg=cfg), (), context.next_paragraph())
    assert [
        (f.value, f.material.text, [(d.element, d.site) for d in f.dopants]) for f in facts
    ] == [
        (1.2e-3, "sample", [("Ga", "Li")]),
        (5.5e-4, "reference", [("Al", "Li")]),
    ]


def test_assemble_range_after_measuring_word_is_no_process_temperature(nlp: Language) -> None:
    [facts] = read(
        nlp,
        "Li7La3Zr2O12 was sintered at 1150 °C and its conductivity was measured at "
        "temperatures from 20 to 90 °C.^[9]",
    )
    assert [(f.property, f.value, f.value_max) for f in facts] == [
        ("sintering_temperature", 1150.0, None),
    ]


def test_assemble_product_after_value_only_without_a_material_before(nlp: Language) -> None:
    [facts] = read(
        nlp, "Li7La3Zr2O12 was sintered at 1250 °C for 36 h, resulting in La2Zr2O7 at the surface."
    )
    assert [(f.property, f.value, f.material.text, f.extra["link"]) for f in facts] == [
        ("sintering_temperature", 1250.0, "Li7La3Zr2O12", "nearest-left"),
        ("sintering_time", 36.0, "Li7La3Zr2O12", "nearest-left"),
    ]


def test_assemble_low_treatment_temperature_after_densified_stays_synthesis(
    nlp: Language,
) -> None:
    [facts] = read(
        nlp,
        "The densified Li7La3Zr2O12 discs were dipped into molten Li at a temperature of 250 °C.",
    )
    assert [(f.property, f.value) for f in facts] == [("synthesis_temperature", 250.0)]
