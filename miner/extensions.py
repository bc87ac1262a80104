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
  ``comparator`` ("=", "≈", ">", "<", "~", ">=", "<="), ``dimension``, ``temperature_C``, ``rt``,
  ``property`` (set by the property component; None when unknown).
- ``llzo_property``  label PROPERTY: the trigger words, ``property`` (canonical property name).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

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
    "dimension": None,
    "temperature_C": None,
    "rt": False,
    "property": None,
}

DOC_ATTRS: dict[str, object] = {
    # per-document abbreviation table learned from the text: {"LALZO": "Li6.4Al0.2La3Zr2O12"}
    "abbreviations": None,
}


def set_attrs(span: Span, **values: object) -> Span:
    """Sets several extension attributes through one ``span._``: each ``span._`` access builds
    a new accessor object, which cost the components more than the values they stored."""
    ext = span._
    for name, value in values.items():
        setattr(ext, name, value)
    return span


for _name, _default in SPAN_ATTRS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name, _default in DOC_ATTRS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
