"""Declared vocabularies (``miner/data/*.toml``) turned into spaCy phrase matchers.

One place for what every table-driven recogniser needs (the tables themselves are read by
``miner.data.load_table``): spelling variants of a phrase (a hyphen printed as an en dash or a
space), and a case-insensitive matcher for phrases next to a case-sensitive one for
abbreviations ("SPS" must not match "sps", "FAST" must not match "fast").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


def variants(phrase: str) -> set[str]:
    """A phrase as papers print it: "sol-gel", "sol–gel", "sol gel"."""
    if "-" not in phrase:
        return {phrase}
    return {phrase, phrase.replace("-", "–"), phrase.replace("-", "—"), phrase.replace("-", " ")}


class VocabularyMatcher:
    """Phrases (any case, with variants) and abbreviations (exact case) -> labelled matches."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._make_doc = nlp.make_doc
        self._strings = nlp.vocab.strings
        self.labels: dict[int, str] = {}  # match id -> label

    def add(self, label: str, phrases: Iterable[str], abbreviations: Iterable[str] = ()) -> None:
        self.labels[self._strings.add(label)] = label
        lowered = sorted({v.lower() for p in phrases for v in variants(p)})
        if lowered:
            self.phrases.add(label, [self._make_doc(p) for p in lowered])
        exact = sorted(set(abbreviations))
        if exact:
            self.abbreviations.add(label, [self._make_doc(a) for a in exact])

    def __call__(self, doc: Doc) -> list[Match]:
        """The longest match at each place, as (label, start, end): Spans would be made only
        to be filtered and remade with the component's own label."""
        labels = self.labels
        matches = [
            (labels[key], start, end)
            for matcher in (self.phrases, self.abbreviations)
            for key, start, end in matcher(doc)
        ]
        return longest_matches(matches)


Match = tuple[str, int, int]  # (label, start token, end token)


def longest_matches(matches: list[Match]) -> list[Match]:
    """spaCy's ``filter_spans`` for (label, start, end) tuples, with the same choices: the
    longest wins, then the later start, then the earlier in the list; kept in text order."""
    if len(matches) < 2:  # most sentences hold no or one match
        return matches
    ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    kept = []
    seen: set[int] = set()
    for match in ordered:
        if match[1] not in seen and match[2] - 1 not in seen:
            kept.append(match)
            seen.update(range(match[1], match[2]))
    return sorted(kept, key=lambda m: m[1])
