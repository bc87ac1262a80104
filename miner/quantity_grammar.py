"""The measure grammar of the quantity recogniser: the measures one sentence's tokens make --
a value with its unit, a range, a list sharing one unit, a bound, an uncertainty -- in canonical
units, and the dimensionless transference numbers.

The seam: it reads tokens (``miner.quantity_tokens``), never raw characters for values or units,
and knows nothing of sentences beyond the one it is given nor of measurement conditions
(``miner.quantity_conditions``).
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from miner.comparators import AFTER_COMPARATOR_RE, COMPARATORS, bound_before
from miner.number_words import NumberWord
from miner.quantity_tokens import Token, value_tokens
from miner.units import UNIT, Quantity, Reading, read_unit

log = logging.getLogger(__name__)

# after a unit: "± 0.02 eV", "(± 20 nm)", a standard deviation in parentheses ("(SD 0.1 m)")
UNCERTAINTY_AFTER_RE = re.compile(
    rf"\s?(?P<open>\(\s?)?(?:±|\+/-|(?(open)(?:SD|s\.d\.|SE)\s?(?:=\s?)?|(?!)))\s?"
    rf"(?P<value>\d+(?:\.\d+)?)(?:\s?(?P<unit>{UNIT}))?(?(open)\s?\))"
)
TOLERANCE_MARKS = ("±", "+/-", "SD", "s.d.", "SE")
# what may stand between the ends of a range ("–", "to", "~", "and" after "between"; "to just",
# "to only": a word that stresses the upper end), and a comparator of the upper end ("from ~2 to
# ~4 nm", "between 200 and >1000 m": the range's end as printed)
RANGE_SEP_RE = re.compile(
    r"(?P<sep>\s?[-–—~]\s?|-?\sto\s(?:just\s|only\s|merely\s)?|\sand\s)(?P<cmp>[~≈<>≤≥]\s?)?"
)
# between the ends of a range that is an item of a list ("0–10, 10–20 and 20–30 cm")
ITEM_RANGE_RE = re.compile(r"\s?[-–—]\s?")
MAX_RANGE_GAP = 13  # characters of the longest separator (" to merely ~ ")
BETWEEN_RE = re.compile(r"\b(?:between|from)\s$", re.IGNORECASE)
# between the items of a list sharing one unit: ", ", " and ", ", and ", " or ", " versus (vs) ",
# " × " (the sides of "2 × 2 m", "4 × 4 × 5 mm")
LIST_SEP_RE = re.compile(
    r"-?(?P<comma>\s?,)?\s?(?P<conj>(?:and|or|&|versus|vs\.?)\s(?:\(vs\.?\)\s)?|×\s?)?"
    r"(?P<cmp>[~≈]\s?)?"
)
# a list item is no value: a figure or table label before it, a variable ("x = 0.2 and 0.5"),
# a ratio ("1:10")
LABEL_BEFORE_RE = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tables?|Sections?|Eqs?\.?|Refs?\.?|Schemes?|Notes?)\s*$", re.I
)
_VARIABLE_BEFORE = re.compile(r"(?<![A-Za-z])[a-zδ]\s?=\s?$")
# dimensionless values are only quantities after the name of one (transference numbers, also
# called transport numbers; "almost unity" is about 1)
DIMENSIONLESS_RE = re.compile(
    r"(?i)(?:(?:transference|transport) numbers?|\bt_?\{?Li\+?\}?)"
    r"(?:[^.;\d=≈~<>]|(?<=[A-Za-z])\d{1,3}(?:\.\d{1,4})?){0,40}?"  # a formula's amounts, no value
    r"(?:=|:|\bof|\bis|\bwas|\bwere|\breached|\breaches|\bas high as)?\s?"
    r"(?:(?P<cmp>≈|~|>|<|almost|nearly|close to)\s?)?"
    r"(?<![\w.])(?P<low>0?\.\d+|1(?:\.0+)?|unity\b)(?!\d|\.\d)"
)
_NEAR_WORDS = frozenset({"almost", "nearly", "close to"})
# the space between sentences is group 1; the stop is matched, not looked behind for, so the
# engine scans for it in C instead of trying the pattern at every position
# a bare "10-4" is a power of ten before these units (user text, PDF text), never 10 to 4
BARE_POWER_DIMENSIONS = frozenset({"conductivity", "pressure"})
MAX_LIST = 32  # items of one list


class Found(NamedTuple):
    """A quantity found in the text (a NamedTuple: cheaper to build and copy than a frozen
    dataclass). ``joined``: it continues a list begun by the quantity before it; ``interval``:
    it is the range two quantities make ("from 83.6% to 96%"), found besides them."""

    start: int
    end: int
    quantity: Quantity
    temperature_C: float | None = None
    rt: bool = False
    condition: bool = False
    joined: bool = False
    interval: bool = False


def _canonical(number: float, reading: Reading) -> float:
    return float(f"{number * reading.factor + reading.offset:.12g}")


def _uncertainty(number: float | None, reading: Reading) -> float | None:
    return None if number is None else float(f"{number * reading.factor:.12g}")


def _shared(token: Token, closing: Token) -> float:
    """A bare mantissa shares the power of ten printed on the value that closes its range or
    list ("1.2–1.75 × 10^-3", "1.2 and 3.4 × 10^-4")."""
    if token.value.power is None and closing.value.power is not None:
        return float(f"{token.value.number!r}e{closing.value.power}")
    return token.value.number


def _bare_power(low: Token, high: Token, sentence: str, printed: str) -> bool:
    """ "10-4 S cm-1", "10 −4 S cm−1", "10–4 S·cm–1", "10⁻³ Pa": ten to a power printed without
    its caret."""
    if low.text != "10" or not high.text.lstrip("-–").isdigit() or len(high.text.lstrip("-–")) > 2:
        return False
    if "⁻" in printed[low.end : high.start + 1]:
        return True
    return high.reading is not None and high.reading.canonical.dimension in BARE_POWER_DIMENSIONS


class SentenceReader:
    """The measures of one sentence, read left to right from its tokens."""

    def __init__(
        self, sentence: str, printed: str, offset: int = 0, words: list[NumberWord] | None = None
    ) -> None:
        self.sentence = sentence
        self.words = words or []  # numbers written as words, offsets in the sentence
        self.printed = printed
        self.offset = offset  # of the sentence in the text: the found offsets are the text's
        self.last_end = -1
        self.tokens = value_tokens(sentence)
        self.respectively = "respectively" in sentence
        self.plus_minus = any(mark in sentence for mark in TOLERANCE_MARKS)
        self.found: list[Found] = []
        self.intervals: list[Found] = []  # ranges of two quantities, besides them
        self.no_list_until = -1  # no list starts at a token up to this index

    def read(self) -> list[Found]:
        tokens = self.tokens
        # when no value has a unit, no value is part of a measure
        i = 0 if any(token.reading for token in tokens) else len(tokens)
        while i < len(tokens):
            if tokens[i].start < self.last_end:
                i += 1  # inside the measure before it ("(± 20 nm)", the "2" of "cm 2")
                continue
            try:
                i = self._measure(i)
            except (ValueError, ArithmeticError) as err:
                log.debug("value %r skipped: %s", tokens[i].text, err)
                i += 1
        self._words()
        return self.found

    def _words(self) -> None:
        """Numbers and units written as words ("two days", "Ten-day", "thirty percent")."""
        taken = sorted((f.start - self.offset, f.end - self.offset) for f in self.found)
        k = 0  # both in order: one walk, not every word against every measure
        for start, end, number, unit in self.words:
            while k < len(taken) and taken[k][1] <= start:
                k += 1
            if k < len(taken) and taken[k][0] < end:
                continue  # inside a measure of printed values
            try:
                reading = read_unit(unit)
            except ValueError as err:
                log.debug("unit word %r skipped: %s", unit, err)
                continue
            comparator, begin = self._bound(start, end, reading)
            self._add(begin, end, reading, _canonical(number, reading), None, comparator)

    def _measure(self, i: int) -> int:
        """Reads the measure that starts with token ``i``; the index of the next token."""
        token = self.tokens[i]
        if self.sentence[token.start - 1 : token.start] == "/" and self.last_end != token.start - 1:
            return i + 1  # "dB/0.05 nm", "C/10": it divides what is before it ("60 °C/30 min": two)
        if i + 1 < len(self.tokens):
            after = self._range(i)
            if after is None:
                after = self._list(i)
            if after is not None:
                return after
        if token.reading is not None:
            self._single(token)
        return i + 1

    def _quantity(
        self,
        start: int,
        end: int,
        reading: Reading,
        value: float,
        value_max: float | None = None,
        comparator: str = "=",
        uncertainty: float | None = None,
    ) -> Quantity:
        """The quantity ``sentence[start:end]`` prints, in ``reading``'s canonical unit."""
        canonical = reading.canonical
        return Quantity(
            value, canonical.unit, canonical.dimension, self.printed[start:end], value_max,
            comparator, uncertainty,
        )  # fmt: skip

    def _add(
        self,
        start: int,
        end: int,
        reading: Reading,
        value: float,
        value_max: float | None = None,
        comparator: str = "=",
        uncertainty: float | None = None,
        joined: bool = False,
    ) -> None:
        """A measure of ``sentence[start:end]`` (values in the canonical unit)."""
        quantity = self._quantity(start, end, reading, value, value_max, comparator, uncertainty)
        self.found.append(Found(start + self.offset, end + self.offset, quantity, joined=joined))
        self.last_end = end

    def _bound(
        self, start: int, end: int, reading: Reading, written: str | None = None
    ) -> tuple[str, int]:
        """The comparator of the measure ``sentence[start:end]`` and where its span starts:
        the one written just before it (or ``written``, inside a list), else "or lower" after it.
        "over 300 cycles" and "over 500 h" of cycling are the span of a test (=), "for over
        500 h" a bound; "pressed under 500 MPa" is a condition."""
        comparator, begin = (written, start) if written else bound_before(self.sentence, start)
        if comparator == "=":
            after = AFTER_COMPARATOR_RE.match(self.sentence, end)
            if after is not None:
                comparator = "<=" if after.group("le") else ">="
            return comparator, begin
        if comparator in (">", "<"):
            word = " ".join(self.sentence[begin:start].split()[:1]).lower()
            dimension = reading.canonical.dimension
            if word == "over" and dimension in ("count", "time"):
                if not self.sentence[max(0, begin - 4) : begin].lower().endswith("for "):
                    return "=", start
            elif word == "under" and dimension == "pressure":
                return "=", start
        return comparator, begin

    def _single(self, token: Token) -> None:
        reading = token.reading
        assert reading is not None
        end = token.unit_end
        uncertainty = _uncertainty(token.value.uncertainty, reading)
        extra = UNCERTAINTY_AFTER_RE.match(self.sentence, end) if self.plus_minus else None
        if uncertainty is None and extra is not None:
            own = read_unit(extra.group("unit")) if extra.group("unit") else reading
            uncertainty = _uncertainty(float(extra.group("value")), own)
            end = extra.end()
        comparator, start = self._bound(token.start, end, reading)
        value = _canonical(token.value.number, reading)
        self._add(start, end, reading, value, None, comparator, uncertainty)

    def _range(self, i: int) -> int | None:
        """ "A–B unit", "A unit to B unit", "between A and B unit", "10-4 S cm-1"."""
        low, high = self.tokens[i], self.tokens[i + 1]
        reading = high.reading
        if reading is None or high.start - low.unit_end > MAX_RANGE_GAP:
            return None
        gap = self.sentence[low.unit_end : high.start]
        if gap.startswith("°") and low.reading is None and high.unit in ("°C", "° C"):
            gap = gap[1:]  # "350° to 550°C"
        signed = high.text[0] in "-–" and gap in ("", " ")
        separator = RANGE_SEP_RE.fullmatch(gap)
        if not signed and separator is None:
            return None
        if separator is not None and separator.group("sep") == " and ":
            if BETWEEN_RE.search(self.sentence, max(0, low.start - 9), low.start) is None:
                return None
        end = high.unit_end
        comparator, start = self._bound(low.start, end, reading)
        top = _canonical(abs(high.value.number) if signed else high.value.number, reading)
        if low.reading is not None:
            if low.reading.canonical.dimension != reading.canonical.dimension:
                return None
            # each end keeps its own span (fact assembly reads "from A unit to B unit" as a
            # value before and after a change, "between A unit and B unit" as two values); the
            # interval they make is found besides them
            self._single(low)
            self._single(high)
            value = _canonical(low.value.number, low.reading)
            quantity = self._quantity(start, end, reading, value, top, comparator)
            self.intervals.append(
                Found(start + self.offset, end + self.offset, quantity, interval=True)
            )
            return i + 2
        if _bare_power(low, high, self.printed, reading):
            value = _canonical(float(f"1e-{high.text.lstrip('-–')}"), reading)
            top = None
        else:
            value = _canonical(_shared(low, high), reading)
        # a tolerance printed once after the upper end is the range's ("563–624 ± 30 K")
        shared = high.value.uncertainty if low.value.uncertainty is None else None
        self._add(start, end, reading, value, top, comparator, _uncertainty(shared, reading))
        return i + 2

    def _list(self, i: int) -> int | None:
        """Bare values listed before a quantity share its unit: "1.2, 3.4 and 5.6 × 10^-4
        S cm^-1", "0.41 versus 0.26 eV", "5 or 30 h", "−10°, −20° and −30 °C", and ranges
        listed so ("0–10, 10–20 and 20–30 cm"). A chain of values that ends without a unit is no
        list from any of its values on, so it is walked once (a long run of "1, 1, 1, ..."
        stays linear)."""
        tokens, sentence = self.tokens, self.sentence
        first = tokens[i]
        if i <= self.no_list_until or first.reading is not None:
            return None
        gap = sentence[first.end : tokens[i + 1].start]
        if (
            not gap
            or len(gap) > 16
            or (gap[-1] not in " ,~≈" and ITEM_RANGE_RE.fullmatch(gap) is None)
            or self._not_an_item(first, variables=False)
        ):
            return None  # no separator can be this gap (most bare numbers: years, labels)
        # "x = 0.2 and 0.5" are amounts; "x = 1180 and 1980 mm" are positions, a list of lengths
        variable = _VARIABLE_BEFORE.search(sentence, max(0, first.start - 12), first.start)
        written: list[str | None] = [None]
        items: list[tuple[int, int]] = []  # (low, high) token indices of each item
        joined_by_word = False
        k = i
        closing: Token | None = None
        while True:
            low = k
            if k + 1 < len(tokens) and tokens[k].reading is None:
                if (
                    ITEM_RANGE_RE.fullmatch(sentence, tokens[k].end, tokens[k + 1].start)
                    and tokens[k].value.number < tokens[k + 1].value.number  # not "10-4"
                ):
                    k += 1  # a range item: "10–20" of "0–10, 10–20 and 20–30 cm"
            items.append((low, k))
            if tokens[k].reading is not None:
                closing = tokens[k]
                break
            if k + 1 >= len(tokens) or (k > i and self._not_an_item(tokens[low])):
                break
            end = tokens[k].end + (1 if sentence.startswith("°", tokens[k].end) else 0)
            sep = LIST_SEP_RE.fullmatch(sentence[end : tokens[k + 1].start])
            if sep is None or not (sep.group("comma") or sep.group("conj")):
                break
            joined_by_word = joined_by_word or bool(sep.group("conj"))
            k += 1
            written.append(COMPARATORS[sep.group("cmp").strip()] if sep.group("cmp") else None)
        if closing is None:
            self.no_list_until = k
            return None
        if k - i + 1 > MAX_LIST:
            self.no_list_until = k - MAX_LIST
            return None
        reading = closing.reading
        assert reading is not None
        if len(items) == 1 or not (joined_by_word or self.respectively):
            return None
        if variable is not None and reading.canonical.dimension != "length":
            return None
        degrees = "°" in sentence[first.end : closing.start]
        if degrees and reading.canonical.dimension != "temperature":
            return None
        leading: str | None = None
        for n, (low, high) in enumerate(items):
            token = tokens[high]
            if high == k:
                end = token.unit_end
            else:
                end = token.end + sentence.startswith("°", token.end)
            start = tokens[low].start
            comparator, start = self._bound(start, end, reading, written[n] or leading)
            if n == 0:
                leading = None if comparator == "=" else comparator
            number = token.value.number if high == k else _shared(token, closing)
            top = None
            if high != low:
                top = _canonical(number, reading)
                number = _shared(tokens[low], closing)
            uncertainty = _uncertainty(token.value.uncertainty, reading)
            value = _canonical(number, reading)
            self._add(start, end, reading, value, top, comparator, uncertainty, joined=n > 0)
        return k + 1

    def _not_an_item(self, token: Token, variables: bool = True) -> bool:
        before = self.sentence[max(0, token.start - 12) : token.start]
        return bool(
            LABEL_BEFORE_RE.search(before)
            or (variables and _VARIABLE_BEFORE.search(before))
            or before.endswith((":", "/"))
            or self.sentence.startswith((":", "/"), token.end)
        )


def dimensionless(sentence: str, printed: str, offset: int) -> list[Found]:
    """Transference numbers: dimensionless values after the name of one."""
    out = []
    for match in DIMENSIONLESS_RE.finditer(sentence):
        raw = printed[match.start("low") : match.end()]
        cue = (match.group("cmp") or "").lower()
        comparator = "~" if cue in _NEAR_WORDS else COMPARATORS.get(cue, "=")
        low = match.group("low")
        value = 1.0 if low.lower() == "unity" else float(low)
        quantity = Quantity(value, "1", "dimensionless", raw, None, comparator)
        out.append(Found(offset + match.start("low"), offset + match.end(), quantity))
    return out
