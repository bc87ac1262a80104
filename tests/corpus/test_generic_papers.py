"""Papers written the ordinary way, not like the review: a "References" heading over a list
numbered "1.", "2)" or "(3)", authors surname first, and bare "[1,2]" citation markers."""

from __future__ import annotations

from pathlib import Path

from corpus import read_document
from corpus.references import is_entry, parse_entry

PAPER = """# Tantalum-Doped Garnet Pellets by Hot Pressing

## Abstract

Ta-doped Li7La3Zr2O12 pellets reached 0.9 mS cm^-1 at 25 °C [1,2]. Earlier work on
Ga-doped garnets reported similar values [3].

## 1. Introduction

Directions such as [001] are not citations here [2-3].

## References

1. Kowalski, A.; Berg, T. H. Hot pressing of garnet electrolytes. Solid State Ionics
2019. 46, 7778.
2. Novak, P. et al. Lithium garnets revisited. J. Mater. Chem. A 2020, 8, 101.
3. Ortega, L. Ga doping. Chem. Mater. 2021, 33, 5.
"""


def test_reference_section_with_numbered_items_becomes_the_reference_list(tmp_path: Path) -> None:
    path = tmp_path / "ta-paper.md"
    path.write_text(PAPER, encoding="utf-8")
    doc = read_document(path)
    assert [(r.key, r.authors, r.journal, r.year) for r in doc.references] == [
        ("1", ("A. Kowalski", "T. H. Berg"), "Solid State Ionics", 2019),
        ("2", ("P. Novak",), "J. Mater. Chem. A", 2020),
        ("3", ("L. Ortega",), "Chem. Mater.", 2021),
    ]
    assert [s.refs for s in doc.sentences] == [["1", "2"], ["3"], ["2", "3"]]
    assert doc.sentences[2].text == "Directions such as [001] are not citations here."
    assert "Kowalski" not in " ".join(s.text for s in doc.sentences)


def test_loose_entries_are_entries_only_under_a_references_heading() -> None:
    assert is_entry("1. Introduction") is False
    assert is_entry("1. Introduction", loose=True) is True
    assert is_entry("(12) Smith, J. Title. J. Chem. 2001, 1, 2.", loose=True) is True
    assert is_entry("[12] J. Smith, *J. Chem.* **2001**, 1, 2.") is True


def test_surname_first_authors_in_acs_and_vancouver_styles() -> None:
    (acs,) = parse_entry(
        "(4) Thompson, T.; Johannes, M. D.; Sakamoto, J. Phase stability of garnets. "
        "J. Mater. Chem. A 2014, 2, 13431.",
        loose=True,
    )
    assert (acs.key, acs.authors, acs.journal, acs.year, acs.volume, acs.pages) == (
        "4",
        ("T. Thompson", "M. D. Johannes", "J. Sakamoto"),
        "J. Mater. Chem. A",
        2014,
        "2",
        "13431",
    )
    (vancouver,) = parse_entry(
        "5) Murata K, Lee JH. Fast conduction in garnets. Angew Chem Int Ed. 2007;46:7778-81.",
        loose=True,
    )
    assert (vancouver.authors, vancouver.journal, vancouver.year) == (
        ("K. Murata", "J. H. Lee"),
        "Angew Chem Int Ed.",
        2007,
    )
