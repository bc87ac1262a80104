"""The NLP: chemistry-aware spaCy components, fact assembly and evaluation.

The extractor version stamped on every ingested document is derived from this package's code
and data (``llzo_kg.version``): any change re-extracts every document once.
"""

from __future__ import annotations
