"""Step: the context of each measured value -- what a value is besides its number
(DESIGN.md, fact records v2).

- basis: a requirement is a "target" (``conditions`` finds it); a value its clause states as
  what is typical of a class ("typically 10^-4-10^-3 S cm^-1", "generally the highest", "often
  above") is "general"; a calculation among the methods makes it "calculated" (``Fact.read``);
  else it is "experimental";
- conduction: the kind of a conductivity its clause names -- bulk, grain boundary or total
  ("the grain-boundary conductivity ... is V", "σ_gb = V", "bulk and grain-boundary
  conductivities of V1 and V2, respectively"); none when not stated;
- treatment: what made the difference between the two ends of a change ("Annealing in dry air
  increased σ from A to B", "After acid etching, R dropped from A to B", "from A to B by adding
  Li3BO3").

A clause here runs from the previous value (or a ";", ":" or contrast word) to the value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.mention import Value

CONDUCTIVITY = "ionic_conductivity"
CLAUSE_REACH = 150  # characters before a value its clause may span
TREATMENT_REACH = 120  # characters a treatment phrase may take

_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:whereas|while|but|although|though|than|unlike|in contrast|compared (?:with|to))\b",
    re.I,
)
# "typically 10^-4-10^-3", "is generally the highest", "often >10^-3", "typical oxide conductors"
_GENERAL = re.compile(
    r"\b(?:typical(?:ly)?|generally|in general|usually|commonly|normally|often|widely)\b", re.I
)
# "experiments and computational analyses showed", "measured and calculated values"
_EXPERIMENT = re.compile(r"\b(?:experiment(?:s|al|ally)?|measured|measurements?)\b", re.I)
_KINDS = {"bulk": "bulk", "grain": "grain_boundary", "gb": "grain_boundary", "total": "total"}
_KIND_WORD = r"(?:bulk|grain[- ]boundar(?:y|ies)|intragrain|GB|total|overall)"
# "the grain-boundary conductivity", "bulk (σ_b) and grain-boundary conductivities",
# "total Li-ion conductivity"; "σ_gb", "σ_{bulk}", "σ_total"
_KIND_PHRASE = re.compile(
    rf"\b({_KIND_WORD}(?:\s*(?:\([^()]{{0,20}}\))?\s*(?:,|and|or|/)\s*{_KIND_WORD})*)"
    r"(?:\s*\([^()]{0,20}\))?\s+(?:(?:ionic|Li[-+ ]?ion|lithium[- ]ion|Li\+|ion)\s+)?"
    r"conductivit(?:y|ies)"
    r"|\bconductivit(?:y|ies)\s+(?:of|in|across|through|along)\s+(?:the\s+)?"
    rf"({_KIND_WORD}|grains?(?!\s+boundar))"
    r"|σ_?\{?(b|bulk|gb|g\.b\.|tot|total|t)\}?(?![A-Za-z])",
    re.I,
)
_SIGMA_KINDS = {"b": "bulk", "bulk": "bulk", "t": "total", "tot": "total", "total": "total"}
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# what a change is made by, written before it: "Annealing in dry air increased", "The
# introduction of Ga3+ at the Li site enhances", "Treating the surface with CH3COOH can reduce"
_CHANGE_VERB = (
    r"(?:can|could|may|further|significantly|greatly|effectively|dramatically|also|then|"
    r"successfully)?\s*(?:increas|improv|enhanc|decreas|reduc|rais|lower|boost|elevat|promot|"
    r"suppress|drop|cut|bring|brought|lift|push)\w*\b"
)
_PROCESS_HEAD = (
    r"(?:\w+ing|introduc\w*|addition|adding|substitution|incorporation|doping|co-doping|"
    r"coating|treatment|modification|use|application|insertion|deposition|infiltration|"
    r"replacement|removal|optimi[sz]ation|densification|construction|formation|engineering)"
)
_OPENING = re.compile(
    r"^\s*(?:(?:similarly|moreover|furthermore|additionally|in addition|notably|meanwhile|"
    r"for example|for instance|consequently|as a result|thus|therefore),?\s+)?"
)
_SUBJECT_TREATMENT = re.compile(
    r"(?P<x>(?:the\s+|a\s+|an\s+)?(?:partial\s+|further\s+)?(?:[A-Za-z]+[- ])?"  # "Hot pressing"
    rf"{_PROCESS_HEAD}\b[^;:]{{0,{TREATMENT_REACH}}}?)"
    rf"\s+{_CHANGE_VERB}",
    re.I,
)
# "After acid etching removed the Li2CO3 layer, ...", "Upon annealing at 400 °C, ..."
_LEADING_TREATMENT = re.compile(
    rf"(?:after|upon|following|by|through|via|with)\s+(?P<x>[^,;]{{3,{TREATMENT_REACH}}}?),",
    re.I,
)
# "... from A to B after annealing", "by adding 2 wt% Li3BO3", "with the Al2O3 interlayer"
_TRAILING_TREATMENT = re.compile(
    r"\s*,?\s*(?:after|upon|by|via|through|with|when|following)\s+"
    rf"(?P<x>(?!\d)(?:[^,;.()]|\.(?=\d)){{3,{TREATMENT_REACH}}})",
    re.I,
)
# "with the increase of x", "by a factor of 3", "by about 40%": no treatment
_NOT_TREATMENT = re.compile(
    r"^(?:(?:the|an?)\s+)?(?:increase|decrease|rise|drop|change)s?\s+(?:of|in)\b|"
    r"^(?:respect|regard|a\s+factor|only|about|approximately|nearly|almost|up\s+to)\b",
    re.I,
)


def context(text: str, values: list[Value]) -> list[Value]:
    """The values with their basis (targets already marked), conduction kind and treatment."""
    out = []
    kinds = _conduction_kinds(text, values)
    treatment = _treatment(text, values)
    for i, v in enumerate(values):
        clause = _clause(text, values, i)
        basis = v.basis
        if basis is None and _GENERAL.search(clause):
            basis = "general"
        elif basis is None and _EXPERIMENT.search(clause):
            basis = "experimental"
        out.append(
            replace(
                v,
                basis=basis,
                conduction=kinds[i] if v.property == CONDUCTIVITY else None,
                treatment=treatment if v.note else None,
            )
        )
    return out


def _clause(text: str, values: list[Value], i: int) -> str:
    """The text from the end of the value before (or a clause break) up to value ``i``."""
    v = values[i]
    start = max(values[i - 1].end if i else 0, v.start - CLAUSE_REACH)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, v.start)]
    return text[max([start, *breaks]) : v.start]


def _kind(match: re.Match[str]) -> list[str]:
    """The conduction kinds a cue names, in order."""
    sigma = match.group(3)
    if sigma is not None:
        return [_SIGMA_KINDS.get(sigma.lower(), "grain_boundary")]
    words = match.group(1) or match.group(2) or ""
    found = re.findall(_KIND_WORD + r"|grains?", words, re.I)
    return [
        "grain_boundary"
        if w.lower().startswith(("grain b", "grain-b", "gb"))
        else "bulk"
        if w.lower().startswith(("bulk", "grain", "intragrain"))
        else "total"
        for w in found
    ]


def _conduction_kinds(text: str, values: list[Value]) -> list[str | None]:
    """The conduction kind of each value: the last cue of its clause; a cue naming several
    kinds ("bulk and grain-boundary conductivities") gives them in order to the conductivities
    after it when "respectively" aligns them, else none."""
    kinds: list[str | None] = [None] * len(values)
    pending: list[str] = []
    for i, v in enumerate(values):
        if v.property != CONDUCTIVITY:
            continue
        cues = list(_KIND_PHRASE.finditer(_clause(text, values, i)))
        if cues:
            named = _kind(cues[-1])
            pending = named[1:] if len(named) > 1 and _RESPECTIVELY.search(text) else []
            kinds[i] = named[0] if len(named) == 1 or pending else None
        elif pending:
            kinds[i] = pending.pop(0)
    return kinds


def _treatment(text: str, values: list[Value]) -> str | None:
    """What made the change the sentence states (None when it states none, or no change)."""
    before = next((v for v in values if v.note == "before"), None)
    after = next((v for v in values if v.note == "after"), None)
    if before is None or after is None:
        return None
    opening = text[_OPENING.match(text).end() : before.start]  # type: ignore[union-attr]
    for pattern in (_LEADING_TREATMENT, _SUBJECT_TREATMENT):
        found = pattern.match(opening)
        if found and not _NOT_TREATMENT.match(found.group("x")):
            return _tidy(found.group("x"))
    trailing = _TRAILING_TREATMENT.match(text, after.end)
    if trailing and not _NOT_TREATMENT.match(trailing.group("x")):
        return _tidy(trailing.group("x"))
    return None


def _tidy(phrase: str) -> str:
    """A treatment phrase without a leading article and the sentence's own capital."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I).strip()
    word = re.match(r"[A-Z][a-z]{2,}\b", phrase)  # "Annealing", not "Li2CO3" nor "Li metal"
    return phrase[0].lower() + phrase[1:] if word else phrase
