"""Pausing a real ``llzo-kg`` subprocess at a named stage, for the crash tests
(docs/decisions/0611-pause-points-in-the-test-fixture.md).

``pause_env(point, pause_file)`` is the environment to run the CLI with: it puts
``tests/pausing_site`` first on ``PYTHONPATH``, so every interpreter of the run (the CLI, the
fork server and the extraction workers it forks, spawned ones) imports its ``sitecustomize``,
which pauses at ``point``. A point is ``<stage>:<subject>`` of the ``llzo_kg.ingest`` audit
events production announces (``locked`` alone, ``before:<file>``, ``extracting:<file>``,
``extracted:<file>``, ``after:<file>``, ``prune:<doc id>``), or ``write:<file>:<n>``: before the
n-th unit of work the writer sends to the database for that file (the hook wraps the backends'
``write`` for it). Paused, the process writes ``"<pid> <point>"`` to ``pause_file`` and waits
until the file is removed.
"""

from __future__ import annotations

import os
from pathlib import Path

PAUSE_AT_ENV = "LLZO_KG_TEST_PAUSE_AT"
PAUSE_FILE_ENV = "LLZO_KG_TEST_PAUSE_FILE"
SITE = Path(__file__).resolve().parent / "pausing_site"


def pause_env(point: str, pause_file: Path) -> dict[str, str]:
    """Variables to add to a subprocess's environment to make it pause at ``point``."""
    path = os.environ.get("PYTHONPATH")
    return {
        PAUSE_AT_ENV: point,
        PAUSE_FILE_ENV: str(pause_file),
        "PYTHONPATH": f"{SITE}{os.pathsep}{path}" if path else str(SITE),
    }
