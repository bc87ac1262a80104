"""How well a dopant's ions fit the lattice sites of the garnet frame: Shannon radius and charge
against the host ion of each site (pymatgen's data, ``miner.chemistry.elements``).

Two users: the gap analysis ranks untested dopant x site pairs by ``site_chemistry``'s score,
and ingestion stores ``garnet_sites`` on each Element node so that canned queries never propose
a site an element's charge or radius rules out (docs/decisions/0800-gap-scoring.md,
0802-site-plausibility.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from miner.chemistry.elements import OXIDATION_STATES, ion_name, shannon_radius
from miner.chemistry.garnet import DOPANT_IONS, GARNET_SITES, SITES

log = logging.getLogger(__name__)

RADIUS_TOLERANCE = 0.30  # relative radius mismatch that halves the radius score
CHARGE_HALVING = 2  # |charge difference| that halves the charge score


@dataclass(frozen=True)
class SiteChemistry:
    """How well an ion of ``element`` fits the host ion of ``site``."""

    element: str
    site: str
    charge: int
    radius: float  # Å, Shannon ionic radius
    coordination: str  # the coordination the radius is for
    host_radius: float
    mismatch: float  # |r - r_host| / r_host
    charge_difference: int  # dopant charge - host charge
    score: float

    @property
    def ion(self) -> str:
        return ion_name(self.element, self.charge)

    def describe(self) -> str:
        host = ion_name(self.site, GARNET_SITES[self.site].ion)
        return (
            f"{self.ion} {self.radius:.3f} Å ({self.coordination}) vs {host} "
            f"{self.host_radius:.3f} Å: radius mismatch {self.mismatch:.0%}, "
            f"charge difference {self.charge_difference:+d}"
        )


def site_chemistry(element: str, site: str, charges: Iterable[int] = ()) -> SiteChemistry | None:
    """The best-fitting ion of ``element`` on ``site``, scored by radius and charge match: among
    the charges the literature reports for it (``charges``) when any has the host's sign, else
    among its common oxidation states and the ions the garnet frame gives it (``DOPANT_IONS``:
    Bi5+ on Zr is a garnet ion pymatgen does not list as common). ``None`` when no ion of the
    host's sign has a Shannon radius (or the element is unknown)."""
    return max(_ions(element, site, charges), key=lambda c: c.score, default=None)


def _ions(element: str, site: str, charges: Iterable[int] = ()) -> list[SiteChemistry]:
    """Every candidate ion of ``element`` on ``site`` (``site_chemistry``'s), in charge order."""
    if site not in GARNET_SITES:
        raise ValueError(f"Invalid {site=}: expected one of {sorted(GARNET_SITES)}")
    host_charge, host_cn = GARNET_SITES[site].ion, GARNET_SITES[site].coordination
    host = shannon_radius(site, host_charge, host_cn)
    assert host is not None, f"no Shannon radius for the host ion of {site}"
    common = OXIDATION_STATES.get(element)
    if common is None:
        log.warning("not an element, left out of the gap analysis: %r", element)
        return None
    reported = {q for q in charges if q * host_charge > 0}
    states = reported or {
        q for q in (*common, *DOPANT_IONS.get(element, ())) if q * host_charge > 0
    }
    ions = []
    for charge in sorted(states):
        found = shannon_radius(element, charge, host_cn)
        if found is None:
            continue
        radius, cn = found
        mismatch = abs(radius - host[0]) / host[0]
        difference = charge - host_charge
        radius_fit = 2 ** -((mismatch / RADIUS_TOLERANCE) ** 2)
        score = radius_fit * 2 ** -(abs(difference) / CHARGE_HALVING)
        ions.append(
            SiteChemistry(element, site, charge, radius, cn, host[0], mismatch, difference, score)
        )
    return ions


# A site is open to an element when one of its common ions has the host ion's sign, at most
# this radius mismatch and at most this charge difference: Ta5+ on O2- and F- on a cation site
# are ruled out by sign, Ba2+ on Zr4+ (+88 %) by radius, Ta5+ on Li+ by charge (+4), while
# Al3+/Ga3+ on Li+ (34 %/20 %, +2) stay open (docs/decisions/0802-site-plausibility.md).
PLAUSIBLE_MISMATCH = 0.4
PLAUSIBLE_CHARGE_DIFFERENCE = 2
# A cation on a cation site must also be known in the site's coordination (Shannon tabulates a
# radius for it there: his table is of observed structures) and be large enough for it: radius
# / r(O2-) at least Pauling's critical ratio for the coordination number (his first rule: a
# smaller cation rattles and takes a lower coordination), less RATIO_TOLERANCE since real
# structures go below the hard-sphere limit (Al3+ in corundum's octahedra: 0.38 for 0.414).
# r(O2-) is the oxide ion's radius in the garnet's own O coordination. So the small, highly
# charged ions that take the octahedral Zr site (Ta5+, Nb5+, Ti4+, Hf4+, Sn4+: 0.74-0.83 Å in
# VIII, ratios 0.54-0.60) are not proposed on the eight-coordinate La site, where Ca2+, Sr2+,
# Ba2+, Y3+ and the lanthanides fit (docs/decisions/0805-site-coordination-and-experimental-
# gaps.md).
CRITICAL_RADIUS_RATIO = {"IV": 0.225, "VI": 0.414, "VIII": 0.732}
RATIO_TOLERANCE = 0.1


def plausible(chem: SiteChemistry) -> bool:
    """Whether this ion could take this site of Li7La3Zr2O12 (the rules above)."""
    if chem.mismatch > PLAUSIBLE_MISMATCH:
        return False
    if abs(chem.charge_difference) > PLAUSIBLE_CHARGE_DIFFERENCE:
        return False
    if GARNET_SITES[chem.site].ion < 0:
        return True
    oxide = shannon_radius("O", GARNET_SITES["O"].ion, GARNET_SITES["O"].coordination)
    assert oxide is not None, "no Shannon radius for the oxide ion"
    coordination = GARNET_SITES[chem.site].coordination
    return chem.coordination == coordination and chem.radius / oxide[0] >= CRITICAL_RADIUS_RATIO[
        coordination
    ] * (1 - RATIO_TOLERANCE)


@lru_cache(maxsize=256)
def garnet_sites(element: str) -> tuple[str, ...]:
    """The lattice sites of Li7La3Zr2O12 that ``element`` could plausibly occupy as a dopant
    (by the charge and radius of its common ions), in site order; none for the host's own
    elements (Li, La, Zr, O are the frame, not substitutions). Stored on each Element node by
    the writer, so queries never compute chemistry."""
    if element in SITES:
        return ()
    return tuple(site for site in SITES if any(plausible(c) for c in _ions(element, site)))
