"""Tokenizer rules that keep chemistry intact, on top of spaCy's English defaults.

What changes (everything else is spaCy's English tokenizer):
- formulas stay one token, decimal and variable subscripts included: ``Li6.25Ga0.25La3Zr2O12``,
  ``Li7-3xGaxLa3Zr2O12``, ``SrLa(1-x)MgTaO6``, ``Li_{7+a-c-2d}La3Zr2O12``;
- ions stay one token: ``Ga3+``, ``Zr4+``, ``O2-``, ``Li+`` (``Er3+-doped`` -> ``Er3+ - doped``,
  ``Li+-ion`` -> ``Li+ - ion``);
- ``ZnO:Al`` and ``SrLa(1-x)MgTaO6:Erx`` split at the colon, ``Al3+/Ga3+`` at the slash;
- an amount joined to a material by a dash splits off: ``Li7La3Zr2O12-8 wt.%`` ->
  ``Li7La3Zr2O12 - 8 wt.%``.

Numbers and units need no rules of their own: the quantity component reads them from the text
and aligns them to tokens, so "10", "^", "-3" being three tokens costs nothing.

Both hooks are Python callables that spaCy calls only for strings it has not cached, so the cost
is paid once per distinct whitespace-separated chunk, not per occurrence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from spacy.lang.en import English
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from miner.chemistry.elements import ELEMENT_PATTERN, ELEMENTS
from miner.chemistry.formula import FORMULA

CHARGE = r"(?:\d*[+\-−])"
ION = rf"(?:{ELEMENT_PATTERN}){CHARGE}"
# a formula (or ion) that is a whole chunk: token_match must match the string entirely
TOKEN_RE = re.compile(rf"(?:{FORMULA}){CHARGE}?")
# formulas inside a longer chunk, never split by an infix: at least two element groups, or one
# with an amount expression that the default infixes would cut ("Li7-3x...")
PROTECTED_RE = re.compile(rf"(?<![A-Za-z]){FORMULA}(?:{CHARGE}(?![A-Za-z0-9]))?")
_DEFAULT_DIGIT_OPERATOR = r"(?<=[0-9])[+\-\*^](?=[0-9-])"
_DEFAULT_PLUS_SUFFIX = r"(?<=[0-9])\+"  # would cut "Ga3+" before token_match sees it
EXTRA_INFIXES = (
    r"(?<=[A-Za-z0-9][+\-])-(?=[a-zA-Z])",  # Er3+-doped, Li+-ion
    r"(?<=[+\-])/(?=[A-Z])",  # Al3+/Ga3+
    r"\|\|?",  # cell stacks: Li|LLZTO|LiCoO2, Li||LiFePO4
    r"(?<=[A-Za-z0-9])\)(?=-[a-zA-Z])",  # (Ga,Sc)-codoped, (LLZO)-based: the bracket ...
    r"(?<=\))-(?=[a-zA-Z])",  # ... and the hyphen are tokens of their own
)


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it: spaCy joins every token's text on each access, which
    cost the recognisers more than all their matching together. ``ChemistryTokenizer`` stores
    the string it was given; other docs build it once."""
    text = doc.user_data.get("llzo_text")
    if text is None:
        text = doc.user_data["llzo_text"] = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """``doc_text(doc).lower()``, made once per doc for the components that test for cue words
    in any case."""
    lowered = doc.user_data.get("llzo_lower")
    if lowered is None:
        lowered = doc.user_data["llzo_lower"] = doc_text(doc).lower()
    return lowered


def token_offsets(doc: Doc) -> list[int]:
    """Every token's character offset, read once per doc from spaCy's array (not by creating a
    Token per word)."""
    offsets = doc.user_data.get("llzo_offsets")
    if offsets is None:
        offsets = doc.user_data["llzo_offsets"] = doc.to_array("IDX").tolist()
    return offsets


def token_at(doc: Doc, char: int) -> int:
    """Index of the token holding character ``char``: a binary search in the tokens' offsets."""
    return bisect.bisect_right(token_offsets(doc), char) - 1


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, read once per doc: the recognisers' loops look at the words around
    a mention many times, and each ``doc[i].text`` builds a Token first."""
    words = doc.user_data.get("llzo_words")
    if words is None:
        words = doc.user_data["llzo_words"] = [token.text for token in doc]
    return words


def token_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_`` (spaCy's LOWER is ``str.lower`` of the text), read once per doc."""
    lowers = doc.user_data.get("llzo_lowers")
    if lowers is None:
        lowers = doc.user_data["llzo_lowers"] = [word.lower() for word in token_texts(doc)]
    return lowers


def token_match(text: str) -> bool:
    """A formula or an ion standing alone stays one token; "(La)" and "(CeO2)" are a formula
    in brackets, left to the prefix and suffix rules."""
    if text.startswith("(") and text.endswith(")"):
        return False
    return TOKEN_RE.fullmatch(text) is not None


def _infix_finditer(pattern: re.Pattern[str]) -> Callable[[str], Iterator[re.Match[str]]]:
    def finditer(text: str) -> Iterator[re.Match[str]]:
        # the formulas do not overlap, so their starts and ends are both sorted: a match can
        # only lie inside the last formula starting before it (linear in the chunk's length;
        # testing every formula for every match was quadratic on "ZnO:ZnO:ZnO:...")
        protected = [m.span() for m in PROTECTED_RE.finditer(text) if m.end() - m.start() > 2]
        starts = [start for start, _ in protected]
        for match in pattern.finditer(text):
            k = bisect.bisect_left(starts, match.start()) - 1
            if k < 0 or match.start() >= protected[k][1]:
                yield match

    return finditer


# spaCy splits a whitespace-free chunk by taking one prefix or suffix off per round and
# searching the rest again (and slicing and hashing it): quadratic in the chunk's length, 134 s
# for 20,000 "(" in a row. No chemistry is this long without a space (a formula, an ion, a DOI),
# so a longer run is tokenised in pieces of this many characters.
MAX_CHUNK = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


def _cut_long_runs(text: str) -> tuple[str, set[int]]:
    """``text`` with a space inserted every ``MAX_CHUNK`` characters of a longer run of
    non-space characters, and the offsets (in the new text) of the inserted spaces."""
    out: list[str] = []
    inserted: set[int] = set()
    last = length = 0
    for m in _LONG_RUN.finditer(text):
        out.append(text[last : m.start()])
        length += m.start() - last
        run = m.group(0)
        for i in range(0, len(run), MAX_CHUNK):
            if i:
                out.append(" ")
                inserted.add(length)
                length += 1
            piece = run[i : i + MAX_CHUNK]
            out.append(piece)
            length += len(piece)
        last = m.end()
    out.append(text[last:])
    return "".join(out), inserted


# a material joined by a dash to the amount of what it is mixed with ("Li7La3Zr2O12-8 wt.%
# Li3BO3", "LLZO–5 wt%"): the amount is a token of its own, not a formula's last amount or
# part of a sample name ("LLZT-05" stays whole where no fraction unit follows)
JOINED_AMOUNT = re.compile(
    r"(?<=[0-9A-Za-z)])([-–])(\d{1,2}(?:\.\d+)?)(?=\s*(?:wt|vol|mol)\.?\s*%)"
)


class ChemistryTokenizer:
    """spaCy's ``Tokenizer`` that also keeps the text it tokenised on the doc (see ``doc_text``)
    and tokenises a run of more than ``MAX_CHUNK`` non-space characters in pieces (the doc's
    text stays the text given)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if len(text) > MAX_CHUNK and _LONG_RUN.search(text):
            doc = self._in_pieces(text)
        else:
            doc = self.tokenizer(text)
        if "%" in text:
            doc = self._amounts_split(doc, text)
        doc.user_data["llzo_text"] = text
        return doc

    def _amounts_split(self, doc: Doc, text: str) -> Doc:
        """``doc`` with an amount joined by a dash to the material before it split off
        (``JOINED_AMOUNT``); the same doc when the text has none."""
        cuts = {m.end(2): m for m in JOINED_AMOUNT.finditer(text)}
        if not cuts:
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        for token in doc:
            cut = cuts.get(token.idx + len(token.text))
            if cut is not None and cut.start(1) > token.idx:
                words += [text[token.idx : cut.start(1)], cut.group(1), cut.group(2)]
                spaces += [False, False, bool(token.whitespace_)]
            else:
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def _in_pieces(self, text: str) -> Doc:
        cut, inserted = _cut_long_runs(text)
        pieces = self.tokenizer(cut)
        words = [token.text for token in pieces]
        spaces = [
            bool(token.whitespace_) and token.idx + len(token.text) not in inserted
            for token in pieces
        ]
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str) -> object:
        return getattr(self.tokenizer, name)


# (a lone "S", "A", "N" or "L" stays: "U.S." and initials end in them more often than sentences
# end in siemens)
UNITS_ENDING_IN_CAPITAL = (
    "eV", "meV", "keV", "V", "mV", "kV", "Wh", "mAh", "mA", "μA", "nA", "mS", "μS", "K", "Å", "Ω",
    "kΩ", "mΩ", "MΩ", "mL", "mW", "kJ", "°F",
)  # fmt: skip
# a unit glued to what follows it ("95%CI", "4 mol%)/") and a comparator glued to a variable
# ("T≤1300 °C") are split off, so a quantity's span is its own characters
QUANTITY_INFIXES = (
    r"(?<=[0-9]%)(?=[A-Za-z])",
    r"(?<=%)(?=[)\]/])",  # "(4 mol%)/LiBOB"
    r"(?<![0-9][a-z])(?<=[A-Za-z°])/(?=[0-9])",  # "50 nm/23 nm", "60 °C/30 min"; not "24d/96h"
    r"(?<=[A-Za-z])[≤≥](?=[0-9.])",
    # Chinese text (and its full-width punctuation) glued to a value and its unit: "从1100℃降低",
    # "0.5 mS/cm，含量"
    r"(?<=[\u3000-\u9fff\uff00-\uffef])(?=[!-~])",
    r"(?<=[!-~℃])(?=[\u3000-\u9fff\uff00-\uffef])",
)


def make_tokenizer(nlp: Language) -> ChemistryTokenizer:
    """spaCy's English tokenizer with the chemistry rules above, built from the language's
    defaults (not from ``nlp.tokenizer``: ``load`` never builds spaCy's own, see
    ``chemistry_tokenizer``)."""
    infixes = [
        r"(?<=[0-9])[+\-\*^](?=[0-9]|-[0-9])" if rule == _DEFAULT_DIGIT_OPERATOR else rule
        for rule in English.Defaults.infixes
    ]
    infix_re = compile_infix_regex([*EXTRA_INFIXES, *QUANTITY_INFIXES, *infixes])
    suffixes = [rule for rule in English.Defaults.suffixes if rule != _DEFAULT_PLUS_SUFFIX]
    # a sentence ending in a unit that ends in a capital ("0.34 eV.", "4.5 V.") keeps its full
    # stop apart: spaCy's English rules only split a "." after a lower-case letter or digit
    suffixes += [rf"(?<={re.escape(unit)})\." for unit in UNITS_ENDING_IN_CAPITAL]
    # "h." and "K." are units ending a sentence here, not initials; "Ga.", "La.", "Co.", "Mo."
    # are elements ending a sentence, not US states or a company
    rules = {
        k: v
        for k, v in English.Defaults.tokenizer_exceptions.items()
        if not (re.fullmatch(r"[A-Za-z]\.", k) or (k.endswith(".") and k[:-1] in ELEMENTS))
    }
    return ChemistryTokenizer(
        Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(English.Defaults.prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=_infix_finditer(infix_re),
            token_match=token_match,
            url_match=English.Defaults.url_match,
        )
    )


@registry.tokenizers("llzo_chemistry_tokenizer.v1")
def chemistry_tokenizer() -> Callable[[Language], ChemistryTokenizer]:
    """``make_tokenizer`` as the tokenizer of a pipeline config, so that ``spacy.blank`` builds
    only ours: spaCy's default English tokenizer costs ~0.15 s to build (its ~1,300 special
    cases and three regexes), a tenth of an ``llzo-kg extract`` of one abstract."""
    return make_tokenizer
