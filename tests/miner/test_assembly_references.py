"""Mentions that refer to another (miner.assembly.references)."""

from __future__ import annotations

from miner.assembly import references
from miner.assembly.context import Context
from miner.assembly.mention import Mention
from miner.records import Dopant

GA = (Dopant("Ga", "Ga", "Li", None, None),)


def test_references_name_followed_by_its_composition() -> None:
    text = "Ga-doped LLZO (Li6.25Ga0.25La3Zr2O12) was sintered."
    name = Mention("Ga-doped LLZO", 0, 13, dopants=GA)
    formula = "Li6.25Ga0.25La3Zr2O12"
    composition = Mention(formula, 15, 15 + len(formula), formula=formula, dopants=GA)
    named, _ = references.named_compositions(text, [name, composition])
    assert named.formula == formula


def test_references_this_garnet_and_the_ga_doped_sample_point_back() -> None:
    ga = Mention("Li6.25Ga0.25La3Zr2O12", formula="Li6.25Ga0.25La3Zr2O12", dopants=GA)
    context = Context(subject=ga, paragraph=(ga,))
    text = "This garnet and the Ga-doped sample were dense."
    garnet = Mention("garnet", 5, 11)
    sample = Mention("sample", text.index("sample"), text.index("sample") + 6, dopants=GA)
    resolved = references.resolve(text, [garnet, sample], context)
    assert [m.formula for m in resolved.mentions] == [ga.formula]
    assert resolved.pointing and resolved.anaphoric
    assert references.resolve("It was dense.", [], context).carried is ga


def test_references_those_made_otherwise_are_the_material_again() -> None:
    text = "LLZO made by SPS is denser than those prepared by the SSR method."
    start = text.index("SSR")
    (again,) = references.compared_mentions(
        text, [Mention("LLZO", 0, 4)], [(start, start + 3, "solid-state reaction")]
    )
    assert (again.text, again.methods) == ("LLZO (solid-state reaction)", ("solid-state reaction",))
