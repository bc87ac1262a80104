"""Sentence rules of linking: patterns that link several values of a sentence at once (a
variable's change, a "respectively" list, "A ... than B (V1 vs V2)"), and the rules run after
the per-value choice (a change's result in a richer composition; a change made by an addition).

The seam: these read the sentence as a whole -- values against runs of materials -- where
candidate generation looks at one value at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from miner.assembly.link_rules import Links, make_link
from miner.assembly.mention import RESPECTIVELY, THAN, Link, Mention, Value, main_mentions
from miner.assembly.series import change_ends, plural_subject
from miner.chemistry.elements import ELEMENTS
from miner.records import Dopant

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


def _changes_on_one_material(
    values: list[Value], links: Links
) -> Iterator[tuple[int, Link, Link, Mention]]:
    """(index of the value after, the two links, the material) for each change whose two ends
    went to one material."""
    for i, v in enumerate(values):
        if v.note != "after" or i == 0 or values[i - 1].note != "before":
            continue
        before, after = links[i - 1], links[i]
        if before is None or after is None or before.mention is not after.mention:
            continue
        if after.mention is not None:
            yield i, before, after, after.mention


def change_result(values: list[Value], main: list[Mention], links: Links) -> None:
    """ "Substituting Ca on the La site (Li6.85La2.9Ca0.1Zr1.75Nb0.25O12) raised σ of the Nb-doped
    garnet from A to B": when a change's two ends went to one material and the sentence names a
    composition holding that material's dopants and more, the value after the change is that
    composition's."""
    for i, _, _, host in _changes_on_one_material(values, links):
        have = {d.element for d in host.dopants}
        richer = [
            m for m in main if m is not host and m.formula and have < {d.element for d in m.dopants}
        ]
        if len({m.formula for m in richer}) == 1:
            links[i] = make_link(richer[0], "change-result")


# "The addition of MnO decreases ...", "incorporating Ga3+ and Nb5+ into the garnet raised ...":
# what the change added, up to its verb
_ADDED = re.compile(
    r"\b(?:addition|introduction|incorporation|adding|introducing|incorporating|co-?doping|"
    r"doping|substitution|substituting)\s+(?:of\s+)?(?:the\s+)?(?:(?:small|trace)\s+amounts?\s+"
    r"of\s+)?(?P<what>[^,;()]{1,60}?)(?=\s+(?:at|on|in|into|to|for|decreas|reduc|increas|"
    r"enhanc|rais|improv|lower)\w*\b)",
    re.I,
)
# an ion ("Ga3+"), an element ("Al"), or the oxide of one metal ("MnO", "Ga2O3")
_ADDED_ELEMENT = re.compile(r"(?<![\w-])([A-Z][a-z]?)(?:\d*\+|(?:\d*O\d*)?)(?![\w+-])")


def change_by_addition(text: str, values: list[Value], links: Links) -> None:
    """ "The addition of MnO decreases the sintering temperature from 1400 to 1300 °C",
    "incorporating Ga3+ and Nb5+ into the garnet raised σ from A to B": when a change's two
    ends went to one material and the sentence says, before them, what was added, the value
    before the change is the material's without it and the value after it the material's with
    the added elements as dopants (stated). A compound with lithium ("adding Li3BO3") is a
    sintering aid, not a dopant, and is left alone."""
    for i, before, after, material in _changes_on_one_material(values, links):
        added = _ADDED.search(text, 0, values[i - 1].start)
        if added is None:
            continue
        elements = _added_elements(added.group("what"))
        if not elements:
            continue
        # a doped family carried from an earlier sentence ("Al-doped LLZO ... For example, the
        # introduction of Ga3+ and Sr3+ enhances σ from A to B") is not what was changed: the
        # change is on the family's parent
        carried = after.rule == "carried" and material.formula is None
        kept = () if carried else tuple(d for d in material.dopants if d.element not in elements)
        new = tuple(Dopant(e, e, evidence="stated") for e in elements)
        without = replace(
            material,
            text=material.host_text if carried and material.host_text else material.text,
            dopants=kept,
            dopant_elements=tuple(d.element for d in kept),
            named_dopants=() if carried else material.named_dopants,
        )
        doped = replace(
            without,
            dopants=kept + new,
            dopant_elements=(*without.dopant_elements, *elements),
        )
        links[i - 1] = before._replace(mention=without)
        links[i] = after._replace(mention=doped)


def _added_elements(what: str) -> tuple[str, ...]:
    """The elements a phrase says were added (none when one is lithium or no element)."""
    found = [m.group(1) for m in _ADDED_ELEMENT.finditer(what)]
    if not found or any(e not in ELEMENTS or e in ("Li", "O") for e in found):
        return ()
    return tuple(dict.fromkeys(found))
