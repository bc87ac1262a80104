"""Declared vocabularies (``miner/data/*.toml``) turned into spaCy phrase matchers.

One place for what every table-driven recogniser needs: reading a table with errors that name the
file, spelling variants of a phrase (a hyphen printed as an en dash or a space), and a
case-insensitive matcher for phrases next to a case-sensitive one for abbreviations ("SPS" must
not match "sps", "FAST" must not match "fast").
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=16)
def load_table(path: Path) -> dict[str, dict]:
    """A TOML table of the package (or a user's file of the same shape)."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"Invalid vocabulary file {path}: {err}") from err


def variants(phrase: str) -> set[str]:
    """A phrase as papers print it: "sol-gel", "sol–gel", "sol gel"."""
    if "-" not in phrase:
        return {phrase}
    return {phrase, phrase.replace("-", "–"), phrase.replace("-", "—"), phrase.replace("-", " ")}


class VocabularyMatcher:
    """Phrases (any case, with variants) and abbreviations (exact case) -> labelled spans."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._make_doc = nlp.make_doc

    def add(self, label: str, phrases: Iterable[str], abbreviations: Iterable[str] = ()) -> None:
        lowered = sorted({v.lower() for p in phrases for v in variants(p)})
        if lowered:
            self.phrases.add(label, [self._make_doc(p) for p in lowered])
        exact = sorted(set(abbreviations))
        if exact:
            self.abbreviations.add(label, [self._make_doc(a) for a in exact])

    def __call__(self, doc: Doc) -> list[Span]:
        """The longest match at each place, labelled."""
        spans = [
            *self.phrases(doc, as_spans=True),
            *self.abbreviations(doc, as_spans=True),
        ]
        return longest_spans(spans)


def longest_spans(spans: list[Span]) -> list[Span]:
    """spaCy's ``filter_spans``, without its two sorts when there is nothing to choose from
    (most sentences hold no or one match)."""
    return filter_spans(spans) if len(spans) > 1 else spans
