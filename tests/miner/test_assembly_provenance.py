"""Citation keys and methods behind each fact (miner.assembly.provenance)."""

from __future__ import annotations

from miner.assembly import provenance
from miner.assembly.context import Context
from miner.assembly.mention import Mention, Value
from miner.assembly.references import Resolution


def _value(text: str, written: str) -> Value:
    start = text.index(written)
    return Value(start, start + len(written), 1.0, None, "eV", written, "=", "activation_energy",
                 None, False)  # fmt: skip


def _sources(text: str, citations, methods=(), mentions=(), context=None):
    main = [m for m in mentions if not m.secondary]
    resolution = Resolution(list(mentions), main, False, False, None)
    return provenance.sources(text, citations, list(methods), list(mentions), resolution,
                              context or Context())  # fmt: skip


def test_provenance_keys_of_each_value_clause_and_author_markers() -> None:
    text = "Ma et al. found 0.3 eV for A, and 0.4 eV for B."
    author = text.index("et al.") + len("et al.")
    cites = [(author, ("135",)), (text.index(","), ("6",)), (len(text) - 1, ("7",))]
    src = _sources(text, cites)
    a, b = _value(text, "0.3 eV"), _value(text, "0.4 eV")
    assert src.author_keys == ("135",)
    assert provenance.value_refs(a, [a, b], src) == ("135", "6")
    assert provenance.value_refs(b, [a, b], src) == ("135", "7")
    assert provenance.statement_refs(src) == ("135", "6", "7")


def test_provenance_sentence_without_markers_takes_the_study_keys_and_methods() -> None:
    context = Context(study_refs=("9",), study_methods=("sol-gel",))
    src = _sources("The pellet shows 0.3 eV.", [], context=context)
    assert (src.carried_refs, src.carried_methods) == (("9",), ("sol-gel",))


def test_provenance_methods_of_a_value_clause_and_calculation_cues() -> None:
    text = "A reached 0.3 eV by hot pressing, whereas B reached 0.4 eV."
    methods = [(text.index("hot"), text.index("hot") + 11, "hot pressing")]
    a_mention, b_mention = Mention("A", 0, 1), Mention("B", text.index("B"), text.index("B") + 1)
    src = _sources(text, [], methods, [a_mention, b_mention])
    a, b = _value(text, "0.3 eV"), _value(text, "0.4 eV")
    assert provenance.value_methods(text, a, 0, a_mention, None, src) == ("hot pressing",)
    assert provenance.value_methods(text, b, a.end, b_mention, None, src) == ()
    calculated = "DFT calculations give 0.3 eV."
    v = _value(calculated, "0.3 eV")
    src = _sources(calculated, [])
    assert provenance.value_methods(calculated, v, 0, Mention("X"), None, src) == ("calculation",)
