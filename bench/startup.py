"""Start-up cost of the two commands people type most: wall and CPU time of fresh processes.

``llzo-kg extract`` of one abstract and ``llzo-kg query`` against a running embedded server are
mostly start-up (imports, building the pipeline), so they are measured as a user sees them: a new
process each run, the median and best of several runs (the machines are shared: the CPU time of
the child is given next to its wall time, and is less disturbed by other processes' load).
``import_profile`` sums ``python -X importtime`` per top-level package, to say where it goes.

    .venv/bin/python -m bench.startup [--runs N]     # extract + query, figures as JSON
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ABSTRACT = Path(__file__).resolve().parents[1] / "tests" / "data" / "scale" / "abstract-2000.txt"
QUERY = "top_conductors"
_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def cli_command() -> list[str]:
    """The ``llzo-kg`` console script beside this interpreter (as a user runs it), else
    ``python -m llzo_kg.cli``."""
    script = Path(sys.executable).with_name("llzo-kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "llzo_kg.cli"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_times(argv: Sequence[str], runs: int = 5) -> dict[str, Any]:
    """Wall and CPU seconds of ``argv`` run ``runs`` times, each in a fresh process (after one
    unmeasured run that warms the file cache and writes any on-disk caches)."""
    subprocess.run(argv, capture_output=True, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return {
        "wall_s": round(statistics.median(walls), 3),
        "wall_best_s": round(min(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs": runs,
    }


def import_profile(argv: Sequence[str], top: int = 12) -> dict[str, float]:
    """Milliseconds spent importing each top-level package while running ``argv`` (a Python
    program's arguments after the interpreter), largest first, plus the total."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, check=True
    )
    spent: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            spent[match[4].split(".")[0]] += int(match[1])
    figures = {name: round(us / 1000, 1) for name, us in spent.most_common(top)}
    return {"total": round(sum(spent.values()) / 1000, 1), **figures}


def bench_extract(path: Path = ABSTRACT, runs: int = 5) -> dict[str, Any]:
    return {
        "document": path.name,
        "characters": len(path.read_text(encoding="utf-8")),
        **command_times([*cli_command(), "extract", str(path)], runs),
        "imports_ms": import_profile(["-m", "llzo_kg.cli", "extract", str(path)]),
    }


def bench_query(data_dir: Path, name: str = QUERY, runs: int = 5) -> dict[str, Any]:
    """``llzo-kg query NAME`` against the embedded server already running in ``data_dir``."""
    args = ["query", name, "--data-dir", str(data_dir)]
    return {
        "query": name,
        **command_times([*cli_command(), *args], runs),
        "imports_ms": import_profile(["-m", "llzo_kg.cli", *args]),
    }


def measure(runs: int = 5) -> dict[str, Any]:
    """Both figures, with a scratch embedded server holding the abstract's facts for the query."""
    import shutil
    import tempfile

    from graph.server import EmbeddedServer

    data = Path(tempfile.mkdtemp(prefix="llzo-bench-startup-"))
    server = EmbeddedServer(data)
    server.start()
    try:
        subprocess.run(
            [*cli_command(), "ingest", str(ABSTRACT), "--data-dir", str(data)],
            capture_output=True,
            check=True,
        )
        return {
            "extract": bench_extract(runs=runs),
            "query": bench_query(data, runs=runs),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    print(json.dumps(measure(runs), indent=2))
