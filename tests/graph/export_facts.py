"""A small known graph for the export tests (RDF, CSV, SPARQL twins), written by us in the style
of papers and loaded through the real writer. Hostile literals (quotes, newlines, backslashes,
non-ASCII, Cypher-looking text) are part of it on purpose."""

from __future__ import annotations

from corpus.document import Reference
from graph.backend import GraphBackend
from graph.rows import DocumentMeta
from graph.writer import ensure_schema, replace_document
from miner.records import Dopant, Fact, Material

HOSTILE = (
    'Ga-doped "LLZO" (\\ backslash) reached 1.3 mS cm^-1\n'
    "at 25 °C — Li₆.₂₅Ga₀.₂₅ }) DETACH DELETE n //"
)
GA = Material("Li6.25Ga0.25La3Zr2O12", "Li6.25Ga0.25La3Zr2O12")
GA_DOPANTS = (Dopant("Ga", "Ga3+", "Li", 0.25, 3),)
TA = Material("Li6.4La3Zr1.4Ta0.6O12", "Li6.4La3Zr1.4Ta0.6O12")
TA_DOPANTS = (Dopant("Ta", "Ta5+", "Zr", 0.6, 5),)
AL = Material("Al-doped LLZO")
AL_DOPANTS = (Dopant("Al", "Al3+", "Li", None, 3),)
SR = Material("Li6.8La2.8Sr0.2Zr2O12", "Li6.8La2.8Sr0.2Zr2O12")
SR_DOPANTS = (Dopant("Sr", "Sr2+", "La", 0.2, 2),)
LLZO = Material("Li7La3Zr2O12", "Li7La3Zr2O12")


def _m(
    doc: str,
    sentence: int,
    text: str,
    material: Material,
    dopants: tuple[Dopant, ...],
    prop: str,
    value: float,
    unit: str | None,
    **kw: object,
) -> Fact:
    start = 100 * sentence
    return Fact(
        kind="measurement",
        doc=doc,
        section=str(kw.pop("section", "3.1")),
        sentence=sentence,
        start=start,
        end=start + len(text),
        text=text,
        material=material,
        dopants=dopants,
        property=prop,
        value=value,
        unit=unit,
        **kw,
    )  # type: ignore[arg-type]


PAPER_A = [
    _m(
        "paper-a",
        1,
        HOSTILE,
        GA,
        GA_DOPANTS,
        "ionic_conductivity",
        1.3e-3,
        "S/cm",
        raw="1.3 mS cm^-1",
        temperature_C=25.0,
        methods=("solid-state reaction",),
        refs=("12",),
    ),
    _m(
        "paper-a",
        2,
        "Its activation energy was only 0.26 eV.",
        GA,
        GA_DOPANTS,
        "activation_energy",
        0.26,
        "eV",
        raw="0.26 eV",
        refs=("12", "5a"),
    ),
    _m(
        "paper-a",
        3,
        "The Ga-doped pellet reached 96.5321784% relative density.",
        GA,
        GA_DOPANTS,
        "relative_density",
        96.5321784,
        "%",
        raw="96.5321784%",
        methods=("hot pressing",),
    ),
    _m(
        "paper-a",
        4,
        "Ta-doped LLZO showed 6.8 × 10^-4 S cm^-1 at room temperature.",
        TA,
        TA_DOPANTS,
        "ionic_conductivity",
        6.8e-4,
        "S/cm",
        raw="6.8 × 10^-4 S cm^-1",
        temperature_C=25.0,
        methods=("solid-state reaction",),
        refs=("7",),
    ),
    _m(
        "paper-a",
        5,
        "DFT predicts 0.35 eV for Ta-doped LLZO.",
        TA,
        TA_DOPANTS,
        "activation_energy",
        0.35,
        "eV",
        raw="0.35 eV",
        methods=("calculation",),
        basis="calculated",
    ),
    _m(
        "paper-a",
        6,
        "Al-doped LLZO: 2–4 × 10^-4 S cm^-1.",
        AL,
        AL_DOPANTS,
        "ionic_conductivity",
        2e-4,
        "S/cm",
        raw="2–4 × 10^-4 S cm^-1",
        value_max=4e-4,
        methods=("sol-gel",),
    ),
    Fact(
        kind="doping",
        doc="paper-a",
        section="2",
        sentence=7,
        start=700,
        end=740,
        text="Ta5+ substitutes on the Zr site.",
        material=TA,
        dopants=TA_DOPANTS,
    ),
    Fact(
        kind="synthesis",
        doc="paper-a",
        section="2",
        sentence=8,
        start=800,
        end=850,
        text="The pellets were made by spark plasma sintering.",
        material=GA,
        dopants=GA_DOPANTS,
        methods=("spark plasma sintering",),
        refs=("7",),
    ),
]

PAPER_B = [
    _m(
        "paper-b",
        1,
        "Sr-doped LLZO had a conductivity of 5.0 × 10^-4 S cm^-1.",
        SR,
        SR_DOPANTS,
        "ionic_conductivity",
        5.0e-4,
        "S/cm",
        raw="5.0 × 10^-4 S cm^-1",
        section="4",
    ),
    _m(
        "paper-b",
        2,
        "Ga-doped LLZO gave 1.0 mS cm^-1 in our hands.",
        GA,
        GA_DOPANTS,
        "ionic_conductivity",
        1.0e-3,
        "S/cm",
        raw="1.0 mS cm^-1",
        temperature_C=30.0,
        section="4",
        refs=("1",),
    ),
    _m(
        "paper-b",
        3,
        "Undoped cubic LLZO: 2.4 × 10^-4 S cm^-1, 0.42 eV.",
        LLZO,
        (),
        "ionic_conductivity",
        2.4e-4,
        "S/cm",
        raw="2.4 × 10^-4 S cm^-1",
        section="4",
    ),
    _m(
        "paper-b",
        3,
        "Undoped cubic LLZO: 2.4 × 10^-4 S cm^-1, 0.42 eV.",
        LLZO,
        (),
        "activation_energy",
        0.42,
        "eV",
        raw="0.42 eV",
        section="4",
    ),
]

REFERENCES = {
    "paper-a": [
        Reference(
            "12",
            12,
            "",
            'M. Müller, "Garnets", J. Power Sources 2019, 412, 1–9.',
            ("M. Müller",),
            "J. Power Sources",
            2019,
            "412",
            "1–9",
            "10.1000/jps.412",
        ),
        Reference(
            "7",
            7,
            "",
            "A. Smith, B. Jones, Solid State Ionics 2015, 278, 172.",
            ("A. Smith", "B. Jones"),
            "Solid State Ionics",
            2015,
            "278",
            "172",
        ),
    ],
    # paper-b cites the same Smith & Jones paper: one Reference node for both documents
    "paper-b": [
        Reference(
            "1",
            1,
            "",
            "A. Smith, B. Jones, Solid State Ionics 2015, 278, 172.",
            ("A. Smith", "B. Jones"),
            "Solid State Ionics",
            2015,
            "278",
            "172",
        ),
    ],
}

META = {
    "paper-a": DocumentMeta(
        "paper-a",
        title='Garnets "in the wild": Ünïcode\ntitle',
        file_name="paper-a.md",
        sha256="a" * 64,
        extractor_version="0.1.0",
    ),
    "paper-b": DocumentMeta(
        "paper-b",
        title="Second paper",
        file_name="paper-b.txt",
        sha256="b" * 64,
        extractor_version="0.1.0",
    ),
}

FACTS = {"paper-a": PAPER_A, "paper-b": PAPER_B}


def load_known(backend: GraphBackend) -> None:
    """Write both papers through the writer."""
    ensure_schema(backend)
    for doc, facts in FACTS.items():
        replace_document(backend, META[doc], facts, REFERENCES[doc])
