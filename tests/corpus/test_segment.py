"""Sentence segmentation on chemistry prose written for these tests."""

from __future__ import annotations

from corpus.segment import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_sentence_spans_survive_abbreviations_decimals_and_formulas() -> None:
    text = (
        "Smith et al. sintered Li6.4La3Zr1.4Ta0.6O12 at 1100 °C, i.e. below the usual 1230 °C. "
        "The pellets (e.g. sample 2, cf. Fig. 3) reached 1.2 × 10^-3 S cm^-1 vs. 4.5 × 10^-4 "
        "S cm^-1 for ca. 0.5 mm discs. Similarly, J. B. Goodenough reported Ga3+ doping. "
        "Cheaper routes exist, e.g. sol-gel, co-precipitation, etc. They are not yet scaled."
    )
    assert sentences(text) == [
        "Smith et al. sintered Li6.4La3Zr1.4Ta0.6O12 at 1100 °C, i.e. below the usual 1230 °C.",
        "The pellets (e.g. sample 2, cf. Fig. 3) reached 1.2 × 10^-3 S cm^-1 vs. 4.5 × 10^-4 "
        "S cm^-1 for ca. 0.5 mm discs.",
        "Similarly, J. B. Goodenough reported Ga3+ doping.",
        "Cheaper routes exist, e.g. sol-gel, co-precipitation, etc.",
        "They are not yet scaled.",
    ]


def test_sentence_spans_split_after_a_unit_where_a_marker_stood() -> None:
    # "...S cm^-1.^[75] Similarly" arrives with the marker taken out
    assert sentences("It reaches 4.3 × 10^-4 S cm^-1. Similarly, Li2O melts.") == [
        "It reaches 4.3 × 10^-4 S cm^-1.",
        "Similarly, Li2O melts.",
    ]


def test_sentence_spans_keep_figure_labels_and_split_caption_panels() -> None:
    text = (
        "Figure 3. a) Milling scheme. Reproduced with permission. Copyright 2018, Example. "
        "b) Sintered pellet."
    )
    assert sentences(text) == [
        "Figure 3. a) Milling scheme.",
        "Reproduced with permission.",
        "Copyright 2018, Example.",
        "b) Sintered pellet.",
    ]


def test_sentence_spans_of_a_range_are_offsets_into_the_text() -> None:
    text = "xx First one. Second one. yy"
    assert sentence_spans(text, 3, 25) == [(3, 13), (14, 25)]


def test_sentence_spans_on_a_megabyte_of_dots_is_one_sentence() -> None:
    text = "1." * 500_000
    assert sentence_spans(text) == [(0, len(text))]
