"""Each reader on a small document written for the tests, in that format."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import DEFAULT_READERS, ReaderError, read_bytes, read_document
from corpus.document import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "corpus"


def summary_of(doc: Document) -> list[tuple[str, bool, str, list[str]]]:
    return [(s.section, s.is_caption, s.text, s.refs) for s in doc.sentences]


def test_markdown_reader_on_a_sample_paper() -> None:
    doc = read_document(DATA / "garnet-sample.md")
    assert doc.id == "garnet-sample"
    assert doc.title == "A Short Study of Doped Garnet Electrolytes"
    assert [(s.number, s.title) for s in doc.sections] == [
        ("", "Abstract"),
        ("1", "Introduction"),
        ("2", "Results"),
        ("2.1", "Doped Pellets"),
        ("", "Acknowledgements"),
    ]
    assert "Example University" not in doc.text  # the affiliation block is front matter
    sentences = summary_of(doc)
    assert sentences[3] == (
        "1",
        False,
        "Doping with Ga3+ on the Li site (e.g. Ga0.25) stabilises the cubic phase, as "
        "shown by Smith et al. and others.",
        ["2a", "2b", "2c", "2d", "3"],
    )
    assert sentences[5][2:] == (
        "Similarly, Ta-doped samples reach 1.2–1.75 × 10^-3 S cm^-1 after hot pressing.",
        ["2a", "2b", "2c", "2d", "5"],
    )
    assert sentences[7] == (
        "1",
        False,
        "Sintered pellets occupy 95% of the theoretical density.",
        ["6"],
    )
    assert [c.label for c in doc.captions] == ["Figure 1"]
    assert [(u.marker, u.key, u.reason) for u in doc.unresolved] == [
        ("2z", "2z", "reference [2] has sub-entries a)–d), no 'z)'")
    ]
    (table,) = doc.tables
    assert table.rows == (
        ("Ga3+", "Li+", "0.25", "1.46 × 10^-3", "[2a]"),
        ("Ta5+", "Zr4+", "0.6", "0.24–0.67 × 10^-3", "[5]"),
        ("Al3+", "", "0.2", "–", "[7]"),
    )
    assert table.row_refs == (("2a",), ("5",), ("7",))
    assert [r.key for r in doc.references] == ["1", "2a", "2b", "2c", "2d", "3", "4", "5", "6", "7"]


def test_text_reader_blank_line_paragraphs_and_bare_markers() -> None:
    doc = read_document(DATA / "ta-doping-notes.txt")
    assert doc.id == "ta-doping-notes"
    assert summary_of(doc) == [
        ("", False, "Tantalum doping of LLZO", []),
        ("", False, "Li6.4La3Zr1.4Ta0.6O12 pellets reached 1.0 × 10^-3 S cm^-1 at 25 °C.", ["1"]),
        (
            "",
            False,
            "The electrolyte was hot pressed at 1050 °C, i.e. below the usual temperature.",
            ["2", "3"],
        ),
        ("", False, "Its density was 99%, higher than that of cold-pressed Li-ion conductors.", []),
        ("", True, "Figure 1. Arrhenius plot of the pellets.", []),
    ]
    assert [p.is_caption for p in doc.paragraphs] == [False, False, True]


def test_text_reader_declared_id_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("---\nid: smith-2021\ntitle: Notes\n---\nGa3+ doping works.\n", "utf-8")
    doc = read_document(path)
    assert (doc.id, doc.title, doc.sentences[0].text) == (
        "smith-2021",
        "Notes",
        "Ga3+ doping works.",
    )


def test_html_reader_keeps_charges_exponents_and_markers() -> None:
    doc = read_document(DATA / "garnet-sample.html")
    assert doc.title == "Gallium doping of garnet electrolytes"
    assert summary_of(doc) == [
        ("1", False, "Cubic Li7La3Zr2O12 conducts lithium ions well.", ["1"]),
        (
            "1",
            False,
            "Ga3+ on the Li site raises the conductivity to 1.3 × 10^-3 S cm^-1 at 25 °C.",
            ["2", "3"],
        ),
        ("1", True, "Figure 1. Conductivity of Ga-doped pellets versus temperature.", []),
        (
            "2",
            False,
            "Pellets sintered at 1100 °C reached 96% of the theoretical density, e.g. sample G2.",
            ["2"],
        ),
    ]
    (table,) = doc.tables
    assert (table.label, table.header, table.rows) == (
        "Table 1",
        ("Dopant", "x", "σ (S cm^-1)"),
        (("Ga3+", "0.25", "1.3 × 10^-3"), ("Al3+", "0.20", "4.0 × 10^-4")),
    )
    assert [(r.key, r.authors, r.journal, r.year, r.volume, r.pages) for r in doc.references] == [
        ("1", ("A. One", "B. Two"), "J. Example Chem.", 2019, "12", "345"),
        ("2", ("C. Three",), "Solid State Ionics", 2020, "350", "115321"),
        ("3", ("D. Four",), "Chem. Mater.", 2018, "30", "1234"),
    ]


def test_jats_xml_reader() -> None:
    doc = read_document(DATA / "garnet-sample-jats.xml")
    assert doc.title == "Tantalum-doped garnet pellets"
    assert summary_of(doc) == [
        (
            "1",
            False,
            "Ta5+ replaces Zr4+ in Li6.4La3Zr1.4Ta0.6O12, which reaches 1.0 × 10^-3 S cm^-1.",
            ["1"],
        ),
        ("1", False, "The activation energy is 0.35 eV.", ["2"]),
        ("1", True, "Figure 1. Arrhenius plot of the Ta-doped pellets.", []),
        (
            "2",
            False,
            "The powders were made by solid-state reaction and hot pressed at 1050 °C.",
            ["2"],
        ),
    ]
    assert [r.key for r in doc.references] == ["1", "2"]


def test_pdf_reader_on_a_generated_pdf(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["pdf.fonttype"] = 42
    fig = plt.figure(figsize=(8.5, 11))
    lines = [
        "2. Results",
        "",
        "Ga-doped Li7La3Zr2O12 reached 1.2 mS/cm at 25 C [3].",
        "",
        "[3] A. Author, J. Example Chem. 2019, 12, 345.",
    ]
    for i, line in enumerate(lines):
        fig.text(0.1, 0.9 - 0.04 * i, line, fontsize=11)
    path = tmp_path / "paper.pdf"
    fig.savefig(path)
    plt.close(fig)
    doc = read_document(path)
    assert doc.id == "paper"
    assert summary_of(doc) == [
        ("2", False, "Ga-doped Li7La3Zr2O12 reached 1.2 mS/cm at 25 C.", ["3"])
    ]
    assert [(r.key, r.journal, r.year) for r in doc.references] == [("3", "J. Example Chem.", 2019)]


def test_read_bytes_picks_the_reader_by_name_and_content() -> None:
    assert [r.name for r in DEFAULT_READERS] == ["pdf", "markdown", "html", "xml", "text"]
    doc = read_bytes(b"Ga3+ doping works.\n", "notes.txt")
    assert doc.sentences[0].text == "Ga3+ doping works."
    with pytest.raises(ReaderError, match=r"^paper\.docx: no reader for this kind of file"):
        read_bytes(b"PK text", "paper.docx")
    # no extension: sniffed from the content
    assert read_bytes(b"Plain notes. Ga3+ works.\n", "notes").sentences[1].text == "Ga3+ works."
    html = b"<!DOCTYPE html><html><body><p>Al<sup>3+</sup> too.</p></body></html>"
    assert read_bytes(html, "download").sentences[0].text == "Al3+ too."


def test_elsevier_xml_reader_keeps_markers_and_the_bibliography() -> None:
    doc = read_document(DATA / "garnet-sample-elsevier.xml")
    assert doc.title == "Aluminium-doped garnet by sol-gel synthesis"
    assert summary_of(doc) == [
        ("1", False, "Al3+ stabilises cubic Li6.25Al0.25La3Zr2O12.", ["1"]),
        ("1", False, "Its conductivity is 4.0 × 10^-4 S cm^-1.", ["1", "2"]),
    ]
    assert [(r.key, r.authors, r.journal, r.year) for r in doc.references] == [
        ("1", ("A. One", "B. Two"), "J. Example Chem.", 2019),
        ("2", ("C. Three",), "Solid State Ionics", 2020),
    ]
    assert doc.unresolved == ()


def test_markdown_pipe_table(tmp_path: Path) -> None:
    text = (
        "Notes on pellets\n\nSome text about pellets. More text here.\n\n"
        "Table 1. Conductivity of pellets.\n\n"
        "| Dopant | σ (S cm⁻¹) |\n|---|---:|\n| Ga³⁺ | 1.2×10^{-3} |\n| Al³⁺ | 4×10⁻⁴ |\n"
    )
    path = tmp_path / "pipes.md"
    path.write_text(text, encoding="utf-8")
    (table,) = read_document(path).tables
    assert (table.label, table.header, table.rows) == (
        "Table 1",
        ("Dopant", "σ (S cm^-1)"),
        (("Ga3+", "1.2 × 10^-3"), ("Al3+", "4 × 10^-4")),
    )
    assert [text[a:b] for a, b in table.row_offsets] == [
        "| Ga³⁺ | 1.2×10^{-3} |",
        "| Al³⁺ | 4×10⁻⁴ |",
    ]
