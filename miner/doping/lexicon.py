"""What the doping reader knows about single words: the word lists (declared in
``miner/data/doping.toml``), the elements a dopant word can name, and the word classes (element,
ion, formula, acronym, host head, chemical name) the phrasings are written in.

Every test here is linear in the word's length: the reader is handed whatever a PDF converter
made of a text, including words of tens of thousands of characters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from miner.chemistry.elements import ATOMIC_NUMBERS, charge
from miner.chemistry.elements import ELEMENT_NAMES as ALL_NAMES
from miner.data import DATA, load_table

_LISTS = {name: frozenset(words) for name, words in load_table(DATA / "doping.toml").items()}

ELEMENTAL_HOSTS = _LISTS["elemental_hosts"]
GROUP_WORDS = _LISTS["group_words"]
VALENCE_WORDS = _LISTS["valence_words"]
FORM_WORDS = _LISTS["form_words"]
GENERIC_HOSTS = _LISTS["generic_hosts"]
NOT_HOSTS = _LISTS["not_hosts"]
VERBS = _LISTS["verbs"]
ANION_WORDS = _LISTS["anion_words"]
DOPANT_FILLERS = _LISTS["dopant_fillers"]
DOPANT_KINDS = _LISTS["dopant_kinds"]
GROUP_NOUNS = _LISTS["group_nouns"]
CLAUSE_OPENERS = _LISTS["clause_openers"]
MEANS = _LISTS["means"]
QUALIFIERS = _LISTS["qualifiers"]
AS_VERBS = _LISTS["as_verbs"]
ACTION_NOUNS = _LISTS["action_nouns"]
ION_NOUNS = _LISTS["ion_nouns"]
DOPING_NOUNS = _LISTS["doping_nouns"]
STOP_WORDS = _LISTS["stop_words"]
INTENSITY = _LISTS["intensity"]
DETERMINERS = _LISTS["determiners"]
ADVERBS = _LISTS["adverbs"]
NON_MATERIAL_ACRONYMS = _LISTS["non_material_acronyms"]
CUES = _LISTS["cues"]
JOINERS = frozenset(["and", "or", ","])

# the elements a dopant word can name: up to curium (Z = 96); the symbols past it ("No", "Es",
# "Ds") are English words or abbreviations far more often than dopants
MAX_DOPANT_Z = 96
SYMBOLS = frozenset(s for s, z in ATOMIC_NUMBERS.items() if z <= MAX_DOPANT_Z)
ELEMENT_NAMES: dict[str, str] = {n: s for n, s in ALL_NAMES.items() if s in SYMBOLS}

DOPE_MARKER = (
    r"(?:co-?|tri-?|single-?|double-?|dual-?|δ-?)?(?:doped|doping|substituted|incorporated"
    r"|containing|codoped|activated)"
)
DOPE_MARKER_RE = re.compile(DOPE_MARKER, re.I)
# "Y2O3-stabilized zirconia", "Ta-stabilized LLZO": only glued to the stabilizer
HYPHEN_MARKER = re.compile(rf"^(.+?)-({DOPE_MARKER}|stabilized|stabilised)$", re.I)
DOPING_WORD = re.compile(r"(?:co|tri|dual)-?doping")
_FORMULA_PART = re.compile(r"(?:[A-Z][a-z]?|\(|\)|\[|\]|[0-9.]+|[xyzδ±−+\-,/·]|[a-z](?=[)\]]))")
_FORMULA_PREFIX = re.compile(r"^(?:[αβγδεθ]|[a-z]{1,2}|\d+(?:\.\d+)?)-?(?=[A-Z(\[])")
_CAPITAL_ACRONYM = re.compile(r"\(?[A-Z]{3,}\)?s?")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
# "20%Yb", "5mol%Eu", "xEu2+": an amount written onto the dopant
LEADING_AMOUNT = re.compile(r"^(?:\d+(?:\.\d+)?(?:mol|at|wt)?\.?%|[xyz](?=[A-Z]))")
ION = re.compile(r"^([A-Z][a-z]?)( ?\d*[+-]|\d*x|\d+(?:\.\d+)?)?$")
AMOUNT = re.compile(r"[\d.×x~≈–\-]+%?|mol\.?%|at\.?%|wt\.?%|%")
# a plain word that names a chemical ("tetracene", "benzene", "cerium nitrate"), not "single"
CHEMICAL_WORD = re.compile(r"[a-z][a-z\-]*(?:ene|ine|ide|ate|ite|ium|ol|one|ane|yl|acid)s?")
# a word that can only qualify a noun: a host phrase keeps the noun after it
ADJECTIVE = re.compile(r"[a-z\-]{3,}(?:ous|ic|ical|ive|ary)")
_SYSTEMATIC_NAME = re.compile(r"[a-z][a-z0-9,\-]*[\[(][A-Za-z0-9,\-]+[\])][a-z0-9\-]*")
_WORDLIKE = re.compile(r"[A-Za-z][A-Za-z\-]*")
_SYMBOL_IN = re.compile(r"[A-Z][a-z]?")
_NAME = re.compile(r"[a-z]{4,}")  # "sapphire", "glass"
_SUFFIX = re.compile(r"-[a-z]+$")


class Word(NamedTuple):
    """A word of a sentence as the doping reader reads it (offsets in the sentence's text)."""

    text: str
    start: int
    end: int
    marker: str = ""  # "doped" when the word is a doping marker ("doped" of "A-doped")


def element_of(word: str) -> str | None:
    """The element a dopant word names: "Er3+" -> Er, "erbium" -> Er, "Erx" -> Er."""
    m = ION.match(word)
    if m and m.group(1) in SYMBOLS:
        return m.group(1)
    return ELEMENT_NAMES.get(word.lower().rstrip("-"))


def is_formula(word: str) -> bool:
    core = _FORMULA_PREFIX.sub("", word)
    if not core or core[0] not in "([" and not core[0].isupper():
        return False
    if _CAPITAL_ACRONYM.fullmatch(core):  # "PBI", "BST": acronyms, not formulas
        return False
    pos, symbols = 0, 0
    while pos < len(core):
        m = _FORMULA_PART.match(core, pos)
        if not m:
            return False
        part = m.group()
        if part[0].isupper():
            if part not in SYMBOLS:
                return False
            symbols += 1
        pos = m.end()
    return symbols >= 2 or (symbols == 1 and re.search(r"\d", core) is not None)


def is_acronym(word: str) -> bool:
    """ "LLZO", "MOFs", "BTO": a capital, more letters or digits, two capitals or more; no
    formula, no method or quantity acronym."""
    return (
        len(word) >= 2
        and "A" <= word[0] <= "Z"
        and _ALNUM.fullmatch(word) is not None
        and any(c.isupper() or c.isdigit() for c in word[1:])
        and sum(c.isupper() for c in word) >= 2
        and word not in NON_MATERIAL_ACRONYMS
        and not is_formula(word)
    )


def is_dopant_word(word: str) -> bool:
    return (
        element_of(word) is not None
        or word.lower().rstrip("-") in GROUP_WORDS
        or (is_formula(word) and len(word) <= 8)
    )


def is_host_head(word: str) -> bool:
    return is_formula(word) or is_acronym(word) or word in SYMBOLS


def is_wordlike(word: str) -> bool:
    return _WORDLIKE.fullmatch(word) is not None


def chemical_name(phrase: list[Word]) -> bool:
    """ "lithium nickel manganese oxide": element names and chemical words, which may run on."""
    return all(
        w.text.lower() in ELEMENT_NAMES or CHEMICAL_WORD.fullmatch(w.text.lower()) for w in phrase
    )


def is_chemical_name(word: str) -> bool:
    """ "tristhioureazinc(II)sulphate", "bis-[triethoxysilylpropyl]", "poly(3-hexylthiophene)":
    a lower-case systematic name with brackets."""
    return _SYSTEMATIC_NAME.fullmatch(word) is not None


def slashed_host(word: str, after_word: bool = False) -> bool:
    """ "TiO2/graphene", "Fe/MgO": a composite whose parts are materials or plain words, led by
    a formula or acronym, or inside a name already begun ("Bismuth Ferrite/Zinc Oxide")."""
    parts = word.split("/")
    return (
        len(parts) == 2  # "Ge/Fe3Si/p-Ge/Al" is a stack of layers, not one host
        and (is_host_head(parts[0]) or (after_word and is_wordlike(parts[0])))
        and all(is_host_head(p) or is_wordlike(p) for p in parts[1:])
    )


def charged(word: str) -> bool:
    """ "Eu3+", "Mn2+", "F-": an ion written with its charge."""
    m = ION.match(word)
    return bool(m and m.group(2) and m.group(2)[-1] in "+-" and element_of(word))


def charge_of(word: str) -> int | None:
    """The charge written on an ion ("Ga3+" -> 3, "F-" -> -1), None for none."""
    m = ION.match(word)
    if not (m and m.group(2) and m.group(2)[-1] in "+-"):
        return None
    return charge(m.group(2))


def constituent(element: str | None, host: str) -> bool:
    """True when ``element`` may be part of ``host`` itself rather than added to it: one of the
    formula's elements, or, for an acronym, an element whose initial the acronym has ("Li" and
    "LLZO")."""
    if element is None or element == "H":
        return True
    if is_formula(host):
        return element in _SYMBOL_IN.findall(host)
    return element[0] in host


def symbols_in(text: str) -> set[str]:
    """The element-like symbols written in a formula ("BaI2" -> {"Ba", "I"})."""
    return set(_SYMBOL_IN.findall(text))


def dopant_part(text: str) -> bool:
    """ "Al", "Eu3+", "Mg,Fe", "5%Eu": a colon part that names dopants only."""
    pieces = [LEADING_AMOUNT.sub("", p) for p in re.split(r"[,/]", text) if p]
    return bool(pieces) and all(
        (ION.match(p) and element_of(p)) or p.lower() in GROUP_WORDS for p in pieces
    )


def split_elements(word: Word) -> list[Word]:
    """ "N–B–F" / "Tb3+,Eu3+" -> N, B, F (each a dopant); [] when ``word`` is no such chain."""
    pieces = re.split(r"([–/,])", word.text)
    symbols = pieces[::2]
    if len(symbols) < 2 or not all(ION.match(s) and element_of(s) for s in symbols):
        return []
    out, pos = [], word.start
    for k, piece in enumerate(pieces):
        if k % 2 == 0:
            out.append(Word(piece, pos, pos + len(piece)))
        pos += len(piece)
    return out


def split_colon(word: Word) -> tuple[list[Word] | None, list[list[Word]]]:
    """ "ZnO:Al" / "LiNbO3:Mg,Fe" / "Nd:YAG" / "Dy:Er:YAG" / "Ge:B" / "BaI2:CsPbI2Br"."""
    text = _SUFFIX.sub("", word.text)  # "Ge:B-blocked"
    parts, pos = [], word.start
    for piece in text.split(":"):
        amount = LEADING_AMOUNT.match(piece)  # "Y2O3:5%Eu3+": the dopant is Eu3+
        skip = amount.end() if amount and amount.end() < len(piece) else 0
        if piece[skip:]:
            parts.append(Word(piece[skip:], pos + skip, pos + len(piece)))
        pos += len(piece) + 1
    if len(parts) < 2:
        return None, []
    dopant_like = [p for p in parts if dopant_part(p.text)]
    others = [p for p in parts if p not in dopant_like]
    if not others and len(parts) == 2 and parts[0].text in ELEMENTAL_HOSTS:
        host, dopants = parts[0], [parts[1]]  # "Ge:B", "Si:P"
    elif (
        len(parts) == 2 and dopant_like == [parts[0]] and re.fullmatch(r"[a-z]{4,}", parts[1].text)
    ):
        host, dopants = parts[1], [parts[0]]  # "Ti:sapphire", "Nd:glass"
    elif len(others) == 1 and is_host_head(others[0].text):
        host, dopants = others[0], dopant_like
    elif len(others) == 2 and not dopant_like and all(is_formula(p.text) for p in others):
        host = max(others, key=lambda p: len(symbols_in(p.text)))
        dopants = [p for p in others if p is not host]  # "BaI2:CsPbI2Br", not "LiCl:KCl"
        if len(symbols_in(host.text)) < 3 or any(len(symbols_in(d.text)) > 2 for d in dopants):
            return None, []
    else:
        return None, []
    return [host], [[d] for d in dopants]
