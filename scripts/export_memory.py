"""Peak memory of the RDF and CSV exports at two graph sizes: evidence that exports stream.

Starts a throw-away embedded FalkorDB, loads synthetic documents through the real writer (each
document: 6 measurements, a doping and a synthesis report, 2 references), and exports the graph
in every format, recording the peak of Python allocations (tracemalloc) during each export.
If the exports stream, the peaks stay flat while the graph grows ten-fold.

    .venv/bin/python scripts/export_memory.py --small 100 --large 1000 --batch 200
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from corpus.document import Reference
from graph.backend import FalkorBackend
from graph.csvexport import export_csv
from graph.rdf import FORMATS, export_rdf
from graph.rows import DocumentMeta
from graph.server import EmbeddedServer
from graph.writer import ensure_schema, replace_document
from miner.records import Dopant, Fact, Material

ELEMENTS = (("Ga", "Li", 3), ("Al", "Li", 3), ("Ta", "Zr", 5), ("Nb", "Zr", 5), ("Sr", "La", 2))


def document_facts(i: int) -> tuple[DocumentMeta, list[Fact], list[Reference]]:
    """One synthetic paper: a doped composition that varies with ``i`` and its measurements."""
    doc = f"synthetic-{i:05d}"
    element, site, charge = ELEMENTS[i % len(ELEMENTS)]
    amount = round(0.05 + (i % 40) * 0.01, 2)
    material = Material(f"{element}-doped LLZO #{i % 200}")
    dopants = (Dopant(element, f"{element}{charge}+", site, amount, charge),)
    text = f"Sample {i}: {element}-doped LLZO (x = {amount}) was measured by EIS at 25 °C."

    def fact(kind: str, section: str, sentence: int, start: int, end: int, **kw: object) -> Fact:
        """A fact of this paper: same document, sentence text and doped material."""
        return Fact(
            kind=kind,
            doc=doc,
            section=section,
            sentence=sentence,
            start=start,
            end=end,
            text=text,
            material=material,
            dopants=dopants,
            **kw,  # type: ignore[arg-type]
        )

    facts = [
        fact(
            "measurement",
            "3",
            n,
            80 * n,
            80 * n + len(text),
            property=prop,
            value=value,
            unit=unit,
            raw=f"{value} {unit}",
            temperature_C=25.0,
            methods=("solid-state reaction",),
            refs=("1",),
        )
        for n, (prop, value, unit) in enumerate(
            [
                ("ionic_conductivity", 1e-4 * (1 + i % 9), "S/cm"),
                ("activation_energy", 0.25 + (i % 7) * 0.02, "eV"),
                ("relative_density", 90.0 + i % 9, "%"),
                ("ionic_conductivity", 2e-4 * (1 + i % 5), "S/cm"),
                ("critical_current_density", 0.5 + i % 3, "mA/cm^2"),
                ("sintering_temperature", 1100.0 + i % 200, "degC"),
            ]
        )
    ]
    facts.append(fact("doping", "2", 10, 900, 950, refs=("2",)))
    facts.append(fact("synthesis", "2", 11, 960, 990, methods=("sol-gel",)))
    refs = [
        Reference(
            str(k),
            k,
            "",
            f"Author {i}-{k}, J. Test {2000 + k}, {i}, {k}.",
            (f"Author {i}-{k}",),
            "J. Test",
            2000 + k,
            str(i),
            str(k),
        )
        for k in (1, 2)
    ]
    meta = DocumentMeta(doc, title=f"Synthetic paper {i}", extractor_version="bench")
    return meta, facts, refs


def load(backend: FalkorBackend, start: int, stop: int) -> None:
    for i in range(start, stop):
        replace_document(backend, *document_facts(i))


def measure(backend: FalkorBackend, out: Path, batch: int) -> dict[str, dict[str, float]]:
    results = {}
    for fmt in (*FORMATS, "csv"):
        tracemalloc.start()
        began = time.perf_counter()
        if fmt == "csv":
            export_csv(backend, out / "csv", batch)
            size = sum(p.stat().st_size for p in (out / "csv").iterdir())
        else:
            target = out / f"export.{fmt}"
            export_rdf(backend, target, fmt, batch)
            size = target.stat().st_size
        seconds = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[fmt] = {
            "peak_MiB": round(peak / 2**20, 2),
            "seconds": round(seconds, 2),
            "output_MiB": round(size / 2**20, 2),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100, help="documents in the small graph")
    parser.add_argument("--large", type=int, default=1000, help="documents in the large graph")
    parser.add_argument("--batch", type=int, default=200, help="nodes per export batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedServer(Path(tmp) / "db")
        state = server.start()
        try:
            backend = FalkorBackend(state.host, state.port, "memory", password=state.password)
            ensure_schema(backend)
            report = {}
            loaded = 0
            for size in (args.small, args.large):
                load(backend, loaded, size)
                loaded = size
                nodes = backend.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
                report[f"{size} documents"] = {
                    "nodes": nodes,
                    **measure(backend, Path(tmp) / str(size), args.batch),
                }
            print(json.dumps(report, indent=2))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
