"""How long the embedded server takes to start again on a graph of N small documents.

    .venv/bin/python scripts/restart_time.py --docs 1000 --docs 10000 [-o figures.json]

Each document is three measurement facts written by the real writer (one statement per document,
as ``ingest`` sends them) into a fresh data directory. Then, per graph:

- ``clean``: ``db stop`` (which rewrites a long log first) and ``db start``;
- ``killed``: SIGKILL of the server right after the build, then a start (it replays what was
  written since the server's last automatic rewrite, 4 MB / 25 % growth);
- ``no_rewrite`` (what the earlier versions did): the same build with automatic rewrites off
  and SIGKILL, so the start replays the whole log — with ``--skip-no-rewrite`` left out.

Figures depend on the machine (these are shared and noisy): they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.backend import FalkorBackend  # noqa: E402
from graph.rows import DocumentMeta  # noqa: E402
from graph.server import EmbeddedServer, _client  # noqa: E402
from graph.writer import ensure_schema, replace_document  # noqa: E402
from miner.records import Dopant, Fact, Material  # noqa: E402


def document_facts(i: int) -> tuple[str, list[Fact]]:
    doc = f"doc-{i:05d}"
    facts = []
    for j in range(3):
        formula = f"Li6.{i % 100:02d}Ga0.{j + 1}La3Zr2O12"
        text = (
            f"{formula} sintered at 1200 °C showed an ionic conductivity of {j + 1}.{i % 10} "
            f"× 10^-4 S cm^-1 at room temperature (sample {i})."
        )
        facts.append(
            Fact(
                kind="measurement",
                doc=doc,
                section="2",
                sentence=j,
                start=200 * j,
                end=200 * j + len(text),
                text=text,
                material=Material(formula, formula),
                dopants=(Dopant("Ga", "Ga", "Li", 0.1 * (j + 1), 3),),
                property="ionic_conductivity",
                value=(j + 1 + (i % 10) / 10) * 1e-4,
                unit="S/cm",
                raw=f"{j + 1}.{i % 10} × 10^-4 S cm^-1",
                temperature_C=25.0,
                methods=("solid-state reaction",),
                refs=(str(j + 1),),
            )
        )
    return doc, facts


def build(data: Path, docs: int, auto_rewrite: bool) -> dict[str, float]:
    server = EmbeddedServer(data)
    state = server.start()
    if not auto_rewrite:
        _client(state.port, password=state.password).config_set("auto-aof-rewrite-percentage", 0)
    backend = FalkorBackend(state.host, state.port, "llzo", password=state.password)
    ensure_schema(backend)
    clock = time.perf_counter()
    for i in range(docs):
        doc, facts = document_facts(i)
        meta = DocumentMeta(doc, file_name=f"{doc}.txt", sha256="0" * 64, extractor_version="b")
        replace_document(backend, meta, facts)
    backend.close()
    return {"build_s": round(time.perf_counter() - clock, 1), **sizes(server)}


def sizes(server: EmbeddedServer) -> dict[str, float]:
    parts = server._aof_parts()
    mb = lambda kind: sum(p.stat().st_size for p, k in parts if k == kind) / 1e6  # noqa: E731
    return {"base_mb": round(mb("b"), 2), "incremental_mb": round(mb("i"), 2)}


def kill(server: EmbeddedServer) -> None:
    state = server.state()
    assert state is not None
    os.kill(state.pid, signal.SIGKILL)
    psutil.Process(state.pid).wait(60)


def timed_start(server: EmbeddedServer) -> float:
    clock = time.perf_counter()
    server.start(timeout=3600)
    return round(time.perf_counter() - clock, 2)


def killed_restart(data: Path, docs: int, auto_rewrite: bool) -> dict[str, object]:
    """Build ``docs`` documents into ``data``, SIGKILL the server, time the start after it."""
    server = EmbeddedServer(data)
    built = build(data, docs, auto_rewrite=auto_rewrite)
    kill(server)
    return {"build": built, "killed": {**sizes(server), "start_s": timed_start(server)}}


def measure(docs: int, skip_no_rewrite: bool) -> dict[str, object]:
    figures: dict[str, object] = {"docs": docs}
    root = Path(tempfile.mkdtemp(prefix="llzo-restart-"))
    try:
        server = EmbeddedServer(root / "graph")
        figures.update(killed_restart(root / "graph", docs, auto_rewrite=True))
        server.stop()
        figures["clean"] = {**sizes(server), "start_s": timed_start(server)}
        server.stop()
        if not skip_no_rewrite:
            old = killed_restart(root / "no-rewrite", docs, auto_rewrite=False)
            figures["no_rewrite_build"], figures["no_rewrite"] = old["build"], old["killed"]
            EmbeddedServer(root / "no-rewrite").stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", default=[])
    parser.add_argument("--skip-no-rewrite", action="store_true")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    results = []
    for docs in args.docs or [1000]:
        figures = measure(docs, args.skip_no_rewrite)
        print(json.dumps(figures), flush=True)
        results.append(figures)
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
