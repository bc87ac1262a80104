from __future__ import annotations

import pytest
import spacy

from miner import properties, quantities  # noqa: F401
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_quantity")
    nlp.add_pipe("llzo_property")
    return nlp


def named(nlp, text):
    doc = nlp(text)
    return [(q.text, q._.property) for q in doc.spans["llzo_quantity"]]


def test_property_from_triggers(nlp):
    text = (
        "The Li-ion conductivity was 4.3 × 10^-4 S cm^-1 with an activation energy of 0.31 eV, "
        "a relative density of 96% and a CCD of 1.2 mA cm-2 at 30 °C."
    )
    assert named(nlp, text) == [
        ("4.3 × 10^-4 S cm^-1", "ionic_conductivity"),
        ("0.31 eV", "activation_energy"),
        ("96%", "relative_density"),
        ("1.2 mA cm-2", "critical_current_density"),
    ]


def test_property_electronic_and_processing(nlp):
    assert named(nlp, "LLZO is almost insulating to electrons (10^-8 S cm^-1).") == [
        ("10^-8 S cm^-1", "electronic_conductivity")
    ]
    text = "A short sintering time (10 min) and a low sintering temperature (1150 °C) sufficed."
    assert named(nlp, text) == [("10 min", "sintering_time"), ("1150 °C", "sintering_temperature")]
    assert named(nlp, "The coating layer (600 °C) blocks contact.") == [
        ("600 °C", "synthesis_temperature")
    ]


def test_property_unknown_percentage_stays_none(nlp):
    assert named(nlp, "About 5 wt% of Li2CO3 was added.") == [("About 5 wt%", None)]


def test_property_trigger_spans(nlp):
    doc = nlp("The interfacial resistance dropped to 3 Ω cm2.")
    assert [(s.text, s._.property) for s in doc.spans["llzo_property"]] == [
        ("interfacial resistance", "interfacial_resistance")
    ]
    assert named(nlp, "The interfacial resistance dropped to 3 Ω cm2.") == [
        ("3 Ω cm2", "interfacial_resistance")
    ]


def test_property_retention_and_stability_phrasings(nlp):
    assert named(
        nlp,
        "After 100 cycles the cell kept 85% of this capacity with a Coulombic efficiency of 99.5%.",
    ) == [
        ("100 cycles", "cycle_count"),
        ("85%", "capacity_retention"),
        ("99.5%", "coulombic_efficiency"),
    ]
    assert named(nlp, "The cells retain 92% of their capacity.") == [("92%", "capacity_retention")]
    assert named(nlp, "The full cell shows a cycling stability of 88.5% over 500 cycles.") == [
        ("88.5%", "capacity_retention"),
        ("500 cycles", "cycle_count"),
    ]
    assert named(nlp, "The pellet is stable against Li metal up to 6 V.") == [
        ("up to 6 V", "electrochemical_window")
    ]
    assert named(nlp, "It is stable up to 5.5 V and oxidatively stable to 4.2 V.") == [
        ("up to 5.5 V", "electrochemical_window"),
        ("4.2 V", "electrochemical_window"),
    ]


def test_property_cycling_voltage_range_is_no_electrochemical_window(nlp):
    text = (
        "Charge-discharge curves were collected at 0.1 C with the voltage window of 2.3 to 4.6 V."
    )
    assert named(nlp, text) == [("2.3 to 4.6 V", "cycling_voltage")]
    assert named(nlp, "The cells were cycled with a cut-off voltage of 4.3 V.") == [
        ("4.3 V", "cycling_voltage")
    ]


def test_property_trigger_right_after_the_value_names_it(nlp):
    text = "The cell shows an ICE of 94% and keeps 81.2% capacity retention after 300 cycles."
    assert named(nlp, text)[:2] == [
        ("94%", "coulombic_efficiency"),
        ("81.2%", "capacity_retention"),
    ]
    # one just before the value wins over one right after it
    assert named(nlp, "The CE reached 99% retention of its first value.") == [
        ("99%", "coulombic_efficiency")
    ]


def test_property_current_density_is_no_density(nlp):
    text = "As the current density increases to 1.0 C, 125 mAh g^-1 (~50% capacity retention)."
    assert ("~50%", "capacity_retention") in named(nlp, text)
