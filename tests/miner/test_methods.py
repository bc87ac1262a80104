from __future__ import annotations

import pytest
import spacy

from miner import methods  # noqa: F401
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_method")
    return nlp


def test_method_synonyms_and_abbreviations(nlp):
    doc = nlp(
        "Powders from the SSR and sol–gel routes, co-precipitation (Co-pre.) and MSS were "
        "densified by hot-pressing sintering, SPS or FAST; the ice-template method and DFT "
        "calculations are compared."
    )
    assert [(s.text, s._.method) for s in doc.spans["llzo_method"]] == [
        ("SSR", "solid-state reaction"),
        ("sol–gel", "sol-gel"),
        ("co-precipitation", "co-precipitation"),
        ("Co-pre.", "co-precipitation"),
        ("MSS", "molten salt synthesis"),
        ("hot-pressing sintering", "hot pressing"),
        ("SPS", "spark plasma sintering"),
        ("FAST", "field-assisted sintering"),
        ("ice-template method", "freeze casting"),
        ("DFT calculations", "calculation"),
    ]


def test_method_abbreviations_are_case_sensitive(nlp):
    doc = nlp("A fast sps-like step was used.")
    assert list(doc.spans["llzo_method"]) == []


def test_method_first_principle_in_the_singular_is_a_calculation(nlp):
    doc = nlp("the superionic conductor using first principle calculations")
    assert [(s.text, s._.method) for s in doc.spans["llzo_method"]] == [
        ("first principle", "calculation")
    ]
