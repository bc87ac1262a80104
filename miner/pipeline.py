"""The whole recogniser pipeline, built from ``spacy.blank("en")`` (nothing to download).

Order: materials first (dopants read their spans and the abbreviation table), then sites (dopants
read them), dopants, doping statements (they read material and dopant spans), methods,
quantities, and properties last (they name the quantities).
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

# importing the modules registers their factories (and the tokenizer's)
from miner import dopants, materials, methods, properties, quantities, sites, tokenizer  # noqa: F401
from miner.doping import component  # noqa: F401

COMPONENTS = (
    "llzo_material",
    "llzo_site",
    "llzo_dopant",
    "llzo_doping",
    "llzo_method",
    "llzo_quantity",
    "llzo_property",
)
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "llzo_chemistry_tokenizer.v1"}}}


def load(config: dict[str, dict[str, Any]] | None = None) -> Language:
    """A blank English pipeline with the chemistry tokenizer and every llzo component;
    ``config`` maps a component name to its settings (``{"llzo_dopant": {"window": 8}}``)."""
    nlp = spacy.blank("en", config=TOKENIZER_CONFIG)
    # spaCy's 1,000,000-character limit guards the memory of its parser and NER, which this
    # pipeline does not have: a sentence of a PDF that lost its spaces may be longer, up to
    # the 50 MB a document may have (corpus.base.MAX_BYTES)
    nlp.max_length = 60_000_000
    for name in COMPONENTS:
        nlp.add_pipe(name, config=(config or {}).get(name, {}))
    return nlp
