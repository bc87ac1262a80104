"""Step: the dopants of each material mention.

From its composition (relative to the garnet frame, ``miner.chemistry.garnet``), from its name
("Ga-doped LLZO") and from DOPANT spans next to it; then from the doping statements of
``llzo_doping`` ("ZnO films doped with Al, Ga and In"), whose hosts that are no material span
become mentions of their own. A site or charge the text states wins over the composition's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from miner.assembly.mention import GENERIC_HOST, Mention, concrete, general_formula
from miner.chemistry.family import names_garnet
from miner.chemistry.formula import normalize_formula
from miner.chemistry.garnet import (
    SITES,
    default_site,
    infer_dopants,
    is_garnet,
    is_llzo_derived,
    parse_formula,
)
from miner.doping.component import dopings
from miner.records import Dopant

Stated = tuple[str, str, str | None, float | None, int | None]  # element, text, site, amount, q
NEAR = 30  # characters between a dopant and the material it belongs to, at most
_DOPED_AFTER = re.compile(
    r"\s*[-‐]?\s*(?:co-?)?(?:doped|substituted|containing|stabili[sz]ed|modified)\b", re.I
)


def nearby_dopants(
    material: Span, materials: list[Span], dopants: list[Span], sites: list[Span]
) -> list[Stated]:
    """DOPANT spans whose nearest material is this one: (element, text, site, amount, charge)."""
    out = []
    for d in dopants:
        if not d._.element:
            continue
        nearest = min(materials, key=lambda m: _gap(m, d))
        if nearest is not material or _gap(material, d) > NEAR:
            continue
        text = d.doc.text
        doped = _DOPED_AFTER.match(text[d.end_char :])
        # "Ga-doped sample" modifies the word that follows: not a material before it, nor one
        # further on ("the Al-doped counterpart (0.34 eV), Ga-doped LLZO ...")
        if doped and (
            material.end_char <= d.start_char
            or (
                material.start_char > d.start_char
                and material.start_char - (d.end_char + doped.end()) > 2
            )
        ):
            continue
        site = d._.site or _site_near(d, sites)
        out.append((d._.element, d.text, site, d._.amount, d._.charge))
    return out


def _gap(a: Span, b: Span) -> int:
    if a.end_char <= b.start_char:
        return b.start_char - a.end_char
    if b.end_char <= a.start_char:
        return a.start_char - b.end_char
    return 0


def _site_near(dopant: Span, sites: list[Span]) -> str | None:
    """A SITE span within a few words after a dopant ("Ga3+ on the Li site")."""
    for s in sites:
        if 0 <= s.start_char - dopant.end_char <= NEAR and s._.site in SITES:
            return s._.site
    return None


def with_dopants(
    mention: Mention,
    stated: list[Stated],
    keep: tuple[Dopant, ...] = (),
    garnet_context: bool = False,
) -> Mention:
    """Dopants of a mention: from its composition (relative to LLZO), its name ("Ga-doped") and
    DOPANT spans next to it; a site or charge stated in the text wins. ``keep``: dopants already
    read for the mention, extended here; ``garnet_context``: the mention is a generic word
    ("the Ga-doped sample") in text about a garnet, so garnet sites apply."""
    stated_sites = {e: site for e, _, site, _, _ in stated if site}
    stated_charges = {e: q for e, _, _, _, q in stated if q}
    texts = {e: t for e, t, _, _, _ in stated}
    flags, confidence = mention.flags, mention.dopant_confidence
    dopants: list[Dopant] = list(keep)
    garnet = garnet_context or names_garnet(mention.text)
    composition = mention.formula or _general_instance(mention)
    if composition and not keep:
        try:
            amounts = parse_formula(composition)
        except ValueError:
            amounts = {}
        if amounts and is_llzo_derived(amounts):
            reading = infer_dopants(amounts, stated_sites, stated_charges)
            flags, confidence = reading.flags, reading.confidence
            dopants = [Dopant.implied(d, texts.get(d.element)) for d in reading.dopants]
            if not mention.formula:  # a general formula: its dopants, amount unknown
                dopants = [replace(d, amount=None) for d in dopants]
            if mention.defined_as and mention.kind == "abbreviation":
                # "LLZNO", which the document defined as that composition
                dopants = [replace(d, evidence="abbreviation") for d in dopants]
        garnet = bool(amounts) and is_garnet(amounts) or (garnet and not amounts)
    known = {d.element for d in dopants}
    spans = {e for e, *_ in stated}
    for element, written, site, amount, charge in [
        *((e, e, None, None, None) for e in mention.dopant_elements),
        *stated,
    ]:
        if element in known or (garnet and element in SITES):
            continue  # "substitution of La3+ by Ca2+": La is the garnet's own, no dopant
        known.add(element)
        site = stated_sites.get(element) or site or (default_site(element) if garnet else None)
        amounts_stated = [a for e, _, _, a, _ in stated if e == element and a is not None]
        dopants.append(
            Dopant(
                element=element,
                text=texts.get(element, written),
                site=site,
                amount=amounts_stated[0] if amounts_stated else amount,
                charge=stated_charges.get(element, charge),
                evidence=(
                    "abbreviation"
                    if element in mention.named_dopants and element not in spans
                    else "stated"
                ),
            )
        )
    return replace(mention, dopants=tuple(dopants), flags=flags, dopant_confidence=confidence)


def _general_instance(mention: Mention) -> str | None:
    """One composition of the general formula a mention writes ("Li7-xLa3Zr2-xTaxO12": x =
    0.1), which tells its dopants and sites, not their amounts; None without one."""
    general = general_formula(mention.text) if mention.formula is None else None
    return normalize_formula(general[0], {general[1]: 0.1}) if general else None


def apply_dopings(doc: Doc, mentions: list[Mention], topic: Mention | None) -> list[Mention]:
    """Fold the doping component's statements ("ZnO films doped with Al, Ga and In") into the
    material mentions they name; hosts that are no material span become mentions of their own
    (a generic host word, "the Ga-doped sample", "the Al-doped reference", is read in the
    garnet context when ``topic``, the paragraph's or else the document's last garnet, is
    given)."""
    garnet_context = topic is not None or any(m.garnet for m in mentions)
    mentions = list(mentions)
    extra_hosts: list[Mention] = []
    for statement in dopings(doc):
        if not statement.complete:
            continue
        host = statement.host
        assert host is not None
        stated = [(d.element, d.text, d.site, d.amount, d.charge) for d in statement.fact_dopants()]
        for i, m in enumerate(mentions):
            if m.start < host.end and host.start < m.end:
                general = general_formula(m.text) is not None
                if m.formula is None and m.kind not in ("family", "abbreviation") and not general:
                    m = replace(m, formula=concrete(host.formula))  # "Nb-substituted TiO2"
                mentions[i] = with_dopants(m, stated, keep=m.dopants)
                break
        else:
            mention = Mention(
                text=host.text, start=host.start, end=host.end, formula=concrete(host.formula)
            )
            generic = GENERIC_HOST.fullmatch(host.text) is not None
            extra_hosts.append(
                with_dopants(mention, stated, garnet_context=generic and garnet_context)
            )
    return sorted([*mentions, *extra_hosts], key=lambda m: m.start)
