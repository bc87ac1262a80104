"""The words the doping reader reads, made from the Doc's own tokens.

A word is what a doping phrasing names as one unit: a host ("(Ba,Sr)TiO3", "Li-ion"), a dopant
("Al3+/Ga3+", "Er 3+"), a doping marker ("doped" of "Ga-doped", the hyphen dropped), or a
punctuation mark. The tokens of one whitespace-separated chunk (spaCy's tokens up to one with
trailing whitespace) are read as one word, and the chunk is cut where a phrasing needs the parts
apart:

- unbalanced brackets and quotes at either end, and trailing ``,;.:`` (a balanced bracket stays:
  "(Ba,Sr)TiO3"; a wrapped one goes: "(Ba2+)");
- a doping marker after a hyphen ("Ga" + "doped", "Al/Ga" + "co-doped"), or before one
  ("doped" + "ZnO" of "Al doped-ZnO"), and "X-and"/"X-or" ("phosphorus-and sulfur-doped");
- a suspended hyphen ending a listed word ("Nb-, Al-, and Ta-doped"), an amount written onto a
  dopant ("5%Mn-doped"), a form word glued to a formula by lost spacing ("TiO3thin").

Most cuts fall on spaCy's token boundaries; the chemistry tokenizer keeps some of these units in
one token ("mol%)-doped", "MgO.", "Fe-"), so a cut may fall inside one. Every step is linear in
the chunk's length (a PDF can hold a 40,000-character "word").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc

from miner.doping.lexicon import (
    DOPE_MARKER,
    DOPE_MARKER_RE,
    FORM_WORDS,
    HYPHEN_MARKER,
    SYMBOLS,
    Word,
    element_of,
    is_formula,
    is_host_head,
)
from miner.tokenizer import doc_text

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")": "(", "]": "[", "}": "{"}
_LEADING = "([{“\"'‘"
_END_MARKS = ",;.:\"'”’"  # peeled from the end first, brackets never
_TRAILING = ",;.:)]}”\"'’"
_GLUED_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:mol|at|wt)?\.?%(?=[A-Z])")  # "5%Mn-doped"
_MARKER_FIRST = re.compile(rf"({DOPE_MARKER})-(.+)", re.I)  # "doped-ZnO"
_CHARGE = re.compile(r"\d+[+-]")
_ION_BEFORE_HYPHEN = re.compile(r"[A-Z][a-z]?\d*-")  # "F-" is an anion, not a hyphen
_CHUNK_ATTRS = ["IDX", "LENGTH", "SPACY", "IS_SPACE"]
MAX_CACHED = 64  # characters of a chunk whose words are kept (a PDF's 40,000-character run is not)


def chunks(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) offsets of the whitespace-separated chunks, from the Doc's tokens (read from
    spaCy's arrays: a Token object per word cost more than the rest of this module), made once
    per Doc."""
    cached = doc.user_data.get("llzo_chunks")
    if cached is not None:
        return cached
    out: list[tuple[int, int]] = []
    start = end = None
    for idx, length, spacy_, is_space in doc.to_array(_CHUNK_ATTRS).tolist():
        if is_space:
            if start is not None:
                out.append((start, end))
                start = None
            continue
        if start is None:
            start = idx
        end = idx + length
        if spacy_:
            out.append((start, end))
            start = None
    if start is not None:
        out.append((start, end))
    doc.user_data["llzo_chunks"] = out
    return out


# the next chunks a chunk's words depend on (``_chunk_words`` asks only whether the next one is
# one of these); any other is passed as "", so that a chunk's words are cached once, not once
# per word that may follow it
FOLLOWING_READ = frozenset({"and", "or", "&", ",", "of", "with", "by", "in", "into", "on", "at"})
_LONGEST_READ = max(map(len, FOLLOWING_READ))


def doc_words(doc: Doc) -> list[Word]:
    """The doping reader's words of a Doc (see the module docstring)."""
    text = doc_text(doc)
    spans = chunks(doc)
    texts = [text[s:e] for s, e in spans]
    texts.append("")  # after the last chunk
    words: list[Word] = []
    append = words.append
    for n, (start, end) in enumerate(spans):
        token = texts[n]
        following = texts[n + 1]
        if len(following) > _LONGEST_READ or following.lower() not in FOLLOWING_READ:
            following = ""
        else:
            following = following.lower()
        # only a "Co" chunk reads further than the next one ("Co-doping ZnO nanorods with")
        later = tuple(texts[n + 2 : n + 6]) if "Co" in token else ()
        if end - start > MAX_CACHED:
            read = _chunk_words(token, following, later)
        else:
            read = _cached_chunk_words(token, following, later)
        if len(read) == 1 and not read[0].start and read[0].end == end - start:  # most chunks
            append(Word(token, start, end, read[0].marker))
            continue
        words += [Word(w.text, w.start + start, w.end + start, w.marker) for w in read]
    return _charges_joined(words, text)


def tagger_words(words: Sequence[Word]) -> list[Word]:
    """The reader's words with "H:A" colon notation split into host, ":", dopant: the words the
    doping model tags, so that a host and its dopant are words of their own."""
    if not any(":" in w.text for w in words):
        return list(words)
    out: list[Word] = []
    for w in words:
        parts = re.split(r"(:)", w.text) if ":" in w.text and len(w.text) > 1 else [w.text]
        pos = w.start
        for part in parts:
            if part:
                out.append(Word(part, pos, pos + len(part), w.marker))
            pos += len(part)
    return out


def _chunk_words(token: str, following: str, later: tuple[str, ...]) -> tuple[Word, ...]:
    """The words of the chunk ``token`` (offsets from its start), ``following`` the next
    chunk lower-cased and ``later`` the four after it: all a chunk's words depend on, so they
    are made once per distinct chunk (most chunks of a text recur)."""
    start = 0
    listed = token.endswith("-,") or following in ("and", "or", "&", ",")
    lo, hi = 0, len(token)  # the part of the chunk still to read
    head: list[Word] = []
    tail: list[Word] = []  # in reverse order
    while hi - lo > 1 and token[hi - 1] in _END_MARKS:
        tail.append(Word(token[hi - 1], start + hi - 1, start + hi))
        hi -= 1
    if hi - lo > 2 and token[lo] == "(" and token[hi - 1] == ")" and _wrapped(token, lo, hi):
        head.append(Word("(", start + lo, start + lo + 1))
        tail.append(Word(")", start + hi - 1, start + hi))
        lo, hi = lo + 1, hi - 1
    counts = {c: token.count(c, lo, hi) for c in "()[]{}"}
    while hi > lo and token[lo] in _LEADING and _unbalanced_open(token[lo], counts):
        head.append(Word(token[lo], start + lo, start + lo + 1))
        counts[token[lo]] = counts.get(token[lo], 0) - 1
        lo += 1
    amount = _GLUED_AMOUNT.match(token, lo, hi)
    if amount:
        head.append(Word(amount.group(), start + lo, start + amount.end()))
        lo = amount.end()
    for suffix in ("-and", "-or"):  # "phosphorus-and sulfur-doped"
        if token.endswith(suffix, lo, hi) and hi - lo > len(suffix):
            first = token[lo : hi - len(suffix)]
            if element_of(first):
                cut = lo + len(first)
                head += [
                    Word(first, start + lo, start + cut),
                    Word("-", start + cut, start + cut + 1),
                ]
                lo = cut + 1
            break
    before = _MARKER_FIRST.fullmatch(token, lo, hi)  # "Al doped-ZnO"
    if before and is_host_head(before.group(2).rstrip(_TRAILING)):
        cut = lo + len(before.group(1))
        head.append(Word(before.group(1), start + lo, start + cut, marker="doped"))
        lo = cut + 1
    counts = {c: token.count(c, lo, hi) for c in "()[]{}"}
    while (
        hi > lo
        and token[hi - 1] in _TRAILING
        and (token[hi - 1] not in _CLOSE or counts[token[hi - 1]] > counts[_CLOSE[token[hi - 1]]])
    ):
        tail.append(Word(token[hi - 1], start + hi - 1, start + hi))
        if token[hi - 1] in counts:
            counts[token[hi - 1]] -= 1
        hi -= 1
    core = token[lo:hi]
    if (
        len(core) > 1
        and core.endswith("-")
        and not core.endswith("--")
        and (listed or not _ION_BEFORE_HYPHEN.fullmatch(core))
    ):
        tail.append(Word("-", start + hi - 1, start + hi))
        hi -= 1
        core = core[:-1]
    if core.startswith("-") and DOPE_MARKER_RE.fullmatch(core, 1):
        lo, core = lo + 1, core[1:]
    if core:
        head += _core_words(core, start + lo, later, following)
    return (*head, *tail[::-1])


_cached_chunk_words = lru_cache(maxsize=32768)(_chunk_words)


def _core_words(core: str, start: int, later: tuple[str, ...], following: str) -> list[Word]:
    """The chunk without its outer marks: a marker, "A" + marker, or one word."""
    end = start + len(core)
    if DOPE_MARKER_RE.fullmatch(core) and _is_marker(core, later, following):
        return [Word(core, start, end, marker="doped")]
    hyphen = HYPHEN_MARKER.match(core)
    if (
        hyphen
        and hyphen.group(1)
        and not (
            hyphen.group(2).lower() == "activated" and not element_of(hyphen.group(1).rstrip("-"))
        )
    ):
        first = hyphen.group(1).rstrip("-")
        words = [Word(first, start, start + len(first))]
        if len(first) > 1 and first.endswith(")") and first.count(")") > first.count("("):
            first = first[:-1]  # "Eu (2 mol%)-doped": the bracket closes here
            words = [
                Word(first, start, start + len(first)),
                Word(")", start + len(first), start + len(first) + 1),
            ]
        return [*words, Word(hyphen.group(2), start + hyphen.start(2), end, marker="doped")]
    return _unglued(Word(core, start, end))


def _is_marker(core: str, later: tuple[str, ...], following: str) -> bool:
    """A whole chunk that is a doping word: "Co-doped ZnO" is cobalt, "Co-doping of Ce and Mn" /
    "Co-doped with" is co-doping, and so is "Co-doping ZnO nanorods with Al and N" (a verb with
    "with"); only "Cr-containing" says doping, never "containing" alone."""
    if core.lower() == "containing":
        return False
    if not core.startswith("Co") or following in ("of", "with", "by"):
        return True
    return (
        core.lower() == "co-doping"
        and following not in ("in", "into", "on", "at")
        and any(t.lower() == "with" for t in later)
    )


def _unglued(word: Word) -> list[Word]:
    """ "(Ba,Sr)TiO3thin" -> "(Ba,Sr)TiO3", "thin": a form word glued to a formula by lost
    spacing (text taken from PDFs)."""
    text = word.text
    cut = len(text)
    while cut > 0 and "a" <= text[cut - 1] <= "z":
        cut -= 1
    glued = text[cut:]
    if (
        len(glued) < 4
        or cut < 2
        or text[cut - 1] not in "0123456789)]"
        or glued not in FORM_WORDS
        or not is_formula(text[:cut])
    ):
        return [word]
    end = word.start + cut
    return [Word(text[:cut], word.start, end), Word(glued, end, word.end)]


def _wrapped(token: str, lo: int, hi: int) -> bool:
    """True for "(Ba2+)" (the first bracket closes at the end), false for "(Ba,Sr)TiO3"."""
    depth = 0
    for k in range(lo, hi):
        depth += {"(": 1, ")": -1}.get(token[k], 0)
        if depth == 0:
            return k == hi - 1
    return False


def _unbalanced_open(opener: str, counts: dict[str, int]) -> bool:
    closer = _OPEN.get(opener)
    return closer is None or counts[opener] > counts[closer]


def _charges_joined(words: list[Word], text: str) -> list[Word]:
    """ "Er 3+" (a charge set off by a space) is one ion."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and w.text.endswith(("+", "-"))
            and _CHARGE.fullmatch(w.text)
            and prev.text in SYMBOLS
            and w.start == prev.end + 1
            and not prev.marker
        ):
            out[-1] = Word(text[prev.start : w.end], prev.start, w.end)
        else:
            out.append(w)
    return out
