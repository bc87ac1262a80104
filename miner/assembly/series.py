"""Step: series and variable compositions.

A general formula with its variable's values ("Li7-xLa3Zr2-xTaxO12 (x = 0.2, 0.4 and 0.6)")
names one composition per value, and none on its own (``free_series_member``), one value stated
later names its composition (``stated_member``); a change of the variable ("raising x from 0.25
to 0.75") names the composition at each end (``change_ends``).
``runs`` are the lists of materials a "respectively" can align values with: coordinated
mentions ("A, B and C"), a series, and coordinated mentions with a short modifier each;
``shared`` gives a value the coordinated subjects of a plural verb each ("A and B exhibit
conductivities higher than V").
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.dopants import with_dopants
from miner.assembly.mention import NUMBER, RESPECTIVELY, Link, Mention, Value, general_formula
from miner.chemistry.formula import normalize_formula

MODIFIER_REACH = 80  # characters of "prepared by SPS at 1000 °C" between coordinated materials
# a plural verb after coordinated materials: they are its subject together
_PLURAL_VERB = re.compile(
    r"[^;:]{0,60}?\b(?:both\s+|all\s+)?(?:exhibit|show|have|display|deliver|reach|possess|"
    r"achieve|present|offer|give|are|were)\b",
    re.I,
)


def at(mention: Mention, number: str) -> Mention | None:
    """The composition a general-formula mention names when its variable takes ``number``."""
    general = general_formula(mention.text)
    if general is None:
        return None
    written, name = general
    formula = normalize_formula(written, {name: float(number)})
    if formula is None:
        return None
    composition = replace(
        mention,
        text=f"{written} ({name} = {number})",
        formula=formula,
        dopants=(),
        flags=(),
    )
    return with_dopants(composition, [])


def stated_member(text: str, mention: Mention) -> Mention:
    """A general formula carried into a sentence that states one value of its variable ("The
    sample with x = 0.4 showed ...", "... was obtained for x = 0.4"): that composition. A value
    in brackets right after another formula ("superior to those of Na3SbS4 (x = 0)") is that
    formula's, not a member's."""
    general = general_formula(mention.text)
    if general is None:
        return mention
    name = re.escape(general[1])
    text = re.sub(rf"[A-Z][a-z]?\d[\w.]*\s*\(\s*{name}\s*=\s*{NUMBER}\s*\)", "", text)
    stated = set(re.findall(rf"\b{name}\s*=\s*({NUMBER})(?!\s*[–~-]\s*\d|\d|\.\d)", text))
    if len(stated) != 1 or listed_values(text, 0, general[1]):
        return mention
    return at(mention, stated.pop()) or mention


def listed_values(text: str, start: int, name: str) -> list[str]:
    """The values a variable is listed with after ``start`` ("x = 0.2, 0.4 and 0.6")."""
    listed = re.compile(
        rf"\b{re.escape(name)}\s*=\s*({NUMBER}(?:\s*(?:,|,?\s*and|,?\s*or)\s*{NUMBER})+)"
    ).search(text, start)
    return re.findall(NUMBER, listed.group(1)) if listed else []


def free_series_member(mention: Mention, text: str) -> Mention:
    """A general formula listed with several values of its variable names no one composition:
    no formula, and its dopants without amounts."""
    general = general_formula(mention.text)
    if general is None or len(listed_values(text, mention.end, general[1])) < 2:
        return mention
    member = at(mention, listed_values(text, mention.end, general[1])[0])
    dopants = {d.element: replace(d, amount=None) for d in mention.dopants}
    for d in member.dopants if member else ():
        dopants.setdefault(d.element, replace(d, amount=None))
    return replace(mention, formula=None, dopants=tuple(dopants.values()), flags=())


def series(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """``Li7-xLa3Zr2-xTaxO12 (x = 0.2, 0.4 and 0.6)``: a general formula and the values its
    variable takes, as one mention per composition."""
    runs = []
    for m in mentions:
        general = general_formula(m.text)
        if general is None:
            continue
        run = [x for n in listed_values(text, m.end, general[1]) if (x := at(m, n)) is not None]
        if len(run) >= 2:
            runs.append(run)
    return runs


def coordinated_runs(text: str, mentions: list[Mention], modifier: int = 0) -> list[list[Mention]]:
    """Materials joined by "," / "and" / "or"; with ``modifier`` > 0 each may carry a phrase of
    up to that many characters before the conjunction ("A prepared by SPS at 1000 °C and B
    prepared by microwave sintering")."""
    joint = re.compile(rf"[^;()]{{0,{modifier}}}?(?:,|,?\s*and|,?\s*or)\s*")
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and joint.fullmatch(text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) >= 2]


def runs(text: str, main: list[Mention]) -> list[list[Mention]]:
    """Lists of materials a "respectively" can align values with, strictest first."""
    return (
        coordinated_runs(text, main)
        + series(text, main)
        + coordinated_runs(text, main, MODIFIER_REACH)
    )


def change_ends(text: str, mention: Mention) -> tuple[Mention | None, Mention | None] | None:
    """``In Li7-xLa3Zr2-xNbxO12, raising x from 0.25 to 0.75 ...`` (or "from x = 0.25 to
    x = 0.75"): the compositions before and after the change of the mention's variable; None
    when the sentence changes no variable of it."""
    general = None if mention.secondary else general_formula(mention.text)
    if general is None:
        return None
    name = re.escape(general[1])
    change = re.search(
        rf"\b{name}\s+from\s+({NUMBER})\s+to\s+({NUMBER})\b|"
        rf"\bfrom\s+{name}\s*=\s*({NUMBER})\s+to\s+(?:{name}\s*=\s*)?({NUMBER})\b",
        text,
    )
    if change is None:
        return None
    numbers = [g for g in change.groups() if g is not None]
    return at(mention, numbers[0]), at(mention, numbers[1])


def plural_subject(text: str, run: list[Mention]) -> bool:
    """The coordinated materials of ``run`` are the subject of the plural verb after them."""
    return bool(_PLURAL_VERB.match(text, run[-1].end))


def shared(
    text: str, values: list[Value], links: list[Link], runs: list[list[Mention]]
) -> tuple[list[Value], list[Link]]:
    """The values with one more (value, link) per coordinated subject: "Na11Sn2PS12 and
    Na3SbSe4 exhibit conductivities higher than 10^-3 S cm^-1" is a value of each, when it is
    the sentence's only value of its property and no "respectively" aligns a list."""
    if RESPECTIVELY.search(text):
        return values, links
    out_values, out_links = [], []
    for v, link in zip(values, links, strict=True):
        out_values.append(v)
        out_links.append(link)
        run = next((r for r in runs if link.mention is r[-1]), None)
        if (
            run is None
            or run[-1].end > v.start
            or sum(o.property == v.property for o in values) > 1
            or not plural_subject(text, run)
        ):
            continue
        for m in run[:-1]:
            out_values.append(v)
            out_links.append(link._replace(mention=m))
    return out_values, out_links
