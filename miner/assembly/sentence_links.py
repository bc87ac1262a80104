"""Sentence rules of linking: patterns that link several values of a sentence at once (a
variable's change, a "respectively" list, "A ... than B (V1 vs V2)"), and the one rule run after
the per-value choice (a change's result in a richer composition).

The seam: these read the sentence as a whole -- values against runs of materials -- where
candidate generation looks at one value at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from miner.assembly.link_rules import Links, make_link
from miner.assembly.mention import RESPECTIVELY, THAN, Mention, Value, main_mentions
from miner.assembly.series import change_ends, plural_subject

_VERSUS = re.compile(r"\s*(?:vs\.?|versus)\s*(?:\((?:vs\.?|versus)\)\s*)?", re.I)


def variable_change(
    text: str, values: list[Value], mentions: list[Mention], runs: object, links: Links
) -> None:
    """``In Li7-xLa3Zr2-xNbxO12, raising x from 0.25 to 0.75 changed σ from A to B``: the value
    before the change belongs to the first composition, the value after it to the second."""
    for m in mentions:
        found = change_ends(text, m)
        if found is None:
            continue
        ends = {"before": found[0], "after": found[1]}
        for i, v in enumerate(values):
            end = ends.get(v.note or "")
            if links[i] is None and end is not None:
                links[i] = make_link(end, "variable-change")
        return


def respectively(
    text: str, values: list[Value], mentions: object, runs: list[list[Mention]], links: Links
) -> None:
    """``σ of A and B were V1 and V2, respectively``: align a run of n coordinated materials with
    the n values of one property. ``runs`` may be the previous sentence's ("A, B and C were
    sintered ... The corresponding energies were V1, V2 and V3, respectively"). Without the
    word, a run before the values that is the subject of a plural verb ("A and B show V1 and
    V2") aligns too."""
    if not RESPECTIVELY.search(text):
        first = min((v.start for v in values), default=0)
        runs = [r for r in runs if r[-1].end <= first and plural_subject(text, r)]
    by_property: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        if links[i] is None:
            by_property.setdefault(v.property or "", []).append(i)
    for indices in by_property.values():
        for run in runs:
            if len(run) == len(indices) >= 2:
                for m, i in zip(run, indices, strict=True):
                    links[i] = make_link(m, "respectively")
                break


def versus(
    text: str, values: list[Value], mentions: list[Mention], runs: object, links: Links
) -> None:
    """``A shows higher Ea than B (V1 vs V2)``: the two values go to A and B in order."""
    than = THAN.search(text)
    if not than:
        return
    main = main_mentions(mentions)
    before = [m for m in main if m.end <= than.start()]
    after = [m for m in main if m.start >= than.end()]
    if not before or not after:
        return
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        if a.property != b.property or links[i] is not None:
            continue
        if _VERSUS.fullmatch(text[a.end : b.start]):
            links[i] = make_link(before[0], "versus")
            links[i + 1] = make_link(after[0], "versus")


SENTENCE_RULES: tuple[Callable[..., None], ...] = (variable_change, respectively, versus)


def change_result(values: list[Value], main: list[Mention], links: Links) -> None:
    """ "Substituting Ca on the La site (Li6.85La2.9Ca0.1Zr1.75Nb0.25O12) raised σ of the Nb-doped
    garnet from A to B": when a change's two ends went to one material and the sentence names a
    composition holding that material's dopants and more, the value after the change is that
    composition's."""
    for i, v in enumerate(values):
        if v.note != "after" or i == 0 or values[i - 1].note != "before":
            continue
        before, after = links[i - 1], links[i]
        if before is None or after is None or before.mention is not after.mention:
            continue
        host = after.mention
        if host is None:
            continue
        have = {d.element for d in host.dopants}
        richer = [
            m for m in main if m is not host and m.formula and have < {d.element for d in m.dopants}
        ]
        if len({m.formula for m in richer}) == 1:
            links[i] = make_link(richer[0], "change-result")
