"""The fact record of DESIGN.md (version 2) as a frozen value, and its JSON form (the `extract`
contract).

Every field is typed (no free-form map crosses from the miner to the graph). Version 2 added, with
defaults so that version-1 records still read: the material's canonical ``key``, ``family``,
``host``, ``components`` and ``defined_as``; each dopant's ``evidence``; and a measurement's
``comparator``, ``uncertainty``, ``basis``, ``conduction``, ``state``, ``treatment`` and
``sample``. A material's family is classified on creation when not given
(``miner.chemistry.family``), its key derived when not given (``default_material_key``).
``provenance`` records how the fact was read (the linking rule, the value's offsets, the table,
row and group of a table fact).

``Fact.read`` is the one constructor the extractor uses, for sentence and table facts alike:
it takes where the fact was read (``Where``) and decides the basis from the methods.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from miner.chemistry.family import FAMILIES, classify
from miner.chemistry.formula import canonical_amounts, canonical_formula
from miner.chemistry.garnet import PARENT_FORMULA, SITES, Substitution, nominal_composition

FactKind = Literal["measurement", "doping", "synthesis"]
Comparator = Literal["=", "<", ">", "<=", ">=", "~"]
Basis = Literal["experimental", "calculated", "target", "general"]
State = Literal["before", "after"]
COMPARATORS = ("=", "<", ">", "<=", ">=", "~")
BASES = ("experimental", "calculated", "target", "general")
CONDUCTIONS = ("bulk", "grain_boundary", "total")
STATES = ("before", "after")
ROLES = ("filler", "matrix", "salt", "additive", "anode", "electrolyte", "cathode", "interlayer")
FRACTION_UNITS = ("wt%", "vol%")
EVIDENCE = ("stated", "composition", "abbreviation")
# comparators as papers and the recognisers write them -> the record's
_COMPARATOR_FORMS = {"≈": "~", "≥": ">=", "≤": "<=", "": "="}
CALCULATION = "calculation"  # the method name that makes a fact's basis "calculated"


def _check(value: Any, allowed: tuple[Any, ...], name: str, optional: bool = True) -> None:
    if value is None and optional:
        return
    if value not in allowed:
        raise ValueError(f"Invalid {name}={value!r}: expected one of {', '.join(allowed)}")


def _check_amount(value: float | None, name: str) -> None:
    if value is not None and (math.isnan(value) or value < 0):
        raise ValueError(f"Invalid {name}={value!r}")


# --- identity ------------------------------------------------------------------------------------


def _name_key(text: str) -> str:
    """A name as a key: lower-cased, whitespace runs as one space."""
    return " ".join(text.lower().split()) or "?"


def _num(value: float | None) -> str:
    return "?" if value is None else format(value, ".10g")


def dopant_label(dopant: Dopant) -> str:
    """``Ga@Li:0.25`` (``?`` for an unknown site or amount): what queries show for a dopant."""
    return f"{dopant.element}@{dopant.site or '?'}:{_num(dopant.amount)}"


def dopant_signature(dopants: tuple[Dopant, ...] | list[Dopant]) -> str:
    """The dopant labels, sorted and comma-joined: the same dopants in any order give the same
    signature."""
    return ",".join(sorted({dopant_label(d) for d in dopants}))


def formula_holds(formula: str | None, dopants: tuple[Dopant, ...] | list[Dopant]) -> bool:
    """Whether ``formula`` is the doped material's own composition: it names every dopant
    element (``Li7La3Zr2O12`` with a Ga dopant is the host's formula, not the material's)."""
    from miner.chemistry.formula import Formula

    if not formula:
        return False
    try:
        elements = set(Formula.parse(formula).elements)
    except ValueError:
        return True  # not parsed: taken as written
    return all(d.element in elements for d in dopants)


def default_material_key(material: Material, dopants: tuple[Dopant, ...] | list[Dopant]) -> str:
    """The canonical identity when the extractor gave none:

    - for a composite, a cell or an interface, its components: ``role:key[@fraction unit]``
      sorted and joined with ``+`` inside ``{}`` (an interface keeps its electrolyte's formula,
      and is not that electrolyte);
    - the canonical formula (``canonical_formula``) when the material has one that holds its
      dopants;
    - else the host's canonical formula (or lower-cased name) plus ``|`` and the dopant
      signature (``Li7La3Zr2O12|Ga@Li:?``); a formula that lacks the dopants is taken as the
      host's (``Ga-doped Li7La3Zr2O12`` with formula ``Li7La3Zr2O12``);
    - else the lower-cased name, plus ``|`` and the dopant signature when there are dopants.
    """
    if material.components:
        parts = sorted(
            f"{c.role}:{c.material.key}"
            + (f"@{_num(c.fraction)} {c.fraction_unit or ''}".rstrip() if c.fraction else "")
            for c in material.components
        )
        return "{" + "+".join(parts) + "}"
    signature = dopant_signature(dopants)
    if material.formula and (not dopants or formula_holds(material.formula, dopants)):
        return canonical_formula(material.formula) or material.formula
    host = material.host
    if host is None and material.formula and dopants:
        host = Host(material.formula, material.formula)
    if host is not None and signature:
        nominal = _nominal_key(host, dopants)
        if nominal is not None:
            return nominal
        base = canonical_formula(host.formula) or _name_key(host.text or host.formula or "")
        return f"{base}|{signature}"
    name = _name_key(material.text or material.formula or "")
    return f"{name}|{signature}" if signature else name


def _nominal_key(host: Host, dopants: tuple[Dopant, ...] | list[Dopant]) -> str | None:
    """The canonical formula of Li7La3Zr2O12 with these dopants when every one's site, amount
    and charge is known (``garnet.nominal_composition``): the table row "Ta5+ | Zr4+ | 0.6" and
    the text's "Li6.4La3Zr1.4Ta0.6O12" are one material, not two."""
    if canonical_formula(host.formula) != canonical_formula(PARENT_FORMULA):
        return None
    amounts = nominal_composition((d.element, d.site, d.amount, d.charge) for d in dopants)
    return None if amounts is None else canonical_amounts(amounts.items())


def key_dopants(key: str | None) -> tuple[Dopant, ...]:
    """The dopants a key's signature names (``li7la3zr2o12|Ga@Li:0.25`` -> Ga on Li, 0.25):
    what a component of a cell or composite, which carries only its key, was doped with."""
    if not key or "|" not in key:
        return ()
    out = []
    for label in key.split("|", 1)[1].split(","):
        element, _, rest = label.partition("@")
        site, _, amount = rest.partition(":")
        out.append(
            Dopant(
                element,
                site=site if site in SITES else None,
                amount=None if amount in ("", "?") else float(amount),
            )
        )
    return tuple(out)


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dopant:
    element: str
    text: str = ""
    site: str | None = None
    amount: float | None = None
    charge: int | None = None
    evidence: str | None = None

    def __post_init__(self) -> None:
        if self.site is not None and self.site not in SITES:
            raise ValueError(f"Invalid {self.site=}")
        _check_amount(self.amount, "amount")
        _check(self.evidence, EVIDENCE, "evidence")

    @classmethod
    def implied(cls, substitution: Substitution, text: str | None = None) -> Dopant:
        """The dopant a composition implies (``garnet.infer_dopants``), written ``text`` (its
        element symbol by default)."""
        element, site, amount, charge = substitution
        return cls(element, text or element, site, amount, charge, evidence="composition")


@dataclass(frozen=True)
class Host:
    """The undoped parent of a doped material."""

    text: str
    formula: str | None = None


@dataclass(frozen=True)
class ComponentMaterial:
    """The material of a component: its own key (default: canonical formula or name) and
    family (classified on creation when not given)."""

    text: str
    formula: str | None = None
    key: str | None = None
    family: str = ""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", classify(self.text, self.formula))
        _check(self.family, FAMILIES, "family")
        if self.key is None:
            key = canonical_formula(self.formula) or self.formula or _name_key(self.text)
            object.__setattr__(self, "key", key)


@dataclass(frozen=True)
class Component:
    role: str
    material: ComponentMaterial
    fraction: float | None = None
    fraction_unit: str | None = None

    def __post_init__(self) -> None:
        _check(self.role, ROLES, "role", optional=False)
        _check_amount(self.fraction, "fraction")
        _check(self.fraction_unit, FRACTION_UNITS, "fraction_unit")


@dataclass(frozen=True)
class Material:
    """A material as written, its formula, its family (``miner.chemistry.family``; read from the
    text and formula on creation when not given), its canonical key (filled by the Fact it
    belongs to when not given), the host of a doped material, the parts of a composite or cell,
    and the document's own expansion of an abbreviation."""

    text: str
    formula: str | None = None
    key: str | None = None
    family: str = ""
    host: Host | None = None
    components: tuple[Component, ...] = ()
    defined_as: str | None = None

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", classify(self.text, self.formula))
        _check(self.family, FAMILIES, "family", optional=False)

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["components"] = [asdict(c) for c in self.components]
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Material:
        data = dict(record)
        host = data.get("host")
        data["host"] = Host(**host) if host else None
        data["components"] = tuple(
            Component(**{**c, "material": ComponentMaterial(**c["material"])})
            for c in data.get("components") or ()
        )
        data["family"] = data.get("family") or ""
        return cls(**data)


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
    uncertainty: float | None = None
    basis: Basis = "experimental"
    conduction: str | None = None
    state: State | None = None
    treatment: str | None = None
    sample: str | None = None
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
        _check(comparator, COMPARATORS, "comparator", optional=False)
        object.__setattr__(self, "comparator", comparator)
        _check(self.basis, BASES, "basis", optional=False)
        _check(self.state, STATES, "state")
        _check(self.conduction, CONDUCTIONS, "conduction")
        _check_amount(self.uncertainty, "uncertainty")
        if self.material.key is None:
            key = default_material_key(self.material, self.dopants)
            object.__setattr__(self, "material", replace(self.material, key=key))

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
        basis: Basis | None = None,
        **measured: Any,
    ) -> Fact:
        """The fact read at ``where``: its basis is the one the text gave (a "target"; a
        "general" statement), else "calculated" when a calculation is among the methods
        behind it (which a general statement backed by a calculation is too), else
        "experimental"; ``measured``: property, value, value_max, unit, comparator,
        uncertainty, conduction, state, treatment, sample, raw, temperature_C of a
        measurement."""
        if basis is None or (basis == "general" and CALCULATION in methods):
            basis = "calculated" if CALCULATION in methods else "experimental"
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
            basis=basis,
            provenance=provenance,
            **measured,
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as DESIGN.md specifies it, with ``provenance`` last."""
        record = asdict(self)
        record["material"] = self.material.to_dict()
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
        data["material"] = Material.from_dict(data["material"])
        data["dopants"] = tuple(Dopant(**d) for d in data.get("dopants") or ())
        data["methods"] = tuple(data.get("methods") or ())
        data["refs"] = tuple(data.get("refs") or ())
        provenance = dict(data.get("provenance") or {})
        provenance["composition_flags"] = tuple(provenance.get("composition_flags") or ())
        provenance["merged_rows"] = tuple(provenance.get("merged_rows") or ())
        data["provenance"] = Provenance(**provenance)
        for name in ("basis", "comparator"):  # null in a record: the default
            if data.get(name) is None:
                data.pop(name, None)
        return cls(**data)
