from __future__ import annotations

import pytest
import spacy

from miner import quantities
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_quantity")
    return nlp


def found(nlp, text):
    doc = nlp(text)
    return [
        (s.text, s._.value, s._.value_max, s._.unit, s._.comparator, s._.temperature_C, s._.rt)
        for s in doc.spans["llzo_quantity"]
    ]


def test_quantity_range_with_shared_power_and_condition(nlp):
    text = "The Ta-doped pellet reached 1.2–1.75 × 10^-3 S cm^-1 at 25 °C."
    assert found(nlp, text) == [
        ("1.2–1.75 × 10^-3 S cm^-1", pytest.approx(0.0012), pytest.approx(0.00175), "S/cm", "=",
         25.0, False),
    ]  # fmt: skip


def test_quantity_plain_user_notation(nlp):
    text = "It gave 0.24–0.67 ×10−3 S cm-1 at RT, 1.24e-3 mS/cm (300 K) and ~5 Ω cm2."
    assert found(nlp, text) == [
        ("0.24–0.67 ×10−3 S cm-1", pytest.approx(0.00024), pytest.approx(0.00067), "S/cm", "=",
         25.0, True),
        ("1.24e-3 mS/cm", pytest.approx(1.24e-6), None, "S/cm", "=", 26.85, False),
        ("~5 Ω cm2", 5.0, None, "ohm*cm^2", "~", None, False),
    ]  # fmt: skip


def test_quantity_process_temperature_is_kept(nlp):
    text = "Pellets sintered at 1100 °C for 12 h showed 0.5 mS cm-1 at 30 °C."
    assert found(nlp, text) == [
        ("1100 °C", 1100.0, None, "degC", "=", None, False),
        ("12 h", 12.0, None, "h", "=", None, False),
        ("0.5 mS cm-1", pytest.approx(0.0005), None, "S/cm", "=", 30.0, False),
    ]


def test_quantity_respectively_list_aligned(nlp):
    text = "LLZO, LLZTO and LLZNO gave 1.2, 3.4 and 5.6 × 10^-4 S cm^-1 at 25 °C, respectively."
    assert [(t, v) for t, v, *_ in found(nlp, text)] == [
        ("1.2", pytest.approx(1.2e-4)),
        ("3.4", pytest.approx(3.4e-4)),
        ("5.6 × 10^-4 S cm^-1", pytest.approx(5.6e-4)),
    ]


def test_quantity_condition_before_and_c_rate(nlp):
    assert [
        q[5] for q in found(nlp, "At 60 °C, the cell delivered 150 mAh g-1 for 50 cycles.")
    ] == [
        60.0,
        60.0,
    ]
    text = "The capacity decays by only 8.6% after 100 cycles at 0.5 C and 55 °C."
    assert [(q[0], q[5]) for q in found(nlp, text)] == [("8.6%", 55.0), ("100 cycles", 55.0)]


def test_quantity_comparators_and_ranges(nlp):
    text = "a density >95%, ≈10^-4 – 10^-3 S cm^-1, sizes ranging from 0.3 to 3 μm and 10-4 S cm-1."
    assert [(q[0], q[1], q[2], q[4]) for q in found(nlp, text)] == [
        (">95%", 95.0, None, ">"),
        ("≈10^-4 – 10^-3 S cm^-1", 1e-4, 1e-3, "~"),
        ("0.3 to 3 μm", 0.3, 3.0, "="),
        ("10-4 S cm-1", 1e-4, None, "="),
    ]


def test_quantity_near_misses(nlp):
    text = "In 2019, as shown in Fig. 3 and Section 2.1 of ref. 12, Li7La3Zr2O12 is cubic."
    assert found(nlp, text) == []


def test_quantity_transference_number(nlp):
    text = "The Li+ transference number of the membrane is 0.57."
    assert found(nlp, text) == [("0.57", 0.57, None, "1", "=", None, False)]


def test_quantity_transport_number_across_a_formula(nlp):
    text = "The Li-ion transport number of Li6.4La3Zr1.4Ta0.6O12 is 0.98 at 25 °C."
    assert found(nlp, text)[0] == ("0.98", 0.98, None, "1", "=", 25.0, False)


def test_quantity_transference_number_of_unity(nlp):
    text = "The transference number of the Li6.4La3Zr1.4Ta0.6O12 pellet is almost unity."
    assert found(nlp, text) == [("unity", 1.0, None, "1", "~", None, False)]


def test_quantity_versus_pair_shares_unit(nlp):
    text = "SSR-derived LLZO has a higher activation energy (0.41 versus (vs) 0.26 eV)."
    assert [(q[0], q[1], q[3]) for q in found(nlp, text)] == [
        ("0.41", 0.41, "eV"),
        ("0.26 eV", 0.26, "eV"),
    ]


def test_quantity_versus_alone_shares_unit(nlp):
    text = "Grain boundaries raise the barrier from 0.32 versus 0.48 eV in the bulk."
    assert [(q[0], q[1], q[3]) for q in found(nlp, text)] == [
        ("0.32", 0.32, "eV"),
        ("0.48 eV", 0.48, "eV"),
    ]


def test_quantity_figure_labels_and_bare_units_are_not_quantities(nlp):
    text = "As Figure 8h shows, the film reached 3 × 10^-4 S cm^-1 vs 10^-5 S cm^-1 before."
    assert [q[0] for q in found(nlp, text)] == ["3 × 10^-4 S cm^-1", "10^-5 S cm^-1"]


def spans(nlp, text, key="llzo_quantity"):
    doc = nlp(text)
    return [
        (s.text, s._.value, s._.value_max, s._.unit, s._.comparator, s._.uncertainty)
        for s in doc.spans[key]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ea was 0.42 ± 0.02 eV.", ("0.42 ± 0.02 eV", 0.42, None, "eV", "=", 0.02)),
        ("The porosity was 15 ± 5 % here.", ("15 ± 5 %", 15.0, None, "%", "=", 5.0)),
        ("It reached 0.42 +/- 0.02 eV.", ("0.42 +/- 0.02 eV", 0.42, None, "eV", "=", 0.02)),
        ("It reached (1.2 ± 0.1) × 10^-3 S cm^-1.",
         ("(1.2 ± 0.1) × 10^-3 S cm^-1", 1.2e-3, None, "S/cm", "=", 1e-4)),
        ("The lattice parameter is 12.9716(3) Å.",
         ("12.9716(3) Å", 1.29716e-3, None, "um", "=", 3e-8)),
        ("Beads of 350 nm (± 20 nm) were used.",
         ("350 nm (± 20 nm)", 0.35, None, "um", "=", 0.02)),
        ("A Ea of 45 ± 2 kJ mol-1 was fitted.",
         ("45 ± 2 kJ mol-1", 0.466392134532, None, "eV", "=", 0.0207285393125)),
        ("The porosity was 15 (±2) % here.", ("15 (±2) %", 15.0, None, "%", "=", 2.0)),
        ("Blood pressure was 120 mmHg.", ("120 mmHg", 1.59986864898e-05, None, "GPa", "=", None)),
        ("It was kept at 20 (± 3) °C.", ("20 (± 3) °C", 20.0, None, "degC", "=", 3.0)),
        ("Their mean age was 45.2 (SD 10.1) years.",
         ("45.2 (SD 10.1) years", 396223.2, None, "h", "=", 88536.6)),
        ("Cores were 0.3 m (SD 0.1 m) long.", ("0.3 m (SD 0.1 m)", 3e5, None, "um", "=", 1e5)),
        ("Cores were 12 cm (s.d. = 2 cm) long.",
         ("12 cm (s.d. = 2 cm)", 1.2e5, None, "um", "=", 2e4)),
    ],
)  # fmt: skip
def test_quantity_uncertainty_is_its_own_attribute(nlp, text, expected):
    assert spans(nlp, text) == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ea was 0,35 eV.", [("0,35 eV", 0.35)]),
        ("It gave 0,5 mS/cm.", [("0,5 mS/cm", 5e-4)]),
        ("It was sintered at 1,200 °C.", [("1,200 °C", 1200.0)]),
        ("Pellets were held for 1, 2 and 3 h.", [("1", 1.0), ("2", 2.0), ("3 h", 3.0)]),
        ("It lasted 12 000 h.", [("12 000 h", 12000.0)]),
    ],
)
def test_quantity_decimal_comma_only_where_unambiguous(nlp, text, expected):
    found = spans(nlp, text)
    assert [t for t, *_ in found] == [t for t, _ in expected]
    assert [v for _, v, *_ in found] == pytest.approx([v for _, v in expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pellets sintered between 1100 and 1200 °C were dense.", ("1100 and 1200 °C", 1100, 1200)),
        ("It was kept between 18 °C and 22 °C.", ("18 °C and 22 °C", 18, 22)),
        ("The grains were 2–5 μm wide.", ("2–5 μm", 2, 5)),
        ("The films were 10~20 nm thick.", ("10~20 nm", 0.01, 0.02)),
        ("It was cycled from 3 to 5 V.", ("3 to 5 V", 3, 5)),
        ("The ASR fell from 1150 Ω cm^2 to 26 Ω cm^2.", ("1150 Ω cm^2 to 26 Ω cm^2", 1150, 26)),
        ("Temperatures of 350° to 550°C were tried.", ("350° to 550°C", 350, 550)),
        ("It was heated for 1.5 -18 h.", ("1.5 -18 h", 1.5, 18)),
        ("Densities of 91.6%–93.9% were reached.", ("91.6%–93.9%", 91.6, 93.9)),
        ("Particles of 1~5 μm were used.", ("1~5 μm", 1, 5)),
        ("It declined from 12% to just 2% later.", ("12% to just 2%", 12, 2)),
        ("It fell from 5 °C to only 3 °C.", ("5 °C to only 3 °C", 5, 3)),
        ("It caused a 10- to 20-m rise.", ("10- to 20-m", 1e7, 2e7)),
        ("Depths between 200 and >1000 m were cored.", ("200 and >1000 m", 2e8, 1e9)),
        ("It was grown from 5 to <10 μm.", ("5 to <10 μm", 5, 10)),
    ],
)
def test_quantity_every_range_form_is_one_measure(nlp, text, expected):
    found = [(s.text, s._.value, s._.value_max) for s in quantities.measures(nlp(text))]
    assert found == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Temperatures of (563–624) ± 30 K were found.",
         ("563–624) ± 30 K", 289.85, 350.85, "degC", 30.0)),
        ("Temperatures of 563–624 ± 30 K were found.",
         ("563–624 ± 30 K", 289.85, 350.85, "degC", 30.0)),
        ("Radii of (0.28–0.42)×10-10m were fitted.",
         ("0.28–0.42)×10-10m", 2.8e-5, 4.2e-5, "um", None)),
        ("It gave ( 1.2 - 1.5 ) × 10^-3 S/cm here.",
         ("1.2 - 1.5 ) × 10^-3 S/cm", 1.2e-3, 1.5e-3, "S/cm", None)),
        ("It gave (1.2–1.5) × 10−3 ± 0.1 S cm−1 here.",
         ("1.2–1.5) × 10−3 ± 0.1 S cm−1", 1.2e-3, 1.5e-3, "S/cm", 1e-4)),
    ],
)  # fmt: skip
def test_quantity_bracketed_range_shares_the_power_or_tolerance_after_it(nlp, text, expected):
    found = [
        (s.text, s._.value, s._.value_max, s._.unit, s._.uncertainty)
        for s in quantities.measures(nlp(text))
    ]
    assert found == [pytest.approx(expected)]


def test_quantity_bracket_that_holds_no_range_shares_nothing(nlp):
    found = [(s.text, s._.value) for s in quantities.measures(nlp("Seen (see 2) ± 3 % apart."))]
    assert found == [("3 %", 3.0)]


def test_quantity_interval_of_two_quantities_keeps_them_for_assembly(nlp):
    doc = nlp("The ASR fell from 1150 Ω cm^2 to 26 Ω cm^2 and stayed between 2 V and 3 V.")
    assert [s.text for s in doc.spans["llzo_quantity"]] == [
        "1150 Ω cm^2", "26 Ω cm^2", "2 V", "3 V"
    ]  # fmt: skip
    assert [(s.text, s._.value, s._.value_max) for s in doc.spans["llzo_range"]] == [
        ("1150 Ω cm^2 to 26 Ω cm^2", 1150.0, 26.0),
        ("2 V and 3 V", 2.0, 3.0),
    ]


def test_quantity_list_with_a_spaced_power_of_ten(nlp):
    text = "LLZO and LLZTO gave 1.2 and 3.4 × 10 −4 S cm−1, respectively."
    assert [(t, v, u) for t, v, _, u, *_ in spans(nlp, text)] == [
        ("1.2", pytest.approx(1.2e-4), "S/cm"),
        ("3.4 × 10 −4 S cm−1", pytest.approx(3.4e-4), "S/cm"),
    ]


def test_quantity_list_without_respectively_and_with_degrees(nlp):
    text = "It kept 85, 73, and 61% of its capacity at -10°, -20°, and -30°C."
    assert [(t, v) for t, v, *_ in spans(nlp, text)] == [
        ("85", 85.0), ("73", 73.0), ("61%", 61.0)
    ]  # fmt: skip
    assert [(t, v) for t, v, *_ in spans(nlp, text, "llzo_condition")] == [
        ("-10°", -10.0), ("-20°", -20.0), ("-30°C", -30.0)
    ]  # fmt: skip


def test_quantity_unit_power_is_not_a_listed_value(nlp):
    text = "Loadings of 5 mg/cm² and 60 °C were used, respectively."
    assert [(t, v, u) for t, v, _, u, *_ in spans(nlp, text)] == [
        ("5 mg/cm²", 5.0, "mg/cm^2"),
        ("60 °C", 60.0, "degC"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It took 3 hours.", ("3 hours", 3.0, "h")),
        ("It took 30 minutes.", ("30 minutes", 0.5, "h")),
        ("It took 36 seconds.", ("36 seconds", 0.01, "h")),
        ("It took 36 secs.", ("36 secs", 0.01, "h")),
        ("It was cooled to 4 deg C overnight.", ("4 deg C", 4.0, "degC")),
        ("The surface pressure was 1013 hPa.", ("1013 hPa", 1.013e-4, "GPa")),
        ("It was 5 percent.", ("5 percent", 5.0, "%")),
        ("It was 5 per cent.", ("5 per cent", 5.0, "%")),
        ("Grains of 3 microns formed.", ("3 microns", 3.0, "um")),
        ("Grains of 1 micron formed.", ("1 micron", 1.0, "um")),
        ("It was cooled to 300 kelvin.", ("300 kelvin", 26.85, "degC")),
        ("It was dried at 80 degrees Celsius overnight.", ("80 degrees Celsius", 80.0, "degC")),
        ("It kept 2 days.", ("2 days", 48.0, "h")),
        ("It had >1 microsiemens per centimeter.", (">1 microsiemens per centimeter", 1e-6, "S/cm")),  # noqa: E501
        ("It held 950 parts per million.", ("950 parts per million", 0.095, "%")),
        ("It was stored for two days.", ("two days", 48.0, "h")),
        ("Three weeks later it failed.", ("Three weeks", 504.0, "h")),
        ("A Ten-day test was run.", ("Ten-day", 240.0, "h")),
        ("It lasted twenty-five years.", ("twenty-five years", 219150.0, "h")),
        ("Its share rose to thirty percent.", ("thirty percent", 30.0, "%")),
        ("It was dug three metres deep.", ("three metres", 3e6, "um")),
        ("It was measured over a 40-min period.", ("40-min", 2 / 3, "h")),
        ("Cells grew on 100-mm dishes.", ("100-mm", 1e5, "um")),
        ("A 9-year study was made.", ("9-year", 78894.0, "h")),
        ("It was dated 103 yrs before the onset.", ("103 yrs", 902898.0, "h")),
        ("The pulse was short (20  ms).", ("20  ms", 20 / 3.6e6, "h")),
        ("The length b is 9.36 fm here.", ("9.36 fm", 9.36e-9, "um")),
        ("It ran at 0.07 mBar of argon.", ("0.07 mBar", 7e-9, "GPa")),
        ("It injected 1 Mt/yr of CO2.", ("1 Mt/yr", 1e12 / 8766, "g/h")),
        ("Cells were cultured for 7 d here.", ("7 d", 168.0, "h")),
    ],
)  # fmt: skip
def test_quantity_units_written_as_words(nlp, text, expected):
    assert [(t, v, u) for t, v, _, u, *_ in spans(nlp, text)] == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It reached 10–4 S·cm–1 here.", ("10–4 S·cm–1", 1e-4, "S/cm", "=")),
        ("It reached 10 −3 S cm −1 here.", ("10 −3 S cm −1", 1e-3, "S/cm", "=")),
        ("It reached 10 - 4 S cm - 1 here.", ("10 - 4 S cm - 1", 1e-4, "S/cm", "=")),
        ("It reached 2.1 × 10 -3 S cm -1 here.", ("2.1 × 10 -3 S cm -1", 2.1e-3, "S/cm", "=")),
        ("It reached 1.2 x 10(-6) S/cm here.", ("1.2 x 10(-6) S/cm", 1.2e-6, "S/cm", "=")),
        ("It reached 10^-4 S/cm here.", ("10^-4 S/cm", 1e-4, "S/cm", "=")),
        ("It reached 1.2E-4 S/cm here.", ("1.2E-4 S/cm", 1.2e-4, "S/cm", "=")),
        ("It reached 1.2 × 10⁻⁴ S cm⁻¹ here.", ("1.2 × 10⁻⁴ S cm⁻¹", 1.2e-4, "S/cm", "=")),
        ("It reached 10⁻³ Pa here.", ("10⁻³ Pa", 1e-12, "GPa", "=")),
        ("A CCD of 0.5 mA cm 2 was seen.", ("0.5 mA cm 2", 0.5, "mA/cm^2", "=")),
        ("It gave 150 mAh g 1 at first.", ("150 mAh g 1", 150.0, "mAh/g", "=")),
        ("It gave 1.61 × 10^-5 Scm−1 in total.", ("1.61 × 10^-5 Scm−1", 1.61e-5, "S/cm", "=")),
        ("It gave 1.51 × 10 -9 S.cm -1 in total.", ("1.51 × 10 -9 S.cm -1", 1.51e-9, "S/cm", "=")),
        ("The 95%CI was wide.", ("95%", 95.0, "%", "=")),
        ("It gave 1.2mS/cm here.", ("1.2mS/cm", 1.2e-3, "S/cm", "=")),
        ("It gave 139.1 mA·hour g -1 here.", ("139.1 mA·hour g -1", 139.1, "mAh/g", "=")),
        ("The capacity changed by −11% overall.", ("−11%", -11.0, "%", "=")),
        ("It works below −50 °C too.", ("below −50 °C", -50.0, "degC", "<")),
        ("It was pressed at 120 N cm−2.", ("120 N cm−2", 1.2e-3, "GPa", "=")),
        ("It was pressed at 18.7 psi.", ("18.7 psi", 1.28931961382e-4, "GPa", "=")),
        ("It was heated to 20 ◦C for an hour.", ("20 ◦C", 20.0, "degC", "=")),
        ("It was heated to 20◦ C for an hour.", ("20◦ C", 20.0, "degC", "=")),
    ],
)  # fmt: skip
def test_quantity_scraped_and_pdf_notations(nlp, text, expected):
    assert [(t, v, u, c) for t, v, _, u, c, _ in spans(nlp, text)] == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A value of 1.2 μ S cm −1 was measured.", ("1.2 μ S cm −1", 1.2e-6, None, "S/cm")),
        ("A value of 3 μ S/cm was measured.", ("3 μ S/cm", 3e-6, None, "S/cm")),
        ("The film was 20 μ m thick.", ("20 μ m", 20.0, None, "um")),
        ("It was cycled at 280 μ A cm−2 here.", ("280 μ A cm−2", 0.28, None, "mA/cm^2")),
        # the micro sign (U+00B5) as the Greek mu (U+03BC)
        ("A value of 1.2 µ S cm −1 was measured.", ("1.2 µ S cm −1", 1.2e-6, None, "S/cm")),
        ("It was cycled at 280 µ A cm−2 here.", ("280 µ A cm−2", 0.28, None, "mA/cm^2")),
        ("It stored ~14 µ Ah cm -2 in all.", ("~14 µ Ah cm -2", 0.014, None, "mAh/cm^2")),
        ("Powders of 0.5–2 µ m were used.", ("0.5–2 µ m", 0.5, 2.0, "um")),
        ("It was 5.97 µ S cm 1 at 25 °C.", ("5.97 µ S cm 1", 5.97e-6, None, "S/cm")),
    ],
)  # fmt: skip
def test_quantity_spaced_micro_prefix(nlp, text, expected):
    assert [(t, v, m, u) for t, v, m, u, *_ in spans(nlp, text)] == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It reached 5.2 × 10 4 S cm 1 at 25 °C.", ("5.2 × 10 4 S cm 1", 5.2e-4, None, "S/cm")),
        ("It was (5.2 ± 0.1) × 10 4 S cm 1.", ("(5.2 ± 0.1) × 10 4 S cm 1", 5.2e-4, None, "S/cm")),
        ("It reached 5.2 x 10 4 S/cm.", ("5.2 x 10 4 S/cm", 5.2e-4, None, "S/cm")),
        ("It lies at 10 3–10 4 S cm 1 here.", ("10 3–10 4 S cm 1", 1e-3, 1e-4, "S/cm")),
        ("It was over 10 4 S cm 1 at RT.", ("over 10 4 S cm 1", 1e-4, None, "S/cm")),
        ("It shorted at 10 2 mA cm 2 here.", ("10 2 mA cm 2", 0.01, None, "mA/cm^2")),
        # no minus was lost: these stay as they are read today
        ("It shorted at 0.2 mA cm 2 here.", ("0.2 mA cm 2", 0.2, None, "mA/cm^2")),
        ("It was sintered at 1200 °C.", ("1200 °C", 1200.0, None, "degC")),
        ("It reached 10 −3 S cm −1 here.", ("10 −3 S cm −1", 1e-3, None, "S/cm")),
    ],
)  # fmt: skip
def test_quantity_spaced_power_that_lost_its_minus(nlp, text, expected):
    assert [(t, v, m, u) for t, v, m, u, *_ in spans(nlp, text)] == [pytest.approx(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "The 20 μ mode was seen.",  # a word after the micro sign: no unit
        "It lost 5 m S atoms.",  # only the micro sign may stand apart from its unit
    ],
)
def test_quantity_spaced_prefix_near_misses(nlp, text):
    assert [t for t, *_ in spans(nlp, text) if "μ" in t or "m S" in t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It needs >10⁻³ S cm⁻¹ to work.", (">10⁻³ S cm⁻¹", 1e-3, ">")),
        ("It reached <3.5 Ω cm² at last.", ("<3.5 Ω cm²", 3.5, "<")),
        ("It reached up to 1.2 mS cm^-1 here.", ("up to 1.2 mS cm^-1", 1.2e-3, "<=")),
        ("It reached as high as 98.1% here.", ("as high as 98.1%", 98.1, ">=")),
        ("It held over 10^-3 S cm^-1 here.", ("over 10^-3 S cm^-1", 1e-3, ">")),
        ("It was nearly 500 nm thick.", ("nearly 500 nm", 0.5, "~")),
        ("It was ~5 Ω cm2 here.", ("~5 Ω cm2", 5.0, "~")),
        ("It was ≈ 0.3 eV here.", ("≈ 0.3 eV", 0.3, "~")),
        ("It was at least 2 V here.", ("at least 2 V", 2.0, ">=")),
        ("It stays at T≤1300 °C.", ("≤1300 °C", 1300.0, "<=")),
        ("It gave 7.9 × 10^-8 S cm^-1 or lower.", ("7.9 × 10^-8 S cm^-1", 7.9e-8, "<=")),
        ("Thick ISEs typically exceed 400 μm.", ("exceed 400 μm", 400.0, ">")),
        ("It kept 78% over 350 cycles.", ("350 cycles", 350.0, "=")),
        ("It was stable for over 900 h.", ("over 900 h", 900.0, ">")),
        ("It was pressed under 500 MPa.", ("500 MPa", 0.5, "=")),
        ("It dissociates near 1 μbar.", ("near 1 μbar", 1e-10, "~")),
        ("The effect is about ±3% for both.", ("about ±3%", 3.0, "~")),
        ("It was cured in less than three years.", ("less than three years", 26298.0, "<")),
        ("Plots were c. 2 m apart.", ("c. 2 m", 2e6, "~")),
        ("It was cycled at 1 C. 5 V was the limit.", ("5 V", 5.0, "=")),  # a C-rate, not circa
        ("Grains coarser than 0.5 mm were sieved.", ("coarser than 0.5 mm", 500.0, ">")),
        ("Cores shallower than 2 m were kept.", ("shallower than 2 m", 2e6, "<")),
        ("Patients of 65 years or older took part.", ("65 years", 569790.0, ">=")),
        ("It dissociates at pressures of order 1 μbar.", ("of order 1 μbar", 1e-10, "~")),
    ],
)
def test_quantity_comparators_are_kept(nlp, text, expected):
    found = [(t, v, c) for t, v, _, _, c, _ in spans(nlp, text)]
    assert found[-1:] == [pytest.approx(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "The Pb 6s and O 2p states mix.",  # orbitals
        "Li occupies Li(96h) and 96h_Li2 sites.",  # Wyckoff positions
        "It crystallises in R-3 m and P3 m 1.",  # space groups
        "A torque of 60 N·m was applied.",  # a torque is no energy
        "The diffusion coefficient is 5.67×10−10 cm2/s.",
        "A ratio of 35.4 dB/0.05 nm was seen.",
        "The resistivity is 8.61 × 10−4 Ω-cm.",
        "Moments of 1 J T−1 kg−1 were measured.",
        "It lost 0.0214% per cycle.",
        "The protein concentration was above 0.1 g/L.",  # a mass per litre is a concentration
        "Both solutions held 41.73 mg/mL.",
        "Most devices have not more than 0.65%/a degradation.",  # a rate per year
        "Rings formed (Figures 3I and 3J).",  # figure panels
        "One second-order term remains.",
        "It was common in the 1990s and 2000s.",  # decades, not seconds
        "It was computed by S=100A/n here.",  # a term of a formula, not 100 A
        "It held 4 K-feldspar grains.",  # potassium, not kelvin
        "The Li 3d states and a 2 d-spacing.",  # an orbital and a spacing, not days
        "The slope was 30◦ and the map f ◦ g is smooth.",  # a "◦" not before C is no degree
        "It warmed by 0.5 °C per decade and 0.2 °C/century.",  # rates per span of years
        "Sea level rose 2 m per century.",
    ],
)
def test_quantity_near_misses_of_units(nlp, text):
    assert [t for t, *_ in spans(nlp, text) if t != "0.0214%"] == []


def test_quantity_sides_of_a_size_are_a_list(nlp):
    text = "Plots of 2 × 2 m and voxels of 4 × 4 × 5 mm were used."
    assert [(t, v, u) for t, v, _, u, *_ in spans(nlp, text)] == [
        ("2", 2e6, "um"), ("2 m", 2e6, "um"),
        ("4", 4000.0, "um"), ("4", 4000.0, "um"), ("5 mm", 5000.0, "um"),
    ]  # fmt: skip
    # the article "A" is not the lattice letter of a space group ("P3 m 1")
    assert [(t, v) for t, v, *_ in spans(nlp, "A 3 m × 4 m plot was used.")] == [
        ("3 m", 3e6), ("4 m", 4e6)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soil at 0–10, 10–20 and 20–30 cm depth was sampled.",
         [("0–10", 0.0, 1e5), ("10–20", 1e5, 2e5), ("20–30 cm", 2e5, 3e5)]),
        ("It ranged 5.5–6.5 and 7.5 m.", [("5.5–6.5", 5.5e6, 6.5e6), ("7.5 m", 7.5e6, None)]),
        # a power of ten printed without its caret is no range item
        ("It gave 10-3 and 10-4 S cm-1.", [("10-4 S cm-1", 1e-4, None)]),
    ],
)  # fmt: skip
def test_quantity_list_of_ranges_shares_its_unit(nlp, text, expected):
    found = [(t, v, top) for t, v, top, *_ in spans(nlp, text)]
    assert found == [pytest.approx(e) for e in expected]


def test_quantity_variable_list_is_a_measure_only_of_lengths(nlp):
    # positions ("x = 1180 and 1980 mm") are lengths; "x = 10 and 20 wt%" are amounts of x
    found = [(t, v) for t, v, *_ in spans(nlp, "The head at x = 1180 and 1980 mm was measured.")]
    assert found == [("1180", 1.18e6), ("1980 mm", 1.98e6)]
    assert [t for t, *_ in spans(nlp, "For x = 10 and 20 wt% it was dense.")] == ["20 wt%"]


def test_quantity_power_of_an_unread_unit_starts_no_range(nlp):
    # "°C min−1" is a heating rate (no claimed unit); its "1" is no low end of "1 to 800 °C"
    text = "The pellet was heated at 5 °C min−1 to 800 °C."
    assert [(t, v, top) for t, v, top, *_ in spans(nlp, text)] == [("800 °C", 800.0, None)]


def test_quantity_condition_spans_are_their_own_group(nlp):
    doc = nlp("It showed 0.5 mS cm-1 at 30 °C after sintering at 1100 °C.")
    assert [s.text for s in doc.spans["llzo_quantity"]] == ["0.5 mS cm-1", "1100 °C"]
    assert [(s.text, s._.value) for s in doc.spans["llzo_condition"]] == [("30 °C", 30.0)]


def test_quantity_pipe_survives_bad_input(nlp, caplog):
    texts = [
        "1.2 and 3.4 × 10 −4 S cm−1, respectively.",
        "1" * 5000 + " S cm-1",
        "10^999 S cm-1 and 1e400 eV and (1.2 ± ) × 10^ S",
        "9" * 400 + ".5 mS/cm",
        "It reached 1.2 mS cm^-1.",
    ]
    with caplog.at_level("WARNING", logger="miner.quantities"):
        docs = list(nlp.pipe(texts))
    assert [s.text for s in docs[-1].spans["llzo_quantity"]] == ["1.2 mS cm^-1"]
    assert caplog.records == []


def test_quantity_values_glued_to_chinese_text(nlp):
    text = "样品在1200℃烧结后，电导率为0.5 mS/cm，含量为3 wt%时最高。"
    assert [(t, v, u) for t, v, _, u, *_ in spans(nlp, text)] == [
        ("1200℃", 1200.0, "degC"),
        ("0.5 mS/cm", 5e-4, "S/cm"),
        ("3 wt%", 3.0, "%"),
    ]
