"""Preloaded by the worker pool's fork server, which it makes die with the main process: the
miner is loaded once there, and every worker forked from it starts with it loaded
(copy-on-write) instead of importing spaCy and building the pipeline itself (~1.5 s of CPU per
worker). A miner that fails to load here is loaded again by
each worker and fails each document as in one-worker ingestion (``Extraction``)."""

from __future__ import annotations

import os
import sys

# The fork server runs as ``python -c``, so the working directory is first on its sys.path
# (Python 3.11 does not apply the sys_path multiprocessing hands it): a folder of documents
# named corpus/ there (/srv/llzo-kg/corpus/) would stand in for the corpus package.
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]

from llzo_kg.parallel import Extraction, die_with_parent  # noqa: E402

die_with_parent()  # the main process started this fork server (its first pool did)
EXTRACTION = Extraction()
EXTRACTION.load()
# pint is not preloaded: the units of the warm-up text and of most documents are answered from
# miner.unit_cache's table, and a worker that meets a new unit imports pint then
