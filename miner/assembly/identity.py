"""Step: what a material mention is in the fact record -- its identity (DESIGN.md, records v2).

- A doped material names its host beside its dopants: "Ga-doped LLZO" and "Ga-doped
  Li7La3Zr2O12" are Li7La3Zr2O12 with Ga (key ``Li7La3Zr2O12|Ga@Li:?``), an undefined "LLZTO"
  is Li7La3Zr2O12 with Ta of unknown amount and no formula of its own, "Li6.25Ga0.25La3Zr2O12"
  keeps its composition and names Li7La3Zr2O12 as its host, "Nb-substituted TiO2" and "ZnO:Al"
  name TiO2 and ZnO. A formula that lacks a dopant is the host's, not the material's.
- A garnet's host is the parent of the garnet frame when the host is written as a family name
  ("LLZO", "garnet") or a general formula ("Li7La3Zr2-xO12"), else the host as written.
- A composite or cell (``miner.assembly.composites``) is its parts: no formula and no dopants
  of its own, its components name them; an interface keeps its electrolyte's formula and
  dopants ("Li/LLZTO interface"), its key is its parts'.
- A bare family name ("the LLZO pellets"; "this garnet" is a reference back, ``references``)
  in a paragraph about one composition, in a sentence that cites no other study and names no
  composition of its own, is that composition ("Li6.25Ga0.25La3Zr2O12 was made by sol-gel.
  The LLZO pellets showed ..."): ``family_names``.
- An abbreviation the document defined carries the definition (``defined_as``) while the
  definition holds: one made in the document's own voice holds to its end; one made in a
  sentence that reports a cited study ("Li and co-workers^[121] prepared the
  Li6.4La3Zr1.4Ta0.6O12 (LLZTO) electrolyte") holds in its paragraph only -- after it,
  "LLZTO" is the doped family again (Ta of unknown amount, no formula), as an abbreviation the
  document never defined is (``scoped_definitions``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from miner.abbreviations import as_abbreviation
from miner.assembly.mention import Mention
from miner.chemistry.formula import normalize_formula
from miner.chemistry.garnet import PARENT_FORMULA, is_llzo_derived, parse_formula
from miner.records import Dopant, Host, Material, formula_holds

PARENT_NAME = "LLZO"  # how a host that is the garnet frame's parent is named in the record
# "Li6.4La3Zr1.4Ta0.6O12 (LLZTO)": the abbreviation a material is given right after it
_DEFINED_AFTER = re.compile(r"\s*\(\s*([^()\s,;]{2,20})\s*\)")


def host(mention: Mention) -> Host | None:
    """The undoped parent of a doped mention (None for an undoped one or a material of parts)."""
    if mention.components:
        return None
    return host_of(mention.family, mention.formula, mention.dopants, mention.host_text)


def host_of(
    family: str, formula: str | None, dopants: Sequence[Dopant], written: str | None = None
) -> Host | None:
    """The host of a material of ``family`` with ``formula`` (or None) and ``dopants``, its
    host ``written`` in the text when it is ("LLZO" in "Ga-doped LLZO")."""
    if not dopants:
        return None
    if family == "garnet":
        if written:
            host_formula = normalize_formula(written)
            if host_formula and not is_llzo_derived(parse_formula(host_formula)):
                return Host(written, host_formula)  # "Ga-doped Li7Nd3Zr2O12"
            return Host(written if host_formula else PARENT_NAME, PARENT_FORMULA)
        if formula is None or is_llzo_derived(parse_formula(formula)):
            return Host(PARENT_NAME, PARENT_FORMULA)
        return None
    if written:
        return Host(written, normalize_formula(written))
    if formula and not formula_holds(formula, dopants):
        return Host(formula, formula)  # "ZnO films doped with Al"
    return None


def own_formula(mention: Mention) -> str | None:
    """The material's own formula: none for a composite or cell (an interface keeps its
    electrolyte's), none when the formula given lacks a dopant (it is the host's)."""
    if (mention.components and mention.family != "interface") or not mention.formula:
        return None
    if mention.dopants and not formula_holds(mention.formula, mention.dopants):
        return None
    return mention.formula


def material(mention: Mention) -> Material:
    """The record's material for a mention."""
    return Material(
        mention.text,
        own_formula(mention),
        family=mention.family,
        host=host(mention),
        components=mention.components,
        defined_as=mention.defined_as,
    )


def defined_here(text: str, mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The abbreviations the sentence defines for its compositions ("... (LLZTO)")."""
    out = []
    for m in mentions:
        found = _DEFINED_AFTER.match(text, m.end) if m.formula else None
        abbreviation = as_abbreviation(found.group(1)) if found else None
        if abbreviation:
            out.append(abbreviation)
    return tuple(out)


def scoped_definitions(mentions: list[Mention], lapsed: Sequence[str]) -> list[Mention]:
    """The mentions with the definitions that no longer hold (``lapsed``) taken back: the
    abbreviation is its doped family -- the dopants it was defined with, of unknown amount,
    evidence "abbreviation" -- with no formula and no definition."""
    out = []
    for m in mentions:
        if m.defined_as is None or m.text not in lapsed:
            out.append(m)
            continue
        dopants = tuple(
            replace(d, amount=None, evidence="abbreviation", text=d.element) for d in m.dopants
        )
        out.append(
            replace(
                m,
                formula=None,
                defined_as=None,
                dopants=dopants,
                named_dopants=tuple(d.element for d in dopants),
                flags=(),
                dopant_confidence=1.0,
            )
        )
    return out


FAMILY_NAMES = ("LLZO", "LLZ", "c-LLZO", "cubic LLZO")  # names of the family, no composition


# "undoped LLZO", "pristine LLZO": the parent itself; "In comparison, ...", "than LLZO": another
_PARENT_BEFORE = re.compile(
    r"\b(?:undoped|un-doped|pristine|pure|bare|unmodified|parent|conventional|ordinary|"
    r"tetragonal|cubic|typical)\s+$",
    re.I,
)
_CONTRAST = re.compile(
    r"\b(?:compar\w*|contrast|than|whereas|while|unlike|versus|vs\.?|other|others|general(?:ly)?|"
    r"typical(?:ly)?|usually|often)\b",
    re.I,
)
PARENT_REACH = 20  # characters before a mention its "undoped" may stand in


def family_names(
    text: str,
    mentions: list[Mention],
    topic: Mention | None,
    cites: tuple[str, ...],
    study: tuple[str, ...],
) -> list[Mention]:
    """The mentions with a bare family name read as the paragraph's composition ``topic`` when
    the sentence names no composition of its own, cites (``cites``) no study but the one being
    described (``study``), compares nothing and does not call it undoped or pristine."""
    if (
        topic is None
        or not topic.formula
        or not topic.garnet
        or any(m.formula for m in mentions)
        or (cites and set(cites) != set(study))
        or _CONTRAST.search(text)
    ):
        return mentions
    return [
        m.composition(topic)
        if m.text in FAMILY_NAMES
        and not m.dopants
        and not m.secondary
        and m.defined_as is None
        and not _PARENT_BEFORE.search(text, max(0, m.start - PARENT_REACH), max(0, m.start))
        else m
        for m in mentions
    ]
