"""Which values of a document were measured on one sample (DESIGN.md, records v2: ``sample``).

A document reports a composition it made, or a study it cites, in several places: a table row,
the sentence that restates it, the next sentence's density and activation energy. The values
of one composition in one study -- the same material key with its own formula, the same
citation keys (none: the document's own work), measured (basis experimental) -- are one
sample, whether read from the text or a table, so the graph keeps density, activation energy
and conductivity together and a text restatement of a table row is not a second sample.

A group is left to the graph's default (one sample per sentence or table row) when it cannot
be one sample: two different values of one property under the same conditions (temperature,
conduction kind, before/after) say the document made that composition more than once. A
family name ("LLZO", an undefined "LLZTO") stands for no one composition, and a calculated,
general or target value is no sample's: neither gets a sample here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from miner.records import Fact

SAME_VALUE = 0.02  # relative difference under which two values are one value restated
OWN_WORK = "own"  # the sample id's study part for values the document cites no key for


def _groupable(fact: Fact) -> bool:
    return (
        fact.kind == "measurement"
        and fact.sample is None
        and fact.basis == "experimental"
        and fact.material.formula is not None
        and fact.material.key is not None
    )


def _conditions(fact: Fact) -> tuple[object, ...]:
    return (fact.property, fact.temperature_C, fact.conduction, fact.state, fact.treatment)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))


def one_sample(facts: Sequence[Fact]) -> bool:
    """No two of ``facts`` give different values of one property under the same conditions."""
    seen: dict[tuple[object, ...], Fact] = {}
    for fact in facts:
        known = seen.setdefault(_conditions(fact), fact)
        if not (_same(known.value, fact.value) and _same(known.value_max, fact.value_max)):
            return False
    return True


def assign_samples(facts: Sequence[Fact]) -> list[Fact]:
    """The facts with the sample of each value that has one (see the module docstring): the id
    is the material key and the study, ``Li6.25La3Zr2Ga0.25O12@12`` or ``...@own``."""
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for i, fact in enumerate(facts):
        if _groupable(fact):
            key = (str(fact.material.key), tuple(sorted(set(fact.refs))))
            groups.setdefault(key, []).append(i)
    out = list(facts)
    for (key, refs), members in groups.items():
        if not one_sample([facts[i] for i in members]):
            continue
        sample = f"{key}@{','.join(refs) or OWN_WORK}"
        for i in members:
            out[i] = replace(out[i], sample=sample)
    return out
