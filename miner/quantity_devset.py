"""Scores the quantity recogniser on real sentences annotated by hand
(``tests/miner/data/quantities/devset.jsonl``, written before the recogniser was run on them).

The annotations hold offsets and values only, never the text: each line names a sentence
(its source, document and index, and the first 12 hex digits of its SHA-1) and the measures in it.
The sentences are re-read at measure time from where they live:

- ``dev``: ``corpus/dev/papers/<doc>.txt`` (the development papers; read through
  ``corpus.read_document``, so the text is the normalised one ``extract`` and ``annotate`` see),
- ``review``: ``../shared/corpus/llzo-review-2024.md`` (same reader),
- ``doping``: ``../shared/external/doping-train.json`` (sentences as given).

A sentence that cannot be found, or whose text changed (another SHA-1), is skipped and counted.
The split is fixed by a hash of the document (a review sentence is its own document):
held out when ``int(sha1(key), 16) % 3 == 0``, as in the devcorpus README.

Scoring, per measure: a recognised span and a gold measure match when they overlap and have the
same canonical unit (one to one, largest overlap first). Precision and recall count matches; the
value is right when the value, the upper end, the comparator ("≈" and "~" alike) and the
uncertainty all agree (relative tolerance 1e-3). Dimensionless values (transference numbers) are
outside the claimed unit families and not scored.

    .venv/bin/python -m miner.quantity_devset [--split heldout|dev|all] [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "miner" / "data" / "quantities" / "devset.jsonl"
SHARED = ROOT.parent / "shared"
REVIEW = SHARED / "corpus" / "llzo-review-2024.md"
DOPING = SHARED / "external" / "doping-train.json"
MEASEVAL = ROOT / "tests" / "miner" / "data" / "measeval" / "devset.jsonl"


def devcorpus_dir() -> Path:
    """The development papers: ``$LLZO_KG_DEVCORPUS``, else the project's ``corpus/dev/papers``."""
    named = os.environ.get("LLZO_KG_DEVCORPUS")
    return Path(named) if named else ROOT / "corpus" / "dev" / "papers"


def split_of(source: str, doc: str, sentence: int) -> str:
    key = f"review#{sentence}" if source == "review" else doc
    return "heldout" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Measure:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    comparator: str
    uncertainty: float | None
    text: str = ""


@dataclass
class Sentence:
    source: str
    doc: str
    index: int
    text: str
    gold: list[Measure]

    @property
    def split(self) -> str:
        return split_of(self.source, self.doc, self.index)


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_right: int = 0
    exact_bounds: int = 0
    skipped: int = 0
    misses: list[tuple[Sentence, Measure]] = field(default_factory=list)
    extras: list[tuple[Sentence, Measure]] = field(default_factory=list)
    wrong: list[tuple[Sentence, Measure, Measure]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.matched / self.predicted, 4) if self.predicted else None,
            "recall": round(self.matched / self.gold, 4) if self.gold else None,
            "value_accuracy": round(self.value_right / self.matched, 4) if self.matched else None,
            "exact_bounds": self.exact_bounds,
            "skipped_sentences": self.skipped,
        }


def _sentence_texts(devcorpus: Path) -> Iterator[tuple[tuple[str, str, int], str]]:
    """(source, doc, index) -> text for every sentence the sources hold."""
    from corpus import read_document

    for path in sorted(devcorpus.glob("*.txt")):
        for s in read_document(path).sentences:
            yield ("dev", path.stem, s.index), s.text
    if REVIEW.exists():
        for s in read_document(REVIEW).sentences:
            yield ("review", "llzo-review-2024", s.index), s.text
    if DOPING.exists():
        for abstract in json.loads(DOPING.read_text(encoding="utf-8")):
            for i, s in enumerate(abstract["doping_sentences"]):
                yield ("doping", abstract["doi"], i), s["sentence_text"]


def _measures(row: dict[str, Any], text: str) -> list[Measure]:
    fields = Measure.__dataclass_fields__
    return [
        Measure(**{k: v for k, v in m.items() if k in fields}, text=text[m["start"] : m["end"]])
        for m in row["measures"]
    ]


def load(devset: Path = DEVSET, devcorpus: Path | None = None) -> tuple[list[Sentence], int]:
    """The annotated sentences whose text was found unchanged, and how many were not. A set
    that holds its texts (``"text"`` in each line: MeasEval, whose articles are CC-BY) is read
    as it is."""
    rows = [json.loads(line) for line in devset.read_text(encoding="utf-8").splitlines() if line]
    if rows and "text" in rows[0]:
        held = [r for r in rows if sha(r["text"]) == r["sha1"]]
        sentences = [
            Sentence(r["source"], r["doc"], r["sentence"], r["text"], _measures(r, r["text"]))
            for r in held
        ]
        return sentences, len(rows) - len(held)
    wanted = {(r["source"], r["doc"], r["sentence"]): r for r in rows}
    found: list[Sentence] = []
    for key, text in _sentence_texts(devcorpus or devcorpus_dir()):
        row = wanted.get(key)
        if row is None or sha(text) != row["sha1"]:
            continue
        found.append(Sentence(key[0], key[1], key[2], text, _measures(row, text)))
    return found, len(rows) - len(found)


def recognised(doc: Any) -> list[Measure]:
    """Every measure of a parsed sentence (``quantities.measures``) with a unit of the claimed
    families."""
    from miner.quantities import measures

    out = []
    for span in measures(doc):
        unit = span._.unit
        if span._.value is None or not unit or unit == "1":
            continue
        out.append(
            Measure(
                span.start_char,
                span.end_char,
                float(span._.value),
                None if span._.value_max is None else float(span._.value_max),
                unit,
                span._.comparator or "=",
                span._.uncertainty if span.has_extension("uncertainty") else None,
                span.text,
            )
        )
    return sorted(out, key=lambda m: (m.start, m.end))


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-12)


def _same_comparator(a: str, b: str) -> bool:
    return a.replace("≈", "~") == b.replace("≈", "~")


def value_right(gold: Measure, found: Measure) -> bool:
    return (
        _close(gold.value, found.value)
        and _close(gold.value_max, found.value_max)
        and _same_comparator(gold.comparator, found.comparator)
        and _close(gold.uncertainty, found.uncertainty)
    )


def _match(gold: list[Measure], found: list[Measure]) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            overlap = min(g.end, f.end) - max(g.start, f.start)
            if overlap > 0 and g.unit == f.unit:
                pairs.append((-overlap, i, j))
    used_g: set[int] = set()
    used_f: set[int] = set()
    out = []
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
            out.append((i, j))
    return out


def score(sentences: list[Sentence], split: str = "all", nlp: Any = None) -> Score:
    from miner.pipeline import load as load_pipeline

    nlp = nlp or load_pipeline()
    chosen = [s for s in sentences if split == "all" or s.split == split]
    result = Score()
    for sentence, doc in zip(chosen, nlp.pipe(s.text for s in chosen), strict=True):
        found = recognised(doc)
        pairs = _match(sentence.gold, found)
        result.gold += len(sentence.gold)
        result.predicted += len(found)
        result.matched += len(pairs)
        for i, j in pairs:
            g, f = sentence.gold[i], found[j]
            if value_right(g, f):
                result.value_right += 1
            else:
                result.wrong.append((sentence, g, f))
            if (g.start, g.end) == (f.start, f.end):
                result.exact_bounds += 1
        matched_g = {i for i, _ in pairs}
        matched_f = {j for _, j in pairs}
        result.misses += [(sentence, g) for i, g in enumerate(sentence.gold) if i not in matched_g]
        result.extras += [(sentence, f) for j, f in enumerate(found) if j not in matched_f]
    return result


def _show(m: Measure) -> str:
    top = f"..{m.value_max:g}" if m.value_max is not None else ""
    unc = f" ±{m.uncertainty:g}" if m.uncertainty is not None else ""
    return f"{m.text!r} {m.comparator}{m.value:g}{top}{unc} {m.unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["heldout", "dev", "all"], default="heldout")
    parser.add_argument("--errors", action="store_true", help="list misses, extras, wrong values")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args(argv)
    sentences, skipped = load(args.devset)
    result = score(sentences, args.split)
    result.skipped = skipped
    print(json.dumps({"split": args.split} | result.as_dict(), indent=2))
    if args.errors:
        for s, g in result.misses:
            print(f"MISS  {s.source}:{s.doc}:{s.index} {_show(g)}")
        for s, f in result.extras:
            print(f"EXTRA {s.source}:{s.doc}:{s.index} {_show(f)}")
        for s, g, f in result.wrong:
            print(f"VALUE {s.source}:{s.doc}:{s.index} gold {_show(g)} / found {_show(f)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
