"""The fact record of DESIGN.md as a frozen value, and its JSON form (the `extract` contract).

Every field is typed (no free-form map crosses from the miner to the graph): the version-2
fields the extractor already knows (``comparator``, ``basis``, ``state``, ``material.family``)
and, in ``provenance``, how the fact was read (the linking rule, the value's offsets, the table,
row and group of a table fact). The fields of the v2 material model still to come (``key``,
``host``, ``components``, ``defined_as``, a dopant's ``evidence``, ``uncertainty``,
``conduction``, ``treatment``, ``sample``) slot in as fields with defaults.

``Fact.read`` is the one constructor the extractor uses, for sentence and table facts alike:
it takes where the fact was read (``Where``) and decides the basis from the methods.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from miner.chemistry.family import FAMILIES, classify
from miner.chemistry.garnet import SITES, Substitution

FactKind = Literal["measurement", "doping", "synthesis"]
Comparator = Literal["=", "<", ">", "<=", ">=", "~"]
Basis = Literal["experimental", "calculated", "target", "general"]
State = Literal["before", "after"]
COMPARATORS = ("=", "<", ">", "<=", ">=", "~")
BASES = ("experimental", "calculated", "target", "general")
# comparators as papers and the recognisers write them -> the record's
_COMPARATOR_FORMS = {"≈": "~", "≥": ">=", "≤": "<=", "": "="}
CALCULATION = "calculation"  # the method name that makes a fact's basis "calculated"


@dataclass(frozen=True)
class Dopant:
    element: str
    text: str = ""
    site: str | None = None
    amount: float | None = None
    charge: int | None = None

    def __post_init__(self) -> None:
        if self.site is not None and self.site not in SITES:
            raise ValueError(f"Invalid {self.site=}")
        if self.amount is not None and (math.isnan(self.amount) or self.amount < 0):
            raise ValueError(f"Invalid {self.amount=}")

    @classmethod
    def implied(cls, substitution: Substitution, text: str | None = None) -> Dopant:
        """The dopant a composition implies (``garnet.infer_dopants``), written ``text`` (its
        element symbol by default)."""
        element, site, amount, charge = substitution
        return cls(element, text or element, site, amount, charge)


@dataclass(frozen=True)
class Material:
    """A material as written, its formula, and its family (``miner.chemistry.family``; read
    from the text and formula on creation when not given)."""

    text: str
    formula: str | None = None
    family: str = ""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", classify(self.text, self.formula))
        if self.family not in FAMILIES:
            raise ValueError(f"Invalid {self.family=}")


@dataclass(frozen=True)
class Provenance:
    """How a fact was read, beyond the sentence or row it stands in."""

    link: str | None = None  # the rule that linked a value to its material (docs/confidence.md)
    value_start: int | None = None  # the value's offsets in the document (sentence facts)
    value_end: int | None = None
    composition_flags: tuple[str, ...] = ()  # what the composition reading found wrong
    table: str | None = None  # table facts: the table's label ("Table 2"), its row (0-based),
    row: int | None = None  # the rows a row spans when merged, the group row above it
    merged_rows: tuple[int, ...] = ()
    group: str | None = None
    method_text: str | None = None  # a method cell no canonical method was read from


@dataclass(frozen=True)
class Where:
    """The sentence or table row a fact is read from, in a document."""

    doc: str
    section: str
    sentence: int  # -1 for a table row
    start: int
    end: int
    text: str
    source: Literal["text", "table"] = "text"


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    doc: str
    section: str
    sentence: int
    start: int
    end: int
    text: str
    material: Material
    dopants: tuple[Dopant, ...] = ()
    property: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: Comparator = "="
    basis: Basis = "experimental"
    state: State | None = None
    raw: str | None = None
    temperature_C: float | None = None
    methods: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    source: Literal["text", "table"] = "text"
    confidence: float = 1.0
    provenance: Provenance = field(default_factory=Provenance, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in ("measurement", "doping", "synthesis"):
            raise ValueError(f"Invalid {self.kind=}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Invalid {self.confidence=}")
        if self.kind == "measurement" and (self.value is None or self.property is None):
            raise ValueError(f"Invalid measurement without value/property: {self.text[:60]!r}")
        comparator = _COMPARATOR_FORMS.get(self.comparator, self.comparator)
        if comparator not in COMPARATORS:
            raise ValueError(f"Invalid {self.comparator=}")
        object.__setattr__(self, "comparator", comparator)
        if self.basis not in BASES:
            raise ValueError(f"Invalid {self.basis=}")
        if self.state not in (None, "before", "after"):
            raise ValueError(f"Invalid {self.state=}")

    @classmethod
    def read(
        cls,
        kind: FactKind,
        where: Where,
        material: Material,
        dopants: tuple[Dopant, ...] = (),
        *,
        methods: tuple[str, ...] = (),
        refs: tuple[str, ...] = (),
        confidence: float,
        provenance: Provenance = Provenance(),
        **measured: Any,
    ) -> Fact:
        """The fact read at ``where``: its basis is "calculated" when a calculation is among
        the methods behind it, else "experimental"; ``measured``: property, value, value_max,
        unit, comparator, state, raw, temperature_C of a measurement."""
        return cls(
            kind=kind,
            doc=where.doc,
            section=where.section,
            sentence=where.sentence,
            start=where.start,
            end=where.end,
            text=where.text,
            material=material,
            dopants=dopants,
            methods=methods,
            refs=refs,
            source=where.source,
            confidence=confidence,
            basis="calculated" if CALCULATION in methods else "experimental",
            provenance=provenance,
            **measured,
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as DESIGN.md specifies it, with ``provenance`` last."""
        record = asdict(self)
        record["dopants"] = [asdict(d) for d in self.dopants]
        record["methods"] = list(self.methods)
        record["refs"] = list(self.refs)
        provenance = record["provenance"]
        provenance["composition_flags"] = list(self.provenance.composition_flags)
        provenance["merged_rows"] = list(self.provenance.merged_rows)
        return record

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Fact:
        data = dict(record)
        data["material"] = Material(**data["material"])
        data["dopants"] = tuple(Dopant(**d) for d in data.get("dopants") or ())
        data["methods"] = tuple(data.get("methods") or ())
        data["refs"] = tuple(data.get("refs") or ())
        provenance = dict(data.get("provenance") or {})
        provenance["composition_flags"] = tuple(provenance.get("composition_flags") or ())
        provenance["merged_rows"] = tuple(provenance.get("merged_rows") or ())
        data["provenance"] = Provenance(**provenance)
        return cls(**data)
