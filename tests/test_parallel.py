"""The worker pool behind ``ingest --workers N``: results in the order documents were handed
out, whatever order the workers finish in; no process left when it closes; errors travel back
as themselves or in words. What ``ingest`` does with it (same graph and report as one worker,
SIGKILL safety, a failing or crashing worker) is tested in tests/test_ingest.py."""

from __future__ import annotations

import time
from pathlib import Path

import psutil
from test_ingest import ConductivityExtractor

from corpus.document import Document
from llzo_kg.parallel import Extracted, RemoteError, WorkerPool


class Unpicklable(Exception):
    def __init__(self, what: str, where: int) -> None:
        super().__init__(f"{what} at {where}")


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
