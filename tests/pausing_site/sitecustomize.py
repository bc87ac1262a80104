"""Imported at start-up by every interpreter of a test's ``llzo-kg`` subprocess (tests/pausing.py
puts this folder on PYTHONPATH): pause at the point ``LLZO_KG_TEST_PAUSE_AT`` names."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

POINT = os.environ.get("LLZO_KG_TEST_PAUSE_AT")
FILE = os.environ.get("LLZO_KG_TEST_PAUSE_FILE")


def pause(point: str) -> None:
    """Write ``"<pid> <point>"`` to the pause file and wait until the test removes it."""
    if point != POINT or FILE is None:
        return
    signal_file = Path(FILE)
    tmp = signal_file.with_name(signal_file.name + ".tmp")
    tmp.write_text(f"{os.getpid()} {point}\n", encoding="utf-8")
    os.replace(tmp, signal_file)
    while signal_file.exists():
        time.sleep(0.05)


_writes = {"file": "", "n": 0}


def _counting(write):
    def counted(self, statements):
        _writes["n"] += 1
        pause(f"write:{_writes['file']}:{_writes['n']}")
        return write(self, statements)

    return counted


def _wrap_backends() -> None:
    """Count the units of work sent to either database (``graph.backend`` is loaded by then)."""
    backend = sys.modules["graph.backend"]
    for cls in (backend.FalkorBackend, backend.Neo4jBackend):
        if not getattr(cls.write, "_counted", False):
            cls.write = _counting(cls.write)
            cls.write._counted = True


def _hook(event: str, args: tuple) -> None:
    if event != "llzo_kg.ingest":
        return
    name, subject = args
    if name == "extracted" and POINT.startswith(f"write:{subject}:"):
        _writes.update(file=subject, n=0)  # the writer's units for this file come next
        _wrap_backends()
    pause(f"{name}:{subject}" if subject else name)


if POINT:
    sys.addaudithook(_hook)
