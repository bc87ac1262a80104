"""The CSV export on a real graph (FalkorDB and Neo4j): one table per label and per many-valued
link, rows equal to the graph's, values (hostile ones included) read back exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from backends import settings_for
from click.testing import CliRunner
from export_facts import HOSTILE, REFERENCES, load_known

from graph.backend import GraphBackend
from graph.csvexport import export_csv, table_name
from graph.server import ServerState
from llzo_kg import cli as cli_module
from llzo_kg import settings
from llzo_kg.errors import LlzoKgError

EXPECTED_ROWS = {
    "documents": 2,
    "document_references": 4,
    "sentences": 11,
    "references": 3,
    "materials": 5,
    "material_dopants": 4,
    "material_components": 0,
    "dopants": 4,
    "elements": 4,
    "sites": 3,
    "methods": 5,
    "properties": 3,
    "measurements": 10,
    "measurement_methods": 5,
    "measurement_references": 5,
    "measurement_changedTo": 0,
    "doping_reports": 1,
    "doping_report_methods": 0,
    "doping_report_references": 0,
    "synthesis_reports": 1,
    "synthesis_report_methods": 1,
    "synthesis_report_references": 1,
    "samples": 9,
    "sample_materials": 9,
}


def read(directory: Path, table: str) -> list[dict[str, str]]:
    with open(directory / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture()
def known(graph: GraphBackend) -> GraphBackend:
    load_known(graph)
    return graph


def test_csv_table_names() -> None:
    assert table_name("Property") == "properties"
    assert table_name("DopingReport") == "doping_reports"
    assert table_name("Measurement") == "measurements"


def test_csv_export_writes_one_table_per_label_and_link(
    known: GraphBackend, tmp_path: Path
) -> None:
    counts = export_csv(known, tmp_path / "csv", batch_size=2)
    assert counts == EXPECTED_ROWS
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{name}.csv" for name in EXPECTED_ROWS
    )
    for table, rows in EXPECTED_ROWS.items():
        assert len(read(tmp_path / "csv", table)) == rows, table
    graph_measurements = known.run("MATCH (m:Measurement) RETURN count(m) AS n")[0]["n"]
    assert graph_measurements == EXPECTED_ROWS["measurements"]


def test_csv_rows_hold_the_graph_values(known: GraphBackend, tmp_path: Path) -> None:
    export_csv(known, tmp_path)
    measurements = read(tmp_path, "measurements")
    assert list(measurements[0]) == [
        "key",
        "doc",
        "value",
        "valueMax",
        "unit",
        "raw",
        "temperatureC",
        "source",
        "confidence",
        "materialText",
        "definedAs",
        "basis",
        "comparator",
        "uncertainty",
        "conduction",
        "state",
        "treatment",
        "material",
        "sentence",
        "sample",
        "property",
    ]
    ranged = next(m for m in measurements if m["valueMax"])
    assert {k: ranged[k] for k in ("value", "valueMax", "unit", "material", "property")} == {
        "value": "0.0002",
        "valueMax": "0.0004",
        "unit": "S/cm",
        "material": "al-doped llzo|Al@Li:?",
        "property": "ionic_conductivity",
    }
    calculated = [m["material"] for m in measurements if m["basis"] == "calculated"]
    assert calculated == ["Li6.4La3Zr1.4Ta0.6O12"]
    assert {m["sample"] for m in measurements if m["key"] == ranged["key"]} == {
        ranged["sentence"] + "|al-doped llzo|Al@Li:?"
    }
    sentences = {s["key"]: s for s in read(tmp_path, "sentences")}
    assert sentences["paper-a#1"]["text"] == HOSTILE
    assert sentences["paper-a#1"]["document"] == "paper-a"
    smith = REFERENCES["paper-b"][0]
    refs = {r["key"]: r for r in read(tmp_path, "references")}
    assert refs[smith.id]["authors"] == "A. Smith; B. Jones"
    listed = [
        (r["document"], r["citeKey"])
        for r in read(tmp_path, "document_references")
        if r["reference"] == smith.id
    ]
    assert listed == [("paper-a", "7"), ("paper-b", "1")]
    dopants = {d["key"]: d for d in read(tmp_path, "dopants")}
    assert dopants["Li6.4La3Zr1.4Ta0.6O12|Ta@Zr:0.6"] == {
        "key": "Li6.4La3Zr1.4Ta0.6O12|Ta@Zr:0.6",
        "label": "Ta@Zr:0.6",
        "element": "Ta",
        "site": "Zr",
        "amount": "0.6",
        "charge": "5",
        "evidence": "",
        "elementKey": "Ta",
        "siteKey": "Zr",
    }


def test_csv_exports_of_the_same_graph_are_identical(known: GraphBackend, tmp_path: Path) -> None:
    export_csv(known, tmp_path / "a", batch_size=3)
    export_csv(known, tmp_path / "b", batch_size=1000)
    for name in EXPECTED_ROWS:
        a = (tmp_path / "a" / f"{name}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.csv").read_bytes(), name


def test_csv_export_refuses_a_file_as_directory(graph: GraphBackend, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(LlzoKgError, match=f"cannot export CSV into {target}: it is a file"):
        export_csv(graph, target)


def test_cli_export_csv(
    known: GraphBackend,
    embedded_server: ServerState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the test's own graph (the session server's, or the session Neo4j)
    at = settings_for(known, Path(embedded_server.data_dir))
    monkeypatch.setattr(settings, "resolve", lambda *a, **k: at)
    result = CliRunner().invoke(cli_module.cli, ["export", "csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    total = sum(EXPECTED_ROWS.values())
    assert (
        result.output == f"wrote {len(EXPECTED_ROWS)} CSV files ({total} rows) to "
        f"{tmp_path / 'out'}\n"
    )
    assert len(read(tmp_path / "out", "materials")) == 5
