"""The Document model every reader produces and the miner consumes.

Plain frozen data: no spaCy, no database. Offsets (``start``/``end``) index ``Document.text``, the
normalised text; ``Document.original_offset`` maps one back to the file as read.

Normalised text conventions (what the miner can rely on):
- formulas are plain: ``Li6.5La3Zr1.5Ta0.5O12`` (no LaTeX, no Unicode subscripts, no ``_{}``);
- ions are ``Ga3+``, ``Zr4+``, ``O2-``, ``Li+``, ``F-``;
- powers of ten are ``1.24 × 10^-3`` and ``10^-4``; ranges use an en dash: ``1.2–1.75``;
- units are ``S cm^-1``, ``mS cm^-1``, ``Ω cm^2``, ``mA cm^-2``, ``°C``;
- citation markers (``^[12]``) are removed from the text and kept as ``Citation`` records whose
  ``offset`` is where they stood in the normalised text.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    number: str  # "3.2.2"; "" for unnumbered parts such as the abstract
    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """An in-text citation marker and the reference keys it expands to."""

    marker: str  # as written, e.g. "5a–e,g–i,s"
    offset: int  # where it stood in the normalised text
    original_start: int
    original_end: int
    keys: tuple[str, ...]  # expanded keys that resolve to a reference
    unresolved: tuple[str, ...] = ()  # expanded keys that match no reference


@dataclass(frozen=True)
class Unresolved:
    marker: str
    key: str
    offset: int
    reason: str


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position among the document's sentences
    text: str
    start: int
    end: int
    section: str  # Section.number of the enclosing section ("" if none)
    paragraph: int  # index into Document.paragraphs
    is_caption: bool = False
    citations: tuple[Citation, ...] = ()

    @property
    def refs(self) -> list[str]:
        """Resolved citation keys of this sentence, in order, without repeats."""
        return list(dict.fromkeys(k for c in self.citations for k in c.keys))


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    section: str
    is_caption: bool = False


@dataclass(frozen=True)
class Caption:
    label: str  # "Figure 3"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table as cells of normalised text. ``rows`` excludes the header; continuation rows are
    kept as they are (merging them is the miner's reading)."""

    label: str  # "Table 2"
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footnotes: dict[str, str] = field(default_factory=dict)  # "a" -> "Substitution site"
    start: int = 0
    end: int = 0
    row_offsets: tuple[tuple[int, int], ...] = ()  # per row (start, end) in the original file
    section: str = ""
    row_spans: tuple[tuple[int, int], ...] = ()  # per row (start, end) in Document.text
    row_refs: tuple[tuple[str, ...], ...] = ()  # per row: resolved keys of its "[14]"-style cells
    column_notes: tuple[str, ...] = ()  # per header cell: its footnote letter ("b") or ""


@dataclass(frozen=True)
class Reference:
    key: str  # "103", "5ac"
    number: int
    letter: str  # "" when the entry has no lettered sub-entries
    text: str
    authors: tuple[str, ...] = ()
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None  # first page, page range or article number
    doi: str | None = None

    @property
    def id(self) -> str:
        """A stable id that does not depend on the list position: derived from the content."""
        basis = "|".join(
            [
                ",".join(self.authors[:3]),
                self.journal or "",
                str(self.year or ""),
                self.volume or "",
                self.pages or "",
            ]
        )
        if not basis.strip("|,"):
            basis = self.text
        return "ref:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    text: str  # normalised text
    title: str = ""
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    captions: tuple[Caption, ...] = ()
    tables: tuple[Table, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    # offset map: sorted normalised offsets and the original offsets they correspond to
    offset_map: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def _offset_keys(self) -> list[int]:
        return [k for k, _ in self.offset_map]

    def original_offset(self, offset: int) -> int:
        """The offset in the file as read that corresponds to ``offset`` in ``text``."""
        if not self.offset_map:
            return offset
        i = bisect.bisect_right(self._offset_keys, offset) - 1
        if i < 0:
            return offset
        norm, orig = self.offset_map[i]
        return orig + (offset - norm)

    def reference(self, key: str) -> Reference | None:
        """The reference with this citation key ("5ac", "103"), if the list has one."""
        for ref in self.references:
            if ref.key == key:
                return ref
        return None
