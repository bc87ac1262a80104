"""Scores extracted measurement facts against hand-checked gold facts (../shared/gold/README.md).

The matching rule, exactly as the gold's README states it:

- a gold fact matches an extracted ``measurement`` record when the property is the same, the value
  is within 2 % (and the upper end of a range too: both ends present and within 2 %, or both
  absent), the source kind (text/table) is the same, and the material agrees: the same element
  amounts when both give a formula, otherwise the same set of dopant elements when the gold names
  dopants (any material agrees when the gold gives neither); a cell or composite, which has no
  formula of its own in version-2 records, agrees when one of its components does (gold written
  before version 2 gives a cell the formula of its garnet electrolyte);
- matching is one-to-one (a maximum matching; among equally many matches the pairs closest in
  the document, by line, are preferred);
- stated targets and requirements are left out of the gold, so extracted records of basis
  "target" are not scored;
- precision counts only extracted records in the scope of the gold: sections the gold covers
  (a table row's section is its table, "table2", as in the gold format) and properties it uses;
- on matched pairs each field is checked: formula, dopants (element set), site (element -> site),
  amount (element -> amount within 2 %), methods (set), temperature (within 0.5 °C), refs (set).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.document import Document
from miner.chemistry.formula import Formula, canonical_formula
from miner.chemistry.garnet import infer_dopants
from miner.gold import GoldError, GoldFact, read_gold
from miner.records import Dopant, Fact, key_dopants

REL_TOLERANCE = 0.02
FIELDS = ("formula", "dopants", "site", "amount", "methods", "temperature", "refs")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Evaluation:
    overall: Score
    per_property: dict[str, Score]
    fields: dict[str, tuple[int, int]]  # field -> (correct, checked)
    matches: list[tuple[GoldFact, Fact]] = field(default_factory=list)
    missed: list[GoldFact] = field(default_factory=list)
    false_positives: list[Fact] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "per_property": {p: s.as_dict() for p, s in sorted(self.per_property.items())},
            "fields": {
                f: {"correct": c, "checked": n, "accuracy": round(c / n, 4) if n else None}
                for f, (c, n) in self.fields.items()
            },
            "missed": [g.id for g in self.missed],
            "false_positives": [
                {
                    "section": f.section,
                    "property": f.property,
                    "value": f.value,
                    "material": f.material.text,
                    "text": f.text[:120],
                }
                for f in self.false_positives
            ],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per property plus the overall row, then one per field: the table form."""
        rows = [{"scope": "overall", **self.overall.as_dict()}]
        rows += [{"scope": p, **s.as_dict()} for p, s in sorted(self.per_property.items())]
        rows += [
            {
                "scope": f"field:{f}",
                "correct": c,
                "checked": n,
                "accuracy": round(c / n, 4) if n else None,
            }
            for f, (c, n) in self.fields.items()
        ]
        return rows


def scope_section(fact: Fact, aliases: Mapping[str, str] | None = None) -> str:
    """The section a fact counts under, in the gold's naming: a table row's is its table
    ("table2"); ``aliases`` renames numbered sections ("1" -> "intro")."""
    if fact.source == "table":
        label = (fact.provenance.table or "").lower().replace(" ", "")
        return label or fact.section
    return (aliases or {}).get(fact.section, fact.section)


def section_aliases(doc: Document) -> dict[str, str]:
    """The gold format's names for unnumbered and introductory sections: "abstract", "intro"."""
    out = {}
    for section in doc.sections:
        title = section.title.strip().lower()
        if title.startswith("introduction"):
            out[section.number] = "intro"
        elif title.startswith("abstract"):
            out[section.number] = "abstract"
    return out


def in_sections(section: str, patterns: Iterable[str]) -> bool:
    """``section`` is one of ``patterns`` ("3.2.1") or under one ending in ".*" ("2.*" covers
    2.1.3 but not 2 itself)."""
    for pattern in patterns:
        if pattern.endswith(".*"):
            if section.startswith(pattern[:-1]):
                return True
        elif section == pattern:
            return True
    return False


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if b == 0:
        return abs(a) <= 1e-12
    return abs(a - b) <= REL_TOLERANCE * abs(b) * (1 + 1e-9)


def _same_formula(a: str, b: str) -> bool:
    try:
        return Formula.parse(a) == Formula.parse(b)
    except ValueError:
        return a == b


def matches(gold: GoldFact, fact: Fact) -> bool:
    """The gold README's matching rule for one pair."""
    if fact.kind != "measurement" or fact.property != gold.property:
        return False
    if fact.source != gold.source or not _close(fact.value, gold.value):
        return False
    if not _close(fact.value_max, gold.value_max):
        return False
    return _agreeing(gold, fact) is not None


def _agreeing(gold: GoldFact, fact: Fact) -> tuple[str | None, tuple[Dopant, ...]] | None:
    """The (formula, dopants) of the fact's material that agree with the gold's: its own, or,
    for a cell or composite (no formula of its own in version-2 records), one of its
    components' (gold written before version 2 gives a cell its garnet part's formula)."""
    own = (fact.material.formula, fact.dopants)
    if _material_agrees(gold, *own):
        return own
    if fact.material.formula or fact.dopants:
        return None
    for c in fact.material.components:
        part = (c.material.formula, _component_dopants(c.material.formula, c.material.key))
        if _material_agrees(gold, *part):
            return part
    return None


def _component_dopants(formula: str | None, key: str | None) -> tuple[Dopant, ...]:
    """A component's dopants: its key's signature, or those its formula implies (a key of a
    formula is the formula, also of a host whose dopants' amounts made its composition known)."""
    if not formula and key and "|" not in key and canonical_formula(key):
        formula = key
    if formula and not (key and "|" in key):
        return tuple(Dopant.implied(d) for d in infer_dopants(formula).dopants)
    return key_dopants(key)


def _material_agrees(gold: GoldFact, formula: str | None, dopants: tuple[Dopant, ...]) -> bool:
    if gold.formula and formula:
        return _same_formula(formula, gold.formula)
    if gold.dopants:
        return {d["element"] for d in gold.dopants} == {d.element for d in dopants}
    return True


def evaluate(
    gold: Sequence[GoldFact],
    facts: Iterable[Fact],
    line_of: dict[int, int] | None = None,
    *,
    sections: Iterable[str] | None = None,
    aliases: Mapping[str, str] | None = None,
    properties: Iterable[str] | None = None,
    match: Callable[[GoldFact, Fact], bool] | None = None,
) -> Evaluation:
    """Precision, recall and F1 of ``facts`` against ``gold``, overall and per property, plus
    field accuracies on the matched pairs. ``line_of`` maps a fact (by ``id()``) to its line;
    ``sections`` are the sections the gold covers (patterns, see ``in_sections``), by default
    those its facts come from; ``aliases`` rename fact sections to the gold's names;
    ``properties`` those the gold covers (by default those it uses); ``match`` the pair rule
    (by default ``matches``)."""
    line_of = line_of or {}
    measurements = [f for f in facts if f.kind == "measurement" and f.basis != "target"]
    covered = list(sections) if sections is not None else sorted({g.section for g in gold})
    properties = set(properties) if properties is not None else {g.property for g in gold}
    in_scope = [
        j
        for j, f in enumerate(measurements)
        if in_sections(scope_section(f, aliases), covered) and f.property in properties
    ]
    owner = _maximum_matching(gold, measurements, line_of, match or matches)
    pairs = sorted(((gold[i], measurements[j]) for j, i in owner.items()), key=lambda p: p[0].id)
    matched_gold = {g.id for g, _ in pairs}
    overall = Score()
    per_property: dict[str, Score] = {}
    for g in gold:
        score = per_property.setdefault(g.property, Score())
        hit = g.id in matched_gold
        overall.tp += hit
        score.tp += hit
        overall.fn += not hit
        score.fn += not hit
    false_positives = [measurements[j] for j in in_scope if j not in owner]
    for f in false_positives:
        overall.fp += 1
        per_property.setdefault(f.property or "", Score()).fp += 1
    fields = {name: (0, 0) for name in FIELDS}
    for g, f in pairs:
        for name, ok in _field_checks(g, f).items():
            correct, checked = fields[name]
            fields[name] = (correct + ok, checked + 1)
    return Evaluation(
        overall,
        per_property,
        fields,
        pairs,
        [g for g in gold if g.id not in matched_gold],
        false_positives,
    )


def _maximum_matching(
    gold: Sequence[GoldFact],
    facts: Sequence[Fact],
    line_of: dict[int, int],
    match: Callable[[GoldFact, Fact], bool],
) -> dict[int, int]:
    """A maximum one-to-one matching (augmenting paths), as fact index -> gold index; candidates
    are tried nearest line first."""
    candidates: list[list[int]] = []
    for g in gold:
        options = [j for j, f in enumerate(facts) if match(g, f)]
        options.sort(
            key=lambda j: (
                abs(line_of.get(id(facts[j]), 10**9) - g.line),
                -_overlap(g.material, facts[j].material.text),
            )
        )
        candidates.append(options)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return owner


def _overlap(a: str, b: str) -> int:
    """Words two material names share: breaks ties between facts on the same line."""
    words = re.compile(r"[A-Za-z0-9]+")
    return len(set(words.findall(a.lower())) & set(words.findall(b.lower())))


def _field_checks(g: GoldFact, f: Fact) -> dict[str, bool]:
    gold_sites = {d["element"]: d.get("site") for d in g.dopants}
    gold_amounts = {d["element"]: d.get("amount") for d in g.dopants}
    formula, dopants = _agreeing(g, f) or (f.material.formula, f.dopants)
    if g.formula and formula:
        formula_ok = _same_formula(g.formula, formula)
    else:
        formula_ok = g.formula is None and formula is None
    temperature_ok = (g.temperature_C is None and f.temperature_C is None) or (
        g.temperature_C is not None
        and f.temperature_C is not None
        and math.isclose(g.temperature_C, f.temperature_C, abs_tol=0.5)
    )
    return {
        "formula": formula_ok,
        "dopants": set(gold_sites) == {d.element for d in dopants},
        "site": gold_sites == {d.element: d.site for d in dopants},
        "amount": set(gold_amounts) == {d.element for d in dopants}
        and all(_close(d.amount, gold_amounts[d.element]) for d in dopants),
        "methods": set(g.methods) == set(f.methods),
        "temperature": temperature_ok,
        "refs": set(g.refs) == _as_gold_keys(f.refs, g.refs),
    }


def _as_gold_keys(keys: Iterable[str], gold_keys: Iterable[str]) -> set[str]:
    """A marker "[21]" for an entry with sub-entries a)-c) expands to 21a..21c; a gold that
    writes "21" means the same entry."""
    bare = {k for k in gold_keys if k.isdigit()}
    return {
        k.rstrip("abcdefghijklmnopqrstuvwxyz")
        if k.rstrip("abcdefghijklmnopqrstuvwxyz") in bare
        else k
        for k in keys
    }


def lines_of(facts: Iterable[Fact], original_text: str, original_offset: Any) -> dict[int, int]:
    """1-based line in the original file of each fact's value (or its sentence start), keyed by
    ``id(fact)``; ``original_offset`` maps a normalised offset to an original one."""
    starts = [i for i, ch in enumerate(original_text) if ch == "\n"]
    out = {}
    for fact in facts:
        value_start = fact.provenance.value_start
        position = value_start if fact.source == "text" and value_start is not None else fact.start
        offset = original_offset(position) if fact.source == "text" else position
        out[id(fact)] = bisect.bisect_left(starts, offset) + 1
    return out


def evaluate_document(
    gold_path: str | Path, doc_path: str | Path | None, sections: Iterable[str] | None = None
) -> Evaluation:
    """Extract the facts of ``doc_path`` and score them against the gold file."""
    from corpus import read_document
    from miner.extract import extract_document

    if doc_path is None:
        raise GoldError(f"eval {gold_path}: give --doc PATH, the document the gold facts come from")
    gold = read_gold(gold_path)
    doc = read_document(doc_path)
    facts = extract_document(doc)
    original = Path(doc_path).read_text(encoding="utf-8", errors="replace")
    return evaluate(
        gold,
        facts,
        lines_of(facts, original, doc.original_offset),
        sections=sections,
        aliases=section_aliases(doc),
    )
