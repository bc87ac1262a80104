"""Nightly ingestion: only new or changed documents are read, extracted and written.

A document is known by its id (``Document.id``: the file name without extension unless the
document declares one, so moving the folder changes nothing) and stamped with the SHA-256 of its
bytes and the extractor version. One query fetches every ``Document`` node's file name, hash and
version; a file whose (name, hash, version) is already there is skipped after hashing alone — no
parsing, no spaCy. A changed document goes through the writer's ``replace_document``, which swaps
its old facts for the new ones as one unit and stamps the hash last, so a run killed anywhere
leaves either the old document or the new one, and the next run finishes the job.

Exit codes (docs/nightly.md): 0 all documents ingested or unchanged; 1 partial (some documents
failed, the others were ingested); 3 the database was unreachable (after retries); 5 another
run holds the lock; 6 the run stopped on an unexpected error. Usage errors are 2.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from corpus.document import Document
from graph.backend import GraphBackend
from graph.rows import DocumentMeta, fact_key
from graph.writer import delete_document, ensure_schema, replace_document
from llzo_kg.errors import GraphUnavailable, LlzoKgError
from llzo_kg.lock import FileLock, GraphLock, Holder, IngestLock, LockHeld
from llzo_kg.settings import DEFAULT_BUDGET_S, GraphSettings
from llzo_kg.version import extractor_version
from miner.records import Fact

log = logging.getLogger(__name__)


class IngestFailed(LlzoKgError):
    """The run stopped on something that is neither a document's fault nor an unreachable
    database (a query the database refused, a bug)."""

    exit_code = 6


DEFAULT_PATHS = (Path("corpus/documents"),)
EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_UNREACHABLE = GraphUnavailable.exit_code  # 3
EXIT_LOCKED = LockHeld.exit_code  # 5
EXIT_FAILED = IngestFailed.exit_code  # 6
RETRY_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 16.0)
AUDIT_EVENT = "llzo_kg.ingest"

Reader = Callable[[Path], Document]
Extractor = Callable[[Document], list[Fact]]
T = TypeVar("T")

_STORED = """
MATCH (d:Document)
RETURN d.key AS id, d.fileName AS fileName, d.sha256 AS sha256,
       d.extractorVersion AS extractorVersion, d.factCount AS factCount
"""


# --- identity ----------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(paths: Iterable[Path], problems: list[tuple[str, str]] | None = None) -> list[Path]:
    """Files under ``paths`` (recursively, following linked folders; hidden files and folders
    left out), each once, in path order so that runs are reproducible. What could not be
    looked at — a folder that cannot be listed, a link whose target is gone (an unmounted
    share) — is added to ``problems`` as (path, reason): its files are unknown, not absent."""
    found: dict[Path, Path] = {}
    visited: set[str] = set()  # real paths of folders walked: linked folders are followed once
    problems = problems if problems is not None else []

    def unlisted(exc: OSError) -> None:
        where = str(exc.filename)
        problems.append((where, f"{where}: cannot list the folder ({exc.strerror or exc})"))

    for root in paths:
        root = Path(root)
        if root.is_file():
            found.setdefault(root.resolve(), root)
            continue
        if not root.is_dir():
            raise LlzoKgError(f"no such file or folder to ingest: {root}")
        for folder, dirs, files in os.walk(root, onerror=unlisted, followlinks=True):
            visited.add(os.path.realpath(folder))
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and os.path.realpath(os.path.join(folder, d)) not in visited
            )
            for name in files:
                path = Path(folder) / name
                if name.startswith("."):
                    continue
                if path.is_file():
                    found.setdefault(path.resolve(), path)
                elif path.is_symlink() and not path.exists():
                    reason = f"{path}: a link to {os.readlink(path)}, which cannot be reached"
                    problems.append((str(path), reason))
    return sorted(found.values())


# --- the report --------------------------------------------------------------------------------


@dataclass
class DocumentOutcome:
    path: str
    status: str  # new | changed | unchanged | failed | pruned
    id: str | None = None
    sha256: str | None = None
    reason: str | None = None
    facts_written: int = 0
    facts_removed: int = 0
    seconds: float = 0.0


@dataclass
class IngestReport:
    paths: list[str]
    full: bool
    prune: bool
    extractor_version: str
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    status: str = "running"  # ok | partial | aborted
    exit_code: int | None = None
    error: str | None = None
    stale_lock: str | None = None
    documents: list[DocumentOutcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d.status == status)

    def summary(self) -> dict[str, int]:
        seen = sum(1 for d in self.documents if d.status != "pruned")
        counts = {s: self.count(s) for s in ("new", "changed", "unchanged", "failed", "pruned")}
        return {
            "seen": seen,
            **counts,
            "facts_written": sum(d.facts_written for d in self.documents),
            "facts_removed": sum(d.facts_removed for d in self.documents),
        }

    def finish(self, exit_code: int, error: str | None = None) -> IngestReport:
        self.finished_at = time.time()
        self.exit_code = exit_code
        self.error = error
        self.status = {EXIT_OK: "ok", EXIT_PARTIAL: "partial"}.get(exit_code, "aborted")
        self.timings["total_s"] = round(self.finished_at - self.started_at, 3)
        return self

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["documents"] = self.summary()
        data["failures"] = [
            {"path": d.path, "id": d.id, "reason": d.reason}
            for d in self.documents
            if d.status == "failed"
        ]
        data["details"] = [asdict(d) for d in self.documents]
        data["started_at"] = _iso(self.started_at)
        data["finished_at"] = _iso(self.finished_at) if self.finished_at else None
        return data

    def write(self, path: Path) -> None:
        """Written whole or not at all (temp file + rename), so cron never sees half a report."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            # the owner's only, as the graph is: it lists every document and every failure
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n")
            os.replace(tmp, path)
        except OSError as exc:
            raise LlzoKgError(f"cannot write the report to {path}: {exc.strerror}") from None


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


Progress = Callable[[DocumentOutcome, int, int], None]


# --- stages, as audit events ------------------------------------------------------------------


def stage(name: str, subject: str = "") -> None:
    """Announce a stage of the run as the audit event ``llzo_kg.ingest`` with ``(name,
    subject)``: ``locked``, ``before``/``extracted``/``after`` a file (its name),
    ``extracting`` in the worker, ``prune`` of a document (its id). Python's audit hooks
    (``sys.addaudithook``) see them: a user's monitoring can, and the crash tests pause the real
    process at a chosen one (tests/pausing.py, docs/decisions/0611). Without a hook the event
    costs a check of an empty list."""
    sys.audit(AUDIT_EVENT, name, subject)


# --- the run -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    id: str
    file_name: str | None
    sha256: str | None
    extractor_version: str | None
    fact_count: int


def with_retries(action: Callable[[], T], what: str, delays: Sequence[float] = RETRY_DELAYS_S) -> T:
    """Run ``action``; while the database is unreachable wait and try again (every write is one
    idempotent unit, so repeating it is safe); after the last delay the error goes up."""
    for attempt, delay in enumerate([*delays, None], start=1):
        try:
            return action()
        except GraphUnavailable as exc:
            if not exc.retryable:
                raise
            if delay is None:
                raise GraphUnavailable(
                    f"{exc} — gave up {what} after {attempt} attempts over "
                    f"{sum(delays):.0f} s; documents already written are complete, re-run "
                    f"'llzo-kg ingest' once the database is back"
                ) from None
            log.warning(
                "graph database unreachable while %s (attempt %d): retrying in %.0f s",
                what,
                attempt,
                delay,
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


def run_ingest(
    backend: GraphBackend,
    paths: Sequence[Path] = DEFAULT_PATHS,
    *,
    full: bool = False,
    prune: bool = False,
    reader: Reader | None = None,
    extractor: Extractor | None = None,
    version: str | None = None,
    progress: Progress | None = None,
    retry_delays: Sequence[float] = RETRY_DELAYS_S,
    report: IngestReport | None = None,
    workers: int = 1,
    cluster: str | None = None,
    doc_timeout: float | None = DEFAULT_BUDGET_S,
) -> IngestReport:
    """Bring the graph in line with the documents under ``paths`` and say what happened. The
    caller holds the ingest lock. ``reader`` and ``extractor`` default to the corpus reader and
    the miner (loaded only when a document needs them). Documents are read and extracted in
    ``workers`` processes (``llzo_kg.parallel``), each document within ``doc_timeout`` seconds
    (None: no limit), or with a ``cluster`` address on a Dask cluster
    (``llzo_kg.distributed``); the writes, the report and the graph stay those of one worker.
    Given ``reader``/``extractor`` callables with one worker run in-process, without a budget
    (with more they must pickle)."""
    version = version or extractor_version()
    report = report or IngestReport([str(p) for p in paths], full, prune, version)
    timings = report.timings
    clock = time.perf_counter()
    problems: list[tuple[str, str]] = []
    files = discover(paths, problems)
    for where, problem in problems:
        reason = f"{problem}; nothing is pruned while part of the folder cannot be seen"
        log.error("%s", reason)
        report.documents.append(DocumentOutcome(where, "failed", reason=reason))
    rows = with_retries(lambda: backend.run(_STORED), "reading the stored documents", retry_delays)
    stored = [
        _Stored(r["id"], r["fileName"], r["sha256"], r["extractorVersion"], r["factCount"] or 0)
        for r in rows
    ]
    if prune and stored and not files:
        raise LlzoKgError(
            f"refusing to prune all {len(stored)} documents of the graph: no files found under "
            f"{', '.join(str(p) for p in paths)} (is the folder mounted?)"
        )
    known = {(s.file_name, s.sha256, s.extractor_version): s for s in stored}
    stored_ids = {s.id: s for s in stored}
    todo: list[tuple[Path, str]] = []
    claimed: dict[str, str] = {}  # document id -> path that provides it in this run
    for path in files:
        try:
            sha = file_sha256(path)
        except OSError as exc:  # unreadable (permissions) or gone since the folder was listed
            reason = f"{path}: cannot read the file ({exc.strerror or exc})"
            log.error("%s", reason)
            report.documents.append(DocumentOutcome(str(path), "failed", reason=reason))
            continue
        hit = None if full else known.get((path.name, sha, version))
        if hit is None or hit.id in claimed:
            todo.append((path, sha))
            continue
        claimed[hit.id] = str(path)
        report.documents.append(DocumentOutcome(str(path), "unchanged", hit.id, sha))
    timings["scan_s"] = round(time.perf_counter() - clock, 3)
    done = len(report.documents)
    total = len(files) + len(problems) + (len(stored) if prune and not problems else 0)
    if progress:
        for number, outcome in enumerate(report.documents, start=1):
            progress(outcome, number, total)

    if todo or prune:
        with_retries(lambda: ensure_schema(backend), "creating the schema", retry_delays)
    stages = _Stages(reader, extractor, timings)
    if todo and (workers > 1 or cluster or (reader is None and extractor is None)):
        from llzo_kg.parallel import fan_out

        paths_todo = [p for p, _ in todo]
        stages = fan_out(paths_todo, workers, cluster, reader, extractor, timings, doc_timeout)
    try:
        for path, sha in todo:
            stage("before", path.name)
            outcome = _ingest_one(
                backend, path, sha, version, stages, stored_ids, claimed, retry_delays
            )
            report.documents.append(outcome)
            done += 1
            if progress:
                progress(outcome, done, total)
            stage("after", path.name)
    finally:
        stages.close()

    if prune and problems:
        log.error("not pruning: %d part(s) of the folder could not be seen", len(problems))
    elif prune:
        clock = time.perf_counter()
        failed_names = {Path(d.path).name for d in report.documents if d.status == "failed"}
        for gone in sorted(stored, key=lambda s: s.id):
            if gone.id in claimed or gone.file_name in failed_names:
                continue  # present (or present but unreadable: keep what we had)
            outcome = _prune_one(backend, gone, retry_delays)
            report.documents.append(outcome)
            done += 1
            if progress:
                progress(outcome, done, total)
        timings["prune_s"] = round(time.perf_counter() - clock, 3)
    for key in ("read_s", "extract_s", "write_s"):
        timings[key] = round(timings.get(key, 0.0), 3)
    return report.finish(EXIT_PARTIAL if report.count("failed") else EXIT_OK)


class _Stages:
    """The reader and the extractor, imported on first use (spaCy loads only when a document
    has changed), with the time spent in each."""

    def __init__(
        self, reader: Reader | None, extractor: Extractor | None, timings: dict[str, float]
    ) -> None:
        self._reader = reader
        self._extractor = extractor
        self.timings = timings

    def timed(self, key: str, fn: Callable[[], T]) -> T:
        clock = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[key] = self.timings.get(key, 0.0) + time.perf_counter() - clock

    def read(self, path: Path) -> Document:
        if self._reader is None:
            from corpus import read_document

            self._reader = read_document
        reader = self._reader
        return self.timed("read_s", lambda: reader(path))

    def extract(self, doc: Document) -> list[Fact]:
        if self._extractor is None:
            self._extractor = self.timed("extract_s", _load_miner)
        extractor = self._extractor
        return self.timed("extract_s", lambda: extractor(doc))

    def close(self) -> None:
        """Nothing to release in-process (worker stages stop their processes here)."""


def _load_miner() -> Extractor:
    """The real extractor with its spaCy pipeline loaded once for the whole run."""
    from functools import partial

    from miner.extract import extract_document, load_pipeline

    return partial(extract_document, nlp=load_pipeline())


def _ingest_one(
    backend: GraphBackend,
    path: Path,
    sha: str,
    version: str,
    stages: _Stages,
    stored_ids: dict[str, _Stored],
    claimed: dict[str, str],
    retry_delays: Sequence[float],
) -> DocumentOutcome:
    """Read, extract and write one document. Its own problems (unreadable file, extractor
    error, a value the database rejects) fail only this document; an unreachable database ends
    the run."""
    clock = time.perf_counter()
    outcome = DocumentOutcome(str(path), "failed", sha256=sha)
    try:
        doc = stages.read(path)
        outcome.id = doc.id
        if doc.id in claimed:
            raise LlzoKgError(
                f"{path}: document id {doc.id!r} is already the id of "
                f"{claimed[doc.id]}; give one of them another name or id"
            )
        claimed[doc.id] = str(path)
        facts = stages.extract(doc)
        stage("extracted", path.name)
        meta = DocumentMeta(
            id=doc.id,
            title=doc.title,
            file_name=path.name,
            sha256=sha,
            extractor_version=version,
            fact_count=len({fact_key(f) for f in facts}),
        )
        stats = stages.timed(
            "write_s",
            lambda: with_retries(
                lambda: replace_document(backend, meta, facts, doc.references),
                f"writing {path.name}",
                retry_delays,
            ),
        )
    except GraphUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
        outcome.reason = _reason(path, exc)
        outcome.seconds = round(time.perf_counter() - clock, 3)
        log.error("%s", outcome.reason)
        return outcome
    old = stored_ids.get(doc.id)
    outcome.status = "new" if old is None else "changed"
    outcome.facts_written = stats.facts
    outcome.facts_removed = 0 if old is None else old.fact_count
    outcome.seconds = round(time.perf_counter() - clock, 3)
    return outcome


def _prune_one(
    backend: GraphBackend, gone: _Stored, retry_delays: Sequence[float]
) -> DocumentOutcome:
    clock = time.perf_counter()
    stage("prune", gone.id)
    with_retries(lambda: delete_document(backend, gone.id), f"pruning {gone.id}", retry_delays)
    return DocumentOutcome(
        gone.file_name or gone.id,
        "pruned",
        gone.id,
        gone.sha256,
        facts_removed=gone.fact_count,
        seconds=round(time.perf_counter() - clock, 3),
    )


def _reason(path: Path, exc: BaseException) -> str:
    """The error with the file's full path in front (readers often name only the file)."""
    message = str(exc) or type(exc).__name__
    if str(path) in message:
        return message
    if message.startswith(f"{path.name}: "):
        return f"{path}: {message[len(path.name) + 2 :]}"
    if isinstance(exc, LlzoKgError):
        return f"{path}: {message}"
    return f"{path}: {type(exc).__name__}: {message}"


# --- lock + connection + run -------------------------------------------------------------------


def ingest(
    graph_settings: GraphSettings,
    paths: Sequence[Path] = DEFAULT_PATHS,
    *,
    full: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
    retry_delays: Sequence[float] = RETRY_DELAYS_S,
    report_path: Path | None = None,
    reader: Reader | None = None,
    extractor: Extractor | None = None,
    workers: int = 1,
    cluster: str | None = None,
    doc_timeout: float | None = DEFAULT_BUDGET_S,
) -> IngestReport:
    """One run as the CLI does it: take the lock, connect (starting the embedded server when
    needed), ingest, release; the report (also when the run is aborted) goes to
    ``report_path``. A run refused by the lock writes no report: it would overwrite the
    running one's."""
    from graph.backend import connect

    if report_path is not None and not Path(report_path).parent.is_dir():
        raise LlzoKgError(
            f"cannot write the report to {report_path}: the folder "
            f"{Path(report_path).parent} does not exist"
        )
    report = IngestReport([str(p) for p in paths], full, prune, extractor_version())
    lock: IngestLock | None = None
    backend: GraphBackend | None = None
    try:
        if graph_settings.embedded:
            lock = FileLock(graph_settings.data_dir)
            _note_stale(report, lock.acquire())
        backend = with_retries(lambda: connect(graph_settings), "connecting", retry_delays)
        if lock is None:
            lock = GraphLock(backend)
            _note_stale(report, lock.acquire())
        stage("locked")  # either lock (file or Neo4j node) is held here
        held = lock

        def tick(outcome: DocumentOutcome, done: int, total: int) -> None:
            if outcome.status != "unchanged":
                held.heartbeat()
            if progress:
                progress(outcome, done, total)

        run_ingest(
            backend,
            paths,
            full=full,
            prune=prune,
            reader=reader,
            extractor=extractor,
            progress=tick,
            retry_delays=retry_delays,
            report=report,
            workers=workers,
            cluster=cluster,
            doc_timeout=doc_timeout,
        )
        if graph_settings.embedded and report.summary()["facts_written"] + report.count("pruned"):
            _compact(graph_settings)
    except LockHeld:
        lock = None  # not ours to release
        raise
    except LlzoKgError as exc:
        report.finish(exc.exit_code, str(exc))
        raise
    except Exception as exc:  # a database error or a bug: exit 6, never 1 ("partial")
        log.debug("ingestion stopped", exc_info=True)
        failed = IngestFailed(
            f"ingestion stopped on an unexpected error: {type(exc).__name__}: {exc}; documents "
            f"written before it are complete (run with -vv for the traceback)"
        )
        report.finish(failed.exit_code, str(failed))
        raise failed from exc
    finally:
        if lock is not None:
            try:
                lock.release()
            except GraphUnavailable as exc:  # the lock node stays; it goes stale by itself
                log.warning("could not release the ingest lock: %s", exc)
        if backend is not None:
            backend.close()
        if report_path is not None and report.finished_at is not None:
            report.write(report_path)
    return report


def _compact(graph_settings: GraphSettings) -> None:
    """After a run that wrote, the embedded server rewrites its log into a compact base when
    it has grown (docs/decisions/0608), so a restart does not replay the night's statements."""
    from graph.server import EmbeddedServer

    try:
        EmbeddedServer(graph_settings.data_dir).compact()
    except GraphUnavailable as exc:
        log.warning("could not rewrite the graph's append-only log: %s", exc)


def _note_stale(report: IngestReport, stale: Holder | None) -> None:
    if stale is not None:
        report.stale_lock = stale.describe()
