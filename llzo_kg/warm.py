"""Preloaded by the worker pool's fork server: the miner is loaded once there, and every worker
forked from it starts with it loaded (copy-on-write) instead of importing spaCy and building the
pipeline itself (~1.5 s of CPU per worker). A miner that fails to load here is loaded again by
each worker and fails each document as in one-worker ingestion (``Extraction``)."""

from __future__ import annotations

from llzo_kg.parallel import Extraction

EXTRACTION = Extraction()
EXTRACTION.load()
try:
    from miner import units

    units.registry()  # the pint registry too (cached on disk, but not free to unpickle)
except Exception:  # noqa: BLE001 - built again on first use in the worker
    pass
