"""Site chemistry: how a dopant's ions fit the garnet's sites (radius, charge), and the sites
ingestion stores on each element."""

from __future__ import annotations

import pytest

from miner.chemistry import sites


def test_site_chemistry_ga_on_zr_scores_radius_and_charge() -> None:
    chem = sites.site_chemistry("Ga", "Zr")
    assert chem is not None
    assert (chem.ion, chem.radius, chem.coordination, chem.host_radius) == (
        "Ga3+",
        0.62,
        "VI",
        0.72,
    )
    assert chem.charge_difference == -1
    # 2^-((0.1389/0.30)^2) * 2^-(1/2)
    assert chem.score == pytest.approx(0.609486, abs=1e-6)


def test_site_chemistry_falls_back_to_nearest_coordination() -> None:
    chem = sites.site_chemistry("Ba", "Li")  # Ba2+ has no four-coordinate radius
    assert chem is not None
    assert (chem.radius, chem.coordination) == (1.35, "VI")


def test_site_chemistry_rejects_ions_of_the_wrong_sign() -> None:
    assert sites.site_chemistry("F", "Zr") is None
    assert sites.site_chemistry("Ta", "O") is None
    assert sites.site_chemistry("F", "O").ion == "F-"


def test_site_chemistry_prefers_the_charge_the_literature_reports() -> None:
    # Te4+ (0.97 Å, same charge) fits Zr4+ (0.72 Å) better than Te6+ (0.56 Å, +2) by the score...
    assert sites.site_chemistry("Te", "Zr").ion == "Te4+"
    # ...but a reported Te6+ is what was made, so it is the ion that is judged
    chem = sites.site_chemistry("Te", "Zr", charges=[6, -2])
    assert (chem.ion, chem.radius) == ("Te6+", 0.56)


def test_site_chemistry_names_a_bad_site() -> None:
    with pytest.raises(ValueError, match="Invalid site='Ca'"):
        sites.site_chemistry("Ga", "Ca")


def test_garnet_sites_follow_charge_and_radius() -> None:
    assert sites.garnet_sites("Ga") == ("Li", "Zr")
    # never O (sign), never Li (+4), never the large La site (Ta5+ 0.74 Å in VIII: too small)
    assert sites.garnet_sites("Ta") == ("Zr",)
    assert sites.garnet_sites("F") == ("O",)  # an anion: never a cation site
    assert sites.garnet_sites("Zr") == ()  # the host's own elements are no dopants


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        # small, highly charged ions take the octahedral Zr site, not the dodecahedral La site
        ("Nb", ("Zr",)), ("Ti", ("Zr",)), ("Hf", ("Zr",)), ("Sn", ("Zr",)), ("W", ("Zr",)),
        ("Te", ("Zr",)),
        # large ions fit the La site: alkaline earths, Y and the lanthanides
        ("Ba", ("La",)), ("Sr", ("La",)), ("Y", ("La", "Zr")), ("Ce", ("La", "Zr")),
        # Al3+ on the tetrahedral Li site (0.39 Å in IV) and, like in corundum, in an octahedron
        ("Al", ("Li", "Zr")),
        # Sc3+ is never four-coordinate (Shannon has no IV radius): Zr only, as reported
        ("Sc", ("Zr",)),
        # Bi3+ on La and Bi5+ (a garnet ion, not among pymatgen's common states) on Zr
        ("Bi", ("La", "Zr")),
    ],
)  # fmt: skip
def test_garnet_sites_by_coordination_and_size(element: str, expected: tuple[str, ...]) -> None:
    assert sites.garnet_sites(element) == expected


def test_plausible_names_why_an_ion_is_refused() -> None:
    ta_on_la = sites.site_chemistry("Ta", "La")
    # radius mismatch 36 %, charge +2: allowed by both, refused by size (0.74 / 1.38 = 0.54,
    # under 0.9 x 0.732)
    assert (ta_on_la.ion, ta_on_la.coordination) == ("Ta5+", "VIII")
    assert not sites.plausible(ta_on_la)
    assert sites.plausible(sites.site_chemistry("Ta", "Zr"))
    assert sites.plausible(sites.site_chemistry("Al", "Li"))
