"""Measurement conditions of the quantity recogniser: which temperatures of a sentence are the
conditions a measure was taken at ("at 25 °C", "(300 K)", "at RT") and which quantities each
qualifies.

The seam: it works on the measures the grammar found (``miner.quantity_grammar.Found``) and the
text around them, after the grammar is done; "sintered at 1100 °C" stays a quantity here.
"""

from __future__ import annotations

import re

from miner.quantity_grammar import Found

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
UNCONDITIONED = frozenset({"temperature", "time"})  # process settings, not measurements
RT_RE = re.compile(r"\b(?:RT|room[\s-]temperature|ambient temperature)\b")
MAX_MARKS = 64  # conditions attached per sentence (each looks at every quantity of it)
PROCESS_WINDOW = 300  # characters before a temperature looked at for a processing word


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


def attach_conditions(found: list[Found], text: str, start: int, end: int) -> list[Found]:
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
