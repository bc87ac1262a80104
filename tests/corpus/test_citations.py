"""Marker expansion and resolution against a reference list."""

from __future__ import annotations

from corpus.citations import KeyIndex, expand_marker, int_to_letters, letters_to_int
from corpus.document import Reference


def refs(*keys: str) -> list[Reference]:
    out = []
    for key in keys:
        number = int("".join(c for c in key if c.isdigit()))
        out.append(Reference(key=key, number=number, letter=key[len(str(number)) :], text=key))
    return out


def test_expand_marker_letter_ranges_inherit_the_number() -> None:
    assert expand_marker("5a–e,g–i,s").keys == (
        "5a",
        "5b",
        "5c",
        "5d",
        "5e",
        "5g",
        "5h",
        "5i",
        "5s",
    )


def test_expand_marker_numeric_ranges_and_mixed_lists() -> None:
    expanded = expand_marker("50,w,81–84,97")
    assert expanded.keys == ("50", "50w", "81", "82", "83", "84", "97")
    assert expanded.problems == ()


def test_expand_marker_two_letter_suffixes_order_after_z() -> None:
    assert expand_marker("5y–ab").keys == ("5y", "5z", "5aa", "5ab")
    assert (letters_to_int("ap"), int_to_letters(42)) == (42, "ap")


def test_expand_marker_reports_unreadable_items() -> None:
    expanded = expand_marker("w,12,x y,95–81")
    assert expanded.keys == ("12",)
    assert expanded.problems == (
        ("w", "a letter with no reference number before it"),
        ("x y", "cannot be read as a reference number or letter"),
        ("95–81", "range 95–81 is reversed or too long"),
    )


def test_key_index_resolves_whole_split_entries_and_explains_misses() -> None:
    index = KeyIndex(refs("1", "2a", "2b", "3"))
    assert index.resolve("2") == (["2a", "2b"], None)
    assert index.resolve("2b") == (["2b"], None)
    assert index.resolve("1w") == ([], "reference [1] has no lettered sub-entries, so no 'w)'")
    assert index.resolve("2c") == ([], "reference [2] has sub-entries a)–b), no 'c)'")
    assert index.resolve("9") == ([], "no reference [9] in the list (it ends at [3])")


def test_key_index_without_a_reference_list_keeps_keys_as_written() -> None:
    index = KeyIndex([])
    assert index.resolve("12") == (["12"], None)
    assert index.resolve("5ac") == (["5ac"], None)
