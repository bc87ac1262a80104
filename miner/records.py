"""The fact record of DESIGN.md as a frozen value, and its JSON form (the `extract` contract)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from miner.chemistry.garnet import SITES, Substitution

FactKind = Literal["measurement", "doping", "synthesis"]


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
    text: str
    formula: str | None = None


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
    raw: str | None = None
    temperature_C: float | None = None
    methods: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    source: Literal["text", "table"] = "text"
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.kind not in ("measurement", "doping", "synthesis"):
            raise ValueError(f"Invalid {self.kind=}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Invalid {self.confidence=}")
        if self.kind == "measurement" and (self.value is None or self.property is None):
            raise ValueError(f"Invalid measurement without value/property: {self.text[:60]!r}")

    def to_dict(self) -> dict[str, Any]:
        """The record exactly as DESIGN.md specifies (plus an optional ``extra`` map)."""
        record = asdict(self)
        record["dopants"] = [asdict(d) for d in self.dopants]
        record["methods"] = list(self.methods)
        record["refs"] = list(self.refs)
        if not record["extra"]:
            del record["extra"]
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
        return cls(**data)
