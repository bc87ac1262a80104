"""Step: link each value to the material it describes -- candidate links, then a choice.

Sentence rules first link several values at once (``SENTENCE_RULES``: a variable's change, a
"respectively" list, "A ... than B (V1 vs V2)"); every value still open gets the candidates of the
value rules (``candidates``: the material right after it, the product of a process, the sentence
subject behind "its", the nearest material before it, the carried subject, the nearest after it,
a helper phase), and the one of highest precedence wins (``choose``). Last, a change whose two
ends went to one material may end in a richer composition ("change-result").

``LINK_RULES`` is the one table of the rules, in order of precedence, with the confidence each
gives (docs/confidence.md is tested against it); a carried subject loses ``CARRIED_DECAY`` per
sentence since it was named, down to ``CARRIED_FLOOR``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from miner.assembly.mention import Link, Mention, Value, main_mentions
from miner.assembly.series import change_ends

LINK_RULES: dict[str, float] = {
    # sentence rules
    "variable-change": 0.85,
    "respectively": 0.90,
    "versus": 0.85,
    # value rules
    "for-of": 0.90,
    "product": 0.85,
    "its-subject": 0.85,
    "nearest-left": 0.85,
    "carried": 0.70,
    "nearest-right": 0.75,
    "secondary": 0.50,
    "none": 0.30,
    # after the value rules
    "change-result": 0.75,
    # a sentence that states no value (miner.assembly.facts)
    "statement": 0.80,
}
CARRIED_DECAY = 0.05
CARRIED_FLOOR = 0.4
MAX_REACH = 2000  # characters between a value and a material it can belong to
MAX_TRIED = 20  # materials tried per value
FOR_OF_REACH = 80  # characters between a value and the material "for"/"of" names
PRODUCT_REACH = 150  # characters between a value and the product "to give X" names

_RESPECTIVELY = re.compile(r"\b(?:respectively|corresponding)\b", re.I)
_FOR_OF_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:(?:was|were|is|are|has been|have been)\s+)?(?:obtained|measured|achieved|"
    r"reported|found|determined|observed|recorded|calculated|predicted)\s+)?(?:for|of|in)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
# "sintered at 1230 °C for 10 h ... to give X pellets": X is what the process made
_PRODUCT_BEFORE = re.compile(
    r"\b(?:to (?:give|yield|obtain|form|produce)|yield(?:ed|ing|s)?|giving|gave|resulting in)\s+"
    r"(?:(?:the|a|an|dense|pure|cubic|single-phase|phase-pure)\s+)?$",
    re.I,
)
_POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.I)
_THAN = re.compile(r"\bthan\b")
_VERSUS = re.compile(r"\s*(?:vs\.?|versus)\s*(?:\((?:vs\.?|versus)\)\s*)?", re.I)

Links = list[Link | None]


def make_link(mention: Mention | None, rule: str) -> Link:
    return Link(mention, rule, LINK_RULES[rule])


def link(
    text: str,
    values: list[Value],
    mentions: list[Mention],
    carried: Mention | None,
    runs: list[list[Mention]],
) -> list[Link]:
    """One link per value (see the module docstring)."""
    links: Links = [None] * len(values)
    for rule in SENTENCE_RULES:
        rule(text, values, mentions, runs, links)
    main = main_mentions(mentions)
    for i, v in enumerate(values):
        if links[i] is None:
            links[i] = choose(candidates(text, v, main, mentions, carried))
    change_result(values, main, links)
    return [x if x is not None else make_link(None, "none") for x in links]


def candidates(
    text: str, v: Value, main: list[Mention], mentions: list[Mention], carried: Mention | None
) -> list[Link]:
    """Every value rule's link for ``v``, in the order of ``LINK_RULES``."""
    found: list[Link] = []
    after = next(
        (
            m
            for m in main
            if 0 <= m.start - v.end <= FOR_OF_REACH and _FOR_OF_AFTER.match(text[v.end : m.start])
        ),
        None,
    )
    if after is not None:
        found.append(make_link(after, "for-of"))
    # "The powder was sintered at 1230 °C to give X": X, when no material came before
    product = next(
        (
            m
            for m in main
            if main[0].start >= v.end
            and 0 <= m.start - v.end <= PRODUCT_REACH
            and ";" not in text[v.end : m.start]
            and _PRODUCT_BEFORE.search(text[v.end : m.start])
        ),
        None,
    )
    if product is not None:
        found.append(make_link(product, "product"))
    # materials before the value, nearest first / first in the sentence; bounded so that a
    # pathological sentence (thousands of mentions) stays linear
    before = [m for m in main if m.end <= v.start and v.start - m.end <= MAX_REACH]
    nearest = next((m for m in reversed(before[-MAX_TRIED:]) if not _enclosed(text, m, v)), None)
    first = next((m for m in before[:MAX_TRIED] if not _enclosed(text, m, v)), None)
    if (
        nearest is not None
        and first is not nearest
        and _POSSESSIVE.search(text[nearest.end : v.start])
    ):
        found.append(make_link(first, "its-subject"))
    if nearest is not None:
        found.append(make_link(nearest, "nearest-left"))
    if carried is not None:
        found.append(make_link(carried, "carried"))
    right = [m for m in main if m.start >= v.end]
    if right:
        found.append(make_link(right[0], "nearest-right"))
    if mentions:
        found.append(make_link(min(mentions, key=lambda m: abs(m.start - v.start)), "secondary"))
    return found


_PRECEDENCE = {rule: n for n, rule in enumerate(LINK_RULES)}


def choose(found: list[Link]) -> Link:
    """The candidate of highest precedence (``LINK_RULES`` order); no material without one."""
    return min(found, key=lambda x: _PRECEDENCE[x.rule], default=make_link(None, "none"))


def carried_confidence(confidence: float, distance: int) -> float:
    """A carried subject's link, ``distance`` sentences after the subject was named."""
    return max(CARRIED_FLOOR, confidence - CARRIED_DECAY * distance)


def _enclosed(text: str, mention: Mention, value: Value) -> bool:
    """The mention sits in a parenthesis closed before the value ("(LLZO > LATP), and ... V")."""
    depth = 0
    for ch in text[mention.end : value.start]:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return True
    return False


# --- sentence rules --------------------------------------------------------------------------


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
    sintered ... The corresponding energies were V1, V2 and V3, respectively")."""
    if not _RESPECTIVELY.search(text):
        return
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
    than = _THAN.search(text)
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
