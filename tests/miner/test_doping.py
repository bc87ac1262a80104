"""The doping component (llzo_doping) on sentences written for these tests, one per phrasing,
garnet and not: the rules' reading (mode "rules"), the other components' spans, hostile input."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import miner.extensions  # noqa: F401  (registers the span attributes)
from miner.doping.component import doping_pipeline, dopings
from miner.doping.statements import DopingStatement
from miner.records import Dopant

RULES = doping_pipeline("rules")


def find_dopings(text: str, known_hosts: list[str] | None = None) -> list[DopingStatement]:
    """The rules' statements of one sentence (``known_hosts``: hosts of earlier sentences)."""
    return dopings(RULES(text, component_cfg={"llzo_doping": {"known_hosts": known_hosts}}))


def _read(text: str) -> list[tuple[str | None, list[str], str | None]]:
    return [
        (s.host.text if s.host else None, [d.text for d in s.dopants], s.site)
        for s in find_dopings(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tantalum-free Li7La3Zr2O12 doped with Ga shows a cubic lattice.",
            [("Li7La3Zr2O12", ["Ga"], None)],
        ),
        ("The Al-doped LLZO pellets were sintered in MgO crucibles.", [("LLZO", ["Al"], None)]),
        (
            "Dense Ga3+-doped Li7La3Zr2O12 was obtained after hot pressing.",
            [("Li7La3Zr2O12", ["Ga3+"], None)],
        ),
        ("Transparent ZnO:Al electrodes were sputtered on glass.", [("ZnO", ["Al"], None)]),
        ("Nb-substituted TiO2 anatase was calcined at 500 °C.", [("TiO2", ["Nb"], None)]),
        (
            "ZnO films doped with Al, Ga and In were grown by spray pyrolysis.",
            [("ZnO", ["Al", "Ga", "In"], None)],
        ),
        (
            "LLZO co-doped with Ga and Ta reached a high conductivity.",
            [("LLZO", ["Ga", "Ta"], None)],
        ),
        ("Ga and Ta co-doped LLZO was sintered for 6 h.", [("LLZO", ["Ga", "Ta"], None)]),
        ("The doping of Ta into LLZO stabilises the cubic phase.", [("LLZO", ["Ta"], None)]),
        ("Ga substitution at the Li site lowers the activation energy.", [(None, ["Ga"], "Li")]),
        (
            "Replacing Zr with Nb in LLZO raises the vacancy concentration.",
            [("LLZO", ["Nb"], "Zr")],
        ),
        (
            "The incorporation of Al in Li7La3Zr2O12 was confirmed by NMR.",
            [("Li7La3Zr2O12", ["Al"], None)],
        ),
        ("Nd:YAG crystals were pumped at 808 nm.", [("YAG", ["Nd"], None)]),
        (
            "Er3+ ions were doped into NaYF4 nanocrystals by a hydrothermal route.",
            [("NaYF4", ["Er3+"], None)],
        ),
        (
            "Boron- and nitrogen-doped graphene sheets were tested as catalysts.",
            [("graphene", ["Boron", "nitrogen"], None)],
        ),
        ("We compare undoped MgO and lithium-doped MgO crystals.", [("MgO", ["lithium"], None)]),
        (
            "Single crystals of CaF2 and SrF2 that were doped with silver were irradiated.",
            [("CaF2", ["silver"], None), ("SrF2", ["silver"], None)],
        ),
        ("Sm3+ doped zinc oxide nanophosphors glow red.", [("zinc oxide", ["Sm3+"], None)]),
        ("The substitution of La3+ by Sr2+ in LLZO was studied.", [("LLZO", ["Sr2+"], "La")]),
        ("No dopant is named in this sentence about LLZO pellets.", []),
        (
            "Nb-, Al-, and Ta-doped LLZO powders were compared.",
            [("LLZO", ["Nb", "Al", "Ta"], None)],
        ),
        ("Submicron (Al, Ga) doped LLZO films were sputtered.", [("LLZO", ["Al", "Ga"], None)]),
        ("The LiCl:KCl eutectic served as the flux.", []),
        ("Introducing Li vacancies stabilises the cubic phase.", []),
        ("The anion and cation co-doping has achieved excellent results.", []),
        ("Reactants containing Ge and GeO2 formed at the interface.", []),
        ("LLZO doped with single elements is less stable in air.", [("LLZO", [], None)]),
        ("Mn2+-activated Zn2SiO4 phosphors glow green.", [("Zn2SiO4", ["Mn2+"], None)]),
        (
            "Eu2+/Dy3+ co-doped SrAl2O4 shows long persistence.",
            [("SrAl2O4", ["Eu2+", "Dy3+"], None)],
        ),
        (
            "Layered LiNi0.8Co0.1Mn0.1O2 doped by Al cycles longer.",
            [("LiNi0.8Co0.1Mn0.1O2", ["Al"], None)],
        ),
        ("We doped TiO2 with nitrogen to narrow the band gap.", [("TiO2", ["nitrogen"], None)]),
        ("Doping ZnO with Ga improves its conductivity.", [("ZnO", ["Ga"], None)]),
        (
            "Nitrogen was introduced into the graphene lattice by annealing.",
            [("graphene", ["Nitrogen"], None)],
        ),
        ("CeO2 nanoparticles with 10% Gd doping were calcined.", [("CeO2", ["Gd"], None)]),
        (
            "Li7La3Zr2O12 with Ga substitution on the Li site was studied.",
            [("Li7La3Zr2O12", ["Ga"], "Li")],
        ),
        ("Co-doped SnO2 with no sign of ferromagnetism was measured.", [("SnO2", ["Co"], None)]),
        ("Co-doping TiO2 nanorods with B and N narrowed the gap.", [("TiO2", ["B", "N"], None)]),
        ("Co-doping in SnO2 films with a high Co level.", [("SnO2", ["Co"], None)]),
        ("The tuned TiO2 was made by doping it with aluminum.", [("TiO2", ["aluminum"], None)]),
        ("Al-Ga co-doped LLZO was sintered at 1100 °C.", [("LLZO", ["Al-Ga"], None)]),
        ("Ta5+ substitutes for Zr4+ in LLZO.", [("LLZO", ["Ta5+"], "Zr")]),
        ("Ga3+ occupies the Li+ sites of LLZO.", [("LLZO", ["Ga3+"], "Li")]),
        (
            "Al3+ doped at the Li site of LLZO stabilises the cubic phase.",
            [("LLZO", ["Al3+"], "Li")],
        ),
        ("Doping Ta at the Zr site of LLZO raises the conductivity.", [("LLZO", ["Ta"], "Zr")]),
        ("F- substitution for O2- in LLZO lowers the activation energy.", [("LLZO", ["F-"], "O")]),
        ("The Zr site was partially substituted by Nb in LLZO.", [("LLZO", ["Nb"], "Zr")]),
        ("Substitution of Nb at the Zr site of LLZO lowers Ea.", [("LLZO", ["Nb"], "Zr")]),
        ("Ga3+ at the Li site of LLZO stabilises the cubic phase.", [("LLZO", ["Ga3+"], "Li")]),
        ("Ta5+ on Zr sites in LLZO lowers the barrier.", [("LLZO", ["Ta5+"], "Zr")]),
        ("Li+ at the Li sites of LLZO hops quickly.", []),
        ("Li-site doping with Ga3+ is effective.", [(None, ["Ga3+"], "Li")]),
        (
            "The replacement of Li sites with Al and Ga is widely studied.",
            [(None, ["Al", "Ga"], "Li")],
        ),
        ("Tin acts as an n-type dopant in GaAs layers.", [("GaAs", ["Tin"], None)]),
        ("The doping level of Er in NaYF4 was 2 mol%.", [("NaYF4", ["Er"], None)]),
        ("Strong red emission comes from Eu3+ in SrTiO3.", [("SrTiO3", ["Eu3+"], None)]),
        ("The Er3+ content in NaGdF4 was varied.", [("NaGdF4", ["Er3+"], None)]),
        ("Ce3+ ions in YAG emit yellow light.", [("YAG", ["Ce3+"], None)]),
        ("Al3+ ions in LLZO block the Li paths.", [("LLZO", ["Al3+"], None)]),
        ("The mobility of Li+ in LLZO is high.", []),
        ("MnO2 nanorods with 5 at% Co were grown.", [("MnO2", ["Co"], None)]),
        ("SnO2 containing 2 wt% Sb was annealed.", [("SnO2", ["Sb"], None)]),
        ("LLZO pellets with 96% density were obtained.", []),
        ("Li3YCl6 with 20% carbon was cycled.", []),
        ("The addition of Mg to LiFePO4 improves rate capability.", [("LiFePO4", ["Mg"], None)]),
        ("The addition of HCl lowered the pH.", []),
        (
            "Incorporating Cu into ZnO nanowires raises the magnetization.",
            [("ZnO", ["Cu"], None)],
        ),
        ("Shallow doping of GaN with Mg needs activation.", [("GaN", ["Mg"], None)]),
        ("WO3 was doped with 1, 2 and 4 at.% Mo.", [("WO3", ["Mo"], None)]),
        ("Mg was used as a p-type dopant for GaN.", [("GaN", ["Mg"], None)]),
        ("Zn and Cd served as dopants in InP.", [("InP", ["Zn", "Cd"], None)]),
        (
            "Tb3+,Eu3+ co-doped GdPO4 nanorods were calcined.",
            [("GdPO4", ["Tb3+", "Eu3+"], None)],
        ),
        ("Co-doping of Ce and Mn in YAG was explored.", [("YAG", ["Ce", "Mn"], None)]),
        ("Co-doped ZnO films were ferromagnetic.", [("ZnO", ["Co"], None)]),
        ("Scandia-stabilized zirconia conducts oxide ions.", [("zirconia", ["Scandia"], None)]),
        (
            "Fe-doped and Ni-doped CeO2 were compared.",
            [("CeO2", ["Fe"], None), ("CeO2", ["Ni"], None)],
        ),
        ("Y2O3:5%Eu3+ powders were calcined.", [("Y2O3", ["Eu3+"], None)]),
        ("Sr2SiO4:xCe3+ phosphors were fired.", [("Sr2SiO4", ["Ce3+"], None)]),
        ("Tb (3 mol%)-doped Gd2O3 rods were annealed.", [("Gd2O3", ["Tb"], None)]),
        ("Sr2+ was substituted for Ca2+ in fluorapatite.", [("fluorapatite", ["Sr2+"], "Ca")]),
        ("Doped with Sb, the SnO2 films became conductive.", [("SnO2", ["Sb"], None)]),
        ("When co-doped with Ga and Ta, LLZO densifies.", [("LLZO", ["Ga", "Ta"], None)]),
        ("Doped with Nb, it becomes metallic.", [(None, ["Nb"], None)]),
        ("Ga was partially substituted for Li in LLZO.", [("LLZO", ["Ga"], "Li")]),
        ("The co-doping of CeO2 with Sm and Nd was studied.", [("CeO2", ["Sm", "Nd"], None)]),
        (
            "Ti-doped lithium nickel manganese oxide cathodes cycled longer.",
            [("lithium nickel manganese oxide", ["Ti"], None)],
        ),
        ("LiMnPO4 was doped at the Mn site with Fe.", [("LiMnPO4", ["Fe"], "Mn")]),
        ("LLZO was substituted on the Zr site by Ta.", [("LLZO", ["Ta"], "Zr")]),
        ("Boron-and nitrogen-doped diamond was grown.", [("diamond", ["Boron", "nitrogen"], None)]),
        ("3%Co-doped SnO2 nanowires were grown.", [("SnO2", ["Co"], None)]),
        ("Ga doped-LLZO pellets were sintered.", [("LLZO", ["Ga"], None)]),
        ("Ho 3+ doped YVO4 crystals were grown.", [("YVO4", ["Ho 3+"], None)]),
        (
            "Mn-doped, Fe-doped and Ni-doped CdS were compared.",
            [("CdS", ["Mn"], None), ("CdS", ["Fe"], None), ("CdS", ["Ni"], None)],
        ),
        ("Dopants such as Sb and F make SnO2 conductive.", [("SnO2", ["Sb", "F"], None)]),
        (
            "Dopants such as Nb and Ta in LLZO raise the vacancy content.",
            [("LLZO", ["Nb", "Ta"], None)],
        ),
        (
            "Doping hematite films with titanium improves the photocurrent.",
            [("hematite", ["titanium"], None)],
        ),
        ("Doping of porous carbon with MOFs was tried.", [("porous carbon", ["MOFs"], None)]),
        ("Erbium ions were implanted into LiNbO3 waveguides.", [("LiNbO3", ["Erbium"], None)]),
        ("Silver nanoparticles were embedded in silica matrices.", []),
        (
            "The effect of Zr addition on the cycling of LiCoO2 was studied.",
            [("LiCoO2", ["Zr"], None)],
        ),
        ("In addition, the pellets were denser.", []),
        (
            "Sulfuric acid-doped polyaniline (PANI) films conduct well.",
            [("polyaniline", ["Sulfuric acid"], None)],
        ),
        (
            "Cobalt-doped tris(bipyridine)ruthenium salts were crystallised.",
            [("tris(bipyridine)ruthenium salts", ["Cobalt"], None)],
        ),
        (
            "Nb-doped Titanium Dioxide/Carbon Nanotube Hybrids store lithium.",
            [("Titanium Dioxide/Carbon Nanotube", ["Nb"], None)],
        ),
        (
            "Mg-doped GaN-based light emitters were grown.",
            [("GaN-based light emitters", ["Mg"], None)],
        ),
        ("By doping with Cr, Al2O3 crystals turn red.", [("Al2O3", ["Cr"], None)]),
        ("Through Ga doping, LLZO keeps the cubic phase.", [("LLZO", ["Ga"], None)]),
        ("After doping, the pellets were annealed.", []),
        (
            "Silicon with doped elements such as B and P was etched.",
            [("Silicon", ["B", "P"], None)],
        ),
        (
            "The diffusion of doping elements in InP wafers was measured.",
            [("InP", ["elements"], None)],
        ),
        (
            "By co-doping with various elements, CeO2 gains oxygen vacancies.",
            [("CeO2", ["various elements"], None)],
        ),
        ("The role of magnetic dopants in Bi2Te3 is debated.", [("Bi2Te3", ["magnetic"], None)]),
        ("Ce-doped (Sr,Ca)TiO3films were annealed.", [("(Sr,Ca)TiO3", ["Ce"], None)]),
        (
            "Boron-doped porous carbons were tested as sorbents.",
            [("porous carbons", ["Boron"], None)],
        ),
        ("S-doped graphitic nanosheets were exfoliated.", [("graphitic nanosheets", ["S"], None)]),
        ("Ti:sapphire oscillators deliver short pulses.", [("sapphire", ["Ti"], None)]),
        ("The La:Zr ratio was kept at 3:2.", []),
        (
            "ZnSe doped with transition metals such as Cr and Fe lases in the mid-infrared.",
            [("ZnSe", ["transition metals", "Cr", "Fe"], None)],
        ),
        (
            "Doping using elements such as Mg and Zn shifts the band edge of InN.",
            [("InN", ["elements", "Mg", "Zn"], None)],
        ),
        (
            "Ag-doped TiO2/graphene composites degraded the dye.",
            [("TiO2/graphene composites", ["Ag"], None)],
        ),
    ],
)
def test_find_dopings_phrasings(text: str, expected) -> None:
    assert _read(text) == expected


def test_find_dopings_amount_written_before_dopant() -> None:
    (statement,) = find_dopings("Li7La3Zr2O12 doped with 0.25 Ga and 5 mol% Ta was sintered.")
    assert [(d.text, d.amount, d.amount_text) for d in statement.dopants] == [
        ("Ga", 0.25, "0.25"),
        ("Ta", None, "5 mol%"),
    ]


def test_find_dopings_offsets_charges_and_elements() -> None:
    text = "Bright LiNbO3:Mg,Fe crystals and Eu3+-doped BiOI powders were grown."
    first, second = find_dopings(text)
    assert (first.host.text, first.host.start, first.host.end) == ("LiNbO3", 7, 13)
    assert [(d.text, d.elements) for d in first.dopants] == [("Mg,Fe", ("Mg", "Fe"))]
    assert (second.host.formula, second.dopants[0].charge) == ("BiOI", 3)
    assert text[second.dopants[0].start : second.dopants[0].end] == "Eu3+"


def test_doping_statement_fact_dopants_keeps_garnet_sites_only() -> None:
    (garnet,) = find_dopings("Replacing Zr with Ta in LLZO raises the Li vacancy content.")
    assert garnet.complete
    assert garnet.fact_dopants() == (Dopant("Ta", "Ta", "Zr", None, None),)
    (codoped,) = find_dopings("Al-Ga co-doped LLZO was sintered at 1100 °C.")
    assert [(d.element, d.text) for d in codoped.fact_dopants()] == [
        ("Al", "Al-Ga"),
        ("Ga", "Al-Ga"),
    ]
    (perovskite,) = find_dopings("The substitution of Sr2+ by Eu3+ in SrTiO3 was studied.")
    assert perovskite.site == "Sr"
    assert perovskite.fact_dopants() == (Dopant("Eu", "Eu3+", None, None, 3),)


def test_doping_component_uses_recogniser_spans() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Li7La3Zr2O12 doped with Ga3+ at the Li site was dense.")
    material = Span(doc, 0, 1, label="MATERIAL")
    material._.formula = "Li7La3Zr2O12"
    dopant = doc.char_span(24, 28, label="DOPANT", alignment_mode="expand")
    dopant._.element, dopant._.charge, dopant._.site, dopant._.amount = "Ga", 3, "Li", 0.25
    doc.spans["llzo_material"] = [material]
    doc.spans["llzo_dopant"] = [dopant]
    (statement,) = dopings(RULES.get_pipe("llzo_doping")(doc))
    assert (statement.host.text, statement.host.start, statement.host.formula) == (
        "Li7La3Zr2O12",
        0,
        "Li7La3Zr2O12",
    )
    assert statement.fact_dopants() == (Dopant("Ga", "Ga3+", "Li", 0.25, 3),)


def test_doping_component_without_recogniser_spans_on_spacy_tokens() -> None:
    doc = spacy.blank("en")("Sb-doped SnO2 nanowires were grown.")
    (statement,) = dopings(RULES.get_pipe("llzo_doping")(doc))
    assert (statement.host.text, [d.elements for d in statement.dopants]) == ("SnO2", [("Sb",)])


def test_doping_component_in_the_full_pipeline_with_the_model() -> None:
    from miner.pipeline import load

    doc = load()("A series of Ca1-xSrxTiO3 ceramics with Pr3+ was prepared.")
    assert [(s.phrasing, [d.text for d in s.dopants]) for s in dopings(doc)] == [
        ("model", ["Pr3+"])
    ]
    assert dopings(spacy.blank("en")("No component ran here.")) == []


def test_doping_component_rejects_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="Invalid doping mode='guess'"):
        doping_pipeline("guess")


@pytest.mark.parametrize(
    "text",
    ["", " ", "doped", "::", "(" * 50, "\x00\ufeff", "Ga-", "substituting N–B–F for Eu2+/Dy3+ ("],
)
def test_find_dopings_odd_input_gives_no_statement(text: str) -> None:
    assert find_dopings(text) == []


def test_find_dopings_takes_an_earlier_host_named_again() -> None:
    text = "Tin as a shallow dopant during the growth of InP(100) on GaAs wafers."
    assert _read(text) == [(None, ["Tin"], None)]
    (statement,) = find_dopings(text, known_hosts=["films", "InP"])
    assert (statement.host.text, statement.phrasing) == ("InP(100)", "A dopant in H (earlier host)")
    (unnamed,) = find_dopings("The Mn dopant clusters at high levels.", known_hosts=["ZnO"])
    assert unnamed.host is None


def test_find_dopings_colon_amounts_give_elements() -> None:
    (statement,) = find_dopings("NaYF4:20%Yb,2%Er nanocrystals were coated with silica.")
    assert statement.host.text == "NaYF4"
    assert [(d.text, d.elements) for d in statement.dopants] == [("Yb,2%Er", ("Yb", "Er"))]


def test_find_dopings_reads_a_charge_set_off_by_a_space() -> None:
    (statement,) = find_dopings("Ho 3+ doped YVO4 crystals were grown.")
    assert [(d.elements, d.charge) for d in statement.dopants] == [(("Ho",), 3)]


def test_find_dopings_placeholder_and_what_it_stands_for() -> None:
    (statement,) = find_dopings("M-doped Li7La3Zr2O12 (M = Ga, Al) pellets were sintered.")
    assert statement.host.text == "Li7La3Zr2O12"
    assert [(d.text, d.elements) for d in statement.dopants] == [
        ("M", ()),
        ("M = Ga, Al", ("Ga", "Al")),
    ]
    assert [d.element for d in statement.fact_dopants()] == ["Ga", "Al"]
    assert _read("X-doped TiO2 was annealed.") == [("TiO2", [], None)]


@pytest.mark.timeout(60)
def test_doping_reading_is_linear_on_long_runs_without_spaces() -> None:
    """40,000-character "words" as PDF converters leave them: the reading before it used the
    Doc's tokens took ~20 s on each (quadratic); now milliseconds (``bench.miner --hostile``)."""
    for unit in ("Li7La3Zr2O12", "1234567890", "1.", "|", "Ga-", "((((Ga-doped"):
        text = (unit * (40_000 // len(unit) + 1))[:40_000]
        assert isinstance(find_dopings(text), list)
    # spaCy's own tokenizer is quadratic on runs of brackets or of many infixes: the component
    # reads Docs made of those tokens directly
    for words in (["("] * 40_000, ["ZnO", ":"] * 10_000):
        doc = spacy.tokens.Doc(RULES.vocab, words=words, spaces=[False] * len(words))
        assert isinstance(dopings(RULES.get_pipe("llzo_doping")(doc)), list)
