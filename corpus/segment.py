"""Rule-based sentence segmentation of normalised text (no statistical model is available offline
for this domain, and the rules below are what chemistry prose needs).

A boundary is a ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by whitespace and a
sentence start, unless the word before is an abbreviation (``et al.``, ``i.e.``, ``Fig.``, ``vs.``,
``ca.``, initials). Citation markers are already out of the text, so ``S cm^-1.^[75] Similarly``
arrives as ``S cm^-1. Similarly``. Decimals and formulas never have whitespace after their dots.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """al i.e e.g vs ca fig figs ref refs eq eqs no nos approx cf dr prof mr mrs ms jr sr st vol
    ed eds resp viz ph.d co-pre wt at e.g approx.""".split()
)

_CANDIDATE = re.compile(r"[.!?][\"”’')\]]{0,3}(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]{0,15})$")
_NEXT = re.compile(r"\s{1,20}(\S{1,8})")
_PANEL = re.compile(r"[a-z](?:[,–-][a-z]){0,4}\)")
_INITIAL = re.compile(r"[A-Z]\.")
_INITIAL_BEFORE = re.compile(r"(?:^|\s)[A-Z]\.[\s-]?$")
_LABEL_BEFORE = re.compile(r"(?:Figure|Fig|Table|Scheme|Chart|Eq)\.?\s{1,3}[A-Z]?\d{1,3}[A-Za-z]?$")


def _is_boundary(text: str, dot: int, nxt: str) -> bool:
    """Whether the ``.``/``!``/``?`` at ``dot`` ends a sentence, given the next token ``nxt``."""
    first = nxt[0]
    if text[dot] in "!?":
        return not first.islower()
    if _LABEL_BEFORE.search(text, max(0, dot - 16), dot):
        return False  # "Figure 3. Scheme for ..."
    m = _WORD_BEFORE.search(text, max(0, dot - 16), dot)
    word = m.group(1) if m else ""
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS or lower.split(".")[-1] in ("al",):
        return False
    if (
        len(word) == 1
        and word.isupper()
        and (_INITIAL.match(nxt) or _INITIAL_BEFORE.search(text, max(0, dot - 5), dot - 1))
    ):
        return False  # "J. B. Goodenough"
    if word == "etc":
        return first.isupper()
    if first.islower():
        # caption panels: "... Society. c) Synthesis scheme"
        return bool(_PANEL.match(nxt))
    return first.isupper() or first.isdigit() or first in "([\"“‘'"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, trimmed of surrounding space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _CANDIDATE.finditer(text, start, end):
        nm = _NEXT.match(text, m.end(), end)
        if nm is None:
            continue
        if _is_boundary(text, m.start(), nm.group(1)):
            spans.append((s, m.end()))
            s = nm.start(1)
    spans.append((s, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
