from __future__ import annotations

import pytest
import spacy

from miner import quantities  # noqa: F401
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
        ("≈10^-4 – 10^-3 S cm^-1", 1e-4, 1e-3, "≈"),
        ("0.3 to 3 μm", 0.3, 3.0, "="),
        ("10-4 S cm-1", 1e-4, None, "="),
    ]


def test_quantity_near_misses(nlp):
    text = "In 2019, as shown in Fig. 3 and Section 2.1 of ref. 12, Li7La3Zr2O12 is cubic."
    assert found(nlp, text) == []


def test_quantity_transference_number(nlp):
    text = "The Li+ transference number of the membrane is 0.57."
    assert found(nlp, text) == [("0.57", 0.57, None, "1", "=", None, False)]


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
