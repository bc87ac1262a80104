"""Exact figures on the real review (read from ../shared, never copied into the project).

The counts were checked independently with grep and a separate script (see docs/decisions/0103):
33 numbered headings + Abstract + Acknowledgements + Conflict of Interest + Keywords = 37 sections;
21 "Figure N." captions; 256 numbered entries, 42 of them split into 166 lettered sub-entries,
give 214 + 166 = 380 citable keys; 357 "^[" markers expand to 527 keys (526 resolve, with bare
numbers of split entries standing for all their sub-entries), and "50,w" names a sub-entry "50w"
of an entry that has none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llzo_kg.corpus import read_document
from llzo_kg.corpus.document import Document
from llzo_kg.corpus.inspect import summary


@pytest.fixture(scope="module")
def review(review_path: Path) -> Document:
    return read_document(review_path)


def test_review_counts(review: Document) -> None:
    info = summary(review)
    assert {
        k: info[k]
        for k in (
            "sections",
            "paragraphs",
            "sentences",
            "captions",
            "references",
            "citation_markers",
            "cited_keys",
            "distinct_cited_keys",
        )
    } == {
        "sections": 37,
        "paragraphs": 87,
        "sentences": 947,
        "captions": 21,
        "references": 380,
        "citation_markers": 357,
        "cited_keys": 527,
        "distinct_cited_keys": 377,
    }
    assert info["tables"] == [
        {"label": "Table 1", "rows": 9, "columns": 5},
        {"label": "Table 2", "rows": 40, "columns": 8},
    ]
    assert info["unresolved"] == [
        {
            "marker": "50,w,81–95,97",
            "key": "50w",
            "offset": review.text.index(", the types and positions of doping elements") + 1,
            "reason": "reference [50] has no lettered sub-entries, so no 'w)'",
        }
    ]
    # keys that resolve but whose year is far from the caption's copyright year
    assert info["warnings"] == [
        f"{review.path}: line 145, column 222: marker ^[52] before 'Copyright 2019' cites "
        "[52a] 2013, [52b] 2022: the marker may be a typo",
        f"{review.path}: line 171, column 124: marker ^[158] before 'Copyright 2011' cites "
        "[158] 2023: the marker may be a typo",
        f"{review.path}: line 355, column 630: marker ^[155] before 'Copyright 2018' cites "
        "[155] 2020: the marker may be a typo",
    ]


def test_review_front_matter_and_sections(review: Document) -> None:
    assert review.id == "llzo-review-2024"
    assert review.title.startswith("Accelerating the Development of LLZO")
    numbers = [s.number for s in review.sections]
    assert numbers[:6] == ["", "1", "2", "2.1", "2.1.1", "2.1.2"]
    assert [s.title for s in review.sections if not s.number] == [
        "Abstract",
        "Acknowledgements",
        "Conflict of Interest",
        "Keywords",
    ]
    sec = next(s for s in review.sections if s.number == "4.1")
    assert (sec.title, sec.level) == ("Impurity Phase of Li2CO3/LiOH", 2)
    assert "Harbin" not in review.text and "E-mail" not in review.text


def test_review_introduction_is_put_back_in_reading_order(review: Document) -> None:
    intro = next(s for s in review.sections if s.number == "1")
    first = next(p for p in review.paragraphs if p.start > intro.start)
    assert review.text[first.start : first.end].startswith(
        "The growing demands for safe, energy-dense, long lifespan, and wide operating temperature "
        "range energy storage technologies have triggered the development of solid-state batteries"
    )
    assert next(s for s in review.sentences if "have triggered" in s.text).section == "1"


def test_review_page_breaks_are_joined(review: Document) -> None:
    assert "which completely occupy the corresponding 8a, 16f, and 32g" in review.text
    assert "low RT Li-ion conductivity" in review.text
    assert "(25 °C, 3 × 10^-4 S cm^-1 vs 10^-5 S cm^-1)" in review.text
    assert " oc-" not in review.text and "re- sults" not in review.text


def test_review_sentences_carry_resolved_citations(review: Document) -> None:
    s = next(s for s in review.sentences if "Li3PO4 as a sintering aid" in s.text)
    assert s.text.endswith("(4.3 × 10^-4 S cm^-1 at RT).")
    assert s.refs == ["75"] and s.section == "3.2.1"
    nxt = review.sentences[s.index + 1]
    assert nxt.text.startswith("Similarly, Li2O, as a sintering aid")
    huang = next(s for s in review.sentences if s.text.startswith("Huang et al. replaced"))
    assert huang.refs == ["18"]
    fig2 = next(c for c in review.citations if c.marker == "5a–e,g–i,s,x,y,ai,12,13,15")
    assert fig2.keys[:9] == ("5a", "5b", "5c", "5d", "5e", "5g", "5h", "5i", "5s")
    assert len(fig2.keys) == 12 + 2 + 23  # [15] is cited whole: 15a..15w


def test_review_captions_are_apart_from_body_text(review: Document) -> None:
    labels = [c.label for c in review.captions]
    assert labels == [f"Figure {i}" for i in range(1, 22)]
    for caption in review.captions:
        assert review.text[caption.start : caption.end] == caption.text
    caption_sentences = [s for s in review.sentences if s.is_caption]
    assert caption_sentences[0].text.startswith("Figure 1. The number of published articles")
    assert all(review.paragraphs[s.paragraph].is_caption for s in caption_sentences)


def test_review_table_2_cells_footnotes_and_offsets(review: Document, review_path: Path) -> None:
    table = review.tables[1]
    assert table.label == "Table 2" and table.section == "3.2.2"
    assert table.header == (
        "Dopant",
        "Site",
        "X [mol]",
        "Method",
        "σ_Li+ [S cm^-1]",
        "Rd [%]",
        "E_a [eV]",
        "Refs.",
    )
    assert table.column_notes == ("", "a", "", "", "b", "c", "d", "")
    assert table.footnotes == {
        "a": "Substitution site",
        "b": "Li-ion conductivity (room temperature)",
        "c": "Relative density",
        "d": "Activation energy",
        "e": "Co-pre.",
    }
    assert table.rows[1] == ("Ga3+", "Li+", "0.2", "SSR", "1.24 × 10^-3", "97.3", "0.311", "[14]")
    assert table.rows[5][2:5] == ("–", "Co-pre.", "1.2–1.75 × 10^-3")
    assert table.rows[13][5] == "> 90" and table.rows[16][5] == "≈94"
    assert table.rows[20] == ("Ba3+", "La3+", "0.25", "", "", "", "", "")
    assert table.rows[26] == ("Al3+", "", "0.25", "", "1.8 × 10^-4", "89.83", "0.41", "")
    assert table.row_refs[1] == ("14",) and table.row_refs[6] == ("31a",)
    raw = review_path.read_text(encoding="utf-8")
    start, end = table.row_offsets[1]
    assert raw[start:end].startswith("Ga ³⁺\tLi ⁺\t0.2\tSSR\t1.24×10^{-3}")
    a, b = table.row_spans[1]
    assert review.text[a:b] == "\t".join(table.rows[1])


def test_review_references_parse(review: Document) -> None:
    ref = review.reference("5ac")
    assert (ref.number, ref.letter, ref.year) == (5, "ac", 2020)
    ref = review.reference("103")
    assert ref is not None and ref.letter == ""
    assert sum(1 for r in review.references if r.number == 5) == 42
    assert sum(r.year is not None for r in review.references) == 380
    assert sum(r.journal is not None for r in review.references) == 378
    # [85] and [109] are the same paper listed twice: one stable id
    assert len({r.id for r in review.references}) == 379
    assert review.reference("85").id == review.reference("109").id


def test_review_offsets_map_back_to_the_file(review: Document, review_path: Path) -> None:
    raw = review_path.read_text(encoding="utf-8")
    checked = 0
    for s in review.sentences:  # every sentence start/end made of plain letters is in the file
        for pos in (s.start, s.end - 6):
            piece = review.text[pos : pos + 5]
            if piece.isascii() and piece.isalpha():
                checked += 1
                o = review.original_offset(pos)
                assert raw[o : o + 5] == piece, (s.index, piece)
    assert checked == 1140
    assert all(raw[c.original_start : c.original_end] == f"^[{c.marker}]" for c in review.citations)
    s = next(s for s in review.sentences if s.text.startswith("Huang et al. replaced"))
    assert raw[review.original_offset(s.start) :].startswith("Huang et al.^[18] replaced")
    c = next(c for c in review.citations if c.marker == "75")
    assert raw[c.original_start : c.original_end] == "^[75]"
    ga = review.text.index("Ga-doped LLZO with x > 0.07")
    assert raw[review.original_offset(ga) :].startswith("Ga-doped LLZO with $x > 0.07$")
