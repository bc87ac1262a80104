"""The phrasings around a doping word: the marker ("doped", "substituted", "co-doped",
"introduced into") and the action nouns ("doping of", "substitution of", "addition of").

Each phrasing is a short function ``(reader, i, low) -> bool`` for word ``i`` (lower-cased
``low``): True when it read the words (a statement added, or nothing to add), False to let the
next phrasing of its table try. ``MARKER`` and ``ACTION`` are those tables, in order; the
dispatch over a sentence's words is ``miner.doping.phrasings.read``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from miner.doping.lexicon import (
    DOPING_NOUNS,
    ELEMENTAL_HOSTS,
    FORM_WORDS,
    GROUP_NOUNS,
    ION,
    JOINERS,
    MEANS,
    NOT_HOSTS,
    SYMBOLS,
    Word,
    element_of,
    is_host_head,
    split_colon,
)
from miner.doping.slots import Reader
from miner.doping.statements import DopingStatement

Phrasing = Callable[[Reader, int, str], bool]
_SITE_GLUED = re.compile(r"([A-Z][a-z]?)-sites?")  # "Li-site doping"


def _next(r: Reader, i: int) -> str:
    return r.words[i + 1].text.lower() if i + 1 < len(r.words) else ""


# --- "A-doped H", "H doped with A" and the other marker phrasings ---------------------------


def undoped(r: Reader, i: int, low: str) -> bool:
    return low.startswith("un")


def doped_h_with_a(r: Reader, i: int, low: str) -> bool:
    """ "we doped TiO2 with nitrogen"."""
    words = r.words
    if _next(r, i) in ("with", "by") or i + 2 >= len(words) or words[i + 2].text != "with":
        return False
    host = r.host_after(i + 1)
    after = r.dopants_after(i + 3, loose=True)
    if host and len(host) == 1 and is_host_head(host[0].text) and after:
        if not r.dopants_before(i):
            r.add(host, after, "doped H with A")
            return True
    return False


def h_doped_with_a(r: Reader, i: int, low: str) -> bool:
    """ "H (was) doped with A, B and C", "doped with A, and co-doped with B", "The Zr site was
    partially substituted by Nb in LLZO", "Doped with Ga, the ZnO films ..."."""
    if _next(r, i) not in ("with", "by"):
        return False
    words = r.words
    dopants = r.dopants_after(i + 2, loose=True)
    host = r.host_before(i)
    if host is None and r.statements and words[i - 1].text.lower() in ("and", ","):
        last = r.statements[-1].host
        if last is not None:
            phrases = tuple(r.dopant_phrase(d) for d in dopants)
            r.statements.append(DopingStatement(last, phrases, "H doped with A"))
            return True
    site, after = r.site_at(r.after(dopants[-1][-1])) if dopants else (None, 0)
    k = r.skip_back(i) - 1
    if (
        k >= 1
        and words[k].text.lower() in ("site", "sites")
        and ION.match(words[k - 1].text)
        and element_of(words[k - 1].text)
    ):
        site = element_of(words[k - 1].text)
        host = r.host_of(r.after(dopants[-1][-1])) if dopants else None
    elif host is None and site and after:
        host = r.host_of(after)  # "LLZO doped with Ga on the Li site of ..."
    elif host is None and dopants and r.opens_sentence(i):
        comma = r.after(dopants[-1][-1])
        if comma < len(words) and words[comma].text == ",":
            host = r.host_after(comma + 1)
    for extra in r.coordinated_before(host):
        r.add(extra, dopants, "H doped with A", site)
    r.add(host, dopants, "H doped with A", site)
    return True


def substituted_for(r: Reader, i: int, low: str) -> bool:
    """ "Mg2+ was substituted for Ca2+ in hydroxyapatite"."""
    if _next(r, i) != "for" or not low.startswith("substitut"):
        return False
    dopants = r.dopants_before(r.skip_back(i))
    replaced = r.dopants_after(i + 2, sites=True)
    if dopants and replaced:
        j = r.after(replaced[-1][-1])
        if j < len(r.words) and r.words[j].text.lower() in ("site", "sites", "ions", "ion"):
            j += 1
        site = element_of(replaced[0][-1].text)
        r.add(r.host_of(j), dopants, "A substituted for B in H", site)
    return True


def doped_into(r: Reader, i: int, low: str) -> bool:
    """ "cobalt doped into H", "N was doped into the TiO 2 lattice", "embedded in"."""
    if _next(r, i) not in ("into", "in") or low.endswith("doping"):
        return False
    dopants = r.dopants_before(r.skip_back(i))
    if dopants or r.words[i].marker:  # "embedded in": only with a dopant before it
        r.add(r.host_after(i + 2), dopants, "A doped into H")
    return True


def _dopants_before_marker(r: Reader, i: int) -> list[list[Word]]:
    return r.dopants_before(i) or r.placeholder(i)


def doped_elements_such_as(r: Reader, i: int, low: str) -> bool:
    """ "alloys with doped elements such as Bi and Sb": the listed elements."""
    group, listed = r.such_as(i + 1)
    if _dopants_before_marker(r, i) or not group:
        return False
    dopants = r.dopants_after(listed)
    host = r.host_before(i - 1) if i > 0 and r.words[i - 1].text == "with" else None
    r.add(host, dopants, "doped elements such as A")
    return True


def doped_a(r: Reader, i: int, low: str) -> bool:
    """ "the doped B", "doped Mn2+ ions": a dopant, no host."""
    nxt_word = r.words[i + 1].text if i + 1 < len(r.words) else ""
    if _dopants_before_marker(r, i) or not ION.match(nxt_word) or nxt_word in ELEMENTAL_HOSTS:
        return False
    if not element_of(nxt_word):
        return False
    r.add(None, [[r.words[i + 1]]], "doped A")
    return True


def doped_at_site(r: Reader, i: int, low: str) -> bool:
    """ "Al3+ doped at the Li site of LLZO", "LiFePO4 was doped at the Fe site with V"."""
    site, after = r.site_at(i + 1)
    if site is None:
        return False
    dopants = _dopants_before_marker(r, i)
    words = r.words
    if not dopants and after < len(words) and words[after].text.lower() in ("with", "by"):
        r.add(r.host_before(i), r.dopants_after(after + 1), "H doped with A", site)
        return True
    r.add(r.host_of(after), dopants, "A doped at the B site of H", site)
    return True


def a_doped_h(r: Reader, i: int, low: str) -> bool:
    """ "A-doped H", "Fe-doped and Co-doped TiO2", "Cu-doped, Ag-doped and Au-doped ZnO",
    "Eu-doped SrTiO3:Tb" (the colon's dopants too)."""
    words = r.words
    host = r.host_after(i + 1)
    later: int | None = i
    while host is None and later is not None and later + 1 < len(words):
        if words[later + 1].text not in JOINERS:
            break
        later = next(
            (k for k in range(later + 2, min(later + 6, len(words))) if words[k].marker), None
        )
        if later is not None:
            host = r.host_after(later + 1)
    colon_dopants: list[list[Word]] = []
    if host and len(host) == 1 and ":" in host[0].text:
        host, colon_dopants = split_colon(host[0])
    r.add(host, _dopants_before_marker(r, i) + colon_dopants, "A-doped H")
    return True


MARKER: tuple[Phrasing, ...] = (
    undoped,
    doped_h_with_a,
    h_doped_with_a,
    substituted_for,
    doped_into,
    doped_elements_such_as,
    doped_a,
    doped_at_site,
    a_doped_h,
)


# --- "doping of A in H", "substitution of B by A", "addition of A to H" -----------------------


@dataclass
class _Action:
    """What an action-noun phrasing has read so far: the word after the noun phrase, the
    dopants, the site and the host."""

    i: int
    low: str
    j: int
    dopants: list[list[Word]]
    site: str | None = None
    host: list[Word] | None = None
    replaced: list[list[Word]] = field(default_factory=list)


def doping_h_with_a(r: Reader, i: int, low: str) -> bool:
    """ "Doping ZnO with Ga improves ...", "doping of GaN films with Mg"."""
    words = r.words
    if not low.endswith("doping") or r.dopants_before(i):
        return False
    j = _after_doping_nouns(r, i)
    k = j + 1 if j < len(words) and words[j].text.lower() == "of" else j
    host = r.host_after(k) if k < len(words) else None
    end = r.after(host[-1]) if host else k
    while end < len(words) and words[end].text.lower() in FORM_WORDS:
        end += 1
    if not host or end >= len(words) or words[end].text != "with":
        return False
    r.add(host, r.dopants_after(end + 1, loose=True), "doping H with A")
    return True


def doping_of(r: Reader, i: int, low: str) -> bool:
    """ "doping of A into H", "A doping in H", "incorporation of A in H", "introducing A into
    H", "the substitution of B by A in H", "doping A into H", "HNO3 doping treatment for H"."""
    action = _Action(i, low, _after_doping_nouns(r, i), r.dopants_before(i))
    if not action.dopants and low != "substitution":
        _dopants_after_noun(r, action)
    if low == "substitution":
        _substitution_of(r, action)
        _substitution_for(r, action)
    _site_and_host(r, action)
    _opening_means(r, action)
    adding = low in ("addition", "adding")  # "addition of Mg to LiFePO4": both or nothing
    if adding and i > 0 and r.words[i - 1].text.lower() == "in":
        return True  # "In addition, ..."
    if (
        adding
        and not action.host
        and not all(len(d) == 1 and element_of(d[0].text) for d in action.dopants)
    ):
        return True  # "the addition of HCl": no dopant named
    if action.dopants or action.host:
        r.add(action.host, action.dopants, f"{low} of A in H", action.site)
    return True


ACTION: tuple[Phrasing, ...] = (doping_h_with_a, doping_of)


def _after_doping_nouns(r: Reader, i: int) -> int:
    j = i + 1
    while j < len(r.words) and r.words[j].text.lower() in DOPING_NOUNS:
        j += 1
    return j


def _dopants_after_noun(r: Reader, a: _Action) -> None:
    """ "doping it with aluminum", "incorporation of A", "doping elements in ..."."""
    words = r.words
    if a.j + 1 < len(words) and words[a.j].text.lower() in ("it", "them"):
        a.j += 1  # the host is the sentence's
    if a.j < len(words) and words[a.j].text.lower() in ("of", "with", "using"):
        a.j += 1
    a.dopants = r.dopants_after(a.j)
    if a.dopants:
        a.j = r.after(a.dopants[-1][-1])
    elif a.j < len(words) and words[a.j].text.lower() in GROUP_NOUNS:
        a.dopants, a.j = [[words[a.j]]], a.j + 1


def _substitution_of(r: Reader, a: _Action) -> None:
    """ "substitution of B by A", "substitution of Nb at the Zr site", "substitution of A for B"."""
    words = r.words
    if a.j >= len(words) or words[a.j].text.lower() != "of":
        return
    replaced = r.dopants_after(a.j + 1, sites=True)
    if replaced:
        a.j = r.after(replaced[-1][-1])
    following = words[a.j].text.lower() if a.j < len(words) else ""
    if following in ("by", "with"):
        a.site = element_of(replaced[0][-1].text) if replaced else None
        a.dopants = r.dopants_after(a.j + 1)
        if a.dopants:
            a.j = r.after(a.dopants[-1][-1])
    elif following in ("at", "on") and replaced:
        a.dopants = replaced
    elif following == "for" and replaced:
        a.dopants = replaced
        more = r.dopants_after(a.j + 1)
        a.site = element_of(more[0][-1].text) if more else None
        a.j = r.after(more[-1][-1]) if more else a.j


def _substitution_for(r: Reader, a: _Action) -> None:
    """ "F- substitution for O2- in LLZO"."""
    words = r.words
    if not a.dopants or a.site is not None or a.j >= len(words):
        return
    if words[a.j].text.lower() != "for":
        return
    replaced, j = r.replaced_after(a.j + 1)
    if replaced:
        a.site, a.j = element_of(replaced[0][-1].text), j


def _site_and_host(r: Reader, a: _Action) -> None:
    """The site ("at the Li site", "Li-site doping") and the host ("in H", "into H", "to H")."""
    words = r.words
    at_site, after = r.site_at(a.j)
    if at_site:
        a.site, a.j = a.site or at_site, after
    if a.site is None and a.i > 0:
        glued = _SITE_GLUED.fullmatch(words[a.i - 1].text)
        a.site = glued.group(1) if glued and glued.group(1) in SYMBOLS else None
    while a.j < len(words) and words[a.j].text.lower() in NOT_HOSTS | DOPING_NOUNS:
        a.j += 1
    adding = a.low in ("addition", "adding")
    into = ("in", "into", "of", "for", "to") if adding else ("in", "into", "of", "for")
    if a.j < len(words) and words[a.j].text.lower() in into:
        a.host = r.host_after(a.j + 1)
        if a.host and a.host[-1].text.lower() == "site":
            a.host = None
        if adding and a.host and not is_host_head(a.host[0].text):
            a.host = None


def _opening_means(r: Reader, a: _Action) -> None:
    """ "By doping with Mn, ZnS nanocrystals emit ...", "Through Al doping, ...": the host opens
    the main clause."""
    words = r.words
    if a.host is not None or not a.dopants or words[0].text.lower() not in MEANS:
        return
    first = bisect.bisect_left(r.starts, a.dopants[0][0].start)
    opening = a.i == 1 or (first == 1 and a.dopants[-1][-1].end < words[a.i].end)
    if not opening:
        return
    last = a.dopants[-1][0]
    k = bisect.bisect_left(r.starts, last.start)
    if len(a.dopants) > 1 and words[k - 1].text == "," and is_host_head(last.text):
        a.dopants, a.j = a.dopants[:-1], k - 1  # the list ended at the comma
    if a.j < len(words) and words[a.j].text == ",":
        a.host = r.host_after(a.j + 1)
