"""Units as papers print them, read into the canonical units of GOLD_FORMAT.md (S/cm, eV, %,
ohm*cm^2, mA/cm^2, V, mAh/g, cycles, degC, h, um, GPa, Wh/kg, Wh/L, g/h, ...).

Symbols and words are read (docs/decisions/0202-units-with-pint.md, 0209):

- symbols, prefixed and raised to a power however the power is printed: ``S cm^-1``,
  ``S cm-1``, ``S cm⁻¹``, ``S·cm–1`` (en dash), ``S cm -1`` and ``S cm − 1`` (spaced),
  ``S cm^{-1}``, ``Scm−1`` (glued), ``S.cm -1``, ``S/cm``, ``mA cm 2`` (the minus lost: the
  reading that names a claimed dimension wins), ``Ω cm2``, ``mA h g^-1``, ``mA·hour g -1``,
  ``kJ mol-1``, ``°C``, ``℃``, ``K``, ``Å``, ``wt%``, ``wt.%``, ``mol %``, ``ppm``, ``psi``,
  ``μ S cm −1`` and ``20 μ m`` (the micro sign a space before its unit: PDF text);
- words, which pint reads: ``hours``, ``minutes``, ``seconds``, ``days``, ``percent``,
  ``per cent``, ``micron(s)``, ``kelvin``, ``degrees Celsius``, ``microsiemens per centimeter``.

``fold`` maps look-alike characters (superscripts, minus signs, micro and ohm signs, NBSPs) one
to one, so offsets found in the folded text are offsets in the original. Conversion goes through
pint, whose registry (~0.2 s) is built on first use; every unit string's conversion is cached.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from miner.numbers import FOLD, FOLD_RE, NUMBER, NUMBER_RE, fold, parse_number, parse_value
from miner.unit_cache import UnitTable

if TYPE_CHECKING:
    import pint

# re-exported: other recognisers and the tests read them here
__all__ = ["FOLD", "FOLD_RE", "NUMBER", "NUMBER_RE", "fold", "parse_number", "parse_value"]

# --- the printed form -----------------------------------------------------------------------

# A unit atom: a prefixed base unit, optionally raised to a power (cm^-1, cm-1, cm -1, cm2), a
# simple symbol, or a word. "C" alone is a C-rate, not a unit; "°" alone is an angle. The micro
# sign may stand a space before its unit ("1.2 μ S cm −1", "20 μ m": PDF text set in another
# font); no other prefix may ("5 m S" is five metres and a sulfur).
_SPACED_MICRO = "μ "
_PREFIXED = (
    rf"(?:(?:[cmμunkMGpf]|{_SPACED_MICRO})?"
    r"(?:S|Ω|[Oo]hms?|Ah|Wh|eV|A|W|V|J|cal|mol|g|L|m|Pa|[bB]ar|s|N))"
)
_SIMPLE = (
    r"(?:°\s?C|℃|°F|mm\s?Hg|cm\s?H2O|K|Å|hPa|hours?|hrs?|h|mins?|secs?|yrs?|"
    r"(?:wt|mol|at|vol)(?:\.\s?|\s)?%|weight\s%|ppm|‰|%|cycles?|atm|[Tt]orr|psi|"
    r"days?|d|weeks?|months?|years?|[kMG]t)"
)
_WORD = (
    r"(?:(?:milli|micro|nano|kilo|mega|giga|centi)?"
    r"(?:siemens|amperes?|amps?|volts?|ohms?|watts?|joules?|met(?:er|re)s?|grams?|"
    r"lit(?:er|re)s?|pascals?|electron[\s-]?volts?|electronvolts?)"
    r"|microns?|[Kk]elvins?|deg(?:rees?)?\s(?:Celsius|centigrade|C(?![a-z]))|minutes?|seconds?|"
    r"percent|per\s?cent|per\s?mille|parts\sper\smillion)"
)
# the power: caret (braces), a dash or a spaced dash as the minus, glued digits, or a lone digit
# after a space where PDF text lost the minus ("mA cm 2": only kept when it names a dimension)
_UNIT_POWER = (
    r"(?:\^\s?(?:\{\s?[-–+]?\s?\d\s?\}|\(\s?[-–+]?\s?\d\s?\)|[-–+]?\s?\d)|\s?[-–]\s?\d|\d|\s[1-3])"
    r"(?!\d|[.,]\d)"
)
_LOST_POWER_RE = re.compile(r"\s[1-3]$")
_LONE_S_RE = re.compile(r"(?<![A-Za-z])s(?![A-Za-z])")
# a last atom that may be a word of the sentence, not of the unit: a lone letter ("9 wt% S in",
# "5 mm A-site") or a per-cycle rate ("0.02% per cycle" is a percentage of each cycle)
_LOOSE_TAIL_RE = re.compile(r"\s[A-Za-z]$|(?:\s?/\s?|\sper\s)cycles?$")
# a symbol ends where a word would go on; "%" and "°C" are never part of a word, and "cm" may be
# glued on ("Scm−1", "mAcm-2")
_ATOM_END = r"(?:(?=cm)|(?![A-Za-z0-9%]))"
ATOM = (
    rf"(?:(?:{_SIMPLE}|{_PREFIXED})(?:{_UNIT_POWER}|{_ATOM_END})"
    rf"|{_WORD}(?![A-Za-z])|[%‰℃])"
)
# between atoms: a product sign, a dot ("S.cm"), a slash or "per", a space, a hyphen ("Ω-cm"),
# nothing before a glued "cm"
_SEPARATOR = (
    r"(?:\s?[·*]\s?|\.(?=[a-zμ])|\s?/\s?|\sper\s(?:square\s|cubic\s)?|\s|-(?=[A-Za-zΩμ])|(?=cm))"
)
UNIT = rf"{ATOM}(?:{_SEPARATOR}{ATOM}){{0,5}}"
UNIT_RE = re.compile(UNIT)
# one atom and what comes before it (a "/" or "per" divides everything after it)
_ATOM_RE = re.compile(
    rf"(?P<per>/\s?|\sper\s)?(?P<shape>square\s|cubic\s)?"
    rf"(?:(?P<base>{_SIMPLE}|{_PREFIXED})(?:(?P<power>{_UNIT_POWER})|{_ATOM_END})"
    rf"|(?P<word>{_WORD})(?![A-Za-z])|(?P<sign>[%‰℃]))"
)
_SIMPLE_UNITS = {
    "°C": "degC", "° C": "degC", "℃": "degC", "°F": "degF", "K": "kelvin", "Å": "angstrom",
    "h": "hour", "hr": "hour", "hrs": "hour", "yr": "year", "yrs": "year", "min": "minute",
    "mins": "minute", "sec": "second", "secs": "second", "hPa": "hectopascal",
    "%": "percent", "ppm": "ppm", "‰": "permille", "cycle": "cycle", "cycles": "cycle",
    "atm": "atm", "Torr": "torr", "torr": "torr", "psi": "psi", "weight %": "percent",
    "d": "day", "kt": "kilotonne", "Mt": "megatonne", "Gt": "gigatonne", "mmHg": "millimeter_Hg",
    "mm Hg": "millimeter_Hg", "cmH2O": "centimeter_H2O", "cm H2O": "centimeter_H2O",
}  # fmt: skip
_BASES = {
    "S": "siemens", "Ω": "ohm", "ohm": "ohm", "ohms": "ohm", "Ohm": "ohm", "Ohms": "ohm",
    "Ah": "ampere_hour", "Wh": "watt_hour", "eV": "electron_volt", "A": "ampere", "W": "watt",
    "V": "volt", "J": "joule", "cal": "calorie", "mol": "mole", "g": "gram", "L": "liter",
    "m": "meter", "Pa": "pascal", "bar": "bar", "Bar": "bar", "s": "second", "N": "newton",
}  # fmt: skip
_PREFIXES = {"c": "centi", "m": "milli", "μ": "micro", "u": "micro", "n": "nano", "k": "kilo",
             "M": "mega", "G": "giga", "p": "pico", "f": "femto"}  # fmt: skip
# words pint does not read as meant ("amps" is attometres per second to pint)
_WORD_ALIASES = {
    "degrees celsius": "degC", "degree celsius": "degC", "degrees c": "degC", "degree c": "degC",
    "degrees centigrade": "degC", "degree centigrade": "degC", "deg c": "degC",
    "per cent": "percent",
    "percent": "percent", "percent ": "percent", "permille": "permille", "per mille": "permille",
    "parts per million": "ppm", "amp": "ampere", "amps": "ampere", "electron volt": "electron_volt",
    "electron volts": "electron_volt", "electron-volt": "electron_volt",
    "electron-volts": "electron_volt",
}  # fmt: skip


def _pint_name(base: str) -> str:
    """The pint unit name of one printed atom."""
    base = base.replace(_SPACED_MICRO, "μ")
    simple = _SIMPLE_UNITS.get(base)
    if simple is not None:
        return simple
    if base.endswith("%"):  # wt%, wt.%, mol %, at.%, vol%
        return "percent"
    if base in _BASES:
        return _BASES[base]
    if base[0] in _PREFIXES and base[1:] in _BASES:
        return _PREFIXES[base[0]] + _BASES[base[1:]]
    return _word_name(base)


@lru_cache(maxsize=256)
def _word_name(word: str) -> str:
    """A unit word in pint's own spelling: pint reads plurals and prefixes ("microsiemens",
    "hours", "microns", "kelvins"); the few it reads otherwise are aliased."""
    lowered = re.sub(r"\s+", " ", word.lower())
    for prefix in ("milli", "micro", "nano", "kilo", "mega", "giga", "centi", ""):
        alias = _WORD_ALIASES.get(lowered[len(prefix) :]) if lowered.startswith(prefix) else None
        if alias:
            return prefix + alias if prefix else alias
    name = lowered.replace(" ", "").replace("-", "")
    try:
        return str(registry().parse_units(name))
    except Exception as err:  # noqa: BLE001 - pint raises several error types for unknown names
        raise ValueError(f"Invalid unit={word!r}: {err}") from err


def pint_expression(unit: str) -> str:
    """The pint expression for a unit as printed: ``"mS cm^-1"`` -> ``"millisiemens * centimeter
    ** -1"``; a ``/`` or ``per`` divides everything after it (``mAh/g``)."""
    folded = unit.translate(FOLD).strip()
    if UNIT_RE.fullmatch(folded) is None:
        raise ValueError(f"Invalid {unit=}")
    parts: list[str] = []
    sign = 1
    for match in _ATOM_RE.finditer(folded):
        if match.group("per"):
            sign = -1
        power = int(re.sub(r"[^0-9-]", "", (match.group("power") or "").replace("–", "-")) or 1)
        if match.group("shape"):
            power *= 2 if match.group("shape").startswith("square") else 3
        name = _pint_name(match.group("base") or match.group("word") or match.group("sign"))
        parts.append(f"{name} ** {sign * power}" if sign * power != 1 else name)
    return " * ".join(parts)


@dataclass(frozen=True)
class Canonical:
    """A dimension of GOLD_FORMAT.md: the canonical unit's label and its pint expression."""

    dimension: str
    unit: str
    pint_unit: str
    # pint names the printed unit must use one of (GPa and Wh/L share dimensions; an energy is
    # printed in eV, J or cal, never as a torque in N·m)
    requires: tuple[str, ...] = ("",)


# Order matters only for equal dimensionalities: the first entry whose ``requires`` fits wins.
CANONICAL: tuple[Canonical, ...] = (
    Canonical("conductivity", "S/cm", "siemens / centimeter"),
    Canonical("energy", "eV", "electron_volt", requires=("volt", "joule", "calorie")),
    Canonical("fraction", "%", "percent"),
    Canonical("area_resistance", "ohm*cm^2", "ohm * centimeter ** 2"),
    Canonical("current_density", "mA/cm^2", "milliampere / centimeter ** 2"),
    Canonical("voltage", "V", "volt"),
    Canonical("specific_capacity", "mAh/g", "milliampere_hour / gram"),
    Canonical("areal_capacity", "mAh/cm^2", "milliampere_hour / centimeter ** 2"),
    Canonical("temperature", "degC", "degC"),
    Canonical("time", "h", "hour"),
    Canonical("length", "um", "micrometer"),
    Canonical("energy_density_volumetric", "Wh/L", "watt_hour / liter", requires=("watt_hour",)),
    Canonical("pressure", "GPa", "gigapascal"),
    Canonical("energy_density_gravimetric", "Wh/kg", "watt_hour / kilogram"),
    Canonical("mass_rate", "g/h", "gram / hour"),
    # a mass per litre is a concentration (mg/mL, g/L), not a density
    Canonical("density", "g/cm^3", "gram / centimeter ** 3", requires=("meter",)),
    Canonical("areal_loading", "mg/cm^2", "milligram / centimeter ** 2"),
    Canonical("resistance", "ohm", "ohm"),
    Canonical("current", "mA", "milliampere"),
    Canonical("power_density", "W/kg", "watt / kilogram"),
)
COUNT = Canonical("count", "cycles", "cycle")
_BY_DIMENSION = {c.dimension: c for c in (*CANONICAL, COUNT)}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared pint registry, built on first use (~0.2 s; ~0.02 s from the on-disk cache of
    ``miner.pint_cache``)."""
    from miner.pint_cache import cached_registry

    return cached_registry()


class Reading(NamedTuple):
    """A printed unit read: its dimension, ``canonical = printed * factor + offset``, how
    many characters of the printed unit the reading used (a lone digit after a space where the
    minus was lost is left out when no reading of it names a dimension), and whether the reading
    put back a minus the text lost ("S cm 1", "mA cm 2"; not "Ω cm 2", which reads as printed):
    a spaced power of ten before such a unit may have lost its minus too
    (``miner.quantity_tokens``)."""

    canonical: Canonical
    factor: float
    offset: float
    length: int
    lost_minus: bool = False


def read_unit(unit: str) -> Reading:
    """The canonical reading of a printed unit; raises ``ValueError`` naming it when there is
    none. Tried in order: as printed; a power after a space as negative ("mA cm 2": PDF text lost
    the minus); "s" as siemens ("10 - 4 s cm - 1": a lower-cased title); without that last
    power."""
    found = _read_unit(unit.translate(FOLD).strip())
    if isinstance(found, str):
        raise ValueError(found)
    return found


@lru_cache(maxsize=4096)
def _read_unit(unit: str) -> Reading | str:
    """``read_unit`` with failures cached too (as their message): pint is slow to say no."""
    variants = [(unit, len(unit), False)]
    lost = _LOST_POWER_RE.search(unit)
    if lost:
        variants.append((unit[: lost.start()] + " -" + unit[lost.start() + 1 :], len(unit), True))
    if _LONE_S_RE.search(unit):
        variants.append((_LONE_S_RE.sub("S", unit), len(unit), False))
    tail = lost or _LOOSE_TAIL_RE.search(unit)
    if tail:
        variants.append((unit[: tail.start()], tail.start(), False))
    first_error = ""
    for n, (variant, length, lost_minus) in enumerate(variants):
        try:
            canonical, factor, offset = _convert(variant)
        except ValueError as err:
            first_error = first_error or str(err)
            continue
        if "S" in variant and variant != unit and n and canonical.dimension != "conductivity":
            continue  # "s" is only read as siemens for a conductivity ("cm2/s" stays a rate)
        return Reading(canonical, factor, offset, length, lost_minus)
    return first_error


def conversion(unit: str) -> tuple[Canonical, float, float]:
    """(canonical dimension, factor, offset): canonical value = printed value * factor + offset."""
    reading = read_unit(unit)
    return reading.canonical, reading.factor, reading.offset


def _convert(unit: str) -> tuple[Canonical, float, float]:
    """``_pint_convert``'s answer, kept on disk (``miner.unit_cache``): pint is imported only
    for a unit no earlier run printed."""
    found = _TABLE.answer(unit)
    if isinstance(found, str):
        raise ValueError(found)
    dimension, factor, offset = found
    return _BY_DIMENSION[dimension], factor, offset


def _pint_answer(unit: str) -> list[Any] | str:
    try:
        canonical, factor, offset = _pint_convert(unit)
    except ValueError as err:
        return str(err)
    return [canonical.dimension, factor, offset]


def _pint_convert(unit: str) -> tuple[Canonical, float, float]:
    expression = pint_expression(unit)
    if expression in ("cycle", "cycle ** 1"):
        return COUNT, 1.0, 0.0
    if "cycle" in expression:  # "% per cycle" is a rate, and a cycle is 2π radians to pint
        raise ValueError(f"Invalid {unit=}: cycles only count")
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

    try:
        dimensionality = printed(1.0).dimensionality
        for canonical in CANONICAL:
            target = ureg.parse_units(canonical.pint_unit)
            if dimensionality == target.dimensionality and (
                any(name in expression for name in canonical.requires)
            ):
                zero, one = (printed(v).to(target).magnitude for v in (0.0, 1.0))
                return canonical, float(one - zero), float(zero)
    except Exception as err:  # noqa: BLE001 - pint's offset units ("°C %") refuse arithmetic
        raise ValueError(f"Invalid {unit=}: {err}") from err
    raise ValueError(f"Invalid {unit=}: no canonical unit for {dimensionality}")


def to_canonical(value: float, unit: str) -> tuple[float, Canonical]:
    """A printed value in a printed unit -> (value in the canonical unit, its dimension)."""
    reading = read_unit(unit)
    converted = value * reading.factor + reading.offset
    return float(f"{converted:.12g}"), reading.canonical


COMPARATOR_VALUES = frozenset({"=", "<", ">", "<=", ">=", "~"})


@dataclass(frozen=True)
class Quantity:
    """A value (or range) in a canonical unit, as normalised from the printed form in ``raw``.
    ``comparator`` is one of the record contract's (``"≈"`` is read as ``"~"``); ``uncertainty``
    is in the canonical unit's scale (a difference: no offset)."""

    value: float
    unit: str
    dimension: str
    raw: str
    value_max: float | None = None
    comparator: str = "="
    uncertainty: float | None = None

    def __post_init__(self) -> None:
        if self.comparator == "≈":
            object.__setattr__(self, "comparator", "~")
        for name in ("value", "value_max", "uncertainty"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise ValueError(f"Invalid {name}={number!r} in {self.raw!r}")
        if self.comparator not in COMPARATOR_VALUES:
            raise ValueError(f"Invalid comparator={self.comparator!r}")

    @classmethod
    def from_printed(
        cls,
        raw: str,
        value: str,
        unit: str,
        value_max: str | None = None,
        comparator: str = "=",
    ) -> Quantity:
        printed = parse_value(value.translate(FOLD))
        reading = read_unit(unit)
        low = _canonical(printed.number, reading)
        high = None
        if value_max:
            high = _canonical(parse_value(value_max.translate(FOLD)).number, reading)
        uncertainty = None
        if printed.uncertainty is not None:
            uncertainty = float(f"{printed.uncertainty * reading.factor:.12g}")
        return cls(low, reading.canonical.unit, reading.canonical.dimension, raw, high, comparator,
                   uncertainty)  # fmt: skip


def _canonical(value: float, reading: Reading) -> float:
    return float(f"{value * reading.factor + reading.offset:.12g}")


def parse_quantity(text: str) -> Quantity:
    """One printed value with its unit: ``"1.46 mS cm^-1"`` -> Quantity(0.00146, "S/cm", ...),
    ``"0.42 ± 0.02 eV"`` -> Quantity(0.42, "eV", ..., uncertainty=0.02)."""
    from miner.numbers import VALUE_RE

    folded = fold(text).strip()
    number = VALUE_RE.match(folded)
    if number is None:
        raise ValueError(f"Invalid quantity={text!r}")
    unit = folded[number.end() :].strip()
    return Quantity.from_printed(text, number.group(0), unit)


_TABLE = UnitTable(_pint_answer)
