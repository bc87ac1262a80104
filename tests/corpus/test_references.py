"""Reference list parsing: keys, sub-entries and the bibliographic fields."""

from __future__ import annotations

from corpus.references import parse_entry


def test_parse_entry_splits_lettered_sub_entries() -> None:
    refs = parse_entry(
        "- [12] a) A. Kim, B.-C. Lee, *J. Mater. Chem. A* **2019**, *7*, 12244; "
        "b) C. D. Park Jr., *Adv. Energy Mater.* **2023**, *13*, 2203897."
    )
    assert [r.key for r in refs] == ["12a", "12b"]
    first, second = refs
    assert (
        first.number,
        first.letter,
        first.authors,
        first.journal,
        first.year,
        first.volume,
        first.pages,
    ) == (12, "a", ("A. Kim", "B.-C. Lee"), "J. Mater. Chem. A", 2019, "7", "12244")
    assert (second.authors, second.journal, second.pages) == (
        ("C. D. Park Jr.",),
        "Adv. Energy Mater.",
        "2203897",
    )
    assert first.text == "A. Kim, B.-C. Lee, J. Mater. Chem. A 2019, 7, 12244"


def test_parse_entry_plain_volume_and_article_number() -> None:
    (ref,) = parse_entry("[103] E. Fu, *Sci. Adv.* **2017**, 3, ea00713.")
    assert (ref.key, ref.volume, ref.pages, ref.letter) == ("103", "3", "ea00713", "")


def test_parse_entry_without_a_journal_keeps_the_names() -> None:
    (ref,) = parse_entry("[7] O. Fifteen, Degree Thesis, Example University **2018**.")
    assert (ref.authors, ref.journal, ref.year, ref.volume, ref.pages) == (
        ("O. Fifteen",),
        None,
        2018,
        None,
        None,
    )


def test_reference_id_is_stable_and_independent_of_the_number() -> None:
    (a,) = parse_entry("[3] H. Eight, *J. Power Sources* **2016**, *302*, 135.")
    (b,) = parse_entry("[40] H. Eight, *J. Power Sources* **2016**, *302*, 135.")
    assert a.id == b.id
    assert a.id.startswith("ref:") and len(a.id) == 20


def test_parse_entry_ignores_non_entries() -> None:
    assert parse_entry("Yang Wang is currently a Ph.D. student.") == []


def test_an_author_known_by_one_name_is_the_first_author() -> None:
    (ref,) = parse_entry("[83] Amardeep, S. K. A. Mukhopadhyay, *Scr. Mater.* **2019**, 162, 2.")
    assert (ref.authors, ref.journal, ref.year) == (
        ("Amardeep", "S. K. A. Mukhopadhyay"),
        "Scr. Mater.",
        2019,
    )
