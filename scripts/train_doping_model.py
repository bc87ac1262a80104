"""Train the doping model shipped in the package (miner/data/doping-model/doping.crfsuite).

    python scripts/train_doping_model.py [--data PATH] [--out PATH] [--part all|development]

Reads the LLM-NERRE doping training file (default ../shared/external/doping-train.json beside
the repository; never part of it). ``--part all`` (the shipped weights) trains on all its
abstracts; ``--part development`` on the development part of the DOI-hash split only (what the
held-out figures of docs/doping-benchmark.md use). Training is deterministic (L-BFGS, no random
state), single-threaded, a few seconds. ``--max-iterations`` shortens it (the tests use 5).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from miner.doping.model import MODEL_PATH, train
from miner.doping_benchmark import DEFAULT_DATA, load, sequences, split

log = logging.getLogger("train_doping_model")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--part", choices=("all", "development"), default="all")
    parser.add_argument("--max-iterations", type=int, default=200)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        abstracts = load(args.data)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if args.part == "development":
        abstracts = split(abstracts)[0]
    started = time.perf_counter()
    data = sequences(abstracts)
    train(data, args.out, max_iterations=args.max_iterations)
    log.info(
        "trained on %d abstracts (%d sentences) in %.1f s -> %s (%d bytes)",
        len(abstracts),
        len(data),
        time.perf_counter() - started,
        args.out,
        args.out.stat().st_size,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
