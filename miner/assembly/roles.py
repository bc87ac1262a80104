"""Step: the role a material plays in its sentence.

- a helper phase -- additive, sintering aid, coating, interlayer, precursor, impurity, flux,
  crucible, substrate (``is_secondary``), and materials joined to one by a dash or slash
  ("a LiCl–KCl flux");
- a reagent: materials listed as weighed, milled or mixed ("Li2CO3, La2O3 and ZrO2 were
  ball-milled", ``reagents``); a material named as another's type ("LGPS-type
  Li9.54Si1.74P1.44S11.7Cl0.3", ``type_labels``);
- a part of a composite or cell written with slashes ("LiCoO2/LLZO/Li cell", "Li|Ta-LLZO|Li"):
  the parts are one material (``composites``) whose ``components`` say what each part is; a
  cell or composite has no formula or dopants of its own (DESIGN.md's material rules), an
  interface keeps its garnet part's ("Li/LLZTO interface");
- a cell named in words ("the S-LRMO ASSB", "Li/Li symmetrical cells", "all-solid-state
  lithium-metal batteries"), which the values of a cell belong to (``cells``).

A helper or reagent is ``secondary``: no value is linked to it while a main material is named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.dopants import with_dopants
from miner.assembly.mention import COORDINATED, Mention
from miner.chemistry.family import classify, formula_is_garnet
from miner.chemistry.formula import normalize_formula
from miner.chemistry.garnet import parse_formula
from miner.records import Component, ComponentMaterial, Material, default_material_key

# text right after a material that makes it a helper phase, not the material measured
_SECONDARY_AFTER = re.compile(
    r"^\s*(?:\)\s*)?,?\s*(?:[\w-]*\s)?(?:additives?|sintering (?:aids?|additives?)|"
    r"as (?:an? |the )?(?:sintering|additive|coating|dopant|precursor|flux|template|solvent)|"
    r"coatings?|interlayers?|layers?\b|-coated|precursors?|impurit|precipitates?|"
    r"secondary phases?|crucibles?|substrates?|containers?|boats?|setters?|molds?|moulds?|"
    r"flux(?:es)?\b|(?:molten )?salts?\b|melts?\b|pots?\b|jars?\b|balls?\b|vials?\b|media\b|"
    # an amount of a part ("with increasing Li2O content"), not the material measured
    r"(?:contents?|concentrations?)\b|"
    # a contaminant taken away ("the Li2CO3 can also be effectively removed")
    r"(?:(?:also|be|been|then|further|effectively|completely|fully|partly|readily|easily)\s+){0,4}"
    r"(?:removed|eliminated|etched|dissolved|washed)\b|removal\b)",
    re.I,
)
# text right before a material that makes it one
_SECONDARY_BEFORE = re.compile(
    r"(?:\b(?:adding|addition of|using|added|wt\.? ?%(?: of)?|mol ?%(?: of)?|coated with|"
    r"coating of|precursors?|impurit(?:y|ies)(?: of| such as)?|against|towards?|"
    r"contact with|eliminates(?: the)?|suppress(?:es)?(?: the)?|"
    r"remov(?:e|es|ed|ing|al of)(?: the)?|etch(?:es|ed|ing)? away(?: the)?)\s*)$",
    re.I,
)
# text right before a list of materials that makes them the reagents ("prepared from
# stoichiometric Li2CO3, La2O3 and ZrO2", "starting materials of ...")
_REAGENTS_BEFORE = re.compile(
    r"\b(?:stoichiometric(?: amounts? of)?|(?:synthesi[sz]ed|prepared|made) from|"
    r"starting materials?(?: of| such as|,)?|raw materials?(?: of| such as|,)?|"
    r"precursors? (?:of|such as)|(?:molar|mole|mass|weight) ratios? of)\s*$",
    re.I,
)
# a bought chemical: a parenthesis right after it that gives its purity and, maybe, its supplier
# ("LiCl (99.9%; Sigma-Aldrich)", "Na2S (Nagao Co., 99.1%)", "La2O3 (>99.99%)")
_PURITY = re.compile(r"[≥>]?\s*9\d(?:\.\d+)?\s*%(?:\s*purity)?|purity\W+.*", re.I)
_SUPPLIER = re.compile(r"[A-Z][^\d]*")
_JOINED = re.compile(r"\s*[-–/:]\s*")
_TYPE_OF = re.compile(r"\)?-type\s+")
_RATIO = re.compile(r"\s*:\s*")  # "the molar ratio of Na2S:Sb2S3:S = 50:17:33"
_MIXED_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:powders?\s+)?(?:were|are)\s+(?:(?:first|then|thoroughly|"
    r"stoichiometrically)\s+)?"
    r"(?:[\w]+[- ])?(?:milled|mixed|ground|weighed|blended|dissolved|used as (?:the )?"
    r"(?:(?:starting|raw) materials?|precursors?|reagents?))\b",
    re.I,
)
_COMPOSITE_JOIN = re.compile(r"[/|@]")
_COMPOSITE_HEAD = re.compile(
    r"(?:\s+(?:symmetric(?:al)?|full|pouch|coin|composite|hybrid|cells?|batter(?:y|ies)|"
    r"cathodes?|anodes?|electrodes?|interfaces?|membranes?|electrolytes?|A?SS(?:LM|L|S)?Bs?|"
    r"CSEs?)\b){1,3}",
    re.I,
)
# a cell or battery in words, with the words that say which ("all-solid-state lithium-metal
# batteries", "Li-symmetric cells"); not a crystal's "unit cell" or its "cell parameters"
_CELL_WORDS = re.compile(
    r"(?<![\w-])(?:(?:full|coin|pouch|symmetric(?:al)?|half|button|single|(?:all-|quasi-)?"
    r"solid-state|lithium(?:[- ]metal|[- ]ion|[- ]sulfur)?|Li(?:[- ]metal|[- ]ion|[-–]S|"
    r"[- ]symmetric)?|sodium(?:[- ]ion)?|Na(?:[- ]ion)?|rechargeable|prototype|test|model)"
    r"[\s-]+)*(?:cells?|batter(?:y|ies))\b(?!\s+(?:parameters?|volumes?|constants?|"
    r"dimensions?))",
    re.I,
)
# the same as an abbreviation: SSB, ASSB, SSLB, ASSLMB, LIB, SIB, LMB, LSB
_CELL_ABBREVIATION = re.compile(r"(?<![\w-])(?:A?SS(?:LM|LI|L|S|N)?Bs?|LIBs?|SIBs?|LMBs?|LSBs?)\b")
_UNIT_CELL = re.compile(r"\bunit\s+$", re.I)
# "S-LRMO ASSB", "LLZO-based cells": a material written right before a cell names its part
_CELL_MODIFIER = re.compile(r"(?:\s*-?\s*based)?\s+|-")
ROLE_REACH = 40  # characters around a material its role words may stand in
# the role a part of a cell, or of a composite electrolyte, plays, by its family
CELL_ROLES = {"cathode": "cathode", "anode": "anode", "interface": "interlayer", "salt": "salt"}
COMPOSITE_ROLES = {"polymer": "matrix", "salt": "salt", "cathode": "cathode", "anode": "anode"}


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
    """ "Li2CO3, La2O3, ZrO2 and Ga2O3 were ball-milled and calcined at 900 °C", "prepared from
    stoichiometric Li2CO3, La2O3 and ZrO2", "the molar ratio of Li2S:P2S5", "LiCl (99.9%;
    Sigma-Aldrich)": a list of materials that were weighed, milled or mixed, that a material
    was made from or mixed in a ratio, and a chemical given with its purity, are the reagents,
    not what the values are of."""
    out = [replace(m, secondary=True) if _bought(text, m) else m for m in mentions]
    first = 0
    for i in range(1, len(out) + 1):
        between = text[out[i - 1].end : out[i].start] if i < len(out) else ""
        if i < len(out) and (COORDINATED.fullmatch(between) or _RATIO.fullmatch(between)):
            continue
        if (i - first >= 2 and _MIXED_AFTER.match(text[out[i - 1].end :])) or (
            _REAGENTS_BEFORE.search(text, max(0, out[first].start - 60), out[first].start)
        ):
            out[first:i] = [replace(m, secondary=True) for m in out[first:i]]
        first = i
    return out


def type_labels(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "LGPS-type Li9.54Si1.74P1.44S11.7Cl0.3", "NASICON-type LiZr2(PO4)3": a material named as
    the type of the one right after it is a label, not what the values are of."""
    out = list(mentions)
    for i in range(len(out) - 1):
        if _TYPE_OF.fullmatch(text[out[i].end : out[i + 1].start]):
            out[i] = replace(out[i], secondary=True)
    return out


def _bought(text: str, m: Mention) -> bool:
    """A parenthesis right after the material that holds its purity and nothing but supplier
    names beside it ("LiCl (99.9%; Sigma-Aldrich)", "La2O3 (>99%)")."""
    opening = re.match(r"\s*\(([^()]{1,80})\)", text[m.end :])
    if opening is None:
        return False
    inside = opening.group(1).replace("&gt;", ">")
    parts = [p.strip() for p in re.split(r"[,;]", inside) if p.strip()]
    purity = [p for p in parts if _PURITY.fullmatch(p)]
    if len(purity) != 1 or not all(p in purity or _SUPPLIER.fullmatch(p) for p in parts):
        return False
    # alone, "(99%)" may be a density; "(99.9%)", "(>99%)" and "(purity 99%)" are purities
    return len(parts) > 1 or bool(re.search(r"[≥>.]|purity", purity[0], re.I))


def composites(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "LiCoO2/LLZO/Li cell", "Li|Ta-LLZO|Li": the parts of a cell or composite written with
    slashes are one material, its parts its ``components``. A cell or a composite has no
    formula or dopants of its own; an interface ("Li/LLZTO interface") takes those of its
    garnet part."""
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
        count = len(_COMPOSITE_JOIN.split(chunk))
        family = classify(text[start:end], None, count)
        core = (
            _garnet_part(m, members, chunk)
            if family == "interface"
            else replace(m, formula=None, dopants=(), flags=(), dopant_confidence=1.0)
        )
        out.append(
            replace(
                core,
                text=text[start:end],
                start=start,
                end=end,
                methods=tuple(dict.fromkeys(x for o in members for x in o.methods)),
                secondary=all(o.secondary for o in members),
                parts=count,
                components=components(members, family) if family != "composite" else (),
            )
        )
    return out


def components(members: list[Mention], family: str) -> tuple[Component, ...]:
    """The parts of a cell or composite with the role each plays: a cathode, an anode, an
    interlayer, a salt, a polymer matrix; what else a cell holds is its electrolyte, what else
    a composite holds its filler."""
    roles = CELL_ROLES if family in ("cell", "interface") else COMPOSITE_ROLES
    other = "electrolyte" if family in ("cell", "interface") else "filler"
    out = []
    for m in members:
        if m.family in ("cell", "composite") and m.components:
            out += list(m.components)
            continue
        key = default_material_key(Material(m.text, m.formula), m.dopants)
        part = ComponentMaterial(m.text, m.formula, key=key)
        out.append(Component(roles.get(part.family, other), part))
    return tuple(out)


def cells(text: str, mentions: list[Mention], electrolyte: Mention | None = None) -> list[Mention]:
    """The cells of a sentence: materials that are cells ("LiCoO2/LLZO/Li cell") and cells
    named in words ("the S-LRMO ASSB", "all-solid-state lithium-metal batteries (ASSLMBs)"),
    a material written right before the cell word taken in as its part; a cell named with no
    part ("The solid-state battery exhibits ...") holds ``electrolyte``, the garnet the
    paragraph is about. A cell has no formula or dopants of its own."""
    out = [m for m in mentions if m.family == "cell"]
    found = [*_CELL_WORDS.finditer(text), *_CELL_ABBREVIATION.finditer(text)]
    for match in sorted(found, key=lambda x: x.start()):
        start, end = match.span()
        if _UNIT_CELL.search(text, 0, start) or any(
            o.start <= start < o.end or o.start < end <= o.end for o in out
        ):
            continue
        before = [
            m
            for m in mentions
            if m.end <= start and _CELL_MODIFIER.fullmatch(text[m.end : start]) and not m.secondary
        ]
        members = before[-1:]
        if members:
            start = members[0].start
        parts = members or ([electrolyte] if electrolyte is not None else [])
        out.append(
            Mention(
                text[start:end],
                start,
                end,
                kind="cell",
                parts=max(1, len(members)),
                components=components(parts, "cell"),
            )
        )
    return sorted(out, key=lambda m: m.start)


def cell_of(mention: Mention) -> Mention:
    """The cell a material was measured in, when the sentence names none ("118 mA h g^-1 ...
    for LiCoO2 with a lithium anode"): a cell whose part it is."""
    if mention.family == "cell":
        return mention
    return Mention(
        f"{mention.text} cell",
        mention.start,
        mention.end,
        kind="cell",
        components=components([mention], "cell"),
    )


def interface_of(mention: Mention) -> Mention:
    """The interface an electrolyte's interfacial resistance was measured at, when the sentence
    names none ("LLZT ... the lowest interfacial resistance of 25 Ω cm2"): its interface with
    lithium, which keeps the electrolyte's formula and dopants as a written "Li/LLZT interface"
    does; of an electrolyte that holds no lithium (an oxide-ion or sodium conductor) the
    electrode is not known. An electrode, cell or interface is left as it is."""
    family = mention.family
    if family in ("interface", "cell", "anode", "cathode"):
        return mention
    lithium = family in ("garnet", "composite", "polymer") or "Li" in _elements(mention.formula)
    parts = [Mention("Li", formula="Li"), mention] if lithium else [mention]
    return replace(
        mention,
        text=f"Li/{mention.text} interface" if lithium else f"{mention.text} interface",
        parts=len(parts),
        components=components(parts, "interface"),
        assembly="interface",
    )


def _elements(formula: str | None) -> set[str]:
    """The elements of a formula (none for no formula or one that does not parse)."""
    try:
        return set(parse_formula(formula)) if formula else set()
    except ValueError:
        return set()


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
