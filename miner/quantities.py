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

The steps are modules of their own, each with one job: ``miner.quantity_tokens`` (the token walk:
values and the units after them), ``miner.quantity_grammar`` (the measures the tokens make) and
``miner.quantity_conditions`` (which measures a temperature qualifies); this module splits the
text into sentences, runs them and makes the spans.

It cannot raise on any text: a value or unit that does not read is skipped with a logged reason.
"""

from __future__ import annotations

import logging
import re
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.extensions import set_attrs, set_group
from miner.number_words import number_words
from miner.quantity_conditions import attach_conditions
from miner.quantity_grammar import LABEL_BEFORE_RE, Found, SentenceReader, dimensionless
from miner.tokenizer import doc_text
from miner.units import fold

log = logging.getLogger(__name__)

SPAN_KEY = "llzo_quantity"
CONDITION_KEY = "llzo_condition"
RANGE_KEY = "llzo_range"
LABEL = "QUANTITY"
SENTENCE_END_RE = re.compile(r"[.;!?](\s+)(?=[A-Z(\[])")
DIGIT_RE = re.compile(r"\d")
_START = attrgetter("start")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.start(1)))
        start = match.end(1)
    bounds.append((start, len(text)))
    return bounds


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
        reader = SentenceReader(sentence, printed, sentence_start, inside)
        found = reader.read()
        if any(name in sentence for name in ("ransference", "ransport number", "tLi", "t_")):
            found.extend(dimensionless(sentence, printed, sentence_start))
        found.sort(key=_START)
        attached = attach_conditions(found, folded, sentence_start, sentence_end)
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
        LABEL_BEFORE_RE.search(before)
        or _BARE_UNIT.fullmatch(printed)
        or (_PANEL.fullmatch(printed) and _PANEL_BEFORE.search(before))
    )


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
