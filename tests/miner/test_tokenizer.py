from __future__ import annotations

import pytest
import spacy

from miner.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(Li6.25Ga0.25La3Zr2O12),", ["(", "Li6.25Ga0.25La3Zr2O12", ")", ","]),
        ("Li7-3xGaxLa3Zr2O12-based", ["Li7-3xGaxLa3Zr2O12", "-", "based"]),
        ("Li_{7+a-c-2d}La3Zr2O12", ["Li_{7+a-c-2d}La3Zr2O12"]),
        ("SrLa(1-x)MgTaO6:Erx", ["SrLa(1-x)MgTaO6", ":", "Erx"]),
        ("Ga3+, Zr4+ and O2-.", ["Ga3+", ",", "Zr4+", "and", "O2-", "."]),
        ("Er3+-doped Al3+/Ga3+", ["Er3+", "-", "doped", "Al3+", "/", "Ga3+"]),
        ("ZnO:Al Li-ion Li+-ion", ["ZnO", ":", "Al", "Li", "-", "ion", "Li+", "-", "ion"]),
        ("for 12 h.", ["for", "12", "h", "."]),
        ("with Al and Ga. La. Co.", ["with", "Al", "and", "Ga", ".", "La", ".", "Co", "."]),
        (
            "Lanthanum (La) doped Ceria (CeO2)",
            ["Lanthanum", "(", "La", ")", "doped", "Ceria", "(", "CeO2", ")"],
        ),
        ("(NH4)2SO4", ["(NH4)2SO4"]),
        ("Li|LLZTO|LiCoO2", ["Li", "|", "LLZTO", "|", "LiCoO2"]),
        ("Li||LiFePO4", ["Li", "||", "LiFePO4"]),
        ("Li7La3Zr2O12-8 wt.% Li3BO3", ["Li7La3Zr2O12", "-", "8", "wt.%", "Li3BO3"]),
        ("LLZTO–10 wt% PEO", ["LLZTO", "–", "10", "wt%", "PEO"]),
        ("LLZT-05 (2 wt%)", ["LLZT-05", "(", "2", "wt%", ")"]),
    ],
)
def test_tokenizer_keeps_chemistry(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_tokenizer_cuts_only_runs_longer_than_max_chunk(nlp):
    from miner.tokenizer import MAX_CHUNK

    formula = "Li6.4La3Zr1.4Ta0.6O12"
    assert [t.text for t in nlp.make_doc(f"{formula} " * 10)] == [formula] * 10
    text = "a " + "x" * (2 * MAX_CHUNK + 5) + "  b"
    doc = nlp.make_doc(text)
    assert doc.text == text  # offsets unchanged: the pieces join without spaces
    assert [len(t) for t in doc] == [1, MAX_CHUNK, MAX_CHUNK, 5, 1, 1]
    assert [t.whitespace_ for t in doc] == [" ", "", "", " ", "", ""]


def test_tokenizer_a_megabyte_of_open_parentheses_is_linear(nlp):
    """spaCy's affix search made this quadratic (20,000 "(" took 134 s; a megabyte, days): a
    regression shows as this test stuck until its timeout."""
    text = "Hostile: " + "(" * 1_000_000
    nlp.max_length = len(text) + 1
    doc = nlp.make_doc(text)
    assert doc.text == text and len(doc) == 1_000_002  # "Hostile", ":" and each "("
