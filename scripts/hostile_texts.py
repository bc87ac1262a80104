"""Read-and-extract time per MB of text that lost its spaces, through the worker pool (the path
``ingest`` and ``extract`` take), at growing sizes: linear when seconds per MB stay flat.

    .venv/bin/python scripts/hostile_texts.py [--mb 0.05 --mb 0.2 --mb 1.2] [--budget 300]

``seconds`` is wall time (on a shared machine, mostly other people's load); ``cpu_s`` is the
worker process's own CPU time for the document, the figure to compare across sizes. A size
whose document runs over the budget is reported as such (the run goes on: that is the
per-document budget at work). Figures depend on the machine: printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from llzo_kg.parallel import DocumentTimeout, WorkerPool  # noqa: E402

KINDS = {
    "formulas": "Li7La3Zr2O12",
    "open_parens": "(",
    "parens": "()",
    "pipes": "|",
    "dotted_digits": "1.",
    "digits": "1",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, action="append", default=[])
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), default=[])
    parser.add_argument("--budget", type=float, default=300.0)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    results = []
    pool = WorkerPool(1, budget_s=args.budget)
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text("Li7La3Zr2O12 shows 1 mS cm^-1.\n", encoding="utf-8")
        list(pool.map([warm]))  # the worker's start is no document's time
        for kind in args.kind or list(KINDS):
            for mb in args.mb or [0.05, 0.2, 1.2]:
                unit = KINDS[kind]
                path = Path(tmp) / f"{kind}-{mb}.txt"
                body = unit * int(mb * 1e6 / len(unit))
                path.write_text(f"A paragraph that lost its spaces: {body}\n", encoding="utf-8")
                worker = psutil.Process(pool.pids[0])
                cpu, clock = sum(worker.cpu_times()[:2]), time.perf_counter()
                (done,) = pool.map([path])
                if isinstance(done.error, DocumentTimeout):
                    row = {"kind": kind, "mb": mb, "over_budget_s": args.budget}
                elif done.error is not None:
                    row = {"kind": kind, "mb": mb, "error": str(done.error)}
                else:
                    row = {
                        "kind": kind,
                        "mb": mb,
                        "seconds": round(time.perf_counter() - clock, 2),
                        "read_s": round(done.read_s, 2),
                        "extract_s": round(done.extract_s, 2),
                        "cpu_s": round(sum(worker.cpu_times()[:2]) - cpu, 2),
                    }
                    row["s_per_mb"] = round(row["seconds"] / mb, 2)
                    row["cpu_s_per_mb"] = round(row["cpu_s"] / mb, 2)
                print(json.dumps(row), flush=True)
                results.append(row)
    pool.close()
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
