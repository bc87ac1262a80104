"""The miner's declared data (``*.toml`` beside this file) and the one reader for it.

Plain Python with no spaCy, so the chemistry room (``miner.chemistry``), which corpus and graph
import too, reads its tables the same way the recognisers do.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent


@lru_cache(maxsize=16)
def load_table(path: Path) -> dict[str, dict]:
    """A TOML table of the package (or a user's file of the same shape)."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"Invalid vocabulary file {path}: {err}") from err
