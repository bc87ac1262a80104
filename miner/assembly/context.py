"""What carries from one sentence to the next (``Context``) and how a sentence changes it.

The subject (the material a sentence opening with "It" is about), the paragraph's topic (its
last garnet, which a sentence without a material of its own is about before any other), the
document's last garnet, the study being described (its author-marker keys and methods), the
previous sentence's last keys and list of materials, the section's methods; the abbreviations
a cited study defined in the paragraph, and those whose study definition has lapsed
(``identity.scoped_definitions``); the paragraph's last cell (what a cell's value belongs to
when the sentence names none) and the document's focus (the first material it names: its
title's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from miner.assembly.mention import Mention, Sources
from miner.chemistry.family import names_garnet
from miner.chemistry.formula import Formula

MAX_PARAGRAPH = 20  # compositions of the paragraph kept for "the Ga-doped sample"


@dataclass(frozen=True)
class Context:
    """What carries from one sentence to the next (see the module docstring)."""

    subject: Mention | None = None
    distance: int = 0  # sentences since the subject was last named
    topic: Mention | None = None  # the last garnet material named in the paragraph
    study_refs: tuple[str, ...] = ()
    study_methods: tuple[str, ...] = ()
    previous_refs: tuple[str, ...] = ()
    section_methods: tuple[str, ...] = ()
    previous_this_method: bool = False
    paragraph: tuple[Mention, ...] = ()  # compositions named earlier in the paragraph
    previous_formulas: tuple[str, ...] = ()  # compositions the previous sentence named
    garnet: Mention | None = None  # the last garnet material named in the document
    series: tuple[Mention, ...] = ()  # the previous sentence's list of materials
    cell: Mention | None = None  # the last cell named in the paragraph
    focus: Mention | None = None  # the document's focus: the first material it names (title)
    study_definitions: tuple[str, ...] = ()  # abbreviations a cited study defined here
    lapsed: tuple[str, ...] = ()  # abbreviations whose study definition no longer holds

    def next_paragraph(self) -> Context:
        """The context at a paragraph break: the paragraph's topic, study and compositions end;
        a subject that is no garnet (lithium metal, a polymer) stays in its paragraph, and the
        document's last garnet is carried instead."""
        subject = self.subject
        if subject is not None and not subject.garnet:
            subject = self.garnet
        return replace(
            self,
            subject=subject,
            lapsed=tuple(dict.fromkeys((*self.lapsed, *self.study_definitions))),
            study_definitions=(),
            topic=None,
            paragraph=(),
            study_refs=(),
            study_methods=(),
            previous_refs=(),
            previous_this_method=False,
            series=(),
            cell=None,
        )

    def defining(self, abbreviations: tuple[str, ...], cited: bool) -> Context:
        """The context after a sentence that defines ``abbreviations``: a definition holds
        again; one a cited study made (``cited``) holds to the paragraph's end."""
        if not abbreviations:
            return self
        return replace(
            self,
            lapsed=tuple(a for a in self.lapsed if a not in abbreviations),
            study_definitions=tuple(
                dict.fromkeys((*self.study_definitions, *(abbreviations if cited else ())))
            ),
        )

    def after(
        self,
        main: list[Mention],
        last_material: Mention | None,
        src: Sources,
        runs: list[list[Mention]],
        cells: list[Mention] | tuple[Mention, ...] = (),
    ) -> Context:
        """The context for the next sentence, after one whose main materials are ``main`` and
        whose last fact was about ``last_material``. A method the sentence states ("X was made
        by SSR") is a fact of that sentence (GOLD_FORMAT: "tied to this fact in the same
        sentence"); only one in the material's name ("sol-gel derived LLZO") goes with the
        material into later sentences."""
        # a liquid electrolyte is compared with, never carried as what later sentences are about
        subject = next(
            (m for m in (*main, last_material) if m is not None and not _LIQUID.search(m.text)),
            None,
        )
        study_refs, study_methods = self.study_refs, self.study_methods
        if src.author_keys:
            study_refs, study_methods = src.author_keys, src.methods
        elif src.citations:
            study_refs, study_methods = (), ()
        main = [m.carried() for m in main]
        subject = subject.carried() if subject else None
        last_refs = src.citations[-1][1] if src.citations else ()
        return replace(
            self,
            subject=subject or self.subject,
            topic=_topic(main) or self.topic,
            distance=0 if subject else self.distance + 1,
            study_refs=study_refs,
            study_methods=study_methods,
            previous_refs=last_refs or (src.carried_refs if src.continues else ()),
            previous_this_method=src.this_method,
            paragraph=(*self.paragraph, *(m for m in main if m.formula))[-MAX_PARAGRAPH:],
            previous_formulas=tuple(m.formula for m in main if m.formula),
            garnet=next((m for m in reversed(main) if m.garnet), self.garnet),
            series=tuple(m.carried() for m in runs[0]) if runs and main else (),
            cell=cells[-1].carried() if cells else self.cell,
            focus=_focus(self.focus, main),
        )


# a class of materials named in words ("halide electrolytes", "garnet solid electrolytes")
_CLASS_WORDS = re.compile(r"[A-Za-z][a-z]+(?:[ -][a-z]+)*")
_FOCUS_FAMILIES = frozenset({"garnet", "other"})  # what a paper is about: an electrolyte
_CONDUCTING = frozenset({"Li", "Na"})
# a liquid electrolyte is the baseline a solid-electrolyte paper compares with: never its focus
# nor the subject later sentences carry
# ("lithium-ion batteries with organic liquid electrolytes" in an introduction's first sentence)
_LIQUID = re.compile(r"\bliquid\b", re.I)


def _focus(focus: Mention | None, main: list[Mention]) -> Mention | None:
    """The document's focus after a sentence naming ``main``: the first material it names
    (its title's), unless that is a class named in words ("A wet-chemistry synthesis of halide
    electrolytes"): then the first composition the text names, of that class when the words
    name a garnet, stands for it ("Li3YCl6 was made ...")."""
    if focus is None:
        return next((m for m in main if not _LIQUID.search(m.text)), None)
    if focus.formula or focus.dopants or not _CLASS_WORDS.fullmatch(focus.text):
        return focus
    garnet = names_garnet(focus.text)
    named = (m for m in main if _electrolyte(m) and (m.garnet or not garnet))
    return next(named, focus)


def _electrolyte(m: Mention) -> bool:
    """A composition that can be a paper's electrolyte: a Li or Na compound of three elements or
    more, no helper phase, electrode, salt or polymer ("Li3YCl6", not "H2S" or "LiNi0.6...O2")."""
    if not m.formula or m.secondary or m.family not in _FOCUS_FAMILIES:
        return False
    try:
        elements = dict(Formula.parse(m.formula).amounts)
    except ValueError:
        return False
    return len(elements) >= 3 and bool(_CONDUCTING & set(elements))


def _topic(main: list[Mention]) -> Mention | None:
    """The sentence's last garnet, one with a composition or dopants before a bare family word
    ("Li6.4Fe0.2La3Zr2O12 ..., one of the best for a singly doped garnet")."""
    garnets = [m for m in reversed(main) if m.garnet]
    return next((m for m in garnets if m.formula or m.dopants), garnets[0] if garnets else None)
