"""Every recognised span of a document, at document-level offsets: what ``llzo-kg annotate``
prints, one JSON object per span, or as a displaCy page.

Offsets index ``Document.text``, the normalised text ``inspect`` and ``extract`` see (a fact
record's ``start``/``value_start`` index the same string), so ``doc.text[start:end]`` is the
span's ``text``. Every sentence is read (figure captions too) and every table row, each as the
recogniser pipeline of ``extract`` reads it; a document's sentences share one abbreviation table
as they do in ``extract``. A QUANTITY record says whether it is a ``measure`` as a reader counts
them: "between 18 °C and 22 °C" is one (its ``llzo_range`` span) and its two ends, which fact
assembly reads as two values, are not.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from corpus.document import Document
from llzo_kg.errors import LlzoKgError
from miner.extensions import SPAN_ATTRS, get_attr

log = logging.getLogger(__name__)

# the attributes a quantity always shows, set or not (the project's quantity scoring reads them)
QUANTITY_ATTRS = ("value", "value_max", "unit", "comparator", "uncertainty")


def _pieces(document: Document) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(offset in ``Document.text``, text, where) for every sentence and table row."""
    for sentence in document.sentences:
        yield sentence.start, sentence.text, {"sentence": sentence.index}
    for table in document.tables:
        for row, (start, end) in enumerate(table.row_spans):
            yield start, document.text[start:end], {"table": table.label, "row": row}


def _attrs(span: Any) -> dict[str, Any]:
    """The extension attributes set on ``span`` (spaCy keeps them in ``doc.user_data``)."""
    data = span.doc.user_data
    shown = QUANTITY_ATTRS if span.label_ == "QUANTITY" else ()
    out = {}
    for name in SPAN_ATTRS:
        if name in shown or ("._.", name, span.start_char, span.end_char) in data:
            value = get_attr(span, name)
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def annotate_document(document: Document, nlp: Language | None = None) -> Iterator[dict[str, Any]]:
    """One record per span of every span group, in document order within each sentence or
    row: ``doc``, ``sentence`` (or ``table`` and ``row``), ``group``, ``label``, ``start``,
    ``end``, ``text``, ``attrs``."""
    from miner.extract import load_pipeline, shared_abbreviations

    nlp = nlp or load_pipeline()
    pieces = list(_pieces(document))
    parsed = nlp.pipe((text for _, text, _ in pieces), component_cfg=shared_abbreviations(nlp))
    for (offset, _, where), sdoc in zip(pieces, parsed, strict=True):
        yield from _records(document.id, offset, where, sdoc)


def _records(doc_id: str, offset: int, where: dict[str, Any], sdoc: Doc) -> Iterator[dict]:
    from miner.quantities import measures

    counted = {(s.start_char, s.end_char, s.label_) for s in measures(sdoc)}
    spans = [(key, span) for key, group in sdoc.spans.items() for span in group]
    for key, span in sorted(spans, key=lambda ks: (ks[1].start_char, ks[1].end_char, ks[0])):
        record = {
            "doc": doc_id,
            **where,
            "group": key,
            "label": span.label_,
            "start": offset + span.start_char,
            "end": offset + span.end_char,
            "text": span.text,
            "attrs": _attrs(span),
        }
        if span.label_ == "QUANTITY":
            # a measure as a reader counts them (an interval stands for its two ends)
            record["measure"] = (span.start_char, span.end_char, span.label_) in counted
        yield record


def annotate_paths(
    paths: list[str], nlp: Language | None = None
) -> Iterator[tuple[Path, Document | None, list[dict[str, Any]], LlzoKgError | None]]:
    """Records per document; a document that cannot be read yields its error and the run goes
    on (as ``extract_paths`` does)."""
    from corpus import read_document
    from miner.extract import document_paths, load_pipeline

    nlp = nlp or load_pipeline()
    for path in document_paths(paths):
        try:
            document = read_document(path)
            yield path, document, list(annotate_document(document, nlp)), None
        except LlzoKgError as err:
            log.warning("%s: %s", path, err)
            yield path, None, [], err


def _label(record: dict[str, Any]) -> str:
    """What displaCy shows on a span: the label, and a quantity's value and unit (escaped:
    displaCy writes labels into the page as they are, and "<20" would open a tag)."""
    attrs = record["attrs"]
    if record["label"] != "QUANTITY" or attrs.get("value") is None:
        return record["label"]
    top = f"–{attrs['value_max']:g}" if attrs.get("value_max") is not None else ""
    cmp = "" if attrs.get("comparator") in (None, "=") else attrs["comparator"]
    condition = " (condition)" if record["group"] == "llzo_condition" else ""
    return html.escape(f"QUANTITY {cmp}{attrs['value']:g}{top} {attrs['unit']}{condition}")


def render_html(documents: list[tuple[Document, list[dict[str, Any]]]]) -> str:
    """One page of the documents' normalised text with their spans (displaCy, style "span":
    spans may overlap); rendered offline, nothing is fetched."""
    import spacy
    from spacy import displacy

    from miner.tokenizer import make_tokenizer

    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    docs = []
    for document, records in documents:
        doc = nlp.make_doc(document.text)
        spans = []
        for record in records:
            span = doc.char_span(
                record["start"], record["end"], label=_label(record), alignment_mode="expand"
            )
            if span is not None:
                spans.append(span)
        doc.spans["llzo"] = spans
        doc.user_data["title"] = document.id
        docs.append(doc)
    return displacy.render(docs, style="span", page=True, options={"spans_key": "llzo"})
