"""DOPANT recogniser: an element or ion in a doping role, with its charge, amount and site when
the sentence states them.

Spans go to ``doc.spans["llzo_dopant"]`` (label DOPANT) with ``element``, ``charge``, ``amount``
(mol per formula unit), ``amount_max`` and ``site`` ("Li" | "La" | "Zr" | "O" | None).

Doping roles read (token level, in this order of strength):
- the element before a doping word: "Ga-doped", "Al/Ga co-doped", "Er3+-doped", "Ga3+ substitution",
  "Al doping", "Ta dopant", "Nb-substituted", "Mn-doped";
- the element after one: "doped with Ga", "doped with trivalent erbium", "doped with Al, Ga and
  In", "substituted by Ta5+", "replacing Zr4+ in LLZO with Ta5+" (Ta on the Zr site),
  "concentration of Er3+";
- replacement verbs: "Al3+ ... can replace Li+", "Ta5+ substitutes for Zr4+" (site = the replaced
  host element), and "Ga3+ on the Li site" (a SITE span next to the dopant);
- the element after a formula's colon: "ZnO:Al" (from the material component).
A bare element ("In", "As" at a sentence start, "Li-ion") is never a dopant without such a role.

Amounts: "0.2–0.24 mol of Al3+", "x = 0.25" (for the element whose subscript is x in a general
formula of the sentence, or the only dopant), and the subscript of the element in a concrete
formula of the sentence (Li6.25Ga0.25La3Zr2O12 -> Ga 0.25). Requires the material and site
components to run first.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.chemistry.formula import Formula
from miner.chemistry.garnet import SITES
from miner.extensions import get_attr, set_attrs, set_group
from miner.material_words import JOINERS, MULTI_PREFIXES, colon_dopants, element_of
from miner.materials import SPAN_KEY as MATERIAL_KEY
from miner.sites import SPAN_KEY as SITE_KEY
from miner.tokenizer import doc_lower, doc_text, token_at, token_lowers, token_texts
from miner.units import NUMBER, parse_number

SPAN_KEY = "llzo_dopant"
LABEL = "DOPANT"
AFTER_WORDS = frozenset(
    {"doped", "codoped", "doping", "codoping", "substituted", "substitution", "substitutions",
     "dopant", "dopants", "incorporation", "incorporated", "stabilized", "stabilised",
     "containing"}
)  # fmt: skip
# "doping Sm3+ ions", "the doping chromium": a doping word right before the element
DIRECT_WORDS = frozenset({"doping", "codoping", "incorporating", "adding"})
# what may stand between "doped with" and the element: "doped with 1.1% Cr", "with different
# silicon contents"
FILLERS = frozenset({"%", "mol", "mol%", "wt%", "at", "at.%", ".", "different", "various", "trace",
                     "small", "a", "the", "amounts", "amount", "x", "="})  # fmt: skip
BEFORE_WORDS = frozenset(
    {"doped", "codoped", "doping", "codoping", "substituted", "substitution", "replacing",
     "replaced", "incorporating", "incorporated", "concentration", "concentrations", "adding",
     "dopant", "dopants"}
)  # fmt: skip
LINKS = frozenset({"with", "by", "of", "using"})
REPLACE_WORDS = frozenset({"replace", "replaces", "replacing", "substitute", "substitutes",
                           "substituting", "occupy", "occupies", "occupying"})  # fmt: skip
VALENCE = {"monovalent": 1, "divalent": 2, "trivalent": 3, "tetravalent": 4, "pentavalent": 5,
           "hexavalent": 6}  # fmt: skip
HOST_ELEMENTS = frozenset(SITES)
MOL_RE = re.compile(rf"(?P<low>{NUMBER})(?:\s?[–-]\s?(?P<high>{NUMBER}))?\s?mol\s(?:of\s)?$")
# a doc without any of these has no doping role to read: the token loop is skipped (substring
# tests on the lowered text cost a tenth of one case-insensitive regex)
CUES = ("dop", "substitut", "replac", "occup", "concentration", "incorporat", "stabili", "adding",
        "contain")  # fmt: skip
# words that may name an element: symbols, ions ("Ga3+", "O2-") and names ("erbium")
WORD_RE = re.compile(
    r"(?<![\w+\-−.])(?:[A-Z][a-z]?\d*[+\-−]?(?![a-z\d])|[A-Za-z]{3,12}(?![A-Za-z\d]))"
)
COLON_RE = re.compile(r"[A-Za-z0-9)]:\s?(?:[\d.]+\s?%\s?)?[A-Z]")
VARIABLE_RE = re.compile(
    rf"([xyzδ])(?<![\w.][xyzδ])\s?=\s?(?P<low>{NUMBER})(?:\s?[–-]\s?(?P<high>{NUMBER}))?"
)


class Hit(NamedTuple):
    """A dopant mention before it becomes a span."""

    start: int
    end: int
    element: str
    charge: int | None
    site: str | None = None


class DopantRecognizer:
    def __init__(self, nlp: Language, name: str = "llzo_dopant", window: int = 8) -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.find(doc))

    # -- finding -----------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Hit]:
        mentions: dict[int, Hit] = {}
        text = doc_text(doc)
        if not any(map(doc_lower(doc).__contains__, CUES)) and COLON_RE.search(text) is None:
            return []
        sites = {i for site in doc.spans.get(SITE_KEY, []) for i in range(site.start, site.end)}
        for word in WORD_RE.finditer(text):
            if element_of(word.group(0)) is None:
                continue
            i = token_at(doc, word.start())
            words = token_texts(doc)
            if words[i] != word.group(0) and element_of(words[i]) is None:
                continue  # the word is part of a longer token ("Li7La3Zr2O12")
            if i in sites:
                continue  # "co-doping of Li and Zr sites" names sites, not dopants
            mention = self._role(doc, i)
            if mention is not None:
                mentions.setdefault(mention.start, mention)
        for material in doc.spans.get(MATERIAL_KEY, []):
            for m, element, charge in colon_dopants(doc, material.start, material.end):
                mentions.setdefault(m, Hit(m, m + 1, element, charge))
        return [self._with_site(doc, m) for m in sorted(mentions.values(), key=lambda m: m.start)]

    def _role(self, doc: Doc, i: int) -> Hit | None:
        words = token_texts(doc)
        lowers = token_lowers(doc)
        element, charge = element_of(words[i])  # type: ignore[misc]
        if any(lowers[k] in REPLACE_WORDS for k in range(max(0, i - 2), i)):
            return None  # the replaced host in "can replace Li+"
        if _co_prefix(doc, i):
            return None
        start = i
        if i and lowers[i - 1] in VALENCE:
            start, charge = i - 1, charge or VALENCE[lowers[i - 1]]
        if self._before_doping_word(doc, i) or self._after_doping_word(doc, start):
            return Hit(start, i + 1, element, charge, self._replaced_site(doc, start))
        site = self._replaces(doc, i)
        if site is not None:
            return Hit(start, i + 1, element, charge, site)
        return None

    @staticmethod
    def _before_doping_word(doc: Doc, i: int) -> bool:
        """ "Ga-doped", "Al/Ga co-doped", "Ga3+ substitution"."""
        words = token_texts(doc)
        lowers = token_lowers(doc)
        j = i + 1
        if j + 2 < len(doc) and words[j] == "(" and words[j + 2] == ")":
            j += 3  # "Lanthanum (La) doped"
        while j + 1 < len(doc):
            k = j
            while k < len(doc) and (lowers[k] in JOINERS or lowers[k] == "or"):
                k += 1  # "Al/Ga co-doped", "Fe- or Mo-doped", "Nb-, Al-, and Ta-doped"
            if k == j or k >= len(doc) or element_of(words[k]) is None:
                break
            j = k + 1
        if j < len(doc) and words[j] in ("-", "–"):
            j += 1
        if j + 2 < len(doc) and lowers[j] in MULTI_PREFIXES and words[j + 1] in ("-", "–"):
            j += 2
        return j < len(doc) and lowers[j] in AFTER_WORDS and j > i

    def _after_doping_word(self, doc: Doc, i: int) -> bool:
        """ "doped with Ga", "doped with Al, Ga and In", "concentration of Er3+"."""
        words = token_texts(doc)
        lowers = token_lowers(doc)
        j = i - 1
        while j >= 1 and lowers[j] in JOINERS and element_of(words[j - 1]):
            j -= 2
        if j >= 0 and lowers[j] in VALENCE:
            j -= 1
        if j >= 0 and lowers[j] in DIRECT_WORDS:
            return True
        for _ in range(5):
            if j < 0 or lowers[j] in LINKS or not (lowers[j] in FILLERS or doc[j].like_num):
                break
            j -= 1
        if j >= 0 and lowers[j] in LINKS:
            j -= 1
            # "replacing Zr4+ in LLZO with Ta5+": skip back over the replaced part
            for k in range(j, max(-1, j - self.window), -1):
                if lowers[k] in BEFORE_WORDS:
                    return lowers[k] not in ("replacing", "replaced") or lowers[j + 1] in (
                        "with",
                        "by",
                    )
        return False

    def _replaced_site(self, doc: Doc, i: int) -> str | None:
        """The host element replaced in "replacing Zr4+ in LLZO with Ta5+"."""
        words = token_texts(doc)
        lowers = token_lowers(doc)
        for k in range(i - 1, max(-1, i - self.window - 2), -1):
            if lowers[k] in ("replacing", "replaced", "substitution", "substituting"):
                for m in range(k + 1, i):
                    found = element_of(words[m])
                    if found and found[0] in HOST_ELEMENTS:
                        return found[0]
                return None
        return None

    def _replaces(self, doc: Doc, i: int) -> str | None:
        """ "Al3+ ... can replace Li+", "Ta5+ substitutes for Zr4+" -> the replaced site."""
        words = token_texts(doc)
        lowers = token_lowers(doc)
        for k in range(i + 1, min(len(doc), i + self.window)):
            if words[k] in (".", ";"):
                return None
            if lowers[k] in REPLACE_WORDS:
                for m in range(k + 1, min(len(doc), k + 4)):
                    found = element_of(words[m])
                    if (
                        found
                        and found[0] in HOST_ELEMENTS
                        and found[0] != words[i].rstrip("+-0123456789")
                    ):
                        return found[0]
                return None
        return None

    def _with_site(self, doc: Doc, mention: Hit) -> Hit:
        if mention.site is not None:
            return mention
        for site in doc.spans.get(SITE_KEY, []):
            near = (
                site.start - mention.end if site.start >= mention.end else mention.start - site.end
            )
            if 0 <= near <= 4 and get_attr(site, "site") is not None:
                return Hit(mention.start, mention.end, mention.element, mention.charge,
                               get_attr(site, "site"))  # fmt: skip
        return mention

    # -- amounts -----------------------------------------------------------------------------
    def amounts(self, doc: Doc, mentions: list[Hit]) -> list[tuple[float | None, float | None]]:
        """(amount, amount_max) per mention."""
        if not mentions:
            return []
        formulas = [
            m for m in doc.spans.get(MATERIAL_KEY, []) if get_attr(m, "material_kind") == "formula"
        ]
        text = doc_text(doc)
        variables = {m.group(1): m for m in VARIABLE_RE.finditer(text)} if "=" in text else {}
        elements = {m.element for m in mentions}
        out = []
        for mention in mentions:
            before = doc_text(doc)[max(0, doc[mention.start].idx - 24) : doc[mention.start].idx]
            mol = MOL_RE.search(before)
            if mol:
                out.append(_range(mol))
                continue
            amount = _from_formulas(mention.element, formulas, variables, len(elements) == 1)
            out.append(amount)
        return out

    def set_annotations(self, doc: Doc, mentions: list[Hit]) -> Doc:
        spans = []
        for mention, (amount, amount_max) in zip(
            mentions, self.amounts(doc, mentions), strict=True
        ):
            span = Span(doc, mention.start, mention.end, label=self.label)
            set_attrs(
                span,
                element=mention.element,
                charge=mention.charge,
                site=mention.site,
                amount=amount,
                amount_max=amount_max,
            )
            spans.append(span)
        set_group(doc, SPAN_KEY, spans)
        return doc


def _co_prefix(doc: Doc, i: int) -> bool:
    """ "Co-doping of ...", "Co-doped with ..." open a sentence with the prefix co-, not cobalt
    (which "Co-doped LLZO" is)."""
    words = token_texts(doc)
    lowers = token_lowers(doc)
    if words[i] != "Co" or i + 2 >= len(doc) or words[i + 1] not in ("-", "–"):
        return False
    word = lowers[i + 2]
    following = lowers[i + 3] if i + 3 < len(doc) else ""
    return word in ("doping", "dopants", "substitution") or (
        word in ("doped", "substituted") and following in LINKS
    )


def _range(match: re.Match[str]) -> tuple[float, float | None]:
    high = match.group("high")
    return parse_number(match.group("low")), parse_number(high) if high else None


def _from_formulas(
    element: str, formulas: list[Span], variables: dict[str, re.Match[str]], only: bool
) -> tuple[float | None, float | None]:
    for span in formulas:
        text = get_attr(span, "host") or span.text
        for name, match in variables.items():
            if re.search(rf"{element}{name}(?![a-z])", text):
                return _range(match)
        formula = get_attr(span, "formula")
        if formula:
            amount = Formula.parse(formula).amount(element)
            if amount and element not in HOST_ELEMENTS:
                return amount, None
    if only and len(variables) == 1 and not formulas:
        return _range(next(iter(variables.values())))
    return None, None


@Language.factory(
    "llzo_dopant",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"window": 8},
)
def make_dopant(nlp: Language, name: str, *, window: int) -> DopantRecognizer:
    """``window``: how many tokens a doping word may stand from the element it governs."""
    return DopantRecognizer(nlp, name, window)
