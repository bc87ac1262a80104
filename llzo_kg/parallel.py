"""Reading and extraction of documents in worker processes, results in document order.

``llzo-kg ingest --workers N`` keeps everything that makes a run safe in the one process that
holds the lock: the scan, the id bookkeeping, the writes (one statement per document), the
report and the stage events. Only the pure part — read a file, extract its facts — goes to N
worker processes, each of which loads the reader and the miner once. Results come back in the
order the documents were handed out, so the writes, the report and the graph are those of one
worker.

Workers are forked from multiprocessing's fork server (``spawn`` where there is none): that
server is itself a fresh interpreter started with only its own pipes, so workers inherit no file
descriptor of the main process (the ingest lock's ``flock`` stays with it alone) and no thread
state, and it preloads the miner once (``llzo_kg.warm``) so that each worker starts with it
loaded. Each worker has its own pipe to the main process; when the main process dies (SIGKILL
included) the pipe closes and an idle worker exits at its next message; the fork server and every
worker also ask the kernel to kill them with their parent (``PR_SET_PDEATHSIG``), so a worker busy
for hours on one document goes with a killed run. A worker that dies mid-document (a crash in
native code, the OOM killer) fails that document only: a new worker takes its place and the run
goes on.

Each document gets a time budget (``--doc-timeout``): text that lost its spaces can make a
recogniser quadratic (hours for one PDF) and nothing inside a Python process stops a C loop, so a
worker still busy with a document when its budget is spent is killed (SIGKILL) and the document
fails with a message naming the budget, nothing of it written; a fresh worker takes its place.
The budget counts from the moment the worker has the miner loaded. ``ingest`` (``--workers 1``
included) and ``extract`` read and extract through this pool. See
docs/decisions/0902-ingest-workers.md and 0607-time-budget-per-document.md.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from corpus.document import Document
from llzo_kg.errors import LlzoKgError
from llzo_kg.ingest import (
    Extractor,
    Reader,
    _load_miner,
    _reason,
    _Stages,
    stage,
)
from llzo_kg.settings import DEFAULT_BUDGET_S
from llzo_kg.startup import PRELOAD, START_METHOD
from miner.records import Fact

log = logging.getLogger(__name__)

AHEAD_PER_WORKER = 4  # documents extracted ahead of the one being written, per worker
LOAD_TIMEOUT_S = 600.0  # a worker loading the miner (seconds normally) is no document's time
READY = -1  # the index of a worker's first message: the miner is loaded
WARM_UP = Path(__file__).resolve().parent / "warm-up.txt"


class WorkerCrashed(LlzoKgError):
    """A worker process died while it held a document."""


class DocumentTimeout(LlzoKgError):
    """A document took longer than the budget to read and extract."""


class RemoteError(LlzoKgError):
    """An error raised in a worker that could not travel back as itself (not picklable); its
    message starts with the original type's name, as ``ingest`` words any non-llzo error."""


@dataclass
class Extracted:
    """One document's reading and extraction as a worker did it. ``document`` keeps only what
    the writer needs (id, path, title, references); ``error`` is the exception of the stage that
    failed (``stage`` "read" or "extract")."""

    path: str
    document: Document | None = None
    facts: list[Fact] = field(default_factory=list)
    error: BaseException | None = None
    stage: str | None = None
    read_s: float = 0.0
    extract_s: float = 0.0


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself when it survives pickling, else a ``RemoteError`` with its words."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure to travel means: send its words instead
        return RemoteError(f"{type(exc).__name__}: {exc}")
    return exc


class Extraction:
    """Read + extract, with the reader and the miner loaded once per process (on first use,
    as in one-worker ingestion: a miner that fails to load fails each document's extraction,
    after its reading). Shared by the local workers and the distributed ones."""

    def __init__(self, reader: Reader | None = None, extractor: Extractor | None = None) -> None:
        self._reader = reader
        self._extractor = extractor
        self._warm_up = reader is None and extractor is None
        self.load_s = 0.0

    def _loaded_extractor(self) -> Extractor:
        if self._extractor is None:
            from llzo_kg.startup import import_spacy

            clock = time.perf_counter()
            import_spacy()
            self._extractor = _load_miner()
            self.load_s += time.perf_counter() - clock
        return self._extractor

    def load(self) -> None:
        """Load the miner now (a worker does this before its first document arrives), and run
        the default one over a short text of ours: its lazy set-up (tables, the CRF model) is
        no document's time."""
        try:
            extractor = self._loaded_extractor()
            if self._warm_up:
                from corpus import read_document

                clock = time.perf_counter()
                extractor(read_document(WARM_UP))
                self.load_s += time.perf_counter() - clock
                self._warm_up = False
        except Exception as exc:  # noqa: BLE001 - tried again, and reported, per document
            log.error("the miner did not load: %s", exc)

    def __call__(self, path: str | Path, data: bytes | None = None) -> Extracted:
        """The document at ``path``, or — read elsewhere by ``corpus.file_bytes`` — its bytes
        ``data`` (the default reader then reads those under the path's name)."""
        result = Extracted(str(path))
        stage("extracting", Path(path).name)
        clock = time.perf_counter()
        try:
            if data is not None and self._reader is None:
                from corpus import read_bytes

                doc = read_bytes(data, str(path))
            else:
                if self._reader is None:
                    from corpus import read_document

                    self._reader = read_document
                doc = self._reader(Path(path))
        except Exception as exc:  # noqa: BLE001 - the document's error, reported by the writer
            result.error, result.stage = _portable(exc), "read"
            return result
        finally:
            result.read_s = time.perf_counter() - clock
        result.document = Document(
            id=doc.id, path=doc.path, text="", title=doc.title, references=doc.references
        )
        clock = time.perf_counter()
        try:
            result.facts = self._loaded_extractor()(doc)
        except Exception as exc:  # noqa: BLE001 - as above
            result.error, result.stage = _portable(exc), "extract"
        result.extract_s = time.perf_counter() - clock
        return result


# --- the worker processes ----------------------------------------------------------------------


def die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies. The fork server asks it at its start
    (``llzo_kg.warm``), each worker at its start: a killed run takes the fork server with it
    and the fork server its workers. (The fork server alone does not notice: each worker holds
    the write end of the pipe whose end tells it that the main process is gone, so a worker busy
    for hours on one document would keep both alive, and the run's stdout open.)"""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _serve(
    conn: Connection, reader: Reader | None, extractor: Extractor | None, level: int
) -> None:
    """A worker: load once, say so, then answer ``(index, path)`` messages until the pipe
    closes."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from llzo_kg.text import log_to_stderr

    log_to_stderr(level, force=True)
    warm = sys.modules.get(PRELOAD)
    if warm is not None and reader is None and extractor is None:
        extraction = warm.EXTRACTION  # loaded once in the fork server
    else:
        extraction = Extraction(reader, extractor)
    extraction.load()
    try:
        conn.send((READY, None))
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the main process is gone, or done
                return
            if message is None:
                return
            index, path = message
            before = extraction.load_s
            result = extraction(path)
            result.extract_s += before  # the load goes into the first document's time
            extraction.load_s = 0.0
            conn.send((index, result))
    except (BrokenPipeError, ConnectionResetError):
        return


@dataclass
class _Worker:
    process: Any  # multiprocessing.process.BaseProcess
    conn: Connection
    job: tuple[int, str] | None = None
    ready: bool = False
    since: float = 0.0  # when it started loading, or its job's budget started


class WorkerPool:
    """``workers`` processes that read and extract documents and hand the results back in
    order; at most ``ahead`` documents are extracted beyond the one the caller waits for; a
    document not done within ``budget_s`` seconds (None: no limit) has its worker killed and
    fails with ``DocumentTimeout``."""

    def __init__(
        self,
        workers: int,
        reader: Reader | None = None,
        extractor: Extractor | None = None,
        ahead: int | None = None,
        budget_s: float | None = DEFAULT_BUDGET_S,
    ) -> None:
        if workers < 1:
            raise ValueError(f"Invalid {workers=}")
        self.size = workers
        self.ahead = ahead if ahead is not None else AHEAD_PER_WORKER * workers
        self.budget_s = budget_s
        self._args = (reader, extractor, logging.getLogger().getEffectiveLevel())
        self._context = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            # read when the fork server starts (once per process); a pool of custom stages
            # just finds a loaded miner it does not use (the preload also makes the fork server
            # die with this process)
            self._context.set_forkserver_preload([PRELOAD])
        self._workers: list[_Worker] = []
        self.crashes = 0

    def _start(self) -> None:
        mine, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(theirs, *self._args), name="llzo-kg-extract", daemon=True
        )
        process.start()
        theirs.close()  # only the worker holds its end: its death closes the pipe
        self._workers.append(_Worker(process, mine, since=time.monotonic()))

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    def map(self, paths: Sequence[str | Path]) -> Iterator[Extracted]:
        """The results for ``paths``, in their order."""
        pending = deque(enumerate(str(p) for p in paths))
        done: dict[int, Extracted] = {}
        while len(self._workers) < min(self.size, len(paths)):
            self._start()
        for wanted in range(len(paths)):
            while wanted not in done:
                self._dispatch(pending, wanted, done)
                self._collect(done)
            yield done.pop(wanted)

    def _dispatch(self, pending: deque[tuple[int, str]], wanted: int, done: dict) -> None:
        for worker in list(self._workers):
            if worker.job is None and pending and pending[0][0] <= wanted + self.ahead:
                worker.job = pending.popleft()
                if worker.ready:
                    worker.since = time.monotonic()
                try:
                    worker.conn.send(worker.job)
                except OSError:  # it died idle: the job fails with it, as any crash
                    self._crashed(worker, done)

    def _deadline(self, worker: _Worker) -> float | None:
        if not worker.ready:
            return worker.since + LOAD_TIMEOUT_S
        if worker.job is None or self.budget_s is None:
            return None
        return worker.since + self.budget_s

    def _collect(self, done: dict[int, Extracted]) -> None:
        """Wait for a busy worker to answer, die or run out of time, and file what happened."""
        busy = [w for w in self._workers if w.job is not None]
        deadlines = [d for d in map(self._deadline, busy) if d is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        wait([x for w in busy for x in (w.conn, w.process.sentinel)], timeout)
        for worker in busy:
            try:
                while worker.job is not None and worker.conn.poll():
                    index, result = worker.conn.recv()
                    if index == READY:
                        worker.ready, worker.since = True, time.monotonic()
                        continue
                    done[index] = result
                    worker.job = None
                if worker.job is None:
                    continue
            except (EOFError, OSError):
                pass  # the pipe closed: the worker is dead or dying
            except Exception as exc:  # noqa: BLE001 - an answer that cannot be unpickled
                index, path = worker.job  # type: ignore[misc]
                reason = f"its extraction result could not be read back: {exc!r}"
                done[index] = Extracted(path, error=RemoteError(reason), stage="extract")
                worker.job = None
                continue
            if not worker.process.is_alive():
                self._crashed(worker, done)
            elif (deadline := self._deadline(worker)) is not None and time.monotonic() >= deadline:
                self._overran(worker, done)

    def _overran(self, worker: _Worker, done: dict[int, Extracted]) -> None:
        if worker.ready:
            error: LlzoKgError = DocumentTimeout(
                f"reading and extracting took longer than the budget of {self.budget_s:g} s "
                "per document (--doc-timeout); stopped, nothing of it written"
            )
            how = "was killed (over its time budget)"
        else:
            error = WorkerCrashed(
                f"the worker process did not load the miner in {LOAD_TIMEOUT_S:.0f} s; stopped"
            )
            how = "was killed (not loaded in time)"
        worker.process.kill()
        # the document's failure is reported by the caller; this only says what became of it
        self._replace(worker, done, error, how, logging.INFO)

    def _crashed(self, worker: _Worker, done: dict[int, Extracted]) -> None:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        how = f"exit code {code}"
        if code is not None and code < 0:
            how = f"killed by {signal.Signals(-code).name}"
        reason = f"the worker process reading and extracting it died ({how})"
        self.crashes += 1
        self._replace(worker, done, WorkerCrashed(reason), f"died ({how})", logging.ERROR)

    def _replace(
        self,
        worker: _Worker,
        done: dict[int, Extracted],
        error: LlzoKgError,
        how: str,
        level: int,
    ) -> None:
        """Fail the worker's document with ``error`` and start another worker."""
        worker.process.join(timeout=5)
        worker.conn.close()
        self._workers.remove(worker)
        if worker.job is not None:
            index, path = worker.job
            log.log(level, "the worker extracting %s %s: starting another", path, how)
            done[index] = Extracted(path, error=error, stage="read")
        self._start()

    def close(self) -> None:
        """Stop every worker: idle ones exit on the closed pipe, busy ones are terminated."""
        for worker in self._workers:
            if worker.job is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            else:
                worker.process.terminate()
            worker.conn.close()
        deadline = time.monotonic() + 5
        for worker in self._workers:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self._workers.clear()


def extract_files(
    paths: list[str], budget_s: float | None = DEFAULT_BUDGET_S
) -> Iterator[tuple[Path, list[Fact], BaseException | None]]:
    """``llzo-kg extract`` without a cluster: the facts of each document (folders expanded as
    ``corpus.document_paths`` does), read and extracted by one worker within the budget;
    a document that fails or runs over yields its error, named by its path, and the others go
    on."""
    from corpus import document_paths

    files = document_paths(paths)
    if not files:
        return
    pool = WorkerPool(1, budget_s=budget_s)
    try:
        for path, result in zip(files, pool.map(files), strict=True):
            if result.error is None:
                yield path, result.facts, None
            else:
                yield path, [], LlzoKgError(_reason(path, result.error))
    finally:
        pool.close()


# --- the hook ingest uses ----------------------------------------------------------------------


class ParallelStages(_Stages):
    """``ingest``'s reader and extractor stages answered from ``results``: the ``Extracted`` of
    the documents the run reads, in the order it reads them, computed elsewhere (a
    ``WorkerPool``, a cluster). ``read_s`` and ``extract_s`` add up the workers' own times (the
    miner's loads included), as one worker's do; ``close`` stops whatever computes them."""

    def __init__(
        self, results: Iterator[Extracted], timings: dict[str, float], close: Callable[[], None]
    ) -> None:
        super().__init__(None, None, timings)
        self._results = results
        self._close = close
        self._current: Extracted | None = None

    def read(self, path: Path) -> Document:
        result = next(self._results)
        if result.path != str(path):
            raise AssertionError(f"worker result for {result.path}, expected {path}")
        self._current = result
        for key, spent in (("read_s", result.read_s), ("extract_s", result.extract_s)):
            self.timings[key] = self.timings.get(key, 0.0) + spent
        if result.stage == "read" and result.error is not None:
            raise result.error
        assert result.document is not None
        return result.document

    def extract(self, doc: Document) -> list[Fact]:
        result = self._current
        assert result is not None and result.document is doc
        if result.error is not None:
            raise result.error
        return result.facts

    def close(self) -> None:
        self._close()


def fan_out(
    paths: Sequence[Path],
    workers: int,
    cluster: str | None,
    reader: Reader | None,
    extractor: Extractor | None,
    timings: dict[str, float],
    doc_timeout: float | None = DEFAULT_BUDGET_S,
) -> ParallelStages:
    """Stages whose reading and extraction run on a Dask cluster (``cluster``: an address, see
    ``llzo_kg.distributed``; no budget there: a cluster's task cannot be stopped) or in
    ``workers`` local processes, each document within ``doc_timeout`` seconds."""
    if cluster is not None:
        if reader is not None or extractor is not None:
            raise ValueError("Invalid reader/extractor with a cluster: its workers use the miner")
        from llzo_kg.distributed import ClusterRun

        run = ClusterRun(cluster)
        return ParallelStages(run.map(paths, send_bytes=True), timings, run.close)
    pool = WorkerPool(min(workers, len(paths)), reader, extractor, budget_s=doc_timeout)
    return ParallelStages(pool.map(paths), timings, pool.close)
