"""A value cited from a study the document cites as a calculation is calculated
(miner.basis)."""

from __future__ import annotations

from miner.basis import assign_basis, calculated_studies
from miner.records import Fact, Material

LLZO = Material("LLZO", "Li7La3Zr2O12")


def _fact(refs: tuple[str, ...], basis: str = "experimental", methods=(), **kw) -> Fact:
    fields = dict(kind="doping", doc="d", section="1", sentence=1, start=0, end=1, text="x")
    fields.update(kw)
    return Fact(material=LLZO, refs=refs, basis=basis, methods=methods, **fields)  # type: ignore[arg-type]


def test_basis_a_calculated_study_makes_its_other_citations_calculated() -> None:
    facts = [
        _fact(("96",), "calculated", ("calculation",)),
        _fact(("96",), sentence=4),
        _fact(("96", "97"), sentence=5),  # another study cited beside it: kept
        _fact((), sentence=7),  # the document's own work: kept
        _fact(("98",), "calculated", ("calculation",), sentence=8),
        _fact(("98",), methods=("sol-gel",), sentence=9),  # 98 is also cited for an experiment
        _fact(("98",), sentence=10),
    ]
    assert calculated_studies(facts) == {"96"}
    assert [f.basis for f in assign_basis(facts)] == [
        "calculated", "calculated", "experimental", "experimental",
        "calculated", "experimental", "experimental",
    ]  # fmt: skip
