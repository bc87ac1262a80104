"""Gap ranking on a small graph written for the test, where the answer is known by hand
(tests/data/gaps/facts.jsonl): Al and Ga on Li, Ta and Y on Zr, Y and Ba on La, F on O; a Ga
conductivity from DFT, a Ta one at 300 °C and Ga-doped ZnO that must all be ignored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.backend import GraphBackend
from llzo_kg.cli import cli
from miner.chemistry import sites
from queries import gaps


def test_read_evidence_returns_every_fact_with_its_sources(gap_graph: GraphBackend) -> None:
    facts = gaps.read_evidence(gap_graph)
    assert len(facts) == 14
    ga = [f for f in facts if f.sentence == "gapdoc#2" and f.property == "ionic_conductivity"]
    assert len(ga) == 1
    assert (ga[0].value, ga[0].methods, ga[0].cite_keys) == (1.3e-3, ("sol-gel",), ["2"])
    assert ga[0].dopants == (gaps.DopantRow("Ga", "Li", 0.25, 3),)
    assert ga[0].room_temperature_conductivity == 1.3e-3
    hot = [f for f in facts if f.sentence == "gapdoc#4"][0]
    assert hot.room_temperature_conductivity is None  # measured at 300 °C
    dft = [f for f in facts if f.sentence == "gapdoc#9"][0]
    assert (dft.calculated, dft.room_temperature_conductivity) == (True, None)


def test_rank_site_gaps_known_ranking(gap_graph: GraphBackend) -> None:
    ranked = gaps.rank_site_gaps(gaps.read_evidence(gap_graph))
    # only sites the ion can take (garnet_sites: sign, radius within 40 %, charge within 2, known
    # in the site's coordination and large enough for it): Ta5+ on Li+ (+4), Ga3+/Al3+ on La3+
    # (47 %/54 % smaller), Y3+ on Li+ (53 %), Ba2+ on Zr4+ (+88 %) and on Li+, and Ta5+ on the
    # eight-coordinate La site (0.74 Å: too small, though Y on Zr and La links them) are never
    # proposed
    assert [(g.dopant, g.target) for g in ranked] == [("Ga", "Zr"), ("Al", "Zr")]
    by_pair = {(g.dopant, g.target): g for g in ranked}
    assert by_pair["Ga", "Zr"].score == 0.3047  # 0.5 x chemistry 0.6095
    assert by_pair["Al", "Zr"].score == 0.2126  # 0.5 x chemistry 0.4253
    assert ("Ta", "La") not in by_pair
    # Ba -> Zr: Y links them and reached 4e-4 S/cm on Zr, but Ba2+ is far too big: ruled out
    assert ("Ba", "Zr") not in by_pair
    assert sites.garnet_sites("Ba") == ("La",)


def test_rank_site_gaps_explains_with_supporting_facts(gap_graph: GraphBackend) -> None:
    ranked = {(g.dopant, g.target): g for g in gaps.rank_site_gaps(gaps.read_evidence(gap_graph))}
    assert ranked["Al", "Zr"].explanation == (
        "Al on the Zr site: Al3+ 0.535 Å (VI) vs Zr4+ 0.720 Å: radius mismatch 26%, charge "
        "difference -1; closest ions there: Ta (Ta5+ on the Zr site, radius 0.640 Å; best 0.001 "
        "S/cm; gapdoc#3, gapdoc2#1; ref 3); Y (Y3+ on the Zr site, radius 0.900 Å; best 0.0004 "
        "S/cm; gapdoc#5; ref 4)"
    )
    ga_zr = ranked["Ga", "Zr"]  # no similar dopant: the closest ions on the site explain it
    assert [s.dopant for s in ga_zr.support] == ["Ta", "Y"]
    assert ga_zr.support[0].best_conductivity == 1.0e-3  # not the 300 °C value
    assert "closest ions there: Ta (Ta5+ on the Zr site, radius 0.640 Å" in ga_zr.explanation


def test_rank_method_gaps_known_ranking(gap_graph: GraphBackend) -> None:
    ranked = gaps.rank_method_gaps(gaps.read_evidence(gap_graph))
    assert [(g.dopant, g.target, g.score) for g in ranked] == [
        ("Al", "hot pressing", 0.44),  # 0.7 x (1/5)/(1 + 1/5) + 0.3 x 1.0 (Ta at 1e-3 S/cm)
        ("Ba", "hot pressing", 0.44),
        ("Y", "hot pressing", 0.44),
    ]
    # Ga's DFT value is not a report, so "calculation" is no method Ga was made by; counting
    # calculated reports too, F (which shares sol-gel with Ga) could be "calculated" next
    facts = gaps.read_evidence(gap_graph)
    assert [(g.dopant, g.target, g.score) for g in gaps.rank_method_gaps(facts, True)][3:] == [
        ("F", "calculation", 0.2333)
    ]
    assert ranked[0].explanation == (
        "Al by hot pressing: similar dopants made this way: Ta (shares method solid-state "
        "reaction with Al; best 0.001 S/cm; gapdoc#3; ref 3)"
    )


def test_bipartite_graph_ignores_non_garnet_materials(gap_graph: GraphBackend) -> None:
    methods = gaps.bipartite_graph(gaps.read_evidence(gap_graph), "method")
    assert ("method", "magnetron sputtering") not in methods
    assert sorted(methods.neighbors(gaps.dopant("Ga"))) == [("method", "sol-gel")]


def test_bipartite_graph_counts_calculated_reports_when_asked(gap_graph: GraphBackend) -> None:
    methods = gaps.bipartite_graph(gaps.read_evidence(gap_graph), "method", True)
    assert sorted(methods.neighbors(gaps.dopant("Ga"))) == [
        ("method", "calculation"),
        ("method", "sol-gel"),
    ]


def test_find_gaps_keeps_the_top_of_each_kind(gap_graph: GraphBackend) -> None:
    found = gaps.find_gaps(gap_graph, top=2)
    assert [(g.kind, g.dopant, g.target) for g in found] == [
        ("dopant_site", "Ga", "Zr"),
        ("dopant_site", "Al", "Zr"),
        ("dopant_method", "Al", "hot pressing"),
        ("dopant_method", "Ba", "hot pressing"),
    ]


def test_find_gaps_on_an_empty_graph_is_empty(graph: GraphBackend) -> None:
    assert gaps.find_gaps(graph) == []


def test_cli_gaps_json_lists_suggestions_with_their_support(cli_data_dir: str) -> None:
    result = CliRunner().invoke(
        cli, ["gaps", "--format", "json", "--top", "1", "--data-dir", cli_data_dir]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["kind"], r["dopant"], r["target"], r["score"]) for r in rows] == [
        ("dopant_site", "Ga", "Zr", 0.3047),
        ("dopant_method", "Al", "hot pressing", 0.44),
    ]
    assert rows[0]["ion"] == "Ga3+"
    assert [s["dopant"] for s in rows[0]["support"]] == ["Ta", "Y"]
    assert rows[1]["support"][0]["facts"][0]["sentence"] == "gapdoc#3"


def test_cli_gaps_table_is_flat(cli_data_dir: str) -> None:
    result = CliRunner().invoke(cli, ["gaps", "--top", "2", "--data-dir", cli_data_dir])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "kind",
        "dopant",
        "target",
        "score",
        "chemistry",
        "topology",
        "performance",
        "explanation",
    ]
    assert lines[2].split()[:4] == ["dopant_site", "Ga", "Zr", "0.3047"]
    assert lines[-1] == "(4 rows)"


def _row(element: str, site: str | None, key: str) -> gaps.FactRow:
    return gaps.FactRow(
        kind="DopingReport", key=key, doc="d", sentence=f"d#{key}", section=None, text="",
        start=None, end=None, property=None, value=None, value_max=None, unit=None,
        temperature_c=None, basis=None, comparator=None, sample=None, material="llzo",
        material_name="LLZO", formula=None, composition="LLZO", family="garnet",
        dopants=(gaps.DopantRow(element, site, None, None),),
        methods=("sol-gel",), refs=(),
    )  # fmt: skip


def test_bipartite_graph_never_makes_a_host_element_a_dopant() -> None:
    facts = [_row("Zr", "Li", "1"), _row("Li", "Zr", "2"), _row("Ga", "Li", "3")]
    sites = gaps.bipartite_graph(facts, "site")
    assert sorted(n for n, side in sites.nodes(data="bipartite") if side == 0) == [("dopant", "Ga")]
    assert [(g.dopant, g.target) for g in gaps.rank_site_gaps(facts)] == [
        ("Ga", "Zr"),  # Ga3+ on La3+ is 47 % too small: not proposed
    ]


def test_evidence_query_is_clean_neo4j5_cypher(tmp_path: Path) -> None:
    from test_lint import lint  # the Neo4j linter of tools/cypher-lint, as for canned queries

    path = tmp_path / "evidence_all.cypher"
    path.write_text("// name: evidence_all\n// question: every fact?\n" + gaps.EVIDENCE_QUERY)
    code, report = lint(str(path))
    assert (code, report["files"][0]["diagnostics"]) == (0, [])
