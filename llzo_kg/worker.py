"""Reading and extracting documents in a child process, with a time budget per document.

A document whose text lost its spaces can make a recogniser quadratic (hours for one PDF), and
nothing inside one Python process can stop a C loop reliably. So ``ingest`` and ``extract``
hand each file to a worker process (``python -m llzo_kg.worker``) that loads the spaCy pipeline
once and answers one document at a time; a document that is not done within the budget has its
worker killed (SIGKILL) and fails with a message naming the file and the budget, nothing of it
written; the next document gets a fresh worker. A worker dies with its parent (``PR_SET_PDEATHSIG``)
and inherits none of its files, so a killed run leaves no extraction running and no lock held
(docs/decisions/0607).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from corpus.document import Document
from llzo_kg.errors import LlzoKgError
from miner.records import Fact

log = logging.getLogger(__name__)

DEFAULT_BUDGET_S = 600.0
BUDGET_ENV = "LLZO_KG_DOC_TIMEOUT"
LOAD_TIMEOUT_S = 600.0  # loading spaCy and the recognisers: seconds normally


class DocumentTimeout(LlzoKgError):
    """A document took longer than the budget to read and extract."""


class WorkerFailed(LlzoKgError):
    """The worker raised something unexpected on a document, or died."""


@dataclass(frozen=True)
class Extracted:
    document: Document
    facts: list[Fact]
    read_s: float
    extract_s: float


def default_budget() -> float | None:
    """Seconds per document: ``LLZO_KG_DOC_TIMEOUT`` or 600; 0 means no limit."""
    raw = os.environ.get(BUDGET_ENV)
    try:
        value = float(raw) if raw else DEFAULT_BUDGET_S
    except ValueError:
        raise LlzoKgError(f"{BUDGET_ENV}={raw!r} is not a number of seconds") from None
    return value if value > 0 else None


class ExtractionWorker:
    """A worker process for documents, started on first use and again after a kill."""

    def __init__(self, budget_s: float | None = DEFAULT_BUDGET_S) -> None:
        self.budget_s = budget_s
        self.load_s = 0.0  # time spent starting workers (spaCy set-up), not part of any budget
        self._proc: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> ExtractionWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> Connection:
        clock = time.perf_counter()
        ours, theirs = socket.socketpair()
        level = logging.getLogger().getEffectiveLevel()
        self._proc = subprocess.Popen(
            # -P: not the working directory first on sys.path, where a folder named corpus/
            # (the documents!) would stand in for the package
            [sys.executable, "-P", "-m", "llzo_kg.worker", str(theirs.fileno())]
            + [str(os.getpid()), str(level)],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=2,  # the parent's stdout may be JSON lines: keep it clean
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        if not self._conn.poll(LOAD_TIMEOUT_S):
            self._kill()
            raise WorkerFailed(f"the extraction process did not start in {LOAD_TIMEOUT_S:.0f} s")
        try:
            self._conn.recv()  # "ready": the pipeline is loaded
        except EOFError:
            code = self._kill(wait_s=5.0)
            raise WorkerFailed(
                f"the extraction process exited while starting ({code}); see the messages above"
            ) from None
        self.load_s += time.perf_counter() - clock
        return self._conn

    def extract(self, path: Path) -> Extracted:
        """Read and extract ``path``; ``DocumentTimeout`` after the budget, the document's own
        errors (``ReaderError``, ``ExtractionError``) as they are."""
        conn = self._conn or self._start()
        conn.send(str(path))
        if not conn.poll(self.budget_s):
            self._kill()
            raise DocumentTimeout(
                f"{path}: reading and extracting took longer than the budget of "
                f"{self.budget_s:g} s per document (--doc-timeout); stopped, nothing of it "
                f"written"
            )
        try:
            kind, *payload = conn.recv()
        except EOFError:
            code = self._kill(wait_s=5.0)
            raise WorkerFailed(
                f"{path}: the extraction process died ({code}); see the messages above"
            ) from None
        if kind == "ok":
            return Extracted(*payload)
        name, message, expected = payload
        if expected:
            raise LlzoKgError(message)
        raise WorkerFailed(f"{name}: {message}")

    def _kill(self, wait_s: float = 0.0) -> str:
        """Stop the worker (after ``wait_s`` for it to exit by itself); how it ended, for
        messages."""
        proc, self._proc = self._proc, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if proc is None:
            return "not running"
        try:
            proc.wait(timeout=wait_s) if wait_s else None
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
        return f"signal {-code}" if code < 0 else f"exit code {code}"

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.send(None)  # "no more documents": it exits by itself
            except OSError:
                pass
        self._kill(wait_s=10.0)


def extract_files(
    paths: list[str], budget_s: float | None = DEFAULT_BUDGET_S
) -> Iterator[tuple[Path, list[Fact], LlzoKgError | None]]:
    """Facts per document (folders expanded as ``extract`` does); a document that fails or runs
    over the budget yields its error and the others go on."""
    from miner.extract import document_paths

    with ExtractionWorker(budget_s) as worker:
        for path in document_paths(paths):
            try:
                yield path, worker.extract(path).facts, None
            except LlzoKgError as err:
                yield path, [], err


# --- the child ---------------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this process when its parent dies (a killed ``ingest`` leaves no worker
    extracting for hours)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


WARM_UP = Path(__file__).resolve().parent / "warm-up.txt"


def _answer(path: Path, nlp: Any) -> tuple[Any, ...]:
    from corpus import read_document
    from llzo_kg.ingest import pause_point
    from miner.extract import extract_document

    try:
        pause_point(f"extracting:{path.name}")
        clock = time.perf_counter()
        doc = read_document(path)
        read_s = time.perf_counter() - clock
        clock = time.perf_counter()
        facts = extract_document(doc, nlp)
        return ("ok", doc, facts, read_s, time.perf_counter() - clock)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which names the file
        log.debug("extraction of %s failed", path, exc_info=True)
        return ("error", type(exc).__name__, str(exc), isinstance(exc, LlzoKgError))


def main(argv: list[str]) -> None:
    fd, parent, level = int(argv[0]), int(argv[1]), int(argv[2])
    _die_with_parent(parent)
    from llzo_kg.text import PrintableFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    from miner.extract import load_pipeline

    conn = Connection(fd)
    nlp = load_pipeline()
    _answer(WARM_UP, nlp)  # lazy set-up (tables, the CRF model) is no document's time
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        answer = _answer(Path(request), nlp)
        try:
            conn.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(("error", type(exc).__name__, f"{request}: {exc}", False))


if __name__ == "__main__":
    main(sys.argv[1:])
