"""``llzo-kg bench``: how fast, how big, how it scales — every ratio measured side by side in one
run, absolute figures only as context (these machines are shared and noisy).

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
from miner.records import Fact, Material

log = logging.getLogger(__name__)

REVIEW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "llzo-review-2024.md"
QUERY_RUNS = 7


@dataclasses.dataclass(frozen=True)
class BenchConfig:
    review: Path = REVIEW
    scale: int = 100  # copies of the review's facts in the scaled query graph
    noop_docs: int = 1000  # unchanged documents for the nightly no-op run
    scaling_docs: int = 10  # documents in the 1x corpus (10x has ten times as many)


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
    server.start()
    try:
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


def synthetic_copies(facts: Sequence[Fact], copies: int) -> Iterator[Fact]:
    """The review's facts ``copies`` times, each copy with its own document and materials."""
    for i in range(copies):
        for fact in facts:
            material = Material(
                text=f"{fact.material.text} [copy {i}]",
                formula=f"{fact.material.formula}~{i}" if fact.material.formula else None,
            )
            yield dataclasses.replace(fact, doc=f"{fact.doc}-copy{i:04d}", material=material)


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
) -> tuple[dict[str, Any], dict[str, Any]]:
    review = _backend(server, "queries_review")
    ensure_schema(review)
    load_facts(review, facts, {doc.id: doc.references})
    scaled = _backend(server, "queries_scaled")
    ensure_schema(scaled)
    load_facts(scaled, synthetic_copies(facts, scale), {})
    return _latency(review), _latency(scaled)


def _ingest_child(data_dir: Path, corpus: Path) -> dict[str, Any]:
    """Run ``llzo-kg ingest`` in a child process that reports its wall time and peak RSS. The
    peak is the child's ``VmHWM`` (reset by exec): ``ru_maxrss`` survives fork and exec on Linux,
    so a child would report the benchmark process's own peak."""
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from llzo_kg.ingest import ingest\n"
        "from llzo_kg.settings import resolve\n"
        "start = time.perf_counter()\n"
        "report = ingest(resolve(data_dir=sys.argv[1]), [Path(sys.argv[2])])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "print(json.dumps({'seconds': time.perf_counter() - start,\n"
        "  'peak_rss_mb': int(hwm[0].split()[1]) / 1024,\n"
        "  'summary': report.summary()}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), str(corpus)],
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


def run(config: BenchConfig) -> dict[str, Any]:
    """Every figure of the benchmark issue, nested by part (``queries.<name>.p50_ms``)."""
    from miner.extract import extract_document

    started = time.perf_counter()
    doc = read_document(config.review)
    facts = extract_document(doc)
    results: dict[str, Any] = {"machine": machine(), "config": dataclasses.asdict(config)}
    results["config"]["review"] = str(config.review)
    results["miner"] = bench_miner(doc)
    results["reader"] = bench_reader(config.review)
    with _server() as (server, _):
        results["load"] = bench_load(server, doc, facts)
        review_latency, scaled_latency = bench_queries(server, doc, facts, config.scale)
    results["queries"] = scaled_latency
    results["queries_review"] = review_latency
    with tempfile.TemporaryDirectory(prefix="llzo-bench-corpus-") as work:
        ingest = bench_ingest(config, doc, Path(work))
    results["ingest_review_s"] = ingest["ingest_review_s"]
    results["nightly_noop"] = ingest["nightly_noop"]
    results[f"nightly_noop_{config.noop_docs}_s"] = ingest["nightly_noop"]["noop_s"]
    results["scaling"] = ingest["scaling"]
    results["memory"] = ingest["memory"]
    results["total_s"] = round(time.perf_counter() - started, 1)
    return results


def summary(results: dict[str, Any]) -> str:
    """The headline figures as a few lines of text."""
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
        f"queries on the graph scaled {results['config']['scale']}x (p50 / p95 ms):",
    ]
    lines += [f"  {name}: {q['p50_ms']} / {q['p95_ms']}" for name, q in results["queries"].items()]
    return "\n".join(lines) + "\n"
