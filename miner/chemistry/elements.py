"""The elements, from pymatgen's periodic table: symbols, names, atomic numbers, common oxidation
states and Shannon ionic radii.

Only the 118 real elements (pymatgen's ``Element``); the spellings papers use beside pymatgen's
(which are American: "Aluminum", "Cesium", "Sulfur") are added once here.
"""

from __future__ import annotations

from functools import lru_cache

from pymatgen.core.periodic_table import Element

ELEMENTS: frozenset[str] = frozenset(e.symbol for e in Element)
ATOMIC_NUMBERS: dict[str, int] = {e.symbol: e.Z for e in Element}
ELEMENT_NAMES: dict[str, str] = {
    **{e.long_name.lower(): e.symbol for e in Element},
    "aluminium": "Al",
    "caesium": "Cs",
    "sulphur": "S",
}
# common oxidation states (pymatgen's ``common_oxidation_states``, lowest first)
OXIDATION_STATES: dict[str, tuple[int, ...]] = {
    e.symbol: tuple(e.common_oxidation_states) for e in Element
}
# every symbol, longest first: a regex alternation that reads "Li" before "L..." can fail
ELEMENT_PATTERN = "|".join(sorted(ELEMENTS, key=lambda s: (-len(s), s)))

_ROMAN = {"I": 1, "V": 5, "X": 10}


def charge(written: str) -> int:
    """The charge an ion's written charge stands for: "3+" -> 3, "+" -> 1, "2-" or "2−" -> -2
    (the notation of ``Ga3+``, ``O2-``, ``F−``)."""
    digits, sign = written[:-1].strip(), written[-1:]
    if sign not in ("+", "-", "−") or not (digits.isdigit() or not digits):
        raise ValueError(f"Invalid charge {written=}")
    return int(digits or 1) * (1 if sign == "+" else -1)


def ion_name(element: str, charge: int) -> str:
    """``Ga3+``, ``F-``, ``O2-``."""
    sign = "+" if charge > 0 else "-"
    return f"{element}{abs(charge) if abs(charge) != 1 else ''}{sign}"


def coordination_number(cn: str) -> int:
    """Coordination number of a Shannon table key (``VI``, ``IVSQ``, ``IIIPY``)."""
    letters = cn.rstrip("SQPY")
    values = [_ROMAN[c] for c in letters]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@lru_cache(maxsize=1024)
def shannon_radius(element: str, charge: int, coordination: str) -> tuple[float, str] | None:
    """The Shannon ionic radius (Å) of ``element`` at ``charge`` in ``coordination``, or at the
    nearest tabulated coordination when that one is missing; ``None`` when nothing is tabulated.
    Returns (radius, coordination used)."""
    table = Element(element).data.get("Shannon radii", {}).get(str(charge), {})
    if not table:
        return None
    want = coordination_number(coordination)
    cn = min(
        table,
        key=lambda c: (abs(coordination_number(c) - want), coordination_number(c), c),
    )
    spins = table[cn]
    spin = "" if "" in spins else ("High Spin" if "High Spin" in spins else sorted(spins)[0])
    return float(spins[spin]["ionic_radius"]), cn
