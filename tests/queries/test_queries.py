"""Every canned query on both real databases (the embedded FalkorDB and the Neo4j of
tools/neo4j): exact rows on the written samples (tests/data/graph), rows on the graph of the
whole review, the runner's header and parameter handling, and the ``queries``/``query``
commands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sample_graph import V2, dump, sample_facts, sample_references

from graph import writer
from graph.backend import FalkorBackend, GraphBackend
from graph.rows import DocumentMeta
from graph.server import ServerState
from llzo_kg.cli import cli
from miner.records import Dopant, Fact, Host, Material
from queries.runner import (
    QUERY_DIR,
    QueryError,
    get_query,
    load_queries,
    parse_params,
    parse_query,
    run_query,
)

NAMES = [
    "cell_performance", "codoped_vs_single_dopant", "conflicting_reports",
    "density_vs_conductivity",
    "dopant_amount_vs_conductivity", "dopant_site_performance", "evidence",
    "gap_calculation_only", "gap_dopant_method", "gap_dopant_site", "gap_unmeasured_properties",
    "interfacial_resistance", "method_performance", "most_cited_references", "top_conductors",
    "treatment_effects",
]  # fmt: skip
M1, GA2, M3 = "Li6.25Ga0.25La3Zr2O12", "La3Li6.25Zr2Ga0.25O12", "Li6.45Ga0.15La3Zr1.9Ta0.1O12"
SSR, SIGMA = "solid-state reaction", "ionic_conductivity"
HOSTILE = (
    "Li7La3Zr2O12 \"quoted\" 'single' `back`tick`}) DETACH DELETE n //\nsecond line — Zr⁴⁺ ü \\ end"
)


@pytest.fixture()
def sample(graph: GraphBackend) -> GraphBackend:
    """The version-2 model sample (tests/data/graph/v2)."""
    writer.ensure_schema(graph)
    writer.load_facts(graph, sample_facts(V2), sample_references(V2))
    return graph


def run(backend: GraphBackend, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(backend, get_query(name), params)


def cols(rows: list[dict[str, Any]], *names: str) -> list[tuple[Any, ...]]:
    return [tuple(row[n] for n in names) for row in rows]


def test_queries_all_sixteen_listed_with_headers() -> None:
    queries = load_queries()
    assert list(queries) == NAMES
    for query in queries.values():
        assert query.question.endswith("?"), query.name
        assert "//" not in query.text.splitlines()[0]
    assert [
        (p.name, p.default, p.type) for p in queries["dopant_amount_vs_conductivity"].params
    ] == [("element", "Ga", "string")]
    assert [(p.name, p.default, p.type) for p in queries["gap_dopant_method"].params] == [
        ("minDopantReports", 2, "integer"),
        ("minMethodReports", 2, "integer"),
        ("includeCalculated", False, "boolean"),
    ]
    assert queries["gap_dopant_site"].defaults() == {"includeCalculated": False}
    assert queries["conflicting_reports"].defaults() == {"basis": "experimental"}
    assert queries["top_conductors"].defaults() == {
        "limit": 20, "garnetOnly": True, "includeComposites": False, "basis": "experimental"
    }  # fmt: skip


def test_queries_use_only_the_portable_subset() -> None:
    banned = ["EXISTS {", "COUNT {", "COLLECT {", "exists(", "=~", "id(", "elementId(", "apoc.",
              "gds.", "IN TRANSACTIONS", "EXPLAIN", "PROFILE"]  # fmt: skip
    for query in load_queries().values():
        for word in banned:
            assert word.lower() not in query.text.lower(), (query.name, word)


def test_query_dopant_site_performance_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "dopant_site_performance")
    assert list(rows[0]) == [
        "dopant", "site", "reports", "bestRtConductivity", "medianRtConductivity",
        "lowestActivationEnergy", "methods", "references",
    ]  # fmt: skip
    # Ga@Li: the Ga pellet in two notations (one material), Ga-doped LLZO and the co-doped
    # garnet; the table row restating the pellet's 1.3 mS/cm counts once in the median, the DFT
    # 4 mS/cm not at all (a calculated fact is no report and "calculation" no route); ZnO's
    # Al/Ga/In (not a garnet) and the composite never appear
    assert cols(rows, "dopant", "site", "reports", "bestRtConductivity", "medianRtConductivity",
                "lowestActivationEnergy", "methods", "references") == [
        ("Ga", "Li", 9, 1.8e-3, 9.0e-4, 0.30, ["sol-gel", SSR],
         ["Müller 2018", "Yang 2017a", "Yang 2017b"]),
        ("Ta", "Zr", 4, 1.8e-3, 1.4e-3, None, ["hot pressing", SSR], ["Yang 2017b"]),
        # Y-doped LLZO keeps its own value: never the Ga-doped LLZO's 0.5 mS/cm
        ("Y", "Zr", 1, 3.0e-4, 3.0e-4, None, [SSR], ["Yang 2017b"]),
    ]  # fmt: skip
    assert rows[0]["medianRtConductivity"] == pytest.approx(9.0e-4)
    assert cols(run(sample, "dopant_site_performance", minReports=3), "dopant", "site") == [
        ("Ga", "Li"), ("Ta", "Zr")
    ]  # fmt: skip


TOP = [
    (1.8e-3, 22.0, None, M3, M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], "garnet", "experimental", [SSR],
     ["Yang 2017b"], "paper-ta"),
    (1.3e-3, 25.0, "total", GA2, GA2, ["Ga@Li:0.25"], "garnet", "experimental", [SSR],
     ["Yang 2017a"], "paper-ga"),
    (1.0e-3, None, None, "LLZTO", "Li7La3Zr2O12 + Ta@Zr:?", ["Ta@Zr:?"], "garnet", "experimental",
     ["hot pressing"], ["Yang 2017b"], "paper-ta"),
    (5.0e-4, 25.0, None, "Ga-doped LLZO", "Li7La3Zr2O12 + Ga@Li:?", ["Ga@Li:?"], "garnet",
     "experimental", ["sol-gel"], ["Yang 2017b"], "paper-ga"),
    (3.0e-4, 25.0, None, "Y-doped LLZO", "Li7La3Zr2O12 + Y@Zr:?", ["Y@Zr:?"], "garnet",
     "experimental", [SSR], ["Yang 2017b"], "paper-ta"),
    (2.0e-4, 25.0, None, GA2, GA2, ["Ga@Li:0.25"], "garnet", "experimental", [], ["Müller 2018"],
     "paper-ta"),
]  # fmt: skip
TOP_COLUMNS = ("conductivity", "temperatureC", "conduction", "material", "composition", "dopants",
               "family", "basis", "methods", "references", "doc")  # fmt: skip


def test_query_top_conductors_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "top_conductors")
    # experimental garnet values only: no DFT value, no target ("> 1 mS/cm"), no general
    # statement, no composite; the pellet's table row restates its text (one sample, one row)
    assert cols(rows, *TOP_COLUMNS) == TOP
    assert rows[1]["sentence"].startswith("Li6.25Ga0.25La3Zr2O12 prepared by solid-state")
    assert cols(run(sample, "top_conductors", limit=2), "conductivity") == [(1.8e-3,), (1.3e-3,)]


def test_query_top_conductors_one_row_per_named_sample(graph: GraphBackend) -> None:
    """A doping table row (F on O) and the text naming the whole composition (Al and F) that
    restates its value are one sample (decision 0315): one row, shown with the formula; the
    row's material restating the value in another sentence (one material, document and value:
    one report, as before) joins it."""
    host = Host("LLZO", "Li7La3Zr2O12")
    row = Material("LLZO", None, key="Li6.8La3Zr2O11.8F0.2", host=host)
    text = Material("Li6.8Al0.2La3Zr2O11.8F0.2", "Li6.8Al0.2La3Zr2O11.8F0.2", host=host)
    al_f = (Dopant("Al", "", "Li", 0.2, 3), Dopant("F", "", "O", 0.2, -1))
    common = dict(kind="measurement", doc="d", section="1", property="ionic_conductivity",
                  unit="S/cm", refs=("135",), value=7.45e-4)  # fmt: skip
    facts = [
        Fact(sentence=-1, start=0, end=20, text="F- | O2- | 0.2 | 7.45e-4", material=row,
             dopants=(al_f[1],), source="table", temperature_C=25.0,
             sample="Li6.8La3Zr2Al0.2O11.8F0.2@135", **common),
        Fact(sentence=3, start=40, end=90, text="Ma et al. prepared the ... 7.45e-4 at 30 °C",
             material=text, dopants=al_f, temperature_C=30.0,
             sample="Li6.8La3Zr2Al0.2O11.8F0.2@135", **common),
        Fact(sentence=5, start=100, end=140, text="The fluorinated garnet ... 7.45e-4",
             material=row, dopants=(al_f[1],), **common),
    ]  # fmt: skip
    writer.ensure_schema(graph)
    writer.load_facts(graph, facts)
    assert cols(run(graph, "top_conductors"), "composition", "temperatureC", "sentence") == [
        ("Li6.8Al0.2La3Zr2O11.8F0.2", 30.0, "Ma et al. prepared the ... 7.45e-4 at 30 °C"),
    ]


def test_query_top_conductors_calculated_and_composites_when_asked(sample: GraphBackend) -> None:
    # calculated values are ranked on their own, never among the measured ones
    calculated = run(sample, "top_conductors", basis="calculated")
    assert cols(calculated, "conductivity", "basis", "methods") == [
        (4.0e-3, "calculated", ["calculation"])
    ]  # fmt: skip
    assert run(sample, "top_conductors", basis="target") == []
    composites = run(sample, "top_conductors", includeComposites=True)
    assert cols(composites, "conductivity", "material", "family", "temperatureC")[-1] == (
        2.0e-4, "PEO/LiTFSI with 15 wt% LLZTO", "composite", 30.0
    )  # fmt: skip
    everything = run(sample, "top_conductors", garnetOnly=False)
    assert cols(everything, "conductivity", "family")[-1] == (3.2e-7, "other")
    assert everything[-1]["sentence"] == "The sample " + HOSTILE + " showed 3.2 × 10^-7 S cm^-1."
    assert "composite" not in {r["family"] for r in everything}


def test_query_method_performance_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "method_performance")
    assert [tuple(r.values()) for r in rows] == [
        (SSR, 8, 4, 3, 1.8e-3, 1.3e-3, 1, 94.0, 94.0),
        ("hot pressing", 3, 1, 1, 1.0e-3, 1.0e-3, 1, 99.0, 99.0),
        ("sol-gel", 1, 1, 1, 5.0e-4, 5.0e-4, 0, None, None),
    ]  # fmt: skip
    wider = run(sample, "method_performance", garnetOnly=False)
    assert cols(wider, "method", "reports")[2:] == [
        ("magnetron sputtering", 1), ("sol-gel", 1), ("solution casting", 1)
    ]  # fmt: skip


def test_query_codoped_vs_single_dopant_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "codoped_vs_single_dopant")
    # ZnO films (Al, Ga, In: not a garnet) are no co-doped garnet
    assert [tuple(r.values()) for r in rows] == [
        (M3, M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1.8e-3, "Ga", 2, 1.3e-3),
        (M3, M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1.8e-3, "Ta", 1, 1.0e-3),
    ]  # fmt: skip


def test_query_codoped_leaves_a_multi_site_material_out_of_its_own_counterparts(
    graph: GraphBackend,
) -> None:
    # Ga on two sites is multi-site-doped and also single-element: the best single-Ga figure
    # shown next to it must come from the other Ga-only materials, not from itself
    graph.run(
        "CREATE (p:Property {key: 'ionic_conductivity', name: 'ionic_conductivity'}) "
        "WITH p UNWIND $materials AS row "
        "CREATE (m:Material {key: row.key, name: row.key, composition: row.key, "
        "family: 'garnet'}) "
        "CREATE (f:Measurement {key: row.key + '#f', value: row.value, basis: 'experimental'})"
        "-[:ABOUT]->(m) "
        "CREATE (f)-[:OF_PROPERTY]->(p) "
        "WITH m, row UNWIND row.sites AS site "
        "CREATE (m)-[:HAS_DOPANT]->(:Dopant {key: row.key + site, element: 'Ga', site: site, "
        "label: 'Ga@' + site})",
        {
            "materials": [
                {"key": "two-site", "value": 3.0e-3, "sites": ["La", "Li"]},
                {"key": "li-site", "value": 2.0e-3, "sites": ["Li"]},
                {"key": "li-site-low", "value": 5.0e-4, "sites": ["Li"]},
            ]
        },
    )
    rows = run(graph, "codoped_vs_single_dopant")
    assert [tuple(r.values()) for r in rows] == [
        ("two-site", "two-site", ["Ga@La", "Ga@Li"], 3.0e-3, "Ga", 2, 2.0e-3),
    ]


def test_query_dopant_amount_vs_conductivity_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "dopant_amount_vs_conductivity")
    # the pellet's table row and its text are one sample: one 1.3 mS/cm row; the DFT value and
    # Ga-doped LLZO (no amount) are not listed
    assert [tuple(r.values()) for r in rows] == [
        (0.15, "Li", 1.8e-3, 22.0, M3, M3, [SSR], ["Yang 2017b"], "paper-ta"),
        (0.25, "Li", 2.0e-4, 25.0, GA2, GA2, [], ["Müller 2018"], "paper-ta"),
        (0.25, "Li", 1.3e-3, 25.0, GA2, GA2, [SSR], ["Yang 2017a"], "paper-ga"),
    ]  # fmt: skip
    # LLZTO's Ta has no amount (an undefined abbreviation is no composition)
    assert cols(run(sample, "dopant_amount_vs_conductivity", element="Ta"), "amount", "site") == [
        (0.1, "Zr")
    ]


def test_query_density_vs_conductivity_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "density_vs_conductivity")
    # pairs within one sample only: the pellet's density with its own conductivity (text and
    # table row: one sample, one row), LLZTO's from one sentence; never paper-ta's 0.2 mS/cm
    assert cols(rows, "material", "composition", "dopants", "family", "relativeDensity",
                "conductivity", "methods", "references", "doc") == [
        (GA2, GA2, ["Ga@Li:0.25"], "garnet", 94.0, 1.3e-3, [SSR], ["Yang 2017a"], "paper-ga"),
        ("LLZTO", "Li7La3Zr2O12 + Ta@Zr:?", ["Ta@Zr:?"], "garnet", 99.0, 1.0e-3,
         ["hot pressing"], ["Yang 2017b"], "paper-ta"),
    ]  # fmt: skip
    assert len(rows[0]["sentences"]) == 2 and rows[0]["sentences"][1].endswith("[1]")
    wider = run(sample, "density_vs_conductivity", garnetOnly=False, includeComposites=True)
    assert wider == rows


def test_query_gap_dopant_site_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "gap_dopant_site")
    # only sites the element's ions can take (Element.garnetSites): Ga is never proposed on O
    # or La, Ta never on O, Li or La (too small for its eight-coordinate site); ZnO's Al and In
    # are not garnet dopants; experimental reports count (a calculated Ga and Y value do not)
    assert [tuple(r.values()) for r in rows] == [
        ("Ga", "Zr", ["Li"], ["Li", "Zr"], 9),
        ("Y", "La", ["Zr"], ["La", "Zr"], 1),
    ]
    rows = run(sample, "gap_dopant_site", includeCalculated=True)
    assert [tuple(r.values()) for r in rows] == [
        ("Ga", "Zr", ["Li"], ["Li", "Zr"], 10),
        ("Y", "La", ["Zr"], ["La", "Zr"], 2),
    ]


def test_query_gap_dopant_method_on_sample(sample: GraphBackend) -> None:
    # ZnO's magnetron sputtering and the composite's solution casting are no garnet methods;
    # "calculation" is no route; a dopant counts its experimental facts (Y's DFT value only
    # with includeCalculated, which makes Y well studied)
    assert [tuple(r.values()) for r in run(sample, "gap_dopant_method")] == [
        ("Ga", "hot pressing", 9, 3),
    ]
    rows = run(sample, "gap_dopant_method", includeCalculated=True)
    assert [tuple(r.values()) for r in rows] == [
        ("Ga", "hot pressing", 10, 3),
        ("Y", "hot pressing", 2, 3),
    ]
    rows = run(sample, "gap_dopant_method", minDopantReports=1, minMethodReports=1)
    assert [tuple(r.values()) for r in rows] == [
        ("Ga", "hot pressing", 9, 3),
        ("Ta", "sol-gel", 4, 1),
        ("Y", "hot pressing", 1, 3),
        ("Y", "sol-gel", 1, 1),
    ]


def test_query_gap_unmeasured_properties_on_sample(sample: GraphBackend) -> None:
    both = ["activation_energy", "relative_density"]
    rows = [tuple(r.values()) for r in run(sample, "gap_unmeasured_properties")]
    # Y-doped LLZO's activation energy is only calculated: still unmeasured
    garnets = [
        ("Ga-doped LLZO", "Li7La3Zr2O12 + Ga@Li:?", "garnet", 1, 5.0e-4, both),
        ("LLZTO", "Li7La3Zr2O12 + Ta@Zr:?", "garnet", 1, 1.0e-3, ["activation_energy"]),
        (M3, M3, "garnet", 1, 1.8e-3, both),
        ("Y-doped LLZO", "Li7La3Zr2O12 + Y@Zr:?", "garnet", 1, 3.0e-4, both),
    ]
    assert rows == garnets
    wider = run(sample, "gap_unmeasured_properties", garnetOnly=False, includeComposites=True)
    assert [tuple(r.values()) for r in wider] == [
        *garnets[:3],
        (HOSTILE, HOSTILE, "other", 1, 3.2e-7, both),
        ("PEO/LiTFSI with 15 wt% LLZTO", "filler LLZTO 15 wt%; matrix PEO; salt LiTFSI",
         "composite", 1, 2.0e-4, both),
        garnets[3],
    ]  # fmt: skip


def test_query_gap_calculation_only_on_sample(sample: GraphBackend) -> None:
    # the DFT conductivity of the Ga pellet has experimental company; target and general values
    # are neither
    expected = [
        ("Y-doped LLZO", "Li7La3Zr2O12 + Y@Zr:?", "garnet", "activation_energy", 1, 0.25, 0.25,
         "eV", ["Yang 2017b"]),
    ]  # fmt: skip
    assert [tuple(r.values()) for r in run(sample, "gap_calculation_only")] == expected
    assert [tuple(r.values()) for r in run(sample, "gap_calculation_only", garnetOnly=False)] == (
        expected
    )


CONFLICT_COLUMNS = (
    "material", "composition", "property", "basis", "conduction", "temperatureC", "reports",
    "highValue", "lowValue", "factor", "unit", "highMaterial", "lowMaterial", "highMethods",
    "lowMethods", "highReferences", "lowReferences", "highDoc", "lowDoc",
)  # fmt: skip
CONFLICTS = Path(__file__).resolve().parents[1] / "data" / "conflicts"


def test_query_conflicting_reports_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "conflicting_reports")
    # one material in two notations from two papers; the table row restating the text counts
    # once; Ga- vs Y-doped LLZO, LLZTO of unstated amount, the composite, the DFT value, the
    # target and the general statement are never compared
    assert cols(rows, *CONFLICT_COLUMNS) == [
        (GA2, GA2, SIGMA, "experimental", "total", 25.0, 2, 1.3e-3, 2.0e-4, 3.0, "S/cm", M1, GA2,
         [SSR], [], ["Yang 2017a"], ["Müller 2018"], "paper-ga", "paper-ta"),
    ]  # fmt: skip
    assert rows[0]["ratio"] == pytest.approx(6.5)
    assert rows[0]["lowSentence"] == (
        "Our La3Li6.25Zr2Ga0.25O12 pellets reached only 0.2 mS cm^-1 at 25 °C."
    )
    assert run(sample, "conflicting_reports", basis="calculated") == []
    assert run(sample, "conflicting_reports", basis="target") == []


@pytest.fixture()
def conflicts(graph: GraphBackend) -> GraphBackend:
    """tests/data/conflicts: pairs that must conflict and pairs that must not (bare family name,
    dopant of unstated amount, thickness, calculated against measured, another temperature, a
    review's uncited sentence)."""
    writer.ensure_schema(graph)
    writer.load_facts(graph, sample_facts(CONFLICTS), sample_references(CONFLICTS))
    return graph


def test_query_conflicting_reports_rules_on_known_graph(conflicts: GraphBackend) -> None:
    ga = "La3Li6.25Zr2Ga0.25O12"
    rows = run(conflicts, "conflicting_reports")
    # never: LLZO (1 mS/cm vs 1 µS/cm: no composition), Ta-doped LLZO of unstated amount, the
    # 300 µm vs 0.5 µm films, DFT's 0.15 eV against the measured 0.30 eV, 20 mS/cm at 300 °C
    # against the room-temperature values, the review's uncited 0.01 mS/cm
    assert cols(rows, *CONFLICT_COLUMNS) == [
        (ga, ga, SIGMA, "experimental", "total", 25.0, 3, 1.5e-3, 3.0e-4, 3.0, "S/cm",
         "Li6.25Ga0.25La3Zr2O12", ga, [SSR], ["sol-gel"], [], [], "paper-a", "paper-b"),
        ("Li6.5La3Zr1.5Nb0.5O12", "Li6.5La3Zr1.5Nb0.5O12", SIGMA, "experimental", "total", 25.0,
         3, 9.0e-4, 2.0e-4, 3.0, "S/cm", "Li6.5La3Zr1.5Nb0.5O12", "Li6.5La3Zr1.5Nb0.5O12", [], [],
         ["Weber 2019"], ["Park 2020"], "review-c", "review-c"),
        ("LLZTO", "Li7La3Zr2O12 + Ta@Zr:0.6", SIGMA, "experimental", "total", 25.0, 2, 1.0e-3,
         2.5e-4, 3.0, "S/cm", "LLZTO", "LLZTO", [], [], [], ["Weber 2019"], "paper-a",
         "review-c"),
        (ga, ga, "activation_energy", "experimental", None, 25.0, 2, 0.45, 0.30, 1.3, "eV", ga,
         "Li6.25Ga0.25La3Zr2O12", [], [], [], [], "paper-b", "paper-a"),
    ]  # fmt: skip
    assert [r["ratio"] for r in rows] == pytest.approx([5.0, 4.5, 4.0, 1.5])
    # calculated values meet calculated ones only
    assert cols(run(conflicts, "conflicting_reports", basis="calculated"), "property", "basis",
                "highValue", "lowValue", "highDoc", "lowDoc") == [
        ("activation_energy", "calculated", 0.25, 0.15, "paper-a", "paper-b"),
    ]  # fmt: skip


def test_query_evidence_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "evidence")
    assert cols(rows, "kind", "material", "property", "value", "basis", "doc", "startOffset") == [
        ("DopingReport", "ZnO films", None, None, "experimental", "paper-cse", 400),
        ("Measurement", GA2, "activation_energy", 0.30, "experimental", "paper-ga", 100),
        ("Measurement", GA2, SIGMA, 1.3e-3, "experimental", "paper-ga", 100),
        ("Measurement", GA2, "relative_density", 94.0, "experimental", "paper-ga", 100),
        ("Measurement", "Ga-doped LLZO", SIGMA, 5.0e-4, "experimental", "paper-ga", 300),
        ("Measurement", GA2, SIGMA, 4.0e-3, "calculated", "paper-ga", 700),
        ("DopingReport", "Ga-doped LLZO", None, None, "experimental", "paper-ga", 1000),
        ("Measurement", GA2, "activation_energy", 0.30, "experimental", "paper-ga", 5000),
        ("Measurement", GA2, SIGMA, 1.3e-3, "experimental", "paper-ga", 5000),
        ("Measurement", GA2, SIGMA, 2.0e-4, "experimental", "paper-ta", 100),
        ("Measurement", M3, SIGMA, 1.8e-3, "experimental", "paper-ta", 400),
    ]  # fmt: skip
    assert {r["sample"] for r in rows if r["doc"] == "paper-ga" and r["material"] == GA2} == {
        "paper-ga#sample:s1", "paper-ga#4|Li6.25La3Zr2Ga0.25O12"
    }  # fmt: skip
    hostile = run(sample, "evidence", subject=HOSTILE.upper())
    assert cols(hostile, "material", "value", "family", "sentence") == [
        (HOSTILE, 3.2e-7, "other", "The sample " + HOSTILE + " showed 3.2 × 10^-7 S cm^-1.")
    ]
    assert cols(run(sample, "evidence", subject="LLZTO"), "kind", "property", "value") == [
        ("Measurement", SIGMA, 1.0e-3),
        ("Measurement", "relative_density", 99.0),
        ("SynthesisReport", None, None),
    ]


def test_query_most_cited_references_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "most_cited_references")
    # two papers of a Yang in 2017: two labels; paper-ga's [2] and paper-ta's [8] are one paper
    assert cols(rows, "reference", "facts", "citeKeys", "year", "documents") == [
        ("Yang 2017b", 9, ["2", "8"], 2017, ["paper-ga", "paper-ta"]),
        ("Yang 2017a", 5, ["1"], 2017, ["paper-ga"]),
        ("paper-cse [6]", 4, ["6"], None, ["paper-cse"]),
        ("Rossi 2019", 3, ["3"], 2019, ["paper-ga"]),
        ("Müller 2018", 1, ["7"], 2018, ["paper-ta"]),
        ("paper-cse [5]", 1, ["5"], None, ["paper-cse"]),
        ("paper-cse [7]", 1, ["7"], None, ["paper-cse"]),
    ]
    assert rows[1]["text"] == "L. Yang, M. Chen, Adv. Mater. 2017, 29, 1701234."
    assert len(run(sample, "most_cited_references", limit=3)) == 3


def test_query_interfacial_resistance_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "interfacial_resistance")
    interface = "Li|" + M1 + " interface"
    parts = "anode Li; electrolyte " + M1
    assert cols(rows, "resistance", "unit", "material", "composition", "family", "state",
                "treatment", "references") == [
        (5.0, "ohm*cm^2", interface, parts, "interface", "after", "acid etching", ["Rossi 2019"]),
        (1200.0, "ohm*cm^2", interface, parts, "interface", "before", "acid etching",
         ["Rossi 2019"]),
    ]  # fmt: skip


def test_query_treatment_effects_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "treatment_effects")
    assert cols(rows, "material", "property", "before", "after", "unit", "treatment",
                "references", "doc") == [
        ("Li|" + M1 + " interface", "interfacial_resistance", 1200.0, 5.0, "ohm*cm^2",
         "acid etching", ["Rossi 2019"], "paper-ga"),
    ]  # fmt: skip
    assert rows[0]["ratio"] == pytest.approx(5.0 / 1200.0)


def test_query_cell_performance_on_sample(sample: GraphBackend) -> None:
    rows = run(sample, "cell_performance")
    # the cell's values stay on the cell, never on its LLZTO electrolyte
    assert [tuple(r.values()) for r in rows] == [
        ("Li|LLZTO|LiFePO4", ["LLZTO"], ["Li"], ["LiFePO4"], 150.0, 92.0, 500.0, 99.5,
         ["paper-cse [6]"],
         ["It delivered 150 mAh g^-1 at 0.5 C with a Coulombic efficiency of 99.5%.",
          "The Li|LLZTO|LiFePO4 cell retained 92% of its capacity after 500 cycles at 0.5 C."],
         "paper-cse"),
    ]  # fmt: skip


def test_queries_results_unchanged_by_a_second_load(sample: GraphBackend) -> None:
    before = {name: run(sample, name) for name in NAMES}
    graph_before = dump(sample)
    writer.load_facts(sample, sample_facts(V2), sample_references(V2))
    assert dump(sample) == graph_before
    assert {name: run(sample, name) for name in NAMES} == before


@pytest.mark.parametrize("name", NAMES)
def test_query_returns_rows_on_the_review(review_graph: GraphBackend, name: str) -> None:
    rows = run(review_graph, name)
    assert len(rows) >= 1
    assert all(list(row) == list(rows[0]) for row in rows)


LIMITED = ["cell_performance", "codoped_vs_single_dopant", "evidence", "gap_unmeasured_properties",
           "interfacial_resistance"]  # fmt: skip


@pytest.mark.parametrize("name", LIMITED)
def test_query_limit_cuts_the_ordered_rows(review_graph: GraphBackend, name: str) -> None:
    """The cut comes before the rows' lists are read (decision 0515): it must keep the first
    rows of the full order, not some others."""
    rows = run(review_graph, name, limit=100_000)
    assert get_query(name).defaults()["limit"] == 200
    cut = max(1, len(rows) // 2)
    assert run(review_graph, name, limit=cut) == rows[:cut]
    assert run(review_graph, name) == rows[:200]


def test_query_review_defaults_hold_the_model(review_graph: GraphBackend) -> None:
    """On the review: no default top_conductors row is calculated, a composite or another
    family; every conflicting_reports row compares statements about one material key."""
    top = run(review_graph, "top_conductors")
    assert len(top) == 20
    assert {(r["basis"], r["family"]) for r in top} == {("experimental", "garnet")}
    conflicts = run(review_graph, "conflicting_reports")
    assert conflicts
    lookup = (
        "MATCH (:Sentence {text: $text})<-[:STATED_IN]-(f:Measurement)-[:ABOUT]->(m:Material) "
        "WHERE f.value = $value RETURN DISTINCT m.key AS key"
    )
    for row in conflicts:
        high = {
            r["key"]
            for r in review_graph.run(
                lookup, {"text": row["highSentence"], "value": row["highValue"]}
            )
        }
        low = {
            r["key"]
            for r in review_graph.run(
                lookup, {"text": row["lowSentence"], "value": row["lowValue"]}
            )
        }
        assert high & low, row
    assert all(r["highDoc"] == r["lowDoc"] == "llzo-review-2024" for r in conflicts)


def test_query_review_load_twice_identical(
    review_graph: GraphBackend, review_extract: tuple, review_path: Path
) -> None:
    before = dump(review_graph)
    document, facts = review_extract
    meta = DocumentMeta(id=document.id, title=document.title, file_name=review_path.name)
    writer.replace_document(review_graph, meta, facts, document.references)
    assert dump(review_graph) == before
    assert len(before[0]) > 500


def test_runner_params_are_typed_and_checked() -> None:
    query = get_query("method_performance")
    assert parse_params(query, ["minReports=2", "garnetOnly=no"]) == {
        "minReports": 2, "garnetOnly": False
    }  # fmt: skip
    with pytest.raises(
        QueryError, match=r"Invalid value 'many' for parameter minReports \(integer\)"
    ):
        parse_params(query, ["minReports=many"])
    message = r"has no parameter 'limit' \(its parameters: minReports, garnetOnly\)"
    with pytest.raises(QueryError, match=message):
        parse_params(query, ["limit=3"])
    with pytest.raises(QueryError, match="write it as name=value"):
        parse_params(query, ["minReports"])
    assert parse_params(get_query("evidence"), ["subject=a=b 'c'"]) == {"subject": "a=b 'c'"}
    with pytest.raises(QueryError, match="no canned query named 'nope'"):
        get_query("nope")


def test_runner_rejects_a_malformed_header(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    good = "// name: q\n// question: What?\n// param: n = 1 (integer) — how many\nRETURN $n AS n\n"
    assert parse_query(good, path).text == "RETURN $n AS n"
    with pytest.raises(ValueError, match="parameters used \\['m'\\] but declared \\['n'\\]"):
        parse_query(good.replace("$n", "$m"), path)
    with pytest.raises(ValueError, match="no '// question:' header line"):
        parse_query("// name: q\nRETURN 1", path)
    with pytest.raises(ValueError, match="is not its stem"):
        parse_query(good.replace("name: q", "name: r"), path)
    with pytest.raises(ValueError, match="TYPE one of integer, float, string, boolean"):
        parse_query(good.replace("(integer)", "(int)"), path)


def test_cli_queries_lists_every_query() -> None:
    result = CliRunner().invoke(cli, ["queries"])
    assert result.exit_code == 0
    names = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert names == NAMES
    assert (
        "    --param element=<string> (default 'Ga'): the dopant's element symbol" in result.output
    )


def test_cli_query_runs_on_the_embedded_server(embedded_server: ServerState) -> None:
    backend = FalkorBackend(
        embedded_server.host, embedded_server.port, "llzo", password=embedded_server.password
    )
    try:
        writer.load_facts(backend, sample_facts(), sample_references())
        args = ["query", "dopant_amount_vs_conductivity", "--data-dir", embedded_server.data_dir]
        result = CliRunner().invoke(cli, [*args, "--param", "element=Ta", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert [(r["amount"], r["conductivity"]) for r in json.loads(result.output)] == [
            (0.1, 1.8e-3), (0.6, 9.0e-4), (0.6, 1.0e-3)
        ]  # fmt: skip
        bad = CliRunner().invoke(cli, [*args, "--param", "element"])
        assert bad.exit_code == 2
        assert bad.output == "llzo-kg: error: Invalid --param 'element': write it as name=value\n"
    finally:
        backend._graph.delete()
        backend.close()


def test_queries_directory_is_the_package() -> None:
    assert QUERY_DIR.name == "queries" and (QUERY_DIR / "dopant_site_performance.cypher").exists()


def test_browser_doc_lists_every_query_with_its_params_line() -> None:
    doc = (QUERY_DIR.parent / "docs" / "neo4j-browser.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in doc.splitlines() if line.startswith("| `")]
    listed = {row[0].strip("| `"): row[2].strip(" |`") for row in rows}
    assert sorted(listed) == NAMES
    for name, query in load_queries().items():
        assert listed[name] == (query.browser_params() if query.params else "none"), name


def test_runner_database_refusal_is_one_clear_error(graph: GraphBackend, tmp_path: Path) -> None:
    broken = parse_query(
        "// name: q\n// question: Broken?\nRETURN nope(1) AS x\n", tmp_path / "q.cypher"
    )
    with pytest.raises(QueryError, match=rf"query 'q' failed on {re.escape(graph.target)}: "):
        run_query(graph, broken)


def test_query_codoped_vs_single_dopant_without_single_dopant_materials(graph) -> None:
    """The single-dopant figures are gathered first: a graph with none must still list the
    co-doped material (zero single-dopant materials, no best value)."""
    from miner.records import Dopant

    fact = Fact(
        kind="measurement", doc="d", section="1", sentence=0, start=0, end=10, text="t",
        material=Material("LLZGT", M3),
        dopants=(Dopant("Ga", site="Li", amount=0.15), Dopant("Ta", site="Zr", amount=0.1)),
        property=SIGMA, value=1e-3, unit="S/cm",
    )  # fmt: skip
    writer.ensure_schema(graph)
    writer.load_facts(graph, [fact])
    rows = run(graph, "codoped_vs_single_dopant")
    assert [tuple(r.values()) for r in rows] == [
        ("LLZGT", M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1e-3, "Ga", 0, None),
        ("LLZGT", M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1e-3, "Ta", 0, None),
    ]
