"""Publisher HTML, XML (JATS/NLM, Elsevier, RSC, ACS, Springer) and PDF through
``chemdataextractor-lite``, which ships its readers and sentence model offline (full
ChemDataExtractor 2 downloads models at import: docs/decisions/0101).

Before ChemDataExtractor sees markup, citation anchors become ``^[12]`` markers and
``<sup>``/``<sub>`` become ``^{..}``/``_{..}``, so charges, exponents and markers survive as text.
Its elements are then rendered as blank-line-separated blocks (headings, paragraphs,
``Figure N.`` captions, tab-separated tables, ``[n]`` reference lines) that the Markdown reader
reads like any other paper; ``original_offset`` therefore points into that rendering.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from corpus.base import Reader, ReaderError
from corpus.document import Document
from corpus.markdown import MarkdownReader

log = logging.getLogger(__name__)

_CITATION_TEXT = re.compile(
    r"^[\[(]?\s{0,2}\d{1,4}[a-z]{0,2}(?:\s{0,2}[,–\-]\s{0,2}\d{0,4}[a-z]{0,2})"
    r"{0,40}\s{0,2}[\])]?$"
)
_BRACKETED_MARKERS = re.compile(r"\[\s{0,3}((?:\^\[[^\]\[]{1,100}\][\s,–\-]{0,5}){1,40})\]")
_ANCHOR_HREF = re.compile(r"^#(?:c|cit|bib|ref|r|b|CR|B|en)\w{0,20}\d", re.I)
_LEADING_NUMBER = re.compile(r"^\s{0,3}\[?(\d{1,4})[\].)]?\s{1,3}")
_FIGURE_LABEL = re.compile(r"^(?:Fig\.?|Figure)\s{0,3}(\d{1,3}[A-Za-z]?)", re.I)
_TABLE_LABEL = re.compile(r"^Table\s{0,3}(\d{1,3}|[IVX]{1,6})", re.I)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _flatten(el: Any, text: str) -> None:
    """Replace ``el`` (and its content) by plain ``text`` in its parent, keeping its tail: every
    publisher reader then sees ordinary running text, whatever it counts as inline."""
    parent = el.getparent()
    if parent is None:
        return
    new = text + (el.tail or "")
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + new
    else:
        parent.text = (parent.text or "") + new
    parent.remove(el)


def _is_citation_anchor(el: Any) -> bool:
    name = _local(el.tag)
    if name == "xref":
        return el.get("ref-type") == "bibr"
    if name in ("cross-ref", "cross-refs"):
        return "bib" in (el.get("refid") or "")
    if name == "a":
        href = el.get("href") or ""
        cls = el.get("class") or ""
        return bool(_ANCHOR_HREF.match(href)) or "ref" in cls.split("-")[0].lower()
    return False


MAX_DEPTH = 200  # ChemDataExtractor parses again with libxml2's default limit of 256 levels
_BLOCKS = frozenset(
    "p div section sec article li ul ol tr td th table h1 h2 h3 h4 h5 h6 para title caption "
    "blockquote br".split()
)


def _refuse_truncated(parser: Any) -> None:
    """libxml2 stops at 2048 levels even with huge_tree; what it parsed would be read as the
    whole document, so say so instead."""
    for entry in parser.error_log:
        if "Excessive depth" in entry.message:
            raise ValueError(
                f"markup nested deeper than {entry.message.split(':')[-1].split(',')[0].strip()}"
                f" levels (line {entry.line}): the rest of the document cannot be parsed"
            )


def _flatten_deep(root: Any, limit: int) -> None:
    """Every element at depth ``limit`` that has children keeps only its text (block elements
    below it become line breaks): nothing is lost, only the structure below that depth, and
    ChemDataExtractor's own parse (256 levels) and recursion then cope."""
    from lxml import etree

    depth = 0
    deep: list[Any] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth == limit and len(el):
            deep.append(el)
    for el in deep:
        parts: list[str] = [el.text or ""]
        for event, child in etree.iterwalk(el, events=("start", "end")):
            if child is el:
                continue
            if event == "start":
                if _local(child.tag) in _BLOCKS:
                    parts.append("\n")
                parts.append(child.text or "")
            else:
                if _local(child.tag) in _BLOCKS:
                    parts.append("\n")
                parts.append(child.tail or "")
        for child in list(el):
            el.remove(child)
        el.text = "".join(parts)


def _drop_entities(root: Any) -> None:
    """Unexpanded entity references ("&x;" of an external entity, never read) taken out, the
    text after each kept: the readers after this one skip such a node with its tail (lxml 6),
    and the rest of its paragraph with it."""
    from lxml import etree

    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        before = entity.getprevious()
        tail = entity.tail or ""
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(entity)


def prepare_markup(data: bytes, html: bool) -> tuple[bytes, list[str]]:
    """Citation anchors -> ``^[..]``; sup/sub -> ``^{..}``/``_{..}`` (see the module docstring).
    Also returns Elsevier ``ce:bib-reference`` entries as ``[n] text`` lines: the lite Elsevier
    reader ignores the bibliography, and without it no marker would resolve."""
    from lxml import etree

    # huge_tree lifts libxml2's 256-level depth limit (to 2048), past which it stops parsing and
    # silently drops the rest of the document; entities stay unexpanded either way
    if html:
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(huge_tree=True)
        root = lxml_html.document_fromstring(data, parser=parser)
    else:
        parser = etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, huge_tree=True
        )
        root = etree.fromstring(data, parser=parser)
        if root is None:
            raise ValueError("no XML root element")
        _drop_entities(root)
    _refuse_truncated(parser)
    _flatten_deep(root, MAX_DEPTH)
    for el in list(root.iter()):
        if _is_citation_anchor(el):
            text = "".join(el.itertext()).strip()
            if _CITATION_TEXT.match(text):
                _flatten(el, "^[" + text.strip("[]() ") + "]")
    for el in list(root.iter()):
        name = _local(el.tag)
        if name not in ("sup", "sub", "inf"):
            continue
        text = "".join(el.itertext()).strip()
        if not text:
            continue
        if name == "sup" and re.fullmatch(r"(?:\^\[[^\]]{1,100}\][\s,–\-]{0,5}){1,40}", text):
            keys = ",".join(m.group(1) for m in re.finditer(r"\^\[([^\]]{1,100})\]", text))
            _flatten(el, "^[" + keys + "]")
        elif name == "sup":
            _flatten(el, "^{" + text + "}")
        else:
            _flatten(el, "_{" + text + "}")
    if html:
        return etree.tostring(root, method="html", encoding="utf-8"), []
    references = []
    for el in root.iter():
        if _local(el.tag) == "bib-reference":
            label = next((c for c in el if _local(c.tag) == "label"), None)
            number = re.sub(r"\D", "", "".join(label.itertext())) if label is not None else ""
            words = [t.strip() for c in el if c is not label for t in c.itertext() if t.strip()]
            if number:
                references.append(f"[{number}] " + " ".join(words))
    # the whole tree, so the DOCTYPE that tells JATS/NLM readers apart stays
    return etree.tostring(root.getroottree(), method="xml", encoding="utf-8"), references


def _clean(text: str) -> str:
    return _BRACKETED_MARKERS.sub(
        lambda m: "^[" + ",".join(k for k in re.findall(r"\^\[([^\]]{1,100})\]", m.group(1))) + "]",
        text,
    )


def _one_line(text: str) -> str:
    return re.sub(r"\s{1,50}", " ", text).strip()


def _labelled(kind: str, pattern: re.Pattern[str], el: Any, count: int) -> str:
    """``Figure 3. caption`` whatever the publisher wrote (``Fig. 3``, a separate label, none)."""
    caption = _one_line(_clean(el.caption.text))
    m = pattern.match(caption)
    if m:
        caption = caption[m.end() :].lstrip(" .:|")
    number = m.group(1) if m else None
    if number is None:
        label = pattern.match(_one_line(el.label or ""))
        number = label.group(1) if label else str(count)
    return f"{kind} {number}. {caption}"


def render_blocks(
    cde_document: Any, pdf: bool, extra_references: list[str] | None = None
) -> tuple[str, str]:
    """ChemDataExtractor elements as block text for the Markdown reader, and the title."""
    from chemdataextractor.doc.figure import Figure
    from chemdataextractor.doc.meta import MetaData
    from chemdataextractor.doc.table import Table
    from chemdataextractor.doc.text import Citation, Footnote, Heading, Paragraph, Title

    blocks: list[str] = []
    references: list[str] = []
    title = ""
    figures = tables = 0
    for el in cde_document.elements:
        if isinstance(el, Title):
            title = title or _one_line(el.text)
        elif isinstance(el, MetaData):
            title = title or _one_line(el.title or "")
        elif isinstance(el, Heading):
            text = _one_line(el.text)
            blocks.append(
                text if re.match(r"^\d{1,2}(?:\.\d{1,2}){0,5}\.?\s", text) else "# " + text
            )
        elif isinstance(el, Figure):
            figures += 1
            caption = _labelled("Figure", _FIGURE_LABEL, el, figures)
            blocks.append(caption)
        elif isinstance(el, Table):
            tables += 1
            caption = _labelled("Table", _TABLE_LABEL, el, tables)
            rows = ["\t".join(_one_line(c.text) for c in row) for row in el.table_data]
            blocks.append(caption)
            if rows:
                blocks.append("\n".join(rows if len(rows) > 1 else [*rows, ""]))
            notes = [_one_line(f.text) for f in el.footnotes]
            if notes:
                blocks.append(
                    " ".join(
                        n if re.match(r"^[a-z]\)", n) is None else "^{" + n[0] + ")}" + n[2:]
                        for n in notes
                    )
                )
        elif isinstance(el, Citation):
            references.append(_one_line(el.text))
        elif isinstance(el, Footnote):
            continue
        elif isinstance(el, Paragraph):
            text = _clean(el.text).strip() if pdf else _one_line(_clean(el.text))
            if text:
                blocks.append(text)
    for i, ref in enumerate(references, 1):
        m = _LEADING_NUMBER.match(ref)
        blocks.append(f"[{m.group(1)}] {ref[m.end() :]}" if m else f"[{i}] {ref}")
    if not references:
        blocks.extend(extra_references or [])
    return "\n\n".join(blocks) + "\n", title


class PublisherReader(Reader):
    """Base of the ChemDataExtractor-backed readers; subclasses name the CDE readers to try."""

    markup = True
    html = False
    pdf = False
    binary = False

    def cde_readers(self) -> list[Any]:
        raise NotImplementedError

    def read(self, data: bytes, name: str) -> Document:
        from chemdataextractor.doc.document import Document as CdeDocument

        try:
            prepared, references = prepare_markup(data, self.html) if self.markup else (data, [])
            # its readers detect by extension: a sniffed file ("download") gets ours
            fname = name if name.lower().endswith(self.extensions) else name + self.extensions[0]
            cde = CdeDocument.from_string(prepared, fname=fname, readers=self.cde_readers())
        except Exception as exc:  # lxml, pdfminer and CDE raise many kinds; all mean "unreadable"
            raise ReaderError(f"{name}: cannot read as {self.name}: {exc}") from None
        text, title = render_blocks(cde, self.pdf, references)
        if not text.strip():
            raise ReaderError(f"{name}: the {self.name} reader found no text in it")
        reader = _BlockReader()
        return reader.read_text(text, name, title=title)


class _BlockReader(MarkdownReader):
    """The Markdown reader on rendered blocks: no front-matter guessing, bare ``[12]`` markers."""

    front_matter = False
    bare_brackets = True


class HtmlReader(PublisherReader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    html = True

    def detect(self, data: bytes, name: str) -> bool:
        head = data[:512].lstrip().lower()
        return super().detect(data, name) or head.startswith((b"<!doctype html", b"<html"))

    def cde_readers(self) -> list[Any]:
        from chemdataextractor import reader as r

        return [
            r.AcsHtmlReader(),
            r.RscHtmlReader(),
            r.CsspHtmlReader(),
            r.SpringerHtmlReader(),
            r.SpringerMaterialsHtmlReader(),
            r.HtmlReader(),
        ]


class XmlReader(PublisherReader):
    name = "xml"
    extensions = (".xml", ".nxml")

    def detect(self, data: bytes, name: str) -> bool:
        return super().detect(data, name) or data[:512].lstrip().startswith(b"<?xml")

    def cde_readers(self) -> list[Any]:
        from chemdataextractor import reader as r

        return [
            r.NlmXmlReader(),
            r.ElsevierXmlReader(),
            r.SpringerJatsReader(),
            r.UsptoXmlReader(),
            r.XmlReader(),
        ]


class PdfReader(PublisherReader):
    name = "pdf"
    extensions = (".pdf",)
    markup = False
    pdf = True
    binary = True

    def detect(self, data: bytes, name: str) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF") or super().detect(data, name)

    def read(self, data: bytes, name: str) -> Document:
        if not data[:1024].lstrip().startswith(b"%PDF"):
            raise ReaderError(f"{name}: does not start with %PDF, so it is not a PDF file")
        return super().read(data, name)

    def cde_readers(self) -> list[Any]:
        from chemdataextractor import reader as r

        return [r.PdfReader()]
