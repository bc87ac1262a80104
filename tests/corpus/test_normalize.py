"""Normalisation keeps the chemistry: formulas, ions, powers of ten, ranges and units."""

from __future__ import annotations

import pytest

from corpus.normalize import normalize_mapped, normalize_text, pop_markers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            r"$\text{Li}_{6.5}\text{La}_3\text{Zr}_{1.5}\text{Ta}_{0.5}\text{O}_{12}$",
            "Li6.5La3Zr1.5Ta0.5O12",
        ),
        ("Li₇La₃Zr₂O₁₂", "Li7La3Zr2O12"),
        ("Li_{6.4}La₃Zr_{1.4}Ta_{0.6}O₁₂", "Li6.4La3Zr1.4Ta0.6O12"),
        (
            r"$\text{Li}_{1.3}\text{Al}_{0.3}\text{Ti}_{1.7}(\text{PO}_4)_3$",
            "Li1.3Al0.3Ti1.7(PO4)3",
        ),
        ("Li_{7-3x}Ga_xLa₃Zr₂O₁₂", "Li7-3xGaxLa3Zr2O12"),
        (r"$\text{Li}_5\text{La}_3\text{M}_2\text{O}_{12}$", "Li5La3M2O12"),
        ("Ga³⁺ replaces Li⁺ while O²⁻ stays", "Ga3+ replaces Li+ while O2- stays"),
        ("Al^{3+} and Li^+ and F^-", "Al3+ and Li+ and F-"),
        ("Ga ³⁺", "Ga3+"),
        ("1.24×10^{-3}", "1.24 × 10^-3"),
        (r"$1.2\text{--}1.75 \times 10^{-3}$", "1.2–1.75 × 10^-3"),
        ("10⁻⁴ S cm⁻¹", "10^-4 S cm^-1"),
        ("mS cm^{-1}", "mS cm^-1"),
        ("[S cm ⁻¹]", "[S cm^-1]"),
        ("Ω cm²", "Ω cm^2"),
        (r"$13 \Omega \text{ cm}^2$", "13 Ω cm^2"),
        ("0.5 mA cm⁻²", "0.5 mA cm^-2"),
        (r"($700 \text{ }^\circ\text{C}$)", "(700 °C)"),
        (r"$\approx 0.3 \text{ g h}^{-1}$", "≈0.3 g h^-1"),
        (r"($\approx 10^{-4}$ – $10^{-3} \text{ S cm}^{-1}$)", "(≈10^-4–10^-3 S cm^-1)"),
        (r"$0.5\text{--}1\ \mu\text{m}$", "0.5–1 μm"),
        ("93-95", "93–95"),
        ("> 90", "> 90"),
        ("≈94", "≈94"),
        ("E_a [eV]", "E_a [eV]"),
        (r"σ_{Li^+}", "σ_Li+"),
        (r"costs \$2000 per kg", "costs $2000 per kg"),
        ("the Li_2CO_3 . Then", "the Li2CO3. Then"),
        ("electro-\nlyte and Li-\nion", "electrolyte and Li-ion"),
        ("1.2 × 10−3 S cm−1 (PDF text)", "1.2 × 10^-3 S cm^-1 (PDF text)"),
        ("8.1 × 10-4 S cm-1 (plain text)", "8.1 × 10^-4 S cm-1 (plain text)"),
        ("8.1×10-4 and 2 x 10-6 S cm-1", "8.1 × 10^-4 and 2 x 10^-6 S cm-1"),
        ("between 10-12 h", "between 10–12 h"),
        ("ΔG = −3 eV", "ΔG = −3 eV"),
        ("4.25 × 10<sup>−4</sup> S cm<sup>−1</sup>", "4.25 × 10^-4 S cm^-1"),
        (
            "Li<sub>6.4</sub>La<sub>3</sub>Zr<sub>1.4</sub>Ta<sub>0.6</sub>O<sub>12</sub>",
            "Li6.4La3Zr1.4Ta0.6O12",
        ),
        ("Li<jats:sub>7</jats:sub>La<jats:sub>3</jats:sub>", "Li7La3"),
        ("(Ba,Sr)TiO<inf>3</inf> films", "(Ba,Sr)TiO3 films"),
        ("(<i>t<sub>Li<sup>+</sup></sub></i> = 0.49)", "(t_Li+ = 0.49)"),
        ("<b>Fig. 2</b> <em>a</em>", "Fig. 2 a"),
        ("Ga<sup>3+</sup> at &gt;1000 &deg;C", "Ga3+ at >1000 °C"),
        ("AT&amp;T", "AT&T"),
        (
            r"$\text{Li}_3\text{Ln}_3\text{Te}_2\text{O}_{12}$ with Ln^{3+}",
            "Li3Ln3Te2O12 with Ln3+",
        ),
    ],
)
def test_normalize_text_conventions(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Li6.4 La3 Zr1.4 Ta0.6 O12 pellets", "Li6.4La3Zr1.4Ta0.6O12 pellets"),
        # several symbols before the first amount, a full stop after the last
        ("single-crystal LiNi 0.6 Mn 0.2 Co 0.2 O 2 .", "single-crystal LiNi0.6Mn0.2Co0.2O2."),
        ("In 2019 the Li 2 S powder was used", "In 2019 the Li2S powder was used"),
        (
            "achieved in Na2.9375 PS3.9375 Cl0.0625 10 with",
            "achieved in Na2.9375PS3.9375Cl0.0625 10 with",
        ),
        ("LGPS-type Li9.54Si1.74P1.44 S11.7 Cl0.3 4", "LGPS-type Li9.54Si1.74P1.44S11.7Cl0.3 4"),
        # an amount apart from its element, a variable amount
        (
            "LGPS-type Li 9.54 Si 1.74 P1.44 S11.7 Cl0.3 Li-ion",
            "LGPS-type Li9.54Si1.74P1.44S11.7Cl0.3 Li-ion",
        ),
        (
            "Pellets of Na3 -x Sb1 -x W x S4 with varying x",
            "Pellets of Na3-xSb1-xWxS4 with varying x",
        ),
        ("the system Li 2 S-P 2 S 5 glass", "the system Li2S-P 2 S 5 glass"),
        ("Li 7 La 3 Zr 2 O 12 pellets", "Li7La3Zr2O12 pellets"),
        # two amounts in a row, a bare symbol before another symbol: no formula
        ("Li 2 3 O4 and Li Na2 S4", "Li 2 3 O4 and Li Na2 S4"),
        ("Li 2 O x-ray", "Li2O x-ray"),
        # separate compounds, a gas, a figure label stay apart
        ("Li2CO3 La2O3 ZrO2", "Li2CO3 La2O3 ZrO2"),
        ("Li7La3Zr2O12 O2 gas", "Li7La3Zr2O12 O2 gas"),
        ("Fig. S11 B and C2 S3", "Fig. S11 B and C2 S3"),
    ],
)
def test_normalize_text_joins_a_formula_spaced_at_its_elements(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("this sul /uniFB01 de is di/uniFB00erent", "this sulfide is different"),
        ("the /uniFB01 rst Cu /uniFB01 lm", "the first Cu film"),
        ("re /uniFB02 ect the e/uniFB03ciency", "reflect the efficiency"),
        ("Sul /uniFB01 des were re /uniFB01 ned", "Sulfides were refined"),
        # not a ligature's glyph name: kept
        ("the /uniFB09 x and /uni0041", "the /uniFB09 x and /uni0041"),
    ],
)
def test_normalize_text_reads_ligatures_written_as_glyph_names(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_drops_markers_and_keeps_the_full_stop() -> None:
    assert normalize_text("reaches 4.3 S cm^{-1}.^[75] Similarly, Al^{3+} ,^[81] works") == (
        "reaches 4.3 S cm^-1. Similarly, Al3+, works"
    )


def test_normalize_mapped_maps_back_to_the_input() -> None:
    raw = r"xx $\text{Li}_7$ doped with Ga^{3+}.^[12] Next"
    mapped = normalize_mapped(raw, origin=100)
    markers = pop_markers(mapped)
    assert mapped.text == "xx Li7 doped with Ga3+. Next"
    li = mapped.text.index("Li7")
    assert mapped.pos[li] == 100 + raw.index("Li}")
    assert mapped.pos[mapped.text.index("Ga3+")] == 100 + raw.index("Ga")
    assert mapped.pos[mapped.text.index("Next")] == 100 + raw.index("Next")
    assert markers == [
        ("12", mapped.text.index(".") + 1, 100 + raw.index("^["), 100 + raw.index(" Next"))
    ]


def test_normalize_mapped_warns_about_unbalanced_markup() -> None:
    mapped = normalize_mapped(r"a \text{Li}_{7 and $x and ^[3", origin=0)
    problems = [message for _, message in mapped.warnings]
    assert problems == [
        "unclosed citation marker '^['; kept as text",
        "unbalanced '$' (LaTeX math); kept as text",
        "unbalanced LaTeX braces (1 '{', 0 '}')",
    ]


def test_normalize_text_is_importable_without_side_effects() -> None:
    import importlib
    import logging

    handlers = list(logging.getLogger().handlers)
    importlib.reload(importlib.import_module("corpus.normalize"))
    assert logging.getLogger().handlers == handlers


@pytest.mark.parametrize(
    ("raw", "text", "markers"),
    [
        ("LLZO is stable up to 5 V6,7 versus Li.", "LLZO is stable up to 5 V versus Li.", ["6,7"]),
        ("It reached 4.5 V12.", "It reached 4.5 V.", ["12"]),
        (
            "doped with 5 V5+ ions and a 2 V2O5 layer",
            "doped with 5 V5+ ions and a 2 V2O5 layer",
            [],
        ),
    ],
)
def test_normalize_mapped_reads_reference_numbers_glued_to_a_unit(
    raw: str, text: str, markers: list[str]
) -> None:
    mapped = normalize_mapped(raw, bare_brackets=True)
    found = pop_markers(mapped)
    assert (mapped.text, [m[0] for m in found]) == (text, markers)
