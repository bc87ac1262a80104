"""Everything about a property, declared once in ``miner/data/properties.toml`` and read here: its
trigger words, canonical unit, whether its value depends on the temperature measured at, what a
sentence must hold for a value to be it, the words that make a value another quantity, the rules
that give a value this property from its context, and how a table column names it.

Plain Python (no spaCy): the property recogniser, the fact assembler, the table reader and the
graph all read the same specs. Named regular expressions the rules share live in the table's
``[cues]`` (matched case-insensitively); a rule names a cue instead of repeating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from miner.data import DATA, load_table

DEFAULT_TABLE = DATA / "properties.toml"
RESERVED = ("cues",)  # tables of the file that are no property
CLAUSE_REACH = 120  # characters before a value that its clause can reach back


def clause_before(text: str, start: int) -> str:
    """Up to ``CLAUSE_REACH`` characters before ``start``, from the last ";" or ":" on."""
    clause_start = max(text.rfind(";", 0, start), text.rfind(":", 0, start), 0)
    return text[max(clause_start, start - CLAUSE_REACH) : start]


def last_step(steps: re.Pattern[str], text: str, end: int) -> str | None:
    """The name of the cue whose word is the last of ``steps`` before ``end`` (``steps`` is an
    alternation of named cue groups: at one place the first listed wins)."""
    return last_steps(steps, text, end)[-1]


def last_steps(steps: re.Pattern[str], text: str, end: int) -> tuple[str | None, str | None]:
    """The names of the last two step words before ``end`` (the one before the last first):
    the step a value belongs to and the step that came before it ("pressed into pellets and
    then heated at 275 °C": a heating after a pressing)."""
    names: tuple[str | None, str | None] = (None, None)
    for found in steps.finditer(text, 0, end):
        names = (names[1], found.lastgroup)
    return names


@dataclass(frozen=True)
class Relabel:
    """A rule that gives a value this property from its context: the value has ``unit`` (and,
    when set, the property ``source``, or none at all when ``unnamed``); ``before`` is found in
    its clause before it, ``after`` right after it; the value is at least ``min_value``; the last
    of ``steps`` before it is the cue ``last`` (and the step word before that one the cue
    ``previous``, when set)."""

    unit: str
    source: str | None = None
    unnamed: bool = False
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    min_value: float | None = None
    steps: re.Pattern[str] | None = None
    last: str | None = None
    previous: str | None = None

    def applies(self, text: str, start: int, end: int, value: float, unit: str | None,
                prop: str | None) -> bool:  # fmt: skip
        return (
            unit == self.unit
            and (not self.unnamed or prop is None)
            and (self.source is None or prop == self.source)
            and (self.min_value is None or value >= self.min_value)
            and (self.before is None or bool(self.before.search(clause_before(text, start))))
            and (self.after is None or bool(self.after.match(text, end)))
            and (self.steps is None or self._steps_fit(text, start))
        )

    def _steps_fit(self, text: str, start: int) -> bool:
        assert self.steps is not None
        previous, last = last_steps(self.steps, text, start)
        return last == self.last and (self.previous is None or previous == self.previous)


@dataclass(frozen=True)
class TableColumn:
    """How a table column names the property: ``header`` is searched in the header text and its
    footnote, ``units`` maps a unit as printed (lower case, no spaces) to the factor that gives
    the canonical unit."""

    header: re.Pattern[str]
    units: dict[str, float]


@dataclass(frozen=True)
class PropertySpec:
    name: str
    unit: str
    triggers: tuple[str, ...]
    default: bool = False
    temperature_dependent: bool = False
    listed: bool = True  # False: named only so that no default claims its values ("other")
    subject: str = "material"  # what a value is of: one of ``SUBJECTS``
    requires: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    not_with: re.Pattern[str] | None = None  # a cue in the sentence: no value of this property
    not_step: re.Pattern[str] | None = None  # cues of process steps; see ``not_step`` in the table
    plausible: tuple[float, float] | None = None  # the values it can take, canonical unit
    measured: bool = True  # False: a quantity of this kind is a test condition, no fact
    relabel: tuple[Relabel, ...] = ()
    table: TableColumn | None = None
    conflict_factor: float | None = None  # intrinsic: reports differing by more disagree

    @property
    def trigger_words(self) -> re.Pattern[str]:
        """Its triggers as one pattern (for where the last of them stands before a value)."""
        return _trigger_words(self.triggers)


@lru_cache(maxsize=256)
def _trigger_words(triggers: tuple[str, ...]) -> re.Pattern[str]:
    if not triggers:
        return re.compile(r"(?!)")
    words = sorted(triggers, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in words) + r")(?!\w)", re.I)


@lru_cache(maxsize=8)
def load_cues(path: Path = DEFAULT_TABLE) -> dict[str, re.Pattern[str]]:
    """The named regular expressions of the table's ``[cues]``."""
    raw = load_table(path).get("cues", {})
    try:
        return {name: re.compile(pattern, re.I) for name, pattern in raw.items()}
    except re.error as err:
        raise ValueError(f"Invalid cue in {path}: {err}") from err


def steps_pattern(names: tuple[str, ...], path: Path = DEFAULT_TABLE) -> re.Pattern[str]:
    """One alternation of the named cues, each a group of its own name (see ``last_step``)."""
    cues = load_cues(path)
    return re.compile("|".join(f"(?P<{n}>{cues[n].pattern})" for n in names), re.I)


@lru_cache(maxsize=8)
def load_specs(path: Path = DEFAULT_TABLE) -> tuple[PropertySpec, ...]:
    """The property table; a missing field or an unknown cue names the property and the file."""
    cues = load_cues(path)

    def cue(name: str | list[str] | None, prop: str) -> re.Pattern[str] | None:
        """A cue by name, or several as one alternation."""
        if name is None:
            return None
        names = [name] if isinstance(name, str) else list(name)
        for n in names:
            if n not in cues:
                raise ValueError(f"Invalid property {prop!r} in {path}: no cue {n!r}")
        if len(names) == 1:
            return cues[names[0]]
        return re.compile("|".join(f"(?:{cues[n].pattern})" for n in names), re.I)

    def plausible(bounds: list[float] | None, prop: str) -> tuple[float, float] | None:
        if bounds is None:
            return None
        if len(bounds) != 2 or bounds[0] > bounds[1]:
            raise ValueError(f"Invalid plausible {bounds!r} of property {prop!r} in {path}")
        return (float(bounds[0]), float(bounds[1]))

    def factor(value: float | None, prop: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 1.0:
            raise ValueError(f"Invalid conflict_factor {value!r} of property {prop!r} in {path}")
        return float(value)

    specs = []
    for name, spec in load_table(path).items():
        if name in RESERVED:
            continue
        if "unit" not in spec or "triggers" not in spec:
            raise ValueError(f"Invalid property {name!r} in {path}: needs unit and triggers")
        relabel = tuple(
            Relabel(
                unit=rule["unit"],
                source=rule.get("from"),
                unnamed=bool(rule.get("unnamed")),
                before=cue(rule.get("before"), name),
                after=cue(rule.get("after"), name),
                min_value=rule.get("min_value"),
                steps=steps_pattern(tuple(rule["steps"]), path) if "steps" in rule else None,
                last=rule.get("last"),
                previous=rule.get("previous"),
            )
            for rule in spec.get("relabel", ())
        )
        table = spec.get("table")
        specs.append(
            PropertySpec(
                name=name,
                unit=spec["unit"],
                triggers=tuple(spec["triggers"]),
                default=bool(spec.get("default")),
                temperature_dependent=bool(spec.get("temperature_dependent")),
                listed=spec.get("listed", True),
                subject=_subject(spec.get("subject", "material"), name, path),
                requires=cue(spec.get("requires"), name),
                not_after=cue(spec.get("not_after"), name),
                not_with=cue(spec.get("not_with"), name),
                not_step=steps_pattern((spec["not_step"], "process"), path)
                if "not_step" in spec
                else None,
                plausible=plausible(spec.get("plausible"), name),
                measured=bool(spec.get("measured", True)),
                relabel=relabel,
                table=TableColumn(re.compile(table["header"], re.I), dict(table["units"]))
                if table
                else None,
                conflict_factor=factor(spec.get("conflict_factor"), name),
            )
        )
    return tuple(specs)


SUBJECTS = ("material", "cell", "named-cell", "interface", "product")


def _subject(subject: str, prop: str, path: Path) -> str:
    if subject not in SUBJECTS:
        raise ValueError(f"Invalid {subject=} of property {prop!r} in {path}")
    return subject


def subject_of(prop: str | None, path: Path = DEFAULT_TABLE) -> str:
    """What a value of ``prop`` is of (``subject`` in the table): a cell's capacity, retention,
    cycles, Coulombic efficiency and energy density belong to the cell (DESIGN.md)."""
    spec = specs_by_name(path).get(prop or "")
    return spec.subject if spec is not None else "material"


@lru_cache(maxsize=8)
def specs_by_name(path: Path = DEFAULT_TABLE) -> dict[str, PropertySpec]:
    return {spec.name: spec for spec in load_specs(path)}


def canonical_units(path: Path = DEFAULT_TABLE) -> dict[str, str]:
    """Property name -> canonical unit (GOLD_FORMAT.md), for the properties of the contract."""
    return {spec.name: spec.unit for spec in load_specs(path) if spec.listed}


def conflict_factors(path: Path = DEFAULT_TABLE) -> dict[str, float]:
    """Property name -> how many times larger one report must be than another to disagree, for
    the intrinsic properties (the others are never compared across reports)."""
    return {s.name: s.conflict_factor for s in load_specs(path) if s.conflict_factor is not None}


def relabelled(text: str, start: int, end: int, value: float, unit: str | None,
               prop: str | None, path: Path = DEFAULT_TABLE) -> str | None:  # fmt: skip
    """The property the context gives a value (``start``:``end`` in ``text``) that was named
    ``prop``: the first relabel rule of any property that applies, else ``prop``."""
    for spec in load_specs(path):
        if spec.name != prop and any(
            r.applies(text, start, end, value, unit, prop) for r in spec.relabel
        ):
            return spec.name
    return prop
