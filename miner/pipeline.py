"""The whole recogniser pipeline, built from ``spacy.blank("en")`` (nothing to download).

Order: materials first (dopants read their spans and the abbreviation table), then sites (dopants
read them), dopants, methods, quantities, and properties last (they name the quantities).
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

# importing the modules registers their factories
from miner import dopants, materials, methods, properties, quantities, sites  # noqa: F401
from miner.tokenizer import make_tokenizer

COMPONENTS = (
    "llzo_material",
    "llzo_site",
    "llzo_dopant",
    "llzo_method",
    "llzo_quantity",
    "llzo_property",
)


def load(config: dict[str, dict[str, Any]] | None = None) -> Language:
    """A blank English pipeline with the chemistry tokenizer and every llzo component;
    ``config`` maps a component name to its settings (``{"llzo_dopant": {"window": 8}}``)."""
    nlp = spacy.blank("en")
    # spaCy's 1,000,000-character limit guards the memory of its parser and NER, which this
    # pipeline does not have: a sentence of a PDF that lost its spaces may be longer, up to
    # the 50 MB a document may have (corpus.base.MAX_BYTES)
    nlp.max_length = 60_000_000
    nlp.tokenizer = make_tokenizer(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name, config=(config or {}).get(name, {}))
    return nlp
