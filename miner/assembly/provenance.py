"""Step: where each fact comes from -- its citation keys and the methods behind it.

Citation keys come from the value's clause (the marker right after it, else those between it and
the next value, else the next marker after it, else the last before), plus author markers ("Ma
et al.^[135]") for the whole sentence; a sentence without markers takes those of the study it
continues (an author-led study, or the previous sentence when this one is about the same
material).

Methods: one bound to a material (``read``) is that material's; one bound to none applies to the
values of its own clause (clauses cut at ";" and contrasts: whereas, while, but, than). A
sentence with no method of its own takes the study's, or the section title's after "this
method". A calculation cue ("calculated", "DFT", "(2-7 eV, calculated by ...)") adds
"calculation".
"""

from __future__ import annotations

import bisect
import re

from miner.assembly.context import Context
from miner.assembly.mention import Citations, Mention, Method, Sources, Value
from miner.assembly.references import Resolution

CALCULATION = "calculation"
AUTHOR_REACH = 40  # characters before a marker its author phrase stands in
CUE_REACH = 60  # characters before a value its calculation cue stands in
CLOSING_REACH = 3  # characters between a value and the marker that closes its clause
# a method stands bound to a material when it lies from this far before it to this far after it
BOUND_BEFORE, BOUND_AFTER = 40, 80

_AUTHOR_BEFORE = re.compile(
    r"(?:\bet al\.?|\band (?:co-?)?workers|\band colleagues|\bgroup|'s group|’s group)\s*,?\s*$",
    re.I,
)
_THEORETICAL = re.compile(
    r"\b(?:theoretical(?:ly)?(?!\s+densit)|calculated|predicted|computed|simulated|"
    r"first[- ]principles|DFT|ab initio|AIMD|molecular dynamics)\b",
    re.I,
)
# "(2-7 eV, calculated by Miara et al.)": the cue right after the value, in its parenthesis
_THEORETICAL_AFTER = re.compile(
    r"\s*,\s*(?:as\s+)?(?:theoretically\s+)?(?:calculated|predicted|computed|simulated)\b", re.I
)
_CLAUSE_BREAK = re.compile(
    r";|\b(?:whereas|while|but|although|though|than|unlike|in contrast|compared (?:with|to))\b",
    re.I,
)
_THIS_METHOD = re.compile(
    r"\b(?:this|the same|that) (?:method|approach|technique|route|process)\b", re.I
)


def sources(
    text: str,
    citations: Citations,
    methods: list[Method],
    mentions: list[Mention],
    resolution: Resolution,
    context: Context,
) -> Sources:
    """The sentence's citation keys and methods (``mentions``: the sentence's materials before
    references were resolved, with the methods bound to them)."""
    citations = sorted(citations)
    unbound = [
        (s, m)
        for s, e, m in methods
        if not any(
            s >= x.start - BOUND_BEFORE and e <= x.end + BOUND_AFTER and m in x.methods
            for x in mentions
        )
    ]
    own_methods = tuple(dict.fromkeys(m for _, m in unbound))
    main = resolution.main
    # a sentence about the material the previous one was about continues its study: "X was
    # made by the Pechini process.^[9] The X pellet shows ...", "the Ga-doped sample ..."
    continues = not citations and (
        resolution.anaphoric
        or resolution.pointing
        or bool(main and main[0].formula and main[0].formula in context.previous_formulas)
    )
    this_method = bool(_THIS_METHOD.search(text))
    carried_refs: tuple[str, ...] = ()
    if not citations:
        carried_refs = context.study_refs or (context.previous_refs if continues else ())
    carried_methods: tuple[str, ...] = ()
    if not own_methods:
        if not citations and context.study_refs:
            carried_methods = context.study_methods
        elif this_method or (context.previous_this_method and (resolution.anaphoric or not main)):
            carried_methods = context.section_methods
    return Sources(
        citations,
        _author_keys(text, citations),
        unbound,
        own_methods,
        continues,
        this_method,
        carried_refs,
        carried_methods,
    )


def value_methods(
    text: str, v: Value, cue_from: int, mention: Mention, carried: Mention | None, src: Sources
) -> tuple[str, ...]:
    """The methods behind a value linked to ``mention`` (``cue_from``: where the text that can
    hold its calculation cue begins)."""
    if mention is carried:  # the sentence's own methods before those of the carried subject
        own = _clause_methods(text, src.unbound, v, mention)
        found = own or mention.methods or src.carried_methods
    elif mention.methods:  # "X synthesized by SSR and densified by SPS at 1100 °C": both
        # made the value; only the value's own clause adds to what is bound to X
        same_clause = _clause_methods(text, src.unbound, v, None)
        found = tuple(dict.fromkeys((*mention.methods, *same_clause)))
    else:
        found = _clause_methods(text, src.unbound, v, mention) or src.carried_methods
    if (
        _THEORETICAL.search(text[max(v.start - CUE_REACH, cue_from) : v.start])
        or _THEORETICAL_AFTER.match(text[v.end :])
        or CALCULATION in found
    ):
        found = tuple(dict.fromkeys((*found, CALCULATION)))
    return found


def value_refs(v: Value, values: list[Value], src: Sources) -> tuple[str, ...]:
    """The author keys, then the markers of the value's clause (or those carried)."""
    refs = _clause_refs(v, values, src.citations) or src.carried_refs
    return tuple(dict.fromkeys((*src.author_keys, *refs)))


def statement_refs(src: Sources) -> tuple[str, ...]:
    """The keys of a sentence that states no value: all its markers (or those carried)."""
    keys = tuple(dict.fromkeys((*src.author_keys, *(k for _, ks in src.citations for k in ks))))
    return keys or src.carried_refs


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


def _author_keys(text: str, citations: Citations) -> tuple[str, ...]:
    """Keys of markers that follow an author phrase ("Ma et al.^[135]"): they cite the study the
    whole sentence reports."""
    keys: list[str] = []
    for offset, marker_keys in citations:
        if _AUTHOR_BEFORE.search(text[max(0, offset - AUTHOR_REACH) : offset]):
            keys.extend(marker_keys)
    return tuple(dict.fromkeys(keys))


def _clause_refs(v: Value, values: list[Value], citations: Citations) -> tuple[str, ...]:
    """Markers of the value's clause: the marker right after it ("(1.2 mS cm^-1),^[6]"), else
    those between it and the next value, else the next marker after it, else the last before."""
    i = values.index(v)
    limit = values[i + 1].start if i + 1 < len(values) else 10**9
    closing = [ks for off, ks in citations if v.end <= off <= v.end + CLOSING_REACH]
    if closing:
        return tuple(dict.fromkeys(k for ks in closing for k in ks))
    keys = [k for off, ks in citations if v.end <= off <= limit for k in ks]
    if not keys:
        later = [ks for off, ks in citations if off >= v.end]
        earlier = [ks for off, ks in citations if off < v.start]
        keys = list(later[0] if later else earlier[-1] if earlier else ())
    return tuple(dict.fromkeys(keys))
