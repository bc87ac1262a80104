"""``db check``: the graph against the documents' stored hashes and fact counts, on the real
embedded server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from test_ingest import CLI, DOCS, NAMES, ConductivityExtractor

from llzo_kg.check import check_graph
from llzo_kg.ingest import run_ingest
from llzo_kg.version import extractor_version


def _folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in names:
        shutil.copy(DOCS / name, folder / name)
    return folder


def test_check_of_a_freshly_ingested_graph_is_consistent(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    report = check_graph(graph, [folder], extractor_version())
    assert (report.ok, report.documents, report.files, report.problems) == (True, 4, 4, [])


def test_check_names_what_is_missing_changed_new_gone_and_stale(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    graph.run("MATCH (m:Measurement {doc: 'nb-llzo-calc'}) DETACH DELETE m")  # lost facts
    graph.run("MATCH (d:Document {key: 'ga-llzo-sol-gel'}) SET d.extractorVersion = 'old'")
    paper = folder / "ta-llzo-hot-press.txt"
    paper.write_text(paper.read_text() + "\nOne more line.\n", encoding="utf-8")
    (folder / "al-llzo-air.txt").rename(tmp_path / "moved-away.txt")
    (folder / "new-paper.txt").write_text("Nothing ingested yet.\n", encoding="utf-8")
    lines = [p.line() for p in check_graph(graph, [folder], extractor_version()).problems]
    assert lines == [
        "nb-llzo-calc: 0 of its 1 facts are in the graph; 'llzo-kg ingest --full "
        "nb-llzo-calc.txt' writes it again",
        f"{folder / 'ga-llzo-sol-gel.txt'}: extracted by old, not by {extractor_version()}",
        f"{folder / 'new-paper.txt'}: not in the graph",
        f"{folder / 'ta-llzo-hot-press.txt'}: changed since it was ingested",
        f"al-llzo-air.txt: its file is not under {folder}",
    ]


def test_cli_db_check_exit_codes(tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:1])
    data = tmp_path / "db"
    try:
        assert (
            subprocess.run([str(CLI), "ingest", str(folder), "--data-dir", str(data)]).returncode
            == 0
        )
        good = subprocess.run(
            [str(CLI), "db", "check", str(folder), "--data-dir", str(data)],
            capture_output=True,
            text=True,
        )
        assert (good.returncode, good.stdout) == (
            0,
            "db check: 1 documents, 1 files: consistent\n",
        )
        (folder / "extra.txt").write_text("Not ingested.\n", encoding="utf-8")
        bad = subprocess.run(
            [str(CLI), "db", "check", str(folder), "--data-dir", str(data), "--format", "json"],
            capture_output=True,
            text=True,
        )
        assert bad.returncode == 1
        assert json.loads(bad.stdout)["problems"] == [
            {"doc": None, "path": str(folder / "extra.txt"), "problem": "not in the graph"}
        ]
    finally:
        subprocess.run([str(CLI), "db", "stop", "--data-dir", str(data)], capture_output=True)
