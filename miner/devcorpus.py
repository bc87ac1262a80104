"""Scores extraction on the real-text development corpus (``corpus/dev``, its README says what
it holds): every document's facts against its gold, per split, with material identity strict.

The texts come from three places: the papers kept in ``corpus/dev/papers``, the doping-train
abstracts and the review, both read from ``../shared`` (their gold names the text by an
``anchor``, offsets plus the quote's SHA-1, so nothing of ``../shared`` is copied into the
project). A gold file whose anchor no longer fits its text is an error naming the fact.

What is scored, beside the gold README's rule (``miner.evaluate``):
- facts of property ``other`` are left out, and so are targets and requirements (gold ``basis``
  "target", extracted records of basis "target"): they are counted apart;
- ``strict`` matching (the default) also holds the material to the gold's: the same formula when
  the gold gives one (an extracted record without a formula does not match), else the same
  dopant elements and family, and no formula of its own when the gold has none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpus.document import Document
from corpus.reading import read_bytes
from miner.evaluate import (
    Evaluation,
    Score,
    _same_formula,
    evaluate,
    lines_of,
    matches,
    section_aliases,
)
from miner.gold import GoldError, GoldFact, gold_fields
from miner.property_specs import canonical_units
from miner.records import Fact

SPLITS = ("dev", "heldout")
WHOLE = "all"  # the section name every fact of a paper counts under
UNSCORED_PROPERTIES = frozenset({"other"})
UNSCORED_BASES = frozenset({"target"})


@dataclass(frozen=True)
class CorpusGold(GoldFact):
    """A gold fact of the corpus: the gold format plus its document, family, basis and split."""

    doc: str = ""
    family: str | None = None
    basis: str = "experimental"
    split: str = "dev"


@dataclass
class CorpusDocument:
    id: str
    collection: str
    text: str  # as the reader gets it (title paragraph first for an abstract)
    name: str  # file name the reader sees (gives the id and the format)
    gold: list[CorpusGold]
    split: str  # "dev", "heldout", or "sections" (the review: per gold fact)

    def read(self) -> Document:
        return read_bytes(self.text.encode("utf-8"), self.name)


@dataclass
class CorpusScore:
    """Scores per split, per collection and per property, and what was not matched."""

    splits: dict[str, Score] = field(default_factory=lambda: {s: Score() for s in SPLITS})
    collections: dict[tuple[str, str], Score] = field(default_factory=dict)
    properties: dict[tuple[str, str], Score] = field(default_factory=dict)
    missed: dict[str, list[CorpusGold]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    false_positives: dict[str, list[Fact]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    documents: dict[str, int] = field(default_factory=lambda: {s: 0 for s in SPLITS})
    errors: list[DocumentErrors] = field(default_factory=list)

    def add(self, split: str, collection: str, result: Evaluation, document: str = "") -> None:
        for target, key in (
            (self.splits, split),
            (self.collections, (split, collection)),
        ):
            _add(target.setdefault(key, Score()), result.overall)
        for prop, score in result.per_property.items():
            _add(self.properties.setdefault((split, prop), Score()), score)
        self.missed[split] += result.missed  # type: ignore[arg-type]
        self.false_positives[split] += result.false_positives
        if result.missed or result.false_positives:
            self.errors.append(
                DocumentErrors(
                    document,
                    split,
                    result.overall,
                    result.missed,  # type: ignore[arg-type]
                    result.false_positives,
                )
            )

    def rows(self) -> list[dict[str, Any]]:
        rows = [
            {"scope": f"{s} ({self.documents[s]} docs)", **self.splits[s].as_dict()} for s in SPLITS
        ]
        rows += [
            {"scope": f"{s} {c}", **score.as_dict()}
            for (s, c), score in sorted(self.collections.items())
        ]
        rows += [
            {"scope": f"{s} {p}", **score.as_dict()}
            for (s, p), score in sorted(self.properties.items())
        ]
        return rows


@dataclass(frozen=True)
class DocumentErrors:
    """What one document (or one split of the review) got wrong: the gold facts not matched and
    the extracted facts in scope that matched none."""

    document: str
    split: str
    score: Score
    missed: list[CorpusGold]
    false_positives: list[Fact]

    def lines(self) -> list[str]:
        """One line per miss and per false positive; a false positive with the property and value
        of a missed gold fact (the value was right, its material was not) is listed under it."""
        s = self.score
        out = [f"== {self.document} [{self.split}] tp={s.tp} fp={s.fp} fn={s.fn}"]
        shown: set[int] = set()
        for g in self.missed:
            out.append(f"  missed  {_gold_line(g)}")
            for f in self.false_positives:
                if f.property == g.property and _same_value(g, f):
                    shown.add(id(f))
                    out.append(f"    got   {_fact_line(f)}")
        for f in self.false_positives:
            if id(f) not in shown:
                out.append(f"  extra   {_fact_line(f)}")
        return out


def _same_value(g: GoldFact, f: Fact) -> bool:
    return matches(replace(g, formula=None, dopants=()), f)


def _value(prop: str | None, value: float | None, value_max: float | None) -> str:
    upper = f"..{value_max:g}" if value_max is not None else ""
    return f"{prop} {value:g}{upper}" if value is not None else f"{prop} ?"


def _gold_line(g: CorpusGold) -> str:
    dopants = ",".join(d["element"] for d in g.dopants)
    return (
        f"{_value(g.property, g.value, g.value_max)} | {g.material!r} formula={g.formula} "
        f"family={g.family} dopants=[{dopants}] | {g.quote[:140]!r}"
    )


def _fact_line(f: Fact) -> str:
    dopants = ",".join(d.element for d in f.dopants)
    return (
        f"{_value(f.property, f.value, f.value_max)} ({f.raw}) | {f.material.text!r} "
        f"formula={f.material.formula} family={f.material.family} dopants=[{dopants}] "
        f"link={f.provenance.link} | {f.text[:140]!r}"
    )


def _add(total: Score, part: Score) -> None:
    total.tp += part.tp
    total.fp += part.fp
    total.fn += part.fn


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load(root: Path, shared: Path) -> list[CorpusDocument]:
    """Every document of the corpus at ``root`` with its gold, texts of ``../shared`` read from
    ``shared``; an anchor that does not fit its text is a ``GoldError``."""
    sources = [
        json.loads(line)
        for line in (root / "sources.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    abstracts: dict[str, dict[str, Any]] | None = None
    review_lines: list[str] | None = None
    out = []
    for source in sources:
        collection = source["collection"]
        gold_path = root / "gold" / f"{source['id']}.jsonl"
        records = [
            json.loads(line)
            for line in gold_path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        if collection == "doping-train":
            if abstracts is None:
                raw = json.loads((shared / "external" / "doping-train.json").read_text("utf-8"))
                abstracts = {a["doi"]: a for a in raw}
            abstract = abstracts[source["doi"]]
            body = abstract["text"]
            text = f"{abstract['title']}\n\n{body}"
            name = f"{source['id']}.txt"
            split = source["split"]
            gold = [
                _paper_gold(gold_path, r, text, _anchored(gold_path, r, body), split)
                for r in records
            ]
        elif collection == "review-other-sections":
            path = shared / "corpus" / "llzo-review-2024.md"
            text = path.read_text(encoding="utf-8")
            review_lines = review_lines or text.split("\n")
            name = path.name
            gold = [_review_gold(gold_path, r, review_lines) for r in records]
            split = "sections"
        else:
            text = (root / "papers" / f"{source['id']}.txt").read_text(encoding="utf-8")
            name = f"{source['id']}.txt"
            split = source["split"]
            gold = [_paper_gold(gold_path, r, text, r["quote"], split) for r in records]
        out.append(CorpusDocument(source["id"], collection, text, name, gold, split))
    return out


def _anchored(path: Path, record: dict[str, Any], text: str) -> str:
    anchor = record["anchor"]
    quote = text[anchor["start"] : anchor["end"]]
    if _sha(quote) != anchor["sha1"]:
        raise GoldError(f"{path}: {record['id']}: its anchor no longer fits the text")
    return quote


def _gold(path: Path, record: dict[str, Any], **where: Any) -> CorpusGold:
    try:
        return CorpusGold(
            **gold_fields(record),
            doc=record.get("doc", ""),
            family=record.get("family"),
            basis=record.get("basis") or "experimental",
            **where,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise GoldError(f"{path}: {record.get('id')}: invalid gold record: {err}") from err


def _paper_gold(
    path: Path, record: dict[str, Any], text: str, quote: str, split: str
) -> CorpusGold:
    offset = text.find(quote)
    if offset < 0:
        raise GoldError(f"{path}: {record['id']}: its quote is not in the text")
    line = text.count("\n", 0, offset) + 1
    return _gold(path, record, line=line, section=WHOLE, quote=quote, split=split)


def _review_gold(path: Path, record: dict[str, Any], lines: list[str]) -> CorpusGold:
    anchor = record["anchor"]
    quote = _anchored(path, record, lines[anchor["line"] - 1])
    return _gold(
        path,
        record,
        line=anchor["line"],
        section=record["section"],
        quote=quote,
        split=record.get("split", "dev"),
    )


def strict_matches(gold: GoldFact, fact: Fact) -> bool:
    """The README rule, with the material held to the gold's (see the module docstring)."""
    if not matches(gold, fact):
        return False
    formula = fact.material.formula
    if gold.formula:
        return bool(formula) and _same_formula(formula, gold.formula)
    if formula:
        return False
    if {d["element"] for d in gold.dopants} != {d.element for d in fact.dopants}:
        return False
    family = getattr(gold, "family", None)
    return family is None or family == fact.material.family


def scored(gold: Iterable[CorpusGold]) -> list[CorpusGold]:
    return [
        g for g in gold if g.property not in UNSCORED_PROPERTIES and g.basis not in UNSCORED_BASES
    ]


def score_corpus(
    documents: Iterable[CorpusDocument],
    extract: Callable[[Document], list[Fact]],
    *,
    strict: bool = True,
    splits: Iterable[str] = SPLITS,
) -> CorpusScore:
    """Extract every document of a wanted split once and score it against its gold, per split.
    A document of another split is not extracted at all: a held-out text is never run through
    the extractor by a dev-split run (its first run is the first look)."""
    wanted = set(splits)
    match = strict_matches if strict else matches
    total = CorpusScore()
    for document in documents:
        if document.split != "sections" and document.split not in wanted:
            continue
        doc = document.read()
        facts = [f for f in extract(doc) if f.basis not in UNSCORED_BASES]
        for split, gold, sections, aliases in _parts(document, doc):
            if split not in wanted:
                continue
            in_scope = [replace(f, section=WHOLE) for f in facts] if sections == [WHOLE] else facts
            result = evaluate(
                gold,
                in_scope,
                lines_of(in_scope, document.text, doc.original_offset),
                sections=sections,
                aliases=aliases,
                properties=set(canonical_units()) - UNSCORED_PROPERTIES,
                match=match,
            )
            total.add(split, document.collection, result, document.id)
            total.documents[split] += 1
    return total


def _parts(
    document: CorpusDocument, doc: Document
) -> Iterator[tuple[str, list[CorpusGold], list[str], dict[str, str]]]:
    """(split, gold, sections covered, section aliases) for each split the document is in: a
    paper is one part, the review one per split of its sections."""
    gold = scored(document.gold)
    if document.split != "sections":
        yield document.split, gold, [WHOLE], {}
        return
    aliases = section_aliases(doc)
    for split in SPLITS:
        part = [g for g in gold if g.split == split]
        sections = sorted({g.section for g in document.gold if g.split == split})
        yield split, part, sections, aliases
