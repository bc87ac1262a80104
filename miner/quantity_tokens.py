"""The token walk of the quantity recogniser: every printed value of a sentence that can be part
of a measure, with the unit right after it if one reads (pint, via ``miner.units``).

The seam: this is the only place that looks at characters to decide what a value or a unit is
(orbitals, Wyckoff sites, space groups and "12 000" are settled here); the measure grammar
(``miner.quantity_grammar``) only combines the tokens it gets.
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from miner.numbers import LOST_MINUS_BEFORE, SHARED_TAIL, VALUE, Value, parse_value
from miner.units import UNIT, Reading, read_unit

log = logging.getLogger(__name__)

# a value that can be part of a measure: one with a unit after it (captured; at most two spaces
# or a hyphen between them: "1.2mS/cm", "0.5 mS cm^-1", "a 40-min period"), or one a range or
# list goes on from ("1100 and", "2–", "1, 2", "10 -4", "−10°,", "12 000"), or the upper end
# of a bracketed range whose power of ten or tolerance follows the bracket ("(1.2–1.5) × 10^-3");
# the rest (years, labels, citations) are left to the regex engine, never built into tokens
TOKEN_RE = re.compile(
    rf"(?=[\d.(+\-–]){VALUE}"
    rf"(?=(?P<unit>(?:\s{{0,2}}|-)(?:{UNIT}))|°|\s?[-–—~,]|\s(?:to|and|or|&|versus|vs\.?)\s"
    rf"|\s\d{{3}}(?!\d)|\s?×\s?\d|\s?\)\s?(?:[×x*·∙]\s?10|±|\+/-))"
)
# that bracket's tail and the unit after it: the tail applies to both ends of the range
_SHARED_TAIL_RE = re.compile(rf"{SHARED_TAIL}(?P<unit>\s{{0,2}}(?:{UNIT}))")
_BRACKET_OPEN_RE = re.compile(r"\(\s?$")
_RANGE_DASH_RE = re.compile(r"\s?[-–—]\s?")
MAX_VALUE = 64  # characters of one printed value
# a spaced power of ten without its sign ("5.2 × 10 4", "10 3–10 4") is negative before a
# conductivity however its unit is printed (no ionic conductor reaches 10^2 S/cm), and before a
# current density whose unit lost its minus too ("mA cm 2"). Not before other units that lost it:
# "3.2 × 10 2 mAh g 1" is 320 mAh/g if anything; "Ω cm 2" is printed as meant; "10 4 cycles" is
# no power
LOST_MINUS_DIMENSIONS = frozenset({"conductivity"})
LOST_MINUS_UNIT_DIMENSIONS = frozenset({"current_density"})
_LOST_MINUS_BEFORE_RE = re.compile(LOST_MINUS_BEFORE)
_LOST_POWER_RE = re.compile(r"[1-9]\d?")
# between the ends of a range or the items of a list printed so ("10 3–10 4 S cm 1")
_LOST_POWER_GAP_RE = re.compile(r"\s?[-–—~,]\s?|\s(?:to|and|or)\s")


class Token(NamedTuple):
    """A printed value and the unit right after it (``unit_end == end`` when there is none)."""

    start: int
    end: int
    text: str
    value: Value
    unit: str | None
    reading: Reading | None
    unit_end: int


# after a unit, an atom it does not know with a power ("1 J T−1 kg−1"): the unit is not all read
_NOT_A_UNIT_AFTER_RE = re.compile(r"\s[A-Za-z]{1,3}(?:\^-|[-–])\d")
# a unit divided by a span of years it does not read: "0.65%/a", "0.5 °C per decade" are rates
_UNREAD_AFTER_RE = re.compile(
    r"(?:\s?/\s?|\sper\s)(?:a|yr|year|annum|decades?|century|centuries|millenni(?:um|a))\b"
)
# a symbol glued to its number and divided by a letter it does not read is a term of a formula
# ("S=100A/n", "2V/d"), not a unit
_GLUED_DIVIDED_RE = re.compile(r"/[A-Za-z]")
# a Wyckoff site near a glued "h": another multiplicity with its letter ("24d", "16a") or the word
_WYCKOFF_NEAR_RE = re.compile(r"\d[a-gi]\b|\b(?:positions?|sites?)\b")
# the lattice letter of a space group with a mirror ("R-3 m", "P3 m 1", "I43 m", "F-43 m"); the
# article "A" ("A 3 m plot") is none of them
_SPACE_GROUP_BEFORE_RE = re.compile(r"[PRIFC][\s_-]{0,3}$")
_HYPHEN_WORD_RE = re.compile(r"-[a-z]{2}")
_POWER_BEFORE_RE = re.compile(r"[A-Za-z][-–]")
# the lattice letter and a glide plane of a space group before its "3 d" ("Ia 3 d", "I a-3 d")
_GLIDE_GROUP_BEFORE_RE = re.compile(r"\b[PRIFC]\s?[a-z]?\s?[-–¯]?\s?$")
# a decade: "the 1990s", "the 1960s" (a four-digit year ending in 0, "s" glued on)
_DECADE_RE = re.compile(r"[12]\d{2}0")


def value_tokens(sentence: str) -> list[Token]:
    """Every printed value of the sentence with the unit after it, if one reads."""
    out: list[Token] = []
    for match in TOKEN_RE.finditer(sentence):
        if out and match.start() < out[-1].unit_end:
            continue  # a power inside the unit before it ("S cm -1", "mA cm 2")
        printed = match.group(0)
        if len(printed) > MAX_VALUE:  # a run of digits, not a value (and not worth caching)
            log.debug("value of %d characters skipped", len(printed))
            continue
        try:
            value = parse_value(printed)
        except (ValueError, OverflowError) as err:
            log.debug("value %r skipped: %s", printed, err)
            continue
        start, end = match.span()
        if match.group("unit") is None and sentence.startswith((")", " )"), end):
            token = _bracketed(sentence, start, end, printed, out[-1] if out else None)
            if token is not None:
                out.append(token)
            continue
        if (
            match.group("unit") is None
            and len(printed) == 1
            and _POWER_BEFORE_RE.match(sentence, max(0, start - 2), start)
        ):
            continue  # the power of a unit no reading took: "5 °C min−1 to 800 °C" is no range
        if match.group("unit") is None:
            unit, reading, unit_end = None, None, end
        else:
            unit, reading, unit_end = _unit_after(sentence, start, end, match.group("unit"))
        out.append(Token(start, end, printed, value, unit, reading, unit_end))
    return _lost_minus_powers(_join_thousands(out, sentence), sentence)


def _bracketed(
    sentence: str, start: int, end: int, printed: str, low: Token | None
) -> Token | None:
    """The upper end of a bracketed range read with the power of ten or tolerance after the
    bracket, and the unit after that: "0.42" of "(0.28–0.42) × 10^-10 m" is 0.42 × 10^-10 m,
    "624" of "(563–624) ± 30 K" is 624 ± 30 K; None when no such tail and unit follow, or the
    bracket does not hold just the range ``low``–value."""
    tail = _SHARED_TAIL_RE.match(sentence, end)
    if (
        tail is None
        or low is None
        or low.reading is not None
        or _BRACKET_OPEN_RE.search(sentence, max(0, low.start - 2), low.start) is None
        or _RANGE_DASH_RE.fullmatch(sentence, low.end, start) is None
    ):
        return None
    try:
        value = parse_value(printed + sentence[end : tail.start("unit")].replace(")", "", 1))
    except (ValueError, OverflowError) as err:
        log.debug("bracketed value %r skipped: %s", printed, err)
        return None
    unit, reading, unit_end = _unit_after(sentence, start, tail.start("unit"), tail.group("unit"))
    if reading is None:
        return None
    return Token(start, tail.start("unit"), printed, value, unit, reading, unit_end)


def _unit_after(
    sentence: str, start: int, end: int, printed: str
) -> tuple[str | None, Reading | None, int]:
    """The unit ``printed`` right after the value ``sentence[start:end]``, if it reads: the
    unit, its reading and where it ends; (None, None, end) when it does not."""
    text = printed.lstrip(" -")
    try:
        reading = read_unit(text)
    except ValueError as err:
        log.debug("unit %r after %r skipped: %s", text, sentence[start:end], err)
        return None, None, end
    unit = text[: reading.length]
    unit_end = end + len(printed) - len(text) + reading.length
    if (
        _NOT_A_UNIT_AFTER_RE.match(sentence, unit_end)
        or _UNREAD_AFTER_RE.match(sentence, unit_end)
        or (printed == text and _GLUED_DIVIDED_RE.match(sentence, unit_end))
        or _not_a_unit(sentence, start, end, unit)
    ):
        return None, None, end
    return unit, reading, unit_end


def _not_a_unit(sentence: str, start: int, end: int, unit: str) -> bool:
    """Letters after a number that are no unit: an orbital ("Pb 6s"), a Wyckoff site ("Li(96h)",
    "96h_Li2", "at 24c, 16a, and 96h", "the 96h position"), a space group ("R-3 m", "P3 m 1",
    "I43 m"), a decade ("the 1990s"), potassium ("K-feldspar"), "3d" (an orbital, not days)."""
    glued = sentence[end : end + 1] not in (" ", "")
    if unit == "s":
        decade = _DECADE_RE.fullmatch(sentence, start, end) is not None
        return glued and (end - start == 1 or decade)
    if unit == "h":
        after = sentence[end + 1 : end + 2]
        near = sentence[max(0, start - 20) : start] + " " + sentence[end + 1 : end + 14]
        return glued and (
            sentence[start - 1 : start] == "("
            or (after != "" and after in "_)")
            or _WYCKOFF_NEAR_RE.search(near) is not None
        )
    if unit == "m":
        return _SPACE_GROUP_BEFORE_RE.search(sentence, max(0, start - 4), start) is not None
    if unit == "d":  # days only when spaced and alone: "3 d", not "3d", "2 d-spacing", "I 4 ¯ 3 d"
        before = sentence[max(0, start - 4) : start]
        return (
            glued
            or sentence.startswith("-", sentence.find("d", end) + 1)
            or "¯" in before
            or _GLIDE_GROUP_BEFORE_RE.search(sentence, max(0, start - 6), start) is not None
        )
    if unit == "K":  # potassium: "4 K-feldspar grains", "10 K-rich layers"
        return _HYPHEN_WORD_RE.match(sentence, sentence.find("K", end) + 1) is not None
    return False


def _join_thousands(tokens: list[Token], sentence: str) -> list[Token]:
    """ "12 000 h": groups of three digits after a space continue the number before them."""
    out: list[Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            last is not None
            and last.unit is None
            and token.start == last.end + 1
            and sentence[last.end] == " "
            and len(token.text) == 3
            and token.text.isdigit()
            and last.text.replace(" ", "").isdigit()
            and len(last.text.split(" ")[-1]) <= 3
            and (len(last.text) <= 3 or " " in last.text)
            and last.text[0] != "0"
        ):
            number = float(last.text.replace(" ", "") + token.text)
            out[-1] = token._replace(
                start=last.start, text=f"{last.text} {token.text}", value=Value(number, None, None)
            )
            continue
        out.append(token)
    return out


def _lost_minus_powers(tokens: list[Token], sentence: str) -> list[Token]:
    """ "5.2 × 10 4 S cm 1" is 5.2 × 10^-4 S/cm, "10 3–10 4 S cm 1" 10^-3–10^-4 S/cm: the
    spaced power of ten lost its minus (``LOST_MINUS_DIMENSIONS``). The token of the power's
    digits becomes one of the whole value, and so do the earlier ends of its range or list
    printed the same way."""
    out: list[Token] = []
    for token in tokens:
        reading = token.reading
        merged = None
        dimension = None if reading is None else reading.canonical.dimension
        if dimension in LOST_MINUS_DIMENSIONS or (
            reading is not None and reading.lost_minus and dimension in LOST_MINUS_UNIT_DIMENSIONS
        ):
            merged = _lost_power(token, sentence)
        if merged is None:
            out.append(token)
            continue
        items = [merged]
        while True:
            while out and out[-1].start >= items[-1].start:
                out.pop()  # the mantissa's own token
            before = out[-1] if out else None
            if (
                before is None
                or before.reading is not None
                or _LOST_POWER_GAP_RE.fullmatch(sentence, before.end, items[-1].start) is None
            ):
                break
            item = _lost_power(before, sentence)
            if item is None:
                break
            out.pop()
            items.append(item)
        out.extend(reversed(items))
    return out


def _lost_power(token: Token, sentence: str) -> Token | None:
    """The token of the whole value whose spaced, unsigned power of ten is ``token`` ("4" of
    "5.2 × 10 4", "3" of "10 3"), read as negative; None when ``token`` is no such power."""
    if _LOST_POWER_RE.fullmatch(token.text) is None or not sentence.endswith("10 ", 0, token.start):
        return None
    window = max(0, token.start - MAX_VALUE - 8)
    before = _LOST_MINUS_BEFORE_RE.search(sentence, window, token.start)
    if before is None:
        return None
    power = -int(token.text)
    number, uncertainty = 1.0, None
    if before.group("mantissa") is not None:
        try:
            mantissa = parse_value(before.group("mantissa"))
        except (ValueError, OverflowError) as err:
            log.debug("mantissa %r skipped: %s", before.group("mantissa"), err)
            return None
        if mantissa.power is not None:
            return None
        number, uncertainty = mantissa.number, mantissa.uncertainty
    scaled = None if uncertainty is None else float(f"{uncertainty!r}e{power}")
    value = Value(float(f"{number!r}e{power}"), scaled, power)
    start = before.start()
    return token._replace(start=start, text=sentence[start : token.end], value=value)
