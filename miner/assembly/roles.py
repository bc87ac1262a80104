"""Step: the role a material plays in its sentence.

- a helper phase -- additive, sintering aid, coating, interlayer, precursor, impurity, flux,
  crucible, substrate (``is_secondary``), and materials joined to one by a dash or slash
  ("a LiCl–KCl flux");
- a reagent: materials listed as weighed, milled or mixed ("Li2CO3, La2O3 and ZrO2 were
  ball-milled", ``reagents``);
- a part of a composite or cell written with slashes ("LiCoO2/LLZO/Li cell", "Li|Ta-LLZO|Li"):
  the parts are one material (``composites``).

A helper or reagent is ``secondary``: no value is linked to it while a main material is named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.dopants import with_dopants
from miner.assembly.mention import COORDINATED, Mention
from miner.chemistry.family import formula_is_garnet
from miner.chemistry.formula import normalize_formula

# text right after a material that makes it a helper phase, not the material measured
_SECONDARY_AFTER = re.compile(
    r"^\s*(?:\)\s*)?,?\s*(?:[\w-]*\s)?(?:additives?|sintering (?:aids?|additives?)|"
    r"as (?:an? |the )?(?:sintering|additive|coating|dopant|precursor|flux|template|solvent)|"
    r"coatings?|interlayers?|layers?\b|-coated|precursors?|impurit|precipitates?|"
    r"secondary phases?|crucibles?|substrates?|containers?|boats?|setters?|molds?|moulds?|"
    r"flux(?:es)?\b|(?:molten )?salts?\b|melts?\b)",
    re.I,
)
# text right before a material that makes it one
_SECONDARY_BEFORE = re.compile(
    r"(?:\b(?:adding|addition of|using|added|wt\.? ?%(?: of)?|mol ?%(?: of)?|coated with|"
    r"coating of|precursors?|impurit(?:y|ies)(?: of| such as)?|against|towards?|"
    r"contact with|eliminates(?: the)?|suppress(?:es)?(?: the)?)\s*)$",
    re.I,
)
_JOINED = re.compile(r"\s*[-–/:]\s*")
_MIXED_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:were|are)\s+(?:(?:first|then|thoroughly|stoichiometrically)\s+)?"
    r"(?:[\w]+[- ])?(?:milled|mixed|ground|weighed|blended|dissolved)\b",
    re.I,
)
_COMPOSITE_JOIN = re.compile(r"[/|@]")
_COMPOSITE_HEAD = re.compile(
    r"(?:\s+(?:symmetric|full|pouch|coin|composite|hybrid|cells?|batter(?:y|ies)|cathodes?|"
    r"anodes?|electrodes?|interfaces?|membranes?|electrolytes?|SSBs?|CSEs?)\b){1,3}",
    re.I,
)
ROLE_REACH = 40  # characters around a material its role words may stand in


def is_secondary(text: str, start: int, end: int) -> bool:
    """The material at ``start``:``end`` is a helper phase by the words around it."""
    before = text[max(0, start - ROLE_REACH) : start]
    after = text[end : end + ROLE_REACH]
    return bool(_SECONDARY_AFTER.match(after) or _SECONDARY_BEFORE.search(before))


def joined_secondary(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "a LiCl–KCl flux", "Li2O/B2O3 additives": materials joined by a dash or slash share the
    helper role the last of them is given."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        if out[i + 1].secondary and _JOINED.fullmatch(text[out[i].end : out[i + 1].start]):
            out[i] = replace(out[i], secondary=True)
    return out


def reagents(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Li2CO3, La2O3, ZrO2 and Ga2O3 were ball-milled and calcined at 900 °C": a list of
    materials that were weighed, milled or mixed are the reagents, not what the values are of."""
    out = list(mentions)
    first = 0
    for i in range(1, len(out) + 1):
        if i < len(out) and COORDINATED.fullmatch(text[out[i - 1].end : out[i].start]):
            continue
        if i - first >= 2 and _MIXED_AFTER.match(text[out[i - 1].end :]):
            out[first:i] = [replace(m, secondary=True) for m in out[first:i]]
        first = i
    return out


def composites(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "LiCoO2/LLZO/Li cell", "Li|Ta-LLZO|Li": the parts of a cell or composite written with
    slashes are one material; its formula and dopants are those of its garnet part (the knowledge
    graph is about the garnet), none when it has no garnet part."""
    out: list[Mention] = []
    taken: set[int] = set()
    for i, m in enumerate(mentions):
        if i in taken:
            continue
        start, end = _chunk(text, m)
        if not _COMPOSITE_JOIN.search(text[start : m.start] + text[m.end : end]):
            out.append(m)
            continue
        parts = [j for j, o in enumerate(mentions) if o.start >= start and o.end <= end]
        taken.update(parts)
        chunk = text[start:end]
        head = _COMPOSITE_HEAD.match(text[end:])
        end += head.end() if head else 0
        members = [mentions[j] for j in parts] or [m]
        out.append(
            replace(
                _garnet_part(m, members, chunk),
                text=text[start:end],
                start=start,
                end=end,
                methods=tuple(dict.fromkeys(x for o in members for x in o.methods)),
                secondary=all(o.secondary for o in members),
                parts=len(_COMPOSITE_JOIN.split(chunk)),
            )
        )
    return out


def _chunk(text: str, m: Mention) -> tuple[int, int]:
    """The run of text around a mention up to a space, bracket or list mark (a full stop at its
    end left out)."""
    start, end = m.start, m.end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(,;":
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in "),;":
        end += 1
    return start, len(text[:end].rstrip("."))


def _garnet_part(m: Mention, members: list[Mention], chunk: str) -> Mention:
    """The composite's garnet part: a garnet mention among its parts, else a garnet written
    inside the composite token ("NCM811/Li6.4La3Zr1.4Ta0.6O12"), else no composition."""
    garnet = [o for o in members if o.garnet]
    if garnet:
        return garnet[0]
    core = replace(m, formula=None, dopants=(), flags=())
    for part in _COMPOSITE_JOIN.split(chunk):
        formula = normalize_formula(part)
        if formula and formula_is_garnet(formula):
            return with_dopants(replace(core, formula=formula), [])
    return core
