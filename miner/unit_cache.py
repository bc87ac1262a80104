"""Unit conversions kept on disk, so that a process whose units were all seen before never
imports pint.

Importing pint and building its registry (even from ``miner.pint_cache``) is ~0.2 s of CPU:
most of the first-extraction set-up of one ``llzo-kg extract`` of an abstract. What the miner
asks pint is always the same question -- which canonical dimension a printed unit has, and the
factor and offset to it -- and the printed units of a corpus are a few hundred strings. So the
answers (or the refusal's message) are kept in one JSON file per version of the question: its
name holds a hash of the code that asks it (``miner/units.py``, ``miner/numbers.py``) and of
pint's own definition files, found without importing pint. A miss asks pint and rewrites the
file whole (a temporary file renamed into place: processes that write together lose an entry at
worst, never read half a file), once the misses since the last write are an eighth of what the
file holds (so a run that meets many new units writes a few times, not once per unit; the last
few may wait for a later run); a file that does not read is ignored and written anew.

The file lives beside pint's registry cache (``miner.pint_cache.cache_dir``);
docs/decisions/0213-miner-speed-doping-and-start-up.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from miner.pint_cache import cache_dir, hash_definitions

log = logging.getLogger(__name__)

_SOURCES = ("units.py", "numbers.py")
MAX_ANSWERS = 8192  # printed units kept in the file (a corpus has a few hundred)
# an answer as stored: [dimension, factor, offset], or the refusal's message
Answer = list[Any] | str


def table_path(root: Path | None = None) -> Path:
    """The file for this version of the miner's unit code and of pint's definitions."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    hash_definitions(digest)
    return (root or cache_dir()) / f"units-{digest.hexdigest()[:16]}.json"


class UnitTable:
    """Answers to ``compute(unit)`` (``[dimension, factor, offset]``, or a ``ValueError``'s
    message) read from ``path`` when it holds them, else computed and written back."""

    def __init__(self, compute: Callable[[str], Answer], path: Path | None = None) -> None:
        self._compute = compute
        self._path = path
        self._answers: dict[str, Answer] | None = None
        self._saved = 0  # answers in the file as last read or written

    def _load(self) -> dict[str, Answer]:
        if self._answers is None:
            self._path = self._path or table_path()
            try:
                loaded = json.loads(self._path.read_text(encoding="utf-8"))
                self._answers = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._answers = {}
            self._saved = len(self._answers)
        return self._answers

    def answer(self, unit: str) -> Answer:
        answers = self._load()
        found = answers.get(unit)
        if found is None:
            found = answers[unit] = self._compute(unit)
            if len(answers) - self._saved > self._saved // 8 and len(answers) <= MAX_ANSWERS:
                self._write(answers)
        return found

    def _write(self, answers: dict[str, Answer]) -> None:
        assert self._path is not None
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, scratch = tempfile.mkstemp(prefix=f".{self._path.name}.", dir=self._path.parent)
        except OSError as exc:
            log.debug("unit table %s not written: %s", self._path, exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(answers, out, ensure_ascii=False)
            os.replace(scratch, self._path)
            self._saved = len(answers)
        except OSError as exc:
            log.debug("unit table %s not written: %s", self._path, exc)
            Path(scratch).unlink(missing_ok=True)
