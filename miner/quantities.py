"""QUANTITY recogniser: values, ranges, lists, bounds and uncertainties with units normalised to
the canonical units of GOLD_FORMAT.md, and the measurement temperature attached to the
quantities it qualifies.

Spans go to ``doc.spans["llzo_quantity"]`` (label QUANTITY) with ``value``, ``value_max``,
``unit``, ``raw``, ``comparator`` (``=``, ``<``, ``>``, ``<=``, ``>=``, ``~``), ``uncertainty``,
``dimension``, ``temperature_C`` and ``rt``. Two more groups, same label and attributes, keep
fact assembly (which reads ``llzo_quantity``) as it was while every measure is a span:
``doc.spans["llzo_condition"]`` holds the temperatures that are measurement conditions ("at
25 °C": they qualify the quantities around them), ``doc.spans["llzo_range"]`` the interval two
quantities make when each end has its unit ("between 18 °C and 22 °C", "from 83.6% to 96%":
assembly reads the ends as two values). ``measures(doc)`` is the reader's count: an interval
stands for its two ends.

How it reads (docs/decisions/0203-quantities-one-pass.md, 0209-quantities-every-notation.md):
- one pass of ``TOKEN_RE`` (``numbers.VALUE`` and what may follow it) over the folded text
  (``units.fold`` keeps offsets) finds every printed value that can be part of a measure, with
  the unit after it (``units.UNIT``, at most one space away, read by pint) if it has one;
- a small grammar over that sequence makes the measures: a value with a unit; a range
  ("A–B unit", "A to B unit", "from A unit to B unit", "between A and B unit", "A ~ B unit"; a
  mantissa range shares the power of ten of its upper end); a list sharing one unit ("1.2, 3.4
  and 5.6 × 10^-4 S cm^-1", "0.41 versus 0.26 eV", "5 or 30 h"; comma-only lists in
  "respectively" sentences); a bare ``10-4`` before a conductivity unit is 10^-4, never the range
  10 to 4; "12 000 h" is one number;
- a comparator is looked for only just before a measure (``miner.comparators``: "up to", "as
  high as", "over", "nearly", "~", "about ±3%") and "or lower" just after it; uncertainties are
  read with the value ("0.42 ± 0.02 eV", "(1.2 ± 0.1) × 10^-3", "7.1920(1) Å", "350 nm (± 20 nm)");
- a temperature that is a measurement condition ("at 25 °C", "(300 K)" after a value, "at 0.5 C
  and 55 °C", "At 60 °C, ...") is attached to the quantities it qualifies; "sintered at 1100 °C"
  stays a quantity (the property component names it); "at RT", "at room temperature" give
  ``temperature_C=25`` and ``rt=True``.

It cannot raise on any text: a value or unit that does not read is skipped with a logged reason.
"""

from __future__ import annotations

import logging
import re
from operator import attrgetter
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.comparators import AFTER_COMPARATOR_RE, COMPARATORS, bound_before
from miner.extensions import set_attrs, set_group
from miner.number_words import NumberWord, number_words
from miner.numbers import VALUE, Value, parse_value
from miner.tokenizer import doc_text
from miner.units import UNIT, Quantity, Reading, fold, read_unit

log = logging.getLogger(__name__)

SPAN_KEY = "llzo_quantity"
CONDITION_KEY = "llzo_condition"
RANGE_KEY = "llzo_range"
LABEL = "QUANTITY"
# a value that can be part of a measure: one with a unit after it (captured; at most two spaces
# or a hyphen between them: "1.2mS/cm", "0.5 mS cm^-1", "a 40-min period"), or one a range or
# list goes on from ("1100 and", "2–", "1, 2", "10 -4", "−10°,", "12 000"); the rest (years,
# labels, citations) are left to the regex engine, never built into tokens
TOKEN_RE = re.compile(
    rf"(?=[\d.(+\-–]){VALUE}"
    rf"(?=(?P<unit>(?:\s{{0,2}}|-)(?:{UNIT}))|°|\s?[-–—~,]|\s(?:to|and|or|&|versus|vs\.?)\s"
    rf"|\s\d{{3}}(?!\d)|\s?×\s?\d)"
)
# after a unit: "± 0.02 eV", "(± 20 nm)"
UNCERTAINTY_AFTER_RE = re.compile(
    rf"\s?(?P<open>\(\s?)?(?:±|\+/-)\s?(?P<value>\d+(?:\.\d+)?)(?:\s?(?P<unit>{UNIT}))?"
    rf"(?(open)\s?\))"
)
# what may stand between the ends of a range ("–", "to", "~", "and" after "between"), and a
# comparator of the upper end ("from ~2 to ~4 nm")
RANGE_SEP_RE = re.compile(r"(?P<sep>\s?[-–—~]\s?|\sto\s|\sand\s)(?P<cmp>[~≈]\s?)?")
BETWEEN_RE = re.compile(r"\b(?:between|from)\s$", re.IGNORECASE)
# between the items of a list sharing one unit: ", ", " and ", ", and ", " or ", " versus (vs) ",
# " × " (the sides of "2 × 2 m", "4 × 4 × 5 mm")
LIST_SEP_RE = re.compile(
    r"(?P<comma>\s?,)?\s?(?P<conj>(?:and|or|&|versus|vs\.?)\s(?:\(vs\.?\)\s)?|×\s?)?"
    r"(?P<cmp>[~≈]\s?)?"
)
# a list item is no value: a figure or table label before it, a variable ("x = 0.2 and 0.5"),
# a ratio ("1:10")
_LABEL_BEFORE = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tables?|Sections?|Eqs?\.?|Refs?\.?|Schemes?|Notes?)\s*$", re.I
)
_VARIABLE_BEFORE = re.compile(r"(?<![A-Za-z])[a-zδ]\s?=\s?$")
# dimensionless values are only quantities after the name of one (transference numbers)
DIMENSIONLESS_RE = re.compile(
    r"(?i)(?:transference numbers?|\bt_?\{?Li\+?\}?)[^.;\d=≈~<>]{0,40}?"
    r"(?:=|:|\bof|\bis|\bwas|\bwere|\breached|\breaches|\bas high as)?\s?(?:(?P<cmp>≈|~|>|<)\s?)?"
    r"(?P<low>0?\.\d+|1(?:\.0+)?)(?!\d|\.\d)"
)
# the space between sentences is group 1; the stop is matched, not looked behind for, so the
# engine scans for it in C instead of trying the pattern at every position
SENTENCE_END_RE = re.compile(r"[.;!?](\s+)(?=[A-Z(\[])")
CONDITION_BEFORE_RE = re.compile(
    r"(?:\b(?:[Aa]t|@)\s(?:(?:a|an)\s)?(?:(?:[\d.]+\s?C|RT|room temperature)\s(?:and|,)\s?)?"
    r"|\d\s?C\s?\(\s?)$"
)
PAREN_BEFORE_RE = re.compile(r"\(\s?(?:at\s)?$")
PROCESS_RE = re.compile(
    r"(?i)\b(?:sinter\w*|calcin\w*|anneal\w*|heat\w*|synthes\w*|prepar\w*|treat\w*|press\w*|"
    r"fir(?:ed|ing)|dried|drying|quench\w*|cur(?:ed|ing)|deposit\w*|process\w*|"
    r"temperature\s(?:of|range|window)?|held|kept|hold\w*|grown|melt\w*|reaction\w*|decompos\w*)"
)
PROCESS_STEMS = ("sinter", "calcin", "anneal", "heat", "synthes", "prepar", "treat", "press",
                 "fir", "dried", "drying", "quench", "cur", "deposit", "process", "temperature",
                 "held", "kept", "hold", "grown", "melt", "reaction", "decompos")  # fmt: skip
DIGIT_RE = re.compile(r"\d")
UNCONDITIONED = frozenset({"temperature", "time"})  # process settings, not measurements
RT_RE = re.compile(r"\b(?:RT|room[\s-]temperature|ambient temperature)\b")
# a bare "10-4" is a power of ten before these units (user text, PDF text), never 10 to 4
BARE_POWER_DIMENSIONS = frozenset({"conductivity", "pressure"})
MAX_LIST = 32  # items of one list
MAX_VALUE = 64  # characters of one printed value
MAX_MARKS = 64  # conditions attached per sentence (each looks at every quantity of it)
PROCESS_WINDOW = 300  # characters before a temperature looked at for a processing word


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


class Token(NamedTuple):
    """A printed value and the unit right after it (``unit_end == end`` when there is none)."""

    start: int
    end: int
    text: str
    value: Value
    unit: str | None
    reading: Reading | None
    unit_end: int


_START = attrgetter("start")
# after a unit, an atom it does not know with a power ("1 J T−1 kg−1"): the unit is not all read
_NOT_A_UNIT_AFTER_RE = re.compile(r"\s[A-Za-z]{1,3}(?:\^-|[-–])\d")
# a unit divided by a year it does not read: "0.65%/a" is a rate
_UNREAD_AFTER_RE = re.compile(r"/(?:a|yr|year|annum)\b")
# a Wyckoff site near a glued "h": another multiplicity with its letter ("24d", "16a") or the word
_WYCKOFF_NEAR_RE = re.compile(r"\d[a-gi]\b|\b(?:positions?|sites?)\b")
_SPACE_GROUP_BEFORE_RE = re.compile(r"[A-Z][\s_-]{0,3}$")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.start(1)))
        start = match.end(1)
    bounds.append((start, len(text)))
    return bounds


def _tokens(sentence: str) -> list[Token]:
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
        if match.group("unit") is None:
            unit, reading, unit_end = None, None, end
        else:
            unit, reading, unit_end = _unit_after(sentence, start, end, match.group("unit"))
        out.append(Token(start, end, printed, value, unit, reading, unit_end))
    return _join_thousands(out, sentence)


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
        or _not_a_unit(sentence, start, end, unit)
    ):
        return None, None, end
    return unit, reading, unit_end


def _not_a_unit(sentence: str, start: int, end: int, unit: str) -> bool:
    """Letters after a number that are no unit: an orbital ("Pb 6s"), a Wyckoff site ("Li(96h)",
    "96h_Li2", "at 24c, 16a, and 96h", "the 96h position"), a space group ("R-3 m", "P3 m 1",
    "I43 m")."""
    glued = sentence[end : end + 1] not in (" ", "")
    if unit == "s":
        return glued and end - start == 1
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


class _Reader:
    """The measures of one sentence, read left to right from its tokens."""

    def __init__(
        self, sentence: str, printed: str, offset: int = 0, words: list[NumberWord] | None = None
    ) -> None:
        self.sentence = sentence
        self.words = words or []  # numbers written as words, offsets in the sentence
        self.printed = printed
        self.offset = offset  # of the sentence in the text: the found offsets are the text's
        self.last_end = -1
        self.tokens = _tokens(sentence)
        self.respectively = "respectively" in sentence
        self.plus_minus = "±" in sentence or "+/-" in sentence
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
        quantity = Quantity(
            value,
            reading.canonical.unit,
            reading.canonical.dimension,
            self.printed[start:end],
            value_max,
            comparator,
            uncertainty,
        )
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
        if reading is None or high.start - low.unit_end > 6:  # no separator is longer
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
            quantity = Quantity(
                value,
                reading.canonical.unit,
                reading.canonical.dimension,
                self.printed[start:end],
                top,
                comparator,
            )
            self.intervals.append(
                Found(start + self.offset, end + self.offset, quantity, interval=True)
            )
            return i + 2
        if _bare_power(low, high, self.printed, reading):
            value = _canonical(float(f"1e-{high.text.lstrip('-–')}"), reading)
            top = None
        else:
            value = _canonical(_shared(low, high), reading)
        self._add(start, end, reading, value, top, comparator)
        return i + 2

    def _list(self, i: int) -> int | None:
        """Bare values listed before a quantity share its unit: "1.2, 3.4 and 5.6 × 10^-4
        S cm^-1", "0.41 versus 0.26 eV", "5 or 30 h", "−10°, −20° and −30 °C". A chain of
        values that ends without a unit is no list from any of its values on, so it is walked
        once (a long run of "1, 1, 1, ..." stays linear)."""
        tokens, sentence = self.tokens, self.sentence
        first = tokens[i]
        if i <= self.no_list_until or first.reading is not None:
            return None
        gap = sentence[first.end : tokens[i + 1].start]
        if not gap or len(gap) > 16 or gap[-1] not in " ,~≈" or self._not_an_item(first):
            return None  # no separator can be this gap (most bare numbers: years, labels)
        written: list[str | None] = [None]
        joined_by_word = False
        k = i
        closing: Token | None = None
        while k + 1 < len(tokens):
            end = tokens[k].end + (1 if sentence.startswith("°", tokens[k].end) else 0)
            sep = LIST_SEP_RE.fullmatch(sentence[end : tokens[k + 1].start])
            if sep is None or not (sep.group("comma") or sep.group("conj")):
                break
            joined_by_word = joined_by_word or bool(sep.group("conj"))
            k += 1
            written.append(COMPARATORS[sep.group("cmp").strip()] if sep.group("cmp") else None)
            if tokens[k].reading is not None:
                closing = tokens[k]
                break
            if self._not_an_item(tokens[k]):
                break
        if closing is None:
            self.no_list_until = k
            return None
        if k - i + 1 > MAX_LIST:
            self.no_list_until = k - MAX_LIST
            return None
        reading = closing.reading
        assert reading is not None
        if k == i or not (joined_by_word or self.respectively):
            return None
        degrees = "°" in sentence[first.end : closing.start]
        if degrees and reading.canonical.dimension != "temperature":
            return None
        leading: str | None = None
        for n, index in enumerate(range(i, k + 1)):
            token = tokens[index]
            if index == k:
                end = token.unit_end
            else:
                end = token.end + sentence.startswith("°", token.end)
            comparator, start = self._bound(token.start, end, reading, written[n] or leading)
            if n == 0:
                leading = None if comparator == "=" else comparator
            number = token.value.number if index == k else _shared(token, closing)
            uncertainty = _uncertainty(token.value.uncertainty, reading)
            value = _canonical(number, reading)
            self._add(start, end, reading, value, None, comparator, uncertainty, joined=n > 0)
        return k + 1

    def _not_an_item(self, token: Token) -> bool:
        before = self.sentence[max(0, token.start - 12) : token.start]
        return bool(
            _LABEL_BEFORE.search(before)
            or _VARIABLE_BEFORE.search(before)
            or before.endswith((":", "/"))
            or self.sentence.startswith((":", "/"), token.end)
        )


def _dimensionless(sentence: str, printed: str, offset: int) -> list[Found]:
    """Transference numbers: dimensionless values after the name of one."""
    out = []
    for match in DIMENSIONLESS_RE.finditer(sentence):
        raw = printed[match.start("low") : match.end()]
        comparator = COMPARATORS.get(match.group("cmp") or "", "=")
        quantity = Quantity(float(match.group("low")), "1", "dimensionless", raw, None, comparator)
        out.append(Found(offset + match.start("low"), offset + match.end(), quantity))
    return out


def find_quantities(text: str) -> list[Found]:
    """Every quantity of ``text`` with its measurement temperature; conditions flagged."""
    folded = fold(text)
    words = number_words(folded)
    if DIGIT_RE.search(text) is None and not words:
        return []
    result: list[Found] = []
    next_word = 0  # words and sentences are both in order: each word is looked at once
    for sentence_start, sentence_end in _sentences(folded):
        sentence = folded[sentence_start:sentence_end]
        inside = []
        while next_word < len(words) and words[next_word].start < sentence_end:
            word = words[next_word]
            next_word += 1
            if word.start >= sentence_start:
                inside.append(word._replace(start=word.start - sentence_start,
                                            end=word.end - sentence_start))  # fmt: skip
        if DIGIT_RE.search(sentence) is None and not inside:
            continue  # no value: an RT mark would have nothing to qualify
        printed = text[sentence_start:sentence_end] if folded is not text else sentence
        reader = _Reader(sentence, printed, sentence_start, inside)
        found = reader.read()
        if "ransference" in sentence or "tLi" in sentence or "t_" in sentence:
            found.extend(_dimensionless(sentence, printed, sentence_start))
        found.sort(key=_START)
        attached = _attach_conditions(found, folded, sentence_start, sentence_end)
        result.extend(attached)
        if reader.intervals:  # an interval is measured where its low end is
            at = {f.start: f for f in attached}
            for interval in reader.intervals:
                low = at.get(interval.start)
                if low is not None:
                    interval = interval._replace(temperature_C=low.temperature_C, rt=low.rt)
                result.append(interval)
    return result


# a figure, table or section label read as a number ("Figure 8h" as 8 h), and a unit read as a
# number (the "1" of "cm^-1", which the token-aligned span shows as "cm^-1"), are no quantities
_BARE_UNIT = re.compile(r"[A-Za-zμ]+\^?-?\d")
# a figure panel listed after another ("Figures 3I and 3J", "2a, 2b"): "3J" is no energy
_PANEL = re.compile(r"\d{1,2}[A-Za-z]")
_PANEL_BEFORE = re.compile(r"\b\d{1,2}[A-Za-z]\)?(?:,\s?|\s(?:and|&)\s)$")


def _not_a_quantity(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    printed = text[start:end]
    return bool(
        _LABEL_BEFORE.search(before)
        or _BARE_UNIT.fullmatch(printed)
        or (_PANEL.fullmatch(printed) and _PANEL_BEFORE.search(before))
    )


def _is_condition(found: Found, text: str, sentence_start: int, previous: Found | None) -> bool:
    """A temperature measured at ("at 25 °C", "0.2 C (30 °C)", "1 mS cm-1 (300 K)"), not a
    temperature of a process ("sintered at 1100 °C", "the coating (600 °C)")."""
    before = text[max(sentence_start, found.start - 40) : found.start]
    right_after = previous is not None and found.start - previous.end <= 4
    if CONDITION_BEFORE_RE.search(before) is None and not (
        right_after and PAREN_BEFORE_RE.search(before)
    ):
        return False
    since = text[max(previous.end if previous else sentence_start, found.start - PROCESS_WINDOW) :
                 found.start].lower()  # fmt: skip
    # the stems are looked for first: one C scan each, where the regex tries every position
    return not any(stem in since for stem in PROCESS_STEMS) or PROCESS_RE.search(since) is None


def _attach_conditions(found: list[Found], text: str, start: int, end: int) -> list[Found]:
    """Flags the condition temperatures and gives each the quantities it qualifies: those
    since the previous condition, or the next ones when none precedes (an RT mark qualifies the
    nearest before it when written "at RT"/"(RT)", else the next one)."""
    marks: list[tuple[int, float, bool]] = []  # (offset, temperature, is RT)
    previous: Found | None = None
    out: list[Found] = []
    for item in found:
        temperature = item.quantity.dimension == "temperature"
        listed = item.joined and out and out[-1].condition
        if temperature and (listed or _is_condition(item, text, start, previous)):
            marks.append((item.start, item.quantity.value, False))
            out.append(item._replace(condition=True))
        else:
            out.append(item)
            previous = item
    sentence = text[start:end]
    if "RT" in sentence or "oom" in sentence or "mbient" in sentence:
        marks.extend((start + m.start(), 25.0, True) for m in RT_RE.finditer(sentence))
    if not marks:
        return out
    targets = [
        i
        for i, f in enumerate(out)
        if not f.condition and f.quantity.dimension not in UNCONDITIONED
    ]
    taken: set[int] = set()
    for offset, temperature, rt in sorted(marks)[:MAX_MARKS]:
        free = [i for i in targets if i not in taken]
        backward = [i for i in free if out[i].end <= offset]
        forward = [i for i in free if out[i].start >= offset]
        before = text[max(start, offset - 12) : offset]
        if backward and (not rt or re.search(r"(?:\bat|\()\s?$", before)):
            chosen = backward
        else:
            chosen = forward[:1] if rt else forward
        for i in chosen:
            out[i] = out[i]._replace(temperature_C=temperature, rt=rt)
            taken.add(i)
    return out


class QuantityRecognizer:
    """Finds quantities in the text and aligns them to tokens."""

    def __init__(self, nlp: Language, name: str = "llzo_quantity") -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        try:
            found = find_quantities(text)
        except Exception as err:  # noqa: BLE001 - one bad sentence must not stop nlp.pipe
            log.warning("quantities of %r skipped: %s: %s", text[:80], type(err).__name__, err)
            found = []
        return self.set_annotations(doc, found)

    def set_annotations(self, doc: Doc, found: list[Found]) -> Doc:
        groups: dict[str, list[Span]] = {SPAN_KEY: [], CONDITION_KEY: [], RANGE_KEY: []}
        text = doc_text(doc)
        for item in found:
            span = doc.char_span(item.start, item.end, label=self.label, alignment_mode="expand")
            if span is None or _not_a_quantity(text, span.start_char, span.end_char):
                continue
            q = item.quantity
            set_attrs(
                span,
                value=q.value,
                value_max=q.value_max,
                unit=q.unit,
                raw=q.raw,
                comparator=q.comparator,
                uncertainty=q.uncertainty,
                dimension=q.dimension,
                temperature_C=item.temperature_C,
                rt=item.rt,
            )
            key = RANGE_KEY if item.interval else CONDITION_KEY if item.condition else SPAN_KEY
            groups[key].append(span)
        for key, spans in groups.items():
            set_group(doc, key, spans)
        return doc


def measures(doc: Doc) -> list[Span]:
    """The measures of a parsed doc, as a reader counts them: every quantity, condition and
    interval, an interval standing for the two quantities at its ends ("between 18 °C and 22 °C"
    is one measure)."""
    intervals = list(doc.spans.get(RANGE_KEY, []))
    ends = {
        (s.start_char, s.end_char)
        for key in (SPAN_KEY, CONDITION_KEY)
        for s in doc.spans.get(key, [])
        if any(r.start_char <= s.start_char and s.end_char <= r.end_char for r in intervals)
    }
    spans = [
        s
        for key in (SPAN_KEY, CONDITION_KEY)
        for s in doc.spans.get(key, [])
        if (s.start_char, s.end_char) not in ends
    ]
    return sorted([*spans, *intervals], key=lambda s: (s.start_char, s.end_char))


@Language.factory(
    "llzo_quantity",
    assigns=["doc.spans"],
    requires=[],
    default_config={},
)
def make_quantity(nlp: Language, name: str) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name)
