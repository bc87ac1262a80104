"""``llzo-kg bench``: how fast, how big, how it scales — every ratio measured side by side in one
run, absolute figures only as context (these machines are shared and noisy); last, the embedded
FalkorDB next to a real Neo4j (bench/backends.py).

Each benchmark gets its own embedded server in a temporary data directory, so nothing touches the
user's graph. Ingest runs whose memory is measured run in a child process, which reports its own
peak RSS (``ru_maxrss``) and wall time.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corpus import read_document
from corpus.document import Document
from graph.backend import FalkorBackend, GraphBackend
from graph.rows import DocumentMeta
from graph.server import EmbeddedServer
from graph.writer import ensure_schema, load_facts, replace_document
from miner.records import Fact

log = logging.getLogger(__name__)

REVIEW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "llzo-review-2024.md"
QUERY_RUNS = 7


@dataclasses.dataclass(frozen=True)
class BenchConfig:
    review: Path = REVIEW
    scale: int = 100  # the generated query graph is this many times the review (bench.generate)
    noop_docs: int = 1000  # unchanged documents for the nightly no-op run
    scaling_docs: int = 10  # documents in the 1x corpus (10x has ten times as many)
    neo4j: bool = True  # FalkorDB next to the Neo4j of tools/neo4j (when it can run here)
    only_backends: bool = False  # just that side-by-side part
    workers_docs: int = 100  # documents ingested with --workers 1 and 2, side by side
    startup_runs: int = 5  # fresh extract/query processes timed


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@contextmanager
def _server() -> Iterator[tuple[EmbeddedServer, Path]]:
    data = Path(tempfile.mkdtemp(prefix="llzo-bench-"))
    server = EmbeddedServer(data)
    try:
        server.start()
        yield server, data
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def _backend(server: EmbeddedServer, name: str) -> FalkorBackend:
    state = server.state()
    assert state is not None
    return FalkorBackend(state.host, state.port, name, password=state.password)


# --- the parts ---------------------------------------------------------------------------------


def bench_miner(doc: Document) -> dict[str, Any]:
    from bench.miner import measure

    figures = measure([s.text for s in doc.sentences if not s.is_caption])
    return {
        "sentences_per_s": figures["pipeline_sentences_per_s"],
        "tokens_per_s": figures["pipeline_tokens_per_s"],
        "tokenizer_sentences_per_s": figures["blank_sentences_per_s"],
        "ratio_to_tokenizer": figures["ratio"],
        "load_s": figures["load_s"],
        "sentences": figures["texts"],
    }


def bench_reader(path: Path) -> dict[str, Any]:
    megabytes = path.stat().st_size / 1e6
    seconds = _best(lambda: read_document(path))
    return {
        "seconds_per_mb": round(seconds / megabytes, 4),
        "seconds": round(seconds, 4),
        "megabytes": round(megabytes, 3),
    }


def bench_load(server: EmbeddedServer, doc: Document, facts: list[Fact]) -> dict[str, Any]:
    """The review's facts with the batched writer (one statement per document) against the same
    facts one row per transaction, into fresh graphs of the same server, alternating."""
    meta = DocumentMeta(id=doc.id)
    batched, single = [], []
    for round_ in range(3):
        for batch_size, times in ((None, batched), (1, single)):
            backend = _backend(server, f"load_{round_}_{batch_size}")
            ensure_schema(backend)
            start = time.perf_counter()
            replace_document(backend, meta, facts, doc.references, batch_size=batch_size)
            times.append(time.perf_counter() - start)
            backend._graph.delete()
            backend.close()
    best_batched, best_single = min(batched), min(single)
    return {
        "facts": len(facts),
        "facts_per_s": round(len(facts) / best_batched, 1),
        "row_per_transaction_facts_per_s": round(len(facts) / best_single, 1),
        "batched_speedup": round(best_single / best_batched, 1),
    }


def _latency(backend: GraphBackend) -> dict[str, dict[str, float]]:
    from queries.runner import load_queries, run_query

    figures = {}
    for name, query in load_queries().items():
        run_query(backend, query)  # warm-up
        times = []
        for _ in range(QUERY_RUNS):
            start = time.perf_counter()
            run_query(backend, query)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        figures[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 2),
        }
    return figures


def bench_queries(
    server: EmbeddedServer, doc: Document, facts: list[Fact], scale: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Latency on the review's own graph and on a generated literature ``scale`` times its
    size (``bench.generate``: many documents and compositions, shared references), and the
    generated graph's size (counted by the generator and by the database)."""
    from bench.generate import generate, graph_size

    review = _backend(server, "queries_review")
    ensure_schema(review)
    load_facts(review, facts, {doc.id: doc.references})
    corpus = generate(facts, scale)
    scaled = _backend(server, "queries_scaled")
    ensure_schema(scaled)
    start = time.perf_counter()
    load_facts(scaled, corpus.facts, corpus.references)
    load_s = time.perf_counter() - start
    size = graph_size(corpus)
    stored = scaled.run("MATCH (n) RETURN count(n) AS nodes")[0]["nodes"]
    size = {
        "scale": scale,
        **{k: size[k] for k in ("documents", "facts", "nodes", "relationships")},
        "nodes_in_database": stored,
        "load_s": round(load_s, 2),
        "memory_mb": _graph_memory_mb(scaled),
        "labels": size["labels"],
        "types": size["types"],
    }
    return _latency(review), _latency(scaled), size


def _graph_memory_mb(backend: FalkorBackend) -> float | None:
    """FalkorDB's own count of the graph's memory in MB (``GRAPH.MEMORY USAGE``; whole MB),
    or None on a server without the command."""
    try:
        reply = backend._db.connection.execute_command("GRAPH.MEMORY", "USAGE", backend.graph_name)
    except Exception:  # noqa: BLE001 - an older server without the command
        return None
    pairs = dict(zip(reply[::2], reply[1::2], strict=False))
    total = pairs.get("total_graph_sz_mb", pairs.get(b"total_graph_sz_mb"))
    return None if total is None else float(total)


def _ingest_child(data_dir: Path, corpus: Path, workers: int = 1) -> dict[str, Any]:
    """Run ``llzo-kg ingest`` in a child process that reports its wall time and peak RSS. The
    peak is the child's ``VmHWM`` (reset by exec): ``ru_maxrss`` survives fork and exec on Linux,
    so a child would report the benchmark process's own peak (with ``workers`` > 1, the main
    process's only: each worker has its own)."""
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from llzo_kg.ingest import ingest\n"
        "from llzo_kg.settings import resolve\n"
        "import threading, psutil\n"
        "seen = {}\n"
        "def sample():  # CPU of the worker processes (not children of ours to wait for)\n"
        "    me = psutil.Process()\n"
        "    while True:\n"
        "        for p in me.children(recursive=True):\n"
        "            try:\n"
        "                t = p.cpu_times()\n"
        "                seen[p.pid] = t.user + t.system\n"
        "            except psutil.Error:\n"
        "                pass\n"
        "        time.sleep(0.05)\n"
        "threading.Thread(target=sample, daemon=True).start()\n"
        "start = time.perf_counter()\n"
        "report = ingest(resolve(data_dir=sys.argv[1]), [Path(sys.argv[2])],\n"
        "  workers=int(sys.argv[3]))\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "import resource\n"
        "cpu = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(json.dumps({'seconds': time.perf_counter() - start,\n"
        "  'peak_rss_mb': int(hwm[0].split()[1]) / 1024,\n"
        "  'cpu_main_s': cpu.ru_utime + cpu.ru_stime,\n"
        "  'cpu_workers_s': sum(seen.values()),\n"
        "  'summary': report.summary(), 'timings': report.timings}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), str(corpus), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _write_corpus(folder: Path, texts: Sequence[str], count: int) -> Path:
    """``count`` documents cycling through ``texts``, each under its own name (and so its own
    document id)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc-{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return folder


def section_texts(doc: Document, parts: int) -> list[str]:
    """The review's body sentences dealt into ``parts`` documents of similar size."""
    sentences = [s.text for s in doc.sentences if not s.is_caption]
    size = max(1, len(sentences) // parts)
    chunks = [sentences[i * size : (i + 1) * size] for i in range(parts)]
    return ["\n\n".join(chunk) for chunk in chunks if chunk]


def bench_ingest(config: BenchConfig, doc: Document, work: Path) -> dict[str, Any]:
    with _server() as (server, data):
        server.stop()  # the child starts it, as a user's first ingest does
        review_dir = work / "review"
        review_dir.mkdir()
        shutil.copy(config.review, review_dir / config.review.name)
        review_run = _ingest_child(data, review_dir)

    texts = section_texts(doc, config.scaling_docs)
    runs = {}
    for factor in (1, 10):
        corpus = _write_corpus(work / f"scaling_{factor}x", texts, factor * len(texts))
        with _server() as (server, data):
            server.stop()
            runs[factor] = _ingest_child(data, corpus)

    noop_texts = [t[:400] for t in section_texts(doc, 50)]
    corpus = _write_corpus(work / "noop", noop_texts, config.noop_docs)
    with _server() as (server, data):
        server.stop()
        first = _ingest_child(data, corpus)
        second = _ingest_child(data, corpus)
    return {
        "ingest_review_s": round(review_run["seconds"], 3),
        "nightly_noop": {
            "documents": config.noop_docs,
            "first_run_s": round(first["seconds"], 3),
            "noop_s": round(second["seconds"], 3),
            "unchanged": second["summary"].get("unchanged"),
        },
        "scaling": {
            "documents_1x": len(texts),
            "documents_10x": 10 * len(texts),
            "seconds_1x": round(runs[1]["seconds"], 3),
            "seconds_10x": round(runs[10]["seconds"], 3),
            "ratio_10x": round(runs[10]["seconds"] / runs[1]["seconds"], 2),
        },
        "memory": {
            "peak_rss_mb_review": round(review_run["peak_rss_mb"], 1),
            "peak_rss_mb_1x": round(runs[1]["peak_rss_mb"], 1),
            "peak_rss_mb_10x": round(runs[10]["peak_rss_mb"], 1),
        },
    }


def bench_workers(config: BenchConfig, doc: Document, work: Path) -> dict[str, Any]:
    """``ingest --workers 1`` and ``--workers 2`` over the same ``workers_docs`` documents (the
    review's body dealt into ten, cycled: each a short paper of ~95 sentences), each into a
    fresh server, alternating 1, 2, 1, 2; the best of each. The main process writes while the
    workers extract, so on 2 cores the writer and the FalkorDB server share them with the
    workers."""
    texts = section_texts(doc, 10)
    corpus = _write_corpus(work / "workers", texts, config.workers_docs)
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    loads = [round(os.getloadavg()[0], 2)]
    for _ in range(2):
        for workers in (1, 2):
            with _server() as (server, data):
                server.stop()
                runs[workers].append(_ingest_child(data, corpus, workers))
            loads.append(round(os.getloadavg()[0], 2))
    best = {w: min(r, key=lambda run: run["seconds"]) for w, r in runs.items()}
    facts = best[1]["summary"]["facts_written"]
    cpu = {w: {k: round(best[w][k], 2) for k in ("cpu_main_s", "cpu_workers_s")} for w in (1, 2)}
    per_doc = {
        f"{key}_ms_per_doc": round(1000 * best[1]["timings"][key] / config.workers_docs, 2)
        for key in ("read_s", "extract_s", "write_s")
    }
    return {
        "documents": config.workers_docs,
        "facts": facts,
        "seconds_1": round(best[1]["seconds"], 3),
        "seconds_2": round(best[2]["seconds"], 3),
        "runs_s": {w: [round(r["seconds"], 3) for r in rs] for w, rs in runs.items()},
        "speedup_2": round(best[1]["seconds"] / best[2]["seconds"], 2),
        "same_facts": best[2]["summary"] == best[1]["summary"],
        # CPU seconds of the ingesting process and of its worker processes (sampled every
        # 50 ms; the fork server's preload included, the FalkorDB server's own not counted):
        # with N idle cores the run needs about max(cpu_main_s, cpu_workers_s / N) of wall time
        "cpu": cpu,
        "one_worker": per_doc,
        "load_avg_1m": loads,
    }


# --- the whole run -----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import psutil

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (``kill``, a scheduler's time limit) ends the run as Ctrl-C does, by an exception
    in the main thread, so every server the benchmark started (FalkorDB, Neo4j, the children's)
    is stopped on the way out; its default action ends the process at once and leaves them
    running. A second SIGTERM during that clean-up is ignored."""

    def terminate(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(config: BenchConfig) -> dict[str, Any]:
    """Every figure of the benchmark issue, nested by part (``queries.<name>.p50_ms``)."""
    with _stopped_by_sigterm():
        return _run(config)


def _run(config: BenchConfig) -> dict[str, Any]:
    from bench.backends import measure
    from miner.extract import extract_document

    started = time.perf_counter()
    doc = read_document(config.review)
    facts = extract_document(doc)
    results: dict[str, Any] = {"machine": machine(), "config": dataclasses.asdict(config)}
    results["config"]["review"] = str(config.review)
    if config.only_backends:
        results["backends"] = measure(doc, facts, config.scale, config.neo4j)
        results["total_s"] = round(time.perf_counter() - started, 1)
        return results
    results["miner"] = bench_miner(doc)
    results["reader"] = bench_reader(config.review)
    with _server() as (server, _):
        results["load"] = bench_load(server, doc, facts)
        review_latency, scaled_latency, size = bench_queries(server, doc, facts, config.scale)
    results["queries"] = scaled_latency
    results["scaled_graph"] = size
    results["queries_review"] = review_latency
    with tempfile.TemporaryDirectory(prefix="llzo-bench-corpus-") as work:
        ingest = bench_ingest(config, doc, Path(work))
    results["ingest_review_s"] = ingest["ingest_review_s"]
    results["nightly_noop"] = ingest["nightly_noop"]
    results[f"nightly_noop_{config.noop_docs}_s"] = ingest["nightly_noop"]["noop_s"]
    results["scaling"] = ingest["scaling"]
    results["memory"] = ingest["memory"]
    results["backends"] = measure(doc, facts, config.scale, config.neo4j)
    with tempfile.TemporaryDirectory(prefix="llzo-bench-workers-") as work:
        results["workers"] = bench_workers(config, doc, Path(work))
    from bench.startup import measure as startup

    results["startup"] = startup(config.startup_runs)
    results["total_s"] = round(time.perf_counter() - started, 1)
    return results


def summary(results: dict[str, Any]) -> str:
    """The headline figures as a few lines of text."""
    from bench.backends import summary_lines

    if "miner" not in results:  # --only-backends
        return "\n".join(summary_lines(results["backends"])) + "\n"
    noop_key = next(k for k in results if k.startswith("nightly_noop_") and k.endswith("_s"))
    lines = [
        f"miner: {results['miner']['sentences_per_s']} sentences/s, "
        f"{results['miner']['ratio_to_tokenizer']}x bare tokenisation (goal <= 3x)",
        f"reader: {results['reader']['seconds_per_mb']} s/MB",
        f"load: {results['load']['facts_per_s']} facts/s batched, "
        f"{results['load']['batched_speedup']}x one row per transaction (goal >= 20x)",
        f"ingest of the review into an empty graph: {results['ingest_review_s']} s",
        f"{noop_key}: {results[noop_key]} (goal < 2 s)",
        f"scaling: 10x documents took {results['scaling']['ratio_10x']}x (goal <= 11x)",
        f"peak RSS: {results['memory']['peak_rss_mb_1x']} MB at 1x, "
        f"{results['memory']['peak_rss_mb_10x']} MB at 10x",
        f"ingest of {results['workers']['documents']} documents: "
        f"{results['workers']['seconds_1']} s with 1 worker, {results['workers']['seconds_2']} s "
        f"with 2: {results['workers']['speedup_2']}x (goal >= 1.8x on 2 cores; load "
        f"{results['workers']['load_avg_1m']})",
        f"start-up: extract of a {results['startup']['extract']['characters']}-character "
        f"abstract {results['startup']['extract']['wall_s']} s wall (goal <= 1.0 s), query "
        f"{results['startup']['query']['wall_s']} s (goal <= 0.3 s)",
        f"generated graph at {results['config']['scale']}x: "
        f"{results['scaled_graph']['documents']} documents, {results['scaled_graph']['facts']} "
        f"facts, {results['scaled_graph']['nodes']} nodes, "
        f"{results['scaled_graph']['relationships']} relationships",
        f"queries on the graph scaled {results['config']['scale']}x (p50 / p95 ms):",
    ]
    lines += [f"  {name}: {q['p50_ms']} / {q['p95_ms']}" for name, q in results["queries"].items()]
    lines += summary_lines(results["backends"])
    return "\n".join(lines) + "\n"
