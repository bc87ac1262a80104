"""Every canned query on the real embedded server: exact rows on the written two-document sample
(tests/data/graph), rows on the graph of the whole review, the runner's header and parameter
handling, and the ``queries``/``query`` commands."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sample_graph import dump, sample_facts, sample_references

from corpus.reading import read_document
from graph import writer
from graph.backend import FalkorBackend
from graph.rows import DocumentMeta
from graph.server import ServerState
from llzo_kg.cli import cli
from miner.extract import extract_document
from miner.records import Fact, Material
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
    "codoped_vs_single_dopant", "conflicting_reports", "density_vs_conductivity",
    "dopant_amount_vs_conductivity", "dopant_site_performance", "evidence",
    "gap_calculation_only", "gap_dopant_method", "gap_dopant_site", "gap_unmeasured_properties",
    "interfacial_resistance", "method_performance", "most_cited_references", "top_conductors",
]  # fmt: skip
M1, M2, M3 = "Li6.25Ga0.25La3Zr2O12", "Li6.4La3Zr1.4Ta0.6O12", "Li6.45Ga0.15La3Zr1.9Ta0.1O12"
M6 = "Li6.4Ga0.2La3Zr2O12"
SSR, SIGMA = "solid-state reaction", "ionic_conductivity"
HOSTILE = (
    "Li7La3Zr2O12 \"quoted\" 'single' `back`tick`}) DETACH DELETE n //\nsecond line — Zr⁴⁺ ü \\ end"
)


@pytest.fixture()
def sample(graph: FalkorBackend) -> FalkorBackend:
    writer.ensure_schema(graph)
    writer.load_facts(graph, sample_facts(), sample_references())
    return graph


@pytest.fixture(scope="module")
def review_graph(embedded_server: ServerState, review_path: Path) -> Iterator[FalkorBackend]:
    """The whole review: read, extracted and written like ``ingest`` does."""
    backend = FalkorBackend(
        embedded_server.host,
        embedded_server.port,
        f"review_{uuid.uuid4().hex}",
        password=embedded_server.password,
    )
    document = read_document(review_path)
    facts = extract_document(document)
    writer.ensure_schema(backend)
    meta = DocumentMeta(id=document.id, title=document.title, file_name=review_path.name)
    writer.replace_document(backend, meta, facts, document.references)
    yield backend
    backend._graph.delete()
    backend.close()


def run(backend: FalkorBackend, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(backend, get_query(name), params)


def cols(rows: list[dict[str, Any]], *names: str) -> list[tuple[Any, ...]]:
    return [tuple(row[n] for n in names) for row in rows]


def test_queries_all_fourteen_listed_with_headers() -> None:
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
    ]
    assert queries["conflicting_reports"].defaults() == {"factor": 3.0}


def test_queries_use_only_the_portable_subset() -> None:
    banned = ["EXISTS {", "COUNT {", "COLLECT {", "exists(", "=~", "id(", "elementId(", "apoc.",
              "gds.", "IN TRANSACTIONS", "EXPLAIN", "PROFILE"]  # fmt: skip
    for query in load_queries().values():
        for word in banned:
            assert word.lower() not in query.text.lower(), (query.name, word)


def test_query_dopant_site_performance_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "dopant_site_performance")
    assert list(rows[0]) == [
        "dopant", "site", "reports", "bestRtConductivity", "medianRtConductivity",
        "lowestActivationEnergy", "methods", "references",
    ]  # fmt: skip
    assert cols(rows, "dopant", "site", "reports", "bestRtConductivity", "medianRtConductivity",
                "lowestActivationEnergy") == [
        ("Ga", "Li", 9, 1.8e-3, 1.0e-3, 0.30),
        ("Ta", "Zr", 8, 1.8e-3, 1.0e-3, 0.35),
        ("Al", "Li", 2, 4.0e-4, 4.0e-4, 0.25),
        ("Al", "?", 1, None, None, None),
        ("Fe", "Li", 1, None, None, None),
        ("Ga", "?", 1, None, None, None),
        ("In", "?", 1, None, None, None),
        ("Nb", "Zr", 1, 8.0e-4, 8.0e-4, None),
    ]  # fmt: skip
    assert cols(rows[:3], "methods", "references") == [
        (["sol-gel", "solid-state reaction"],
         ["Müller 2018", "Rossi 2019", "Tanaka 2021", "paper-b [7]", "paper-b [8]"]),
        (["atomic layer deposition", "hot pressing", "solid-state reaction"],
         ["O'Brien 2020", "Tanaka 2021", "paper-b [8]"]),
        (["calculation", "sol-gel"], ["Ivanova 2022"]),
    ]  # fmt: skip
    assert cols(run(sample, "dopant_site_performance", minReports=3), "dopant", "site") == [
        ("Ga", "Li"), ("Ta", "Zr")
    ]  # fmt: skip


def test_query_top_conductors_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "top_conductors")
    assert cols(rows, "conductivity", "temperatureC", "material", "dopants", "methods",
                "references", "doc") == [
        (1.8e-3, 22.0, M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], [SSR], ["Tanaka 2021"], "paper-a"),
        (1.3e-3, 25.0, M1, ["Ga@Li:0.25"], ["solid-state reaction"], ["Rossi 2019"], "paper-a"),
        (1.0e-3, None, M1, ["Ga@Li:0.25"], ["sol-gel"], ["Müller 2018"], "paper-a"),
        (1.0e-3, 25.0, M2, ["Ta@Zr:0.6"], ["hot pressing"], ["O'Brien 2020"], "paper-a"),
        (9.0e-4, 25.0, M2, ["Ta@Zr:0.6"], ["solid-state reaction"], ["paper-b [8]"], "paper-b"),
        (8.0e-4, 25.0, "Li6.5La3Zr1.5Nb0.5O12", ["Nb@Zr:0.5"], ["calculation"], [], "paper-a"),
        (5.0e-4, 25.0, M6, ["Ga@Li:0.2"], ["solid-state reaction"], ["paper-b [8]"], "paper-b"),
        (4.0e-4, 25.0, "Al-doped LLZO", ["Al@Li:?"], ["sol-gel"], ["Ivanova 2022"], "paper-a"),
        (2.0e-4, 25.0, M1, ["Ga@Li:0.25"], ["solid-state reaction"], ["paper-b [7]"], "paper-b"),
        (1.0e-6, 25.0, "LLZO", [], ["solid-state reaction"], [], "paper-b"),
        (3.2e-7, None, HOSTILE, [], [], ["paper-b [7]"], "paper-b"),
    ]  # fmt: skip
    assert rows[-1]["sentence"] == "The sample " + HOSTILE + " showed 3.2 × 10^-7 S cm^-1."
    assert rows[4]["sentence"] == "Ta | Zr | 0.6 | SSR | 0.9 | [8]"
    assert cols(run(sample, "top_conductors", limit=2), "conductivity") == [(1.8e-3,), (1.3e-3,)]


def test_query_top_conductors_garnets_only_unless_asked(sample: FalkorBackend) -> None:
    sulfide = Fact(
        kind="measurement", doc="paper-c", section="1", sentence=0, start=0, end=44,
        text="Li10GeP2S12 conducts 12 mS cm^-1 at 25 °C.", material=Material("Li10GeP2S12"),
        property="ionic_conductivity", value=1.2e-2, unit="S/cm", temperature_C=25.0,
    )  # fmt: skip
    writer.replace_document(sample, DocumentMeta(id="paper-c"), [sulfide])
    assert cols(run(sample, "top_conductors", limit=1), "material") == [(M3,)]
    everything = run(sample, "top_conductors", limit=1, garnetOnly=False)
    assert cols(everything, "material", "conductivity") == [("Li10GeP2S12", 1.2e-2)]


def test_query_method_performance_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "method_performance")
    assert [tuple(r.values()) for r in rows] == [
        ("solid-state reaction", 8, 5, 6, 1.8e-3, 7.0e-4, 1, 94.0, 94.0),
        ("hot pressing", 3, 1, 1, 1.0e-3, 1.0e-3, 1, 99.0, 99.0),
        ("calculation", 2, 2, 1, 8.0e-4, 8.0e-4, 0, None, None),
        ("sol-gel", 2, 2, 2, 1.0e-3, 7.0e-4, 0, None, None),
        ("atomic layer deposition", 1, 1, 0, None, None, 0, None, None),
    ]  # fmt: skip
    assert rows[0]["medianRtConductivity"] == pytest.approx(7.0e-4)


def test_query_codoped_vs_single_dopant_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "codoped_vs_single_dopant")
    assert [tuple(r.values()) for r in rows] == [
        (M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1.8e-3, "Ga", 2, 1.3e-3),
        (M3, ["Ga@Li:0.15", "Ta@Zr:0.1"], 1.8e-3, "Ta", 1, 1.0e-3),
        ("ZnO films", ["Al@?:?", "Ga@?:?", "In@?:?"], None, "Al", 1, 4.0e-4),
        ("ZnO films", ["Al@?:?", "Ga@?:?", "In@?:?"], None, "Ga", 2, 1.3e-3),
        ("ZnO films", ["Al@?:?", "Ga@?:?", "In@?:?"], None, "In", 0, None),
    ]  # fmt: skip


def test_query_codoped_leaves_a_multi_site_material_out_of_its_own_counterparts(
    graph: FalkorBackend,
) -> None:
    # Ga on two sites is multi-site-doped and also single-element: the best single-Ga figure
    # shown next to it must come from the other Ga-only materials, not from itself
    graph.run(
        "CREATE (p:Property {key: 'ionic_conductivity', name: 'ionic_conductivity'}) "
        "WITH p UNWIND $materials AS row "
        "CREATE (m:Material {key: row.key, name: row.key}) "
        "CREATE (f:Measurement {key: row.key + '#f', value: row.value})-[:ABOUT]->(m) "
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
        ("two-site", ["Ga@La", "Ga@Li"], 3.0e-3, "Ga", 2, 2.0e-3),
    ]


def test_query_dopant_amount_vs_conductivity_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "dopant_amount_vs_conductivity")
    assert [tuple(r.values()) for r in rows] == [
        (0.15, "Li", 1.8e-3, 22.0, M3, ["Tanaka 2021"], "paper-a"),
        (0.2, "Li", 5.0e-4, 25.0, M6, ["paper-b [8]"], "paper-b"),
        (0.25, "Li", 2.0e-4, 25.0, M1, ["paper-b [7]"], "paper-b"),
        (0.25, "Li", 1.0e-3, None, M1, ["Müller 2018"], "paper-a"),
        (0.25, "Li", 1.3e-3, 25.0, M1, ["Rossi 2019"], "paper-a"),
    ]  # fmt: skip
    assert cols(run(sample, "dopant_amount_vs_conductivity", element="Ta"), "amount", "site") == [
        (0.1, "Zr"), (0.6, "Zr"), (0.6, "Zr")
    ]  # fmt: skip


def test_query_density_vs_conductivity_on_sample(sample: FalkorBackend) -> None:
    assert [tuple(r.values()) for r in run(sample, "density_vs_conductivity")] == [
        (M1, 94.0, 1.0e-3, False, "paper-a"),
        (M1, 94.0, 1.3e-3, False, "paper-a"),
        (M2, 99.0, 1.0e-3, True, "paper-a"),
    ]


def test_query_gap_dopant_site_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "gap_dopant_site")
    assert [tuple(r.values()) for r in rows] == [
        ("Ga", "La", ["Li"], 10), ("Ga", "O", ["Li"], 10), ("Ga", "Zr", ["Li"], 10),
        ("Ta", "La", ["Zr"], 8), ("Ta", "Li", ["Zr"], 8), ("Ta", "O", ["Zr"], 8),
        ("Al", "La", ["Li"], 3), ("Al", "O", ["Li"], 3), ("Al", "Zr", ["Li"], 3),
        ("Fe", "La", ["Li"], 1), ("Fe", "O", ["Li"], 1), ("Fe", "Zr", ["Li"], 1),
        ("Nb", "La", ["Zr"], 1), ("Nb", "Li", ["Zr"], 1), ("Nb", "O", ["Zr"], 1),
    ]  # fmt: skip


def test_query_gap_dopant_method_on_sample(sample: FalkorBackend) -> None:
    assert [tuple(r.values()) for r in run(sample, "gap_dopant_method")] == [
        ("Ga", "hot pressing", 10, 3),
        ("Ga", "calculation", 10, 2),
        ("Ta", "calculation", 8, 2),
        ("Ta", "sol-gel", 8, 2),
        ("Al", "solid-state reaction", 3, 8),
        ("Al", "hot pressing", 3, 3),
    ]
    rows = run(sample, "gap_dopant_method", minDopantReports=1, minMethodReports=3)
    assert cols(rows, "dopant", "method")[-4:] == [
        ("Nb", "solid-state reaction"),
        ("Fe", "hot pressing"),
        ("In", "hot pressing"),
        ("Nb", "hot pressing"),
    ]


def test_query_gap_unmeasured_properties_on_sample(sample: FalkorBackend) -> None:
    both = ["activation_energy", "relative_density"]
    assert [tuple(r.values()) for r in run(sample, "gap_unmeasured_properties")] == [
        ("Al-doped LLZO", 1, 4.0e-4, ["relative_density"]),
        ("LLZO", 1, 1.0e-6, both),
        (M3, 1, 1.8e-3, both),
        (M6, 1, 5.0e-4, both),
        ("Li6.5La3Zr1.5Nb0.5O12", 1, 8.0e-4, both),
        (HOSTILE, 1, 3.2e-7, both),
    ]


def test_query_gap_calculation_only_on_sample(sample: FalkorBackend) -> None:
    assert [tuple(r.values()) for r in run(sample, "gap_calculation_only")] == [
        ("Al-doped LLZO", "activation_energy", 1, 0.25, 0.25, "eV", ["Ivanova 2022"]),
        ("Li6.5La3Zr1.5Nb0.5O12", "ionic_conductivity", 1, 8.0e-4, 8.0e-4, "S/cm", []),
    ]


def test_query_conflicting_reports_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "conflicting_reports")
    # the 1200 -> 5 ohm cm2 pair cites the same reference: one source, no conflict; the 300 °C
    # value is not compared with room-temperature ones
    assert cols(rows, "material", "property", "highValue", "lowValue", "unit", "highReferences",
                "lowReferences", "highDoc", "lowDoc") == [
        (M1, SIGMA, 1.3e-3, 2.0e-4, "S/cm", ["Rossi 2019"], ["paper-b [7]"], "paper-a", "paper-b"),
        (M1, SIGMA, 1.0e-3, 2.0e-4, "S/cm", ["Müller 2018"], ["paper-b [7]"], "paper-a", "paper-b"),
    ]  # fmt: skip
    assert [round(r["ratio"], 6) for r in rows] == [6.5, 5.0]
    assert (
        rows[0]["lowSentence"]
        == "Our Li6.25Ga0.25La3Zr2O12 pellets reached only 0.2 mS cm^-1 at 25 °C."
    )
    assert len(run(sample, "conflicting_reports", factor=6.0)) == 1
    # 1.0 vs 0.9 mS/cm (ratio 1.11) from two sources only counts with a lower factor
    assert cols(run(sample, "conflicting_reports", factor=1.1), "highValue", "lowValue")[-1] == (
        1.0e-3, 9.0e-4
    )  # fmt: skip


def test_query_evidence_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "evidence")
    assert cols(rows, "kind", "material", "property", "value", "doc", "startOffset") == [
        ("DopingReport", M1, None, None, "paper-a", 1000),
        ("Measurement", M1, "activation_energy", 0.30, "paper-a", 1000),
        ("Measurement", M1, "ionic_conductivity", 1.3e-3, "paper-a", 1000),
        ("Measurement", M1, "ionic_conductivity", 1.0e-3, "paper-a", 1200),
        ("Measurement", M1, "relative_density", 94.0, "paper-a", 1300),
        ("Measurement", M1, "ionic_conductivity", 2.0e-2, "paper-a", 1400),
        ("Measurement", M3, "ionic_conductivity", 1.8e-3, "paper-a", 3000),
        ("DopingReport", "ZnO films", None, None, "paper-a", 5100),
        ("Measurement", M1, "ionic_conductivity", 2.0e-4, "paper-b", 300),
        ("Measurement", M6, "ionic_conductivity", 5.0e-4, "paper-b", 400),
    ]  # fmt: skip
    hostile = run(sample, "evidence", subject=HOSTILE.upper())
    assert cols(hostile, "material", "value", "sentence") == [
        (HOSTILE, 3.2e-7, "The sample " + HOSTILE + " showed 3.2 × 10^-7 S cm^-1.")
    ]
    assert cols(run(sample, "evidence", subject=M2), "kind", "property", "value")[-1] == (
        "Measurement", "ionic_conductivity", 9.0e-4
    )  # fmt: skip


def test_query_most_cited_references_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "most_cited_references")
    assert cols(rows, "reference", "facts", "citeKeys", "year", "documents") == [
        ("O'Brien 2020", 6, ["3"], 2020, ["paper-a"]),
        ("Rossi 2019", 5, ["1"], 2019, ["paper-a"]),
        ("Ivanova 2022", 2, ["5"], 2022, ["paper-a"]),
        ("Müller 2018", 2, ["2"], 2018, ["paper-a"]),
        ("paper-b [7]", 2, ["7"], None, ["paper-b"]),
        ("paper-b [8]", 2, ["8"], None, ["paper-b"]),
        ("Tanaka 2021", 1, ["4"], 2021, ["paper-a"]),
    ]
    assert (
        rows[0]["text"]
        == 'D. O\'Brien, E. "Ed" Smith, ACS Energy Lett. 2020, 5, 1}) DETACH DELETE n //.'
    )
    assert len(run(sample, "most_cited_references", limit=3)) == 3


def test_query_interfacial_resistance_on_sample(sample: FalkorBackend) -> None:
    rows = run(sample, "interfacial_resistance")
    assert cols(rows, "resistance", "unit", "material", "treatments", "references") == [
        (5.0, "ohm*cm^2", M2, ["atomic layer deposition"], ["O'Brien 2020"]),
        (1200.0, "ohm*cm^2", M2, [], ["O'Brien 2020"]),
    ]


def test_queries_results_unchanged_by_a_second_load(sample: FalkorBackend) -> None:
    before = {name: run(sample, name) for name in NAMES}
    graph_before = dump(sample)
    writer.load_facts(sample, sample_facts(), sample_references())
    assert dump(sample) == graph_before
    assert {name: run(sample, name) for name in NAMES} == before


@pytest.mark.parametrize("name", NAMES)
def test_query_returns_rows_on_the_review(review_graph: FalkorBackend, name: str) -> None:
    rows = run(review_graph, name)
    assert len(rows) >= 1
    assert all(list(row) == list(rows[0]) for row in rows)


def test_query_review_load_twice_identical(review_graph: FalkorBackend, review_path: Path) -> None:
    before = dump(review_graph)
    document = read_document(review_path)
    meta = DocumentMeta(id=document.id, title=document.title, file_name=review_path.name)
    writer.replace_document(review_graph, meta, extract_document(document), document.references)
    assert dump(review_graph) == before
    assert len(before[0]) > 500


def test_runner_params_are_typed_and_checked() -> None:
    query = get_query("conflicting_reports")
    assert parse_params(query, ["factor=2.5"]) == {"factor": 2.5}
    with pytest.raises(QueryError, match=r"Invalid value 'many' for parameter factor \(float\)"):
        parse_params(query, ["factor=many"])
    with pytest.raises(QueryError, match=r"has no parameter 'limit' \(its parameters: factor\)"):
        parse_params(query, ["limit=3"])
    with pytest.raises(QueryError, match="write it as name=value"):
        parse_params(query, ["factor"])
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


def test_runner_database_refusal_is_one_clear_error(graph: FalkorBackend, tmp_path: Path) -> None:
    broken = parse_query(
        "// name: q\n// question: Broken?\nRETURN nope(1) AS x\n", tmp_path / "q.cypher"
    )
    with pytest.raises(QueryError, match=r"query 'q' failed on falkordb://127\.0\.0\.1:\d+/test_"):
        run_query(graph, broken)


def test_query_codoped_vs_single_dopant_without_single_dopant_materials(graph) -> None:
    """The single-dopant figures are gathered first: a graph with none must still list the
    co-doped material (zero single-dopant materials, no best value)."""
    from miner.records import Dopant, Fact, Material

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
        ("LLZGT", ["Ga@Li:0.15", "Ta@Zr:0.1"], 1e-3, "Ga", 0, None),
        ("LLZGT", ["Ga@Li:0.15", "Ta@Zr:0.1"], 1e-3, "Ta", 0, None),
    ]
