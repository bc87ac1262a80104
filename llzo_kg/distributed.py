"""Extraction fanned out over a Dask cluster: documents in, fact records out, in input order.

The same unit of work as the local workers (``llzo_kg.parallel.Extraction``: read one document,
extract its facts, the miner loaded once per worker process) runs as one Dask task per document.
The client reads each file (``corpus.file_bytes``, so the workers need no shared file system)
and sends its bytes; at most ``window`` documents are in flight, and results are handed back in
the order the documents were given, so ``extract --cluster`` prints exactly what ``extract``
prints and ``ingest --cluster`` writes exactly what ``ingest`` writes, with the one batched
writer of the main process. A task whose worker dies is retried by Dask on another worker
(``distributed.scheduler.allowed-failures``); one that keeps killing workers is that document's
error. Why Dask: docs/decisions/0903-distributed-extraction-on-dask.md.

Addresses: ``tcp://HOST:8786`` (a running scheduler: ``dask scheduler`` and, per machine,
``dask worker tcp://HOST:8786 --nworkers N --nthreads 1``), or ``local:N`` for a cluster of N
worker processes started on this machine for the run.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from llzo_kg.errors import LlzoKgError
from llzo_kg.parallel import Extracted, Extraction, WorkerCrashed, _portable

log = logging.getLogger(__name__)

WINDOW_PER_WORKER = 4
CONNECT_TIMEOUT_S = 30

_EXTRACTION: Extraction | None = None
_LOCK = threading.Lock()


class ClusterError(LlzoKgError):
    """The cluster cannot be used: not installed, not reachable, or lost mid-run."""


def extract_task(path: str, data: bytes | None) -> Extracted:
    """One document on a worker; the miner is loaded on the worker's first document and kept
    for the next (one extraction at a time per process: threads would only queue on the GIL)."""
    global _EXTRACTION
    with _LOCK:
        if _EXTRACTION is None:
            _EXTRACTION = Extraction()
        return _EXTRACTION(path, data)


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError(
            "--cluster needs Dask distributed: pip install 'llzo-kg[distributed]'"
        ) from None
    return distributed


class ClusterRun:
    """A client on the cluster at ``address`` (``local:N`` starts one here and stops it on
    ``close``)."""

    def __init__(
        self, address: str, window: int | None = None, timeout: float = CONNECT_TIMEOUT_S
    ) -> None:
        distributed = _dask()
        if not log.isEnabledFor(logging.DEBUG):  # its start/stop chatter is not our output
            logging.getLogger("distributed").setLevel(logging.WARNING)
        self._cluster = None
        try:
            if address.startswith("local"):
                workers = int(address.partition(":")[2] or 2)
                self._cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.WARNING,
                )
                address = self._cluster.scheduler_address
            self.client = distributed.Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.window = window or WINDOW_PER_WORKER * threads
        self._closed_errors = (OSError, TimeoutError, distributed.comm.CommClosedError)

    def map(self, paths: Sequence[str | Path], send_bytes: bool = True) -> Iterator[Extracted]:
        """``Extracted`` of each path, in order. With ``send_bytes`` the client reads the files
        and the workers read the bytes (no shared file system needed)."""
        pending = iter(str(p) for p in paths)
        futures: deque[tuple[str, Any]] = deque()

        def submit(path: str) -> None:
            data: bytes | None = None
            if send_bytes:
                from corpus import file_bytes

                try:
                    data = file_bytes(path)
                except LlzoKgError as exc:  # the document's error, as its reading would give
                    futures.append((path, Extracted(path, error=exc, stage="read")))
                    return
            future = self.client.submit(extract_task, path, data, pure=False)
            futures.append((path, future))

        for path in islice(pending, self.window):
            submit(path)
        while futures:
            path, future = futures.popleft()
            result = future if isinstance(future, Extracted) else self._result(path, future)
            for more in islice(pending, 1):
                submit(more)
            yield result

    def _result(self, path: str, future: Any) -> Extracted:
        try:
            return future.result()
        except self._closed_errors as exc:
            raise ClusterError(f"lost the Dask cluster while extracting {path}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: this document's
            log.error("%s: the cluster could not extract it: %r", path, exc)
            if type(exc).__name__ == "KilledWorker":
                error: BaseException = WorkerCrashed(
                    "the cluster's worker processes died running it, on every try (KilledWorker)"
                )
            else:
                error = _portable(exc)
            return Extracted(path, error=error, stage="read")
        finally:
            future.release()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def extract_paths(
    paths: Sequence[str], address: str
) -> Iterator[tuple[Path, list[Any], BaseException | None]]:
    """``miner.extract.extract_paths`` on the cluster: the same files (folders expanded the same
    way), in the same order, each with its facts or its error."""
    from corpus import document_paths

    files = document_paths(list(paths))
    run = ClusterRun(address)
    try:
        for path, result in zip(files, run.map(files), strict=True):
            yield path, result.facts if result.error is None else [], result.error
    finally:
        run.close()
