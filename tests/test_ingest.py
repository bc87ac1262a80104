"""Nightly ingestion against both real databases (the embedded FalkorDB and the Neo4j of
tools/neo4j): incremental, idempotent, crash-safe.

In-process tests use the real corpus reader and a small extractor written here (a regular
expression over the sentences) where the point is the bookkeeping, not extraction quality; the
end-to-end and crash tests run the real ``llzo-kg ingest`` (reader + miner) in a subprocess and
compare ``llzo-kg db fingerprint`` digests. "Incremental result == fresh result" is checked by
emptying the graph, ingesting the final folder again and comparing fingerprints. The tests of
the ingest lock file and of a server stopped mid-document run on the embedded server only (Neo4j
takes a lock node, tested with a stale one; stopping the session's Neo4j would cost a restart).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from backends import BACKENDS, Neo4jDatabase, connect_again, wipe
from pausing import pause_env

from corpus.document import Document
from graph.backend import FalkorBackend, GraphBackend
from graph.fingerprint import fingerprint
from graph.server import EmbeddedServer
from llzo_kg.errors import LlzoKgError
from llzo_kg.ingest import (
    IngestFailed,
    discover,
    extractor_version,
    ingest,
    run_ingest,
)
from llzo_kg.settings import DEFAULT_GRAPH_NAME, GraphSettings
from miner.records import Fact, Material

REPO = Path(__file__).resolve().parents[1]
DOCS = Path(__file__).resolve().parent / "data" / "ingest"
CLI = REPO / ".venv" / "bin" / "llzo-kg"
NAMES = ["al-llzo-air.txt", "ga-llzo-sol-gel.txt", "nb-llzo-calc.txt", "ta-llzo-hot-press.txt"]
CORRUPT = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

_CONDUCTIVITY = re.compile(
    r"(Li[0-9A-Za-z.]+O12).*? conductivity of ([\d.]+)(?: × 10\^(-?\d+))? (mS|S) cm\^-1"
)


class ConductivityExtractor:
    """Ionic conductivities written as '<formula> ... conductivity of <value> <unit>': enough to
    give each test document known facts; counts the documents it was asked to read."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, doc: Document) -> list[Fact]:
        self.seen.append(doc.id)
        facts = []
        for sentence in doc.sentences:
            for m in _CONDUCTIVITY.finditer(sentence.text):
                scale = (10 ** int(m[3]) if m[3] else 1) * (1e-3 if m[4] == "mS" else 1)
                facts.append(
                    Fact(
                        kind="measurement",
                        doc=doc.id,
                        section=sentence.section,
                        sentence=sentence.index,
                        start=sentence.start + m.start(),
                        end=sentence.start + m.end(),
                        text=sentence.text,
                        material=Material(m[1], m[1]),
                        property="ionic_conductivity",
                        value=round(float(m[2]) * scale, 12),
                        unit="S/cm",
                        raw=m[0],
                    )
                )
        return facts


def _folder(tmp_path: Path, names: list[str] = NAMES, name: str = "docs") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for doc in names:
        shutil.copy(DOCS / doc, folder / doc)
    return folder


def _fresh_digest(graph: GraphBackend, folder: Path) -> str:
    """The fingerprint of ``folder`` ingested into the emptied graph: what a fresh run makes."""
    wipe(graph)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    return fingerprint(graph).digest


def _values(graph: GraphBackend) -> list[tuple[str, float]]:
    rows = graph.run(
        "MATCH (m:Measurement) RETURN m.doc AS doc, m.value AS value ORDER BY doc, value"
    )
    return [(r["doc"], r["value"]) for r in rows]


# --- in-process: bookkeeping -------------------------------------------------------------------


def test_ingest_twice_gives_the_same_fingerprint_and_skips_unchanged(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    extractor = ConductivityExtractor()
    first = run_ingest(graph, [folder], extractor=extractor)
    assert first.summary() == {
        "seen": 4,
        "new": 4,
        "changed": 0,
        "unchanged": 0,
        "failed": 0,
        "pruned": 0,
        "facts_written": 4,
        "facts_removed": 0,
    }
    assert (first.status, first.exit_code) == ("ok", 0)
    digest = fingerprint(graph).digest
    assert _values(graph) == [
        ("al-llzo-air", 4.0e-4),
        ("ga-llzo-sol-gel", 1.2e-3),
        ("nb-llzo-calc", 6.0e-4),
        ("ta-llzo-hot-press", 8.2e-4),
    ]

    second = run_ingest(graph, [folder], extractor=extractor)
    assert second.summary()["unchanged"] == 4
    assert second.summary()["facts_written"] == 0
    assert extractor.seen == [
        "al-llzo-air",
        "ga-llzo-sol-gel",
        "nb-llzo-calc",
        "ta-llzo-hot-press",
    ]  # nothing read or extracted the second time
    assert "read_s" in second.timings and second.timings["read_s"] == 0.0
    assert fingerprint(graph).digest == digest


def test_ingest_stamps_documents_with_hash_and_extractor_version(graph, tmp_path) -> None:
    folder = _folder(tmp_path, ["ga-llzo-sol-gel.txt"])
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    rows = graph.run(
        "MATCH (d:Document) RETURN d.key AS key, d.fileName AS name, "
        "d.sha256 AS sha, d.extractorVersion AS version, d.factCount AS facts"
    )
    import hashlib

    sha = hashlib.sha256((DOCS / "ga-llzo-sol-gel.txt").read_bytes()).hexdigest()
    assert rows == [
        {
            "key": "ga-llzo-sol-gel",
            "name": "ga-llzo-sol-gel.txt",
            "sha": sha,
            "version": extractor_version(),
            "facts": 1,
        }
    ]


def test_ingest_changed_document_replaces_its_facts(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    paper = folder / "ta-llzo-hot-press.txt"
    paper.write_text(paper.read_text().replace("0.82 mS", "0.91 mS"), encoding="utf-8")

    extractor = ConductivityExtractor()
    report = run_ingest(graph, [folder], extractor=extractor)
    summary = report.summary()
    assert (summary["changed"], summary["unchanged"], summary["new"]) == (1, 3, 0)
    assert (summary["facts_written"], summary["facts_removed"]) == (1, 1)
    assert extractor.seen == ["ta-llzo-hot-press"]
    assert ("ta-llzo-hot-press", 9.1e-4) in _values(graph)
    assert ("ta-llzo-hot-press", 8.2e-4) not in _values(graph)
    assert _fresh_digest(graph, folder) == fingerprint(graph).digest


def test_ingest_prune_removes_documents_that_left_the_folder(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    (folder / "nb-llzo-calc.txt").unlink()

    kept = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    assert kept.summary()["pruned"] == 0  # without --prune nothing is removed
    assert len(graph.run("MATCH (d:Document {key: 'nb-llzo-calc'}) RETURN d")) == 1

    report = run_ingest(graph, [folder], prune=True, extractor=ConductivityExtractor())
    pruned = [d for d in report.documents if d.status == "pruned"]
    assert [(d.id, d.facts_removed) for d in pruned] == [("nb-llzo-calc", 1)]
    assert graph.run("MATCH (n {doc: 'nb-llzo-calc'}) RETURN count(n) AS n") == [{"n": 0}]
    assert graph.run(
        "MATCH (m:Material {key: 'Li6.75La3Zr1.75Nb0.25O12'}) RETURN count(m) AS n"
    ) == [{"n": 0}]
    # the Property node is shared with the documents that stay
    assert graph.run("MATCH (p:Property) RETURN p.key AS key") == [{"key": "ionic_conductivity"}]
    assert _fresh_digest(graph, folder) == fingerprint(graph).digest


def test_ingest_full_re_extracts_everything_with_the_same_result(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    digest = fingerprint(graph).digest
    extractor = ConductivityExtractor()
    report = run_ingest(graph, [folder], full=True, extractor=extractor)
    assert len(extractor.seen) == 4
    assert report.summary()["changed"] == 4
    assert fingerprint(graph).digest == digest


def test_ingest_new_extractor_version_re_extracts(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    run_ingest(graph, [folder], extractor=ConductivityExtractor(), version="llzo-kg 0.0.9")
    extractor = ConductivityExtractor()
    report = run_ingest(graph, [folder], extractor=extractor)
    assert report.summary()["changed"] == 2
    assert graph.run("MATCH (d:Document) RETURN DISTINCT d.extractorVersion AS v") == [
        {"v": extractor_version()}
    ]


def test_ingest_corrupt_document_fails_alone(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    (folder / "latin1-notes.txt").write_bytes(
        "Li7La3Zr2O12 sintered at 1230 \xb0C".encode("latin-1")
    )
    report = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    assert (report.status, report.exit_code) == ("partial", 1)
    assert report.summary()["new"] == 4
    failed = {Path(d.path).name: d.reason for d in report.documents if d.status == "failed"}
    assert sorted(failed) == ["broken-scan.txt", "latin1-notes.txt"]
    assert str(folder / "broken-scan.txt") in failed["broken-scan.txt"]
    assert str(folder / "latin1-notes.txt") in failed["latin1-notes.txt"]
    assert "UTF-8" in failed["latin1-notes.txt"]
    # a failed document is retried next time and is not pruned by mistake meanwhile
    again = run_ingest(graph, [folder], prune=True, extractor=ConductivityExtractor())
    assert again.summary()["failed"] == 2 and again.summary()["pruned"] == 0
    partial = fingerprint(graph).digest
    assert _fresh_digest(graph, _folder(tmp_path, name="good")) == partial


def test_ingest_nul_byte_after_the_first_8kb_reaches_the_graph_as_a_space(graph, tmp_path):
    """Past the binary check a NUL used to reach the writer and break the document's Cypher
    statement, every night; now it is a space before anything is written."""
    folder = tmp_path / "docs"
    folder.mkdir()
    head = "Intro " * 1500 + ".\n\n"
    body = "Li7La3Zr2O12\x00 showed an ionic conductivity of 1.2 mS cm^-1 at 25 °C.\n"
    (folder / "late-nul.txt").write_bytes((head + body).encode("utf-8"))
    report = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    assert (report.exit_code, report.summary()["new"]) == (0, 1)
    rows = graph.run("MATCH (s:Sentence) RETURN s.text AS text")
    assert rows == [{"text": "Li7La3Zr2O12 showed an ionic conductivity of 1.2 mS cm^-1 at 25 °C."}]
    assert _values(graph) == [("late-nul", 1.2e-3)]


def test_ingest_changed_document_that_became_unreadable_keeps_its_old_facts(
    graph, tmp_path
) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    before = fingerprint(graph).digest
    (folder / "al-llzo-air.txt").write_bytes(CORRUPT)
    report = run_ingest(graph, [folder], prune=True, extractor=ConductivityExtractor())
    assert report.exit_code == 1
    assert fingerprint(graph).digest == before


def test_ingest_prune_keeps_the_documents_of_a_linked_folder_whose_target_is_gone(
    graph, tmp_path
) -> None:
    """A linked subfolder on a share that is not mounted tonight: its link dangles, the walk
    used to skip it without a word and ``--prune`` deleted all its documents."""
    folder = _folder(tmp_path, NAMES[:1])
    shelf = _folder(tmp_path, NAMES[1:3], name="share")
    (folder / "shelf").symlink_to(shelf)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    before = fingerprint(graph).digest
    shelf.rename(tmp_path / "unmounted")
    report = run_ingest(graph, [folder], prune=True, extractor=ConductivityExtractor())
    assert (report.status, report.exit_code) == ("partial", 1)
    assert report.summary()["pruned"] == 0
    assert [(d.path, d.reason) for d in report.documents if d.status == "failed"] == [
        (
            str(folder / "shelf"),
            f"{folder / 'shelf'}: a link to {shelf}, which cannot be reached; nothing is "
            "pruned while part of the folder cannot be seen",
        )
    ]
    assert fingerprint(graph).digest == before


def test_ingest_same_id_from_two_files_fails_the_second(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:1])
    (folder / "copy").mkdir()
    (folder / "copy" / "al-llzo-air.txt").write_text("Another paper with the same name.\n")
    report = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    failed = [d for d in report.documents if d.status == "failed"]
    assert [d.reason for d in failed] == [
        f"{folder / 'copy' / 'al-llzo-air.txt'}: document id 'al-llzo-air' is already the id "
        f"of {folder / 'al-llzo-air.txt'}; give one of them another name or id"
    ]


def test_ingest_identity_is_path_independent(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    moved = tmp_path / "elsewhere" / "papers"
    moved.parent.mkdir()
    shutil.move(folder, moved)
    report = run_ingest(graph, [moved], prune=True, extractor=ConductivityExtractor())
    assert report.summary()["unchanged"] == 2 and report.summary()["pruned"] == 0


def test_discover_skips_hidden_files_and_lists_each_file_once(tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref")
    found = discover([folder, folder / NAMES[0]])
    assert [p.name for p in found] == NAMES[:2]


def test_discover_follows_linked_folders_without_looping(tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:1])
    shelf = _folder(tmp_path, NAMES[1:3], name="shelf")
    (folder / "shelf").symlink_to(shelf)
    (folder / "loop").symlink_to(folder)
    found = discover([folder])
    assert [p.relative_to(folder).as_posix() for p in found] == [
        "al-llzo-air.txt",
        "shelf/ga-llzo-sol-gel.txt",
        "shelf/nb-llzo-calc.txt",
    ]


def test_ingest_report_file_counts_and_reasons(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    report = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    out = tmp_path / "report.json"
    report.write(out)
    data = json.loads(out.read_text())
    assert data["documents"] == {
        "seen": 3,
        "new": 2,
        "changed": 0,
        "unchanged": 0,
        "failed": 1,
        "pruned": 0,
        "facts_written": 2,
        "facts_removed": 0,
    }
    assert data["status"] == "partial" and data["exit_code"] == 1
    assert [f["path"] for f in data["failures"]] == [str(folder / "broken-scan.txt")]
    assert set(data["timings"]) == {"scan_s", "read_s", "extract_s", "write_s", "total_s"}
    assert [d["status"] for d in data["details"]] == ["new", "failed", "new"]


def test_ingest_unexpected_error_is_exit_6_with_a_report(cli_server, tmp_path) -> None:
    """Neither a document's fault nor an unreachable database (here: a progress callback that
    breaks): exit code 6, never 1 ("partial"); the report says why; the lock is released."""
    CliDb("falkordb", cli_server).wipe()

    def broken(outcome, done, total):
        raise KeyError("progress")

    out = tmp_path / "report.json"
    with pytest.raises(IngestFailed) as err:
        ingest(
            GraphSettings(data_dir=cli_server),
            [_folder(tmp_path, NAMES[:1])],
            extractor=ConductivityExtractor(),
            progress=broken,
            report_path=out,
        )
    assert err.value.exit_code == 6
    assert str(err.value) == (
        "ingestion stopped on an unexpected error: KeyError: 'progress'; documents written "
        "before it are complete (run with -vv for the traceback)"
    )
    data = json.loads(out.read_text())
    assert (data["status"], data["exit_code"], data["error"]) == ("aborted", 6, str(err.value))
    assert (cli_server / "ingest.lock").read_text() == ""  # released


def test_ingest_report_and_lock_are_their_owners_only(cli_server, tmp_path) -> None:
    """The report lists every document and failure; it was world-readable (0644)."""
    import stat

    CliDb("falkordb", cli_server).wipe()
    out = tmp_path / "report.json"
    ingest(
        GraphSettings(data_dir=cli_server),
        [_folder(tmp_path, NAMES[:1])],
        extractor=ConductivityExtractor(),
        report_path=out,
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE((cli_server / "ingest.lock").stat().st_mode) == 0o600


def test_with_retries_does_not_wait_for_what_waiting_cannot_fix() -> None:
    from llzo_kg.errors import GraphUnavailable
    from llzo_kg.ingest import with_retries

    calls = []

    def full_disk() -> None:
        calls.append(1)
        raise GraphUnavailable("the disk is full", retryable=False)

    with pytest.raises(GraphUnavailable, match="the disk is full"):
        with_retries(full_disk, "writing", delays=[3600.0])
    assert calls == [1]


def test_ingest_library_run_takes_the_lock_and_writes_the_report(cli_server, tmp_path) -> None:
    CliDb("falkordb", cli_server).wipe()
    out = tmp_path / "report.json"
    report = ingest(
        GraphSettings(data_dir=cli_server),
        [_folder(tmp_path, NAMES[:2])],
        extractor=ConductivityExtractor(),
        report_path=out,
    )
    assert (report.exit_code, report.stale_lock) == (0, None)
    assert json.loads(out.read_text())["documents"]["new"] == 2
    assert (cli_server / "ingest.lock").read_text() == ""


# --- subprocess: the real CLI, reader and miner ------------------------------------------------


@pytest.fixture(scope="module")
def cli_server(tmp_path_factory) -> Iterator[Path]:
    """One embedded server for the CLI tests, started here (a child of pytest: stopping it is
    quick), wiped before each test."""
    path = tmp_path_factory.mktemp("cli") / "db"
    server = EmbeddedServer(path)
    server.start()
    yield path
    server.stop()


class CliDb:
    """Where the CLI runs of a test write: the module's embedded server (``--data-dir``) or
    the session's Neo4j (``--neo4j-uri``; the data directory then holds nothing)."""

    def __init__(self, name: str, path: Path, neo4j: Neo4jDatabase | None = None) -> None:
        self.name = name
        self.path = path
        self.neo4j = neo4j
        self.args = ["--data-dir", str(path)]
        if neo4j is not None:
            self.args += ["--neo4j-uri", neo4j.backend.target]

    def backend(self) -> GraphBackend:
        if self.neo4j is not None:
            return connect_again(self.neo4j.backend)
        state = EmbeddedServer(self.path).start()
        return FalkorBackend(state.host, state.port, DEFAULT_GRAPH_NAME, password=state.password)

    def wipe(self) -> None:
        """An empty graph and no lock, as in a fresh database."""
        if self.neo4j is not None:
            self.neo4j.fresh()
            self.neo4j.touched()
            return
        backend = self.backend()
        try:
            wipe(backend)
        finally:
            backend.close()
        (self.path / "ingest.lock").unlink(missing_ok=True)

    def plant_stale_lock(self) -> None:
        """The lock a run on another machine left long ago (pid 999999999 on labserver)."""
        holder = {"pid": 999_999_999, "host": "labserver", "started_at": 1.0e9, "token": "x"}
        if self.neo4j is None:
            (self.path / "ingest.lock").write_text(json.dumps(holder))
            return
        self.neo4j.backend.run(
            "CREATE (:IngestLock {key: 'ingest', token: $token, pid: $pid, host: $host, "
            "startedAt: $started_at, heartbeat: $started_at})",
            holder,
        )


@pytest.fixture(scope="module", params=BACKENDS)
def cli_db(request: pytest.FixtureRequest, tmp_path_factory) -> CliDb:
    if request.param == "neo4j":
        db = CliDb(
            "neo4j", tmp_path_factory.mktemp("cli-neo4j"), request.getfixturevalue("neo4j_db")
        )
    else:
        db = CliDb("falkordb", request.getfixturevalue("cli_server"))
    return db


@pytest.fixture()
def db(cli_db: CliDb) -> CliDb:
    cli_db.wipe()
    return cli_db


@pytest.fixture()
def falkor_db(cli_server: Path) -> CliDb:
    db = CliDb("falkordb", cli_server)
    db.wipe()
    return db


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _digest(db: CliDb) -> str:
    result = _cli("db", "fingerprint", *db.args)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _start_paused(
    db: CliDb, folder: Path, point: str, pause_file: Path, *extra: str
) -> subprocess.Popen:
    env = {**os.environ, **pause_env(point, pause_file)}
    proc = subprocess.Popen(
        [str(CLI), "ingest", str(folder), *db.args, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(1200):
        if pause_file.exists() or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert pause_file.exists(), f"never paused at {point}: {proc.communicate()}"
    pid, paused_at = pause_file.read_text().split(" ", 1)
    assert paused_at == f"{point}\n"
    if not point.startswith("extracting:"):  # that one pauses in the extraction worker
        assert int(pid) == proc.pid
    return proc


def _wait_gone(pid: int) -> None:
    import psutil

    try:
        psutil.Process(pid).wait(60)
    except psutil.NoSuchProcess:
        pass
    except psutil.TimeoutExpired:
        raise AssertionError(f"process {pid} outlived the run that started it") from None


@pytest.fixture(scope="module")
def clean_digest(cli_db: CliDb, tmp_path_factory) -> str:
    """The fingerprint of an uninterrupted CLI run over the four test documents."""
    folder = _folder(tmp_path_factory.mktemp("clean"))
    cli_db.wipe()
    first = _cli("ingest", str(folder), *cli_db.args)
    assert first.returncode == 0, first.stderr
    digest = _digest(cli_db)
    second = _cli("ingest", str(folder), *cli_db.args)
    assert second.returncode == 0, second.stderr
    assert "0 new, 0 changed, 4 unchanged" in second.stdout
    assert _digest(cli_db) == digest  # idempotent with the real reader and miner
    return digest


def test_cli_ingest_is_idempotent_with_the_real_miner(clean_digest, db, tmp_path) -> None:
    report = tmp_path / "report.json"
    result = _cli("ingest", str(_folder(tmp_path)), *db.args, "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert _digest(db) == clean_digest
    data = json.loads(report.read_text())
    assert data["documents"]["new"] == 4 and data["documents"]["facts_written"] > 0
    assert result.stdout.startswith("ingest ok: 4 documents seen, 4 new, 0 changed")


@pytest.mark.parametrize(
    "point",
    [
        "locked",  # early: lock taken, nothing read
        "after:al-llzo-air.txt",  # between documents
        "extracted:ga-llzo-sol-gel.txt",  # mid-document: read and extracted, not written
        "write:nb-llzo-calc.txt:1",  # mid-document: inside the writer, before its statement
        "extracting:ta-llzo-hot-press.txt",  # inside the extraction worker
    ],
)
def test_cli_ingest_killed_then_rerun_ends_like_a_clean_run(
    point, clean_digest, db, tmp_path
) -> None:
    folder = _folder(tmp_path)
    pause = tmp_path / "paused"
    proc = _start_paused(db, folder, point, pause)
    paused_pid = int(pause.read_text().split()[0])
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    _wait_gone(paused_pid)  # an extraction worker dies with its run
    pause.unlink()
    report = tmp_path / "report.json"
    rerun = _cli("ingest", str(folder), *db.args, "--report", str(report))
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(report.read_text())["stale_lock"].startswith(f"pid {proc.pid} on ")
    assert _digest(db) == clean_digest


def test_cli_ingest_pause_at_a_point_never_reached_fails_the_test(falkor_db, tmp_path) -> None:
    """The crash tests stand on their pause being reached: at a point the run never announces
    (a file it does not ingest, a write it does not make) the run finishes and the helper says
    so, instead of killing a finished process and passing."""
    folder = _folder(tmp_path, NAMES[:1])
    for point in ("after:not-in-the-folder.txt", "write:al-llzo-air.txt:2"):
        with pytest.raises(AssertionError, match=f"never paused at {point}"):
            _start_paused(falkor_db, folder, point, tmp_path / "paused")


def test_cli_ingest_document_over_its_time_budget_fails_alone(falkor_db, tmp_path) -> None:
    """One document that would take hours (here: paused inside the worker, so the test does not
    depend on the machine's speed) is stopped at the budget; the others are ingested, nothing of
    it is written, the lock is free for the next night."""
    folder = _folder(tmp_path, NAMES[:2])
    pause = tmp_path / "paused"
    report = tmp_path / "report.json"
    env = pause_env("extracting:al-llzo-air.txt", pause)
    result = _cli(
        "ingest", str(folder), *falkor_db.args, "--doc-timeout", "2",
        "--report", str(report), env=env,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    worker = int(pause.read_text().split()[0])
    _wait_gone(worker)
    reason = (
        f"{folder / 'al-llzo-air.txt'}: reading and extracting took longer than the budget of "
        "2 s per document (--doc-timeout); stopped, nothing of it written"
    )
    assert json.loads(report.read_text())["failures"] == [
        {"path": str(folder / "al-llzo-air.txt"), "id": None, "reason": reason}
    ]
    assert f"failed {reason}" in result.stderr
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
    assert [doc for doc, _ in _graph_values(falkor_db)] == ["ga-llzo-sol-gel"]
    assert (falkor_db.path / "ingest.lock").read_text() == ""


def test_cli_ingest_concurrent_run_is_refused(db, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:1])
    pause = tmp_path / "paused"
    first = _start_paused(db, folder, "locked", pause)
    try:
        report = tmp_path / "second.json"
        second = _cli("ingest", str(folder), *db.args, "--report", str(report))
        assert second.returncode == 5
        assert f"another ingestion run (pid {first.pid} on " in second.stderr
        assert "wait for it to finish" in second.stderr
        assert not report.exists()
    finally:
        pause.unlink()
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err


def test_cli_ingest_takes_over_a_stale_lock(db, tmp_path) -> None:
    db.plant_stale_lock()
    report = tmp_path / "report.json"
    result = _cli("ingest", str(_folder(tmp_path, NAMES[:1])), *db.args, "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert "took over the stale ingest lock" in result.stderr
    assert json.loads(report.read_text())["stale_lock"].startswith("pid 999999999 on labserver")


def test_cli_ingest_server_stopped_mid_document(falkor_db, tmp_path) -> None:
    folder = _folder(tmp_path)
    pause = tmp_path / "paused"
    report = tmp_path / "report.json"
    proc = _start_paused(
        falkor_db,
        folder,
        "write:ga-llzo-sol-gel.txt:1",
        pause,
        "--retries",
        "2",
        "--report",
        str(report),
    )
    assert EmbeddedServer(falkor_db.path).stop()
    pause.unlink()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 3
    assert "llzo-kg: error: cannot reach the graph database at falkordb://127.0.0.1:" in err
    assert "gave up writing ga-llzo-sol-gel.txt after 3 attempts over 3 s" in err
    data = json.loads(report.read_text())
    assert (data["status"], data["exit_code"]) == ("aborted", 3)
    assert [(Path(d["path"]).name, d["status"]) for d in data["details"]] == [
        ("al-llzo-air.txt", "new")
    ]
    # nothing half-written: the graph holds exactly what a run over the first document makes
    EmbeddedServer(falkor_db.path).start()
    after_abort = _digest(falkor_db)
    falkor_db.wipe()
    first_only = _cli("ingest", str(_folder(tmp_path, NAMES[:1], "first")), *falkor_db.args)
    assert first_only.returncode == 0, first_only.stderr
    assert after_abort == _digest(falkor_db)


def test_cli_ingest_server_killed_mid_document_then_rerun_ends_like_a_clean_run(
    clean_digest, falkor_db, tmp_path
) -> None:
    """SIGKILL of the server (not a clean stop) in the middle of a run: the run ends with exit
    3, the next one restarts the server from its log and ends with the clean-run graph."""
    folder = _folder(tmp_path)
    pause = tmp_path / "paused"
    proc = _start_paused(falkor_db, folder, "write:nb-llzo-calc.txt:1", pause, "--retries", "1")
    state = EmbeddedServer(falkor_db.path).state()
    assert state is not None
    os.kill(state.pid, signal.SIGKILL)
    _wait_gone(state.pid)
    pause.unlink()
    proc.communicate(timeout=300)
    assert proc.returncode == 3
    rerun = _cli("ingest", str(folder), *falkor_db.args)
    assert rerun.returncode == 0, rerun.stderr
    assert _digest(falkor_db) == clean_digest


def test_cli_ingest_corrupt_document_exit_code_partial(db, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    report = tmp_path / "report.json"
    result = _cli("ingest", str(folder), *db.args, "--report", str(report))
    assert result.returncode == 1
    assert f"failed {folder / 'broken-scan.txt'}: " in result.stderr
    assert result.stdout.startswith(
        "ingest partial: 3 documents seen, 2 new, 0 changed, 0 unchanged, 1 failed"
    )
    data = json.loads(report.read_text())
    assert [f["path"] for f in data["failures"]] == [str(folder / "broken-scan.txt")]


FORGED = "2026-11-25T02:15:03 [9∕9] new forged.txt (id forged): 99 facts written"  # ∕ U+2215


def test_cli_ingest_file_names_with_control_characters_cannot_forge_log_lines(
    falkor_db, tmp_path
) -> None:
    """Under cron every document line goes to one log: a newline in a file name used to start a
    line of the attacker's choosing, an escape sequence to rewrite the terminal."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DOCS / NAMES[0], folder / f"evil\n{FORGED}.txt")
    (folder / f"scan\r\x1b[2K{FORGED}.txt").write_bytes(CORRUPT)
    result = _cli("ingest", str(folder), *falkor_db.args)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert not any(line.startswith(FORGED) for line in lines)
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    new = [line for line in lines if re.match(r"\S+ \[\d/2\] new ", line)]
    failed = [line for line in lines if re.match(r"\S+ \[\d/2\] failed ", line)]
    assert len(new) == 1 and len(failed) == 1
    assert f" new '{folder}/evil\\n{FORGED}.txt' (id 'evil\\n{FORGED}'): " in new[0]
    assert f" failed '{folder}/scan\\r\\x1b[2K{FORGED}.txt': binary data " in failed[0]


def _unprivileged() -> list[str]:
    """A prefix that runs a command without the capabilities that let root read any file, so
    that a folder with mode 000 is unreadable to it as to any user."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all"]


def test_cli_ingest_prune_keeps_the_documents_of_an_unreadable_subfolder(falkor_db, tmp_path):
    folder = _folder(tmp_path, NAMES[:1])
    sub = _folder(folder, NAMES[1:3], name="batch-2")
    assert _cli("ingest", str(folder), *falkor_db.args).returncode == 0
    before = _digest(falkor_db)
    sub.chmod(0)
    try:
        report = tmp_path / "report.json"
        result = subprocess.run(
            [*_unprivileged(), str(CLI), "ingest", str(folder), "--prune"]
            + [*falkor_db.args, "--report", str(report)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        sub.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "1 unchanged, 1 failed, 0 pruned" in result.stdout
    data = json.loads(report.read_text())
    assert data["failures"] == [
        {
            "path": str(sub),
            "id": None,
            "reason": f"{sub}: cannot list the folder (Permission denied); nothing is pruned "
            "while part of the folder cannot be seen",
        }
    ]
    assert _digest(falkor_db) == before


def test_cli_fingerprint_json_lists_counts(db, tmp_path) -> None:
    result = _cli("ingest", str(_folder(tmp_path, NAMES[:1])), *db.args)
    assert result.returncode == 0, result.stderr
    out = _cli("db", "fingerprint", *db.args, "--format", "json")
    data = json.loads(out.stdout)
    assert data["fingerprint"] == _digest(db)
    assert data["labels"]["Document"] == 1


def test_cli_ingest_refuses_a_report_in_a_missing_folder(tmp_path) -> None:
    missing = tmp_path / "no-such-folder" / "report.json"
    result = _cli(
        "ingest",
        str(_folder(tmp_path, NAMES[:1])),
        "--data-dir",
        str(tmp_path / "db"),
        "--report",
        str(missing),
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"llzo-kg: error: cannot write the report to {missing}: the folder "
        f"{missing.parent} does not exist\n"
    )
    assert not (tmp_path / "db").exists()  # refused before locking or starting a server


def test_ingest_empty_folder_is_ok(graph, tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    report = run_ingest(graph, [tmp_path / "empty"], prune=True)
    assert (report.status, report.summary()["seen"]) == ("ok", 0)


def test_ingest_prune_refuses_to_empty_the_graph_from_an_empty_folder(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    for path in folder.iterdir():
        path.unlink()
    with pytest.raises(LlzoKgError) as err:
        run_ingest(graph, [folder], prune=True)
    assert str(err.value) == (
        f"refusing to prune all 2 documents of the graph: no files found under {folder} "
        "(is the folder mounted?)"
    )
    assert graph.run("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 2}]


def _graph_values(db: CliDb) -> list[tuple[str, float]]:
    backend = db.backend()
    try:
        rows = backend.run(
            "MATCH (m:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'}) "
            "RETURN m.doc AS doc, m.value AS value ORDER BY doc, value"
        )
    finally:
        backend.close()
    return [(r["doc"], r["value"]) for r in rows]


def test_cli_ingest_changed_document_with_the_real_miner(clean_digest, db, tmp_path):
    folder = _folder(tmp_path)
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    assert ("ta-llzo-hot-press", 8.2e-4) in _graph_values(db)
    paper = folder / "ta-llzo-hot-press.txt"
    paper.write_text(paper.read_text().replace("0.82 mS", "0.91 mS"), encoding="utf-8")

    report = tmp_path / "report.json"
    result = _cli("ingest", str(folder), *db.args, "--report", str(report))
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text())
    assert (data["documents"]["changed"], data["documents"]["unchanged"]) == (1, 3)
    changed = [d for d in data["details"] if d["status"] == "changed"]
    assert [d["id"] for d in changed] == ["ta-llzo-hot-press"]
    assert changed[0]["facts_written"] == changed[0]["facts_removed"] > 0
    values = _graph_values(db)
    assert ("ta-llzo-hot-press", 9.1e-4) in values
    assert ("ta-llzo-hot-press", 8.2e-4) not in values
    incremental = _digest(db)
    assert incremental != clean_digest
    db.wipe()
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    assert _digest(db) == incremental  # the same graph as a fresh run over the new folder


def test_cli_incremental_run_with_the_review_equals_a_fresh_run(review_path, db, tmp_path):
    """The founding review (read from ../shared, never copied into the project) beside the test
    papers: shared materials, methods and properties across documents, then a change and a
    prune; the incremental graph must be the graph a fresh run builds."""
    folder = _folder(tmp_path)
    (folder / review_path.name).symlink_to(review_path)
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    paper = folder / "ta-llzo-hot-press.txt"
    paper.write_text(paper.read_text().replace("0.82 mS", "0.91 mS"), encoding="utf-8")
    (folder / "nb-llzo-calc.txt").unlink()
    result = _cli("ingest", str(folder), *db.args, "--prune")
    assert result.returncode == 0, result.stderr
    assert "4 documents seen, 0 new, 1 changed, 3 unchanged, 0 failed, 1 pruned" in result.stdout
    incremental = _digest(db)
    db.wipe()
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    assert _digest(db) == incremental


def test_cli_ingest_killed_while_pruning_then_rerun(db, tmp_path) -> None:
    folder = _folder(tmp_path)
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    (folder / "al-llzo-air.txt").unlink()
    (folder / "nb-llzo-calc.txt").unlink()
    pause = tmp_path / "paused"
    proc = _start_paused(db, folder, "prune:nb-llzo-calc", pause, "--prune")
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    rerun = _cli("ingest", str(folder), *db.args, "--prune")
    assert rerun.returncode == 0, rerun.stderr
    assert "0 new, 0 changed, 2 unchanged, 0 failed, 1 pruned" in rerun.stdout  # al went first
    pruned = _digest(db)
    db.wipe()
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    assert _digest(db) == pruned


def test_ingest_fingerprint_and_lock_cypher_is_neo4j5_cypher(tmp_path) -> None:
    """The statements issue 7 sends also to Neo4j, through Neo4j's own linter
    (tools/cypher-lint). The lock label and its ``token`` key are not part of docs/schema.md,
    so the linter may only warn about those; ``CALL db.labels()`` is left out (the linter knows
    no procedures)."""
    from graph import fingerprint as fp
    from llzo_kg import lock
    from llzo_kg.ingest import _STORED

    lock_params = {
        "token": "'t' (string)",
        "pid": "1 (integer)",
        "host": "'h' (string)",
        "started_at": "1.0 (float)",
        "heartbeat": "1.0 (float)",
    }
    statements = {
        "fp_page": (
            {"limit": "2000 (integer)", "after": "'a' (string)"},
            fp.page_statement("Material"),
        ),
        "fp_keyless": ({}, fp.keyless_statement("Material")),
        "stored": ({}, _STORED),
        "lock_acquire": (lock_params, lock._ACQUIRE),
        "lock_take_over": ({**lock_params, "old": "'o' (string)"}, lock._TAKE_OVER),
        "lock_heartbeat": ({"token": "'t' (string)", "now": "1.0 (float)"}, lock._HEARTBEAT),
        "lock_release": ({"token": "'t' (string)"}, lock._RELEASE),
    }
    for name, (params, text) in statements.items():
        header = f"// name: {name}\n// question: What does issue 7 send?\n"
        header += "".join(f"// param: {k} = {v} — value\n" for k, v in params.items())
        (tmp_path / f"{name}.cypher").write_text(header + text, encoding="utf-8")
    done = subprocess.run(
        ["node", str(REPO / "tools" / "cypher-lint" / "lint.mjs"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    report = json.loads(done.stdout)
    found = {
        Path(f["file"]).stem: {
            (d["severity"], d["message"].split(" is not present")[0]) for d in f["diagnostics"]
        }
        for f in report["files"]
    }
    lock_only = {("warning", "Label IngestLock"), ("warning", "token")}
    assert found == {
        "fp_page": set(),
        "fp_keyless": set(),
        "stored": set(),
        "lock_acquire": set(),
        "lock_take_over": {("warning", "Label IngestLock")},
        "lock_heartbeat": lock_only,
        "lock_release": lock_only,
    }


NO_SPACY_CHECK = """
import atexit, sys
atexit.register(lambda: print("spacy loaded:", "spacy" in sys.modules))
from llzo_kg.cli import main
sys.argv = ["llzo-kg", "ingest", *sys.argv[1:]]
main()
"""


def test_cli_ingest_no_op_run_does_not_load_spacy(db, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    assert _cli("ingest", str(folder), *db.args).returncode == 0
    python = REPO / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", NO_SPACY_CHECK, str(folder), *db.args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    summary, spacy = done.stdout.splitlines()
    assert summary.startswith(
        "ingest ok: 2 documents seen, 0 new, 0 changed, 2 unchanged, 0 failed, 0 pruned; "
        "0 facts written, 0 removed in "
    )
    assert spacy == "spacy loaded: False"


def test_extractor_version_is_the_derived_code_version() -> None:
    from llzo_kg.version import extractor_version as derived

    assert extractor_version() == derived()


def _comparable(report: dict) -> dict:
    """A report without what depends on the clock."""
    report = {k: v for k, v in report.items() if k not in ("timings", "started_at", "finished_at")}
    report["details"] = [{k: v for k, v in d.items() if k != "seconds"} for d in report["details"]]
    return report


# --- --workers: reading and extraction in worker processes (llzo_kg.parallel) ------------------


class FailingExtractor(ConductivityExtractor):
    """The test extractor, except that it raises on one document — or kills its own process
    (a crash in native code, the OOM killer) when ``how`` is "crash"."""

    def __init__(self, doc_id: str, how: str = "raise") -> None:
        super().__init__()
        self.doc_id, self.how = doc_id, how

    def __call__(self, doc: Document) -> list[Fact]:
        if doc.id == self.doc_id and self.how == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        if doc.id == self.doc_id:
            raise ValueError(f"no reading of {doc.id}")
        return super().__call__(doc)


class Unpicklable(Exception):
    def __init__(self, what: str, where: int) -> None:
        super().__init__(f"{what} at {where}")


def _unpicklable_error(path: Path) -> Document:
    raise Unpicklable("nothing", 3)


def test_ingest_two_workers_give_the_one_worker_graph_and_report(graph, tmp_path):
    folder = _folder(tmp_path)
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    one = run_ingest(graph, [folder], extractor=ConductivityExtractor())
    one_digest = fingerprint(graph).digest
    wipe(graph)
    two = run_ingest(graph, [folder], extractor=ConductivityExtractor(), workers=2)
    assert _comparable(two.as_dict()) == _comparable(one.as_dict())
    assert two.summary()["new"] == 4 and two.summary()["failed"] == 1
    assert fingerprint(graph).digest == one_digest
    assert set(two.timings) == set(one.timings)


def test_ingest_document_failing_in_a_worker_fails_alone(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    one = run_ingest(graph, [folder], extractor=FailingExtractor("ga-llzo-sol-gel"))
    one_digest = fingerprint(graph).digest
    wipe(graph)
    two = run_ingest(graph, [folder], extractor=FailingExtractor("ga-llzo-sol-gel"), workers=2)
    failed = [(d.id, d.reason) for d in two.documents if d.status == "failed"]
    assert failed == [
        (
            "ga-llzo-sol-gel",
            f"{folder / 'ga-llzo-sol-gel.txt'}: ValueError: no reading of ga-llzo-sol-gel",
        )
    ]
    assert _comparable(two.as_dict()) == _comparable(one.as_dict())
    assert fingerprint(graph).digest == one_digest


def test_ingest_worker_that_dies_fails_its_document_and_the_run_goes_on(graph, tmp_path) -> None:
    folder = _folder(tmp_path)
    report = run_ingest(
        graph, [folder], extractor=FailingExtractor("nb-llzo-calc", "crash"), workers=2
    )
    assert [(Path(d.path).name, d.status) for d in report.documents] == [
        ("al-llzo-air.txt", "new"),
        ("ga-llzo-sol-gel.txt", "new"),
        ("nb-llzo-calc.txt", "failed"),
        ("ta-llzo-hot-press.txt", "new"),
    ]
    assert report.documents[2].reason == (
        f"{folder / 'nb-llzo-calc.txt'}: the worker process reading and extracting it died "
        "(killed by SIGKILL)"
    )
    assert report.exit_code == 1
    (folder / "nb-llzo-calc.txt").unlink()
    with_crash = fingerprint(graph).digest
    wipe(graph)
    run_ingest(graph, [folder], extractor=ConductivityExtractor())
    assert fingerprint(graph).digest == with_crash


def test_ingest_error_that_cannot_be_pickled_comes_back_in_words(graph, tmp_path) -> None:
    folder = _folder(tmp_path, NAMES[:2])
    report = run_ingest(
        graph, [folder], reader=_unpicklable_error, extractor=ConductivityExtractor(), workers=2
    )
    assert [d.reason for d in report.documents] == [
        f"{folder / name}: Unpicklable: nothing at 3" for name in NAMES[:2]
    ]


class StuckExtractor(ConductivityExtractor):
    """The test extractor, except that one document never finishes (a hostile PDF's hours)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id

    def __call__(self, doc: Document) -> list[Fact]:
        if doc.id == self.doc_id:
            time.sleep(3600)
        return super().__call__(doc)


def test_ingest_two_workers_keep_the_budget_per_document(graph, tmp_path) -> None:
    """The budget is the pool's: with two workers a stuck document fails at its budget and the
    other worker's documents are written meanwhile, in document order."""
    folder = _folder(tmp_path)
    clock = time.monotonic()
    report = run_ingest(
        graph, [folder], extractor=StuckExtractor("ga-llzo-sol-gel"), workers=2, doc_timeout=3
    )
    assert time.monotonic() - clock < 600
    assert [(Path(d.path).name, d.status) for d in report.documents] == [
        ("al-llzo-air.txt", "new"),
        ("ga-llzo-sol-gel.txt", "failed"),
        ("nb-llzo-calc.txt", "new"),
        ("ta-llzo-hot-press.txt", "new"),
    ]
    assert report.documents[1].reason == (
        f"{folder / 'ga-llzo-sol-gel.txt'}: reading and extracting took longer than the budget "
        "of 3 s per document (--doc-timeout); stopped, nothing of it written"
    )
    assert sorted({doc for doc, _ in _values(graph)}) == [
        "al-llzo-air",
        "nb-llzo-calc",
        "ta-llzo-hot-press",
    ]


def test_cli_ingest_workers_2_equals_one_worker(db, tmp_path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken-scan.txt").write_bytes(CORRUPT)
    reports = {}
    digests = {}
    for workers in ("1", "2"):
        db.wipe()
        out = tmp_path / f"report-{workers}.json"
        done = _cli(
            "ingest", str(folder), *db.args, "--report", str(out),
            "--workers", workers,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(
            "ingest partial: 5 documents seen, 4 new, 0 changed, 0 unchanged, 1 failed"
        )
        reports[workers] = _comparable(json.loads(out.read_text()))
        digests[workers] = _digest(db)
    assert reports["2"] == reports["1"]
    assert digests["2"] == digests["1"]


def _children(pid: int) -> tuple[list[psutil.Process], list[psutil.Process]]:
    """(the worker processes, every descendant process) of ``pid``: the workers are the
    children of multiprocessing's fork server, itself a child of ``pid``."""
    children = psutil.Process(pid).children(recursive=True)
    return [p for p in children if p.ppid() != pid], children


@pytest.mark.parametrize(
    "point",
    [
        "extracted:ga-llzo-sol-gel.txt",  # read and extracted by a worker, not written
        "write:nb-llzo-calc.txt:1",  # inside the writer, other documents extracted ahead
        "after:al-llzo-air.txt",  # between documents
    ],
)
def test_cli_ingest_workers_killed_then_rerun_ends_like_a_clean_run(
    point, clean_digest, db, tmp_path
) -> None:
    folder = _folder(tmp_path)
    pause = tmp_path / "paused"
    proc = _start_paused(db, folder, point, pause, "--workers", "2")
    workers, children = _children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    gone, alive = psutil.wait_procs(children, timeout=60)
    assert alive == []  # no worker (nor the fork server, the resource tracker) outlives the run
    report = tmp_path / "report.json"
    rerun = _cli(
        "ingest", str(folder), *db.args, "--report", str(report),
        "--workers", "2",
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(report.read_text())["stale_lock"].startswith(f"pid {proc.pid} on ")
    assert _digest(db) == clean_digest
