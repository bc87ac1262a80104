"""Span extension attributes shared by the llzo components, registered once at import with plain
defaults (never getters bound to one component instance).

Where each component puts its spans (``doc.spans[KEY]``) and what it sets on them:

- ``llzo_material``  label MATERIAL: ``formula`` (plain normalised formula or None),
  ``material_kind`` ("formula" | "family" | "abbreviation" | "other"), ``dopant_elements``
  (elements named in the material itself, e.g. "Ga-doped LLZO" -> ["Ga"]), ``charge_balanced``
  (True/False, None when not checked).
- ``llzo_dopant``    label DOPANT: ``element``, ``charge``, ``amount``, ``amount_max``, ``site``.
- ``llzo_site``      label SITE: ``site`` ("Li" | "La" | "Zr" | "O" | None), ``position`` ("24d").
- ``llzo_method``    label METHOD: ``method`` (canonical name from GOLD_FORMAT.md).
- ``llzo_quantity``  label QUANTITY: ``value``, ``value_max``, ``unit`` (canonical), ``raw``,
  ``comparator`` ("=", "<", ">", "<=", ">=", "~"), ``uncertainty`` (canonical unit, or None),
  ``dimension``, ``temperature_C``, ``rt``, ``property`` (set by the property component; None
  when unknown).
- ``llzo_condition`` label QUANTITY: the measurement temperatures ("at 25 °C") that qualify the
  quantities (their ``temperature_C``), with the same attributes; not values of their own.
- ``llzo_range``     label QUANTITY: the interval of two quantities that each have a unit
  ("between 18 °C and 22 °C"; the two stay in ``llzo_quantity``), with the same attributes.
- ``llzo_property``  label PROPERTY: the trigger words, ``property`` (canonical property name).
- ``llzo_doping``    no spans: ``doc._.dopings``, the doping statements (host, dopants, site).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, SpanGroup

SPAN_ATTRS: dict[str, object] = {
    "formula": None,
    "material_kind": None,
    "dopant_elements": None,
    "charge_balanced": None,
    "element": None,
    "charge": None,
    "amount": None,
    "amount_max": None,
    "site": None,
    "position": None,
    "method": None,
    "value": None,
    "value_max": None,
    "unit": None,
    "raw": None,
    "comparator": None,
    "uncertainty": None,
    "dimension": None,
    "temperature_C": None,
    "rt": False,
    "property": None,
}

DOC_ATTRS: dict[str, object] = {
    # per-document abbreviation table learned from the text: {"LALZO": "Li6.4Al0.2La3Zr2O12"}
    "abbreviations": None,
    # the doping statements of llzo_doping (miner.doping.statements.DopingStatement)
    "dopings": None,
}


def set_attrs(span: Span, **values: object) -> Span:
    """Sets extension attributes of ``span``, exactly as ``span._.name = value`` does: spaCy keeps
    them in ``doc.user_data`` under ``("._.", name, start_char, end_char)``. Writing the keys
    directly skips building an ``Underscore`` per access, which cost the components more than
    the values they stored (``get_attr`` reads them back the same way; tests read them through
    ``span._``)."""
    data = span.doc.user_data
    start, end = span.start_char, span.end_char
    for name, value in values.items():
        if name not in SPAN_ATTRS:
            raise AttributeError(f"Unknown span extension attribute {name!r}")
        data[("._.", name, start, end)] = value
    return span


def get_attr(span: Span, name: str) -> object:
    """``span._.name`` (see ``set_attrs``)."""
    key = ("._.", name, span.start_char, span.end_char)
    return span.doc.user_data.get(key, SPAN_ATTRS[name])


def set_doc_attr(doc: Doc, name: str, value: object) -> None:
    """``doc._.name = value`` (see ``set_attrs``)."""
    if name not in DOC_ATTRS:
        raise AttributeError(f"Unknown doc extension attribute {name!r}")
    doc.user_data[("._.", name, None, None)] = value


def set_group(doc: Doc, key: str, spans: list[Span]) -> None:
    """``doc.spans[key] = spans`` without ``SpanGroups.__setitem__``'s detour (a weak reference
    resolved twice and an assertion per call: more than half its cost for the empty groups most
    sentences get)."""
    doc.spans.data[key] = SpanGroup(doc, name=key, spans=spans)


for _name, _default in SPAN_ATTRS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name, _default in DOC_ATTRS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
