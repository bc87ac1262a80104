"""Step: the facts of a sentence, from what the earlier steps decided, through the one fact
constructor (``records.Fact.read``, which table facts use too).

A measurement per linked value (its material, dopants, property, value, temperature, methods
and keys, the link's confidence times the composition reading's); for a sentence that states no
value, ``doping`` (material + dopants) and ``synthesis`` (material + methods) statements.
"""

from __future__ import annotations

from miner.assembly.identity import material
from miner.assembly.link_rules import LINK_RULES
from miner.assembly.mention import Link, Mention, Value
from miner.records import CALCULATION, Fact, Provenance, Where

Read = tuple[Mention, Fact]  # a fact and the mention it is about


def measurement(
    where: Where,
    v: Value,
    link: Link,
    temperature: float | None,
    methods: tuple[str, ...],
    refs: tuple[str, ...],
    confidence: float,
) -> Read:
    """The measurement of value ``v`` linked to a material (``confidence``: the link's)."""
    mention = link.mention
    assert mention is not None
    provenance = Provenance(
        link=link.rule,
        value_start=where.start + v.start,
        value_end=where.start + v.end,
        composition_flags=mention.flags,
    )
    fact = Fact.read(
        "measurement",
        where,
        material(mention),
        mention.dopants,
        property=v.property,
        value=v.value,
        value_max=v.value_max,
        unit=v.unit,
        comparator=v.comparator or "=",
        uncertainty=v.uncertainty,
        basis=v.basis,
        conduction=v.conduction,
        state=v.note,  # type: ignore[arg-type]
        treatment=v.treatment,
        raw=v.raw,
        temperature_C=temperature,
        methods=methods,
        refs=refs,
        confidence=round(confidence * mention.dopant_confidence, 3),
        provenance=provenance,
    )
    return mention, fact


def statements(
    where: Where, mentions: list[Mention], methods: tuple[str, ...], refs: tuple[str, ...]
) -> list[Read]:
    """``synthesis`` (material + methods) and ``doping`` (material + dopants) facts of a sentence
    that states no value."""
    out = []
    for m in mentions:
        if m.secondary:
            continue
        own = m.methods or methods
        made = [x for x in own if x != CALCULATION]  # a calculation makes nothing
        kinds = (["doping"] if m.dopants else []) + (["synthesis"] if made else [])
        for kind in kinds:
            fact = Fact.read(
                kind,  # type: ignore[arg-type]
                where,
                material(m),
                m.dopants,
                # a doping record states the dopants, not how the material was made, unless a
                # calculation is what backs the doping
                methods=own if kind == "synthesis" or not made else (),
                refs=refs,
                confidence=round(LINK_RULES["statement"] * m.dopant_confidence, 3),
                provenance=Provenance(link="statement"),
            )
            out.append((m, fact))
    return out
