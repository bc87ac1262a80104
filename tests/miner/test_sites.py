from __future__ import annotations

import pytest
import spacy

from miner import sites  # noqa: F401
from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_site")
    return nlp


def found(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.site, s._.position) for s in doc.spans["llzo_site"]]


def test_site_named_sites(nlp):
    text = "Ga3+ occupies the Li site, Ta5+ the Zr sites, F- the O sites; La-site doping with Sr."
    assert found(nlp, text) == [
        ("Li site", "Li", None),
        ("Zr sites", "Zr", None),
        ("O sites", "O", None),
        ("La-site", "La", None),
    ]


def test_site_lists_and_positions(nlp):
    assert found(nlp, "Co-doping of Li and Zr sites was tried.") == [
        ("Li", "Li", None),
        ("Zr sites", "Zr", None),
    ]
    text = "Li+ hops between tetrahedral 24d and octahedral 96h sites (Li1/Li2)."
    assert found(nlp, text) == [
        ("24d", "Li", "24d"),
        ("96h", "Li", "96h"),
        ("Li1", "Li", "Li1"),
        ("Li2", "Li", "Li2"),
    ]


def test_site_near_misses(nlp):
    assert found(nlp, "In 2019 the Li1 sample and a web site in Section 2.1 were used.") == []
