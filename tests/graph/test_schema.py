"""The schema of docs/schema.md on the real embedded server, and the key functions of rows.py."""

from __future__ import annotations

import pytest
from sample_graph import UNIQUE_VIOLATION

from corpus.document import Reference
from graph import writer
from graph.backend import GraphBackend
from graph.rows import (
    DocumentMeta,
    document_rows,
    dopant_key,
    fact_key,
    host,
    material_key,
    own_formula,
    reference_key,
    sample_key,
    sentence_key,
)
from graph.schema import LABELS, SCHEMA
from miner.records import Dopant, Fact, Host, Material, Provenance


def test_schema_unique_key_on_every_label_and_twice_is_a_no_op(bare_graph: GraphBackend) -> None:
    writer.ensure_schema(bare_graph)
    first = bare_graph.existing_schema()
    writer.ensure_schema(bare_graph)
    assert bare_graph.existing_schema() == first
    assert first.unique == tuple(sorted((label, "key") for label in LABELS))
    assert first.indexes == tuple(sorted(SCHEMA.indexes))
    assert len(first.unique) + len(first.indexes) == 15 + 14
    # the full-text index over sentences is Neo4j's only (not in FalkorDB's portable subset)
    assert first.fulltext == (SCHEMA.fulltext if bare_graph.name == "neo4j" else ())


def test_schema_rejects_a_second_node_with_the_same_key(graph: GraphBackend) -> None:
    writer.ensure_schema(graph)
    graph.run("CREATE (:Material {key: 'LLZO'})")
    with pytest.raises(Exception, match=UNIQUE_VIOLATION):
        graph.run("CREATE (:Material {key: 'LLZO'})")


def fact(**kw: object) -> Fact:
    base: dict[str, object] = dict(
        kind="measurement", doc="doc-1", section="2", sentence=7, start=10, end=60,
        text="Ga-LLZO reached 1 mS cm^-1.", material=Material("Ga-LLZO"),
        dopants=(Dopant("Ga", site="Li", amount=0.25),), property="ionic_conductivity",
        value=1e-3, unit="S/cm",
    )  # fmt: skip
    base.update(kw)
    return Fact(**base)  # type: ignore[arg-type]


def test_rows_sentence_key_for_text_and_table_row() -> None:
    assert sentence_key(fact()) == "doc-1#7"
    row = fact(sentence=-1, source="table", provenance=Provenance(table="Table 2", row=14))
    assert sentence_key(row) == "doc-1#t2r14"


def test_rows_material_key_is_the_records_canonical_key() -> None:
    # written order and notation do not matter (miner.chemistry.formula.canonical_formula)
    assert material_key(Material("LLZO:Ga", "Li6.25Ga0.25La3Zr2O12")) == "Li6.25La3Zr2Ga0.25O12"
    assert material_key(Material("x", "La3Li6.25Zr2Ga0.25O12")) == "Li6.25La3Zr2Ga0.25O12"
    dopants = (Dopant("Ta", site="Zr", amount=0.5), Dopant("Ga", site="Li", amount=0.25))
    assert material_key(Material(" Ga,Ta  co-doped\nLLZO"), dopants) == (
        "ga,ta co-doped llzo|Ga@Li:0.25,Ta@Zr:0.5"
    )
    assert material_key(Material("LLZO"), ()) == "llzo"
    assert material_key(Material("LLZTO", key="given"), dopants) == "given"
    assert dopant_key("llzo|Al@?:?", Dopant("Al")) == "llzo|Al@?:?|Al@?:?"


def test_rows_legacy_defaults_for_version_1_records() -> None:
    # a v1 "Ga-doped Li7La3Zr2O12" carried the host's formula: the host, not the material's
    v1 = fact(material=Material("Ga-doped Li7La3Zr2O12", "Li7La3Zr2O12"))
    assert host(v1.material, v1.dopants) == Host("Li7La3Zr2O12", "Li7La3Zr2O12")
    assert own_formula(v1.material, v1.dopants) is None
    # Ga3+ on Li+ at 0.25, the charge balanced by the Li content: the composition is known
    assert v1.material.key == "Li6.25La3Zr2Ga0.25O12"
    assert sample_key(fact()) == "doc-1#7|ga-llzo|Ga@Li:0.25"
    assert sample_key(fact(sample="s1")) == "doc-1#sample:s1"


def test_rows_reference_key_content_id_or_per_document_stand_in() -> None:
    ref = Reference(key="5a", number=5, letter="a", text="X", authors=("A. B",), year=2020)
    assert reference_key("doc-1", "5a", ref) == ref.id
    assert ref.id.startswith("ref:")
    assert reference_key("doc-1", "5a", None) == "doc-1#ref5a"


def test_rows_fact_key_stable_and_sensitive_to_value() -> None:
    assert fact_key(fact()) == fact_key(fact(methods=("sol-gel",), refs=("3",)))
    assert fact_key(fact()) != fact_key(fact(value=2e-3))
    assert fact_key(fact()).startswith("meas:")
    assert fact_key(fact(kind="doping", property=None, value=None)).startswith("dop:")


def test_rows_store_the_family_and_basis_the_miner_read() -> None:
    facts = [
        fact(basis="calculated"),
        # the graph classifies nothing: methods are the miner's business (Fact.read)
        fact(value=2e-3, methods=("calculation",)),
        fact(value=3e-3, material=Material("Li/LLZO/Li", "Li7La3Zr2O12", family="cell")),
    ]
    rows = document_rows(DocumentMeta("doc-1"), facts)
    assert sorted(r["props"]["basis"] for r in rows.measurements) == [
        "calculated", "experimental", "experimental",
    ]  # fmt: skip
    assert {r["name"]: r["family"] for r in rows.materials if r["name"]} == {
        "Ga-LLZO": "garnet", "Li/LLZO/Li": "cell",
    }  # fmt: skip


def test_rows_document_meta_needs_an_id() -> None:
    with pytest.raises(ValueError, match="Invalid document self.id=' '"):
        DocumentMeta(id=" ")


def test_schema_property_keys_are_the_ones_the_writer_stores(graph: GraphBackend) -> None:
    from sample_graph import V2, sample_facts, sample_references

    from graph.schema import PROPERTY_KEYS

    writer.load_facts(graph, sample_facts(), sample_references())
    rows = graph.run("MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k")
    rows += graph.run("MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k")
    stored = {r["k"] for r in rows}
    # the v1 sample has no value range and none of the version-2 context the miner does not
    # fill yet; the v2 model sample stores every key
    assert set(PROPERTY_KEYS) - stored == {
        "valueMax", "conduction", "definedAs", "fraction", "fractionUnit", "hostFormula", "role",
        "state", "treatment", "uncertainty",
    }  # fmt: skip
    assert stored <= set(PROPERTY_KEYS)
    graph.run("MATCH (n) DETACH DELETE n")
    writer.load_facts(graph, sample_facts(V2), sample_references(V2))
    rows = graph.run("MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k")
    rows += graph.run("MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k")
    stored = {r["k"] for r in rows}
    assert set(PROPERTY_KEYS) == stored
    assert stored <= set(PROPERTY_KEYS)


def test_schema_browser_style_captions_every_label() -> None:
    import re
    from pathlib import Path

    from graph.schema import PROPERTY_KEYS

    grass = Path(writer.__file__).with_name("neo4j-browser.grass").read_text(encoding="utf-8")
    captions = dict(re.findall(r"node\.(\w+) \{[^}]*caption: \"\{(\w+)\}\"", grass))
    assert sorted(captions) == sorted(LABELS)
    assert set(captions.values()) <= set(PROPERTY_KEYS)


@pytest.mark.neo4j
def test_schema_fulltext_search_of_the_browser_guide_runs_on_neo4j(neo4j_db) -> None:
    """The full-text example of docs/neo4j-browser.md, as written, on the sample graph."""
    import re
    from pathlib import Path

    from sample_graph import sample_facts, sample_references

    backend = neo4j_db.fresh()
    neo4j_db.touched()
    writer.load_facts(backend, sample_facts(), sample_references())
    guide = Path(writer.__file__).parents[1] / "docs" / "neo4j-browser.md"
    section = guide.read_text(encoding="utf-8").split("## 4. Full-text search")[1]
    [query] = re.findall(r"```cypher\n(.*?)```", section, flags=re.S)
    rows = backend.run(query)
    assert [(r["sentence"], r["facts"]) for r in rows] == [
        ("An Al2O3 layer deposited by atomic layer deposition lowered the interfacial "
         "resistance from 1200 to 5 Ω cm^2.", 2)
    ]  # fmt: skip
    assert rows[0]["score"] > 0
