"""Step: a list of one process setting's values is one range.

"annealed at 350°, 400°, 450°, 500°, and 550 °C for 5 h" states the temperatures a series of
samples was made at, not five facts; the gold format records such a list as the range of the
setting (350–550 °C). A list here is three or more values of one process property (``subject
= "product"`` in ``properties.toml``) and unit, written one after another with only commas,
"and" or "or" between them. A sentence that aligns its values with materials ("...,
respectively") keeps them apart: each belongs to its own material.
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.mention import RESPECTIVELY, Value
from miner.property_specs import subject_of

MIN_LIST = 3  # values of a list; two ("at 1100 and 1200 °C") are as often two samples' own
_BETWEEN = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or)\s*", re.I)


def process_ranges(text: str, values: list[Value]) -> list[Value]:
    """The values with every list of one process setting's values made one range."""
    if RESPECTIVELY.search(text):
        return values
    out: list[Value] = []
    run: list[Value] = []
    for v in [*values, None]:
        if v is not None and run and _continues(text, run[-1], v):
            run.append(v)
            continue
        out += [_range(text, run)] if len(run) >= MIN_LIST else run
        run = [v] if v is not None else []
    return out


def _continues(text: str, last: Value, v: Value) -> bool:
    return (
        subject_of(v.property) == "product"
        and v.property == last.property
        and v.unit == last.unit
        and v.value_max is None
        and last.value_max is None
        and _BETWEEN.fullmatch(text[last.end : v.start]) is not None
    )


def _range(text: str, run: list[Value]) -> Value:
    low = min(run, key=lambda v: v.value)
    high = max(run, key=lambda v: v.value)
    return replace(
        run[-1],
        start=run[0].start,
        value=low.value,
        value_max=high.value,
        raw=text[run[0].start : run[-1].end],
        comparator=None,
    )
