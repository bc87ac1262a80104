"""Linking values to materials (miner.assembly.linking): the rule table, the choice among
candidates, the carried subject's decay."""

from __future__ import annotations

import re
from pathlib import Path

from miner.assembly import link_candidates, link_choice, link_rules, linking
from miner.assembly.mention import Mention, Value

CONFIDENCE_DOC = Path(__file__).resolve().parents[2] / "docs" / "confidence.md"


def _value(text: str, written: str, prop: str = "ionic_conductivity") -> Value:
    start = text.index(written)
    return Value(start, start + len(written), 1e-3, None, "S/cm", written, "=", prop, None, False)


def _mention(text: str, written: str, **kw: object) -> Mention:
    start = text.index(written)
    return Mention(written, start, start + len(written), **kw)  # type: ignore[arg-type]


def test_linking_rules_table_is_the_one_docs_confidence_md_shows() -> None:
    rows = re.findall(
        r"^\| `([\w-]+)`\s*\|[^\n]*\|\s*([0-9.]+)\s*\|$", CONFIDENCE_DOC.read_text(), re.M
    )
    assert [(name, float(base)) for name, base in rows] == list(link_rules.LINK_RULES.items())
    assert "minus 0.05 per sentence" in CONFIDENCE_DOC.read_text()
    assert (link_rules.CARRIED_DECAY, link_rules.CARRIED_FLOOR) == (0.05, 0.4)


def _candidate(m: Mention, *rules: str, **features: float) -> link_candidates.Candidate:
    return link_candidates.Candidate(m, rules, {**{f"rule:{r}": 1.0 for r in rules}, **features})


def test_linking_choose_takes_the_rule_of_highest_precedence() -> None:
    a, b = Mention("A"), Mention("B")
    found = [_candidate(b, "nearest-right"), _candidate(a, "carried")]
    assert link_choice.choose(found) == (a, "carried", 0.7)  # precedence, not the higher confidence
    assert link_choice.choose([]) == (None, "none", 0.3)


def test_linking_choose_gives_a_cells_value_to_a_cell() -> None:
    llzo, cell = Mention("LLZO"), Mention("Li/LLZO/LFP cell", kind="cell")
    found = [
        _candidate(llzo, "for-of", **{"kind:cell-material": 1.0}),
        _candidate(cell, "cell-made", **{"kind:cell-cell": 1.0}),
    ]
    assert link_choice.choose(found) == (cell, "cell-made", 0.65)


def test_linking_choose_breaks_a_tie_by_closeness() -> None:
    a, b = Mention("A"), Mention("B")
    found = [_candidate(a, "nearest-left", near=0.2), _candidate(b, "nearest-left", near=0.9)]
    assert link_choice.choose(found).mention is b


def test_linking_candidates_of_a_value() -> None:
    text = "LLZTO and its conductivity of 1 mS cm^-1 for LLZO were compared with LATP."
    llzto, llzo, latp = (_mention(text, w) for w in ("LLZTO", "LLZO", "LATP"))
    v = _value(text, "1 mS cm^-1")
    setting = link_candidates.Setting()
    found = link_candidates.candidates(text, v, [llzto, llzo, latp], [llzto, llzo, latp], setting)
    assert [(x.mention.text, x.rules) for x in found] == [
        ("LLZO", ("for-of", "nearest-right", "secondary")),
        ("LLZTO", ("nearest-left",)),
    ]
    assert round(found[0].features["near"], 3) == 0.92  # " for ": 5 characters
    assert found[0].features["left"] == 0.0


def test_linking_respectively_aligns_a_run_with_the_values() -> None:
    text = "A and B reached 1 and 2 mS cm^-1, respectively."
    a, b = _mention(text, "A"), _mention(text, "B")
    values = [_value(text, "1"), _value(text, "2 mS cm^-1")]
    links = linking.link(text, values, [a, b], None, [[a, b]])
    assert [(x.mention, x.rule) for x in links] == [(a, "respectively"), (b, "respectively")]


def test_linking_carried_subject_loses_confidence_per_sentence() -> None:
    assert link_rules.carried_confidence(0.7, 0) == 0.7
    assert link_rules.carried_confidence(0.7, 2) == 0.6
    assert link_rules.carried_confidence(0.7, 20) == 0.4
