"""Step: link each value to the material it describes -- candidates, their features, a scored
choice.

Sentence rules first link several values at once (``SENTENCE_RULES``: a variable's change, a
"respectively" list, "A ... than B (V1 vs V2)"). Every value still open gets its candidates
(``candidates``): each material the value rules propose -- the material a compared phrase names
when the value is in brackets after it ("lower than that of the undoped phase (V)"), the
material right after it ("for X"), the product of a process, the sentence subject behind "its",
the nearest material before it, the carried subject, the nearest after it, a helper phase --
and, for a value of a cell (``properties.toml``: ``subject = "cell"``), the cell the sentence
names, the document's last cell, or a cell made of the material. Each candidate has features
that do not depend on one phrasing (``features``): the rules that propose it, how far it is and
across how many clause breaks, whether it is the sentence's subject or the document's focus, its
role and family against what the value is of. ``choose`` takes the candidate of the highest
score (a linear model, ``WEIGHTS``, set by hand); the link is named for the first of its rules
in ``LINK_RULES`` order, which gives its confidence. Last, a change whose two ends went to one
material may end in a richer composition ("change-result"), or in the material with what the
sentence says was added ("The addition of MnO decreases ... from A to B"); an interfacial
resistance linked to an electrolyte is its interface's.

``LINK_RULES`` is the one table of the rules with the confidence each gives (docs/confidence.md
is tested against it); a carried subject loses ``CARRIED_DECAY`` per sentence since it was
named, down to ``CARRIED_FLOOR``. The hand-set weights make the rules' order a precedence (each
rule outweighs every rule after it together), with the value's kind above them all: a cell's
value goes to a cell.

Each step is a module of its own: ``link_rules`` (the table), ``link_candidates`` (candidates and
their features), ``link_choice`` (the weights and the choice), ``sentence_links`` (the sentence
rules and "change-result"); this module runs them in order.
"""

from __future__ import annotations

from miner.assembly.link_candidates import Setting, candidates, value_kind
from miner.assembly.link_choice import choose
from miner.assembly.link_rules import Links, make_link
from miner.assembly.mention import Link, Mention, Value, main_mentions
from miner.assembly.roles import interface_of
from miner.assembly.sentence_links import SENTENCE_RULES, change_by_addition, change_result


def link(
    text: str,
    values: list[Value],
    mentions: list[Mention],
    carried: Mention | None,
    runs: list[list[Mention]],
    setting: Setting | None = None,
) -> list[Link]:
    """One link per value (see the module docstring)."""
    setting = setting or Setting(carried=carried)
    if setting.carried is not carried:
        setting = Setting(carried, setting.cells, setting.carried_cell, setting.focus)
    links: Links = [None] * len(values)
    cell_values = [value_kind(v, setting, text) == "cell" for v in values]
    open_values = [v for v, cell in zip(values, cell_values, strict=True) if not cell]
    sentence_links: Links = [None] * len(open_values)
    for rule in SENTENCE_RULES:
        rule(text, open_values, mentions, runs, sentence_links)
    it = iter(sentence_links)
    links = [None if cell else next(it) for cell in cell_values]
    main = main_mentions(mentions)
    for i, v in enumerate(values):
        if links[i] is None:
            links[i] = choose(candidates(text, v, main, mentions, setting))
    change_result(values, main, links)
    change_by_addition(text, values, links)
    links = [_at_interface(v, x, setting, text) for v, x in zip(values, links, strict=True)]
    return [x if x is not None else make_link(None, "none") for x in links]


def _at_interface(v: Value, found: Link | None, setting: Setting, text: str) -> Link | None:
    """An interfacial resistance belongs to an interface: linked to an electrolyte, it is the
    electrolyte's interface with lithium (``roles.interface_of``)."""
    if found is None or found.mention is None or value_kind(v, setting, text) != "interface":
        return found
    return found._replace(mention=interface_of(found.mention))
