"""PROPERTY recogniser: names what each quantity measures, from the words around it.

Properties are declared, not coded: ``miner/data/properties.toml`` lists per property its
canonical unit, its trigger words and whether it is the default for that unit (read by
``miner.property_specs``, with the rest of what the table declares for the assembler). One
generic rule reads them (docs/decisions/0204-properties-declared.md): among the triggers in the
quantity's sentence whose property has the quantity's unit, one right after the quantity wins
("81.2% capacity retention") unless one stands just before it, then the nearest one before the
quantity, else the nearest one after it; with none, the unit's default property (S/cm ->
ionic_conductivity) or None (a bare percentage, a current density used as a test condition).

Trigger spans go to ``doc.spans["llzo_property"]`` (label PROPERTY, ``property`` set) for docs
that hold a quantity (a sentence without one names no measurement, and skipping it saves a
matcher pass on most sentences); the property chosen for a quantity goes to
``quantity._.property``. Requires the quantity component.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from miner.extensions import get_attr, set_attrs, set_group
from miner.property_specs import DEFAULT_TABLE, load_specs
from miner.quantities import SPAN_KEY as QUANTITY_KEY
from miner.tokenizer import doc_text, token_offsets
from miner.vocabulary import longest_matches, variants

SPAN_KEY = "llzo_property"
NEAR_TRIGGER = 3  # tokens between a trigger and the value it names "just before" it
LABEL = "PROPERTY"


class Trigger(NamedTuple):
    """Trigger words (tokens ``start:end``) that can name ``property``."""

    property: str
    start: int
    end: int


class PropertyRecognizer:
    """Finds property triggers and sets ``quantity._.property``."""

    def __init__(self, nlp: Language, name: str, table: str | None = None) -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name
        self.specs = load_specs(Path(table) if table else DEFAULT_TABLE)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.defaults: dict[str, str] = {}
        self.units = {spec.name: spec.unit for spec in self.specs}
        self.labels: dict[int, str] = {}  # match id -> property name
        for spec in self.specs:
            phrases = {v.lower() for t in spec.triggers for v in variants(t)}
            self.matcher.add(spec.name, [nlp.make_doc(p) for p in sorted(phrases)])
            self.labels[nlp.vocab.strings[spec.name]] = spec.name
            if spec.default:
                self.defaults.setdefault(spec.unit, spec.name)

    def __call__(self, doc: Doc) -> Doc:
        triggers = self.find(doc) if doc.spans.get(QUANTITY_KEY) else []
        return self.set_annotations(doc, triggers)

    def find(self, doc: Doc) -> list[Trigger]:
        """Triggers, one per word sequence (the longest trigger, e.g. "sintering temperature"
        over "temperature") and property it can name; spans are made only for those kept."""
        matches = [(self.labels[m], s, e) for m, s, e in self.matcher(doc)]
        by_place: dict[tuple[int, int], set[str]] = {}
        for label, start, end in matches:
            by_place.setdefault((start, end), set()).add(label)
        out = []
        for _, start, end in longest_matches(matches):
            for name in sorted(by_place[(start, end)]):
                out.append(Trigger(name, start, end))
        return out

    def choose(self, quantity: Span, triggers: list[Trigger], units: dict[str, str]) -> str | None:
        doc = quantity.doc
        unit = get_attr(quantity, "unit")
        same_unit = [t for t in triggers if units[t.property] == unit]
        before = [t for t in same_unit if t.end <= quantity.start]
        after = [t for t in same_unit if t.start >= quantity.end]
        before = [t for t in before if not _broken(doc, t.end, quantity.start)]
        after = [t for t in after if not _broken(doc, quantity.end, t.start)]
        # "(ICE = 94%) and ... 81.2% capacity retention": a trigger right after the value names
        # it unless one stands just before it ("a retention of 81.2%")
        first_after = min(after, key=lambda t: t.start, default=None)
        last_before = max((t.end for t in before), default=-NEAR_TRIGGER - 1)
        if first_after is not None and first_after.start == quantity.end:
            if quantity.start - last_before > NEAR_TRIGGER:
                return first_after.property
        if before:
            return max(before, key=lambda t: t.end).property
        if after:
            return min(after, key=lambda t: t.start).property
        return self.defaults.get(unit)

    def set_annotations(self, doc: Doc, triggers: list[Trigger]) -> Doc:
        for quantity in doc.spans.get(QUANTITY_KEY, []):
            set_attrs(quantity, property=self.choose(quantity, triggers, self.units))
        spans = []
        for trigger in triggers:
            span = Span(doc, trigger.start, trigger.end, label=self.label)
            set_attrs(span, property=trigger.property)
            spans.append(span)
        set_group(doc, SPAN_KEY, spans)
        return doc


def _broken(doc: Doc, start: int, end: int) -> bool:
    """True when a sentence break (a "." token) lies between two token positions; with no "."
    anywhere in the text between them, no token there is one."""
    if start >= end:
        return False
    offsets = token_offsets(doc)
    stop = offsets[end] if end < len(offsets) else len(doc_text(doc))
    if doc_text(doc).find(".", offsets[start], stop) < 0:
        return False
    return any(doc[i].text == "." for i in range(start, end))


@Language.factory(
    "llzo_property",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"table": None},
)
def make_property(nlp: Language, name: str, *, table: str | None) -> PropertyRecognizer:
    """``table``: a properties TOML file in the format of ``miner/data/properties.toml``
    (None: that file)."""
    return PropertyRecognizer(nlp, name, table)
