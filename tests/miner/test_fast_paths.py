"""The shortcuts taken for speed (docs/decisions/0207-miner-speed.md) give what the slow paths
give: each is checked against the plain computation it replaces."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span
from spacy.util import filter_spans

from miner import abbreviations, dopants, material_words, materials, properties, quantities, sites
from miner.extensions import get_attr, set_attrs, set_doc_attr, set_group
from miner.tokenizer import doc_lower, make_tokenizer, token_lowers, token_texts
from miner.units import FOLD, NUMBER, fold
from miner.vocabulary import longest_matches

WORDS = st.lists(
    st.sampled_from(
        ["zinc", "Zinc", "ZINC", "oxide", "Oxides", "barium", "strontium", "titanate", "di",
         "lithium", "niobate", "nickel-", "sulfide", "side", "state", "the", "-", " ", "µm",
         "°C", "site", "Li1", "sites", "24d", "96h", "Sublattice", "position", "Li2", "O"]
    ),
    max_size=12,
)  # fmt: skip


@given(WORDS)
def test_fast_paths_anion_search_matches_regex(words):
    lowered = " ".join(words).lower()
    expected = re.search("|".join(materials.ANIONS_NAMED), lowered) is not None
    assert materials._holds_anion(lowered) is expected


def test_fast_paths_every_named_anion_is_under_its_ending():
    names = sorted(n for group in materials.ANION_ENDINGS.values() for n in group)
    assert names == sorted(materials.ANIONS_NAMED)


@given(WORDS)
def test_fast_paths_lowered_compound_regex_matches_case_insensitive_one(words):
    text = " ".join(words)
    slow = [m.span() for m in materials.NAMED_COMPOUND_RE.finditer(text)]
    if text.isascii():
        fast = [m.span() for m in materials.NAMED_COMPOUND_LOWER_RE.finditer(text.lower())]
        assert fast == slow


def test_fast_paths_lowered_compound_regex_example():
    text = "Films of Barium Strontium TITANATE and zinc-oxide were grown."
    spans = [m.span() for m in materials.NAMED_COMPOUND_LOWER_RE.finditer(text.lower())]
    assert spans == [(9, 34)]


@given(st.text(alphabet="a1 ⁻²µ−∼\u00a0x.×°–", max_size=20))
def test_fast_paths_fold_equals_translate(text):
    assert fold(text) == text.translate(FOLD)


def test_fast_paths_site_cue_tokens_are_the_tokens_the_loop_needs():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    doc = nlp("Li1 and Li2 sit on 24d/96h; the Zr SITES and the La-site stay full.")
    picked = [t.text for t in sites._cue_tokens(doc, doc.text)]
    assert picked == ["Li1", "Li2", "24d/96h", "SITES", "site"]


def test_fast_paths_set_attrs_sets_every_value():
    nlp = spacy.blank("en")
    doc = nlp("Ta5+ on the Zr site")
    span = set_attrs(Span(doc, 3, 5), site="Zr", position="16a")
    assert (span._.site, span._.position) == ("Zr", "16a")
    span._.site = "La"
    assert (get_attr(span, "site"), get_attr(span, "element")) == ("La", None)


def test_fast_paths_set_attrs_rejects_an_unknown_name():
    doc = spacy.blank("en")("Ta5+ on the Zr site")
    with pytest.raises(AttributeError, match="'colour'"):
        set_attrs(Span(doc, 0, 1), colour="red")


def test_fast_paths_set_doc_attr_and_set_group_are_what_spacy_sets():
    doc = spacy.blank("en")("Ta on the Zr site")
    set_doc_attr(doc, "abbreviations", {"LLZTO": None})
    set_group(doc, "llzo_site", [Span(doc, 3, 5, label="SITE")])
    assert doc._.abbreviations == {"LLZTO": None}
    assert [(s.text, s.label_) for s in doc.spans["llzo_site"]] == [("Zr site", "SITE")]
    assert doc.spans["llzo_site"].name == "llzo_site"


@given(
    st.lists(
        st.sampled_from(["(LLZAO)", "(a)", "denoted as", "termed", "Named", "LLZO", " ",
                         "labelled as", "referred to as", "hereafter", "abbreviated"])
    )
)  # fmt: skip
def test_fast_paths_definition_cue_matches_regex(words):
    text = " ".join(words)
    expected = abbreviations.DEFINITION_CUE_RE.search(text) is not None
    assert abbreviations.has_definition_cue(text) is expected


# made once: a blank pipeline per example took longer than hypothesis' deadline on a busy machine
_TEN_WORDS = spacy.blank("en")("one two three four five six seven eight nine ten")


@settings(deadline=None)  # spacy.blank per example: no timing belongs in a test (STYLE.md)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 6), st.integers(1, 4))))
def test_fast_paths_longest_matches_is_filter_spans(triples):
    doc = _TEN_WORDS
    matches = [(label, start, start + length) for label, start, length in triples]
    spans = [Span(doc, start, end, label=label) for label, start, end in matches]
    expected = [(s.label_, s.start, s.end) for s in filter_spans(spans)]
    assert longest_matches(matches) == expected


MATERIAL_WORDS = st.lists(
    st.sampled_from(["LLZO", "Li-ion", "doped", "Doped", "co-doped", "Ge", "B", "S", "LiF",
                     "Li7La3Zr2O12", "LiOH·H2O", "(", ")", ".", ",", "-", "Ga", "However", "Étude",
                     "TiO", "2", "Li2CO3.", "c-LLZO", "Al3+", "ZnO:Al", "substituted", "x",
                     "Li0.3La0.5TiO3"]),
    max_size=10,
)  # fmt: skip
_NLP = spacy.blank("en")
_NLP.tokenizer = make_tokenizer(_NLP)


def _every_candidate(doc):
    """``material_words.candidates`` without the per-word screen: every capitalised word's token
    and every token after a hyphen within a word."""
    text = doc.text
    starts = [
        m.start()
        for m in re.finditer(r"[A-Z](?<![\w+/][A-Z])[\w().{}+\-−]*", text)
        if not (m.group()[1:].islower() and m.group()[1:].isalpha())
    ]
    starts += [m.end() for m in re.finditer(r"(?<=[\w)])[-−](?=[A-Z])", text)]  # "Li2O-Al2O3"
    if "doped" in text or "substituted" in text:
        starts += [m.start(1) for m in material_words.ELEMENT_HOST_RE.finditer(text)]
    indices = sorted({material_words.token_at(doc, start) for start in starts})
    return [doc[i] for i in indices if i >= 0]


@given(MATERIAL_WORDS, st.sampled_from([" ", ""]))
def test_fast_paths_formula_screen_keeps_every_formula(words, joiner):
    doc = _NLP(joiner.join(words))
    recognizer = materials.MaterialRecognizer(_NLP, "llzo_material")
    fast = recognizer._formulas(doc, {})
    original = material_words.candidates
    material_words.candidates = _every_candidate
    try:
        slow = recognizer._formulas(doc, {})
    finally:
        material_words.candidates = original
    assert fast == slow


@given(st.lists(st.tuples(st.integers(0, 8), st.integers(1, 4)), max_size=6))
def test_fast_paths_longest_without_overlap_keeps_all_in_order(pairs):
    found = [materials.Candidate(start, start + length, "other") for start, length in pairs]
    taken: set[int] = set()
    kept = []
    for n in sorted(range(len(found)), key=lambda n: (found[n].start - found[n].end, n)):
        if not taken.intersection(range(found[n].start, found[n].end)):
            kept.append(found[n])
            taken.update(range(found[n].start, found[n].end))
    assert materials._longest(found) == sorted(kept, key=lambda c: c.start)


@given(st.lists(st.sampled_from(["Ga-doped", "İSTANBUL", "ΣΑΣ", "\u212a", "LLZO", "  ", "Al3+",
                                 "\n", "doped", "(", "With", "Ta5+"]), max_size=8))  # fmt: skip
def test_fast_paths_token_texts_and_lowers_are_spacys(words):
    doc = _NLP(" ".join(words))
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert doc_lower(doc) == doc.text.lower()


@given(
    st.lists(
        st.sampled_from(["a", ".", ";", "?", " ", "  ", "\n", "B", "(", "[", "x"]), max_size=12
    )
)
def test_fast_paths_sentence_bounds_are_the_lookbehind_regexs(chars):
    text = "".join(chars)
    bounds, start = [], 0
    for match in re.finditer(r"(?<=[.;!?])\s+(?=[A-Z(\[])", text):
        bounds.append((start, match.start()))
        start = match.end()
    assert quantities._sentences(text) == [*bounds, (start, len(text))]


@given(
    st.lists(st.sampled_from(["1.2", "LLZO", ".", "S", "cm^-1", "Fig.", "etc.", "at", "25"]),
             max_size=10),
    st.integers(0, 12),
    st.integers(0, 12),
)  # fmt: skip
def test_fast_paths_sentence_break_test_is_the_token_loop(words, start, end):
    doc = _NLP(" ".join(words))
    start, end = min(start, len(doc)), min(end, len(doc))
    expected = any(doc[i].text == "." for i in range(start, end))
    assert properties._broken(doc, start, end) is expected


LOOKBEHIND_FIRST = [  # the patterns as they were, with the lookbehind in front
    (
        rf"(?<![\w.])([xyzδ])\s?=\s?({NUMBER})(?!\s?[–~-]\s?\d|\d|\.\d)",
        materials.VARIABLE_VALUE_RE,
    ),
    (
        r"(?<![\w:])([A-Z][a-z]?):[A-Z][a-z]?\b(?![:\d])(?!\s(?:ratio|molar))",
        materials.ELEMENT_COLON_RE,
    ),
    (
        rf"(?<![\w.])([xyzδ])\s?=\s?(?P<low>{NUMBER})(?:\s?[–-]\s?(?P<high>{NUMBER}))?",
        dopants.VARIABLE_RE,
    ),
]


@given(
    st.lists(st.sampled_from(["x", "y", "δ", "=", " ", "0.25", "–", "0.5", "Ga", ":", "Al", "B",
                              "ratio", ".", "a", "Ge:B", "2x = 1"]), max_size=10),
    st.sampled_from(LOOKBEHIND_FIRST),
)  # fmt: skip
def test_fast_paths_patterns_consuming_first_match_as_before(words, patterns):
    old, new = patterns
    text = "".join(words)
    expected = [(m.span(), m.groups()) for m in re.finditer(old, text)]
    assert [(m.span(), m.groups()) for m in new.finditer(text)] == expected


DOPING_WORDS = st.lists(
    st.tuples(
        st.sampled_from(
            ["doped", "doping", "co-doping", "Co-doping", "codoping", "ZnO:Al", "Ga:", "in",
             "into", "with", "containing", "at", "on", "dopant", "dopants", "replacing",
             "substitutes", "occupy", "introduced", "embedded", "substitution", "the", "LLZO",
             "Ga3+", "films", "In", "With", "AT"]
        ),
        st.sampled_from(["", "doped"]),
    ),
    min_size=1,
    max_size=8,
)  # fmt: skip


@given(DOPING_WORDS)
def test_fast_paths_may_open_is_true_of_every_word_a_phrasing_cues(pairs):
    from miner.doping.lexicon import Word
    from miner.doping.phrasings import PHRASINGS, may_open
    from miner.doping.slots import Reader

    words, pos = [], 0
    for text, marker in pairs:
        words.append(Word(text, pos, pos + len(text), marker))
        pos += len(text) + 1
    reader = Reader(" ".join(t for t, _ in pairs), words)
    for i, word in enumerate(words):
        low = word.text.lower()
        if any(entry.cue(reader, i, low) for entry in PHRASINGS):
            assert may_open(word, low)


CHUNKS = st.lists(
    st.sampled_from(
        ["Co-doping", "Co-doped", "ZnO", "with", "WITH", "Into", "of", "by", "and", "or", "&", ",",
         "Al", "Er", "3+", "Nb-,", "Al-,", "Ta-doped", "Ga-doped", "(Ba,Sr)TiO3", "in", "on", "at",
         "doped", "films", "nanorods", "Li7La3Zr2O12", "5%Mn-doped", "TiO3thin", "Fe-", "withal"]
    ),
    max_size=14,
)  # fmt: skip


_CHEMISTRY_NLP = spacy.blank("en")
_CHEMISTRY_NLP.tokenizer = make_tokenizer(_CHEMISTRY_NLP)


@given(CHUNKS, st.sampled_from([" ", "  ", "\n"]))
def test_fast_paths_doping_words_read_the_next_chunk_as_the_plain_loop(chunks, gap):
    """``doc_words`` passes a next chunk the cutting never asks about as "" (one cache entry per
    chunk) and takes a chunk that is one word whole: the words are the plain loop's."""
    from miner.doping import words as doping_words
    from miner.doping.lexicon import Word

    doc = _CHEMISTRY_NLP(gap.join(chunks))
    text = doc.text
    spans = doping_words.chunks(doc)
    texts = [text[s:e] for s, e in spans]
    plain: list[Word] = []
    for n, (start, _) in enumerate(spans):
        following = texts[n + 1].lower() if n + 1 < len(texts) else ""
        later = tuple(texts[n + 2 : n + 6]) if "Co" in texts[n] else ()
        plain += [
            Word(w.text, w.start + start, w.end + start, w.marker)
            for w in doping_words._chunk_words(texts[n], following, later)
        ]
    assert doping_words.doc_words(doc) == doping_words._charges_joined(plain, text)
