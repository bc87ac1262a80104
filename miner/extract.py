"""A Document -> its fact records (the ``extract`` contract of DESIGN.md).

Sentences are read in order (figure captions skipped) so that what one sentence sets up carries
to the next: the subject ("It", "This electrolyte"), the study an author marker introduced
("Ma et al.^[135] ... The pellet shows ..."), and the abbreviations the text defines ("(LALZO)").
Table rows become facts through ``miner.tablefacts``; the values of one sample, in the text
and the tables, then share its id (``miner.samples``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language

from corpus.document import Document
from corpus.reading import document_paths
from llzo_kg.errors import LlzoKgError
from miner.assemble import Context, Dropped, assemble
from miner.basis import assign_basis
from miner.records import Fact, Where
from miner.samples import assign_samples

log = logging.getLogger(__name__)


class ExtractionError(LlzoKgError):
    """A sentence the assembler could not read; names the document and the sentence."""


def load_pipeline() -> Language:
    """The recogniser pipeline of ``miner.pipeline`` (imported late: spaCy set-up is not free)."""
    from miner.pipeline import load

    return load()


def shared_abbreviations(nlp: Language) -> dict[str, Any]:
    """``component_cfg`` that makes the sentences of one document share one abbreviation table,
    so "(LLZNO)" defined in one sentence is known in the next."""
    if "llzo_material" not in nlp.pipe_names:
        return {}
    from miner.materials import Abbreviations

    return {"llzo_material": {"abbreviations": Abbreviations()}}


def extract_document(doc: Document, nlp: Language | None = None) -> list[Fact]:
    """All facts of a document: sentence facts in reading order, then table facts, each value
    with its sample where the document shows which."""
    nlp = nlp or load_pipeline()
    section_methods = _section_methods(doc, nlp)
    context = Context()
    section: str | None = None
    paragraph: int | None = None
    facts: list[Fact] = []
    dropped = Dropped()
    sentences = [s for s in doc.sentences if not s.is_caption]
    parsed = nlp.pipe((s.text for s in sentences), component_cfg=shared_abbreviations(nlp))
    for sentence, sdoc in zip(sentences, parsed, strict=True):
        if sentence.section != section:
            section = sentence.section
            context = replace(
                context,
                section_methods=section_methods.get(section, ()),
                distance=context.distance + 2,
            )
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            context = context.next_paragraph()
        citations = [(c.offset - sentence.start, c.keys) for c in sentence.citations]
        where = Where(
            doc.id, sentence.section, sentence.index, sentence.start, sentence.end, sentence.text
        )
        try:
            found, context = assemble(sdoc, citations, context, where, dropped)
            facts.extend(found)
        except (ValueError, TypeError, KeyError, IndexError) as err:
            raise ExtractionError(
                f"{doc.path or doc.id}: sentence {sentence.index} ({sentence.text[:60]!r}): {err}"
            ) from err
    facts.extend(_table_facts(doc))
    facts = assign_samples(assign_basis(facts))
    report(doc, facts, len(sentences), dropped)
    log.info(
        "%s: %d facts from %d sentences and %d tables",
        doc.id,
        len(facts),
        len(doc.sentences),
        len(doc.tables),
    )
    return facts


def report(doc: Document, facts: list[Fact], sentences: int, dropped: Dropped) -> None:
    """A document that gave no facts, or dropped values of a property, says so and why at the
    default log level (a warning)."""
    name = doc.path or doc.id
    why = dropped.summary()
    if facts:
        if why:
            log.warning("%s: %d facts; %s", name, len(facts), why)
        return
    if not sentences and not doc.tables:
        reason = "no text (no sentences and no tables were read)"
    elif not dropped.quantities:
        reason = f"no quantity with a unit in {sentences} sentences"
    elif not dropped.measured:
        reason = (
            f"{dropped.quantities} quantities, none of them a property listed in properties.toml"
        )
    else:
        reason = why or f"{dropped.measured} values of a property gave no fact"
    log.warning("%s: no facts: %s", name, reason)


def _section_methods(doc: Document, nlp: Language) -> dict[str, tuple[str, ...]]:
    """Methods named in section titles ("2.1.2 Pechini Method"): what "this method" refers to."""
    out: dict[str, tuple[str, ...]] = {}
    for section, sdoc in zip(doc.sections, nlp.pipe(s.title for s in doc.sections), strict=True):
        found = tuple(
            dict.fromkeys(s._.method for s in sdoc.spans.get("llzo_method", []) if s._.method)
        )
        if found:
            out[section.number] = found
    return out


def _table_facts(doc: Document) -> list[Fact]:
    from miner.tablefacts import table_facts

    facts: list[Fact] = []
    for table in doc.tables:
        try:
            facts.extend(table_facts(table, doc.id))
        except ValueError as err:
            log.warning("%s: %s skipped: %s", doc.id, table.label, err)
    return facts


def extract_paths(
    paths: list[str], nlp: Language | None = None
) -> Iterator[tuple[Path, list[Fact], LlzoKgError | None]]:
    """Facts per document; a document that cannot be read yields its error and the run goes on."""
    from corpus import read_document

    nlp = nlp or load_pipeline()
    for path in document_paths(paths):
        try:
            yield path, extract_document(read_document(path), nlp), None
        except LlzoKgError as err:
            log.warning("%s: %s", path, err)
            yield path, [], err
