"""Step: the facts of a sentence, from what the earlier steps decided.

A measurement per linked value (its material, dopants, property, value, temperature, methods
and keys, the link's confidence times the composition reading's); for a sentence that states no
value, ``doping`` (material + dopants) and ``synthesis`` (material + methods) statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from miner.assembly.linking import LINK_RULES
from miner.assembly.mention import Link, Mention, Value
from miner.assembly.provenance import CALCULATION
from miner.records import Dopant


@dataclass(frozen=True)
class Draft:
    """A fact before document provenance is added (offsets relative to the sentence)."""

    kind: str
    material: Mention
    dopants: tuple[Dopant, ...] = ()
    property: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    raw: str | None = None
    temperature_C: float | None = None
    methods: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)
    value_start: int = -1
    value_end: int = -1


def measurement(
    v: Value,
    link: Link,
    temperature: float | None,
    methods: tuple[str, ...],
    refs: tuple[str, ...],
    confidence: float,
) -> Draft:
    """The measurement of value ``v`` linked to a material (``confidence``: the link's)."""
    mention = link.mention
    assert mention is not None
    extra: dict[str, Any] = {"link": link.rule}
    if v.note:
        extra["note"] = v.note
    if mention.flags:
        extra["composition"] = list(mention.flags)
    if v.comparator and v.comparator != "=":
        extra["comparator"] = v.comparator
    if CALCULATION in methods:
        extra["calculation"] = True
    return Draft(
        kind="measurement",
        material=mention,
        dopants=mention.dopants,
        property=v.property,
        value=v.value,
        value_max=v.value_max,
        unit=v.unit,
        raw=v.raw,
        temperature_C=temperature,
        methods=methods,
        refs=refs,
        confidence=round(confidence * mention.dopant_confidence, 3),
        extra=extra,
        value_start=v.start,
        value_end=v.end,
    )


def statements(
    mentions: list[Mention], methods: tuple[str, ...], refs: tuple[str, ...]
) -> list[Draft]:
    """``synthesis`` (material + methods) and ``doping`` (material + dopants) facts of a sentence
    that states no value."""
    drafts = []
    for m in mentions:
        if m.secondary:
            continue
        own = m.methods or methods
        made = [x for x in own if x != CALCULATION]  # a calculation makes nothing
        kinds = (["doping"] if m.dopants else []) + (["synthesis"] if made else [])
        for kind in kinds:
            drafts.append(
                Draft(
                    kind=kind,
                    material=m,
                    dopants=m.dopants,
                    # a doping record states the dopants, not how the material was made,
                    # unless a calculation is what backs the doping
                    methods=own if kind == "synthesis" or not made else (),
                    refs=refs,
                    confidence=round(LINK_RULES["statement"] * m.dopant_confidence, 3),
                    extra={"link": "statement"},
                )
            )
    return drafts
