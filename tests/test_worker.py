"""The extraction worker: documents read and extracted in a child process, each within a time
budget; a document that runs over is stopped and named, the next one gets a fresh worker."""

from __future__ import annotations

import json
from pathlib import Path

import psutil
from click.testing import CliRunner

from llzo_kg.cli import cli
from llzo_kg.ingest import PAUSE_AT_ENV, PAUSE_FILE_ENV
from llzo_kg.worker import ExtractionWorker

DATA = Path(__file__).resolve().parent / "data"
TINY = DATA / "miner" / "tiny-paper.md"


def test_worker_returns_the_document_and_its_facts_and_the_reader_errors(tmp_path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with ExtractionWorker(budget_s=None) as worker:
        done = worker.extract(TINY)
        assert done.document.id == "tiny-paper" and len(done.facts) == 6
        try:
            worker.extract(broken)
        except Exception as exc:  # noqa: BLE001 - the message is the point
            message = str(exc)
        assert message == (
            f"{broken}: binary data (NUL or control bytes in the first 8 kB), not a text document"
        )
        assert len(worker.extract(TINY).facts) == 6  # the same worker goes on


def test_cli_extract_over_the_budget_names_the_file_and_reads_the_next(
    tmp_path, monkeypatch
) -> None:
    pause = tmp_path / "paused"
    monkeypatch.setenv(PAUSE_AT_ENV, "extracting:tiny-paper.md")
    monkeypatch.setenv(PAUSE_FILE_ENV, str(pause))
    other = tmp_path / "other.md"
    other.write_bytes(TINY.read_bytes())
    result = CliRunner().invoke(cli, ["extract", "--doc-timeout", "5", str(TINY), str(other)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"llzo-kg: error: {TINY}: reading and extracting took longer than the budget of 5 s per "
        "document (--doc-timeout); stopped, nothing of it written\n"
    )
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"other"}
    worker = int(pause.read_text().split()[0])
    assert not psutil.pid_exists(worker) or psutil.Process(worker).status() == "zombie"
