"""Doping statements: which dopants the text puts into which host, as plain values, and the
passes that complete them once every phrasing has been read.

- ``Phrase``: a host or dopant as written (offsets in the Doc's text), with the elements,
  charge, amount and formula it names;
- ``DopingStatement``: a host (or none) and its dopants, the phrasing that said so and the site
  it names ("at the Li site"); ``complete`` when both a host and a dopant are known;
- ``spaced_colon``, ``known_host``, ``lone_host``: "ZnO : Eu" (a colon set off by spaces), a
  dopant without a host taking the earlier host this sentence names again, or the sentence's
  only formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from miner.doping.lexicon import (
    LEADING_AMOUNT,
    Word,
    charge_of,
    element_of,
    is_acronym,
    is_formula,
    is_host_head,
)
from miner.records import SITES, Dopant

_AMOUNT_ONLY = re.compile(r"(?:x\s*=\s*)?(\d+(?:\.\d+)?)(?:\s*mol)?")
_PARTS = re.compile(r"[,/–\-\s=]+")
_SPACED_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:mol)?%\s*")  # "β-NaYF4: 20% Er3+"


@dataclass(frozen=True)
class Phrase:
    """A host or dopant as written. Offsets index the Doc's text."""

    text: str
    start: int
    end: int
    elements: tuple[str, ...] = ()
    charge: int | None = None
    amount: float | None = None
    formula: str | None = None
    amount_text: str | None = None  # as written before the dopant: "5 mol%", "0.25"


@dataclass(frozen=True)
class DopingStatement:
    host: Phrase | None
    dopants: tuple[Phrase, ...]
    phrasing: str
    site: str | None = None  # the replaced element when the text says so ("at the Li site")

    @property
    def complete(self) -> bool:
        """Host and at least one dopant: enough for a ``doping`` fact."""
        return self.host is not None and bool(self.dopants)

    def fact_dopants(self) -> tuple[Dopant, ...]:
        """The dopants as fact-record values (a site outside Li/La/Zr/O becomes null)."""
        site = self.site if self.site in SITES else None
        return tuple(
            Dopant(element, phrase.text, site, phrase.amount, phrase.charge)
            for phrase in self.dopants
            for element in phrase.elements
        )


def amount_value(text: str) -> float | None:
    """Mol per formula unit only when written as a bare number or "x = 0.2" (not "5 mol%")."""
    m = _AMOUNT_ONLY.fullmatch(text.strip())
    return float(m.group(1)) if m else None


def phrase_of(words: Sequence[Word], text: str) -> Phrase:
    """The host or dopant that ``words`` write."""
    start, end = words[0].start, words[-1].end
    written = text[start:end]
    elements: tuple[str, ...] = ()
    charge = None
    if len(words) == 1:
        parts = [LEADING_AMOUNT.sub("", p) for p in _PARTS.split(written) if p]
        elements = tuple(e for p in parts if (e := element_of(p)))
        charge = charge_of(written)
    else:
        elements = tuple(e for w in words if (e := element_of(w.text)))[-1:]
    formula = written if len(words) == 1 and is_formula(written) else None
    return Phrase(written, start, end, elements, charge, None, formula)


def spaced_colon(
    text: str, chunks: Sequence[tuple[int, int]], found: Sequence[DopingStatement]
) -> list[DopingStatement]:
    """ "ZnO : Eu", "BTO: Mn", "β-NaYF4: 20% Er3+" (the colon set off by spaces): the chunk
    before the colon (or ending in it) is the host, the word after it the dopant. One pass over
    the chunks, left to right, a reading ending where the next may start."""
    if ":" not in text:
        return []  # most sentences: no chunk to look at
    out = []
    pos = 0
    for n, (start, end) in enumerate(chunks):
        begin = max(pos, start)
        if begin >= end:
            continue
        reading = _colon_reading(text, chunks, n, begin)
        if reading is None:
            continue
        host_end, dopant_start, dopant_end = reading
        pos = dopant_end
        written = text[begin:host_end]
        host = written.lstrip("([")
        dopant = text[dopant_start:dopant_end]
        if not (is_host_head(host) and element_of(dopant)):
            continue
        hstart = begin + (len(written) - len(host))
        statement = DopingStatement(
            Phrase(host, hstart, hstart + len(host), formula=host if is_formula(host) else None),
            (phrase_of([Word(dopant, dopant_start, dopant_end)], text),),
            "H : A",
        )
        if all(s.host is None or s.host.start != hstart for s in found):
            out.append(statement)
    return out


def _colon_reading(
    text: str, chunks: Sequence[tuple[int, int]], n: int, begin: int
) -> tuple[int, int, int] | None:
    """(host end, dopant start, dopant end) of a spaced colon read from ``begin`` in chunk
    ``n``: the chunk ends in ":" (the host is before it), or the next chunk is ":" alone."""
    start, end = chunks[n]
    candidates = []
    if text[end - 1] == ":" and end - 1 > begin:
        candidates.append((end - 1, end - 1))  # (host end, colon)
    if n + 1 < len(chunks) and text[chunks[n + 1][0] : chunks[n + 1][1]] == ":":
        candidates.append((end, chunks[n + 1][0]))
    for host_end, colon in candidates:
        after = colon + 1
        if after >= len(text) or not text[after].isspace():
            continue
        while after < len(text) and text[after].isspace():
            after += 1
        amount = _SPACED_AMOUNT.match(text, after)
        for at in ([amount.end()] if amount else []) + [after]:
            dopant_end = _dopant_end(text, at)
            if dopant_end is not None:
                return host_end, at, dopant_end
    return None


def _dopant_end(text: str, at: int) -> int | None:
    """The end of the shortest non-space run from ``at`` that whitespace, ",;.)" or the end of
    the text follows; None when ``at`` holds no non-space character."""
    if at >= len(text) or text[at].isspace():
        return None
    end = at + 1
    while end < len(text) and not (text[end].isspace() or text[end] in ",;.)"):
        end += 1
    return end


def known_host(
    text: str,
    words: Sequence[Word],
    statements: list[DopingStatement],
    known_hosts: Sequence[str],
) -> list[DopingStatement]:
    """Hostless statements take the one earlier host written again in this sentence ("Tin as a
    dopant in the growth of GaAs(111)A" after a sentence on tin-doped GaAs)."""
    if not any(s.host is None and s.dopants for s in statements):
        return statements
    dopant_spans = [(d.start, d.end) for s in statements for d in s.dopants]
    found: dict[str, Word] = {}
    for known in dict.fromkeys(known_hosts):
        if not (is_formula(known) or is_acronym(known)):
            continue  # "films", "samples": too vague to find again
        for w in words:
            rest = w.text[len(known) :]
            if w.text.startswith(known) and (not rest or rest[0] in "(:"):
                if not any(a < w.end and w.start < b for a, b in dopant_spans):
                    whole = rest[:1] == "("  # "GaAs(111)A" is written as one host
                    found[w.text if whole else known] = Word(
                        w.text if whole else known,
                        w.start,
                        w.end if whole else w.start + len(known),
                    )
    if len(found) != 1:
        return statements
    ((_, word),) = found.items()
    host = phrase_of([word], text)
    return [
        DopingStatement(host, s.dopants, s.phrasing + " (earlier host)", s.site)
        if s.host is None and s.dopants
        else s
        for s in statements
    ]


def lone_host(
    text: str, words: Sequence[Word], statements: list[DopingStatement]
) -> list[DopingStatement]:
    """Dopants without a host ("The N doping leaded to more defects in TiO 2") take the
    sentence's host when it names exactly one formula and no statement has a host."""
    if not statements or any(s.host is not None for s in statements):
        return statements
    dopant_starts = {d.start for s in statements for d in s.dopants}
    formulas = [
        k
        for k, w in enumerate(words)
        if is_formula(w.text) and not element_of(w.text) and w.start not in dopant_starts
    ]
    if len({words[k].text for k in formulas}) != 1:
        return statements
    k = formulas[0]
    host = [words[k]]
    if k + 1 < len(words) and re.fullmatch(r"\d+", words[k + 1].text):
        host = [Word(text[words[k].start : words[k + 1].end], words[k].start, words[k + 1].end)]
    return [
        DopingStatement(phrase_of(host, text), s.dopants, s.phrasing + " (sentence host)", s.site)
        for s in statements
    ]
