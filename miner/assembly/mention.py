"""The plain values the assembly steps pass along: a material ``Mention``, a ``Value`` read from a
QUANTITY span, a ``Link`` between them, the sentence's ``Citations``, and the few text patterns
more than one step reads.

All offsets are character offsets in the sentence text; ``extract`` makes them absolute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from miner.chemistry.family import classify, formula_is_garnet, names_garnet
from miner.chemistry.formula import normalize_formula, variables
from miner.records import Component, Dopant

Citations = Sequence[tuple[int, tuple[str, ...]]]  # (offset in the sentence, keys) per marker
Method = tuple[int, int, str]  # (start, end, canonical name) of a METHOD span

# "A (0.5 μm), B and C": materials joined by commas or a conjunction, a parenthesis allowed
COORDINATED = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|,?\s*and|,?\s*or)\s*", re.I)
NUMBER = r"\d*\.?\d+"
# "V1 and V2, respectively", "the corresponding values": a list aligned with another
RESPECTIVELY = re.compile(r"\b(?:respectively|corresponding)\b", re.I)
POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.I)  # a value of a material named before
THAN = re.compile(r"\bthan\b")  # what follows is compared with, not described
# a generic word that stands for a material named elsewhere ("the Ga-doped sample")
GENERIC_HOST = re.compile(
    r"(?:the\s+)?(?:samples?|systems?|materials?|electrolytes?|pellets?|ceramics?|films?|"
    r"powders?|membranes?|compounds?|structures?|garnets?|phases?|specimens?|ones?|"
    r"counterparts?|analogues?|analogs?|references?|controls?)",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A material as written in a sentence, with what the sentence says about it."""

    text: str
    start: int = -1
    end: int = -1
    formula: str | None = None
    kind: str | None = None
    dopant_elements: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()  # methods bound to the mention ("LLZO prepared by SSR")
    name_methods: tuple[str, ...] = ()  # those in its name ("sol-gel derived LLZO")
    secondary: bool = False  # an additive, coating or sintering aid, not the material measured
    dopants: tuple[Dopant, ...] = ()
    flags: tuple[str, ...] = ()
    dopant_confidence: float = 1.0
    parts: int = 1  # the materials a composite or cell written with slashes joins
    host_text: str | None = None  # the host as written ("LLZO" in "Ga-doped LLZO")
    named_dopants: tuple[str, ...] = ()  # the dopants its name stands for ("LLZTO": Ta)
    defined_as: str | None = None  # the document's own expansion of the abbreviation
    components: tuple[Component, ...] = ()  # the parts of a composite, cell or interface
    # the family of a material of parts: "composite", "cell", "interface", or "garnet" for a
    # garnet ceramic with an additive ("Li7La3Zr2O12-8 wt.% Li3BO3")
    assembly: str | None = None

    @property
    def garnet(self) -> bool:
        """The mention is about a garnet: its composition is one, or (without a formula) its
        name names one (``miner.chemistry.family``); a composite, cell or interface is none."""
        if self.assembly:
            return False
        if self.formula:
            return formula_is_garnet(self.formula)
        return names_garnet(self.text)

    @property
    def family(self) -> str:
        """The material family (``miner.chemistry.family``) of what the mention names."""
        if self.assembly:
            return self.assembly
        # "S-LRMO", defined as a modified Li1.2Mn0.54Co0.13Ni0.13O2: the family of what it
        # was defined as, though it keeps no formula of its own
        defined = normalize_formula(self.defined_as) if self.defined_as else None
        return classify(self.text, self.formula or defined, self.parts)

    def carried(self) -> Mention:
        """The mention as a later sentence sees it: only the methods in its name go with it
        ("sol-gel derived LLZO"); one the sentence stated is a fact of that sentence."""
        return replace(self, methods=self.name_methods)

    def composition(self, of: Mention) -> Mention:
        """This mention standing for the composition ``of`` names."""
        return replace(
            self,
            formula=of.formula,
            dopants=of.dopants,
            flags=of.flags,
            dopant_confidence=of.dopant_confidence,
        )


@dataclass(frozen=True)
class Value:
    """A QUANTITY span read into plain data."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    raw: str
    comparator: str | None
    property: str | None
    temperature_C: float | None
    rt: bool
    note: str | None = None  # "before"/"after" for the two ends of a change
    uncertainty: float | None = None
    basis: str | None = None  # "target" or "general" when the text says so (``measures``)
    conduction: str | None = None  # bulk, grain_boundary or total, where stated
    treatment: str | None = None  # what made a change, for its two ends


@dataclass(frozen=True)
class Sources:
    """What the sentence says about where its facts come from."""

    citations: Citations  # its markers, in text order
    author_keys: tuple[str, ...]  # keys after an author phrase: the study the sentence reports
    unbound: list[tuple[int, str]]  # methods bound to no material: (offset, name)
    methods: tuple[str, ...]  # those methods' names
    continues: bool  # no markers of its own and about the material of the sentence before
    this_method: bool  # "this method", "the same approach"
    carried_refs: tuple[str, ...]  # the keys it takes from the study it continues
    carried_methods: tuple[str, ...]  # the methods it takes when it names none


class Link(NamedTuple):
    """The material a value belongs to, the linking rule that chose it and its confidence."""

    mention: Mention | None
    rule: str
    confidence: float


def concrete(formula: str | None) -> str | None:
    """The normalised formula, or None for no formula or a general one ("SrLa(1-x)MgTaO6")."""
    return normalize_formula(formula) if formula else None


def general_formula(text: str) -> tuple[str, str] | None:
    """The general formula written in a mention ("Ta-doped Li7-xLa3Zr2-xTaxO12") and its one
    variable, or None."""
    for word in reversed(text.split()):
        names = variables(word)
        if len(names) == 1 and normalize_formula(word, dict.fromkeys(names, 0.1)):
            return word, next(iter(names))
    return None


def main_mentions(mentions: list[Mention]) -> list[Mention]:
    """The mentions that can be what a value is of: no additive, coating or reagent."""
    return [m for m in mentions if not m.secondary]
