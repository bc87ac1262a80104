"""Candidate generation for linking: the materials each value rule proposes for a value, and
the features of each candidate that do not depend on one phrasing.

The seam: this module says who may own a value and why, as numbers; how the numbers are
weighed is ``miner.assembly.link_choice``, so the rules can grow without touching the scorer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from miner.assembly.identity import host
from miner.assembly.link_rules import VALUE_RULES
from miner.assembly.mention import POSSESSIVE, THAN, Mention, Value
from miner.assembly.roles import cell_of
from miner.chemistry.elements import ELEMENTS
from miner.chemistry.formula import Formula
from miner.property_specs import subject_of

MAX_REACH = 2000  # characters between a value and a material it can belong to
MAX_TRIED = 20  # materials tried per value
FOR_OF_REACH = 80  # characters between a value and the material "for"/"of" names
PRODUCT_REACH = 150  # characters between a value and the product "to give X" names
NEAR_SCALE = 60.0  # characters over which the closeness feature falls to 1/e
ELECTRODES = ("cathode", "anode")  # families whose interface value is their cell's

_THICK = re.compile(r"\s*[-‐]?\s*thick\s+(?:(?:the|a|an)\s+)?", re.I)
# "Cu film", "Pd cathode", "Li foil": a metal layer written by its symbol
_METAL_LAYER = re.compile(
    r"([A-Z][a-z]?)(?:\s+(?:metal\s+)?(?:films?|foils?|layers?|coatings?|cathodes?|anodes?|"
    r"electrodes?|current[- ]collectors?))",
)
# "an Al2O3 layer", "a LiNbO3 coating": the word after a material that makes it a layer
_LAYER_AFTER = re.compile(r"\s*[-‐]?\s*(?:inter)?(?:layers?|coatings?|films?|shells?)\b", re.I)
_FOR_OF_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:(?:was|were|is|are|has been|have been)\s+)?(?:obtained|measured|achieved|"
    r"reported|found|determined|observed|recorded|calculated|predicted|realized|realised|"
    r"delivered)\s+)?(?:for|of|in)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?"
    r"(?:[\w-]+\s*,\s+)?$",  # "for a sintered body, X"
    re.I,
)
# "replacing some of the Sb ions in X by W": X is the parent of the material the sentence is about
_PARENT_BEFORE = re.compile(
    r"\b(?:replac\w*|substitut\w*|dop(?:ing|ed)|partial(?:ly)?)\b[^,;.()]{0,60}?\b(?:in|of|into)\s+"
    r"(?:the\s+)?(?:parent\s+|pristine\s+|host\s+)?$",
    re.I,
)
# "sintered at 1230 °C for 10 h ... to give X pellets": X is what the process made
_PRODUCT_BEFORE = re.compile(
    r"\b(?:to (?:give|yield|obtain|form|produce)|yield(?:ed|ing|s)?|giving|gave|resulting in)\s+"
    r"(?:(?:the|a|an|final|desired|dense|pure|cubic|single-phase|phase-pure)\s+){0,2}$",
    re.I,
)
# "a 20 µm thick Cu foil", "100 nm thick current collectors": a size of a cell's part
_CELL_PART = re.compile(
    r"\s*[-‐]?\s*(?:thick\s*)?(?:(?!and\b|or\b)[\w-]+\s*){0,2}?"
    r"(?:foils?|current[- ]?collectors?|CCs?\b|casings?|spacers?)",
    re.I,
)
# "By constructing this multifunctional layer, ... a CCD of V": a critical current density
# across an interlayer is the cell's the interlayer sits in
_INTERLAYER = re.compile(
    r"\b(?:inter-?layers?|interphases?|(?:buffer|interfacial|modification|multifunctional|"
    r"protective|artificial|alloy|lithiophilic)\s+(?:inter)?layers?)\b",
    re.I,
)
_BARE_CELL = re.compile(r"(?:cells?|batter(?:y|ies))", re.I)
_DEMONSTRATIVE = re.compile(r"\b(?:these|those|this|that|such|the same)\s+$", re.I)
# where one clause ends and another begins: a value rarely belongs across one
_CLAUSE_BREAK = re.compile(
    r";|:|\.\s|,\s*(?:while|whereas|but|and then|which|where)\b|\b(?:than|whereas|while)\b", re.I
)
# a bare class word: no material of its own when the sentence names one more exactly
_GENERIC = re.compile(
    r"^(?:the\s+)?(?:(?:garnet|NASICON|LISICON|thio-LISICON|perovskite|anti-?perovskite|argyrodite)"
    r"(?:-type)?(?:\s+(?:oxides?|electrolytes?|materials?|phases?|ceramics?|conductors?))?|"
    r"(?:solid|ceramic|oxide|inorganic|sulfide|halide)(?:[- ]state)?\s+electrolytes?|"
    r"electrolytes?|SSEs?|SEs?|ceramics?|oxides?|samples?|materials?)$",
    re.I,
)

# between a class word and the material that names it exactly: "-type ", ", with the formula of ",
# "-type Li-ion electrolytes based on cubic ", "-type ceramic of the chemical formula "; never
# across a conjunction or a comparison ("garnet and Li6PS5Cl", "garnet than LATP")
_APPOSITION_WORD = r"(?:(?!(?:and|or|than|versus|vs|to|from|but|while|whereas)\b)[\w-]+\s+)"
_APPOSITION = re.compile(
    rf"(?:-type|-based)?\s*{_APPOSITION_WORD}{{0,3}}?(?:,?\s*(?:based\s+on\s+|(?:with|of)\s+the\s+"
    r"(?:chemical\s+)?(?:formula|composition)\s+(?:of\s+)?|namely\s+|i\.e\.,?\s+|of\s+))?"
    r"(?:(?:cubic|tetragonal|the)\s+)?|\s*\(\s*",
    re.I,
)


# "lower than that of the undoped phase (0.41 eV)", "compared to LATP (0.3 mS cm^-1; ...)": a
# value opening a parenthesis (or the next item in it) right after a compared phrase
_COMPARED_BRACKET = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|relative\s+to|unlike)\s+"
    r"(?:(?:that|those)\s+(?:of|for|in)\s+)?(?P<phrase>[^()]{1,80}?)\s*\(\s*(?:[^()]*;\s*)?$",
    re.I,
)
# a compared phrase that names the parent of the sentence's doped material
_UNDOPED = re.compile(r"\b(?:undoped|un-doped|pristine|unmodified|parent|bare)\b", re.I)
COMPARED_REACH = 160  # characters before a value its compared phrase may start


@dataclass(frozen=True)
class Candidate:
    """A material a value may belong to, the value rules that propose it (in ``LINK_RULES``
    order) and its features."""

    mention: Mention
    rules: tuple[str, ...]
    features: dict[str, float]

    @property
    def rule(self) -> str:
        return self.rules[0]


@dataclass(frozen=True)
class Setting:
    """What the sentence offers a value beyond its own materials."""

    carried: Mention | None = None  # the subject from before the sentence is about
    cells: tuple[Mention, ...] = ()  # the cells the sentence names
    carried_cell: Mention | None = None  # the document's last cell
    focus: Mention | None = None  # the document's focus material (its title's)


def candidates(
    text: str, v: Value, main: list[Mention], mentions: list[Mention], setting: Setting
) -> list[Candidate]:
    """The candidates of ``v``: every mention a value rule proposes, with its features."""
    proposals = proposed(text, v, main, mentions, setting)
    by_mention: dict[int, tuple[Mention, list[str]]] = {}
    for mention, rule in proposals:
        by_mention.setdefault(id(mention), (mention, []))[1].append(rule)
    subject = main[0] if main else None
    kind = value_kind(v, setting, text)
    here = {id(m) for m in (*mentions, *setting.cells)}
    out = []
    for mention, rules in by_mention.values():
        ordered = tuple(sorted(set(rules), key=VALUE_RULES.index))
        inside = id(mention) in here
        out.append(
            Candidate(
                mention,
                ordered,
                features(text, v, mention, ordered, kind, subject, setting, inside),
            )
        )
    return out


def proposed(
    text: str, v: Value, main: list[Mention], mentions: list[Mention], setting: Setting
) -> list[tuple[Mention, str]]:
    """(mention, rule) for each value rule that proposes a material for ``v``."""
    found: list[tuple[Mention, str]] = []
    kind = value_kind(v, setting, text)
    compared = _compared_owner(text, v, main, setting)
    if compared is not None:
        found.append((compared, "compared"))
    after = next(
        (
            m
            for m in main
            if 0 <= m.start - v.end <= FOR_OF_REACH and _FOR_OF_AFTER.match(text[v.end : m.start])
        ),
        None,
    )
    after = after or _thick_of(text, v, main, mentions)
    if after is not None:
        found.append((after, "for-of"))
    # "The powder was sintered at 1230 °C to give X": X, when no material came before
    product = next(
        (
            m
            for m in main
            if main[0].start >= v.end
            and 0 <= m.start - v.end <= PRODUCT_REACH
            and ";" not in text[v.end : m.start]
            and _PRODUCT_BEFORE.search(text[v.end : m.start])
        ),
        None,
    )
    if product is not None:
        found.append((product, "product"))
    # materials before the value, nearest first / first in the sentence; bounded so that a
    # pathological sentence (thousands of mentions) stays linear
    before = [m for m in main if m.end <= v.start and v.start - m.end <= MAX_REACH]
    before = [m for m in before if not _parent(text, m, main)]
    nearest = next((m for m in reversed(before[-MAX_TRIED:]) if not _enclosed(text, m, v)), None)
    first = next((m for m in before[:MAX_TRIED] if not _enclosed(text, m, v)), None)
    first = _named_exactly(text, first, before) if first is not None else None
    if (
        nearest is not None
        and first is not None
        and first is not nearest
        and POSSESSIVE.search(text[nearest.end : v.start])
    ):
        found.append((first, "its-subject"))
    if nearest is not None:
        found.append((nearest, "nearest-left"))
    if setting.carried is not None:
        found.append((setting.carried, "carried"))
    # a material after "than" is what the value is compared with ("σ of V for the electrolyte
    # is higher than that of LGPS"), not what it is of
    right = [m for m in main if m.start >= v.end and not _compared(text, v, m)]
    if right:
        found.append((right[0], "nearest-right"))
    # a process setting is never a reagent's or a helper phase's ("mixing the precursor with
    # Li2CO3 and heating to 900 °C"): it is the product's, or nobody's
    others = [m for m in mentions if not _compared(text, v, m)]
    if others and kind != "product":
        found.append((min(others, key=lambda m: abs(m.start - v.start)), "secondary"))
    # a sentence that names no material and carries none ("The prepared electrolyte showed
    # 2 × 10^-4 S cm^-1"): the document's focus, the material its title names
    if not found and setting.focus is not None:
        found.append((setting.focus, "focus"))
    if kind == "product":
        # "the heat treatment (up to 500 °C) ... reducing the LLZO/Li interfacial resistance":
        # an interface is made by no process; its electrolyte was treated
        found = [(_electrolyte_of(m), rule) for m, rule in found]
    if kind == "cell":
        found += _cell_proposals(text, v, found, setting)
    elif kind == "interface" and found:
        # an electrode alone has no interfacial resistance: "62 Ω cm2 ... for LiCoO2 with a
        # lithium anode" is the cell's it was measured in
        first = min(found, key=lambda p: VALUE_RULES.index(p[1]))[0]
        if first.family in ELECTRODES:
            found.append((cell_of(first), "cell-made"))
    return found


def _thick_of(text: str, v: Value, main: list[Mention], mentions: list[Mention]) -> Mention | None:
    """ "a 200 nm thick Pd cathode", "20 µm-thick LLZO films": a thickness is of the layer
    named right after "thick" -- a material of the sentence, or a metal named by its symbol,
    which the recognisers leave alone (an element is a dopant more often than a material);
    "a 10 nm Al2O3 layer": of the coating or layer named right after the value, though a
    helper phase owns no other value."""
    if v.property != "thickness":
        return None
    thick = _THICK.match(text, v.end)
    if thick is None:
        layer = next(
            (m for m in mentions if m.start >= v.end and not text[v.end : m.start].strip(" -‐")),
            None,
        )
        if layer is not None and _LAYER_AFTER.match(text, layer.end):
            return layer
        return None
    named = next((m for m in main if m.start == thick.end()), None)
    if named is not None:
        return named
    metal = _METAL_LAYER.match(text, thick.end())
    if metal is None or metal.group(1) not in ELEMENTS:
        return None
    return Mention(metal.group(0), thick.end(), metal.end(), formula=metal.group(1))


def _electrolyte_of(m: Mention) -> Mention:
    """An interface's electrolyte part as a material of its own (the interface's formula and
    dopants are its garnet part's already); any other material as it is."""
    if m.family != "interface":
        return m
    part = next((c for c in m.components if c.role == "electrolyte"), None)
    if part is None:
        return m
    return replace(m, text=part.material.text, parts=1, components=(), assembly=None)


def _demonstrative(text: str, cell: Mention) -> bool:
    """The cell is named only by a cell word after "these", "the same"...: one named before."""
    return bool(_BARE_CELL.fullmatch(cell.text)) and bool(
        _DEMONSTRATIVE.search(text, 0, cell.start)
    )


def value_kind(v: Value, setting: Setting, text: str = "") -> str:
    """What ``v`` is of: its property's subject (``properties.toml``); "named-cell": a cell's
    where the sentence names the cell before the value ("Li/Li cells using X deliver ... a
    critical current density of V") or an interlayer ("By constructing this multifunctional
    layer, ... a CCD of V"), the material's otherwise -- a cell named sentences before, or
    after the value ("..., and enables Li||LFP cells"), is often one the material was tested
    in afterwards. A thickness of a cell's part ("20 µm thick Cu foil", "current collector")
    is the cell's."""
    kind = subject_of(v.property)
    if kind == "named-cell":
        named = any(c.end <= v.start for c in setting.cells) or _INTERLAYER.search(text)
        return "cell" if named else "material"
    if v.property == "thickness" and _CELL_PART.match(text, v.end):
        return "cell"
    return kind


def _cell_proposals(
    text: str, v: Value, found: list[tuple[Mention, str]], setting: Setting
) -> list[tuple[Mention, str]]:
    """A cell's value: the cells the sentence names (the nearest before the value first), else
    the document's last cell -- also when the sentence names cells only as "these cells" --,
    else a cell of the material the other rules found first."""
    named = [c for c in setting.cells if not _demonstrative(text, c)]
    if setting.cells and not named and setting.carried_cell is not None:
        return [(setting.carried_cell, "cell-carried")]
    if setting.cells:
        before = [c for c in setting.cells if c.start < v.start]
        after = [c for c in setting.cells if c.start >= v.start]
        return [(c, "cell") for c in (*reversed(before), *after)]
    if setting.carried_cell is not None:
        return [(setting.carried_cell, "cell-carried")]
    materials = sorted(found, key=lambda p: VALUE_RULES.index(p[1]))
    return [(cell_of(materials[0][0]), "cell-made")] if materials else []


def features(
    text: str,
    v: Value,
    m: Mention,
    rules: tuple[str, ...],
    kind: str,
    subject: Mention | None,
    setting: Setting,
    inside: bool,
) -> dict[str, float]:
    """What may tell the right material for ``v``, as numbers (see the module docstring);
    ``inside``: the mention is one of the sentence's."""
    out = {f"rule:{r}": 1.0 for r in rules}
    family = m.family
    own = family if family in ("cell", "interface", "composite") else "material"
    out[f"kind:{kind}-{'cell' if own == 'cell' else 'material'}"] = 1.0
    out[f"family:{kind}-{own}"] = 1.0
    if inside:
        gap = text[m.end : v.start] if m.end <= v.start else text[v.end : m.start]
        out["near"] = math.exp(-len(gap) / NEAR_SCALE)
        out["left"] = float(m.end <= v.start)
        out["clauses"] = min(3, len(_CLAUSE_BREAK.findall(gap))) / 3
        out["parenthesis"] = float(m.end <= v.start and gap.strip() in ("(", "of (", "= ", "="))
    else:
        out["outside"] = 1.0
    out["subject"] = float(m is subject)
    focus = setting.focus
    out["focus"] = float(
        focus is not None and (m.formula or m.text) == (focus.formula or focus.text)
    )
    out["specific"] = float(bool(m.formula or m.dopants))
    out["generic"] = float(bool(_GENERIC.match(m.text)))
    out["garnet"] = float(m.garnet)
    out["helper"] = float(m.secondary)
    out["bias"] = 1.0
    return out


def _parent(text: str, m: Mention, main: list[Mention]) -> bool:
    """``m`` is the parent of a substitution ("replacing Sb in Na3SbS4 by W") and the sentence
    names the composition made from it (one with all its elements and more)."""
    if not m.formula or not _PARENT_BEFORE.search(text, max(0, m.start - 100), m.start):
        return False
    own = _elements(m.formula)
    return any(o is not m and o.formula and own < _elements(o.formula) for o in main)


def _compared_owner(text: str, v: Value, main: list[Mention], setting: Setting) -> Mention | None:
    """The material a value in brackets after a compared phrase is of: the material the phrase
    names, or, for "the undoped (tetragonal) phase", "the pristine sample", the undoped host of
    the doped material named before it; None when the phrase names neither (the other rules
    then link the value)."""
    match = _COMPARED_BRACKET.search(text, max(0, v.start - COMPARED_REACH), v.start)
    if match is None:
        return None
    start, end = match.span("phrase")
    named = [m for m in main if m.start >= start and m.end <= end]
    if named:
        return named[-1]
    if not _UNDOPED.search(match.group("phrase")):
        return None
    doped = [m for m in main if m.end <= match.start() and m.dopants]
    if not doped and setting.carried is not None and setting.carried.dopants:
        doped = [setting.carried]
    parent = host(doped[-1]) if doped else None
    if parent is None:
        return None
    return Mention(match.group("phrase"), start, end, formula=parent.formula)


def _compared(text: str, v: Value, m: Mention) -> bool:
    """``m`` comes after a "than" that follows the value: the material compared with."""
    return m.start >= v.end and THAN.search(text, v.end, m.start) is not None


def _elements(formula: str) -> frozenset[str]:
    try:
        return frozenset(e for e, _ in Formula.parse(formula).amounts)
    except ValueError:
        return frozenset()


def _named_exactly(text: str, m: Mention, before: list[Mention]) -> Mention:
    """A class word named more exactly right after it ("Garnet-type Li7-xLa3Zr2-xTaxO12",
    "garnet-type oxide, with the formula of Li7La3Zr2O12"): the exact material."""
    if m.formula or m.dopants or not _GENERIC.match(m.text):
        return m
    after = next((o for o in before if o.start >= m.end), None)
    if after is None or not (after.formula or after.dopants or after.garnet):
        return m
    return after if _APPOSITION.fullmatch(text[m.end : after.start]) else m


def _enclosed(text: str, mention: Mention, value: Value) -> bool:
    """The mention sits in a parenthesis closed before the value ("(LLZO > LATP), and ... V")."""
    depth = 0
    for ch in text[mention.end : value.start]:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return True
    return False
