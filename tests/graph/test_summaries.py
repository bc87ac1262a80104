"""The summaries ingestion keeps (graph/summaries.py): the canned queries that read them give
exact rows after an ingest, after a document is replaced and after one is pruned, and the graph
an incremental run leaves equals a fresh load of the same documents."""

from __future__ import annotations

from typing import Any

from graph import writer
from graph.backend import GraphBackend
from graph.fingerprint import fingerprint
from graph.rows import DocumentMeta
from graph.summaries import tallies
from miner.records import Dopant, Fact, Material
from queries.runner import get_query, run_query

GA = "Li6.25Ga0.25La3Zr2O12"
BOTH, ALL_REFS = ["hot pressing", "sol-gel"], ["a [1]", "a [2]", "b [9]"]
TA = "Li6.4La3Zr1.4Ta0.6O12"
SIGMA, EA = "ionic_conductivity", "activation_energy"


def fact(doc: str, sentence: int, formula: str, dopant: Dopant, **kw: Any) -> Fact:
    base: dict[str, Any] = dict(
        kind="measurement", doc=doc, section="1", sentence=sentence, start=10 * sentence,
        end=10 * sentence + 9, text=f"{doc} sentence {sentence}.",
        material=Material(formula, formula), dopants=(dopant,), property=SIGMA, unit="S/cm",
        basis="experimental",
    )  # fmt: skip
    base.update(kw)
    return Fact(**base)


GA_LI = Dopant("Ga", site="Li", amount=0.25)
TA_ZR = Dopant("Ta", site="Zr", amount=0.6)
DOC_A = [
    fact("a", 0, GA, GA_LI, value=1.0e-3, methods=("sol-gel",), refs=("1",)),
    fact("a", 1, GA, GA_LI, value=2.0e-3, methods=("sol-gel",), refs=("2",)),
    fact("a", 2, TA, TA_ZR, value=0.8e-3, methods=("solid-state reaction",), refs=("1",)),
    fact("a", 3, GA, GA_LI, value=None, property=None, kind="synthesis", methods=("sol-gel",)),
]
DOC_B = [
    fact("b", 0, GA, GA_LI, value=4.0e-3, methods=("hot pressing",), refs=("9",)),
    fact("b", 1, GA, GA_LI, value=0.30, property=EA, unit="eV", refs=("9",)),
    fact("b", 2, TA, TA_ZR, value=1e-2, basis="calculated", methods=("calculation",)),
]
# b, rewritten: the activation energy is gone, the conductivity changed
DOC_B2 = [
    fact("b", 0, GA, GA_LI, value=3.0e-3, methods=("hot pressing",), refs=("9",)),
]


def sites(backend: GraphBackend) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in run_query(backend, get_query("dopant_site_performance"))]


def methods(backend: GraphBackend, include_calculated: bool = False) -> list[tuple[Any, ...]]:
    params = {"minDopantReports": 1, "minMethodReports": 1}
    rows = run_query(
        backend,
        get_query("gap_dopant_method"),
        {**params, "includeCalculated": include_calculated},
    )
    return [tuple(r.values()) for r in rows]


def cited(backend: GraphBackend) -> list[tuple[Any, ...]]:
    rows = run_query(backend, get_query("most_cited_references"))
    return [(r["reference"], r["facts"], r["documents"]) for r in rows]


def test_summaries_tallies_count_one_document_per_material() -> None:
    from graph.rows import document_rows

    rows = document_rows(DocumentMeta(id="a"), DOC_A)
    made = {t["material"]: t for t in tallies(rows)}
    ga = next(t for key, t in made.items() if "Ga" in key)
    assert (ga["calculated"], ga["reports"], ga["rt"], ga["ea"]) == (0, 3, [1.0e-3, 2.0e-3], None)
    assert (ga["methods"], ga["methodCounts"]) == (["sol-gel"], [3])
    assert (ga["refCounts"], ga["expRefs"]) == ([1, 1], ga["refs"])


def test_summaries_follow_ingest_replacement_and_prune(graph: GraphBackend) -> None:
    writer.ensure_schema(graph)
    writer.load_facts(graph, DOC_A + DOC_B)
    assert sites(graph) == [
        ("Ga", "Li", 5, 4.0e-3, 2.0e-3, 0.30, BOTH, ALL_REFS),
        ("Ta", "Zr", 1, 0.8e-3, 0.8e-3, None, ["solid-state reaction"], ["a [1]"]),
    ]
    assert methods(graph) == [
        ("Ga", "solid-state reaction", 5, 1),
        ("Ta", "sol-gel", 1, 3),
        ("Ta", "hot pressing", 1, 1),
    ]
    # b's calculated Ta value counts only when asked for
    assert [row[:3] for row in methods(graph, include_calculated=True)][1:] == [
        ("Ta", "sol-gel", 2),
        ("Ta", "hot pressing", 2),
    ]
    assert cited(graph) == [("a [1]", 2, ["a"]), ("b [9]", 2, ["b"]), ("a [2]", 1, ["a"])]

    writer.load_facts(graph, DOC_B2)  # b replaced
    assert sites(graph) == [
        ("Ga", "Li", 4, 3.0e-3, 2.0e-3, None, BOTH, ALL_REFS),
        ("Ta", "Zr", 1, 0.8e-3, 0.8e-3, None, ["solid-state reaction"], ["a [1]"]),
    ]
    assert cited(graph) == [("a [1]", 2, ["a"]), ("a [2]", 1, ["a"]), ("b [9]", 1, ["b"])]

    writer.delete_document(graph, "a")  # a pruned: Ta and its site leave with it
    assert sites(graph) == [("Ga", "Li", 1, 3.0e-3, 3.0e-3, None, ["hot pressing"], ["b [9]"])]
    assert methods(graph) == []
    assert cited(graph) == [("b [9]", 1, ["b"])]
    writer.delete_document(graph, "b")
    assert graph.run("MATCH (n) WHERE n:Tally OR n:Summary RETURN count(n) AS n") == [{"n": 0}]


def test_summaries_incremental_run_equals_a_fresh_load(graph: GraphBackend) -> None:
    """Documents one at a time, in another order, one replaced and one removed and written
    again: the same nodes and properties (summaries included) as loading them once."""
    writer.ensure_schema(graph)
    writer.load_facts(graph, DOC_A + DOC_B2)
    fresh = fingerprint(graph)
    for docs in (DOC_B, DOC_A, DOC_B2):
        writer.load_facts(graph, docs)
    writer.delete_document(graph, "a")
    writer.load_facts(graph, DOC_A)
    assert fingerprint(graph) == fresh


def unmeasured(backend: GraphBackend) -> list[tuple[Any, ...]]:
    rows = run_query(backend, get_query("gap_unmeasured_properties"))
    return [
        (r["material"], r["conductivityReports"], r["bestConductivity"], r["missing"]) for r in rows
    ]


def calculated_only(backend: GraphBackend) -> list[tuple[Any, ...]]:
    rows = run_query(backend, get_query("gap_calculation_only"))
    return [
        (r["material"], r["property"], r["reports"], r["minValue"], r["maxValue"], r["references"])
        for r in rows
    ]


# c: Ta only calculated (activation energy and conductivity), Ga measured; d measures Ta
DOC_C = [
    fact("c", 0, TA, TA_ZR, value=0.25, property=EA, unit="eV", basis="calculated", refs=("3",)),
    fact("c", 1, TA, TA_ZR, value=0.22, property=EA, unit="eV", basis="calculated"),
    fact("c", 2, TA, TA_ZR, value=1e-2, basis="calculated", refs=("3",)),
    fact("c", 3, GA, GA_LI, value=1e-3, temperature_C=60.0),
    fact("c", 4, GA, GA_LI, value=0.9, property="relative_density", unit="%", basis="target"),
]
DOC_D = [fact("d", 0, TA, TA_ZR, value=5e-4, methods=("sol-gel",))]
TA_EA = (TA, "activation_energy", 2, 0.22, 0.25, ["c [3]"])


def test_summaries_material_gaps_follow_ingest_replacement_and_prune(
    graph: GraphBackend,
) -> None:
    """gap_unmeasured_properties and gap_calculation_only read per-material summaries: exact
    rows as documents come, are replaced and go (a target value is no measurement)."""
    writer.ensure_schema(graph)
    writer.load_facts(graph, DOC_C)
    assert calculated_only(graph) == [
        TA_EA,
        (TA, "ionic_conductivity", 1, 1e-2, 1e-2, ["c [3]"]),
    ]
    assert unmeasured(graph) == [(GA, 1, 1e-3, ["activation_energy", "relative_density"])]

    writer.load_facts(graph, DOC_D)  # Ta's conductivity measured: no longer calculated only
    assert calculated_only(graph) == [TA_EA]
    assert unmeasured(graph) == [
        (GA, 1, 1e-3, ["activation_energy", "relative_density"]),
        (TA, 1, 5e-4, ["activation_energy", "relative_density"]),
    ]

    writer.load_facts(graph, DOC_C[3:])  # c replaced: Ta's calculations gone
    assert calculated_only(graph) == []
    writer.load_facts(graph, DOC_B)  # Ga's activation energy measured, Ta's conductivity calculated
    assert unmeasured(graph) == [
        (GA, 2, 4e-3, ["relative_density"]),
        (TA, 1, 5e-4, ["activation_energy", "relative_density"]),
    ]
    writer.delete_document(graph, "d")  # d pruned: Ta's conductivity calculated only again
    assert calculated_only(graph) == [(TA, "ionic_conductivity", 1, 1e-2, 1e-2, [])]
    assert unmeasured(graph) == [(GA, 2, 4e-3, ["relative_density"])]
    for doc in ("b", "c"):
        writer.delete_document(graph, doc)
    assert graph.run("MATCH (n) WHERE n:Tally OR n:Summary RETURN count(n) AS n") == [{"n": 0}]


def method_figures(backend: GraphBackend, garnet_only: bool = True) -> list[tuple[Any, ...]]:
    query = get_query("method_performance")
    rows = run_query(backend, query, {"garnetOnly": garnet_only})
    return [tuple(r.values()) for r in rows]


# e: a polymer's conductivity by hot pressing (every family counts with garnetOnly false)
PEO = Material("PEO", None, family="polymer")
DOC_E = [
    fact("e", 0, "PEO", GA_LI, material=PEO, dopants=(), value=1e-5, methods=("hot pressing",)),
    fact("e", 1, "PEO", GA_LI, material=PEO, dopants=(), value=1e-5, methods=("hot pressing",)),
]


def test_summaries_method_figures_follow_ingest_replacement_and_prune(
    graph: GraphBackend,
) -> None:
    """method_performance reads per-method summaries (garnets, and every family): exact
    reports, materials, counts, best values and medians as documents come and go."""
    writer.ensure_schema(graph)
    writer.load_facts(graph, DOC_A + DOC_B + DOC_E)
    none = (0, None, None)
    assert method_figures(graph) == [
        ("sol-gel", 3, 1, 2, 2.0e-3, 1.5e-3, *none),
        ("hot pressing", 1, 1, 1, 4.0e-3, 4.0e-3, *none),
        ("solid-state reaction", 1, 1, 1, 0.8e-3, 0.8e-3, *none),
    ]
    assert method_figures(graph, garnet_only=False)[:2] == [
        ("hot pressing", 3, 2, 3, 4.0e-3, 1e-5, *none),
        ("sol-gel", 3, 1, 2, 2.0e-3, 1.5e-3, *none),
    ]
    writer.load_facts(graph, DOC_B2)  # b replaced
    assert method_figures(graph)[1] == ("hot pressing", 1, 1, 1, 3.0e-3, 3.0e-3, *none)
    writer.delete_document(graph, "a")
    assert method_figures(graph) == [("hot pressing", 1, 1, 1, 3.0e-3, 3.0e-3, *none)]
    writer.delete_document(graph, "e")
    assert method_figures(graph, garnet_only=False) == method_figures(graph)
