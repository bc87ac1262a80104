"""Numbers and units as papers print them, read into values in the canonical units of
GOLD_FORMAT.md (S/cm, eV, %, ohm*cm^2, mA/cm^2, V, mAh/g, cycles, degC, h, um, GPa, Wh/kg, Wh/L,
g/h).

Both the corpus layer's normalised forms and plain user text are read:
``1.24 × 10^-3``, ``1.24 × 10-3``, ``1.24×10−3`` (Unicode minus), ``1.24 x 10^{-3}``, ``1.24e-3``,
``10^-4``, ``10⁻⁴``; units ``S cm^-1``, ``S cm-1``, ``S cm⁻¹``, ``S/cm``, ``mS/cm``, ``Ω cm^2``,
``Ω·cm2``, ``ohm cm2``, ``mAh g-1``, ``°C``, ``℃``, ``K``, ``µm``/``μm``/``um``.

``fold`` maps the look-alike characters (superscripts, minus signs, micro signs) one to one, so
offsets found in the folded text are offsets in the original. Unit conversion goes through pint;
its registry costs ~0.2 s to build, so it is built on first use and every unit string's
conversion is cached (docs/decisions/0202-units-with-pint.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

FOLD = str.maketrans(
    {
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
        "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "−": "-", "‐": "-", "‑": "-", "µ": "μ",
        "∼": "~", "˚": "°", "º": "°", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip


FOLD_RE = re.compile("[" + re.escape("".join(map(chr, FOLD))) + "]")


def fold(text: str) -> str:
    """``text`` with ``FOLD`` applied. Most texts hold nothing to fold (an ASCII text, or one
    whose only non-ASCII characters are "×", "°", "–" ...), and asking is a single C scan where
    ``translate`` looks every character up in a dict."""
    if text.isascii() or FOLD_RE.search(text) is None:
        return text
    return text.translate(FOLD)


# A unit atom: a prefixed base unit, optionally raised to a power (cm^-1, cm-1, cm^{-1}, cm2).
# cycles and °C stand alone; "C" alone is a C-rate, not a unit of a property.
_PREFIXED = r"(?:[cmμunkMG]?(?:S|Ω|ohm|Ah|Wh|eV|A|W|V|J|mol|g|L|m|Pa|s))"
_SIMPLE = r"(?:°C|℃|K|h|hr|hrs|min|%|wt%|mol%|at%|vol%|cycles?|ppm)"
_POWER = r"(?:\^?\{?-?\d\}?)"
ATOM = rf"(?:{_SIMPLE}|{_PREFIXED}){_POWER}?(?![A-Za-z0-9%])"
UNIT = rf"{ATOM}(?:(?:\s?[·*⋅]\s?|\s?/\s?|\s)(?:{ATOM}))*"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?|\.\d+)"
_EXP = r"(?:\^?\{?\s?[-+]?\s?\d{1,3}\}?)"
_TIMES = r"(?:\s?[×x*·]\s?)"
NUMBER = (
    rf"(?:{_NUM}{_TIMES}10{_EXP}"  # 1.24 × 10^-3, 1.24 × 10-3
    rf"|{_NUM}[eE][-+]?\d{{1,3}}"  # 1.24e-3
    rf"|10\^\{{?-?\d{{1,3}}\}}?"  # 10^-4, 10^{-4}
    rf"|{_NUM})"
)
NUMBER_RE = re.compile(NUMBER)
UNIT_RE = re.compile(UNIT)
_NUMBER_PARTS = re.compile(
    rf"^(?P<mant>{_NUM})(?:{_TIMES}10(?P<exp>{_EXP})|[eE](?P<e>[-+]?\d{{1,3}}))?$"
    rf"|^10(?:\^\{{?(?P<pow>-?\d{{1,3}})\}}?|(?P<bare>-\d{{1,3}}))$"
)
_ATOM_RE = re.compile(rf"(?P<base>{_SIMPLE}|{_PREFIXED})(?P<power>{_POWER})?")
_SIMPLE_UNITS = {
    "°C": "degC", "℃": "degC", "K": "kelvin", "h": "hour", "hr": "hour", "hrs": "hour",
    "min": "minute", "%": "percent", "wt%": "percent", "mol%": "percent", "at%": "percent",
    "vol%": "percent", "ppm": "ppm", "cycle": "cycle", "cycles": "cycle",
}  # fmt: skip
_BASES = {
    "S": "siemens", "Ω": "ohm", "ohm": "ohm", "Ah": "ampere_hour", "Wh": "watt_hour",
    "eV": "electron_volt", "A": "ampere", "W": "watt", "V": "volt", "J": "joule", "mol": "mole",
    "g": "gram", "L": "liter", "m": "meter", "Pa": "pascal", "s": "second",
}  # fmt: skip
_PREFIXES = {"c": "centi", "m": "milli", "μ": "micro", "u": "micro", "n": "nano", "k": "kilo",
             "M": "mega", "G": "giga"}  # fmt: skip


@dataclass(frozen=True)
class Canonical:
    """A dimension of GOLD_FORMAT.md: the canonical unit's label and its pint expression."""

    dimension: str
    unit: str
    pint_unit: str
    requires: str = ""  # a pint name the printed unit must use (GPa and Wh/L share dimensions)


# Order matters only for equal dimensionalities: the first entry whose ``requires`` fits wins.
CANONICAL: tuple[Canonical, ...] = (
    Canonical("conductivity", "S/cm", "siemens / centimeter"),
    Canonical("energy", "eV", "electron_volt"),
    Canonical("fraction", "%", "percent"),
    Canonical("area_resistance", "ohm*cm^2", "ohm * centimeter ** 2"),
    Canonical("current_density", "mA/cm^2", "milliampere / centimeter ** 2"),
    Canonical("voltage", "V", "volt"),
    Canonical("specific_capacity", "mAh/g", "milliampere_hour / gram"),
    Canonical("areal_capacity", "mAh/cm^2", "milliampere_hour / centimeter ** 2"),
    Canonical("temperature", "degC", "degC"),
    Canonical("time", "h", "hour"),
    Canonical("length", "um", "micrometer"),
    Canonical("pressure", "GPa", "gigapascal", requires="pascal"),
    Canonical("energy_density_gravimetric", "Wh/kg", "watt_hour / kilogram"),
    Canonical("energy_density_volumetric", "Wh/L", "watt_hour / liter"),
    Canonical("mass_rate", "g/h", "gram / hour"),
    Canonical("density", "g/cm^3", "gram / centimeter ** 3"),
    Canonical("areal_loading", "mg/cm^2", "milligram / centimeter ** 2"),
    Canonical("resistance", "ohm", "ohm"),
    Canonical("current", "mA", "milliampere"),
    Canonical("power_density", "W/kg", "watt / kilogram"),
)
COUNT = Canonical("count", "cycles", "cycle")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared pint registry, built on first use (~0.2 s; ~0.02 s from the on-disk cache of
    ``miner.pint_cache``)."""
    from miner.pint_cache import cached_registry

    return cached_registry()


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float:
    """``"1.24 × 10^-3"``, ``"1.24×10−3"``, ``"1.24e-3"``, ``"10^-4"``, ``"5,500"`` -> float."""
    folded = text.translate(FOLD).strip()
    match = _NUMBER_PARTS.match(folded)
    if match is None:
        raise ValueError(f"Invalid number={text!r}")
    power = match.group("pow") or match.group("bare")
    if power is not None:
        return float(f"1e{int(power)}")
    mantissa = float(match.group("mant").replace(",", ""))
    exponent = match.group("exp") or match.group("e")
    if exponent is None:
        return mantissa
    return float(f"{mantissa!r}e{int(re.sub(r'[^0-9-]', '', exponent))}")


def pint_expression(unit: str) -> str:
    """The pint expression for a unit as printed: ``"mS cm^-1"`` -> ``"millisiemens * centimeter
    ** -1"``; a ``/`` divides everything after it (``mAh/g``)."""
    folded = unit.translate(FOLD).strip()
    if UNIT_RE.fullmatch(folded) is None:
        raise ValueError(f"Invalid {unit=}")
    parts: list[str] = []
    sign = 1
    for match in _ATOM_RE.finditer(folded):
        before = folded[: match.start()].rstrip()
        if before.endswith("/"):
            sign = -1
        base = match.group("base")
        power = int(re.sub(r"[^0-9-]", "", match.group("power") or "") or 1)
        name = _SIMPLE_UNITS.get(base)
        if name is None:
            name = _BASES.get(base) or _PREFIXES[base[0]] + _BASES[base[1:]]
        parts.append(f"{name} ** {sign * power}" if sign * power != 1 else name)
    return " * ".join(parts)


def conversion(unit: str) -> tuple[Canonical, float, float]:
    """(canonical dimension, factor, offset): canonical value = printed value * factor + offset."""
    found = _conversion(unit)
    if isinstance(found, str):
        raise ValueError(found)
    return found


@lru_cache(maxsize=2048)
def _conversion(unit: str) -> tuple[Canonical, float, float] | str:
    """``conversion`` with failures cached too (as their message): a unit that fails once fails
    every time, and pint is slow to say so."""
    try:
        return _convert(unit)
    except ValueError as err:
        return str(err)


@lru_cache(maxsize=2048)
def _printed_conversion(unit: str) -> tuple[Canonical, float, float]:
    """``conversion`` of a unit as printed (folded and stripped first), cached by that string."""
    return conversion(unit.translate(FOLD).strip())


def _convert(unit: str) -> tuple[Canonical, float, float]:
    expression = pint_expression(unit)
    if expression in ("cycle", "cycle ** 1"):
        return COUNT, 1.0, 0.0
    ureg = registry()
    try:
        units = ureg.parse_units(expression)
    except Exception as err:  # noqa: BLE001 - pint raises KeyError on some cancellations
        raise ValueError(f"Invalid {unit=}: {err!r}") from err
    # kJ mol-1 (activation energies from Arrhenius fits) is per mole: divide by N_A for eV
    per_mole = units.dimensionality == (ureg.joule / ureg.mole).dimensionality

    def printed(value: float) -> pint.Quantity:
        quantity = ureg.Quantity(value, units)
        return quantity / ureg.Quantity(1.0, "avogadro_constant") if per_mole else quantity

    for canonical in CANONICAL:
        target = ureg.parse_units(canonical.pint_unit)
        if printed(1.0).dimensionality == target.dimensionality and (
            canonical.requires in expression
        ):
            zero, one = (printed(v).to(target).magnitude for v in (0.0, 1.0))
            return canonical, float(one - zero), float(zero)
    dimensionality = printed(1.0).dimensionality
    raise ValueError(f"Invalid {unit=}: no canonical unit for {dimensionality}")


def to_canonical(value: float, unit: str) -> tuple[float, Canonical]:
    """A printed value in a printed unit -> (value in the canonical unit, its dimension)."""
    canonical, factor, offset = _printed_conversion(unit)
    converted = value * factor + offset
    return float(f"{converted:.12g}"), canonical


@dataclass(frozen=True)
class Quantity:
    """A value (or range) in a canonical unit, as normalised from the printed form in ``raw``."""

    value: float
    unit: str
    dimension: str
    raw: str
    value_max: float | None = None
    comparator: str = "="

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"Invalid {self.value=} in {self.raw!r}")
        if self.value_max is not None and not math.isfinite(self.value_max):
            raise ValueError(f"Invalid {self.value_max=} in {self.raw!r}")
        if self.comparator not in ("=", "≈", ">", "<", "~", ">=", "<="):
            raise ValueError(f"Invalid {self.comparator=}")

    @classmethod
    def from_printed(
        cls,
        raw: str,
        value: str,
        unit: str,
        value_max: str | None = None,
        comparator: str = "=",
    ) -> Quantity:
        low, canonical = to_canonical(parse_number(value), unit)
        high = to_canonical(parse_number(value_max), unit)[0] if value_max else None
        return cls(low, canonical.unit, canonical.dimension, raw, high, comparator)


def parse_quantity(text: str) -> Quantity:
    """One printed value with its unit: ``"1.46 mS cm^-1"`` -> Quantity(0.00146, "S/cm", ...)."""
    folded = text.translate(FOLD).strip()
    number = NUMBER_RE.match(folded)
    if number is None:
        raise ValueError(f"Invalid quantity={text!r}")
    unit = folded[number.end() :].strip()
    return Quantity.from_printed(text, number.group(0), unit)
