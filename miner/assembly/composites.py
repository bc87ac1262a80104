"""Step: composite electrolytes as materials of their own (DESIGN.md's material rules: a
composite's values belong to the composite, never to its filler or its polymer).

- a garnet and a polymer (or salt) written as one hyphenated name, "LLZTO-PEO membranes",
  "PEO-LiTFSI-LLZO", are one composite;
- a composite named in words -- "composite (polymer|solid) electrolyte", "hybrid electrolyte",
  "CSE", "CPE" -- or a composite written with slashes ("PEO/LiTFSI") takes in the materials
  it is said to hold: "the CSE with 15 wt% LLZTO nanowires", "the composite polymer
  electrolyte containing 20 wt% Li6.4La3Zr1.4Ta0.6O12 in PEO", "PEO/LiTFSI with 15 wt%
  LLZTO";
- a composite electrolyte written with slashes ("PEO/LLZTO composite electrolyte": a polymer
  or salt among its parts) is its parts;
- a composite named in words that holds nothing the sentence names ("the composite film",
  "the PCSE") is a composite all the same, of parts not given;
- its components: a garnet or other ceramic is the filler (with the fraction written before
  it, "15 wt%"), a polymer the matrix, a salt the salt; the composite has no formula and no
  dopants of its own (its filler's key names them).
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.mention import Mention
from miner.chemistry.family import classify
from miner.chemistry.formula import normalize_formula
from miner.records import Component, ComponentMaterial, Material, default_material_key

COMPOSITE = "composite"
PARTS_REACH = 90  # characters after a composite's name the materials it holds may stand in
ROLES = {"polymer": "matrix", "salt": "salt", "cathode": "cathode", "anode": "anode"}  # else filler
_JOINABLE = ("garnet", "polymer", "salt")  # families a hyphenated composite name joins
# "composite polymer electrolyte", "hybrid solid electrolytes", "composite solid polymer
# electrolyte", "CSE", "CPEs", "PCSE membrane"
_NAMED = re.compile(
    r"\b(?i:(?:composite|hybrid)(?:\s+(?:polymer|solid(?:[- ]state)?|gel|ceramic)){0,2}"
    r"\s+(?:electrolytes?|membranes?|films?|separators?))\b|"
    r"\b[A-Z]{0,2}(?:CSE|CPE|HSE|HPE)s?(?:\s+(?:membranes?|films?))?\b"
)
# "with", "containing 20 wt% ...", "filled with", "comprising": what the composite holds
_HOLDS = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?(?:,\s*)?(?:which\s+(?:contains?|contained)\b|with|containing|"
    r"comprising|consisting\s+of|composed\s+of|filled\s+with|incorporating|made\s+of|"
    r"loaded\s+with)\b",
    re.I,
)
# where the materials a composite holds end: a clause break or the verb of its value
_BREAK = re.compile(
    r"[;:]|\.\s|,\s*(?:and\s+)?(?:the|it|which|while|whereas)\b|\b(?:was|were|is|are|reached|"
    r"showed|shows|exhibit\w*|deliver\w*|gave|achiev\w*|display\w*)\b",
    re.I,
)
_FRACTION = re.compile(r"(\d+(?:\.\d+)?)\s*(wt|vol)\.?\s*%\s*(?:of\s+)?(?:the\s+)?$", re.I)
_HYPHEN = re.compile(r"\s*[-–]\s*")
# "-8 wt.% ", " + 2 wt% ": a garnet joined to the amount of another material
_AMOUNT_JOIN = re.compile(r"\s*[-–+]\s*(\d+(?:\.\d+)?)\s*(wt|vol|mol)\.?\s*%\s*", re.I)


def composites(text: str, mentions: list[Mention]) -> list[Mention]:
    """The sentence's mentions with its composite electrolytes folded in (see the module
    docstring)."""
    mentions = _hyphenated(text, _with_amount(text, mentions))
    out: list[Mention] = []
    used: set[int] = set()
    named = list(_NAMED.finditer(text))
    for i, m in enumerate(mentions):
        if i in used:
            continue
        if m.family == COMPOSITE and not m.components and _electrolyte(m):
            holds = _held(text, m.end, mentions, i + 1)
            used.update(holds)
            out.append(_composite(text, m.start, m.text, m, [mentions[j] for j in holds]))
            continue
        out.append(m)
    for name in named:
        if any(o.start <= name.start() < o.end for o in out):
            continue
        # a class named inside the composite's name ("composite polymer electrolyte") is the
        # name's word, not a material beside the composite
        out = [o for o in out if not name.start() <= o.start < name.end()]
        after = [j for j, o in enumerate(mentions) if o.start >= name.end() and j not in used]
        holds = _held(text, name.end(), mentions, after[0]) if after else []
        if not holds:  # "the composite film", "the CSE": a composite whose parts are not given
            out.append(Mention(name.group(), name.start(), name.end(), assembly=COMPOSITE))
            continue
        parts = [mentions[j] for j in holds]
        out = [o for o in out if o not in parts]
        used.update(holds)
        out.append(_composite(text, name.start(), name.group(), None, parts))
    return sorted(out, key=lambda o: o.start)


def _electrolyte(m: Mention) -> bool:
    """A composite written with slashes is an electrolyte when a polymer or salt is among its
    parts ("PEO/LLZTO"; not the "NCM811/LLZTO composite cathode")."""
    return any(c.role in ("matrix", "salt") for c in _slash_parts(m))


def _hyphenated(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "LLZTO-PEO": adjacent mentions joined by a hyphen, a garnet among them and one that is
    no garnet, as one composite mention."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        j = i
        while (
            j + 1 < len(mentions)
            and mentions[j + 1].family in _JOINABLE
            and mentions[j].family in _JOINABLE
            and _HYPHEN.fullmatch(text[mentions[j].end : mentions[j + 1].start])
        ):
            j += 1
        run = mentions[i : j + 1]
        families = {m.family for m in run}
        if len(run) > 1 and "garnet" in families and families - {"garnet"}:
            start, end = run[0].start, run[-1].end
            out.append(_composite(text, start, text[start:end], None, run))
        else:
            out.extend(run)
        i = j + 1
    return out


def _with_amount(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Li7La3Zr2O12-8 wt.% Li3BO3", "LLZTO + 2 wt% MgO", "LLZTO-10 wt% PEO": a garnet written
    with an amount of another material is a material of its own -- with a ceramic (a
    sintering aid, a second phase) a garnet ceramic that keeps the garnet's dopants but not its
    formula, with a polymer or salt a composite."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        joined = (
            _AMOUNT_JOIN.fullmatch(text, m.end, mentions[i + 1].start)
            if i + 1 < len(mentions) and m.garnet
            else None
        )
        if joined is None:
            out.append(m)
            i += 1
            continue
        other = mentions[i + 1]
        composite = other.family in ("polymer", "salt")
        garnet_role = "filler" if composite else "electrolyte"
        added = _component(text, other)
        added = replace(
            added,
            role=ROLES.get(added.material.family, "additive"),
            fraction=float(joined.group(1)),
            fraction_unit=f"{joined.group(2).lower()}%",
        )
        out.append(
            replace(
                m,
                text=text[m.start : other.end],
                end=other.end,
                formula=None,
                dopants=() if composite else m.dopants,
                flags=(),
                host_text=None,
                defined_as=None,
                secondary=False,
                components=(replace(_component(text, m), role=garnet_role), added),
                assembly=COMPOSITE if composite else "garnet",
            )
        )
        i += 2
    return out


def _held(text: str, end: int, mentions: list[Mention], first: int) -> list[int]:
    """The indexes of the mentions a composite ending at ``end`` is said to hold."""
    if first >= len(mentions) or not _HOLDS.match(text, end):
        return []
    stop = end + PARTS_REACH
    found = _BREAK.search(text, end, stop)
    if found:
        stop = found.start()
    return [
        j
        for j in range(first, len(mentions))
        if mentions[j].end <= stop and mentions[j].family in ("garnet", "polymer", "salt", "other")
    ]


def _composite(
    text: str, start: int, name: str, head: Mention | None, parts: list[Mention]
) -> Mention:
    """A composite mention named ``name`` at ``start``, of ``head``'s parts (a composite
    written with slashes) and ``parts``."""
    members = _slash_parts(head) if head is not None else []
    members += [_component(text, p) for p in parts]
    end = max([start + len(name), *(p.end for p in parts)])
    base = head or parts[0]
    return replace(
        base,
        text=name if head is None or not parts else text[start:end],
        start=start,
        end=end,
        formula=None,
        dopants=(),
        flags=(),
        dopant_confidence=1.0,
        host_text=None,
        defined_as=None,
        dopant_elements=(),
        named_dopants=(),
        secondary=False,
        methods=tuple(dict.fromkeys(x for p in [base, *parts] for x in p.methods)),
        components=tuple(members),
        assembly=COMPOSITE,
    )


def _slash_parts(head: Mention) -> list[Component]:
    """The parts of a composite written with slashes ("PEO/LiTFSI")."""
    out = []
    for name in re.split(r"[/@]", head.text.split()[0]):
        formula = normalize_formula(name)
        family = classify(name, formula)
        part = ComponentMaterial(name, formula, family=family)
        out.append(Component(ROLES.get(family, "filler"), part))
    return out


def _component(text: str, m: Mention) -> Component:
    """A part of a composite with its role and the fraction written before it."""
    fraction = _FRACTION.search(text, max(0, m.start - 20), m.start)
    key = default_material_key(Material(m.text, m.formula), m.dopants)
    part = ComponentMaterial(m.text, m.formula, key=key)
    return Component(
        ROLES.get(part.family, "filler"),
        part,
        float(fraction.group(1)) if fraction else None,
        f"{fraction.group(2).lower()}%" if fraction else None,
    )
