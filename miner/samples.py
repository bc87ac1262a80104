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

A restatement joins two such groups of one study into one sample (decision 0315): a value of
one restated by the other in another sentence or table row (same property, conduction kind and
state, the same value), when one composition's dopants are contained in the other's with the
same amounts where both give one (the review's table row "F- | O2- | 0.2 | ... 7.45e-4" and its
text's Li6.8Al0.2La3Zr2O11.8F0.2 at 7.45e-4). A doped material of unknown amounts ("Al/Ga-doped
LLZO") joins the one group whose value it restates on those terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from miner.chemistry.formula import canonical_formula
from miner.records import Fact

SAME_VALUE = 0.02  # relative difference under which two values are one value restated
OWN_WORK = "own"  # the sample id's study part for values the document cites no key for


def _measured(fact: Fact) -> bool:
    return (
        fact.kind == "measurement"
        and fact.sample is None
        and fact.basis == "experimental"
        and fact.material.key is not None
    )


def _groupable(fact: Fact) -> bool:
    """A measured value of a known composition: the material's own formula, or a key that is
    a formula (decision 0311: a host whose dopants' sites, amounts and charges are known)."""
    key = fact.material.key
    return _measured(fact) and (fact.material.formula is not None or canonical_formula(key) == key)


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


def _nested(a: Fact, b: Fact) -> bool:
    """One fact's dopants (element and site) are contained in the other's, the smaller set is
    not empty (an undoped parent restates no doped sample) and shared dopants agree in amount
    where both give one."""
    sites_a = {(d.element, d.site): d.amount for d in a.dopants}
    sites_b = {(d.element, d.site): d.amount for d in b.dopants}
    small, large = sorted((sites_a, sites_b), key=len)
    if not small or not small.keys() <= large.keys():
        return False
    return all(x is None or large[k] is None or _same(x, large[k]) for k, x in small.items())


def restates(a: Fact, b: Fact) -> bool:
    """``b`` states again, in another sentence or table row, a value ``a`` gives of a
    composition nested in ``a``'s (``_nested``)."""
    return (
        (a.source, a.sentence, a.provenance.row) != (b.source, b.sentence, b.provenance.row)
        and (a.property, a.conduction, a.state) == (b.property, b.conduction, b.state)
        and a.value is not None
        and _same(a.value, b.value)
        and _same(a.value_max, b.value_max)
        and _nested(a, b)
    )


def _joined(groups: list[list[int]], facts: Sequence[Fact]) -> list[list[int]]:
    """Groups of one study merged while one restates the other and together they stay one
    sample (in the order given, so the result does not depend on the input's order)."""
    merged: list[list[int]] = []
    for group in groups:
        for known in merged:
            both = known + group
            if any(restates(facts[i], facts[j]) for i in known for j in group) and one_sample(
                [facts[i] for i in both]
            ):
                known.extend(group)
                break
        else:
            merged.append(list(group))
    return merged


def assign_samples(facts: Sequence[Fact]) -> list[Fact]:
    """The facts with the sample of each value that has one (see the module docstring): the id
    is the (smallest) material key and the study, ``Li6.25La3Zr2Ga0.25O12@12`` or ``...@own``."""
    groups: dict[tuple[str, ...], dict[str, list[int]]] = {}
    for i, fact in enumerate(facts):
        if _groupable(fact):
            study = groups.setdefault(tuple(sorted(set(fact.refs))), {})
            study.setdefault(str(fact.material.key), []).append(i)
    out = list(facts)
    for refs, by_key in sorted(groups.items()):
        samples = [
            by_key[key] for key in sorted(by_key) if one_sample([facts[i] for i in by_key[key]])
        ]
        samples = _joined(samples, facts)
        for i, fact in enumerate(facts):
            if _measured(fact) and fact.dopants and not _groupable(fact):
                if tuple(sorted(set(fact.refs))) != refs:
                    continue
                hosts = [
                    s
                    for s in samples
                    if any(restates(facts[j], fact) for j in s)
                    and one_sample([facts[j] for j in [*s, i]])
                ]
                if len(hosts) == 1:
                    hosts[0].append(i)
        for members in samples:
            key = min(str(facts[i].material.key) for i in members)
            sample = f"{key}@{','.join(refs) or OWN_WORK}"
            for i in members:
                out[i] = replace(out[i], sample=sample)
    return out
