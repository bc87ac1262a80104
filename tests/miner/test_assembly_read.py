"""Reading a sentence's spans (miner.assembly.read) and the dopants of its mentions
(miner.assembly.dopants), on the real recogniser pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from miner.assembly import dopants, read
from miner.assembly.mention import Mention
from miner.extract import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_read_values_a_change_gives_its_two_ends(nlp: Language) -> None:
    doc = nlp("The conductivity increased from 0.2 to 0.6 mS cm^-1 after Ga doping.")
    assert [(v.value, v.note) for v in read.read_values(doc)] == [(2e-4, "before"), (6e-4, "after")]
    doc = nlp("Crystallinity increased after heating for durations ranging from 1.5 to 12 h.")
    (v,) = read.read_values(doc)  # a range, though a change verb stands before it
    assert (v.value, v.value_max, v.note) == (1.5, 12.0, None)
    doc = nlp("Dry PEO membranes show low conductivities (10^-5–10^-7 S cm^-1).")
    (v,) = read.read_values(doc)
    assert (v.value, v.value_max) == (1e-7, 1e-5)


def test_read_mentions_exact_formulas_and_bound_methods(nlp: Language) -> None:
    doc = nlp("Sol-gel derived LLZO and Li6.4La3Zr1.4Ta0.6O12 prepared by SSR were compared.")
    llzo, ta = read.read_mentions(doc, read.read_methods(doc))
    assert (llzo.text, llzo.formula, llzo.name_methods) == ("LLZO", None, ("sol-gel",))
    assert (ta.formula, ta.methods) == ("Li6.4La3Zr1.4Ta0.6O12", ("solid-state reaction",))
    assert [(d.element, d.site, d.amount) for d in ta.dopants] == [("Ta", "Zr", 0.6)]


def test_read_plural_verb_binds_a_method_to_each_material() -> None:
    text = "A (0.5 μm) and B (2 μm) were prepared by co-precipitation"
    a, b = Mention("A", 0, 1), Mention("B", 15, 16, methods=("co-precipitation",))
    assert [m.methods for m in read.share_plural_methods(text, [a, b])] == [
        ("co-precipitation",),
        ("co-precipitation",),
    ]


def test_dopants_of_a_name_and_a_stated_site() -> None:
    mention = dopants.with_dopants(Mention("Ga-doped LLZO", dopant_elements=("Ga",)), [])
    assert [(d.element, d.site) for d in mention.dopants] == [("Ga", "Li")]
    stated = dopants.with_dopants(Mention("LLZO"), [("Y", "Y3+", "La", None, 3)])
    assert [(d.element, d.site, d.charge) for d in stated.dopants] == [("Y", "La", 3)]
    # the garnet's own elements are no dopants of it
    assert dopants.with_dopants(Mention("LLZO"), [("La", "La3+", None, None, 3)]).dopants == ()


def test_dopants_doping_statement_host_becomes_a_mention(nlp: Language) -> None:
    doc = nlp("ZnO films doped with Al, Ga and In were grown.")
    (host,) = dopants.apply_dopings(doc, [], None)
    assert (host.text, [d.element for d in host.dopants]) == ("ZnO", ["Al", "Ga", "In"])
