"""Exact figures on the real review (read from ../shared, never copied into the project).

The counts were checked independently with grep and a separate script (see docs/decisions/0103):
33 numbered headings + Abstract + Acknowledgements + Conflict of Interest + Keywords = 37 sections;
21 "Figure N." captions; 256 numbered entries, 42 of them split into 166 lettered sub-entries,
give 214 + 166 = 380 citable keys; 357 "^[" markers expand to 527 keys (526 resolve, with bare
numbers of split entries standing for all their sub-entries), and "50,w" names a sub-entry "50w"
of an entry that has none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import normalize_text, read_document
from corpus.document import Document
from corpus.inspect import COUNTS, summary


@pytest.fixture(scope="module")
def review(review_path: Path) -> Document:
    return read_document(review_path)


def test_review_counts(review: Document) -> None:
    info = summary(review)
    assert {k: info[k] for k in COUNTS} == {
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
            "offset": next(c.offset for c in review.citations if c.unresolved),
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


def test_review_front_matter_and_sections(review: Document, review_path: Path) -> None:
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
    raw = review_path.read_text(encoding="utf-8")
    headings = re.findall(r"^(\d+(?:\.\d+)*)\. (.+)$", raw, re.M)
    assert len(headings) == 33
    titles = {s.number: s.title for s in review.sections}
    for number, title in headings:  # titles are normalised, LaTeX included
        assert titles[number] == normalize_text(title)
        assert "$" not in titles[number] and "\\" not in titles[number]
    assert "Harbin" not in review.text and "E-mail" not in review.text  # affiliations


def test_review_introduction_is_put_back_in_reading_order(
    review: Document, review_path: Path
) -> None:
    raw = review_path.read_text(encoding="utf-8")
    heading_at = raw.index("\n1. Introduction\n") + 1
    intro = next(s for s in review.sections if s.number == "1")
    first = next(p for p in review.paragraphs if p.start > intro.start)
    origins = [review.original_offset(i) for i in range(first.start, first.end)]
    # the section's first paragraph starts after its heading in the file and goes on with the
    # text the column layout printed before the heading
    assert origins[0] > heading_at and min(origins) < heading_at
    drop = next(i for i, o in enumerate(origins) if o < heading_at) + first.start
    crossing = next(s for s in review.sentences if s.start <= drop < s.end)
    assert (crossing.section, crossing.start) == ("1", first.start)
    abstract = [s for s in review.sentences if s.start < intro.start]
    assert {s.paragraph for s in abstract} == {0}


def test_review_page_breaks_are_joined(review: Document, review_path: Path) -> None:
    """Every body paragraph the file ends with a hyphenated word is joined to the paragraph that
    continues it (found in the file itself): lowercase halves lose the hyphen, Li- keeps it."""
    blocks = [b.strip() for b in review_path.read_text(encoding="utf-8").split("\n\n")]
    blocks = [b for b in blocks if b and not b.startswith(("Figure", "Table", "- [", "["))]
    pairs = []
    for i, block in enumerate(blocks[:-1]):
        m = re.search(r"(\w+)-$", block)
        if m and len(block) > 80:
            w2 = re.match(r"[a-z]+", blocks[i + 1])
            assert w2, block[-20:]
            pairs.append((m.group(1), w2.group(0)))
    assert len(pairs) == 11
    for w1, w2 in pairs:
        joined = w1 + w2 if w1.islower() else f"{w1}-{w2}"
        assert re.search(rf"\b{joined}\b", review.text), joined
        assert f"{w1}- {w2}" not in review.text


def test_review_markers_belong_to_the_sentence_they_close(
    review: Document, review_path: Path
) -> None:
    """A marker right after a full stop ends that sentence ("...S cm^-1.^[75] Similarly"), except
    after "et al." where the sentence goes on."""
    raw = review_path.read_text(encoding="utf-8")
    assert sum(len(s.citations) for s in review.sentences) == 357
    closing = after_et_al = 0
    for s in review.sentences:
        for c in s.citations:
            assert s.start <= c.offset <= s.end
            if raw[c.original_start - 1] != ".":
                continue
            if raw[: c.original_start].endswith("et al."):
                assert c.offset < s.end
                after_et_al += 1
            else:
                assert c.offset == s.end
                closing += 1
    # grep: 304 ".^[" in the file, 74 of them "et al.^["
    assert (closing, after_et_al) == (230, 74)
    fig2 = next(c for c in review.citations if c.marker == "5a–e,g–i,s,x,y,ai,12,13,15")
    assert fig2.keys[:9] == ("5a", "5b", "5c", "5d", "5e", "5g", "5h", "5i", "5s")
    assert len(fig2.keys) == 12 + 2 + 23  # [15] is cited whole: 15a..15w


def test_review_captions_are_apart_from_body_text(review: Document) -> None:
    labels = [c.label for c in review.captions]
    assert labels == [f"Figure {i}" for i in range(1, 22)]
    for caption in review.captions:
        assert review.text[caption.start : caption.end] == caption.text
    caption_sentences = [s for s in review.sentences if s.is_caption]
    assert caption_sentences[0].text.startswith("Figure 1. ")
    assert all(review.paragraphs[s.paragraph].is_caption for s in caption_sentences)
    assert sum(p.is_caption for p in review.paragraphs) == 21


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
