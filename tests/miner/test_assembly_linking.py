"""Linking values to materials (miner.assembly.linking): the rule table, the choice among
candidates, the carried subject's decay."""

from __future__ import annotations

import re
from pathlib import Path

from miner.assembly import linking
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
    assert [(name, float(base)) for name, base in rows] == list(linking.LINK_RULES.items())
    assert "minus 0.05 per sentence" in CONFIDENCE_DOC.read_text()
    assert (linking.CARRIED_DECAY, linking.CARRIED_FLOOR) == (0.05, 0.4)


def test_linking_choose_takes_the_rule_of_highest_precedence() -> None:
    a, b = Mention("A"), Mention("B")
    found = [linking.make_link(b, "nearest-right"), linking.make_link(a, "carried")]
    assert linking.choose(found) == (a, "carried", 0.7)  # precedence, not the higher confidence
    assert linking.choose([]) == (None, "none", 0.3)


def test_linking_candidates_of_a_value() -> None:
    text = "LLZTO and its conductivity of 1 mS cm^-1 for LLZO were compared with LATP."
    llzto, llzo, latp = (_mention(text, w) for w in ("LLZTO", "LLZO", "LATP"))
    v = _value(text, "1 mS cm^-1")
    found = linking.candidates(text, v, [llzto, llzo, latp], [llzto, llzo, latp], None)
    assert [(x.mention.text, x.rule) for x in found] == [
        ("LLZO", "for-of"),
        ("LLZTO", "nearest-left"),
        ("LLZO", "nearest-right"),
        ("LLZO", "secondary"),
    ]


def test_linking_respectively_aligns_a_run_with_the_values() -> None:
    text = "A and B reached 1 and 2 mS cm^-1, respectively."
    a, b = _mention(text, "A"), _mention(text, "B")
    values = [_value(text, "1"), _value(text, "2 mS cm^-1")]
    links = linking.link(text, values, [a, b], None, [[a, b]])
    assert [(x.mention, x.rule) for x in links] == [(a, "respectively"), (b, "respectively")]


def test_linking_carried_subject_loses_confidence_per_sentence() -> None:
    assert linking.carried_confidence(0.7, 0) == 0.7
    assert linking.carried_confidence(0.7, 2) == 0.6
    assert linking.carried_confidence(0.7, 20) == 0.4
