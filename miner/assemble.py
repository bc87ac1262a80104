"""Sentence-level fact assembly: the recognisers' spans of one sentence -> fact drafts.

Each QUANTITY with a property becomes one measurement linked to the material it describes, that
material's dopants, the methods, the measurement temperature and the citation keys of its clause.
The linking rules, in the order they are tried (the first that applies wins):

1. ``x from 0.25 to 0.75 ... from A to B`` with a general formula: each end's composition;
2. ``respectively`` lists: n coordinated materials (each may carry a short modifier, "A made by
   SPS and B made by ..."), or the compositions of "x = a, b and c", and n values of one
   property, in order;
3. ``A ... than B (V1 vs V2)``: two values in one parenthesis go to the two compared materials;
4. ``V for X`` / ``V of X``: a material right after the value;
5. ``its`` / ``their`` between a material and the value: the sentence subject;
6. the nearest material before the value that is not an additive, coating, flux, crucible or
   sintering aid, nor inside a parenthesis closed before the value;
7. the subject carried from earlier sentences when the sentence names none or opens with an
   anaphor ("It", "This electrolyte", "The coated X"); else the nearest material after the value.
A change whose two ends went to one material Y, in a sentence naming a composition with Y's
dopants and more ("Ca2+ in <formula> raised σ of the Nb-doped garnet from A to B"), ends in that
composition. Mentions that point back are resolved first: "this garnet" is the carried subject,
"the Ga-doped sample" the paragraph's one composition with Ga, "Mo-doped LLZO (<formula>)" takes
the formula. A value with no material is dropped; so are targets and requirements ("should
exceed ...", "... below 10 Ω cm2 is needed") and amounts ("1 wt%"). A cell or composite written
with slashes ("Li/Ta-LLZO/Li cell") is one material. A temperature heading a parenthesis of values
("(25 °C, V1 vs V2)") is their condition; a change written as a range ("increased from A to B")
gives two facts, noted before/after.

Methods: one in a material's name or bound to it ("sol-gel derived LLZO", "LLZO prepared by SSR",
"A and B were prepared by ...") is that material's; one bound to no material applies to the
values of its own clause (clauses cut at ";" and contrasts: whereas, while, but, than). A method
stated in a sentence is not carried into later ones (only a study's, see ``Context``).

Citation keys come from the value's clause (the marker right after it, else those between it and
the next value, else the next marker after it), plus author markers ("Ma et al.^[135]") for the
whole sentence; a sentence without markers takes those of the study it continues (see
``Context``). Sentences that state no value give ``doping`` (material + dopants, from
``doc._.dopings`` of ``miner.doping``) and ``synthesis`` (material + methods) facts, both when a
doped material is said to be made some way.

All offsets here are character offsets in the sentence text; ``extract`` makes them absolute.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span

from miner import extensions  # noqa: F401  (registers the span attributes)
from miner.chemistry.family import formula_is_garnet, names_garnet
from miner.chemistry.formula import normalize_formula, variables
from miner.chemistry.garnet import (
    PARENT_FORMULA,
    SITES,
    default_site,
    infer_dopants,
    is_garnet,
    is_llzo_derived,
    parse_formula,
)
from miner.doping.component import dopings
from miner.property_specs import (
    clause_before,
    last_step,
    load_cues,
    relabelled,
    specs_by_name,
    steps_pattern,
)
from miner.records import Dopant

log = logging.getLogger(__name__)

# Words that make a value a target or requirement rather than a measurement.
_REQUIREMENT = re.compile(
    r"\b(should|must|needs? to|needed|required to|requirements?|targets?|targeted|desired|"
    r"desirable|ideally|essential)\b",
    re.I,
)
_REQUIREMENT_AFTER = re.compile(
    r"\b(?:is|are|be|being|remains?)\s+(?:still\s+)?(?:needed|required|necessary|desired|"
    r"desirable|essential|targeted|expected for)\b",
    re.I,
)
# Text right after a material that makes it a helper phase, not the material measured.
_SECONDARY_AFTER = re.compile(
    r"^\s*(?:\)\s*)?,?\s*(?:[\w-]*\s)?(?:additives?|sintering (?:aids?|additives?)|"
    r"as (?:an? |the )?(?:sintering|additive|coating|dopant|precursor|flux|template|solvent)|"
    r"coatings?|interlayers?|layers?\b|-coated|precursors?|impurit|precipitates?|"
    r"secondary phases?|crucibles?|substrates?|containers?|boats?|setters?|molds?|moulds?|"
    r"flux(?:es)?\b|(?:molten )?salts?\b|melts?\b)",
    re.I,
)
_SECONDARY_BEFORE = re.compile(
    r"(?:\b(?:adding|addition of|using|added|wt\.? ?%(?: of)?|mol ?%(?: of)?|coated with|"
    r"coating of|precursors?|impurit(?:y|ies)(?: of| such as)?|against|towards?|"
    r"contact with|eliminates(?: the)?|suppress(?:es)?(?: the)?)\s*)$",
    re.I,
)
_ANAPHOR_START = re.compile(
    r"^\s*(?:(?:however|moreover|meanwhile|additionally|furthermore|in addition|thus|hence|"
    r"therefore|consequently|notably|also|as a result),?\s+)?"
    r"(?:it|its|they|their|this|these|such|the (?:resulting|obtained|as-prepared|as-sintered|"
    r"prepared|sintered|synthesi[sz]ed|same|coated|treated|modified|annealed|densified|"
    r"hot-pressed|optimi[sz]ed|corresponding)|the (?:[\w-]+ed\s+)?(?:sample|pellet|electrolyte|"
    r"ceramic|membrane|film|powder)s?)\b",
    re.I,
)
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|these|such|the same|the (?:resulting|obtained|as-prepared|as-sintered))\s+"
    r"(?:[\w-]+\s+)?(?:samples?|pellets?|electrolytes?|ceramics?|membranes?|films?|"
    r"powders?|cells?|batter(?:y|ies)|garnets?|materials?|compositions?)\b",
    re.I,
)
_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:this|these|such|the same)\s+$", re.I)
_POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.I)
_AUTHOR_BEFORE = re.compile(
    r"(?:\bet al\.?|\band (?:co-?)?workers|\band colleagues|\bgroup|'s group|’s group)\s*,?\s*$",
    re.I,
)
_THEORETICAL = re.compile(
    r"\b(?:theoretical(?:ly)?(?!\s+densit)|calculated|predicted|computed|simulated|"
    r"first[- ]principles|DFT|ab initio|AIMD|molecular dynamics)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r";|\b(?:whereas|while|but|although|though|than|unlike|in contrast|compared (?:with|to))\b",
    re.I,
)
# "(2-7 eV, calculated by Miara et al.)": the cue right after the value, in its parenthesis
_THEORETICAL_AFTER = re.compile(
    r"\s*,\s*(?:as\s+)?(?:theoretically\s+)?(?:calculated|predicted|computed|simulated)\b", re.I
)
_RESPECTIVELY = re.compile(r"\b(?:respectively|corresponding)\b", re.I)
_THIS_METHOD = re.compile(
    r"\b(?:this|the same|that) (?:method|approach|technique|route|process)\b", re.I
)
_FOR_OF_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:(?:was|were|is|are|has been|have been)\s+)?(?:obtained|measured|achieved|"
    r"reported|found|determined|observed|recorded|calculated|predicted)\s+)?(?:for|of|in)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_RT = re.compile(
    r"\bat\s+(?:RT|room[- ]temperature|ambient temperature)\b|"
    r"\broom[- ]temperature\s+(?:[\w+-]+\s+){0,2}(?:ionic\s+)?conductivit|"
    r"σ_?\{?RT\b",
    re.I,
)
# "at 25 °C", "(25 °C)", "at 0.2 C and 60 °C", "at a temperature of 40 °C"
_CONDITION_C = re.compile(
    r"(?:\bat\s+(?:a\s+temperature\s+of\s+)?(?:[^;,()]{0,30}?\band\s+)?|\(\s*)"
    r"(-?\d+(?:\.\d+)?)\s*°C\b"
)
_AT_CONDITION = re.compile(
    r"\bat\s+(?:a\s+temperature\s+of\s+)?(?:[^;,()]{0,30}?\band\s+)?(?:about\s+|≈\s*|~\s*)?$",
    re.I,
)
_CONDITION_K = re.compile(r"(?:\bat\s+|\(\s*)(\d{3}(?:\.\d+)?)\s*K\b")
_BOUND_BEFORE = re.compile(
    r"[-\s]+(?:(?:derived|based|processed|prepared|synthesi[sz]ed|made|sintered|grown|"
    r"deposited|treated)[-\s]+)?",
    re.I,
)
_SAME_COMPOSITION = re.compile(
    r"\b(?:pellets?|samples?|ceramics?|membranes?|films?|powders?|electrolytes?)\s+(?:of|with)\s+"
    r"the\s+same\s+(?:composition|stoichiometry|nominal composition)",
    re.I,
)
_THOSE_MADE_BY = re.compile(
    r"\b(?:those|that|the ones?)\s+(?:prepared|synthesi[sz]ed|made|obtained|derived|fabricated|"
    r"sintered|processed)\s+(?:by|via|using|through|with)\s+(?:the\s+|a\s+)?",
    re.I,
)
MAX_REACH = 2000  # characters between a value and a material it can belong to
MAX_TRIED = 20  # materials tried per value
_COMPOSITE_JOIN = re.compile(r"[/|@]")
_COMPOSITE_HEAD = re.compile(
    r"(?:\s+(?:symmetric|full|pouch|coin|composite|hybrid|cells?|batter(?:y|ies)|cathodes?|"
    r"anodes?|electrodes?|interfaces?|membranes?|electrolytes?|SSBs?|CSEs?)\b){1,3}",
    re.I,
)
_DOPED_AFTER = re.compile(
    r"\s*[-‐]?\s*(?:co-?)?(?:doped|substituted|containing|stabili[sz]ed|modified)\b", re.I
)
_GENERIC_HOST = re.compile(
    r"(?:the\s+)?(?:samples?|systems?|materials?|electrolytes?|pellets?|ceramics?|films?|"
    r"powders?|membranes?|compounds?|structures?|garnets?|phases?|specimens?|ones?|"
    r"counterparts?|analogues?|analogs?|references?|controls?)",
    re.I,
)
_AMOUNT_PERCENT = re.compile(r"(?:wt|mol|at|vol|mass|weight)\.?\s*%|%\s*(?:w/w|v/v)", re.I)
_PROCESS = load_cues()["process"]
# "Arrhenius fits between 25 and 100 °C", "measured from 25 to 80 °C": a temperature after a
# measuring word (and no process word after it) is where a property was measured, no process's
_MEASURING_OR_PROCESS = steps_pattern(("measuring", "process"))
MAX_MEASURING_C = 300.0  # above this, a temperature is a process's whatever the words before it
# "sintered at 1230 °C for 10 h ... to give X pellets": X is what the process made
_PRODUCT_BEFORE = re.compile(
    r"\b(?:to (?:give|yield|obtain|form|produce)|yield(?:ed|ing|s)?|giving|gave|resulting in)\s+"
    r"(?:(?:the|a|an|dense|pure|cubic|single-phase|phase-pure)\s+)?$",
    re.I,
)
_NUM = r"\d*\.?\d+"
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_CHANGE_BEFORE = re.compile(
    r"\b(?:increas|improv|enhanc|decreas|reduc|drop|rose|rise|rising|rais|boost|grow|grew|"
    r"lower|went|chang|declin|fell|fall|jump|shift|elevat|promot)\w*\b[^;]{0,100}\bfrom\s*$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A material as written in a sentence, with what the sentence says about it."""

    text: str
    start: int = -1
    end: int = -1
    formula: str | None = None
    kind: str | None = None
    dopant_elements: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()  # methods bound to the mention ("LLZO prepared by SSR")
    name_methods: tuple[str, ...] = ()  # those in its name ("sol-gel derived LLZO")
    secondary: bool = False  # an additive, coating or sintering aid, not the material measured
    dopants: tuple[Dopant, ...] = ()
    flags: tuple[str, ...] = ()
    dopant_confidence: float = 1.0


@dataclass(frozen=True)
class Value:
    """A QUANTITY span read into plain data."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    raw: str
    comparator: str | None
    property: str | None
    temperature_C: float | None
    rt: bool
    note: str | None = None  # "before"/"after" for the two ends of a change


@dataclass(frozen=True)
class Context:
    """What carries from one sentence to the next: the subject, the paragraph's topic (its last
    garnet material, which a sentence without a material of its own is about before any other),
    the study being described (its author-marker keys and methods), the previous sentence's last
    keys, the section's methods."""

    subject: Mention | None = None
    distance: int = 0  # sentences since the subject was last named
    topic: Mention | None = None  # the last garnet material named in the paragraph
    study_refs: tuple[str, ...] = ()
    study_methods: tuple[str, ...] = ()
    previous_refs: tuple[str, ...] = ()
    section_methods: tuple[str, ...] = ()
    previous_this_method: bool = False
    paragraph: tuple[Mention, ...] = ()  # compositions named earlier in the paragraph
    previous_formulas: tuple[str, ...] = ()  # compositions the previous sentence named
    garnet: Mention | None = None  # the last garnet material named in the document
    series: tuple[Mention, ...] = ()  # the previous sentence's list of materials

    def next_paragraph(self) -> Context:
        """The context at a paragraph break: the paragraph's topic, study and compositions end;
        a subject that is no garnet (lithium metal, a polymer) stays in its paragraph, and the
        document's last garnet is carried instead."""
        subject = self.subject
        if subject is not None and not _is_garnet(subject):
            subject = self.garnet
        return replace(
            self,
            subject=subject,
            topic=None,
            paragraph=(),
            study_refs=(),
            study_methods=(),
            previous_refs=(),
            previous_this_method=False,
            series=(),
        )


@dataclass(frozen=True)
class Draft:
    """A fact before document provenance is added (offsets relative to the sentence)."""

    kind: str
    material: Mention
    dopants: tuple[Dopant, ...] = ()
    property: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    raw: str | None = None
    temperature_C: float | None = None
    methods: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)
    value_start: int = -1
    value_end: int = -1


Citations = Sequence[tuple[int, tuple[str, ...]]]  # (offset in the sentence, keys) per marker


def assemble(
    doc: Doc, citations: Citations = (), context: Context | None = None
) -> tuple[list[Draft], Context]:
    """Facts of one sentence (already run through the recognisers) and the context for the next.

    ``citations`` are the sentence's markers, their offsets relative to the sentence start.
    """
    context = context or Context()
    text = doc.text
    methods = _methods(doc)
    mentions = _composites(
        text, _apply_dopings(doc, _mentions(doc, methods), context.topic or context.garnet)
    )
    values = _values(doc)
    citations = sorted(citations)
    author_keys = _author_keys(text, citations)
    unbound = [
        (s, m)
        for s, e, m in methods
        if not any(s >= x.start - 40 and e <= x.end + 80 and m in x.methods for x in mentions)
    ]
    sentence_methods = tuple(dict.fromkeys(m for _, m in unbound))
    mentions, pointing = _resolve_references(text, mentions, context.paragraph)
    main = [m for m in mentions if not m.secondary]
    anaphoric = bool(_ANAPHOR_START.match(text)) or (not main and bool(_DEMONSTRATIVE.search(text)))
    # a sentence about the material the previous one was about continues its study: "X was
    # made by the Pechini process.^[9] The X pellet shows ...", "the Ga-doped sample ..."
    continues = not citations and (
        anaphoric
        or pointing
        or bool(main and main[0].formula and main[0].formula in context.previous_formulas)
    )
    this_method = bool(_THIS_METHOD.search(text))
    carried_refs = ()
    if not citations:
        carried_refs = context.study_refs or (context.previous_refs if continues else ())
    carried_methods: tuple[str, ...] = ()
    if not sentence_methods:
        if not citations and context.study_refs:
            carried_methods = context.study_methods
        elif this_method or (context.previous_this_method and (anaphoric or not main)):
            carried_methods = context.section_methods
    subject_here = main[0] if main else None
    carried = (context.topic or context.subject) if (anaphoric or not main) else None

    values = [_named_by_context(text, v) for v in values]
    conditions = [v for v in values if _is_condition(text, v)]
    measured = [
        v
        for v in values
        if v.property
        and v not in conditions
        and not _is_requirement(text, v)
        and not _is_misread(text, v)
    ]
    notes = [_before_after(text, v, measured) for v in measured]
    measured = [replace(v, note=note) for v, note in zip(measured, notes, strict=True)]
    runs = _runs(text, main)
    if not runs and not main and context.series:
        runs = [list(context.series)]
    links = _link(text, measured, mentions, carried, runs)
    measured = _respective_conditions(text, _share_list_temperature(measured, links))
    drafts: list[Draft] = []
    condition = conditions[0].value if conditions else _sentence_temperature(text, values)
    for i, v in enumerate(measured):
        mention, rule, confidence = links[i]
        if mention is None:
            log.debug("no material for %r in %r", v.raw, text[:80])
            continue
        if mention is carried:  # the sentence's own methods before those of the carried subject
            own = _clause_methods(text, unbound, v, mention)
            methods_here = own or mention.methods or carried_methods
        elif mention.methods:  # "X synthesized by SSR and densified by SPS at 1100 °C": both
            # made the value; only the value's own clause adds to what is bound to X
            same_clause = _clause_methods(text, unbound, v, None)
            methods_here = tuple(dict.fromkeys((*mention.methods, *same_clause)))
        else:
            methods_here = _clause_methods(text, unbound, v, mention) or carried_methods
        cue_from = max(v.start - 60, measured[i - 1].end if i else 0)
        if (
            _THEORETICAL.search(text[cue_from : v.start])
            or _THEORETICAL_AFTER.match(text[v.end :])
            or "calculation" in methods_here
        ):
            methods_here = tuple(dict.fromkeys((*methods_here, "calculation")))
        refs = _refs_for(v, measured, citations) or carried_refs
        refs = tuple(dict.fromkeys((*author_keys, *refs)))
        temperature = None
        if _temperature_dependent(v.property):
            temperature = v.temperature_C
            if temperature is None and v.rt:
                temperature = 25.0
            if temperature is None:
                temperature = condition
        extra: dict[str, Any] = {"link": rule}
        if v.note:
            extra["note"] = v.note
        if mention.flags:
            extra["composition"] = list(mention.flags)
        if v.comparator and v.comparator != "=":
            extra["comparator"] = v.comparator
        if "calculation" in methods_here:
            extra["calculation"] = True
        if mention is carried:
            confidence = max(0.4, confidence - 0.05 * context.distance)
        drafts.append(
            Draft(
                kind="measurement",
                material=mention,
                dopants=mention.dopants,
                property=v.property,
                value=v.value,
                value_max=v.value_max,
                unit=v.unit,
                raw=v.raw,
                temperature_C=temperature,
                methods=methods_here,
                refs=refs,
                confidence=round(confidence * mention.dopant_confidence, 3),
                extra=extra,
                value_start=v.start,
                value_end=v.end,
            )
        )
    if not drafts:
        keys = tuple(dict.fromkeys((*author_keys, *(k for _, ks in citations for k in ks))))
        drafts = _statements(mentions, sentence_methods, keys or carried_refs)

    new_subject = subject_here or (
        drafts[-1].material if drafts and drafts[-1].material.text else None
    )
    last_refs = citations[-1][1] if citations else ()
    study_refs, study_methods = context.study_refs, context.study_methods
    if author_keys:
        study_refs, study_methods = author_keys, sentence_methods
    elif citations:
        study_refs, study_methods = (), ()
    # a method the sentence states ("X was made by SSR") is a fact of that sentence (GOLD_FORMAT:
    # "tied to this fact in the same sentence"); only one in the material's name ("sol-gel
    # derived LLZO") goes with the material into later sentences
    main = [_as_carried(m) for m in main]
    new_subject = _as_carried(new_subject) if new_subject else None
    next_context = replace(
        context,
        subject=new_subject or context.subject,
        topic=_topic(main) or context.topic,
        distance=0 if new_subject else context.distance + 1,
        study_refs=study_refs,
        study_methods=study_methods,
        previous_refs=last_refs or (carried_refs if continues else ()),
        previous_this_method=this_method,
        paragraph=(*context.paragraph, *(m for m in main if m.formula))[-MAX_TRIED:],
        previous_formulas=tuple(m.formula for m in main if m.formula),
        garnet=next((m for m in reversed(main) if _is_garnet(m)), context.garnet),
        series=tuple(_as_carried(m) for m in runs[0]) if runs and main else (),
    )
    return drafts, next_context


def _topic(main: list[Mention]) -> Mention | None:
    """The sentence's last garnet, one with a composition or dopants before a bare family word
    ("Li6.4Fe0.2La3Zr2O12 ..., one of the best for a singly doped garnet")."""
    garnets = [m for m in reversed(main) if _is_garnet(m)]
    return next((m for m in garnets if m.formula or m.dopants), garnets[0] if garnets else None)


def _as_carried(mention: Mention) -> Mention:
    return replace(mention, methods=mention.name_methods)


def _resolve_references(
    text: str, mentions: list[Mention], paragraph: tuple[Mention, ...]
) -> tuple[list[Mention], bool]:
    """Mentions that point back: "this garnet" (a demonstrative before a name that states no
    composition) is no material of its own, the carried subject is meant; "the Ga-doped
    sample" / "the Al-doped one" is the one composition of the paragraph with those dopants.
    Returns the mentions and whether any pointed back."""
    out, pointing = [], False
    for m in mentions:
        if m.secondary or m.formula:
            out.append(m)
            continue
        if not m.dopants and _DEMONSTRATIVE_BEFORE.search(text[: max(m.start, 0)]):
            pointing = True
            continue
        elements = {d.element for d in m.dopants}
        if elements and _GENERIC_HOST.fullmatch(m.text):
            same = {
                x.formula: x
                for x in paragraph
                if x.formula and {d.element for d in x.dopants} == elements
            }
            if len(same) == 1:
                (antecedent,) = same.values()
                m = replace(
                    m,
                    formula=antecedent.formula,
                    dopants=antecedent.dopants,
                    flags=antecedent.flags,
                    dopant_confidence=antecedent.dopant_confidence,
                )
                pointing = True
        out.append(m)
    return out, pointing


# --- reading the spans ---------------------------------------------------------------------


def _methods(doc: Doc) -> list[tuple[int, int, str]]:
    return [
        (s.start_char, s.end_char, s._.method)
        for s in doc.spans.get("llzo_method", [])
        if s._.method
    ]


def _values(doc: Doc) -> list[Value]:
    """QUANTITY spans as values; a change written as a range ("increased from A to B unit")
    becomes its two ends."""
    out = []
    text = doc.text
    for s in sorted(doc.spans.get("llzo_quantity", []), key=lambda s: s.start_char):
        if s._.value is None or not s._.unit:
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
            )
        )
        last = out[-1]
        if last.value_max is None:
            continue
        if _CHANGE_BEFORE.search(text[max(0, s.start_char - 140) : s.start_char]):
            out[-1] = replace(last, value_max=None, note="before")
            out.append(replace(last, value=last.value_max, value_max=None, note="after"))
        elif last.value_max < last.value:
            # a range written high to low ("10^-5–10^-7"): the record keeps low..high
            out[-1] = replace(last, value=last.value_max, value_max=last.value)
    return out


def _mentions(doc: Doc, methods: list[tuple[int, int, str]]) -> list[Mention]:
    """Material spans with their secondary role, bound methods and dopants resolved."""
    text = doc.text
    spans = sorted(doc.spans.get("llzo_material", []), key=lambda s: s.start_char)
    spans = [s for s in spans if not _inside_other(s, spans)]
    dopant_spans = list(doc.spans.get("llzo_dopant", []))
    site_spans = list(doc.spans.get("llzo_site", []))
    out = []
    for s in spans:
        before = text[max(0, s.start_char - 40) : s.start_char]
        after = text[s.end_char : s.end_char + 40]
        secondary = bool(_SECONDARY_AFTER.match(after) or _SECONDARY_BEFORE.search(before))
        named = tuple(
            dict.fromkeys(
                m
                for _, me, m in methods
                if 0 <= s.start_char - me <= 20 and _BOUND_BEFORE.fullmatch(text[me : s.start_char])
            )
        )
        bound = tuple(
            dict.fromkeys(
                (*named, *(m for ms, _, m in methods if _bound_after(text, s.end_char, ms)))
            )
        )
        # a family name ("LLZO", "LLZTO") stands for no one exact composition, even when the
        # text once spelled it out as the parent ("Li7La3Zr2O12 (LLZO)") and then uses it for
        # the whole family; an abbreviation of a doped composition ("LALZO-4") is exact
        exact = not (
            s._.material_kind == "family"
            or (s._.material_kind == "abbreviation" and s._.formula == PARENT_FORMULA)
            or _PLURAL_ACRONYM.match(s.text)
        )
        mention = Mention(
            text=s.text,
            start=s.start_char,
            end=s.end_char,
            formula=_concrete(s._.formula) if exact else None,
            kind=s._.material_kind,
            dopant_elements=tuple(s._.dopant_elements or ()),
            methods=bound,
            name_methods=named,
            secondary=secondary,
        )
        mention = _with_dopants(mention, _nearby_dopants(s, spans, dopant_spans, site_spans))
        out.append(_series_member_free(mention, text))
    out = _named_compositions(
        text, _share_plural_methods(text, _starting_materials(text, _joined_secondary(text, out)))
    )
    return out + _compared_mentions(text, out, methods)


def _joined_secondary(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "a LiCl–KCl flux", "Li2O/B2O3 additives": materials joined by a dash or slash share the
    helper role the last of them is given."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        if out[i + 1].secondary and re.fullmatch(
            r"\s*[-–/:]\s*", text[out[i].end : out[i + 1].start]
        ):
            out[i] = replace(out[i], secondary=True)
    return out


def _starting_materials(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Li2CO3, La2O3, ZrO2 and Ga2O3 were ball-milled and calcined at 900 °C": a list of
    materials that were weighed, milled or mixed are the reagents, not what the values are of."""
    out = list(mentions)
    first = 0
    for i in range(1, len(out) + 1):
        if i < len(out) and _COORDINATED.fullmatch(text[out[i - 1].end : out[i].start]):
            continue
        if i - first >= 2 and _MIXED_AFTER.match(text[out[i - 1].end :]):
            out[first:i] = [replace(m, secondary=True) for m in out[first:i]]
        first = i
    return out


def _named_compositions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Mo-doped LLZO (Li6.5La3Zr1.75Mo0.25O12)", "Nb-doped garnet Li6.75La3Zr1.75Nb0.25O12": a
    name followed by its composition in parentheses, or a doped name in apposition, takes that
    composition when the name's dopants are among the formula's."""
    out = list(mentions)
    for i in range(len(out) - 1):
        name, composition = out[i], out[i + 1]
        between = text[name.end : composition.start]
        parenthesis = bool(
            re.fullmatch(r"\s*\(\s*", between) and re.match(r"\s*\)", text[composition.end :])
        )
        apposition = between.isspace() and bool(name.dopants)
        if (
            name.formula is None
            and composition.formula
            and (parenthesis or apposition)
            and {d.element for d in name.dopants} <= {d.element for d in composition.dopants}
        ):
            out[i] = replace(
                name,
                formula=composition.formula,
                dopants=composition.dopants,
                flags=composition.flags,
                dopant_confidence=composition.dopant_confidence,
            )
    return out


def _share_plural_methods(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "A (0.5 μm) and B (2 μm) were prepared by co-precipitation": a method bound after the
    last of coordinated materials by a plural verb is bound to each of them."""
    out = list(mentions)
    for i in range(len(out) - 1, 0, -1):
        last = out[i]
        if not last.methods or not _PLURAL_BOUND.match(text, last.end):
            continue
        j = i
        while j > 0 and _COORDINATED.fullmatch(text[out[j - 1].end : out[j].start]):
            j -= 1
            methods = tuple(dict.fromkeys((*out[j].methods, *last.methods)))
            out[j] = replace(out[j], methods=methods)
    return out


def _compared_mentions(
    text: str, mentions: list[Mention], methods: list[tuple[int, int, str]]
) -> list[Mention]:
    """ "than those prepared by the SSR method": the same material made another way, as a mention
    of its own (text of the material it refers back to, the method bound to it)."""
    out = []
    for match in _THOSE_MADE_BY.finditer(text):
        method = [m for ms, _, m in methods if ms == match.end()]
        earlier = [m for m in mentions if m.end <= match.start() and not m.secondary]
        if method and earlier:
            referent = earlier[-1]
            out.append(
                replace(
                    referent,
                    text=f"{referent.text} ({method[0]})",
                    start=match.start(),
                    end=match.end(),
                    methods=(method[0],),
                    name_methods=(method[0],),
                )
            )
    for match in _SAME_COMPOSITION.finditer(text):
        earlier = [m for m in mentions if m.end <= match.start() and m.formula and not m.secondary]
        if earlier:
            out.append(
                replace(
                    earlier[-1],
                    text=f"{earlier[-1].text} ({match.group(0)})",
                    start=match.start(),
                    end=match.end(),
                    methods=(),
                    name_methods=(),
                )
            )
    return out


def _composites(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "LiCoO2/LLZO/Li cell", "Li|Ta-LLZO|Li": the parts of a cell or composite written with
    slashes are one material; its formula and dopants are those of its garnet part (the knowledge
    graph is about the garnet), none when it has no garnet part."""
    out: list[Mention] = []
    taken: set[int] = set()
    for i, m in enumerate(mentions):
        if i in taken:
            continue
        start, end = m.start, m.end
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(,;":
            start -= 1
        while end < len(text) and not text[end].isspace() and text[end] not in "),;":
            end += 1
        end = len(text[:end].rstrip("."))
        if not _COMPOSITE_JOIN.search(text[start : m.start] + text[m.end : end]):
            out.append(m)
            continue
        parts = [j for j, o in enumerate(mentions) if o.start >= start and o.end <= end]
        taken.update(parts)
        chunk = text[start:end]
        head = _COMPOSITE_HEAD.match(text[end:])
        end += head.end() if head else 0
        members = [mentions[j] for j in parts] or [m]
        garnet = [o for o in members if _is_garnet(o)]
        if garnet:
            core = garnet[0]
        else:  # a garnet written inside the composite token ("NCM811/Li6.4La3Zr1.4Ta0.6O12")
            core = replace(m, formula=None, dopants=(), flags=())
            for part in _COMPOSITE_JOIN.split(chunk):
                formula = normalize_formula(part)
                if formula and formula_is_garnet(formula):
                    core = _with_dopants(replace(core, formula=formula), [])
                    break
        out.append(
            replace(
                core,
                text=text[start:end],
                start=start,
                end=end,
                methods=tuple(dict.fromkeys(x for o in members for x in o.methods)),
                secondary=all(o.secondary for o in members),
            )
        )
    return out


def _inside_other(span: Span, spans: list[Span]) -> bool:
    return any(
        o is not span
        and o.start_char <= span.start_char
        and span.end_char <= o.end_char
        and (o.end_char - o.start_char) > (span.end_char - span.start_char)
        for o in spans
    )


_PLURAL_BOUND = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:were|are|have been)\s", re.I)
_COORDINATED = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|,?\s*and|,?\s*or)\s*", re.I)
_MIXED_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:were|are)\s+(?:(?:first|then|thoroughly|stoichiometrically)\s+)?"
    r"(?:[\w]+[- ])?(?:milled|mixed|ground|weighed|blended|dissolved)\b",
    re.I,
)
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


def _bound_after(text: str, end: int, method_start: int) -> bool:
    """ "LLZO prepared by the SSR method", "those synthesized via SPS", "LATP (...) pellets
    densified by hot pressing": a method bound to X."""
    between = text[end:method_start]
    return 0 <= len(between) <= 60 and bool(_BOUND_AFTER.fullmatch(between))


def _nearby_dopants(
    material: Span, materials: list[Span], dopants: list[Span], sites: list[Span]
) -> list[tuple[str, str, str | None, float | None, int | None]]:
    """DOPANT spans whose nearest material is this one: (element, text, site, amount, charge)."""
    out = []
    for d in dopants:
        if not d._.element:
            continue
        nearest = min(materials, key=lambda m: _gap(m, d))
        if nearest is not material or _gap(material, d) > 30:
            continue
        text = d.doc.text
        doped = _DOPED_AFTER.match(text[d.end_char :])
        # "Ga-doped sample" modifies the word that follows: not a material before it, nor one
        # further on ("the Al-doped counterpart (0.34 eV), Ga-doped LLZO ...")
        if doped and (
            material.end_char <= d.start_char
            or (
                material.start_char > d.start_char
                and material.start_char - (d.end_char + doped.end()) > 2
            )
        ):
            continue
        site = d._.site or _site_near(d, sites)
        out.append((d._.element, d.text, site, d._.amount, d._.charge))
    return out


def _gap(a: Span, b: Span) -> int:
    if a.end_char <= b.start_char:
        return b.start_char - a.end_char
    if b.end_char <= a.start_char:
        return a.start_char - b.end_char
    return 0


def _site_near(dopant: Span, sites: list[Span]) -> str | None:
    """A SITE span within a few words after a dopant ("Ga3+ on the Li site")."""
    for s in sites:
        if 0 <= s.start_char - dopant.end_char <= 30 and s._.site in SITES:
            return s._.site
    return None


def _with_dopants(
    mention: Mention,
    stated: list[tuple[str, str, str | None, float | None, int | None]],
    keep: tuple[Dopant, ...] = (),
    garnet_context: bool = False,
) -> Mention:
    """Dopants of a mention: from its composition (relative to LLZO), its name ("Ga-doped") and
    DOPANT spans next to it; a site or charge stated in the text wins. ``keep``: dopants already
    read for the mention, extended here; ``garnet_context``: the mention is a generic word
    ("the Ga-doped sample") in text about a garnet, so garnet sites apply."""
    stated_sites = {e: site for e, _, site, _, _ in stated if site}
    stated_charges = {e: q for e, _, _, _, q in stated if q}
    texts = {e: t for e, t, _, _, _ in stated}
    flags, confidence = mention.flags, mention.dopant_confidence
    dopants: list[Dopant] = list(keep)
    garnet = garnet_context or names_garnet(mention.text)
    if mention.formula and not keep:
        try:
            amounts = parse_formula(mention.formula)
        except ValueError:
            amounts = {}
        if amounts and is_llzo_derived(amounts):
            reading = infer_dopants(amounts, stated_sites, stated_charges)
            flags, confidence = reading.flags, reading.confidence
            dopants = [Dopant.implied(d, texts.get(d.element)) for d in reading.dopants]
        garnet = bool(amounts) and is_garnet(amounts) or (garnet and not amounts)
    known = {d.element for d in dopants}
    for element, written, site, amount, charge in [
        *((e, e, None, None, None) for e in mention.dopant_elements),
        *stated,
    ]:
        if element in known or (garnet and element in SITES):
            continue  # "substitution of La3+ by Ca2+": La is the garnet's own, no dopant
        known.add(element)
        site = stated_sites.get(element) or site or (default_site(element) if garnet else None)
        amounts_stated = [a for e, _, _, a, _ in stated if e == element and a is not None]
        dopants.append(
            Dopant(
                element=element,
                text=texts.get(element, written),
                site=site,
                amount=amounts_stated[0] if amounts_stated else amount,
                charge=stated_charges.get(element, charge),
            )
        )
    return replace(mention, dopants=tuple(dopants), flags=flags, dopant_confidence=confidence)


# --- linking values to materials --------------------------------------------------------------


def _link(
    text: str,
    values: list[Value],
    mentions: list[Mention],
    carried: Mention | None,
    runs: list[list[Mention]],
) -> list[tuple[Mention | None, str, float]]:
    links: list[tuple[Mention | None, str, float] | None] = [None] * len(values)
    _link_variable_change(text, values, mentions, links)
    _link_respectively(text, values, runs, links)
    _link_versus(text, values, mentions, links)
    main = [m for m in mentions if not m.secondary]
    for i, v in enumerate(values):
        if links[i] is not None:
            continue
        after = next(
            (
                m
                for m in main
                if 0 <= m.start - v.end <= 80 and _FOR_OF_AFTER.match(text[v.end : m.start])
            ),
            None,
        )
        if after is not None:
            links[i] = (after, "for-of", 0.9)
            continue
        # "The powder was sintered at 1230 °C to give X": X, when no material came before
        product = next(
            (
                m
                for m in main
                if main[0].start >= v.end
                and 0 <= m.start - v.end <= 150
                and ";" not in text[v.end : m.start]
                and _PRODUCT_BEFORE.search(text[v.end : m.start])
            ),
            None,
        )
        if product is not None:
            links[i] = (product, "product", 0.85)
            continue
        # candidates before the value, nearest first / first in the sentence; bounded so that a
        # pathological sentence (thousands of mentions) stays linear
        before = [m for m in main if m.end <= v.start and v.start - m.end <= MAX_REACH]
        nearest = next(
            (m for m in reversed(before[-MAX_TRIED:]) if not _enclosed(text, m, v)), None
        )
        first = next((m for m in before[:MAX_TRIED] if not _enclosed(text, m, v)), None)
        if (
            nearest is not None
            and first is not nearest
            and _POSSESSIVE.search(text[nearest.end : v.start])
        ):
            links[i] = (first, "its-subject", 0.85)
        elif nearest is not None:
            links[i] = (nearest, "nearest-left", 0.85)
        elif carried is not None:
            links[i] = (carried, "carried", 0.7)
        elif [m for m in main if m.start >= v.end]:
            links[i] = ([m for m in main if m.start >= v.end][0], "nearest-right", 0.75)
        elif mentions:
            nearest = min(mentions, key=lambda m: abs(m.start - v.start))
            links[i] = (nearest, "secondary", 0.5)
        else:
            links[i] = (None, "none", 0.3)
    _link_change_result(values, main, links)
    return [x if x is not None else (None, "none", 0.3) for x in links]


def _link_change_result(values: list[Value], main: list[Mention], links: list[Any]) -> None:
    """ "Substituting Ca on the La site (Li6.85La2.9Ca0.1Zr1.75Nb0.25O12) raised σ of the Nb-doped
    garnet from A to B": when a change's two ends went to one material and the sentence names a
    composition holding that material's dopants and more, the value after the change is that
    composition's."""
    for i, v in enumerate(values):
        if v.note != "after" or i == 0 or values[i - 1].note != "before":
            continue
        before, after = links[i - 1], links[i]
        if before is None or after is None or before[0] is not after[0] or after[0] is None:
            continue
        host = after[0]
        have = {d.element for d in host.dopants}
        richer = [
            m for m in main if m is not host and m.formula and have < {d.element for d in m.dopants}
        ]
        if len({m.formula for m in richer}) == 1:
            links[i] = (richer[0], "change-result", 0.75)


def _enclosed(text: str, mention: Mention, value: Value) -> bool:
    """The mention sits in a parenthesis closed before the value ("(LLZO > LATP), and ... V")."""
    depth = 0
    for ch in text[mention.end : value.start]:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return True
    return False


def _runs(text: str, main: list[Mention]) -> list[list[Mention]]:
    """Lists of materials a "respectively" can align values with, strictest first."""
    return _coordinated_runs(text, main) + _series(text, main) + _coordinated_runs(text, main, 80)


def _link_respectively(
    text: str, values: list[Value], runs: list[list[Mention]], links: list[Any]
) -> list[Mention]:
    """``σ of A and B were V1 and V2, respectively``: align a run of n coordinated materials with
    the n values of one property. ``runs`` may be the previous sentence's ("A, B and C were
    sintered ... The corresponding energies were V1, V2 and V3, respectively"). Returns the run
    used, if any."""
    if not _RESPECTIVELY.search(text):
        return []
    by_property: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        if links[i] is None:
            by_property.setdefault(v.property or "", []).append(i)
    used: list[Mention] = []
    for indices in by_property.values():
        for run in runs:
            if len(run) == len(indices) >= 2:
                for m, i in zip(run, indices, strict=True):
                    links[i] = (m, "respectively", 0.9)
                used = used or run
                break
    return used


def _series(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """``Li7-xLa3Zr2-xTaxO12 (x = 0.2, 0.4 and 0.6)``: a general formula and the values its
    variable takes, as one mention per composition."""
    runs = []
    for m in mentions:
        general = _general_formula(m.text)
        if general is None:
            continue
        name = general[1]
        numbers = _listed_values(text, m.end, name)
        run = [x for n in numbers if (x := _at(m, n)) is not None]
        if len(run) >= 2:
            runs.append(run)
    return runs


def _listed_values(text: str, start: int, name: str) -> list[str]:
    """The values a variable is listed with after ``start`` ("x = 0.2, 0.4 and 0.6")."""
    listed = re.compile(
        rf"\b{re.escape(name)}\s*=\s*({_NUM}(?:\s*(?:,|,?\s*and|,?\s*or)\s*{_NUM})+)"
    ).search(text, start)
    return re.findall(_NUM, listed.group(1)) if listed else []


def _series_member_free(mention: Mention, text: str) -> Mention:
    """A general formula listed with several values of its variable names no one composition:
    no formula, and its dopants without amounts."""
    general = _general_formula(mention.text)
    if general is None or len(_listed_values(text, mention.end, general[1])) < 2:
        return mention
    member = _at(mention, _listed_values(text, mention.end, general[1])[0])
    dopants = {d.element: replace(d, amount=None) for d in mention.dopants}
    for d in member.dopants if member else ():
        dopants.setdefault(d.element, replace(d, amount=None))
    return replace(mention, formula=None, dopants=tuple(dopants.values()), flags=())


def _general_formula(text: str) -> tuple[str, str] | None:
    """The general formula written in a mention ("Ta-doped Li7-xLa3Zr2-xTaxO12") and its one
    variable, or None."""
    for word in reversed(text.split()):
        names = variables(word)
        if len(names) == 1 and normalize_formula(word, dict.fromkeys(names, 0.1)):
            return word, next(iter(names))
    return None


def _at(mention: Mention, number: str) -> Mention | None:
    """The composition a general-formula mention names when its variable takes ``number``."""
    general = _general_formula(mention.text)
    if general is None:
        return None
    written, name = general
    formula = normalize_formula(written, {name: float(number)})
    if formula is None:
        return None
    composition = replace(
        mention,
        text=f"{written} ({name} = {number})",
        formula=formula,
        dopants=(),
        flags=(),
    )
    return _with_dopants(composition, [])


def _link_variable_change(
    text: str, values: list[Value], mentions: list[Mention], links: list[Any]
) -> None:
    """``In Li7-xLa3Zr2-xNbxO12, raising x from 0.25 to 0.75 changed σ from A to B`` (or "from
    x = 0.25 to x = 0.75"): the value before the change belongs to the first composition, the
    value after it to the second."""
    for m in mentions:
        general = None if m.secondary else _general_formula(m.text)
        if general is None:
            continue
        name = re.escape(general[1])
        change = re.search(
            rf"\b{name}\s+from\s+({_NUM})\s+to\s+({_NUM})\b|"
            rf"\bfrom\s+{name}\s*=\s*({_NUM})\s+to\s+(?:{name}\s*=\s*)?({_NUM})\b",
            text,
        )
        if change is None:
            continue
        numbers = [g for g in change.groups() if g is not None]
        ends = {"before": _at(m, numbers[0]), "after": _at(m, numbers[1])}
        for i, v in enumerate(values):
            end = ends.get(v.note or "")
            if links[i] is None and end is not None:
                links[i] = (end, "variable-change", 0.85)
        return


def _coordinated_runs(text: str, mentions: list[Mention], modifier: int = 0) -> list[list[Mention]]:
    """Materials joined by "," / "and" / "or"; with ``modifier`` > 0 each may carry a phrase of
    up to that many characters before the conjunction ("A prepared by SPS at 1000 °C and B
    prepared by microwave sintering")."""
    joint = re.compile(rf"[^;()]{{0,{modifier}}}?(?:,|,?\s*and|,?\s*or)\s*")
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and joint.fullmatch(text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) >= 2]


def _link_versus(text: str, values: list[Value], mentions: list[Mention], links: list[Any]) -> None:
    """``A shows higher Ea than B (V1 vs V2)``: the two values go to A and B in order."""
    than = re.search(r"\bthan\b", text)
    if not than:
        return
    main = [m for m in mentions if not m.secondary]
    before = [m for m in main if m.end <= than.start()]
    after = [m for m in main if m.start >= than.end()]
    if not before or not after:
        return
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        if a.property != b.property or links[i] is not None:
            continue
        between = text[a.end : b.start]
        if re.fullmatch(r"\s*(?:vs\.?|versus)\s*(?:\((?:vs\.?|versus)\)\s*)?", between, re.I):
            links[i] = (before[0], "versus", 0.85)
            links[i + 1] = (after[0], "versus", 0.85)


# --- conditions, notes, citations -------------------------------------------------------------


_TEMPERATURE_WORD = r"(?:RT|room temperature|-?\d+(?:\.\d+)?\s*°C|\d{3}(?:\.\d+)?\s*K)"
_RESPECTIVE_CONDITIONS = re.compile(
    rf"\bat\s+({_TEMPERATURE_WORD}(?:\s*,\s*{_TEMPERATURE_WORD})*\s*,?\s*and\s+"
    rf"{_TEMPERATURE_WORD})\s*,?\s*respectively",
    re.I,
)


def _respective_conditions(text: str, values: list[Value]) -> list[Value]:
    """ "(0.72 and 1.24 mS cm^-1 at RT and 60 °C, respectively)": n values of one property
    before n temperatures listed with "respectively" were measured at them, in order."""
    match = _RESPECTIVE_CONDITIONS.search(text)
    if match is None:
        return values
    temperatures = []
    for word in re.findall(_TEMPERATURE_WORD, match.group(1), re.I):
        number = re.match(r"-?\d+(?:\.\d+)?", word)
        if number is None:
            temperatures.append(25.0)
        elif word.rstrip().endswith("K"):
            temperatures.append(round(float(number.group(0)) - 273.15, 2))
        else:
            temperatures.append(float(number.group(0)))
    listed = [i for i, v in enumerate(values) if v.end <= match.start()]
    by_property: dict[str | None, list[int]] = {}
    for i in listed:
        by_property.setdefault(values[i].property, []).append(i)
    out = list(values)
    for indices in by_property.values():
        if len(indices) == len(temperatures):
            for i, temperature in zip(indices, temperatures, strict=True):
                out[i] = replace(values[i], temperature_C=temperature, rt=False)
    return out


def _share_list_temperature(values: list[Value], links: list[Any]) -> list[Value]:
    """ "Their room-temperature conductivities were V1 and V2, respectively": a temperature the
    recogniser put on one value of a respectively list holds for the whole list."""
    out = list(values)
    groups: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        if links[i][1] == "respectively":
            groups.setdefault(v.property or "", []).append(i)
    for indices in groups.values():
        temperatures = {values[i].temperature_C for i in indices} - {None}
        rt = any(values[i].rt for i in indices)
        if len(temperatures) == 1 or (not temperatures and rt):
            temperature = temperatures.pop() if temperatures else 25.0
            for i in indices:
                if values[i].temperature_C is None:
                    out[i] = replace(values[i], temperature_C=temperature)
    return out


def _is_condition(text: str, v: Value) -> bool:
    """ "(25 °C, 3 × 10^-4 S cm^-1 vs ...)": a temperature heading a parenthesis of values is the
    condition they were measured at, not a fact of its own; so is a near-ambient one "at (a
    temperature of) 40 °C" in a clause that names no process ("cycled ... at 0.3 mA cm^-2 and
    25 °C" is no synthesis temperature, "cured at 70 °C" stays one)."""
    if v.unit != "degC" or not -50 <= v.value <= 150:
        return False
    if text[: v.start].rstrip().endswith("(") and text[v.end :].lstrip().startswith(","):
        return True
    before = text[max(0, v.start - 100) : v.start]
    return bool(_AT_CONDITION.search(before)) and not _PROCESS.search(
        before[max(before.rfind(";"), before.rfind(":"), 0) :]
    )


def _named_by_context(text: str, v: Value) -> Value:
    """Properties the words around a value fix: the relabel rules of ``properties.toml`` ("sintered
    at 900 °C for 6 h" is a sintering time, "25 µm thick membranes" a thickness, a temperature
    after a sintering word a sintering temperature)."""
    named = relabelled(text, v.start, v.end, v.value, v.unit, v.property)
    return v if named == v.property else replace(v, property=named)


def _is_misread(text: str, v: Value) -> bool:
    """Words just before a value that make it another quantity than its unit suggests: a melting
    or decomposition point is no sintering temperature, a capacity decay no retention; a pressure
    in a sentence without "modulus" is no shear modulus; the end of a range a property was
    measured over ("fits between 25 and 100 °C", "tested from 25 to 80 °C") is no process
    temperature."""
    if v.unit == "%" and v.value >= 100 and v.comparator in ("<", "<="):
        return True  # "a relative density < 100%" bounds nothing
    if v.unit == "%" and _AMOUNT_PERCENT.search(v.raw):
        return True  # "adding 1 wt% Li3BO3" is an amount, not a density or a yield
    if v.unit == "degC" and (v.value_max or v.value) <= MAX_MEASURING_C:
        if last_step(_MEASURING_OR_PROCESS, text, v.start) == "measuring":
            return True  # "fits between 25 and 100 °C" is the range measured over
    spec = specs_by_name().get(v.property or "")
    if spec is None:
        return False
    if spec.requires is not None and not spec.requires.search(text):
        return True
    return spec.not_after is not None and bool(spec.not_after.search(_clause_before(text, v)))


def _is_requirement(text: str, v: Value) -> bool:
    """A target before the value ("should exceed V") or after it ("... below V is needed")."""
    clause_end = min(
        (i for i in (text.find(";", v.end), text.find(":", v.end)) if i >= 0), default=len(text)
    )
    return bool(
        _REQUIREMENT.search(_clause_before(text, v))
        or _REQUIREMENT_AFTER.search(text[v.end : clause_end])
    )


def _clause_before(text: str, v: Value) -> str:
    """Up to 120 characters before the value, not past a ";" or ":"."""
    return clause_before(text, v.start)


def _temperature_dependent(prop: str | None) -> bool:
    spec = specs_by_name().get(prop or "")
    return spec is not None and spec.temperature_dependent


def _clause_methods(
    text: str, unbound: list[tuple[int, str]], v: Value, mention: Mention | None
) -> tuple[str, ...]:
    """Methods named in the sentence but bound to no material apply to the values of their own
    clause: "X reached 99% by hot pressing, whereas Y sintered in air reached 91%" gives the
    second value no method. A clause is cut at ";" and contrasts (whereas, while, but, than,
    compared with, in contrast); the value's clause and (with ``mention``) its material's clause
    count."""
    breaks = [b.start() for b in _CLAUSE_BREAK.finditer(text)]
    if not breaks:
        return tuple(dict.fromkeys(m for _, m in unbound))
    clauses = {bisect.bisect(breaks, v.start)}
    if mention is not None and 0 <= mention.start < len(text):
        clauses.add(bisect.bisect(breaks, mention.start))
    return tuple(dict.fromkeys(m for s, m in unbound if bisect.bisect(breaks, s) in clauses))


def _sentence_temperature(text: str, values: list[Value]) -> float | None:
    """A measurement condition stated once for the sentence: "at RT", "at 30 °C", "(300 K)"."""
    inside = [(v.start, v.end) for v in values if v.property and v.unit == "degC"]
    found: list[float] = []
    for match in _CONDITION_C.finditer(text):
        if not any(s <= match.start(1) < e for s, e in inside) and -50 <= float(match[1]) <= 150:
            found.append(float(match[1]))
    for match in _CONDITION_K.finditer(text):
        kelvin = float(match[1])
        if 223 <= kelvin <= 423:
            found.append(round(kelvin - 273.15, 1))
    if _RT.search(text):
        found.append(25.0)
    distinct = set(found)
    return found[0] if len(distinct) == 1 else None


def _before_after(text: str, v: Value, values: list[Value]) -> str | None:
    """``from A to B``: A is the value before a change, B the value after it."""
    if v.note:
        return v.note
    i = values.index(v)
    if (
        i + 1 < len(values)
        and re.fullmatch(r"\s*to\s*", text[v.end : values[i + 1].start])
        and re.search(r"\bfrom\s*$", text[: v.start])
    ):
        return "before"
    if (
        i > 0
        and re.fullmatch(r"\s*to\s*", text[values[i - 1].end : v.start])
        and re.search(r"\bfrom\s*$", text[: values[i - 1].start])
    ):
        return "after"
    return None


def _author_keys(text: str, citations: Citations) -> tuple[str, ...]:
    """Keys of markers that follow an author phrase ("Ma et al.^[135]"): they cite the study the
    whole sentence reports."""
    keys: list[str] = []
    for offset, marker_keys in citations:
        if _AUTHOR_BEFORE.search(text[max(0, offset - 40) : offset]):
            keys.extend(marker_keys)
    return tuple(dict.fromkeys(keys))


def _refs_for(v: Value, values: list[Value], citations: Citations) -> tuple[str, ...]:
    """Markers of the value's clause: the marker right after it ("(1.2 mS cm^-1),^[6]"), else
    those between it and the next value, else the next marker after it, else the last before."""
    i = values.index(v)
    limit = values[i + 1].start if i + 1 < len(values) else 10**9
    closing = [ks for off, ks in citations if v.end <= off <= v.end + 3]
    if closing:
        return tuple(dict.fromkeys(k for ks in closing for k in ks))
    keys = [k for off, ks in citations if v.end <= off <= limit for k in ks]
    if not keys:
        later = [ks for off, ks in citations if off >= v.end]
        earlier = [ks for off, ks in citations if off < v.start]
        keys = list(later[0] if later else earlier[-1] if earlier else ())
    return tuple(dict.fromkeys(keys))


def _apply_dopings(doc: Doc, mentions: list[Mention], topic: Mention | None) -> list[Mention]:
    """Fold the doping linker's statements ("ZnO films doped with Al, Ga and In") into the
    material mentions they name; hosts that are no material span become mentions of their own
    (a generic host word, "the Ga-doped sample", "the Al-doped reference", is read in the
    garnet context when ``topic``, the paragraph's or else the document's last garnet, is
    given)."""
    garnet_context = topic is not None or any(_is_garnet(m) for m in mentions)
    mentions = list(mentions)
    extra_hosts: list[Mention] = []
    for statement in dopings(doc):
        if not statement.complete:
            continue
        host = statement.host
        assert host is not None
        stated = [(d.element, d.text, d.site, d.amount, d.charge) for d in statement.fact_dopants()]
        for i, m in enumerate(mentions):
            if m.start < host.end and host.start < m.end:
                general = _general_formula(m.text) is not None
                if m.formula is None and m.kind not in ("family", "abbreviation") and not general:
                    m = replace(m, formula=_concrete(host.formula))  # "Nb-substituted TiO2"
                mentions[i] = _with_dopants(m, stated, keep=m.dopants)
                break
        else:
            mention = Mention(
                text=host.text, start=host.start, end=host.end, formula=_concrete(host.formula)
            )
            generic = _GENERIC_HOST.fullmatch(host.text) is not None
            extra_hosts.append(
                _with_dopants(mention, stated, garnet_context=generic and garnet_context)
            )
    return sorted([*mentions, *extra_hosts], key=lambda m: m.start)


def _is_garnet(mention: Mention) -> bool:
    if mention.formula:
        return formula_is_garnet(mention.formula)
    return names_garnet(mention.text)


def _concrete(formula: str | None) -> str | None:
    """The normalised formula, or None for no formula or a general one ("SrLa(1-x)MgTaO6")."""
    return normalize_formula(formula) if formula else None


def _statements(
    mentions: list[Mention],
    methods: tuple[str, ...],
    refs: tuple[str, ...],
) -> list[Draft]:
    """``synthesis`` (material + methods) and ``doping`` (material + dopants) facts of a sentence
    that states no value."""
    drafts = []
    for m in mentions:
        if m.secondary:
            continue
        own = m.methods or methods
        made = [x for x in own if x != "calculation"]  # a calculation makes nothing
        kinds = (["doping"] if m.dopants else []) + (["synthesis"] if made else [])
        for kind in kinds:
            drafts.append(
                Draft(
                    kind=kind,
                    material=m,
                    dopants=m.dopants,
                    # a doping record states the dopants, not how the material was made,
                    # unless a calculation is what backs the doping
                    methods=own if kind == "synthesis" or not made else (),
                    refs=refs,
                    confidence=round(0.8 * m.dopant_confidence, 3),
                    extra={"link": "statement"},
                )
            )
    return drafts
