"""Words of a Doc that are formulas, ions or elements: what the material and dopant recognisers
read a word as, and which tokens they look at.

- ``read_formula_token``: the formula a token stands for (a general formula keeps its
  variables), or None ("LLZO", "SSEs", "Erx" are none);
- ``element_of``: the element and charge an ion, symbol or name stands for ("Ga3+", "aluminium");
- ``candidates``: the tokens that may be formulas, found by regexes over the text (ordinary words
  never become Token objects);
- ``colon_dopants``: the elements a colon attaches to a host ("ZnO:Al", "Dy:YAG");
- ``SYSTEM_RE`` and ``system_parts``: compositions written as parts in molar amounts
  ("70Li2S–30P2S5", "xLi2O–0.25Al2O3–1.5GeO2", "Al2O3–TiO2 ceramics").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from miner.chemistry.elements import ELEMENT_NAMES, ELEMENTS, charge
from miner.chemistry.formula import Formula, variables
from miner.tokenizer import TOKEN_RE, doc_text, token_at

DOPED_WORDS = frozenset(
    {"doped", "codoped", "co-doped", "substituted", "stabilized", "stabilised", "incorporated",
     "containing", "modified"}
)  # fmt: skip
# "modified LiCoO2 (M-LCO)", "coated NCM811": what follows is a derivative of the formula
CHANGED_WORDS = frozenset(
    {"modified", "coated", "treated", "decorated", "functionalized", "functionalised",
     "passivated", "engineered", "wrapped", "surface-modified", "surface-coated"}
)  # fmt: skip
MULTI_PREFIXES = frozenset({"co", "tri", "dual", "double", "triple", "multi"})  # "Al/Ga co-doped"
JOINERS = frozenset({"/", ",", "and", "-", "–", "+", "&"})
_WORD_CHARS = r"[\w().{}+\-−]"
CANDIDATE_RE = re.compile(rf"[A-Z](?<![\w+][A-Z])(?![a-z]+(?!{_WORD_CHARS})){_WORD_CHARS}*")
ELEMENT_HOST_RE = re.compile(r"(?:doped|substituted)\s([A-Z][a-z]?)\b")
ANIONS = frozenset({"F", "Cl", "Br", "I", "H"})  # their "X-" is a charge
ION_RE = re.compile(r"([A-Z][a-z]?)(\d*)([+\-−])")
_SAMPLE_LABEL = re.compile(r"(.*\d)-\d{2,4}")  # a formula, a hyphen and a sample number
# a formula after a hyphen within a word ("Li2O-Al2O3"): a candidate of its own
_AFTER_HYPHEN = re.compile(r"(?<=[\w)])[-−](?=[A-Z])")
# the molar amount before a part of a system: "70", "0.25", "x", "2x", "(1-x)", "(100−x)"
_AMOUNT = r"(?:\d+(?:\.\d+)?|\d*[xyz]|\(\s*\d+(?:\.\d+)?\s*[-−–]\s*\d*[xyz]\s*\))"
_PART = rf"{_AMOUNT}?[A-Z][A-Za-z0-9.]*"
# what a system written with spaces alone is ("Al2O3 TiO2 mixed ceramics": a PDF lost the dash)
_SYSTEM_NOUN = r"(?:(?:mixed|binary|ternary|pseudo-binary)\s)?(?:glass|ceramic|system|mixture)"
# parts joined by dashes or dots, or by spaces where a system's noun follows
SYSTEM_RE = re.compile(
    rf"(?<![\w.+\-−–/])(?:{_PART}(?:\s?[-−–·]\s?{_PART})+(?![\w/])"
    rf"|{_PART}(?:\s{_PART})+(?=\s{_SYSTEM_NOUN}))"
)
_PART_RE = re.compile(rf"({_AMOUNT})?([A-Z][A-Za-z0-9.]*)")


@dataclass(frozen=True)
class FormulaToken:
    formula: str | None  # None for a general formula whose variables are not given
    general: frozenset[str]
    balanced: bool | None


@lru_cache(maxsize=65536)
def read_formula_token(text: str) -> FormulaToken | None:
    """The formula a token stands for, or None when it is not a material formula."""
    if len(text) < 2 or not ("A" <= text[0] <= "Z") or text[-1] in "+-−":
        return None
    if text.isupper() and not any(ch.isdigit() for ch in text):
        return None
    if text[-1] == "s" and text[:-1].isupper():  # "SSEs", "CSEs": plural abbreviations, not Es
        return None
    label = _SAMPLE_LABEL.fullmatch(text)
    if label:  # "Li3YCl6-500": a sample of that composition (made at 500 °C, batch 12...)
        return read_formula_token(label.group(1))
    if TOKEN_RE.fullmatch(text) is None:
        return None
    general = variables(text)
    if general:  # "Erx" is an element with an amount, not a material
        return FormulaToken(None, general, None) if sum(map(str.isupper, text)) >= 2 else None
    try:
        formula = Formula.parse(text)
    except ValueError:
        return None
    if len(formula.elements) < 2:
        return None
    return FormulaToken(formula.normalized, general, formula.charge_balanced())


def system_parts(text: str) -> tuple[str, ...] | None:
    """The formulas of a system's parts ("70Li2S–30P2S5" -> Li2S, P2S5), or None when one part
    is no formula (of two elements or more) or the parts are not two or more."""
    parts = []
    for match in _PART_RE.finditer(text):
        info = read_formula_token(match.group(2))
        if info is None or info.formula is None:
            return None
        parts.append(info.formula)
    return tuple(parts) if len(parts) >= 2 else None


@lru_cache(maxsize=65536)
def element_of(text: str) -> tuple[str, int | None] | None:
    """("Ga", 3) for "Ga3+", ("Al", None) for "Al" or "aluminium", None otherwise."""
    if text in ELEMENTS:
        return text, None
    match = ION_RE.fullmatch(text)
    if match and match.group(1) in ELEMENTS:
        if match.group(3) in "-−" and not match.group(2) and match.group(1) not in ANIONS:
            return match.group(1), None  # "Fe-" in "Fe- or Mo-doped" is a hyphen, not a charge
        return match.group(1), charge(match.group(2) + match.group(3))
    symbol = ELEMENT_NAMES.get(text.lower())
    return (symbol, None) if symbol else None


def candidates(doc: Doc) -> list[Token]:
    """Tokens that may be formulas or the host of "B-doped Ge": a capital followed somewhere by
    a digit or a second capital, or an element right after a doping word. Regexes over the text
    find them, so ordinary words never become Token objects."""
    text = doc_text(doc)
    starts = []
    for match in CANDIDATE_RE.finditer(text):
        word = match.group()
        rest = word[1:]
        if rest.islower() and rest.isalpha():  # "However"
            continue
        if "-" in word or "−" in word:
            starts += [match.start() + h.end() for h in _AFTER_HYPHEN.finditer(word)]
        end = match.end()
        if (end == len(text) or text[end].isspace()) and not may_start_formula(word):
            # the token starting here lies within the word (no token holds a space), so it
            # is one of the word's prefixes: none is a formula, and an element prefix counts
            # only after a doping word ("B-doped Ge")
            if not (starts_with_element(word) and after_doped_word(text, match.start())):
                continue
        starts.append(match.start())
    if "doped" in text or "substituted" in text:
        starts += [m.start(1) for m in ELEMENT_HOST_RE.finditer(text)]
    indices = sorted({token_at(doc, start) for start in starts})
    return [doc[i] for i in indices if i >= 0]


@lru_cache(maxsize=65536)
def may_start_formula(word: str) -> bool:
    """Whether a prefix of ``word`` reads as a formula token (cached per word, like spaCy's
    tokenizer cache: "LLZO", "Li-ion" and "Society." are asked once per run)."""
    return any(read_formula_token(word[:n]) is not None for n in range(2, len(word) + 1))


def starts_with_element(word: str) -> bool:
    return word[:1] in ELEMENTS or word[:2] in ELEMENTS


DOPED_ENDINGS = tuple(DOPED_WORDS)


def after_doped_word(text: str, start: int) -> bool:
    """Whether the text before ``start`` (and at most one space) ends with a doping word, as
    the token before an element host must be."""
    before = text[max(0, start - 14) : start]
    if before.endswith(" "):
        before = before[:-1]
    return before.lower().endswith(DOPED_ENDINGS)


def cut_subscript(doc: Doc, i: int) -> bool:
    """ "TiO 2 nanorods": a formula token followed by a lone subscript digit."""
    if i + 1 >= len(doc) or not doc[i].whitespace_:
        return False
    nxt = doc[i + 1]
    return (
        len(nxt.text) == 1
        and nxt.text in "23456789"
        and doc[i].text[-1].isalpha()
        and (i + 2 >= len(doc) or not doc[i + 2].like_num)
    )


def colon_dopants(doc: Doc, start: int, end: int) -> list[tuple[int, str, int | None]]:
    """(token index, element, charge) of the elements a colon attaches to the host
    ``doc[start:end]``: "ZnO:Al", "ZnS:Ag:Co", "NaYF4: 20% Er3+", "SrLa(1-x)MgTaO6:Erx" after
    it; "Dy:YAG", "Dy:Er:YAG" before it (laser-crystal notation puts the dopant first)."""
    found: list[tuple[int, str, int | None]] = []
    if ":" not in doc_text(doc):
        return found
    k = end
    while k + 1 < len(doc) and doc[k].text == ":" and not (k == end and doc[k - 1].whitespace_):
        m = k + 1
        while m + 1 < len(doc) and (doc[m].like_num or doc[m].text == "%"):
            m += 1
        element = element_of(doc[m].text.rstrip("xyzδ0123456789."))
        if element is None:
            break
        found.append((m, *element))
        k = m + 1
    k = start
    while k >= 2 and doc[k - 1].text == ":" and not doc[k - 2].whitespace_:
        element = element_of(doc[k - 2].text)
        if doc[k - 1].whitespace_ or element is None:
            break
        found.insert(0, (k - 2, *element))
        k -= 2
    return found
