"""Series and variable compositions (miner.assembly.series)."""

from __future__ import annotations

from miner.assembly import series
from miner.assembly.mention import Mention

GENERAL = "Li7-xLa3Zr2-xTaxO12"


def test_series_composition_at_a_value_of_the_variable() -> None:
    member = series.at(Mention(GENERAL, 0, len(GENERAL)), "0.5")
    assert (member.text, member.formula) == (f"{GENERAL} (x = 0.5)", "Li6.5La3Zr1.5Ta0.5O12")
    assert [(d.element, d.site, d.amount) for d in member.dopants] == [("Ta", "Zr", 0.5)]


def test_series_listed_values_make_one_mention_per_composition() -> None:
    text = f"{GENERAL} (x = 0.2, 0.4 and 0.6) was sintered."
    mention = Mention(GENERAL, 0, len(GENERAL))
    assert series.listed_values(text, mention.end, "x") == ["0.2", "0.4", "0.6"]
    (run,) = series.series(text, [mention])
    assert [m.formula for m in run] == [
        "Li6.8La3Zr1.8Ta0.2O12",
        "Li6.6La3Zr1.6Ta0.4O12",
        "Li6.4La3Zr1.4Ta0.6O12",
    ]
    assert series.free_series_member(mention, text).formula is None


def test_series_change_of_the_variable_names_both_ends() -> None:
    text = f"In {GENERAL}, raising x from 0.25 to 0.75 raised σ from A to B."
    before, after = series.change_ends(text, Mention(GENERAL, 3, 3 + len(GENERAL)))
    assert (before.formula, after.formula) == (
        "Li6.75La3Zr1.75Ta0.25O12",
        "Li6.25La3Zr1.25Ta0.75O12",
    )
    assert series.change_ends("x rose.", Mention("LLZO", 0, 4)) is None


def test_series_runs_strictest_first() -> None:
    text = "A, B and C prepared by SPS at 1000 °C and D prepared otherwise"
    mentions = [Mention(w, text.index(w), text.index(w) + 1) for w in "ABCD"]
    assert [[m.text for m in run] for run in series.runs(text, mentions)] == [
        ["A", "B", "C"],
        ["A", "B", "C", "D"],
    ]
