"""Comparators as papers print them before a value ("up to", "as high as", "~", "≤", "over")
or after it ("or lower"), read into the record contract's (``=``, ``<``, ``>``, ``<=``, ``>=``,
``~``). The quantity recogniser asks only about the few characters just before a value.
"""

from __future__ import annotations

import re

# printed comparators -> the record contract's
COMPARATORS = {
    "≈": "~", "~": "~", "≃": "~", "approximately": "~", "approx.": "~", "approx": "~",
    "about": "~", "around": "~", "nearly": "~", "near": "~", "almost": "~", "close to": "~",
    "roughly": "~",
    "ca.": "~", "c.": "~", "circa": "~", "of order": "~", "on the order of": "~",
    "of the order of": "~",
    "in the order of": "~",
    ">": ">", "&gt;": ">", "over": ">", "above": ">", "exceeding": ">", "exceeds": ">",
    "exceed": ">", "exceeded": ">", "more than": ">", "higher than": ">", "greater than": ">",
    "larger than": ">", "longer than": ">", "thicker than": ">", "wider than": ">",
    "beyond": ">", "in excess of": ">", "deeper than": ">", "coarser than": ">",
    "older than": ">", "warmer than": ">", "hotter than": ">", "heavier than": ">",
    "taller than": ">", "later than": ">", "bigger than": ">",
    "<": "<", "&lt;": "<", "below": "<", "less than": "<", "lower than": "<", "under": "<",
    "smaller than": "<", "fewer than": "<", "shorter than": "<", "thinner than": "<",
    "narrower than": "<", "shallower than": "<", "finer than": "<", "younger than": "<",
    "colder than": "<", "cooler than": "<", "lighter than": "<", "earlier than": "<",
    ">=": ">=", "≥": ">=", "⩾": ">=", "at least": ">=", "no less than": ">=",
    "not less than": ">=", "as high as": ">=", "as large as": ">=", "as wide as": ">=",
    "as much as": ">=", "as long as": ">=",
    "<=": "<=", "≤": "<=", "⩽": "<=", "up to": "<=", "at most": "<=", "no more than": "<=",
    "not more than": "<=", "as low as": "<=", "as small as": "<=", "as thin as": "<=",
    "as short as": "<=", "as little as": "<=", "down to": "<=",
}  # fmt: skip
_CMP = "|".join(re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True))
# the comparator is looked for just before a measure, not tried at every position of the text;
# a word stands apart, a symbol may be glued on ("T≤1300 °C")
_SYMBOLS = "|".join(
    re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True) if not c[0].isalpha()
)
COMPARATOR_RE = re.compile(
    rf"(?:(?:^|(?<=[\s(\[]))(?P<cmp>{_CMP})|(?P<symbol>{_SYMBOLS}))\s?$", re.IGNORECASE
)
# the same read backwards from the value: one match at the start of the reversed window, where
# a forward search tries the ~80 comparators at each of its positions (~30 µs a value)
_BY_LENGTH = sorted(COMPARATORS, key=len, reverse=True)
_WORDS_BACK = "|".join(re.escape(c[::-1]) for c in _BY_LENGTH if c[0].isalpha())
_SYMBOLS_BACK = "|".join(re.escape(c[::-1]) for c in _BY_LENGTH if not c[0].isalpha())
COMPARATOR_BACK_RE = re.compile(
    rf"\s?(?:(?P<word>{_WORDS_BACK})(?=[\s(\[])|(?P<symbol>{_SYMBOLS_BACK}))", re.IGNORECASE
)
CMP_WINDOW = 20
# "7.9 × 10^-8 S cm^-1 or lower"
AFTER_COMPARATOR_RE = re.compile(
    r"\s(?:or|and)\s(?:(?P<le>lower|less|below|smaller|fewer|shorter|younger)|"
    r"(?P<ge>higher|more|above|greater|larger|longer|older))\b"
)


def comparator_before(sentence: str, start: int) -> tuple[str, int]:
    """The comparator written just before ``start`` ("=" when none) and where it begins
    (``COMPARATOR_RE`` searched in the ``CMP_WINDOW`` characters before ``start``, read
    backwards)."""
    low = max(0, start - CMP_WINDOW)
    window = sentence[low:start]
    found = COMPARATOR_BACK_RE.match((window if low else " " + window)[::-1])
    if found is None:
        return "=", start
    printed = (found.group("word") or found.group("symbol"))[::-1]
    if printed == "C.":
        return "=", start  # a C-rate or an initial ending a sentence, not "c." (circa)
    return COMPARATORS[printed.lower()], start - found.end()


# a tolerance printed alone before the value: "about ±3%" (the value is 3, "about" its comparator)
_PLUS_MINUS_BEFORE_RE = re.compile(r"(?:±|\+/-)\s?$")


def bound_before(sentence: str, start: int) -> tuple[str, int]:
    """``comparator_before``, looked for before a tolerance printed alone when there is one
    ("about ±3%": the value 3, about)."""
    plus_minus = _PLUS_MINUS_BEFORE_RE.search(sentence, max(0, start - 3), start)
    if plus_minus is None:
        return comparator_before(sentence, start)
    comparator, begin = comparator_before(sentence, plus_minus.start())
    return (comparator, begin) if comparator != "=" else ("=", start)
