"""METHOD recogniser: synthesis and processing routes, mapped to the canonical method names of
GOLD_FORMAT.md ("SSR" -> "solid-state reaction", "sol–gel" -> "sol-gel", "FAST" ->
"field-assisted sintering", "DFT"/"AIMD" -> "calculation").

The names are declared in ``miner/data/methods.toml`` (phrases matched in any case and with
hyphen variants, abbreviations in exact case). Spans go to ``doc.spans["llzo_method"]``
(label METHOD) with ``method`` set to the canonical name.
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.data import DATA, load_table
from miner.extensions import set_attrs, set_group
from miner.vocabulary import Match, VocabularyMatcher, variants

SPAN_KEY = "llzo_method"
LABEL = "METHOD"
DEFAULT_TABLE = DATA / "methods.toml"


@functools.cache
def method_names(table: Path = DEFAULT_TABLE) -> dict[str, str]:
    """Every phrase and abbreviation of the methods table, lower-cased and with its dash
    variants, -> its canonical name: how a table cell ("SSR", "Co-pre.", "Sol–gel") is read."""
    names: dict[str, str] = {}
    for method, entry in load_table(table).items():
        names_of = ("phrases", "abbreviations", "cells")
        for name in [n for key in names_of for n in entry.get(key, ())]:
            for variant in variants(name):
                names.setdefault(variant.lower(), method)
    return names


class MethodRecognizer:
    def __init__(self, nlp: Language, name: str, table: str | None = None) -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name
        path = Path(table) if table else DEFAULT_TABLE
        self.matcher = VocabularyMatcher(nlp)
        for method, entry in load_table(path).items():
            if "phrases" not in entry:
                raise ValueError(f"Invalid method {method!r} in {path}: no phrases")
            self.matcher.add(method, entry["phrases"], entry.get("abbreviations", ()))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.matcher(doc))

    def set_annotations(self, doc: Doc, found: list[Match]) -> Doc:
        spans = []
        for method, start, end in found:
            span = Span(doc, start, end, label=self.label)
            set_attrs(span, method=method)
            spans.append(span)
        set_group(doc, SPAN_KEY, spans)
        return doc


@Language.factory(
    "llzo_method",
    assigns=["doc.spans"],
    requires=[],
    default_config={"table": None},
)
def make_method(nlp: Language, name: str, *, table: str | None) -> MethodRecognizer:
    """``table``: a methods TOML file shaped like ``miner/data/methods.toml`` (None: that file)."""
    return MethodRecognizer(nlp, name, table)
