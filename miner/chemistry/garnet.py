"""The garnet frame and the dopants, sites and amounts an explicit composition implies relative to
it, with a charge-balance check.

The frame (parent Li7La3Zr2O12, its lattice sites with their host ions, coordinations and Wyckoff
positions, which elements go on which site, the charge each dopant's ion has) is declared in
``miner/data/garnet.toml`` and read here once; every layer takes it from this module.

Why the site inference lives here: the site a dopant sits on is chemistry, not text. The
assembler hands over what the text says (the formula, a site stated in the sentence, an ion
charge) and gets back what the composition implies. A site stated in the text always wins. When
the composition and the well-known site preferences do not single out one site, the site stays
``None`` and a flag says why: an ambiguous case is reported, never guessed.

The rule (see docs/decisions/0301-dopant-site-inference.md):
- every element other than Li, La, Zr, O is a dopant, its amount the subscript (mol per formula
  unit);
- a dopant on the La, Zr or O site replaces the host 1:1, so the host deficit on that site must be
  explained by the dopants put there; the Li site has vacancies (Ga3+ on Li removes three Li+),
  so it takes any aliovalent dopant without a deficit check;
- among the site assignments that explain every deficit, the one that follows the known site
  preferences of garnet chemistry (Ga, Al, Fe on Li; Ta, Nb, W on Zr; Ca, Sr, Ba on La; F on O)
  is taken; ties between equally good assignments leave the site unknown.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from miner.chemistry.formula import Formula
from miner.data import DATA, load_table

log = logging.getLogger(__name__)

_FRAME = load_table(DATA / "garnet.toml")


class Site(NamedTuple):
    """A lattice site of the garnet: the host ion's charge, the coordination (as the Shannon
    table writes it) and the Wyckoff positions."""

    ion: int
    coordination: str
    positions: tuple[str, ...]


PARENT_FORMULA: str = _FRAME["parent"]
PARENT: dict[str, float] = dict(Formula.parse(PARENT_FORMULA).amounts)
GARNET_SITES: dict[str, Site] = {
    name: Site(site["ion"], site["coordination"], tuple(site["positions"]))
    for name, site in _FRAME["sites"].items()
}
SITES: tuple[str, ...] = tuple(GARNET_SITES)  # ("Li", "La", "Zr", "O"): the host elements
# Wyckoff position -> the first site that lists it ("96h" is Li's, though O sits there too)
POSITIONS: dict[str, str] = {}
for _name, _site in GARNET_SITES.items():
    for _position in _site.positions:
        POSITIONS.setdefault(_position, _name)
# Sites an element is known to take in Li7La3Zr2O12, most common first. An element with two
# entries is genuinely ambiguous without a composition that shows the deficit.
SITE_PREFERENCE: dict[str, tuple[str, ...]] = {
    **{e: (name,) for name, site in _FRAME["sites"].items() for e in site["takes"]},
    **{e: tuple(sites) for e, sites in _FRAME["either"].items()},
}
# The charges of the ion each element forms in the garnet (first = most common); what the charge
# balance counts.
DOPANT_IONS: dict[str, tuple[int, ...]] = {e: tuple(q) for e, q in _FRAME["ions"].items()}
TOLERANCE = 0.02  # mol per formula unit: compositions are printed with two decimals
MAX_ASSIGNMENTS = 4096  # site assignments tried at most (4 unknown sites ^ 6 dopants)


class Substitution(NamedTuple):
    """A dopant a composition implies: element, site (None when ambiguous), amount, charge."""

    element: str
    site: str | None
    amount: float
    charge: int | None


@dataclass(frozen=True)
class CompositionReading:
    """What an explicit composition says about doping."""

    dopants: tuple[Substitution, ...]
    charge_balanced: bool | None  # None: an element's oxidation state is unknown
    charge_excess: float | None  # sum of cation minus anion charges per formula unit
    flags: tuple[str, ...] = ()  # why a site is unknown, why the composition looks wrong

    @property
    def confidence(self) -> float:
        """How far to trust the dopant reading: 1.0 when clean, lower per problem found."""
        penalty = 0.1 * len(self.flags) + (0.1 if self.charge_balanced is False else 0.0)
        return max(0.5, 1.0 - penalty)


def parse_formula(formula: str) -> dict[str, float]:
    """Element amounts of a concrete formula such as ``Li6.25Ga0.25La3Zr2O12``."""
    return dict(Formula.parse(formula).amounts)


def is_llzo_derived(amounts: Mapping[str, float]) -> bool:
    """True for a composition that keeps the Li7La3Zr2O12 frame (doped or not, Zr still in it):
    one whose dopants can be read relative to the parent."""
    return amounts.get("Zr", 0) > 0 and is_garnet(amounts)


def is_garnet(amounts: Mapping[str, float]) -> bool:
    """True for a Li garnet: Li, the La site at least half La, the Zr site held by Zr or
    elements that take it (Li5La3Ta2O12, Li7La3Hf2O12), twelve O with the anion dopants."""
    zr_site = sum(v for e, v in amounts.items() if e == "Zr" or _first_site(e) == "Zr")
    return (
        amounts.get("Li", 0) > 0
        and amounts.get("La", 0) >= 1.5
        and zr_site > 0
        and abs(amounts.get("O", 0) + _anion_dopants(amounts) - PARENT["O"]) <= 0.5
    )


def _first_site(element: str) -> str | None:
    sites = SITE_PREFERENCE.get(element, ())
    return sites[0] if sites else None


def _anion_dopants(amounts: Mapping[str, float]) -> float:
    return sum(v for e, v in amounts.items() if SITE_PREFERENCE.get(e) == ("O",))


def default_site(element: str) -> str | None:
    """The site an element takes in LLZO when nothing else is known; None when it varies."""
    sites = SITE_PREFERENCE.get(element, ())
    return sites[0] if len(sites) == 1 else None


def infer_dopants(
    composition: str | Mapping[str, float],
    stated_sites: Mapping[str, str] | None = None,
    stated_charges: Mapping[str, int] | None = None,
) -> CompositionReading:
    """Dopants of a composition relative to Li7La3Zr2O12.

    ``stated_sites`` maps an element to the site the text gives for it (it wins);
    ``stated_charges`` to the ion charge written in the text (``Ga3+`` -> 3).
    """
    amounts = parse_formula(composition) if isinstance(composition, str) else dict(composition)
    stated_sites = dict(stated_sites or {})
    stated_charges = dict(stated_charges or {})
    if not is_llzo_derived(amounts):
        return CompositionReading((), None, None, ("not derived from Li7La3Zr2O12",))
    elements = [e for e in amounts if e not in PARENT]
    balanced, excess = charge_balance(amounts, stated_charges)
    flags: list[str] = []
    if balanced is False:
        flags.append(f"not charge balanced (excess {excess:+.2f} per formula unit)")
    sites = _assign_sites(amounts, elements, stated_sites, flags)
    dopants = tuple(
        Substitution(e, sites[e], round(amounts[e], 6), stated_charges.get(e) or _single_state(e))
        for e in elements
    )
    return CompositionReading(dopants, balanced, excess, tuple(flags))


def nominal_composition(
    dopants: Iterable[tuple[str, str | None, float | None, int | None]],
) -> dict[str, float] | None:
    """The parent's amounts with these substitutions (element, site, amount, charge), the charge
    they add or take balanced by the Li content: the convention of doped-garnet tables and
    general formulae (Ta5+ on Zr4+ at 0.6 is Li6.4La3Zr1.4Ta0.6O12, Ga3+ on Li+ at 0.25 is
    Li6.25Ga0.25La3Zr2O12, F- on O2- at 0.2 is Li6.8La3Zr2O11.8F0.2). ``None`` when a dopant's
    site, amount or charge (stated, or its one ion in ``DOPANT_IONS``) is unknown, or when the
    result leaves a site or the Li content negative: then the composition is not known."""
    amounts = dict(PARENT)
    for element, site, amount, charge in dopants:
        charge = charge or _single_state(element)
        if site is None or amount is None or charge is None or amount <= 0:
            return None
        amounts[site] -= amount
        amounts[element] = amounts.get(element, 0.0) + amount
        amounts["Li"] -= amount * (charge - GARNET_SITES[site].ion)
    if any(value < -TOLERANCE for value in amounts.values()):
        return None
    return {e: round(v, 6) for e, v in amounts.items() if v > TOLERANCE}


def charge_balance(
    amounts: Mapping[str, float], stated_charges: Mapping[str, int] | None = None
) -> tuple[bool | None, float | None]:
    """Whether some choice of the ions' charges (``DOPANT_IONS``) sums to zero (within 0.05 per
    formula unit); the excess returned is the one closest to zero."""
    stated_charges = stated_charges or {}
    options: list[tuple[int, ...]] = []
    for element in amounts:
        if element in stated_charges:
            options.append((stated_charges[element],))
        elif element in DOPANT_IONS:
            options.append(DOPANT_IONS[element])
        else:
            return None, None
    best: float | None = None
    for states in itertools.product(*options):
        total = sum(amounts[e] * q for e, q in zip(amounts, states, strict=True))
        if best is None or abs(total) < abs(best):
            best = total
    assert best is not None
    return abs(best) <= 0.05, round(best, 4)


def _single_state(element: str) -> int | None:
    states = DOPANT_IONS.get(element, ())
    return states[0] if len(states) == 1 else None


def _assign_sites(
    amounts: Mapping[str, float],
    elements: list[str],
    stated: Mapping[str, str],
    flags: list[str],
) -> dict[str, str | None]:
    """Choose one site per dopant so that the La/Zr/O deficits are explained (see module doc)."""
    if not elements:
        return {}
    candidates: list[tuple[str, ...]] = []
    for e in elements:
        if e in stated:
            candidates.append((stated[e],))
        else:
            candidates.append(SITE_PREFERENCE.get(e) or ("Li", "La", "Zr", "O"))
    if math.prod(len(c) for c in candidates) > MAX_ASSIGNMENTS:
        flags.append(f"sites not assigned: {len(elements)} dopants are too many to try")
        return {e: stated.get(e) for e in elements}
    deficits = {s: PARENT[s] - amounts.get(s, 0.0) for s in ("La", "Zr", "O")}
    scored: list[tuple[float, int, tuple[str, ...]]] = []
    for combo in itertools.product(*candidates):
        put = {s: 0.0 for s in deficits}
        for e, site in zip(elements, combo, strict=True):
            if site in put:
                put[site] += amounts[e]
        mismatch = sum(abs(deficits[s] - put[s]) for s in deficits)
        on_li = sum(amounts[e] for e, site in zip(elements, combo, strict=True) if site == "Li")
        if on_li and PARENT["Li"] - amounts.get("Li", 0.0) <= TOLERANCE:
            mismatch += on_li  # a dopant on the Li site always lowers the Li content
        rank = sum(c.index(site) for c, site in zip(candidates, combo, strict=True))
        scored.append((mismatch, rank, combo))
    consistent = [x for x in scored if x[0] <= TOLERANCE * len(deficits)]
    result: dict[str, str | None] = {}
    if consistent:
        best_rank = min(x[1] for x in consistent)
        best = [x[2] for x in consistent if x[1] == best_rank]
        for i, e in enumerate(elements):
            choices = {combo[i] for combo in best}
            if len(choices) == 1:
                result[e] = choices.pop()
            else:
                result[e] = None
                flags.append(f"site of {e} ambiguous: {'/'.join(sorted(choices))}")
        return result
    shown = ", ".join(f"{s} {d:+.2f}" for s, d in deficits.items() if abs(d) > TOLERANCE)
    for i, e in enumerate(elements):
        if e in stated:
            result[e] = stated[e]
        else:
            result[e] = None
            flags.append(
                f"site of {e} unknown: host deficits ({shown or 'none'}) do not match "
                f"{'/'.join(candidates[i])}"
            )
    return result
