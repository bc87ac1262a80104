"""The scored choice of linking: a linear score over a candidate's features with hand-set
weights (docs/decisions/0307-linking-scored-choice-hand-weights.md), and the candidate chosen.

The seam: the weights are the one place the rules' precedence is set; candidate generation
(``miner.assembly.link_candidates``) only describes candidates.
"""

from __future__ import annotations

from miner.assembly.link_candidates import Candidate
from miner.assembly.link_rules import VALUE_RULES, make_link
from miner.assembly.mention import Link


def _hand_weights() -> dict[str, float]:
    """Each value rule outweighs all those after it together; the value's kind (a cell's value
    to a cell) outweighs every rule; the rest only breaks ties."""
    weights = {f"rule:{r}": float(2 ** (len(VALUE_RULES) - n)) for n, r in enumerate(VALUE_RULES)}
    top = float(2 ** (len(VALUE_RULES) + 2))
    weights.update({"kind:cell-cell": top, "kind:material-cell": -top, "kind:cell-material": 0.0})
    weights.update({"near": 0.1})
    return weights


WEIGHTS: dict[str, float] = _hand_weights()


def score(candidate: Candidate, w: dict[str, float] = WEIGHTS) -> float:
    return sum(w.get(name, 0.0) * x for name, x in candidate.features.items())


def choose(found: list[Candidate], w: dict[str, float] | None = None) -> Link:
    """The candidate of the highest score (ties: the earlier rule); no material without one."""
    if not found:
        return make_link(None, "none")
    w = WEIGHTS if w is None else w
    best = max(found, key=lambda c: (score(c, w), -VALUE_RULES.index(c.rule)))
    return make_link(best.mention, best.rule)
