"""Numbers written as words before a unit written as a word: "two days", "after one week",
"Ten-day", "a twenty year lifetime", "thirty percent", "three metres", "twenty-five years".

Only unit words (never symbols: "one h" is not how anyone writes) of the claimed families that
are counted in words: times, percentages, lengths. "Four-year-old" is an age.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
WORD_VALUES = {**_ONES, **_TEENS, **_TENS, "hundred": 100}
_TENS_RE = "|".join(_TENS)
_ONES_RE = "|".join(_ONES)
_SINGLE_RE = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
# the unit word is looked for first (one scan whose every try starts with a space or hyphen),
# then the word before it: a number-word-first pattern tries each letter of the text
_UNIT_WORD_RE = re.compile(
    r"[\s-](?P<unit>[Ss]econds?|[Mm]inutes?|[Hh]ours?|[Dd]ays?|[Ww]eeks?|[Mm]onths?|[Yy]ears?|"
    r"percent|per\scent|(?:centi|milli|kilo)?met(?:er|re)s?|microns?)"
    r"(?![A-Za-z]|-(?!old))"  # "year-old" goes on, other hyphens do not ("second-order")
)
_NUMBER_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z-])(?:(?:{_TENS_RE})-(?:{_ONES_RE})|{_SINGLE_RE})$", re.IGNORECASE
)


class NumberWord(NamedTuple):
    """A number and its unit written as words: ``text[start:end]``, the value, the unit word."""

    start: int
    end: int
    value: float
    unit: str


def number_words(text: str) -> list[NumberWord]:
    """Every number written as a word before a unit word in ``text``, in order."""
    out = []
    for match in _UNIT_WORD_RE.finditer(text):
        number = _NUMBER_BEFORE_RE.search(text, max(0, match.start() - 14), match.start())
        if number is not None:
            value = word_value(number.group(0))
            out.append(NumberWord(number.start(), match.end(), value, match.group("unit")))
    return out


def word_value(printed: str) -> float:
    """ "twenty-five" -> 25.0, "Ten" -> 10.0."""
    return float(sum(WORD_VALUES[part] for part in printed.lower().split("-")))
