"""The benchmark's generated literature: deterministic, the observed distribution scaled (not
copies), references shared across documents, and the graph size it predicts is the one the
writer makes."""

from __future__ import annotations

from collections import Counter

import pytest
from sample_graph import sample_facts

from bench.generate import DOCS_PER_SCALE, Distribution, generate, graph_size
from graph import summaries
from graph.writer import ensure_schema, load_facts
from miner.chemistry.garnet import SITE_PREFERENCE
from miner.records import SITES


@pytest.fixture(scope="module")
def observed():
    return sample_facts()


def test_generate_is_deterministic_by_seed(observed) -> None:
    first, again = generate(observed, 3, seed=7), generate(observed, 3, seed=7)
    other = generate(observed, 3, seed=8)
    assert [f.to_json() for f in first.facts] == [f.to_json() for f in again.facts]
    assert first.references == again.references
    assert [f.to_json() for f in other.facts] != [f.to_json() for f in first.facts]


def test_generate_scales_facts_and_documents(observed) -> None:
    corpus = generate(observed, 20)
    assert len(corpus.facts) == 20 * len(observed)
    assert len(corpus.documents) == DOCS_PER_SCALE * 20
    sizes = Counter(f.doc for f in corpus.facts)
    assert set(sizes) == set(corpus.documents)
    assert max(sizes.values()) > 3 * min(sizes.values())  # papers of unequal size


def test_generate_varies_compositions_with_a_long_tail_not_copies(observed) -> None:
    corpus = generate(observed, 20)
    seen_elements = {d.element for f in observed for d in f.dopants}
    elements = Counter(d.element for f in corpus.facts for d in f.dopants)
    assert set(elements) - seen_elements  # elements the observed facts never name
    assert set(elements) <= set(SITE_PREFERENCE) | seen_elements
    assert all(d.site in SITES or d.site is None for f in corpus.facts for d in f.dopants)
    materials = {(f.material, f.dopants) for f in corpus.facts}
    assert len(materials) > 3 * len({(f.material, f.dopants) for f in observed})
    by_doc: dict[str, list[str]] = {}
    for fact in corpus.facts:
        by_doc.setdefault(fact.doc, []).append(fact.text)
    assert len({tuple(texts) for texts in by_doc.values()}) == len(by_doc)


def test_generate_shares_references_across_documents(observed) -> None:
    corpus = generate(observed, 10)
    listed = Counter(r.id for refs in corpus.references.values() for r in refs)
    assert max(listed.values()) >= len(corpus.documents) // 2  # a classic everyone cites
    assert min(listed.values()) == 1  # and the long tail
    for fact in corpus.facts:
        keys = {r.key for r in corpus.references[fact.doc]}
        assert set(fact.refs) <= keys


def test_generate_values_stay_in_range(observed) -> None:
    corpus = generate(observed, 20)
    for fact in corpus.facts:
        if fact.unit == "%":
            assert 0 < fact.value <= 100
        if fact.value is not None and fact.kind == "measurement":
            assert fact.value == float(f"{fact.value:.4g}") or fact.unit == "cycles"


def test_distribution_rejects_no_facts() -> None:
    with pytest.raises(ValueError, match="Invalid observed facts: none"):
        Distribution.observe([])


def test_graph_size_counts_what_the_writer_creates(graph, observed) -> None:
    corpus = generate(observed, 2)
    expected = graph_size(corpus)
    ensure_schema(graph)
    load_facts(graph, corpus.facts, corpus.references)
    # the model's nodes: the summaries ingestion keeps for the queries are not counted
    labels = {
        r["label"]: r["n"]
        for r in graph.run("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n")
        if r["label"] not in summaries.LABELS
    }
    types = {
        r["type"]: r["n"]
        for r in graph.run("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")
    }
    assert labels == expected["labels"]
    assert types == expected["types"]
    assert expected["nodes"] == sum(labels.values())
    assert expected["facts"] == len(corpus.facts)
