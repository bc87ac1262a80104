"""Extraction on a Dask cluster of real worker processes (``LocalCluster(processes=True)``):
``extract --cluster`` prints byte for byte what ``extract`` prints, ``ingest --cluster`` builds
the graph and the report one worker builds, and a task that kills its worker is that
document's error."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster
from test_ingest import CORRUPT, NAMES, _comparable, _folder

from graph.fingerprint import fingerprint
from llzo_kg.distributed import ClusterError, ClusterRun
from llzo_kg.ingest import run_ingest
from llzo_kg.parallel import WorkerCrashed

REPO = Path(__file__).resolve().parents[1]
CLI = REPO / ".venv" / "bin" / "llzo-kg"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each; a task that kills its worker fails at once (no
    retry on the other worker: the crash test stays quick)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local:
            yield local.scheduler_address


def _documents(tmp_path: Path, review_path: Path) -> list[str]:
    folder = _folder(tmp_path)
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    (folder / review_path.name).symlink_to(review_path)
    return [str(folder), str(DATA / "scale" / "abstract-2000.txt"), str(DATA / "miner")]


def _extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), "extract", *args], capture_output=True, timeout=600, env=dict(os.environ)
    )


def test_cli_extract_on_a_cluster_prints_what_extract_prints(cluster, tmp_path, review_path):
    documents = _documents(tmp_path, review_path)
    here = _extract(*documents)
    there = _extract(*documents, "--cluster", cluster)
    assert (here.returncode, there.returncode) == (1, 1)  # the corrupt document
    assert there.stdout == here.stdout
    assert len(here.stdout.splitlines()) > 350  # the review's facts and the others'
    error = f"llzo-kg: error: {tmp_path / 'docs' / 'broken-scan.txt'}: binary data".encode()
    assert error in here.stderr and error in there.stderr


def test_ingest_on_a_cluster_builds_the_one_worker_graph(
    cluster, graph, embedded_server, tmp_path
) -> None:
    from graph.backend import FalkorBackend

    folder = _folder(tmp_path, NAMES[:3])
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    there = run_ingest(graph, [folder], cluster=cluster)
    fresh = FalkorBackend(
        embedded_server.host,
        embedded_server.port,
        "test_cluster_fresh",
        password=embedded_server.password,
    )
    try:
        here = run_ingest(fresh, [folder])
        assert _comparable(there.as_dict()) == _comparable(here.as_dict())
        assert fingerprint(graph).digest == fingerprint(fresh).digest
    finally:
        fresh._graph.delete()
        fresh.close()
    assert there.summary()["new"] == 3 and there.summary()["failed"] == 1


def test_cluster_task_that_kills_its_worker_is_that_documents_error(cluster) -> None:
    run = ClusterRun(cluster)
    try:
        result = run._result("paper.txt", run.client.submit(os._exit, 1, pure=False))
        assert isinstance(result.error, WorkerCrashed)
        assert str(result.error) == (
            "the cluster's worker processes died running it, on every try (KilledWorker)"
        )
        assert (result.path, result.stage, result.facts) == ("paper.txt", "read", [])
    finally:
        run.close()


def test_cluster_run_local_starts_and_stops_its_own_workers() -> None:
    run = ClusterRun("local:1")
    try:
        assert len(run.client.nthreads()) == 1 and run.window == 4
        [result] = run.map([DATA / "ingest" / NAMES[0]])
        assert result.error is None and result.document.id == "al-llzo-air"
        assert len(result.facts) > 0
    finally:
        run.close()
    assert run.client.status == "closed"


def test_cluster_run_unreachable_scheduler_is_a_clear_error(unused_port) -> None:
    address = f"tcp://127.0.0.1:{unused_port}"
    with pytest.raises(ClusterError) as err:
        ClusterRun(address, timeout=2)
    assert str(err.value).startswith(f"cannot reach the Dask scheduler at {address}: ")
