"""Reader for Markdown-like papers as converted from PDF (the review's format): inline LaTeX,
Unicode sub/superscripts, numbered headings, figure captions between paragraphs, tab-separated
tables with HTML list fragments, a numbered reference list with lettered sub-entries.

The file is cut into blocks at blank lines; each block is classified (heading, caption, table,
front matter, reference, body paragraph); body paragraphs cut by a page or column break are joined
back; everything is handed to ``DocumentBuilder`` in reading order.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from corpus.base import Reader, clean_controls, declared_id, decode_text, document_id
from corpus.builder import (
    DocumentBuilder,
    RawTable,
    continues,
    is_dangling,
    join,
    starts_lowercase,
)
from corpus.document import Document
from corpus.normalize import Mapped, normalize_into, normalize_mapped
from corpus.references import entry_number, is_entry, parse_entry

log = logging.getLogger(__name__)

_BLANK_SPLIT = re.compile(r"\n[ \t\u00a0\u2000-\u200b\u3000]*(?:\n|$)")
_MD_HEADING = re.compile(r"^#{1,6}\s{1,5}")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,5})\.?\s{1,5}(\S.{0,200})$")
_REFERENCE_HEADINGS = ("references", "bibliography", "literature cited", "notes and references")
_NAMED = re.compile(
    r"^(Abstract|Acknowledge?ments?|Conflicts? of Interest|Keywords|Data Availability Statement|"
    r"Author Contributions|Supporting Information|Funding|Notes|"
    + "|".join(sorted(_REFERENCE_HEADINGS, key=len, reverse=True))
    + r")\s*:?$",
    re.I,
)
_CAPTION = re.compile(r"^(Figure|Fig\.|Scheme|Chart)\s{1,3}(\d{1,3}[A-Za-z]?)[.:|]\s")
_TABLE_CAPTION = re.compile(r"^Table\s{1,3}(\d{1,3}|[IVX]{1,6})[.:]\s{0,3}")
_FOOTNOTE_MARK = re.compile(r"\s{0,3}\^\{?([a-z*†‡])\)\}?")
_FOOTNOTE_BLOCK = re.compile(r"^\^\{?[a-z]\)?\}?\s")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}\. [A-Z]")  # prose, not a title or an author line
_EMPHASIS = re.compile(r"(?<![*\w])\*{1,2}([^*\s][^*\n]{0,200}?)\*{1,2}(?![*\w])")
_PIPE_RULE = re.compile(
    r"^\s{0,3}\|?\s{0,3}:?-{3,}:?\s{0,3}(?:\|\s{0,3}:?-{3,}:?\s{0,3}){0,50}\|?\s{0,3}$"
)
_PLAIN_CELL = re.compile(r"^[A-Za-z0-9 .,;:%()/+]{0,200}$")
_HTML_TAG = re.compile(r"<[^<>\n]{0,500}>")
_BULLET = re.compile(r"\s{0,3}•\s{0,3}")
_BOILERPLATE = re.compile(
    r"E-mail:|ORCID|^©|^DOI:|open access article|^(Received|Revised|Accepted|Published online)"
    r"\b|^(Correspondence|Corresponding author)",
    re.I | re.M,
)
_ADDRESS_WORDS = re.compile(
    r"Universit|Institut|Laborator|Department|School of|College|Academy|Faculty|Cent(?:er|re) for"
)
_YAML = re.compile(r"^---\n(.{0,5000}?)\n---\n", re.S)


_INTERRUPTIONS = ("caption", "tablecaption", "table", "footnotes", "front")  # may cut a paragraph


@dataclass
class Block:
    kind: str  # heading | para | caption | table | tablecaption | footnotes | front | ref | back
    raw: str
    start: int
    number: str = ""
    title: str = ""
    level: int = 1
    label: str = ""
    mapped: Mapped | None = None
    loose: bool = False  # a reference block under a "References" heading (``1. ...`` entries)


def split_blocks(text: str) -> list[tuple[int, str]]:
    """``(offset, raw)`` per blank-line-separated block, whitespace-only blocks dropped."""
    out = []
    start = 0
    for m in _BLANK_SPLIT.finditer(text):
        chunk = text[start : m.start()]
        if chunk.strip():
            out.append((start, chunk))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _is_address(raw: str) -> bool:
    lines = [ln for ln in raw.split("\n") if ln.strip()]
    if len(lines) < 2 or any(len(ln) > 100 for ln in lines):
        return False
    if any(ln.rstrip().endswith((".", "?", "!")) for ln in lines):
        return False
    return bool(_ADDRESS_WORDS.search(raw))


def classify(offset: int, raw: str, in_refs: bool, loose: bool = False) -> Block:
    """What one block is, from its text and whether a reference list has begun (``in_refs``)
    or a "References" heading came before it (``loose``: ``1. ...`` items are entries too)."""
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    start = offset + lead
    entry = is_entry(stripped, loose)
    if in_refs or entry:
        return Block("ref" if entry else "back", stripped, start, loose=loose)
    single = "\n" not in stripped
    if single and _MD_HEADING.match(stripped):
        cut = _MD_HEADING.match(stripped).end()
        heading = classify(start + cut, stripped[cut:], in_refs)
        if heading.kind == "heading":
            return heading
        return Block("heading", stripped[cut:], start + cut, "", stripped[cut:], 1)
    m = _NUMBERED.match(stripped)
    if single and m and not stripped.endswith(".") and len(stripped) < 200:
        number = m.group(1)
        return Block("heading", stripped, start, number, m.group(2), number.count(".") + 1)
    if single and _NAMED.match(stripped):
        return Block("heading", stripped, start, "", _NAMED.match(stripped).group(1), 1)
    m = _CAPTION.match(stripped)
    if m:
        label = ("Figure" if m.group(1).startswith("Fig") else m.group(1)) + " " + m.group(2)
        return Block("caption", stripped, start, label=label)
    m = _TABLE_CAPTION.match(stripped)
    if m:
        return Block("tablecaption", stripped, start, label=f"Table {m.group(1)}")
    lines = stripped.split("\n")
    if len(lines) >= 2 and sum("\t" in ln for ln in lines) * 2 >= len(lines):
        return Block("table", raw[lead:].rstrip("\n"), start)
    if (
        len(lines) >= 2
        and all(ln.lstrip().startswith("|") for ln in lines)
        and _PIPE_RULE.match(lines[1])
    ):
        return Block("table", raw[lead:].rstrip("\n"), start)
    if _FOOTNOTE_BLOCK.match(stripped):
        return Block("footnotes", stripped, start)
    if _BOILERPLATE.search(stripped) and len(stripped) < 600 or _is_address(stripped):
        return Block("front", stripped, start)
    return Block("para", stripped, start)


def _cell(raw: str, origin: int) -> tuple[Mapped, str]:
    """A normalised table cell (HTML list markup dropped, bullets as "; ") and its footnote mark."""
    if _PLAIN_CELL.match(raw):  # nothing to normalise: most cells of a big table
        lead = len(raw) - len(raw.lstrip(" "))
        return Mapped.of(raw.strip(" "), origin + lead), ""
    mapped = Mapped.of(raw, origin)
    mark = ""
    m = _FOOTNOTE_MARK.search(raw)
    if m and m.group(0).lstrip().startswith("^"):
        mark = m.group(1)
        mapped.sub(_FOOTNOTE_MARK, lambda _m: "")
    mapped.sub(_HTML_TAG, lambda _m: " ")
    mapped.sub(re.compile(r"^\s{0,5}•\s{0,3}"), lambda _m: "")
    mapped.sub(_BULLET, lambda _m: "; ")
    normalize_into(mapped)
    mapped.text = mapped.text.strip(" ;")  # rare: keep map consistent by trimming both
    mapped.pos = mapped.pos[: len(mapped.text)] + [mapped.pos[-1]]
    return mapped, mark


def _footnotes(raw: str) -> dict[str, str]:
    """``^{a)} Substitution site; ^{b)} ...`` -> {"a": "Substitution site", ...}."""
    marks = list(re.finditer(r"\^\{?([a-z])\)\}?", raw))
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(raw)
        out[m.group(1)] = normalize_mapped(raw[m.end() : end]).text.strip(" ;")
    return out


def _split_cells(line: str, origin: int) -> list[tuple[int, str]]:
    """``(offset, raw)`` per cell of a tab-separated or a Markdown pipe row."""
    sep = "\t"
    if "\t" not in line and line.lstrip().startswith("|"):
        sep = "|"
        lead = len(line) - len(line.lstrip())
        origin += lead + 1
        line = line.strip()[1:]
        if line.endswith("|"):
            line = line[:-1]
    out = []
    for raw in line.split(sep):
        out.append((origin, raw))
        origin += len(raw) + 1
    return out


def _table(caption: Block, block: Block, footnotes: Block | None) -> RawTable:
    lines = []
    pos = block.start
    for line in block.raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    header_cells, header_marks = [], []
    rows, spans = [], []
    lines = [(p, ln) for p, ln in lines if not _PIPE_RULE.match(ln)]
    for i, (lpos, line) in enumerate(lines):
        cells = []
        for cpos, raw in _split_cells(line, lpos):
            cell, mark = _cell(raw, cpos)
            cells.append(cell)
            if i == 0:
                header_marks.append(mark)
        if i == 0:
            header_cells = cells
        else:
            rows.append(cells)
            spans.append((lpos, lpos + len(line)))
    return RawTable(
        label=caption.label,
        caption=normalize_mapped(caption.raw, caption.start),
        header=header_cells,
        rows=rows,
        row_spans=spans,
        footnotes=_footnotes(footnotes.raw) if footnotes else {},
        column_notes=header_marks,
    )


def _entries(raw: str, loose: bool = False) -> list[str]:
    """The numbered entries of a reference block (one per line; other lines continue one). In a
    ``loose`` list a line opens an entry only with the next number, so that a wrapped line
    beginning "2012. 46, 7778" continues its entry."""
    entries: list[str] = []
    last = 0
    for line in raw.split("\n"):
        found = entry_number(line, loose)
        if not entries or found is not None and (not loose or found[0] == last + 1):
            entries.append(line)
            last = found[0] if found else last
        else:
            entries[-1] += " " + line.strip()
    return entries


def _reorder_orphans(blocks: list[Block]) -> list[Block]:
    """A section whose first paragraph stops mid-sentence while, just before its heading, a run of
    paragraphs begins lowercase after a finished one: the column layout put the section's start
    after its continuation. Move the run behind that first paragraph. One pass over the sections."""
    segments: list[list[Block]] = [[]]
    for b in blocks:
        if b.kind == "heading":
            segments.append([])
        segments[-1].append(b)
    for k in range(1, len(segments)):
        paras = [b for b in segments[k] if b.kind == "para"]
        if not paras or not is_dangling(paras[0].mapped):
            continue
        if len(paras) > 1 and starts_lowercase(paras[1].mapped):
            continue  # it has its continuation after it
        before = [b for b in segments[k - 1] if b.kind == "para"]
        run_start = next(
            (
                i
                for i in range(1, len(before))
                if starts_lowercase(before[i].mapped) and not is_dangling(before[i - 1].mapped)
            ),
            None,
        )
        if run_start is None:
            continue
        moved = before[run_start:]
        moved_ids = {id(b) for b in moved}
        segments[k - 1] = [b for b in segments[k - 1] if id(b) not in moved_ids]
        at = next(i for i, b in enumerate(segments[k]) if b is paras[0]) + 1
        segments[k][at:at] = moved
        log.debug(
            "moved %d paragraph(s) behind the first paragraph of %s", len(moved), segments[k][0].raw
        )
    return [b for seg in segments for b in seg]


class MarkdownReader(Reader):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown")
    front_matter = True  # guess title/authors/abstract from the first blocks
    # read "[12]" in body text as a citation marker always, or (False) only in a document that has
    # no "^[12]" markers: the review marks citations ^[12], and there "[100]" is a direction
    bare_brackets = False

    def read(self, data: bytes, name: str) -> Document:
        return self.read_text(decode_text(data, name), name)

    def read_text(self, text: str, name: str, title: str = "") -> Document:
        """Read already decoded text; ``title`` when the caller knows it (publisher metadata).
        Control characters are replaced first, one for one (``clean_controls``): nothing past
        this point, the graph writer included, ever sees a NUL or an escape sequence."""
        text, controls, first = clean_controls(text)
        title = clean_controls(title)[0]
        declared = None
        ym = _YAML.match(text)
        skip = 0
        if ym:
            declared = declared_id(ym.group(1))
            tm = re.search(r"^title\s*:\s*(.+)$", ym.group(1), re.M)
            title = tm.group(1).strip().strip("\"'") if tm else title
            skip = ym.end()
        builder = DocumentBuilder(document_id(name, declared), name, text)
        if controls:
            times = f"{controls} control characters" if controls > 1 else "a control character"
            builder.warn(first, f"{times} (NUL, ESC...) replaced, the first here")
        bare = self.bare_brackets or "^[" not in text
        blocks = self._blocks(text, skip, bare)
        builder.title = title
        if self.front_matter:
            self._front(blocks, builder)
        blocks = _reorder_orphans(blocks)
        self._emit(blocks, builder, bare)
        return builder.build()

    def _blocks(self, text: str, skip: int, bare: bool) -> list[Block]:
        blocks: list[Block] = []
        in_refs = loose = False
        for offset, raw in split_blocks(text[skip:]):
            block = classify(offset + skip, raw, in_refs, loose)
            in_refs = in_refs or block.kind == "ref"
            if block.kind == "heading":
                loose = block.title.strip().lower() in _REFERENCE_HEADINGS
            if block.kind == "para":
                block.mapped = self._normalize(block.raw, block.start, bare)
            blocks.append(block)
        return blocks

    @staticmethod
    def _normalize(raw: str, origin: int, bare: bool) -> Mapped:
        mapped = Mapped.of(raw, origin)
        if "*" in raw:  # Markdown emphasis: poly(*N*-methyl...) -> poly(N-methyl...)
            mapped.sub(_EMPHASIS, lambda m: m.group(1))
        return normalize_into(mapped, bare_brackets=bare)

    def _front(self, blocks: list[Block], builder: DocumentBuilder) -> None:
        """Title, author line and other short lines before the abstract are front matter."""
        for b in blocks:
            if b.kind != "para":
                if b.kind == "heading":
                    return
                continue
            text = b.mapped.text.rstrip()
            long_enough = (
                len(b.raw) >= 300
                or text.endswith((".", "?", "!"))
                or _SENTENCE_INSIDE.search(text) is not None
            )
            if long_enough:
                return
            if not builder.title:
                builder.title = b.mapped.text
            b.kind = "front"

    def _emit(self, blocks: list[Block], builder: DocumentBuilder, bare: bool) -> None:
        consumed: set[int] = set()
        first_body = True
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if i in consumed:
                i += 1
                continue
            if b.kind == "heading":
                first_body = False
                builder.add_heading(
                    b.number,
                    normalize_mapped(b.title, b.start + len(b.raw) - len(b.title)),
                    b.level,
                )
            elif b.kind == "para":
                if first_body and self.front_matter:
                    builder.add_implicit_section("Abstract")
                    first_body = False
                builder.add_paragraph(self._joined(blocks, i, consumed))
            elif b.kind == "caption":
                builder.add_paragraph(self._normalize(b.raw, b.start, bare), caption_label=b.label)
            elif b.kind == "tablecaption":
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                if nxt is not None and nxt.kind == "table":
                    notes = blocks[i + 2] if i + 2 < len(blocks) else None
                    has_notes = notes is not None and notes.kind == "footnotes"
                    builder.add_table(_table(b, nxt, notes if has_notes else None))
                    consumed.update({i + 1, i + 2} if has_notes else {i + 1})
                else:
                    builder.add_paragraph(
                        self._normalize(b.raw, b.start, bare), caption_label=b.label
                    )
            elif b.kind == "table":
                builder.warn(
                    b.start,
                    "tab-separated block without a 'Table N.' caption; "
                    "read as a table labelled 'Table ?'",
                )
                empty = Block("tablecaption", "Table ?.", b.start, label="Table ?")
                builder.add_table(_table(empty, b, None))
            elif b.kind == "ref":
                for entry in _entries(b.raw, b.loose):
                    builder.add_references(parse_entry(entry, b.loose))
            i += 1

    @staticmethod
    def _joined(blocks: list[Block], i: int, consumed: set[int]) -> Mapped:
        """Paragraph ``i`` with the paragraphs that continue it after a page/column break."""
        parts = [blocks[i].mapped]
        j = i + 1
        while is_dangling(parts[-1]):
            while j < len(blocks) and blocks[j].kind in _INTERRUPTIONS:
                j += 1
            if j >= len(blocks) or blocks[j].kind != "para" or j in consumed:
                break
            if not continues(parts[-1], blocks[j].mapped):
                break
            parts.append(blocks[j].mapped)
            consumed.add(j)
            j += 1
        return join(parts) if len(parts) > 1 else parts[0]
