"""Step: read the recognisers' spans of one sentence into plain values.

- ``read_methods``: METHOD spans as (start, end, name);
- ``read_values``: QUANTITY spans as ``Value`` s; a change written as a range ("increased from A
  to B") becomes its two ends, a range written high to low is turned round;
- ``read_mentions``: MATERIAL spans as ``Mention`` s with their exact formula (a family name is
  none), the methods bound to them ("sol-gel derived LLZO", "LLZO prepared by SSR"), their role
  as a helper phase (``roles.is_secondary``) and the dopants next to them;
- ``share_plural_methods``: "A and B were prepared by X" binds X to both.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from miner.assembly.dopants import nearby_dopants, with_dopants
from miner.assembly.mention import COORDINATED, Mention, Method, Value, concrete
from miner.assembly.roles import is_secondary
from miner.chemistry.garnet import PARENT_FORMULA

_CHANGE_BEFORE = re.compile(
    r"\b(?:increas|improv|enhanc|decreas|reduc|drop|rose|rise|rising|rais|boost|grow|grew|"
    r"lower|went|chang|declin|fell|fall|jump|shift|elevat|promot)\w*\b[^;]{0,100}\bfrom\s*$",
    re.I,
)
# "to", "to a maximum value of", "up to as high as": from a change's start to its end
_TO_VALUE = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:up\s+)?to\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:values?|level)\s+of\s+|of\s+)?",
    re.I,
)
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
# "sol-gel derived LLZO": a method right before the material, joined by these words
_BOUND_BEFORE = re.compile(
    r"[-\s]+(?:(?:derived|based|processed|prepared|synthesi[sz]ed|made|sintered|grown|"
    r"deposited|treated)[-\s]+)?",
    re.I,
)
# "LLZO prepared by the SSR method": a method after the material, joined by these words
_BOUND_AFTER = re.compile(
    r"\s*(?:\([^()\d]{1,20}\)\s*)?(?:\)\s*)?"  # "Li1.3Al0.3Ti1.7(PO4)3 (LATP) prepared by"
    r"(?:(?:pellets?|powders?|films?|membranes?|ceramics?|samples?|electrolytes?|garnets?|"
    r"particles?|nanofibers?|fibers?)\s+)?,?\s*(?:which\s+)?"
    r"(?:was |were |is |are |has been |have been )?(?:\w+ly\s+)?"
    r"(?:prepared|synthesi[sz]ed|made|fabricated|obtained|derived|sintered|processed|produced|"
    r"grown|deposited|densified|consolidated|calcined|annealed|cast)\s+"
    r"(?:by|via|using|with|through|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:conventional\s+|traditional\s+|modified\s+)?",
    re.I,
)
_PLURAL_BOUND = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:were|are|have been)\s", re.I)
# "for durations ranging from 1.5 to 12 h": a range, even after a change verb
_RANGE_BEFORE = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+from\s*$", re.I)
CHANGE_REACH = 140  # characters before a range that can say it is a change
BOUND_BEFORE_REACH = 20  # characters between a method and the material after it
BOUND_AFTER_REACH = 60  # characters between a material and the method bound after it


def read_methods(doc: Doc) -> list[Method]:
    return [
        (s.start_char, s.end_char, s._.method)
        for s in doc.spans.get("llzo_method", [])
        if s._.method
    ]


def read_values(doc: Doc) -> list[Value]:
    """QUANTITY spans as values; a change written as a range ("increased from A to B unit")
    becomes its two ends (not "ranging from A to B"); the end of a range ("91.6%–93.9%") the
    tokens put inside the range's span is no value of its own."""
    out = []
    text = doc.text
    spans = sorted(doc.spans.get("llzo_quantity", []), key=lambda s: s.start_char)
    ranges = [(s.start_char, s.end_char) for s in spans if s._.value_max is not None]
    for s in spans:
        if s._.value is None or not s._.unit:
            continue
        if s._.value_max is None and any(
            a <= s.start_char and s.end_char <= b and (a, b) != (s.start_char, s.end_char)
            for a, b in ranges
        ):
            continue
        out.append(
            Value(
                start=s.start_char,
                end=s.end_char,
                value=float(s._.value),
                value_max=None if s._.value_max is None else float(s._.value_max),
                unit=s._.unit,
                raw=s._.raw or s.text,
                comparator=s._.comparator,
                property=s._.property,
                temperature_C=s._.temperature_C,
                rt=bool(s._.rt),
                uncertainty=s._.uncertainty,
            )
        )
        last = out[-1]
        if last.value_max is None:
            continue
        before = text[max(0, s.start_char - CHANGE_REACH) : s.start_char]
        if _CHANGE_BEFORE.search(before) and not _RANGE_BEFORE.search(before):
            # the change's ends: the comparator written before the range is its start's
            # ("from ≈10^-7 to 1.31 × 10^-4 S cm^-1")
            out[-1] = replace(last, value_max=None, note="before")
            out.append(
                replace(last, value=last.value_max, value_max=None, comparator="=", note="after")
            )
        elif last.value_max < last.value:
            # a range written high to low ("10^-5–10^-7"): the record keeps low..high
            out[-1] = replace(last, value=last.value_max, value_max=last.value)
    return _spelled_changes(text, out)


def _spelled_changes(text: str, values: list[Value]) -> list[Value]:
    """ "raised σ from 2.0 × 10^-4 S cm^-1 to a maximum value of 9.5 × 10^-4 S cm^-1": two
    values of one unit, the first after a change's "from", the second after "to" and a few
    words, are the change's two ends as a range written "from A to B" is."""
    out = list(values)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if first.note or second.note or first.value_max is not None or first.unit != second.unit:
            continue
        before = text[max(0, first.start - CHANGE_REACH) : first.start]
        if _CHANGE_BEFORE.search(before) and _TO_VALUE.fullmatch(text, first.end, second.start):
            out[i] = replace(first, note="before")
            out[i + 1] = replace(second, note="after")
    return out


def read_mentions(doc: Doc, methods: list[Method]) -> list[Mention]:
    """Material spans (the longest where they nest) with their bound methods, helper role and
    the dopants next to them."""
    text = doc.text
    spans = sorted(doc.spans.get("llzo_material", []), key=lambda s: s.start_char)
    spans = [s for s in spans if not _inside_other(s, spans)]
    dopant_spans = list(doc.spans.get("llzo_dopant", []))
    site_spans = list(doc.spans.get("llzo_site", []))
    out = []
    for s in spans:
        named = tuple(
            dict.fromkeys(
                m
                for _, me, m in methods
                if 0 <= s.start_char - me <= BOUND_BEFORE_REACH
                and _BOUND_BEFORE.fullmatch(text[me : s.start_char])
            )
        )
        bound = tuple(
            dict.fromkeys(
                (*named, *(m for ms, _, m in methods if _bound_after(text, s.end_char, ms)))
            )
        )
        mention = Mention(
            text=s.text,
            start=s.start_char,
            end=s.end_char,
            formula=concrete(s._.formula) if _exact(s) else None,
            kind=s._.material_kind,
            dopant_elements=tuple(s._.dopant_elements or ()),
            host_text=s._.host if s._.host and s._.host != s.text else None,
            named_dopants=tuple(s._.named_dopants or ()),
            defined_as=s._.defined_as,
            methods=bound,
            name_methods=named,
            secondary=is_secondary(text, s.start_char, s.end_char),
        )
        out.append(with_dopants(mention, nearby_dopants(s, spans, dopant_spans, site_spans)))
    return out


def _exact(span: Span) -> bool:
    """A family name ("LLZO", "LLZTO") stands for no one exact composition, even when the text
    once spelled it out as the parent ("Li7La3Zr2O12 (LLZO)") and then uses it for the whole
    family; an abbreviation of a doped composition ("LALZO-4") is exact."""
    return not (
        span._.material_kind == "family"
        or (span._.material_kind == "abbreviation" and span._.formula == PARENT_FORMULA)
        or _PLURAL_ACRONYM.match(span.text)
    )


def _inside_other(span: Span, spans: list[Span]) -> bool:
    return any(
        o is not span
        and o.start_char <= span.start_char
        and span.end_char <= o.end_char
        and (o.end_char - o.start_char) > (span.end_char - span.start_char)
        for o in spans
    )


def _bound_after(text: str, end: int, method_start: int) -> bool:
    """ "LLZO prepared by the SSR method", "those synthesized via SPS", "LATP (...) pellets
    densified by hot pressing": a method bound to X."""
    between = text[end:method_start]
    return 0 <= len(between) <= BOUND_AFTER_REACH and bool(_BOUND_AFTER.fullmatch(between))


def share_plural_methods(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "A (0.5 μm) and B (2 μm) were prepared by co-precipitation": a method bound after the
    last of coordinated materials by a plural verb is bound to each of them."""
    out = list(mentions)
    for i in range(len(out) - 1, 0, -1):
        last = out[i]
        if not last.methods or not _PLURAL_BOUND.match(text, last.end):
            continue
        j = i
        while j > 0 and COORDINATED.fullmatch(text[out[j - 1].end : out[j].start]):
            j -= 1
            methods = tuple(dict.fromkeys((*out[j].methods, *last.methods)))
            out[j] = replace(out[j], methods=methods)
    return out
