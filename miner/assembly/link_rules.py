"""The linking rules and the confidence each gives a link: the one table (docs/confidence.md is
tested against it), the order of the value rules, and how a carried subject's link decays.

The seam: every linking step names its links through this table, and the facts read the
confidences from it, so it sits below all of them and imports no other step.
"""

from __future__ import annotations

from miner.assembly.mention import Link, Mention

LINK_RULES: dict[str, float] = {
    # sentence rules
    "variable-change": 0.85,
    "respectively": 0.90,
    "versus": 0.85,
    # value rules
    "cell": 0.85,
    "cell-carried": 0.75,
    "cell-made": 0.65,
    "compared": 0.85,
    "for-of": 0.90,
    "product": 0.85,
    "its-subject": 0.85,
    "nearest-left": 0.85,
    "carried": 0.70,
    "nearest-right": 0.75,
    "secondary": 0.50,
    "focus": 0.55,
    "none": 0.30,
    # after the value rules
    "change-result": 0.75,
    # a sentence that states no value (miner.assembly.facts)
    "statement": 0.80,
}
VALUE_RULES = (
    "cell",
    "cell-carried",
    "cell-made",
    "compared",
    "for-of",
    "product",
    "its-subject",
    "nearest-left",
    "carried",
    "nearest-right",
    "secondary",
    "focus",
)
CARRIED_DECAY = 0.05
CARRIED_FLOOR = 0.4

Links = list[Link | None]


def make_link(mention: Mention | None, rule: str) -> Link:
    return Link(mention, rule, LINK_RULES[rule])


def carried_confidence(confidence: float, distance: int) -> float:
    """A carried subject's link, ``distance`` sentences after the subject was named."""
    return max(CARRIED_FLOOR, confidence - CARRIED_DECAY * distance)
