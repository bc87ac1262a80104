"""The doping phrasings and the table that dispatches a sentence's words to them.

``PHRASINGS`` lists, in order, which words open which phrasings: a word is read by the first
entry whose cue it is, and that entry's phrasings are tried in turn until one reads it (see
``miner.doping.marker_phrasings`` for the shape of a phrasing). A new phrasing is a short
function and a line in a table.

Phrasings read (host H, dopants A, B; the replaced element B of a site phrase is the site):
"A-doped H", "A and B co-doped H", "H doped with/by A", "we doped H with A", "H:A", "A:H"
(Nd:YAG), "doping of A into H", "A doping in H", "incorporation of A in H", "replacing B with
A", "substitution of B by A in H", "A substitutes for B", "A occupies the B sites of H", "the B
site was substituted by A", "A dopant(s) in H", "A as a dopant", "dopants such as A and B",
"Eu2+ (ions) in H", "Ga3+ at the Li site of LLZO", "H with 5 at% A", "addition of A to H",
"A was implanted/embedded in H", "By doping with A, H ...", "M-doped H (M = Fe, Co)".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from miner.doping import marker_phrasings as marker
from miner.doping.lexicon import (
    ACTION_NOUNS,
    AMOUNT,
    CHEMICAL_WORD,
    DOPANT_KINDS,
    DOPING_WORD,
    ION,
    ION_NOUNS,
    Word,
    charged,
    constituent,
    element_of,
    is_acronym,
    is_chemical_name,
    is_formula,
    is_host_head,
    split_colon,
)
from miner.doping.marker_phrasings import Phrasing
from miner.doping.slots import Reader
from miner.doping.statements import DopingStatement


def _named_host(r: Reader, host: list[Word] | None, dopants: list[list[Word]]) -> bool:
    """A formula or acronym host that none of the dopants is a constituent of, and dopants
    no earlier phrasing has read."""
    return (
        bool(host)
        and (is_formula(host[0].text) or is_acronym(host[0].text))
        and not any(constituent(element_of(d[0].text), host[0].text) for d in dopants)
        and not r.already_read(dopants)
    )


def ion_in(r: Reader, i: int, low: str) -> bool:
    """ "Eu2+ in SrAl2O4", "Er3+ ions in NaYF4", "the Mn2+ content in ZnGa2O4": a charged ion
    (or "X ions") placed in a host formula or acronym it is not a constituent of."""
    j = i
    while j > 0 and r.words[j - 1].text.lower() in ION_NOUNS:
        j -= 1
    named_ions = j < i and r.words[j].text.lower() in ("ion", "ions", "cations")
    dopants = r.dopants_before(j)
    if not dopants or any(len(d) != 1 or not (charged(d[0].text) or named_ions) for d in dopants):
        return True
    host = r.host_after(i + 1)
    if _named_host(r, host, dopants):
        r.add(host, dopants, "A in H")
    return True


def ion_at_site(r: Reader, i: int, low: str) -> bool:
    """ "Ga3+ at the Li site of LLZO", "Ta5+ on Zr sites in LLZO": a charged ion placed on a
    lattice site of a host formula or acronym it is not a constituent of."""
    dopants = r.dopants_before(i)
    if not dopants or any(len(d) != 1 or not charged(d[0].text) for d in dopants):
        return True
    site, j = r.site_at(i)
    host = r.host_of(j) if site else None
    if _named_host(r, host, dopants):
        r.add(host, dopants, "A at the B site of H", site)
    return True


def host_with(r: Reader, i: int, low: str) -> bool:
    """ "ZnO nanorods with 5 at% Al", "TiO2 containing 1 wt% Nb": a host formula or acronym
    with an amount of a foreign element (without the amount, "with" says nothing of doping)."""
    words = r.words
    if i + 1 >= len(words) or not re.search(r"\d", words[i + 1].text):
        return True
    host = r.host_before(i) if AMOUNT.fullmatch(words[i + 1].text) else None
    if not host or not (is_formula(host[0].text) or is_acronym(host[0].text)):
        return True
    before = len(r.amounts)
    dopants = r.dopants_after(i + 1)
    if len(r.amounts) == before or not dopants:
        return True  # the number was no amount of the dopant ("with 3 layers")
    nxt = r.after(dopants[-1][-1])
    if nxt < len(words) and (words[nxt].marker or words[nxt].text.lower() in ACTION_NOUNS):
        return True  # "with 10% Gd doping": read at "doping"
    if any(d[0].text.lower() in CONDUCTIVE_ADDITIVES for d in dopants):
        return True  # "Li3YCl6 with 20% carbon": a conductive additive mixed in, no dopant
    if all(element_of(d[0].text) for d in dopants) and _named_host(r, host, dopants):
        r.add(host, dopants, "H with x A")
    return True


def replacing(r: Reader, i: int, low: str) -> bool:
    """ "replacing Zr with Ta (in H)", "replacement of La by Sr", "Ta substituting (for) Zr"."""
    words = r.words
    j = i + 1
    if low == "substituting":
        dopants = r.dopants_before(i)
        if j < len(words) and words[j].text.lower() == "for":
            j += 1
        replaced = r.dopants_after(j)
    else:
        if low == "replacement" and j < len(words) and words[j].text.lower() == "of":
            j += 1
        replaced, j = r.replaced_after(j)
        if not replaced or j >= len(words) or words[j].text.lower() not in ("with", "by"):
            return True
        dopants = r.dopants_after(j + 1)
    if not dopants or not replaced:
        return True
    j = max(j, r.after(dopants[-1][-1]), r.after(replaced[-1][-1]))
    host = r.host_after(j + 1) if j < len(words) and words[j].text.lower() in ("in", "of") else None
    r.add(host, dopants, "replacing B with A", element_of(replaced[0][-1].text))
    return True


def occupying(r: Reader, i: int, low: str) -> bool:
    """ "Ta5+ substitutes (for) Zr4+ in LLZO", "Al replaces Li", "Ga3+ occupies the Li sites
    of LLZO"."""
    words = r.words
    dopants = r.dopants_before(r.skip_back(i))
    if not dopants:
        return True
    j = i + 1
    while j < len(words) and words[j].text.lower() in ("for", "the", "partially", "mainly"):
        j += 1
    replaced, j = r.replaced_after(j)
    if not replaced:
        return True
    r.add(r.host_of(j), dopants, "A substitutes for B in H", element_of(replaced[0][-1].text))
    return True


def dopants_such_as(r: Reader, i: int, low: str) -> bool:
    """ "Dopants such as Al and Ga (in ZnO)"."""
    if i + 3 >= len(r.words) or [w.text.lower() for w in r.words[i + 1 : i + 3]] != ["such", "as"]:
        return False
    listed = r.dopants_after(i + 3)
    if listed:
        r.add(r.host_of(r.after(listed[-1][-1])), listed, "dopants such as A")
    return True


def dopant_noun(r: Reader, i: int, low: str) -> bool:
    """ "Ga dopant in Ge", "Mn dopants in Bi12TiO20", "EDTA dopant", "Tin as an n-type dopant",
    "organic dopants on ZTS crystals", "the dopant Ga occupies ..."."""
    if i == 0:
        return True
    words = r.words
    dopants = r.dopants_before(i)
    named = words[i - 1]
    if not dopants and (is_acronym(named.text) or CHEMICAL_WORD.fullmatch(named.text)):
        dopants = [[named]]  # "EDTA dopant", "benzene dopants"
    if not dopants:
        dopants = r.as_dopant(i)
    if not dopants and named.text.lower() in DOPANT_KINDS:
        dopants = [[named]]
    if not dopants and i + 1 < len(words) and ION.match(words[i + 1].text):
        dopants = r.dopants_after(i + 1)
        if dopants:
            i = r.after(dopants[-1][-1]) - 1
    host = None
    if i + 1 < len(words) and words[i + 1].text.lower() in ("in", "into", "for", "on"):
        host = r.host_after(i + 2)
        named_host = host and (is_host_head(host[0].text) or is_chemical_name(host[0].text))
        if host and (not named_host or charged(host[0].text)):
            host = None  # "dopant in the molecular beam epitaxial growth", "dopant for Mg2+"
    if dopants:
        r.add(host, dopants, "A dopant in H")
    return True


def colon(r: Reader, i: int, low: str) -> bool:
    """ "ZnO:Al", "SrTiO3:Tb3+", "Nd:YAG", "Dy:Er:YAG", "LiNbO3:Mg,Fe"."""
    if i > 0 and r.words[i - 1].marker == "doped":
        return True  # read as the host of "A-doped H:B"
    host, dopants = split_colon(r.words[i])
    if host:
        r.add(host, dopants, "H:A")
    return True


class Entry(NamedTuple):
    """Which words open which phrasings."""

    cue: Callable[[Reader, int, str], bool]
    phrasings: tuple[Phrasing, ...]


def _word_in(*words: str) -> Callable[[Reader, int, str], bool]:
    return lambda r, i, low: low in words


def _not_first(*words: str) -> Callable[[Reader, int, str], bool]:
    return lambda r, i, low: i > 0 and low in words


_PLACED = ("introduced", "embedded", "implanted")
# elements named by a word that, given by weight in "H with x A", are mixed in, never doped
CONDUCTIVE_ADDITIVES = frozenset({"carbon", "graphite"})


def _placed_into(r: Reader, i: int, low: str) -> bool:
    """ "Nitrogen was introduced into the graphene lattice"."""
    following = r.words[i + 1].text if i + 1 < len(r.words) else ""
    return low in _PLACED and following in ("into", "in")


_REPLACING = ("replacing", "replacement", "substituting")
_OCCUPYING = ("substitutes", "substitute", "replaces", "replace", "occupies", "occupy")
_DOPANT_NOUNS = ("dopant", "dopants")
_IN, _WITH, _AT = ("in", "into"), ("with", "containing"), ("at", "on")


def _doping_word(low: str) -> bool:
    return "doping" in low and DOPING_WORD.fullmatch(low) is not None


PHRASINGS: tuple[Entry, ...] = (
    Entry(lambda r, i, low: low in ACTION_NOUNS or _doping_word(low), marker.ACTION),
    Entry(_word_in(*_REPLACING), (replacing,)),
    Entry(_word_in(*_OCCUPYING), (occupying,)),
    Entry(lambda r, i, low: r.words[i].marker == "doped", marker.MARKER),
    Entry(_placed_into, marker.MARKER),
    Entry(lambda r, i, low: ":" in r.words[i].text and not r.words[i].text.endswith(":"), (colon,)),
    Entry(_word_in(*_DOPANT_NOUNS), (dopants_such_as, dopant_noun)),
    Entry(_not_first(*_IN), (ion_in,)),
    Entry(_not_first(*_WITH), (host_with,)),
    Entry(_not_first(*_AT), (ion_at_site,)),
)
# the words an entry's cue can be true of, besides markers, colon notation and "co-doping"
OPENING_WORDS = frozenset(ACTION_NOUNS).union(
    _PLACED, _REPLACING, _OCCUPYING, _DOPANT_NOUNS, _IN, _WITH, _AT
)


def may_open(word: Word, low: str) -> bool:
    """Whether any entry can cue ``word`` (``low``: its text lower-cased): one set lookup for
    most words, where asking every entry costs ten calls."""
    return low in OPENING_WORDS or word.marker == "doped" or ":" in word.text or _doping_word(low)


def read(r: Reader) -> list[DopingStatement]:
    """The statements of the reader's words: each word goes to the first entry it cues."""
    for i, w in enumerate(r.words):
        low = w.text.lower()
        if not may_open(w, low):
            continue
        entry = next((e for e in PHRASINGS if e.cue(r, i, low)), None)
        if entry is not None:
            next((True for phrasing in entry.phrasings if phrasing(r, i, low)), False)
    return r.statements
