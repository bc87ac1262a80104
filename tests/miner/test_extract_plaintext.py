"""A plain-text paper (no LaTeX, no reference list) read end to end: powers of ten written
``× 10-4``, units ``S cm-1`` and bare ``[12]`` markers still give the right facts."""

from __future__ import annotations

from pathlib import Path

from corpus import read_document
from miner.extract import extract_document

PAPER = Path(__file__).resolve().parents[1] / "data" / "miner" / "nb-llzo-plain.txt"


def _measurements() -> list[tuple]:
    facts = extract_document(read_document(PAPER))
    return [
        (f.material.text, f.property, f.value, f.unit, f.temperature_C, f.refs)
        for f in facts
        if f.kind == "measurement"
    ]


def test_extract_plain_text_powers_of_ten_and_bare_markers() -> None:
    rows = _measurements()
    nb = "Li6.6La3Zr1.6Nb0.4O12"
    assert (nb, "ionic_conductivity", 8.1e-4, "S/cm", 25.0, ("12",)) in rows
    assert (nb, "activation_energy", 0.34, "eV", None, ("12",)) in rows
    assert (nb, "relative_density", 98.2, "%", None, ("12",)) in rows
    conductivities = sorted(r[2] for r in rows if r[1] == "ionic_conductivity")
    assert conductivities == [2.3e-6, 3.2e-4, 6.5e-4, 8.1e-4]


def test_extract_plain_text_interface_values_keep_their_units() -> None:
    rows = {(r[0], r[1], r[2], r[3]) for r in _measurements() if "Ga-doped LLZO" in r[0]}
    # an interfacial resistance is the interface's: the garnet's with lithium
    assert rows == {
        ("Li/Ga-doped LLZO interface", "interfacial_resistance", 12.0, "ohm*cm^2"),
        ("Ga-doped LLZO", "critical_current_density", 0.9, "mA/cm^2"),
    }
