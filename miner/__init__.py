"""The NLP: chemistry-aware spaCy components, fact assembly and evaluation.

``MINER_VERSION`` is stamped on every ingested document: bump it whenever a change to the miner
changes what it extracts, so the nightly job re-extracts every document once.
"""

from __future__ import annotations

# 3: typed version-2 fact records (material keys, families, bases, samples) and the graph on them
MINER_VERSION = "3"
