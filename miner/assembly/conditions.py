"""Step: which values are measurements, and at what temperature they were measured.

Filters (``measurements``): a temperature heading a parenthesis of values, or "at 40 °C" in a
clause that names no process, is their condition, no fact of its own; a target or requirement
("should exceed V", "... below V is needed") or a conditional goal ("on condition that ... V",
"To reach V, the ... must") is marked a target (basis "target"); an amount
("1 wt%"), a bound that bounds nothing ("< 100%"), the end of a range a property was measured
over ("fits between 25 and 100 °C"), and a value the declared property rules say is another
quantity (``properties.toml``: ``requires``, ``not_after``) are dropped. A change "from A to B"
marks its ends before/after.

Conditions (``measured_at``, ``temperature``): a temperature the recogniser put on a value, the
temperatures listed with "respectively", one shared by a "respectively" list, or one stated once
for the sentence ("at RT", "(300 K)"), for properties whose value depends on it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from miner.assembly.mention import Link, Value
from miner.property_specs import (
    PropertySpec,
    clause_before,
    last_step,
    load_cues,
    relabelled,
    specs_by_name,
    steps_pattern,
)

ROOM_TEMPERATURE_C = 25.0
CONDITION_RANGE_C = (-50.0, 150.0)  # a near-ambient temperature can be a condition
CONDITION_RANGE_K = (223.0, 423.0)
MAX_MEASURING_C = 300.0  # above this, a temperature is a process's whatever the words before it

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
# "applications require properties (e.g. high conductivity (> 10^-4 S cm^-1), ...)": a list of
# what something needs ("LLZO requires sintering at 1200 °C" is a fact, not a list of needs)
_REQUIRES_LIST = re.compile(
    r"\brequir(?:e|es|ing)\b[^;]*\b(?:e\.g\.|such as|including|properties|features)", re.I
)
# "can be achieved on condition that ... a thickness of 20-50 µm": a value a goal depends on
# ("as long as" is no such condition: "for as long as 12 h" is a duration)
_CONDITIONAL = re.compile(r"\b(?:on (?:the )?condition that|provided that)\b", re.I)
# "To reach 10^-3 S cm^-1, the Li content must ...": a goal the rest of the sentence sets terms for
_GOAL_BEFORE = re.compile(
    r"\b(?:to|in order to)\s+(?:reach|achieve|attain|realize|realise|meet|obtain|exceed|surpass)\b"
    r"[^,;]*$",
    re.I,
)
_GOAL_AFTER = re.compile(
    r"[^;]*?\b(?:must|should|needs? to|has to|have to|(?:is|are) required|requires?)\b", re.I
)
# "(target value: 10^-4 S cm^-1)": a value labelled a target
_REQUIREMENT_LABEL = re.compile(
    r"\b(?:targets?|targeted|required|requirements?|desired|goals?)(?:\s+[\w-]+){0,2}\s*:\s*"
    r"(?:[<>≥≤]|≈|~|about\s+|at\s+least\s+)?\s*$",
    re.I,
)
# a bare "temperature(s)" after a cue is the cue's own ("a phase transformation ... at
# temperatures as low as V"), no trigger naming the property
_BARE_TRIGGER = re.compile(r"temperatures?", re.I)
_AMOUNT_PERCENT = re.compile(r"(?:wt|mol|at|vol|mass|weight)\.?\s*%|%\s*(?:w/w|v/v)", re.I)
_PROCESS = load_cues()["process"]
# "Arrhenius fits between 25 and 100 °C", "measured from 25 to 80 °C": a temperature after a
# measuring word (and no process word after it) is where a property was measured, no process's;
# one after an operating word ("sensors operating at high temperature (500 °C)") is where a
# device was used, however hot
_USE_OR_PROCESS = steps_pattern(("operating", "measuring", "process"))
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
_TEMPERATURE_WORD = r"(?:RT|room temperature|-?\d+(?:\.\d+)?\s*°C|\d{3}(?:\.\d+)?\s*K)"
_RESPECTIVE_CONDITIONS = re.compile(
    rf"\bat\s+({_TEMPERATURE_WORD}(?:\s*,\s*{_TEMPERATURE_WORD})*\s*,?\s*and\s+"
    rf"{_TEMPERATURE_WORD})\s*,?\s*respectively",
    re.I,
)
_TO = re.compile(r"\s*to\s*")
_FROM_BEFORE = re.compile(r"\bfrom\s*$")


def relabel(text: str, values: list[Value]) -> list[Value]:
    """Properties the words around a value fix: the relabel rules of ``properties.toml``
    ("sintered at 900 °C for 6 h" is a sintering time, "25 µm thick membranes" a thickness, a
    temperature after a sintering word a sintering temperature)."""
    out = []
    for v in values:
        named = relabelled(text, v.start, v.end, v.value, v.unit, v.property)
        out.append(v if named == v.property else replace(v, property=named))
    return out


def measurements(text: str, values: list[Value]) -> tuple[list[Value], list[Value]]:
    """(conditions, measurements) of a sentence's values, each end of a change marked, a
    requirement marked as a target."""
    conditions = [v for v in values if is_condition(text, v)]
    measured = [
        replace(v, basis="target") if is_requirement(text, v) else v
        for v in values
        if v.property and v not in conditions and not is_misread(text, v)
    ]
    notes = [_before_after(text, v, measured) for v in measured]
    return conditions, [replace(v, note=n) for v, n in zip(measured, notes, strict=True)]


def is_condition(text: str, v: Value) -> bool:
    """ "(25 °C, 3 × 10^-4 S cm^-1 vs ...)": a temperature heading a parenthesis of values is the
    condition they were measured at, not a fact of its own; so is a near-ambient one "at (a
    temperature of) 40 °C" in a clause that names no process ("cycled ... at 0.3 mA cm^-2 and
    25 °C" is no synthesis temperature, "cured at 70 °C" stays one)."""
    low, high = CONDITION_RANGE_C
    if v.unit != "degC" or not low <= v.value <= high:
        return False
    if text[: v.start].rstrip().endswith("(") and text[v.end :].lstrip().startswith(","):
        return True
    before = text[max(0, v.start - 100) : v.start]
    return bool(_AT_CONDITION.search(before)) and not _PROCESS.search(
        before[max(before.rfind(";"), before.rfind(":"), 0) :]
    )


def is_misread(text: str, v: Value) -> bool:
    """Words just before a value that make it another quantity than its unit suggests: a melting
    or decomposition point is no sintering temperature, a capacity decay no retention; a pressure
    in a sentence without "modulus" is no shear modulus; the end of a range a property was
    measured over ("fits between 25 and 100 °C", "tested from 25 to 80 °C") and a temperature
    a device operates at are no process temperatures."""
    if v.unit == "%" and v.value >= 100 and v.comparator in ("<", "<="):
        return True  # "a relative density < 100%" bounds nothing
    if v.unit == "%" and _AMOUNT_PERCENT.search(v.raw):
        return True  # "adding 1 wt% Li3BO3" is an amount, not a density or a yield
    if v.unit == "degC":
        step = last_step(_USE_OR_PROCESS, text, v.start)
        if step == "operating":
            return True  # "sensors operating at 500 °C": a condition of use
        if step == "measuring" and (v.value_max or v.value) <= MAX_MEASURING_C:
            return True  # "fits between 25 and 100 °C" is the range measured over
    spec = specs_by_name().get(v.property or "")
    if spec is None:
        return False
    if not spec.measured:
        return True  # "at a current density of 0.1 mA cm^-2" is how it was tested
    if spec.plausible is not None:
        low, high = spec.plausible
        if v.value < low or (v.value_max if v.value_max is not None else v.value) > high:
            return True  # "250 K lower" is no temperature, "7.19 Å" no particle, "10 cm" neither
    if spec.requires is not None and not spec.requires.search(text):
        return True
    if spec.not_with is not None and spec.not_with.search(text):
        return True  # "the XRD pattern of the powder heated at 350 °C" labels a sample
    if spec.not_step is not None and last_step(spec.not_step, text, v.start) != "process":
        if last_step(spec.not_step, text, v.start) is not None:
            return True  # "dried at 80 °C": the last step before the value is no synthesis
    return spec.not_after is not None and _cue_after_trigger(spec, clause_before(text, v.start))


def _cue_after_trigger(spec: PropertySpec, clause: str) -> bool:
    """The property's ``not_after`` cue stands in the clause before the value, and no trigger
    of the property after it ("a band gap of 5.8 eV and an activation energy of 0.3 eV": the
    second value is an activation energy)."""
    assert spec.not_after is not None
    cues = list(spec.not_after.finditer(clause))
    if not cues:
        return False
    end = cues[-1].end()
    # a trigger inside the cue's phrase ("capacity decays by") or right after it
    # ("decomposition temperature") names what the cue says, not the property
    later = [
        t
        for t in spec.trigger_words.finditer(clause, end)
        if clause[end : t.start()].strip() and not _BARE_TRIGGER.fullmatch(t.group(0))
    ]
    return not later


def is_requirement(text: str, v: Value) -> bool:
    """A target before the value ("should exceed V", "(target value: V)", "on condition that
    ... V") or after it ("... below V is needed"), or a goal the sentence then sets terms for
    ("To reach V, the electrolyte must ...")."""
    clause_end = min(
        (i for i in (text.find(";", v.end), text.find(":", v.end)) if i >= 0), default=len(text)
    )
    clause = clause_before(text, v.start)
    clause_start = max(text.rfind(";", 0, v.start), text.rfind(":", 0, v.start), 0)
    return bool(
        _REQUIREMENT.search(clause)
        or _CONDITIONAL.search(text, clause_start, v.start)
        or _REQUIRES_LIST.search(clause)
        or (_GOAL_BEFORE.search(clause) and _GOAL_AFTER.match(text, v.end))
        or _REQUIREMENT_AFTER.search(text[v.end : clause_end])
        or _REQUIREMENT_LABEL.search(text, max(0, v.start - 60), v.start)
    )


def _before_after(text: str, v: Value, values: list[Value]) -> str | None:
    """``from A to B``: A is the value before a change, B the value after it."""
    if v.note:
        return v.note
    i = values.index(v)
    if (
        i + 1 < len(values)
        and _TO.fullmatch(text[v.end : values[i + 1].start])
        and _FROM_BEFORE.search(text[: v.start])
    ):
        return "before"
    if (
        i > 0
        and _TO.fullmatch(text[values[i - 1].end : v.start])
        and _FROM_BEFORE.search(text[: values[i - 1].start])
    ):
        return "after"
    return None


def measured_at(text: str, values: list[Value], links: list[Link]) -> list[Value]:
    """The values with the temperatures a "respectively" list shares or names."""
    return _respective_conditions(text, _share_list_temperature(values, links))


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
            temperatures.append(ROOM_TEMPERATURE_C)
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


def _share_list_temperature(values: list[Value], links: list[Link]) -> list[Value]:
    """ "Their room-temperature conductivities were V1 and V2, respectively": a temperature the
    recogniser put on one value of a respectively list holds for the whole list."""
    out = list(values)
    groups: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        if links[i].rule == "respectively":
            groups.setdefault(v.property or "", []).append(i)
    for indices in groups.values():
        temperatures = {values[i].temperature_C for i in indices} - {None}
        rt = any(values[i].rt for i in indices)
        if len(temperatures) == 1 or (not temperatures and rt):
            temperature = temperatures.pop() if temperatures else ROOM_TEMPERATURE_C
            for i in indices:
                if values[i].temperature_C is None:
                    out[i] = replace(values[i], temperature_C=temperature)
    return out


def sentence_condition(text: str, conditions: list[Value], values: list[Value]) -> float | None:
    """The temperature the sentence's values were measured at when it states one: a condition
    value, else "at RT", "at 30 °C", "(300 K)" stated once."""
    if conditions:
        return conditions[0].value
    inside = [(v.start, v.end) for v in values if v.property and v.unit == "degC"]
    found: list[float] = []
    low, high = CONDITION_RANGE_C
    for match in _CONDITION_C.finditer(text):
        if not any(s <= match.start(1) < e for s, e in inside) and low <= float(match[1]) <= high:
            found.append(float(match[1]))
    for match in _CONDITION_K.finditer(text):
        kelvin = float(match[1])
        if CONDITION_RANGE_K[0] <= kelvin <= CONDITION_RANGE_K[1]:
            found.append(round(kelvin - 273.15, 1))
    if _RT.search(text):
        found.append(ROOM_TEMPERATURE_C)
    return found[0] if len(set(found)) == 1 else None


def temperature(v: Value, condition: float | None) -> float | None:
    """The measurement temperature of a value whose property depends on it: its own, room
    temperature when it says RT, else the sentence's condition; None for the others."""
    spec = specs_by_name().get(v.property or "")
    if spec is None or not spec.temperature_dependent:
        return None
    if v.temperature_C is not None:
        return v.temperature_C
    return ROOM_TEMPERATURE_C if v.rt else condition
