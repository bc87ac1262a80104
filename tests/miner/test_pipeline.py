from __future__ import annotations

from collections import Counter
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import read_document
from miner.materials import Abbreviations
from miner.pipeline import COMPONENTS, load

KEYS = (
    "llzo_material",
    "llzo_dopant",
    "llzo_site",
    "llzo_method",
    "llzo_quantity",
    "llzo_property",
)


@cache
def _shared():
    return load()


@pytest.fixture(scope="module")
def nlp():
    return _shared()


def test_pipeline_load_has_every_component(nlp):
    assert nlp.pipe_names == list(COMPONENTS)


def test_pipeline_sentence_end_to_end(nlp):
    doc = nlp(
        "Ga-doped LLZO prepared by SSR and sintered at 1100 °C showed an ionic conductivity of "
        "1.46 mS cm-1 at 25 °C."
    )
    assert [(s.text, s._.dopant_elements) for s in doc.spans["llzo_material"]] == [
        ("Ga-doped LLZO", ["Ga"])
    ]
    assert [s._.element for s in doc.spans["llzo_dopant"]] == ["Ga"]
    assert [s._.method for s in doc.spans["llzo_method"]] == ["solid-state reaction"]
    assert [
        (q.text, q._.property, q._.value, q._.temperature_C) for q in doc.spans["llzo_quantity"]
    ] == [
        ("1100 °C", "sintering_temperature", 1100.0, None),
        ("1.46 mS cm-1", "ionic_conductivity", pytest.approx(0.00146), 25.0),
    ]


def test_pipeline_runs_over_the_whole_review(nlp, review_path):
    """Every normalised sentence and every raw paragraph (LaTeX and all) goes through."""
    document = read_document(review_path)
    table = Abbreviations()
    counts: Counter[str] = Counter()
    sentences = [s.text for s in document.sentences]
    cfg = {"llzo_material": {"abbreviations": table}}
    for doc in nlp.pipe(sentences, component_cfg=cfg):
        for key in KEYS:
            counts[key] += len(doc.spans[key])
            for span in doc.spans[key]:
                assert span.text.strip(), f"empty {key} span in {doc.text[:80]!r}"
    raw = review_path.read_text(encoding="utf-8").split("\n\n")
    assert sum(len(doc) for doc in nlp.pipe(raw)) > 30000
    assert len(sentences) > 900
    assert all(counts[key] > 20 for key in KEYS), counts
    assert table.entries, "the review defines abbreviations such as (LLZO)"


CHEMISTRY_ALPHABET = "LiGaAlTaZrONbSrCeHF0123456789.,;:–-−+×x^_{}()[]/ μΩ°C%eVmSAhKgWLdopedwithsite"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=CHEMISTRY_ALPHABET, max_size=120) | st.text(max_size=80))
def test_pipeline_never_fails_on_hostile_text(text):
    nlp = _shared()
    doc = nlp(text)
    for key in KEYS:
        for span in doc.spans[key]:
            assert 0 <= span.start_char < span.end_char <= len(text)


def test_pipeline_reads_a_sentence_longer_than_spacys_default_limit() -> None:
    """A PDF that lost its spaces is one sentence of megabytes: spaCy refused it (E088, a
    message about parser memory this pipeline does not use) and the document failed."""
    from miner.pipeline import load

    nlp = load()
    doc = nlp("Li7La3Zr2O12" * 100_000)  # 1.2 million characters
    assert len(doc.text) == 1_200_000


def test_pipeline_load_tokenizes_like_blank_plus_make_tokenizer(nlp, review_path) -> None:
    """``load`` builds the chemistry tokenizer straight from the config (spaCy's default one is
    never built); it is the tokenizer ``make_tokenizer`` puts on a ``spacy.blank("en")``."""
    import spacy

    from miner.tokenizer import ChemistryTokenizer, make_tokenizer

    reference = spacy.blank("en")
    reference.tokenizer = make_tokenizer(reference)
    assert isinstance(nlp.tokenizer, ChemistryTokenizer)
    ours, theirs = nlp.tokenizer.tokenizer, reference.tokenizer.tokenizer
    assert ours.rules == theirs.rules
    for attr in ("prefix_search", "suffix_search"):
        assert getattr(ours, attr).__self__.pattern == getattr(theirs, attr).__self__.pattern
    assert ours.url_match == theirs.url_match
    texts = [s.text for s in read_document(review_path).sentences]
    assert [[t.text for t in nlp.make_doc(x)] for x in texts] == [
        [t.text for t in reference.make_doc(x)] for x in texts
    ]
