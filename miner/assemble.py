"""Sentence-level fact assembly: the recognisers' spans of one sentence -> fact drafts.

``assemble`` is a short pipeline of named steps, each a module of ``miner.assembly`` with its
own tests:

1. read (``read``, ``dopants``): values, methods and material mentions, each mention with the
   methods bound to it and its dopants (composition, name, DOPANT spans, doping statements);
2. roles (``roles``): helper phases (additive, coating, flux, crucible, impurity), reagents,
   the parts of a composite or cell written with slashes; composite electrolytes with their
   filler, matrix and salt (``composites``); an abbreviation whose cited study's definition
   lapsed (``identity``);
3. references back (``references``): "Mo-doped LLZO (formula)", "those prepared by SSR",
   "this garnet", "the Ga-doped sample", a sentence opening with "It";
4. series (``series``): "Li7-xLa3Zr2-xTaxO12 (x = 0.2, 0.4 and 0.6)", "raising x from A to B",
   the lists a "respectively" aligns values with;
5. linking (``linking``): candidate links per value, then the one of highest precedence; the
   rules and their confidences in one table (``LINK_RULES``);
6. conditions and filters (``conditions``): targets marked, amounts and misread quantities
   dropped, relabelled properties, the measurement temperature; the measurement context
   (``measures``): general statements, conduction kinds, the treatment of a change; a list of
   one process setting's values made one range (``value_lists``);
7. provenance (``provenance``): citation keys (the value's clause, author markers, the study a
   sentence continues) and methods (bound, the clause's, the study's, calculation cues);
8. facts (``facts``) and the context for the next sentence (``context``).

All offsets here are character offsets in the sentence text; ``extract`` makes them absolute.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from miner import extensions  # noqa: F401  (registers the span attributes)
from miner.assembly import (
    composites,
    conditions,
    facts,
    identity,
    link_candidates,
    link_rules,
    linking,
    measures,
    provenance,
    references,
    roles,
    series,
    value_lists,
)
from miner.assembly.context import Context
from miner.assembly.dopants import apply_dopings
from miner.assembly.facts import Read
from miner.assembly.mention import Citations, Mention, Method
from miner.assembly.read import read_mentions, read_methods, read_values, share_plural_methods
from miner.records import Fact, Where

__all__ = ["Context", "Dropped", "Mention", "assemble"]

log = logging.getLogger(__name__)


@dataclass
class Dropped:
    """What a document's sentences read and gave no fact for: the quantities seen, and the
    values of a listed property dropped, by reason, with the first of each (so that a document
    that yields little can say why at the default log level)."""

    quantities: int = 0
    measured: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def drop(self, reason: str, raw: str) -> None:
        self.reasons[reason] += 1
        self.examples.setdefault(reason, raw)

    def summary(self) -> str:
        """'2 values of a property had no material (first: '5 V')', or ''."""
        return "; ".join(
            f"{n} value{'s' if n > 1 else ''} of a property {reason}"
            f" (first: {self.examples[reason]!r})"
            for reason, n in self.reasons.most_common()
        )


def assemble(
    doc: Doc,
    citations: Citations = (),
    context: Context | None = None,
    where: Where | None = None,
    dropped: Dropped | None = None,
) -> tuple[list[Fact], Context]:
    """Facts of one sentence (already run through the recognisers) and the context for the next.

    ``citations`` are the sentence's markers, their offsets relative to the sentence start;
    ``where``: the sentence in its document (by default a document of that sentence alone);
    ``dropped`` counts what the sentence read and gave no fact for.
    """
    context = context or Context()
    text = doc.text
    where = where or Where("", "", 0, 0, len(text), text)
    methods = read_methods(doc)
    mentions = _materials(doc, methods, context)
    cites = tuple(k for _, keys in citations for k in keys)
    mentions = identity.family_names(text, mentions, context.topic, cites, context.study_refs)
    resolved = references.resolve(text, mentions, context)
    src = provenance.sources(text, citations, methods, mentions, resolved, context)
    values = conditions.relabel(text, read_values(doc))
    found, measured = conditions.measurements(text, values)
    if dropped is not None:
        dropped.quantities += len(values)
        dropped.measured += len(measured)
    measured = value_lists.process_ranges(text, measures.context(text, measured))
    runs = series.runs(text, resolved.main)
    if not runs and not resolved.main and context.series:
        runs = [list(context.series)]
    garnet = context.topic or context.garnet
    cells = roles.cells(text, resolved.mentions, garnet if garnet and garnet.garnet else None)
    setting = link_candidates.Setting(resolved.carried, tuple(cells), context.cell, context.focus)
    links = linking.link(text, measured, resolved.mentions, resolved.carried, runs, setting)
    measured, links = series.shared(text, measured, links, runs)
    measured = conditions.measured_at(text, measured, links)
    condition = conditions.sentence_condition(text, found, values)
    read: list[Read] = []
    for i, (v, link) in enumerate(zip(measured, links, strict=True)):
        if link.mention is None:
            log.debug("no material for %r in %r", v.raw, text[:80])
            if dropped is not None:
                dropped.drop("had no material", v.raw)
            continue
        cue_from = measured[i - 1].end if i else 0
        carried = link.mention is resolved.carried
        read.append(
            facts.measurement(
                where,
                v,
                link,
                conditions.temperature(v, condition),
                provenance.value_methods(text, v, cue_from, link.mention, resolved.carried, src),
                provenance.value_refs(v, measured, src),
                link_rules.carried_confidence(link.confidence, context.distance)
                if carried
                else link.confidence,
            )
        )
    if not read:
        refs = provenance.statement_refs(src)
        read = facts.statements(where, resolved.mentions, src.methods, refs)
    last = read[-1][0] if read and read[-1][0].text else None
    defined = identity.defined_here(text, mentions)
    cited = bool(src.citations or src.author_keys)
    after = context.after(resolved.main, last, src, runs, cells).defining(defined, cited)
    return [fact for _, fact in read], after


def _materials(doc: Doc, methods: list[Method], context: Context) -> list[Mention]:
    """The sentence's material mentions after the read, roles and references steps that come
    before the doping statements, the composites written with slashes and the composite
    electrolytes (``composites``) are folded in; a definition that lapsed taken back."""
    text = doc.text
    mentions = [series.free_series_member(m, text) for m in read_mentions(doc, methods)]
    mentions = roles.type_labels(text, roles.reagents(text, roles.joined_secondary(text, mentions)))
    mentions = references.named_compositions(text, share_plural_methods(text, mentions))
    mentions += references.compared_mentions(text, mentions, methods)
    mentions = apply_dopings(doc, mentions, context.topic or context.garnet)
    mentions = identity.scoped_definitions(mentions, context.lapsed)
    return composites.composites(text, roles.composites(text, mentions))
