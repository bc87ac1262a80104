"""A value a document attributes to a study it cites as a calculation is calculated (DESIGN.md,
records v2: ``basis``; decision 0316).

A review says once how a cited study worked ("Miara et al.^[96] ... using first-principles
calculations") and quotes its values elsewhere without the method ("an activation energy of
2 eV^[96]"); the sentence alone reads the second as experimental. So a reference the document
cites for a calculated fact, and never for a fact with an experimental method, makes the facts
that cite it and nothing else calculated, unless their own sentence names an experimental
method. A fact citing several studies keeps its basis (one of them may be an experiment), and
the document's own values (no citation) are left as their sentences read them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from miner.records import CALCULATION, Fact


def _experimental_methods(fact: Fact) -> bool:
    return any(m != CALCULATION for m in fact.methods)


def calculated_studies(facts: Sequence[Fact]) -> frozenset[str]:
    """The citation keys the document cites for a calculated fact and never for a fact that
    names an experimental method."""
    calculated = {k for f in facts if f.basis == "calculated" for k in f.refs}
    measured = {k for f in facts if _experimental_methods(f) for k in f.refs}
    return frozenset(calculated - measured)


def assign_basis(facts: Sequence[Fact]) -> list[Fact]:
    """The facts with ``calculated`` where they cite only a calculated study (see the module
    docstring)."""
    studies = calculated_studies(facts)
    return [
        replace(f, basis="calculated")
        if f.basis == "experimental"
        and f.refs
        and set(f.refs) <= studies
        and not _experimental_methods(f)
        else f
        for f in facts
    ]
