"""The one material-family classification: what kind of material a name or formula stands for.

Families (DESIGN.md, fact records v2): garnet, composite, polymer, salt, cathode, anode, cell,
interface, other. The miner decides a material's family here once and the graph stores that
decision (``graph/`` classifies nothing).

The reading, first rule that applies:

1. structure: "interface"/"interlayer" -> interface; a cell or battery word, a "|" stack or three
   joined parts ("Li/LLZO/Li") -> cell; two joined parts one of which is lithium metal or an
   electrode ("Li/LLZO", "LLZO/cathode") -> interface; "composite"/"hybrid" or two joined parts
   -> composite;
2. a formula: a Li garnet (``garnet.is_garnet``) -> garnet; a formula the named materials of
   ``miner/data/materials.toml`` declare (LiCoO2 -> cathode, LiPF6 -> salt, Li -> anode); a
   lithium oxide of Ni, Mn or Co (LiNi0.6Mn0.2Co0.2O2, Li-rich Li1.2Mn0.54Co0.13Ni0.13O2) ->
   cathode;
3. a name the named materials declare, written in the text ("Ga-doped LLZO" -> garnet, "PEO" ->
   polymer), the longest first; then garnet words ("garnet", "LLZ...", "Li...La...Zr...");
4. else other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, get_args

from miner.chemistry.formula import Formula
from miner.chemistry.garnet import is_garnet
from miner.data import DATA, load_table

Family = Literal[
    "garnet", "composite", "polymer", "salt", "cathode", "anode", "cell", "interface", "other"
]
FAMILIES: tuple[str, ...] = get_args(Family)
MATERIALS = DATA / "materials.toml"

_INTERFACE = re.compile(r"\b(?:interfaces?|interlayers?|interphases?)\b", re.I)
_CELL = re.compile(
    r"(?i:\b(?:cells?|batter(?:y|ies))\b)|\||"
    r"(?<![\w-])(?:A?SS(?:LM|LI|L|S|N)?Bs?|LIBs?|SIBs?|LMBs?|LSBs?)\b"
)
_COMPOSITE = re.compile(r"\b(?:composites?|hybrids?|CSEs?|CPEs?)\b", re.I)
# a part that makes two joined parts an interface: lithium metal or an electrode
_INTERFACE_PART = re.compile(
    r"(?:Li|lithium|Li metal|lithium metal|electrodes?|cathodes?|anodes?)", re.I
)
_JOIN = re.compile(r"[/|@]")
# a garnet named in words or an LLZO-like formula written into a longer name
GARNET_WORDS = re.compile(r"LLZ|garnet|Li\S*La\S*Zr", re.I)


@lru_cache(maxsize=1)
def _declared() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The named materials' families: by formula, and by name as a pattern (abbreviations in
    exact case, phrases in any), longest name first."""
    by_formula: dict[str, str] = {}
    names: list[tuple[str, bool, str]] = []
    for entry in load_table(MATERIALS).values():
        family = entry.get("family", "other")
        if family not in FAMILIES:
            raise ValueError(f"Invalid {family=} in {MATERIALS}")
        if entry.get("formula"):
            by_formula.setdefault(Formula.parse(entry["formula"]).normalized, family)
        names += [(a, True, family) for a in entry.get("abbreviations", ())]
        names += [(p, False, family) for p in entry.get("phrases", ())]
    names.sort(key=lambda n: -len(n[0]))
    patterns = [
        (re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w])", 0 if exact else re.I), family)
        for n, exact, family in names
    ]
    return by_formula, patterns


def formula_is_garnet(formula: str) -> bool:
    """A concrete formula of a Li garnet (False for anything that is no formula)."""
    try:
        return is_garnet(dict(Formula.parse(formula).amounts))
    except ValueError:
        return False


def names_garnet(text: str) -> bool:
    """The text names a garnet: a garnet family name or word ("Ga-doped LLZO", "this garnet")."""
    return _named_family(text) == "garnet" or bool(GARNET_WORDS.search(text))


def _named_family(text: str) -> str | None:
    for pattern, family in _declared()[1]:
        if pattern.search(text):
            return family
    return None


# a lithium oxide of these redox-active metals is an intercalation cathode (layered, Li-rich,
# spinel, olivine: LiNi0.6Mn0.2Co0.2O2, Li1.2Mn0.54Co0.13Ni0.13O2, LiMn1.5Ni0.5O4) ...
_CATHODE_METALS = frozenset({"Ni", "Mn", "Co"})
# ... with at most these dopants or polyanion formers beside them
_CATHODE_EXTRAS = frozenset({"Al", "Mg", "Ti", "Fe", "P", "F", "Nb", "W", "B", "Zr"})


def _lithium_metal_oxide(formula: str) -> bool:
    try:
        elements = set(dict(Formula.parse(formula).amounts))
    except ValueError:
        return False
    return (
        {"Li", "O"} <= elements
        and bool(elements & _CATHODE_METALS)
        and elements - {"Li", "O"} <= _CATHODE_METALS | _CATHODE_EXTRAS
    )


@lru_cache(maxsize=65536)
def classify(text: str, formula: str | None = None, parts: int = 1) -> str:
    """The family of a material written ``text`` (its formula ``formula`` when known), built
    from ``parts`` materials joined by "/" or "|" (see the module docstring)."""
    if _INTERFACE.search(text):
        return "interface"
    if _CELL.search(text) or parts >= 3:
        return "cell"
    if parts == 2 and any(_INTERFACE_PART.fullmatch(p.strip()) for p in _JOIN.split(text)):
        return "interface"
    if _COMPOSITE.search(text) or parts == 2:
        return "composite"
    if formula:
        if formula_is_garnet(formula):
            return "garnet"
        try:
            normalized = Formula.parse(formula).normalized
        except ValueError:
            normalized = formula
        declared = _declared()[0].get(normalized)
        if declared is not None:
            return declared
        if _lithium_metal_oxide(formula):
            return "cathode"
    named = _named_family(text)
    if named is not None:
        return named
    return "garnet" if GARNET_WORDS.search(text) else "other"
