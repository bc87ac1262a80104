"""QUANTITY recogniser: values, ranges and comparators with units normalised to the canonical units
of GOLD_FORMAT.md, and the measurement temperature attached to the quantities it qualifies.

Spans go to ``doc.spans["llzo_quantity"]`` (label QUANTITY) with ``value``, ``value_max``,
``unit``, ``raw``, ``comparator``, ``dimension``, ``temperature_C`` and ``rt``.

How it reads (docs/decisions/0203-quantities-one-pass.md):
- one precompiled regex pass over the folded text of the doc (``units.fold`` keeps offsets), then
  the matches are aligned to tokens: numbers need context ("1.2–1.75 × 10^-3 S cm^-1") that a
  token pattern would have to rebuild from five tokens;
- ``X–Y unit`` and ``from X to Y unit`` are ranges; ``X unit to Y unit`` are two quantities;
  a mantissa range shares its power of ten (``0.24–0.67 × 10^-3``); a bare ``10-4`` before a
  conductivity unit is 10^-4 (user text), never the range 10 to 4;
- a temperature that is a measurement condition ("at 25 °C", "(300 K)" after a value, "at 0.5 C
  and 55 °C", "At 60 °C, ...") is attached to the quantities it qualifies and is not a span of its
  own; "sintered at 1100 °C" stays a quantity (the property component names it); "at RT",
  "at room temperature", "RT conductivity" give ``temperature_C=25`` and ``rt=True``;
- in a sentence with "respectively", bare numbers listed before a quantity
  ("1.2, 3.4 and 5.6 × 10^-4 S cm^-1") become quantities with its unit and power of ten, in order.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from operator import attrgetter
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.extensions import set_attrs, set_group
from miner.tokenizer import doc_text
from miner.units import (
    FOLD,
    NUMBER,
    UNIT,
    Quantity,
    fold,
    parse_number,
    to_canonical,
)

log = logging.getLogger(__name__)

SPAN_KEY = "llzo_quantity"
LABEL = "QUANTITY"
COMPARATORS = {
    "≈": "≈", "~": "~", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", ">": ">", "<": "<",
    "approximately": "≈", "about": "≈", "around": "≈", "nearly": "≈", "close to": "≈",
    "up to": "<=", "over": ">", "above": ">", "exceeding": ">", "more than": ">",
    "higher than": ">", "below": "<", "less than": "<", "lower than": "<", "under": "<",
}  # fmt: skip
_CMP = "|".join(re.escape(c) for c in sorted(COMPARATORS, key=len, reverse=True))
# a number starts with a digit or a point: the lookahead rejects other positions before the
# lookbehind and the number alternatives are tried
QUANTITY_RE = re.compile(
    rf"(?=[\d.])(?<![\w.^_\-+/])(?P<low>{NUMBER})"
    rf"(?:\s?(?P<sep>–|—|-|~|\sto\s)\s?(?:≈\s?)?(?P<high>{NUMBER}))?"
    rf"\s?(?P<unit>{UNIT})",
)
# the comparator is looked for just before a quantity, not tried at every position of the text
COMPARATOR_RE = re.compile(rf"(?:^|(?<=[\s(]))(?P<cmp>{_CMP})\s?$")
# a bare list before a quantity: "1.2, 3.4 and " -> ["1.2", "3.4"]
LIST_RE = re.compile(
    rf"(?P<items>(?:(?<![\w.])(?:{NUMBER})\s?,\s?)*(?:{NUMBER}))\s?,?\s(?:and|or)\s$|"
    rf"(?P<comma>(?:(?<![\w.])(?:{NUMBER})\s?,\s?)+)$"
)
LIST_ITEM_RE = re.compile(NUMBER)
# "0.41 versus (vs) 0.26 eV": the first value shares the unit of the second
VERSUS_RE = re.compile(rf"(?<![\w.])(?:{NUMBER})\s(?:versus|vs\.?)(?:\s\(vs\.?\))?\s$")
# Both end in "$", yet a search tries every start position of the text before a quantity (~50 us
# for a long sentence). A match holds only these characters (and Unicode digits and spaces), so
# it starts after the last other character: the search starts there.
_NUMBER_CHARS = "0123456789.,×x*·^{}+-eE \t\n\r\f\v"
TAIL_CHARS = {LIST_RE: _NUMBER_CHARS + "andor", VERSUS_RE: _NUMBER_CHARS + "versu()"}
DIGIT_OR_SPACE_RE = re.compile(r"[\d\s]")
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
DIGIT_RE = re.compile(r"\d")
UNCONDITIONED = frozenset({"temperature", "time"})  # process settings, not measurements
RT_RE = re.compile(r"\b(?:RT|room[\s-]temperature|ambient temperature)\b")


class Found(NamedTuple):
    """A quantity found in the text (a NamedTuple: cheaper to build and copy than a frozen
    dataclass)."""

    start: int
    end: int
    quantity: Quantity
    temperature_C: float | None = None
    rt: bool = False
    condition: bool = False


_START = attrgetter("start")


def _range_parts(low: str, high: str, unit: str) -> tuple[float, float]:
    """The printed numbers of a range, sharing a power of ten written only on the upper end."""
    low_value, high_value = parse_number(low), parse_number(high)
    if ("10" in high and re.search(r"[×x*·]\s?10", high)) and not re.search(r"[×x*·eE^]", low):
        mantissa = parse_number(re.split(r"\s?[×x*·]", high)[0])
        low_value = low_value * high_value / mantissa
    return low_value, high_value


def _quantity(match: re.Match[str], text: str, cmp: re.Match[str] | None) -> Quantity | None:
    unit = match.group("unit")
    comparator = COMPARATORS[cmp.group("cmp")] if cmp else "="
    low, high, sep = match.group("low"), match.group("high"), match.group("sep")
    raw = text[cmp.start() if cmp else match.start() : match.end()]
    try:
        if high is None:
            return Quantity.from_printed(raw, low, unit, comparator=comparator)
        if sep == "-" and low == "10" and re.fullmatch(r"\d{1,2}", high):
            # "10-4 S cm-1": a power of ten printed without its caret, not the range 10..4
            value, canonical = to_canonical(float(f"1e-{high}"), unit)
            if canonical.dimension == "conductivity":
                return Quantity(value, canonical.unit, canonical.dimension, raw, None, comparator)
        low_value, high_value = _range_parts(low, high, unit)
        value, canonical = to_canonical(low_value, unit)
        top = to_canonical(high_value, unit)[0]
        return Quantity(value, canonical.unit, canonical.dimension, raw, top, comparator)
    except ValueError as err:
        log.debug("quantity %r skipped: %s", raw, err)
        return None


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.start(1)))
        start = match.end(1)
    bounds.append((start, len(text)))
    return bounds


def _list_items(
    found: Found, text: str, sentence_start: int, pattern: re.Pattern[str] = LIST_RE
) -> list[Found]:
    """Bare numbers listed before a quantity ("1.2, 3.4 and 5.6 × 10^-4 S cm^-1" in a
    "respectively" sentence, "0.41 vs 0.26 eV"), with its unit."""
    before = text[sentence_start : found.start]
    match = _search_tail(pattern, before)
    if match is None:
        return []
    base = sentence_start + match.start()
    shared = re.search(r"[×x*·]\s?10\S*", found.quantity.raw)
    items = []
    for item in LIST_ITEM_RE.finditer(match.group(0)):
        printed = item.group(0)
        number = parse_number(printed)
        if shared and not re.search(r"[×x*·eE^]", printed):
            number *= parse_number("1" + shared.group(0).replace(" ", ""))
        unit = found.quantity.raw[len(found.quantity.raw) - _unit_length(found.quantity.raw) :]
        try:
            value = to_canonical(number, unit)[0]
        except ValueError:
            return []
        quantity = replace(found.quantity, value=value, value_max=None, raw=printed, comparator="=")
        items.append(Found(base + item.start(), base + item.end(), quantity))
    return items


def _search_tail(pattern: re.Pattern[str], before: str) -> re.Match[str] | None:
    """``pattern.search(before)`` for LIST_RE or VERSUS_RE, started where a match can start."""
    start = len(before.rstrip(TAIL_CHARS[pattern]))
    if start and DIGIT_OR_SPACE_RE.match(before, start - 1):  # a digit or space not listed
        start = 0
    return pattern.search(before, start)


def _unit_length(raw: str) -> int:
    match = re.search(rf"(?:{UNIT})$", raw.translate(FOLD))
    return len(match.group(0)) if match else 0


def _is_condition(found: Found, text: str, sentence_start: int, previous: Found | None) -> bool:
    """A temperature measured at ("at 25 °C", "0.2 C (30 °C)", "1 mS cm-1 (300 K)"), not a
    temperature of a process ("sintered at 1100 °C", "the coating (600 °C)")."""
    before = text[max(sentence_start, found.start - 40) : found.start]
    right_after = previous is not None and found.start - previous.end <= 4
    if CONDITION_BEFORE_RE.search(before) is None and not (
        right_after and PAREN_BEFORE_RE.search(before)
    ):
        return False
    since = text[previous.end if previous else sentence_start : found.start]
    return PROCESS_RE.search(since) is None


def find_quantities(text: str) -> list[Found]:
    """Every quantity of ``text`` with its measurement temperature; conditions flagged."""
    if DIGIT_RE.search(text) is None:
        return []
    folded = fold(text)
    result: list[Found] = []
    for sentence_start, sentence_end in _sentences(folded):
        sentence = folded[sentence_start:sentence_end]
        printed = text[sentence_start:sentence_end] if folded is not text else sentence
        found: list[Found] = []
        for match in QUANTITY_RE.finditer(sentence):
            cmp = COMPARATOR_RE.search(sentence, max(0, match.start() - 16), match.start())
            quantity = _quantity(match, printed, cmp)
            if quantity is not None:
                start = sentence_start + (cmp.start() if cmp else match.start())
                found.append(Found(start, sentence_start + match.end(), quantity))
        dimensionless = "ransference" in sentence or "tLi" in sentence or "t_" in sentence
        for match in DIMENSIONLESS_RE.finditer(sentence) if dimensionless else ():
            raw = text[sentence_start + match.start("low") : sentence_start + match.end()]
            comparator = COMPARATORS.get(match.group("cmp") or "", "=")
            quantity = Quantity(
                float(match.group("low")), "1", "dimensionless", raw, None, comparator
            )
            found.append(
                Found(sentence_start + match.start("low"), sentence_start + match.end(), quantity)
            )
        found.sort(key=_START)
        respectively = "respectively" in sentence
        if respectively or "vs" in sentence or "versus" in sentence:
            pattern = LIST_RE if respectively else VERSUS_RE
            listed = [i for f in found for i in _list_items(f, folded, sentence_start, pattern)]
            found = sorted([*found, *listed], key=_START)
        result.extend(_attach_conditions(found, folded, sentence_start, sentence_end))
    return result


# a figure, table or section label read as a number ("Figure 8h" as 8 h), and a unit read as a
# number (the "1" of "cm^-1", which the token-aligned span shows as "cm^-1"), are no quantities
_LABEL_BEFORE = re.compile(r"\b(?:Fig(?:ure)?s?\.?|Tables?|Sections?|Eqs?\.?|Refs?\.?)\s*$", re.I)
_BARE_UNIT = re.compile(r"[A-Za-zμ]+\^?-?\d")


def _not_a_quantity(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    return bool(_LABEL_BEFORE.search(before) or _BARE_UNIT.fullmatch(text[start:end]))


def _attach_conditions(found: list[Found], text: str, start: int, end: int) -> list[Found]:
    marks: list[tuple[int, float, bool]] = []  # (offset, temperature, is RT)
    previous: Found | None = None
    out: list[Found] = []
    for item in found:
        if item.quantity.dimension == "temperature" and _is_condition(item, text, start, previous):
            marks.append((item.start, item.quantity.value, False))
            out.append(item._replace(condition=True))
        else:
            out.append(item)
            previous = item
    sentence = text[start:end]
    if "RT" in sentence or "oom" in sentence or "mbient" in sentence:
        marks.extend((start + m.start(), 25.0, True) for m in RT_RE.finditer(sentence))
    for offset, temperature, rt in sorted(marks):
        targets = [
            i
            for i, f in enumerate(out)
            if not f.condition
            and f.quantity.dimension not in UNCONDITIONED
            and f.temperature_C is None
        ]
        backward = [i for i in targets if out[i].end <= offset]
        forward = [i for i in targets if out[i].start >= offset]
        before = text[max(start, offset - 12) : offset]
        if backward and (not rt or re.search(r"(?:\bat|\()\s?$", before)):
            chosen = backward
        else:
            chosen = forward[:1] if rt else forward
        for i in chosen:
            out[i] = out[i]._replace(temperature_C=temperature, rt=rt)
    return out


class QuantityRecognizer:
    """Finds quantities in the text and aligns them to tokens."""

    def __init__(self, nlp: Language, name: str = "llzo_quantity") -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = find_quantities(doc_text(doc))
        return self.set_annotations(doc, found)

    def set_annotations(self, doc: Doc, found: list[Found]) -> Doc:
        spans: list[Span] = []
        text = doc_text(doc)
        for item in found:
            if item.condition:
                continue
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
                dimension=q.dimension,
                temperature_C=item.temperature_C,
                rt=item.rt,
            )
            spans.append(span)
        set_group(doc, SPAN_KEY, spans)
        return doc


@Language.factory(
    "llzo_quantity",
    assigns=["doc.spans"],
    requires=[],
    default_config={},
)
def make_quantity(nlp: Language, name: str) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name)
