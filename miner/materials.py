"""MATERIAL recogniser: explicit formulas, named families and materials, doped variants, and
abbreviations the document defines itself.

Spans go to ``doc.spans["llzo_material"]`` (label MATERIAL) with ``formula`` (normalised, or None
when the text gives no single exact composition), ``material_kind`` ("formula" | "family" |
"abbreviation" | "other"), ``dopant_elements``, ``charge_balanced`` and ``host`` (an attribute this
module adds to ``extensions.SPAN_ATTRS``: the host as written, "LLZO" in "Ga-doped LLZO", "ZnO" in
"ZnO:Al", else the span text).

What is a formula (docs/decisions/0205-material-and-abbreviation-rules.md): a token that the
formula grammar reads whole with at least two element symbols, or a general formula with variable
amounts (``Li7-3xGaxLa3Zr2O12``; its formula is resolved when the text states ``x = 0.25``). An
all-capital token without digits, or its plural, is an abbreviation, never a formula ("CCD",
"SPS", "PVDF", "SSEs" -- which would read as S2Es), and a
single element is never a material on its own ("In", "As", "Li-ion", "Li1"), except as the host of
"B-doped Ge". "TiO 2" (a subscript cut off by the PDF converter) is read as TiO2.

Doped names are one span: "Ga-doped LLZO", "Al/Ga co-doped LLZO", "Er3+-doped SrLaMgTaO6",
"Nb-substituted TiO2", "Ga-LLZO" -> ``dopant_elements`` ["Ga"], ["Al", "Ga"], ... and formula None
(the amounts are not given) unless the host formula already holds the dopants ("Ga-doped
Li6.25Ga0.25La3Zr2O12"); ``host`` keeps the host.

Abbreviations defined in the text -- a material followed by "(LLZAO)", or "denoted as LALZO-4",
"labelled LLZ-Ga", "hereafter LGLZO" -- are learned into an ``Abbreviations`` table and recognised
from then on with ``material_kind="abbreviation"`` and the formula of what they stand for.
``doc._.abbreviations`` holds ``{abbreviation: formula or None}`` after the component ran.
A table lives for one doc unless one is handed in, which is how a document's sentences share one:

    table = Abbreviations()
    for doc in nlp.pipe(sentences, component_cfg={"llzo_material": {"abbreviations": table}}):
        ...

(or ``nlp.get_pipe("llzo_material").abbreviations = table`` for every following call).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner import extensions, material_words
from miner.abbreviations import Abbreviations, defined_abbreviation, has_definition_cue
from miner.chemistry.elements import ELEMENT_NAMES, ELEMENTS
from miner.chemistry.family import classify
from miner.chemistry.formula import Formula
from miner.data import DATA, load_table
from miner.material_words import (
    CHANGED_WORDS,
    DOPED_WORDS,
    JOINERS,
    MULTI_PREFIXES,
    SYSTEM_RE,
    FormulaToken,
    colon_dopants,
    cut_subscript,
    element_of,
    read_formula_token,
    system_parts,
)
from miner.tokenizer import doc_lower, doc_text
from miner.units import NUMBER, parse_number
from miner.vocabulary import VocabularyMatcher

for _name in ("host", "named_dopants", "defined_as"):
    extensions.SPAN_ATTRS.setdefault(_name, None)
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

SPAN_KEY = "llzo_material"
LABEL = "MATERIAL"
DEFAULT_TABLE = DATA / "materials.toml"

# regexes here begin with what they consume, the lookbehind after it: a pattern that begins with
# a lookbehind is tried at every position, one that begins with a character class is scanned for
# "x = 0.4", not a range "x = 0.2-0.6" (nor its "0" before ".2-0.6")
VARIABLE_VALUE_RE = re.compile(
    rf"([xyzδ])(?<![\w.][xyzδ])\s?=\s?({NUMBER})(?!\s?[–~-]\s?\d|\d|\.\d)"
)
# a word starting with a capital ("-" may precede: β-NaYF4, c-LLZO); capitalised plain words are
# dropped: ASCII ones ("However") by the lookahead, in C, the others in Python ("Étude")
_ANIONS_NAMED = (
    "oxide|hydroxide|nitride|sulfide|sulphide|selenide|telluride|fluoride|chloride|bromide|iodide|"
    "carbide|boride|phosphide|arsenide|titanate|niobate|tantalate|zirconate|aluminate|silicate|"
    "phosphate|carbonate|nitrate|sulfate|ferrite|manganate|cobaltate|vanadate|tungstate|"
    "molybdate|stannate|gallate|germanate|borate|hafnate"
)
_NAMES = "|".join(sorted((n for n in ELEMENT_NAMES if n.isalpha()), key=len, reverse=True))
# "zinc oxide", "Titanium dioxide", "lithium niobate", "barium strontium titanate"
_NAMED_COMPOUND = (
    rf"(?:{_NAMES})(?:[\s-](?:{_NAMES})){{0,3}}\s"
    rf"(?:mono|di|tri|tetra|penta|sesqui)?(?:{_ANIONS_NAMED})s?"
)
NAMED_COMPOUND_RE = re.compile(rf"\b(?i:{_NAMED_COMPOUND})\b")
# the same on an ASCII text lowered first: a case-sensitive alternation runs ~4x faster
NAMED_COMPOUND_LOWER_RE = re.compile(rf"\b(?:{_NAMED_COMPOUND.lower()})\b")
ELEMENT_COLON_RE = re.compile(
    r"([A-Z](?<![\w:][A-Z])[a-z]?):[A-Z][a-z]?\b(?![:\d])(?!\s(?:ratio|molar))"
)
# what every named compound holds, looked for in the lowered text first (the full pattern is a
# case-insensitive alternation of every element name, tried at each word boundary): each ends
# in "ide", "ate" or "ite", so finding those and asking ``endswith`` is one C call per hit
ANIONS_NAMED = tuple(_ANIONS_NAMED.split("|"))
# each ending with the names that end in it, so a hit is checked against a third of them
ANION_ENDINGS = {
    ending: tuple(name for name in ANIONS_NAMED if name.endswith(ending))
    for ending in ("ide", "ate", "ite")
}
NAMED_HOST_RE = re.compile(r"\b(?:co-?)?(?:doped|substituted)\s([A-Za-z]{3,})\b")


class Candidate(NamedTuple):
    """A material found in a doc, before it becomes a span (a NamedTuple: a frozen dataclass
    costs a ``object.__setattr__`` per field to build)."""

    start: int
    end: int
    kind: str  # "formula" | "family" | "abbreviation" | "other"
    formula: str | None = None
    dopants: tuple[str, ...] = ()
    balanced: bool | None = None
    host: str | None = None
    named: tuple[str, ...] = ()  # the dopants the name itself stands for ("LLZTO": Ta)
    defined_as: str | None = None  # what the document defined the abbreviation as


@dataclass(frozen=True)
class Named:
    formula: str | None
    kind: str
    dopants: tuple[str, ...] = ()


class MaterialRecognizer:
    def __init__(self, nlp: Language, name: str, table: str | None = None) -> None:
        self.label = nlp.vocab.strings.add(LABEL)  # spans take the hash: a str is hashed per span
        self.name = name
        path = Path(table) if table else DEFAULT_TABLE
        self.named: dict[str, Named] = {}
        self.matcher = VocabularyMatcher(nlp)
        for key, entry in load_table(path).items():
            if entry.get("kind") not in ("family", "other"):
                raise ValueError(f"Invalid material {key!r} in {path}: kind must be family|other")
            self.named[key] = Named(
                entry.get("formula"), entry["kind"], tuple(entry.get("dopants", ()))
            )
            self.matcher.add(key, entry.get("phrases", ()), entry.get("abbreviations", ()))
        self.abbreviations: Abbreviations | None = None

    def __call__(self, doc: Doc, abbreviations: Abbreviations | None = None) -> Doc:
        table = abbreviations or self.abbreviations or Abbreviations()
        found = self.find(doc, table)
        return self.set_annotations(doc, found, table)

    # -- finding (plain values; spans and their attributes are made once, at the end) ---------
    def find(self, doc: Doc, table: Abbreviations) -> list[Candidate]:
        text = doc_text(doc)
        values = (
            {m.group(1): parse_number(m.group(2)) for m in VARIABLE_VALUE_RE.finditer(text)}
            if "=" in text
            else {}
        )
        found = [
            *self._learned(doc, table),
            *self._named(doc),  # before formulas: a declared name wins a tie ("LiPON")
            *self._formulas(doc, values),
            *self._element_hosts(doc),
            *self._named_compounds(doc),
            *self._systems(doc),
        ]
        found = _longest([self._extend_doped(doc, c) for c in _longest(found)])
        definitions = self._learn(doc, found, table)
        found = _longest([*self._learned(doc, table), *found])
        return [c for c in found if (c.start, c.end) not in definitions]

    def _formulas(self, doc: Doc, values: dict[str, float]) -> list[Candidate]:
        found = []
        for token in material_words.candidates(doc):
            info = read_formula_token(token.text)
            if info is None and token.text in ELEMENTS and token.i:
                if doc[token.i - 1].lower_ in DOPED_WORDS:  # the host of "B-doped Ge"
                    info = FormulaToken(token.text, frozenset(), None)
            if info is None:
                continue
            end = token.i + 1
            text = token.text
            if cut_subscript(doc, token.i):
                text = token.text + doc[token.i + 1].text
                info = read_formula_token(text) or info
                end += 1
            formula = info.formula
            if info.general and info.general <= values.keys():
                formula = Formula.parse(text, {k: values[k] for k in info.general}).normalized
            found.append(Candidate(token.i, end, "formula", formula, balanced=info.balanced))
        return found

    def _element_hosts(self, doc: Doc) -> list[Candidate]:
        """Elements as hosts: "lithium doped magnesium", "Ge:B" (an element before a colon and
        another element, never a "Li:La ratio")."""
        found: list[Candidate] = []
        text = doc_text(doc)
        if "doped" not in text and "substituted" not in text and ":" not in text:
            return found
        hits = [(m.start(1), m.end(1), m.group(1)) for m in ELEMENT_COLON_RE.finditer(text)]
        hits += [
            (m.start(1), m.end(1), ELEMENT_NAMES.get(m.group(1).lower(), ""))
            for m in NAMED_HOST_RE.finditer(text)
        ]
        for start, end, symbol in hits:
            span = doc.char_span(start, end) if symbol in ELEMENTS else None
            if span is not None:
                found.append(Candidate(span.start, span.end, "formula", symbol))
        return found

    def _systems(self, doc: Doc) -> list[Candidate]:
        """Compositions written as parts in molar amounts, "70Li2S–30P2S5 glass",
        "Al2O3–TiO2 ceramics": one material of no single formula (a glass or a mixture, not
        its first part). Parts of a garnet, a cathode or a polymer are left to the composite
        step (a "LLZO–LiCoO2" cathode is no glass)."""
        text = doc_text(doc)
        found: list[Candidate] = []
        for match in SYSTEM_RE.finditer(text):
            parts = system_parts(match.group())
            if parts is None or any(classify(p, p) != "other" for p in parts):
                continue
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                found.append(Candidate(span.start, span.end, "other"))
        return found

    def _named_compounds(self, doc: Doc) -> list[Candidate]:
        """Compounds named in words: "zinc oxide", "lithium niobate", "nickel sulfide"."""
        text = doc_text(doc)
        if "ide" not in text and "ate" not in text and "ite" not in text:
            return []
        lowered = doc_lower(doc)
        if not _holds_anion(lowered):
            return []
        found = []
        if text.isascii():  # lower() keeps every offset, and no non-ASCII letter folds to ASCII
            matches = NAMED_COMPOUND_LOWER_RE.finditer(lowered)
        else:
            matches = NAMED_COMPOUND_RE.finditer(text)
        for match in matches:
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                found.append(Candidate(span.start, span.end, "other"))
        return found

    def _named(self, doc: Doc) -> list[Candidate]:
        found = []
        for key, start, end in self.matcher(doc):
            named = self.named[key]
            found.append(
                Candidate(start, end, named.kind, named.formula, named.dopants, named=named.dopants)
            )
        return found

    def _learned(self, doc: Doc, table: Abbreviations) -> list[Candidate]:
        pattern = table.pattern()
        found = []
        for match in pattern.finditer(doc_text(doc)) if pattern else ():
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                meaning, formula, dopants = table.entries[match.group(0)]
                found.append(
                    Candidate(
                        span.start,
                        span.end,
                        "abbreviation",
                        formula,
                        dopants,
                        named=dopants,
                        defined_as=meaning,
                    )
                )
        return found

    def _extend_doped(self, doc: Doc, found: Candidate) -> Candidate:
        """ "Ga-doped LLZO", "Al/Ga co-doped LLZO", "Ga-LLZO" -> one candidate with its dopants."""
        i = found.start - 1
        if i >= 1 and doc[i].text in ("-", "–") and element_of(doc[i - 1].text):
            if found.kind == "family":  # Ga-LLZO
                return _doped(doc, found, [doc[i - 1].text], i - 1)
        j = i
        if j >= 0 and doc[j].lower_ in DOPED_WORDS:
            j -= 1
            if j >= 1 and doc[j].text in ("-", "–") and doc[j - 1].lower_ in MULTI_PREFIXES:
                # "Al/Ga co-doped"; but a capital "Co" with no elements before it is cobalt
                if doc[j - 1].text != "Co" or (j >= 2 and element_of(doc[j - 2].text)):
                    j -= 2
            if j >= 0 and doc[j].text in ("-", "–"):
                j -= 1
            bracketed = j >= 1 and doc[j].text == ")"  # "(Ga,Sc)-codoped", "(Al, Ta) doped"
            j -= bracketed
            names: list[str] = []
            while j >= 0 and element_of(doc[j].text):
                names.insert(0, doc[j].text)
                k = j - 1
                while k >= 0 and (doc[k].lower_ in JOINERS or doc[k].lower_ == "or"):
                    k -= 1  # "Al/Ga co-doped", "Fe- or Mo-doped", "Nb-, Al-, and Ta-doped"
                if k == j - 1 or k < 0 or element_of(doc[k].text) is None:
                    break
                j = k
            if bracketed and (j < 1 or doc[j - 1].text != "("):
                names = []
            if names:
                return _doped(doc, found, names, j - bracketed)
        return found

    def _learn(
        self, doc: Doc, found: list[Candidate], table: Abbreviations
    ) -> set[tuple[int, int]]:
        """Learns the abbreviations defined after materials, in text order (so a definition can
        rest on one made just before it); returns the token spans of the definitions "(LLZAO)"
        themselves, which are no materials of their own. Updates ``found`` in place."""
        definitions: set[tuple[int, int]] = set()
        if not found or (not table.entries and not has_definition_cue(doc_text(doc))):
            return definitions
        for n, candidate in enumerate(found):
            text = doc[candidate.start : candidate.end].text
            known = table.get(text)
            if known is not None:
                candidate = found[n] = candidate._replace(
                    kind="abbreviation",
                    formula=known.formula,
                    dopants=known.dopants,
                    named=known.dopants,
                    defined_as=known.meaning,
                )
            definition = defined_abbreviation(doc, candidate.end)
            if definition is not None and definition[0] != text:
                # "modified Li1.2Mn0.54Co0.13Ni0.13O2 (S-LRMO)" names a derivative of the formula
                changed = candidate.start > 0 and doc[candidate.start - 1].lower_ in CHANGED_WORDS
                formula = None if changed else candidate.formula
                table.learn(definition[0], text, formula, candidate.dopants)
                definitions.add(definition[1])
        return definitions

    # -- annotating --------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[Candidate], table: Abbreviations) -> Doc:
        out = []
        text = doc_text(doc)
        for candidate in found:
            span = Span(doc, candidate.start, candidate.end, label=self.label)
            colon = (
                [e for _, e, _ in colon_dopants(doc, candidate.start, candidate.end)]
                if ":" in text
                else []
            )
            extensions.set_attrs(
                span,
                material_kind=candidate.kind,
                formula=candidate.formula,
                dopant_elements=list(dict.fromkeys([*candidate.dopants, *colon])),
                charge_balanced=candidate.balanced,
                host=candidate.host or text[span.start_char : span.end_char],
                named_dopants=list(candidate.named),
                defined_as=candidate.defined_as,
            )
            out.append(span)
        extensions.set_group(doc, SPAN_KEY, out)
        extensions.set_doc_attr(doc, "abbreviations", table.as_dict())
        return doc


def _longest(found: list[Candidate]) -> list[Candidate]:
    """spaCy's ``filter_spans`` for candidates: the longest wins, then the earliest in the list
    (learned abbreviations are listed first, so they win over the packaged names)."""
    if len(found) < 2:  # most sentences: nothing can overlap
        return list(found)
    ordered = sorted(found, key=_START)
    end = -1
    for candidate in ordered:
        if candidate.start < end:
            break
        end = candidate.end
    else:  # nothing overlaps: every candidate is kept
        return ordered
    order = sorted(range(len(found)), key=lambda n: (found[n].start - found[n].end, n))
    taken: set[int] = set()
    kept = []
    for n in order:
        candidate = found[n]
        if not taken.intersection(range(candidate.start, candidate.end)):
            kept.append(candidate)
            taken.update(range(candidate.start, candidate.end))
    return sorted(kept, key=lambda c: c.start)


_START = attrgetter("start")


def _holds_anion(lowered: str) -> bool:
    """Whether one of ``ANIONS_NAMED`` occurs in ``lowered``."""
    for ending, names in ANION_ENDINGS.items():
        at = lowered.find(ending)
        while at >= 0:
            if lowered.endswith(names, 0, at + 3):
                return True
            at = lowered.find(ending, at + 1)
    return False


def _doped(doc: Doc, found: Candidate, names: list[str], start: int) -> Candidate:
    dopants = [element_of(n)[0] for n in names]  # type: ignore[index]
    # the composition stays known when the host formula already holds the dopants
    # ("Ga-doped Li6.25Ga0.25La3Zr2O12"), not for "Nb-substituted TiO2"
    host = found.formula
    keep = host is not None and set(dopants) <= set(Formula.parse(host).elements)
    return Candidate(
        start,
        found.end,
        found.kind,
        host if keep else None,
        tuple(dict.fromkeys([*dopants, *found.dopants])),
        host=doc[found.start : found.end].text,
        named=found.named,  # "Ta-doped LLZO" is not what "LLZO" was defined as
    )


@Language.factory(
    "llzo_material",
    assigns=["doc.spans", "doc._.abbreviations"],
    requires=[],
    default_config={"table": None},
)
def make_material(nlp: Language, name: str, *, table: str | None) -> MaterialRecognizer:
    """``table``: a materials TOML file shaped like ``miner/data/materials.toml``."""
    return MaterialRecognizer(nlp, name, table)
