"""Numbers written as words before a unit written as a word: "two days", "after one week",
"Ten-day", "a twenty year lifetime", "thirty percent", "three metres", "twenty-five years".

Only unit words (never symbols: "one h" is not how anyone writes) of the claimed families that
are counted in words: times, percentages, lengths. "Four-year-old" is an age.
"""

from __future__ import annotations

import re

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
UNIT_WORDS = (
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|percent|per\scent|"
    r"(?:centi|milli|kilo)?met(?:er|re)s?|microns?"
)
# the number, a space or a hyphen, the unit word; "year-old" goes on, other hyphens do not
# ("one second-order term")
NUMBER_WORD_RE = re.compile(
    rf"(?<![A-Za-z-])(?P<number>(?:{_TENS_RE})-(?:{_ONES_RE})|{_SINGLE_RE})[\s-]"
    rf"(?P<unit>{UNIT_WORDS})(?![A-Za-z]|-(?!old))",
    re.IGNORECASE,
)


def word_value(printed: str) -> float:
    """ "twenty-five" -> 25.0, "Ten" -> 10.0."""
    return float(sum(WORD_VALUES[part] for part in printed.lower().split("-")))
