"""Parse a numbered reference list into ``Reference`` records, one per citable key.

An entry ``[5] a) ...; b) ...`` is split into sub-entries ``5a``, ``5b``, ...; an entry without
``a)`` is one key (``103``). Each part yields authors, journal, year, volume and pages/article
number. The Wiley-style markup (``*Journal*``, ``**2018**``, ``*140*``) is used where present; plain
text falls back to looser patterns.
"""

from __future__ import annotations

import re

from corpus.citations import letters_to_int
from corpus.document import Reference
from corpus.normalize import normalize_text

_SUBENTRY = re.compile(r"(?:^|;\s{1,5})([a-z]{1,2})\)\s")
_ENTRY = re.compile(r"^\s{0,3}(?:[-*]\s{1,3})?\[(\d{1,5})\]\s{0,5}(.*)$", re.S)
# Under a "References" heading papers also number entries "1. ", "1) " and "(1) "
_LOOSE_ENTRY = re.compile(
    r"^\s{0,3}(?:[-*]\s{1,3})?(?:\[(\d{1,5})\]\s{0,5}|\((\d{1,5})\)\s{1,5}|(\d{1,5})[.)]\s{1,5})(\S.*)$",
    re.S,
)
_BOLD_YEAR = re.compile(r"\*\*\s{0,2}((?:1[5-9]|20)\d{2})[a-z]?\s{0,2}\*\*")
_PLAIN_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d{2})(?!\d)")
_ITALIC = re.compile(r"(?<!\*)\*([^*\n]{1,200})\*(?!\*)")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s;,]{1,200}")
_AUTHOR_SPLIT = re.compile(r",\s{1,3}|\s{1,3}and\s{1,3}")
_INITIAL_START = re.compile(r"^[A-Z][A-Za-z]{0,2}\.")
_MONONYM = re.compile(r"^[A-Z][a-z'’\-]{2,40}$")  # "Amardeep": an author known by one name
_MARKUP = re.compile(r"\*{1,3}")
# "Murugan, R.; Weppner, W." (ACS) and "Murugan R, Weppner W" (Vancouver): surname, then initials
_SURNAME_FIRST = re.compile(
    r"\s{0,3}(?:and\s|&\s)?([A-Z][A-Za-z'’\-]{1,40}(?:\s[A-Z][a-z'’\-]{1,40}){0,2}),?\s"
    r"((?:[A-Z]\.?-?\s?){1,4}?)(?=[;,.]|\set al|\sand\s|$)[;,]?(\set al\.?)?"
)
_SOURCE_WORD = re.compile(r"^(?:[A-Z][A-Za-z'’\-]{0,30}\.?|of|and|&|the|in|[A-Z])$")
_NAME = re.compile(
    r"^(?:[A-Z][a-z]?\.[\s\-]{0,2}(?:[a-z]\.\s?)?){1,5}[A-Z][^\s,]{0,40}(?:\s[^\s,]{1,40}){0,3}$"
)


def split_entry(number: int, body: str) -> list[tuple[str, str]]:
    """``(letter, text)`` parts of one numbered entry; ``letter`` is "" for an unsplit entry."""
    if not re.match(r"\s{0,3}a\)\s", body):
        return [("", body.strip())]
    parts: list[tuple[str, str]] = []
    matches = list(_SUBENTRY.finditer(body))
    expected = 1
    kept = []
    for m in matches:  # a stray "x) " inside a title must not break the a), b), c) sequence
        if letters_to_int(m.group(1)) == expected:
            kept.append(m)
            expected += 1
    for i, m in enumerate(kept):
        end = kept[i + 1].start() if i + 1 < len(kept) else len(body)
        parts.append((m.group(1), body[m.end() : end].strip().rstrip(";").strip()))
    return parts


def _names(items: list[str], strict: bool) -> list[str]:
    """The leading items that are author names. ``strict`` (no markup tells where the names end):
    a name has initials and a surname and does not end with a full stop ("J. Mater. Chem." does).
    Not strict (the italic journal ends the list), one capitalised word is a name too."""
    names: list[str] = []
    for item in items:
        if not item:
            continue
        if not _INITIAL_START.match(item) and (strict or not _MONONYM.match(item)):
            break  # past the names: "Degree Thesis", "Proceedings of ..."
        if strict and (not _NAME.match(item) or item.endswith(".") and not item.endswith("Jr.")):
            break
        names.append(normalize_text(item.rstrip(".")) + ("." if item.endswith("Jr.") else ""))
    return names


def _surname_first(head: str) -> tuple[list[str], int]:
    """Authors written surname first, as ``I. Surname``, and where the list ends in ``head``."""
    authors: list[str] = []
    pos = 0
    while len(authors) < 100:
        m = _SURNAME_FIRST.match(head, pos)
        if m is None:
            break
        initials = " ".join(c + "." for c in re.findall(r"[A-Z]", m.group(2)))
        authors.append(f"{initials} {m.group(1)}")
        pos = m.end()
        if m.group(3):  # "et al." closes the list
            break
    return authors, pos


def _source(rest: str) -> str | None:
    """The journal at the end of "Title. Journal" (plain text gives no markup to tell): the
    trailing ". "-separated chunks whose every word is capitalised or a joining word."""
    chunks = [c for c in re.split(r"(?<=\.)\s+", rest.strip(" ,;")) if c]
    kept: list[str] = []
    for chunk in reversed(chunks):
        if not all(_SOURCE_WORD.match(w) for w in chunk.rstrip(",").split()):
            break
        kept.insert(0, chunk)
    return normalize_text(" ".join(kept)).rstrip(" ,") or None


def parse_part(number: int, letter: str, raw: str) -> Reference:
    """One citable reference from its raw text."""
    year_m = _BOLD_YEAR.search(raw) or _PLAIN_YEAR.search(raw)
    year = int(year_m.group(1)) if year_m else None
    cut = year_m.start() if year_m else len(raw)
    journal_m = next(_ITALIC.finditer(raw, 0, cut), None)
    if journal_m:
        journal = normalize_text(journal_m.group(1)).strip(" ,") or None
        head = _MARKUP.sub("", raw[: journal_m.start()])
        authors = _names([a.strip(" ,;") for a in _AUTHOR_SPLIT.split(head)], strict=False)
    else:  # plain text: the names, then the journal up to the year
        items = [a.strip(" ,;") for a in _AUTHOR_SPLIT.split(_MARKUP.sub("", raw[:cut]))]
        items = [a for a in items if a]
        authors = _names(items, strict=True)
        rest = ", ".join(items[len(authors) :]).strip(" ,;")
        # with Wiley markup an unitalicised source is a thesis or proceedings, not a journal
        journal = normalize_text(rest) if rest and year_m and "*" not in raw else None
        if not authors and "*" not in raw:
            authors, end = _surname_first(raw[:cut])
            if authors:
                journal = _source(raw[end:cut]) if year_m else None
    volume = pages = None
    if year_m:
        rest_items = [p.strip(" .;") for p in _MARKUP.sub("", raw[year_m.end() :]).split(",")]
        rest_items = [p for p in rest_items if p]
        if len(rest_items) >= 2:
            volume, pages = rest_items[0], rest_items[1]
        elif len(rest_items) == 1:
            pages = rest_items[0]
    doi_m = _DOI.search(raw)
    return Reference(
        key=f"{number}{letter}",
        number=number,
        letter=letter,
        text=normalize_text(_MARKUP.sub("", raw)),
        authors=tuple(authors),
        journal=journal,
        year=year,
        volume=volume,
        pages=pages,
        doi=doi_m.group(0).rstrip(".") if doi_m else None,
    )


def entry_number(raw: str, loose: bool = False) -> tuple[int, str] | None:
    """``(number, body)`` of a list item ``[n] ...``; with ``loose`` (inside a section headed
    "References") also of ``n. ...``, ``n) ...`` and ``(n) ...``; None for anything else."""
    if not loose:
        m = _ENTRY.match(raw)
        return (int(m.group(1)), m.group(2)) if m else None
    m = _LOOSE_ENTRY.match(raw)
    if m is None:
        return None
    return int(m.group(1) or m.group(2) or m.group(3)), m.group(4)


def parse_entry(raw: str, loose: bool = False) -> list[Reference]:
    """All references of one list item (several when it has lettered sub-entries); empty when
    ``raw`` is not a numbered entry."""
    found = entry_number(raw, loose)
    if found is None:
        return []
    number, body = found
    return [parse_part(number, letter, text) for letter, text in split_entry(number, body)]


def is_entry(raw: str, loose: bool = False) -> bool:
    return entry_number(raw, loose) is not None
