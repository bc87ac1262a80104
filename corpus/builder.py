"""Assemble a ``Document`` from normalised pieces: readers decide what is a heading, a paragraph,
a caption or a table; the builder lays them out in ``Document.text``, keeps the offset map back to
the file, segments sentences and resolves citation markers against the reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.base import line_col
from corpus.citations import KeyIndex, expand_marker
from corpus.document import (
    Caption,
    Citation,
    Document,
    Paragraph,
    Reference,
    Section,
    Sentence,
    Table,
    Unresolved,
)
from corpus.normalize import MARKER_SENTINEL, Mapped, normalize_mapped, pop_markers
from corpus.segment import sentence_spans

MAX_WARNINGS = 50  # per document; a hostile file must not produce a warning per character

_TERMINAL = re.compile(r"[.!?:][\"”’')\]]{0,3}$")
_FUNCTION_WORD_END = re.compile(
    r"\b(?:and|or|of|the|a|an|in|on|at|to|with|by|for|from|as|that|which|than|is|are|was|were)$"
)
_COPYRIGHT = re.compile(r"\s{0,3}Copyrights?\s{1,3}((?:19|20)\d\d)\b")
_TABLE_REF = re.compile(r"^\[([0-9a-z,–\-\s]{1,200})\]$")


def normalize_piece(raw: str, origin: int) -> Mapped:
    return normalize_mapped(raw, origin)


def _content_end(m: Mapped) -> str:
    return m.text.rstrip(" " + MARKER_SENTINEL)


def is_dangling(m: Mapped) -> bool:
    """A paragraph that stops mid-sentence (a page or column break cut it)."""
    end = _content_end(m)
    return bool(end) and not _TERMINAL.search(end)


def starts_lowercase(m: Mapped) -> bool:
    t = m.text.lstrip(" " + MARKER_SENTINEL)
    return bool(t) and t[0].islower()


def continues(a: Mapped, b: Mapped) -> bool:
    """Whether ``b`` carries on the sentence ``a`` left unfinished: ``b`` starts lowercase, or
    ``a`` stops on a comma, bracket or dash, or ``a`` is prose (long, or several sentences) that
    stops mid-word-run. A title line ("Doped garnets") followed by a paragraph is not joined."""
    if starts_lowercase(b):
        return True
    end = _content_end(a)
    if not end:
        return False
    if end[-1] in ",;(–-" or _FUNCTION_WORD_END.search(end):
        return True
    prose = len(end) > 200 or ". " in end
    return prose and (end[-1].isalnum() or end[-1] in ")]")


def join(parts: list[Mapped]) -> Mapped:
    """One paragraph from pieces cut apart by page breaks. A word split at a break (``oc-`` /
    ``cupy``) is joined; a hyphen after a capital (``Li-`` / ``ion``) is kept; otherwise one space.
    Built once from all the pieces, so a long chain costs linear time."""
    texts: list[str] = []
    pos: list[int] = []
    for k, part in enumerate(parts):
        text = part.text.rstrip(" ") if k + 1 < len(parts) else part.text
        keep = len(text)
        sep = ""
        if k + 1 < len(parts):
            nxt = parts[k + 1]
            sep = " "
            if text.endswith("-") and starts_lowercase(nxt):
                sep = ""
                word = re.search(r"([A-Za-z]{1,40})-$", text[-42:])
                if word and word.group(1).islower():
                    keep -= 1  # drop the hyphen
        texts.append(text[:keep] + sep)
        pos.extend(part.pos[:keep])
        if sep:
            nxt_pos = parts[k + 1].pos
            pos.append(nxt_pos[0] if nxt_pos else part.pos[-1])
    pos.append(parts[-1].pos[-1])
    return Mapped(
        text="".join(texts),
        pos=pos,
        markers=[m for part in parts for m in part.markers],
        warnings=[w for part in parts for w in part.warnings],
    )


@dataclass
class RawTable:
    """A table as a reader found it: normalised cells and where each row is in the file."""

    label: str
    caption: Mapped  # the caption line as written, label included ("Table 2. Substitution ...")
    header: list[Mapped]
    rows: list[list[Mapped]]
    row_spans: list[tuple[int, int]]  # original (start, end) per row
    footnotes: dict[str, str] = field(default_factory=dict)
    column_notes: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class _PendingMarker:
    raw: str
    offset: int
    orig_start: int
    orig_end: int


class DocumentBuilder:
    """Collects a document's parts in reading order; ``build()`` returns the frozen Document."""

    def __init__(self, doc_id: str, path: str, source: str = "") -> None:
        self.doc_id = doc_id
        self.path = path
        self.source = source  # the decoded file, for line numbers in warnings
        self.title = ""
        self._chars: list[str] = []
        self._pos: list[int] = []
        self._length = 0
        self._sections: list[tuple[str, str, int, int]] = []  # number, title, level, start
        self._paragraphs: list[tuple[int, int, str, bool]] = []
        self._captions: list[Caption] = []
        self._tables: list[tuple[RawTable, int, int, list[tuple[int, int]], str, str]] = []
        self._markers: list[_PendingMarker] = []
        self._references: list[Reference] = []
        self._warnings: list[str] = []
        self._dropped = 0

    # --- layout -------------------------------------------------------------------------------

    @property
    def section(self) -> str:
        return self._sections[-1][0] if self._sections else ""

    def warn(self, offset: int | None, message: str) -> None:
        if len(self._warnings) >= MAX_WARNINGS:
            self._dropped += 1
            return
        where = ""
        if offset is not None and self.source:
            line, col = line_col(self.source, offset)
            where = f"line {line}, column {col}: "
        self._warnings.append(f"{self.path}: {where}{message}")

    def _emit(self, text: str, pos: list[int]) -> tuple[int, int]:
        if self._length:
            sep = "\n\n"
            last = self._pos[-1] if self._pos else 0
            self._chars.append(sep)
            self._pos.extend([last + 1] * len(sep))
            self._length += len(sep)
        start = self._length
        self._chars.append(text)
        self._pos.extend(pos[: len(text)])
        self._length += len(text)
        return start, self._length

    def _take(self, m: Mapped) -> list[tuple[str, int, int, int]]:
        for offset, message in m.warnings:
            self.warn(offset, message)
        m.warnings = []
        return pop_markers(m)

    def add_implicit_section(self, title: str) -> None:
        """A section the file does not head (the abstract): no text is emitted for it."""
        self._sections.append(("", title, 1, self._length + (2 if self._length else 0)))

    def add_heading(self, number: str, title: Mapped, level: int) -> None:
        self._take(title)
        label = f"{number} {title.text}" if number else title.text
        pos = [title.pos[0]] * (len(label) - len(title.text)) + title.pos
        start, _ = self._emit(label, pos)
        self._sections.append((number, title.text, level, start))

    def add_paragraph(self, m: Mapped, caption_label: str = "") -> None:
        """A body paragraph, or a figure caption when ``caption_label`` is given."""
        markers = self._take(m)
        if not m.text.strip():
            return
        start, end = self._emit(m.text, m.pos)
        for raw, offset, s, e in markers:
            self._markers.append(_PendingMarker(raw, start + offset, s, e))
        self._paragraphs.append((start, end, self.section, bool(caption_label)))
        if caption_label:
            self._captions.append(Caption(caption_label, m.text, start, end))

    def add_table(self, table: RawTable) -> None:
        """The caption, header and rows laid out one per line, cells separated by tabs."""
        chars: list[str] = []
        pos: list[int] = []
        spans: list[tuple[int, int]] = []

        def put(piece: Mapped, sep: str) -> None:
            self._take(piece)
            if chars:
                chars.append(sep)
                pos.extend([piece.pos[0] if piece.pos else 0] * len(sep))
            chars.append(piece.text)
            pos.extend(piece.pos[: len(piece.text)])

        caption_text = re.sub(r"^Table\s{1,3}\S{1,6}[.:]\s{0,3}", "", table.caption.text)
        put(table.caption, "")
        for cells in [table.header, *table.rows]:
            row_start = len(pos) + 1
            for i, cell in enumerate(cells):
                put(cell, "\n" if i == 0 else "\t")
            spans.append((row_start, len(pos)))
        start, end = self._emit("".join(chars), pos)
        spans = [(start + a, start + b) for a, b in spans[1:]]
        self._tables.append((table, start, end, spans, self.section, caption_text))

    def add_references(self, references: list[Reference]) -> None:
        self._references.extend(references)

    # --- build --------------------------------------------------------------------------------

    def _offset_map(self) -> tuple[tuple[int, int], ...]:
        anchors: list[tuple[int, int]] = []
        prev = None
        for i, p in enumerate(self._pos):
            if prev is None or p != prev + 1:
                anchors.append((i, p))
            prev = p
        return tuple(anchors)

    def _resolve(
        self, index: KeyIndex, raw: str, offset: int
    ) -> tuple[list[str], list[Unresolved]]:
        expanded = expand_marker(raw)
        keys: list[str] = []
        unresolved = [Unresolved(raw, item, offset, reason) for item, reason in expanded.problems]
        for key in expanded.keys:
            found, reason = index.resolve(key)
            keys.extend(found)
            if reason:
                unresolved.append(Unresolved(raw, key, offset, reason))
        return keys, unresolved

    def build(self) -> Document:
        text = "".join(self._chars)
        index = KeyIndex(self._references)
        citations: list[Citation] = []
        unresolved: list[Unresolved] = []
        for pm in self._markers:
            keys, bad = self._resolve(index, pm.raw, pm.offset)
            unresolved.extend(bad)
            citations.append(
                Citation(
                    pm.raw,
                    pm.offset,
                    pm.orig_start,
                    pm.orig_end,
                    tuple(keys),
                    tuple(u.key for u in bad),
                )
            )
        self._check_copyright_years(text, citations)
        sections = self._build_sections()
        paragraphs, sentences = self._build_sentences(text, citations)
        tables = [
            self._build_table(t, s, e, spans, sec, cap, index, unresolved)
            for t, s, e, spans, sec, cap in self._tables
        ]
        return Document(
            id=self.doc_id,
            path=self.path,
            text=text,
            title=self.title,
            sections=tuple(sections),
            paragraphs=tuple(paragraphs),
            sentences=tuple(sentences),
            captions=tuple(self._captions),
            tables=tuple(tables),
            references=tuple(self._references),
            citations=tuple(citations),
            unresolved=tuple(unresolved),
            offset_map=self._offset_map(),
            warnings=tuple(self._warnings)
            + ((f"{self.path}: {self._dropped} more warnings not shown",) if self._dropped else ()),
        )

    def _check_copyright_years(self, text: str, citations: list[Citation]) -> None:
        """ "Reproduced with permission.^[158] Copyright 2011": when no cited reference is within a
        year of the copyright year, the marker is probably a typo; it still resolves, so say so."""
        years = {r.key: r.year for r in self._references}
        for c in citations:
            m = _COPYRIGHT.match(text, c.offset)
            if m is None or not c.keys:
                continue
            year = int(m.group(1))
            cited = [years.get(k) for k in c.keys]
            if all(y is None or abs(y - year) > 1 for y in cited):
                found = ", ".join(f"[{k}] {y}" for k, y in zip(c.keys, cited, strict=True))
                self.warn(
                    c.original_start,
                    f"marker ^[{c.marker}] before 'Copyright {year}' "
                    f"cites {found}: the marker may be a typo",
                )

    def _build_sections(self) -> list[Section]:
        """A section ends where the next heading of the same or a higher level starts."""
        ends = [self._length] * len(self._sections)
        open_: list[int] = []  # indices of sections not closed yet, levels increasing
        for i, (_, _, level, start) in enumerate(self._sections):
            while open_ and self._sections[open_[-1]][2] >= level:
                ends[open_.pop()] = max(start - 2, 0)
            open_.append(i)
        return [
            Section(number, title, level, start, max(start, ends[i]))
            for i, (number, title, level, start) in enumerate(self._sections)
        ]

    def _build_sentences(
        self, text: str, citations: list[Citation]
    ) -> tuple[list[Paragraph], list[Sentence]]:
        paragraphs: list[Paragraph] = []
        sentences: list[Sentence] = []
        ci = 0
        for p_index, (start, end, section, is_caption) in enumerate(self._paragraphs):
            paragraphs.append(Paragraph(p_index, start, end, section, is_caption))
            for s, e in sentence_spans(text, start, end):
                while ci < len(citations) and citations[ci].offset < s:
                    ci += 1  # a marker before the first sentence start (rare): attach nowhere
                mine = []
                while ci < len(citations) and citations[ci].offset <= e:
                    mine.append(citations[ci])
                    ci += 1
                sentences.append(
                    Sentence(
                        len(sentences), text[s:e], s, e, section, p_index, is_caption, tuple(mine)
                    )
                )
        return paragraphs, sentences

    def _build_table(
        self,
        t: RawTable,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
        section: str,
        caption: str,
        index: KeyIndex,
        unresolved: list[Unresolved],
    ) -> Table:
        width = len(t.header)
        rows = []
        refs = []
        for r, cells in enumerate(t.rows):
            values = [c.text for c in cells]
            while len(values) > width and not values[-1]:
                values.pop()
            if len(values) > width:
                self.warn(
                    t.row_spans[r][0],
                    f"{t.label} row {r + 1} has {len(values)} cells, the header has {width}",
                )
            values += [""] * (width - len(values))
            rows.append(tuple(values))
            row_keys: list[str] = []
            for i, v in enumerate(values):
                m = _TABLE_REF.match(v)
                if m:
                    keys, bad = self._resolve(
                        index, m.group(1), spans[r][0] + sum(len(x) + 1 for x in values[:i])
                    )
                    row_keys.extend(keys)
                    unresolved.extend(bad)
            refs.append(tuple(dict.fromkeys(row_keys)))
        return Table(
            label=t.label,
            caption=caption,
            header=tuple(c.text for c in t.header),
            rows=tuple(rows),
            footnotes=dict(t.footnotes),
            start=start,
            end=end,
            row_offsets=tuple(t.row_spans),
            section=section,
            row_spans=tuple(spans),
            row_refs=tuple(refs),
            column_notes=tuple(t.column_notes),
        )
