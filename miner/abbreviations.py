"""Abbreviations a document defines for its materials: "Li6.4Al0.2La3Zr2O12 (LLZAO)",
"..., denoted as LALZO-4", "labelled LLZ-Ga", "hereafter LGLZO".

The ``Abbreviations`` table is learned by the material recogniser in text order and read back
from then on; ``defined_abbreviation`` finds the definition after a material, ``abbreviation``
tells an abbreviation from a formula ("Ceria (CeO2)" defines nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc

from miner.material_words import read_formula_token
from miner.tokenizer import doc_text

DEFINING_WORDS = ("denoted as", "denoted", "labeled as", "labelled as", "labeled", "labelled",
                  "named", "abbreviated as", "hereafter", "referred to as", "termed")  # fmt: skip
_PAREN_CUE = r"\((?=[A-Za-z][\w+-]*[A-Z])"
DEFINITION_CUE_RE = re.compile("|".join([_PAREN_CUE, *DEFINING_WORDS]))
PAREN_CUE_RE = re.compile(_PAREN_CUE)
DEFINING_STEMS = ("denoted", "label", "named", "abbreviated", "hereafter", "referred", "termed")
DEFINED_AFTER_RES = {word: re.compile(rf"\b{word}\s+(\S+)") for word in DEFINING_WORDS}
ABBREVIATION_RE = re.compile(r"[A-Za-z][A-Za-z0-9+]*(?:-[A-Za-z0-9+]+)*")


class Definition(NamedTuple):
    """What a document defines an abbreviation as: the material as written ("Nb-doped LLZO",
    "Li6.4La3Zr1.4Nb0.6O12"; None once the definition no longer holds), its formula when it
    names one composition, and the dopant elements its name states."""

    meaning: str | None
    formula: str | None
    dopants: tuple[str, ...] = ()


@dataclass
class Abbreviations:
    """Abbreviations a document defines: abbreviation -> ``Definition``."""

    entries: dict[str, Definition] = field(default_factory=dict)
    _pattern: tuple[int, re.Pattern[str] | None] = field(
        default=(0, None), repr=False, compare=False
    )

    def learn(
        self, abbreviation: str, meaning: str, formula: str | None, dopants: tuple[str, ...] = ()
    ) -> None:
        known = self.entries.get(abbreviation)
        if known is None or known.meaning is None:  # a definition that lapsed can be made again
            self.entries[abbreviation] = Definition(meaning, formula, tuple(dopants))

    def lapse(self, abbreviations: list[str]) -> None:
        """The definitions of ``abbreviations`` no longer hold (they were made for one cited
        study): the name stands for its doped family again -- the dopant elements of what it
        was defined as, with no composition and no definition."""
        from miner.chemistry.garnet import infer_dopants

        for abbreviation in abbreviations:
            known = self.entries.get(abbreviation)
            if known is None or known.meaning is None:
                continue
            dopants = list(known.dopants)
            if known.formula:
                try:
                    dopants += [d.element for d in infer_dopants(known.formula).dopants]
                except ValueError:
                    pass
            self.entries[abbreviation] = Definition(None, None, tuple(dict.fromkeys(dopants)))

    def pattern(self) -> re.Pattern[str] | None:
        """One regex for every abbreviation, longest first, rebuilt when the table grew."""
        if self._pattern[0] != len(self.entries):
            names = sorted(self.entries, key=len, reverse=True)
            alternatives = "|".join(re.escape(n) for n in names)
            compiled = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if names else None
            self._pattern = (len(self.entries), compiled)
        return self._pattern[1]

    def get(self, abbreviation: str) -> Definition | None:
        return self.entries.get(abbreviation)

    def as_dict(self) -> dict[str, str | None]:
        return {abbr: definition.formula for abbr, definition in self.entries.items()}


def has_definition_cue(text: str) -> bool:
    """``DEFINITION_CUE_RE.search(text)``, split in its two halves: the "(" branch alone starts
    with a literal, which the regex engine scans for in C, and the words are tested as
    substrings, after the few stems that every one of them holds."""
    if PAREN_CUE_RE.search(text) is not None:
        return True
    return any(stem in text for stem in DEFINING_STEMS) and any(w in text for w in DEFINING_WORDS)


def defined_abbreviation(doc: Doc, end: int) -> tuple[str, tuple[int, int]] | None:
    """ "Li6.4Al0.2La3Zr2O12 (LLZAO)" or "..., denoted as LALZO-4" after the material ending at
    token ``end`` -> the abbreviation and where its definition stands (token start, end)."""
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    if not DEFINITION_CUE_RE.search(doc_text(doc), end_char, end_char + 80):
        return None
    if end + 2 < len(doc) and doc[end].text == "(":
        close = next(
            (k for k in range(end + 1, min(end + 6, len(doc))) if doc[k].text == ")"), None
        )
        if close is not None and close > end + 1:
            abbreviation = as_abbreviation(doc[end + 1 : close].text)
            return (abbreviation, (end + 1, close)) if abbreviation else None
    window = doc[end : min(end + 12, len(doc))]
    window_text = window.text
    for word, pattern in DEFINED_AFTER_RES.items():
        found = pattern.search(window_text) if word in window_text else None
        if found:
            abbreviation = as_abbreviation(found.group(1).rstrip(".,;:)"))
            start = window.start_char + found.start(1)
            place = doc.char_span(start, start + len(abbreviation or ""), alignment_mode="expand")
            return (abbreviation, (place.start, place.end)) if abbreviation and place else None
    return None


def as_abbreviation(text: str) -> str | None:
    """An abbreviation, never a formula: "Ceria (CeO2)" defines nothing."""
    text = text.strip()
    if (
        ABBREVIATION_RE.fullmatch(text)
        and sum(ch.isupper() for ch in text) >= 2
        and read_formula_token(text) is None
    ):
        return text
    return None
