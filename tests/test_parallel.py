"""The worker pool behind ``ingest --workers N``: results in the order documents were handed
out, whatever order the workers finish in; no process left when it closes; errors travel back
as themselves or in words. What ``ingest`` does with it (same graph and report as one worker,
SIGKILL safety, a failing or crashing worker) is tested in tests/test_ingest.py."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psutil
from pausing import pause_env
from test_ingest import ConductivityExtractor, _cli

from corpus.document import Document
from llzo_kg.parallel import DocumentTimeout, Extracted, RemoteError, WorkerPool


class Unpicklable(Exception):
    """Cannot travel: besides its two-argument ``__init__`` (which Dask's tblib works around
    once ``distributed`` is imported in the process, as tests/test_distributed.py does) it
    holds a lock."""

    def __init__(self, what: str, where: int) -> None:
        super().__init__(f"{what} at {where}")
        self.lock = threading.Lock()


def _slow_reader(path: Path) -> Document:
    time.sleep(0.2 if path.name.endswith("0.txt") else 0.0)
    return Document(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8"))


def test_worker_pool_answers_in_order_and_stops_its_processes(tmp_path) -> None:
    paths = []
    for i in range(12):
        paths.append(tmp_path / f"doc-{i:02d}.txt")
        paths[-1].write_text(f"Li7La3Zr2O12 number {i}.", encoding="utf-8")
    pool = WorkerPool(3, _slow_reader, ConductivityExtractor(), ahead=2)
    results = list(pool.map(paths))
    pids = pool.pids
    assert [r.path for r in results] == [str(p) for p in paths]
    assert all(isinstance(r, Extracted) and r.error is None for r in results)
    assert [r.document.id for r in results] == [p.stem for p in paths]
    assert len(pids) == 3
    pool.close()
    assert not any(
        psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie" for pid in pids
    )


def test_remote_error_carries_the_original_type_name() -> None:
    from llzo_kg.parallel import _portable

    error = _portable(Unpicklable("x", 1))
    assert isinstance(error, RemoteError) and str(error) == "Unpicklable: x at 1"
    kept = _portable(ValueError("plain"))
    assert type(kept) is ValueError and str(kept) == "plain"


# --- the time budget per document (docs/decisions/0607) -----------------------------------------

DATA = Path(__file__).resolve().parent / "data"
TINY = DATA / "miner" / "tiny-paper.md"


def _stuck_reader(path: Path) -> Document:
    """Stands for a document that would take hours: it never returns."""
    if path.name.startswith("stuck"):
        time.sleep(3600)
    return Document(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8"))


def test_worker_pool_default_miner_returns_facts_and_reader_errors(tmp_path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    pool = WorkerPool(1, budget_s=None)
    try:
        first, failed, again = pool.map([TINY, broken, TINY])
    finally:
        pool.close()
    assert first.document.id == "tiny-paper" and len(first.facts) == 6
    assert (failed.stage, str(failed.error)) == (
        "read",
        f"{broken}: binary data (NUL or control bytes in the first 8 kB), not a text document",
    )
    assert again.facts == first.facts  # the same worker goes on
    assert pool.crashes == 0


def test_worker_pool_kills_a_worker_over_the_budget_and_goes_on(tmp_path) -> None:
    paths = [tmp_path / name for name in ("a.txt", "stuck.txt", "c.txt")]
    for path in paths:
        path.write_text("Li7La3Zr2O12.", encoding="utf-8")
    pool = WorkerPool(1, _stuck_reader, ConductivityExtractor(), budget_s=2)
    try:
        results = pool.map(paths)
        assert next(results).error is None
        stuck_pid = pool.pids[0]
        clock = time.monotonic()
        stuck = next(results)
        waited = time.monotonic() - clock
        last = next(results)
    finally:
        pool.close()
    assert isinstance(stuck.error, DocumentTimeout)
    assert str(stuck.error) == (
        "reading and extracting took longer than the budget of 2 s per document "
        "(--doc-timeout); stopped, nothing of it written"
    )
    assert 2 <= waited < 3600
    assert not psutil.pid_exists(stuck_pid) or psutil.Process(stuck_pid).status() == "zombie"
    assert last.error is None and last.document.id == "c"


def test_cli_extract_over_the_budget_names_the_file_and_reads_the_next(tmp_path) -> None:
    pause = tmp_path / "paused"
    other = tmp_path / "other.md"
    other.write_bytes(TINY.read_bytes())
    env = pause_env("extracting:tiny-paper.md", pause)
    result = _cli("extract", "--doc-timeout", "5", str(TINY), str(other), env=env)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "ERROR" in line] == []
    assert result.stderr.endswith(
        f"llzo-kg: error: {TINY}: reading and extracting took longer than the budget of 5 s per "
        "document (--doc-timeout); stopped, nothing of it written\n"
    )
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"other"}
    worker = int(pause.read_text().split()[0])
    assert not psutil.pid_exists(worker) or psutil.Process(worker).status() == "zombie"
