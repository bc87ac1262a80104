"""``read_document``: pick the reader that fits a file and return its ``Document``."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from corpus.base import Reader, ReaderError, check_size, looks_binary
from corpus.document import Document
from corpus.markdown import MarkdownReader
from corpus.plaintext import TextReader
from corpus.publisher import HtmlReader, PdfReader, XmlReader

log = logging.getLogger(__name__)

DEFAULT_READERS: tuple[Reader, ...] = (  # content sniffing first: %PDF, then by extension
    PdfReader(),
    MarkdownReader(),
    HtmlReader(),
    XmlReader(),
    TextReader(),
)


def read_bytes(data: bytes, name: str, readers: Sequence[Reader] = DEFAULT_READERS) -> Document:
    """Read a document from its bytes; ``name`` (a file name) gives the id and helps detection."""
    check_size(len(data), name)
    if not data.strip():
        raise ReaderError(f"{name}: the file is empty")
    for reader in readers:
        if reader.detect(data, name):
            if looks_binary(data) and not getattr(reader, "binary", False):
                raise ReaderError(
                    f"{name}: binary data (NUL or control bytes in the first 8 kB), "
                    f"not a {reader.name} document"
                )
            log.debug("reading %s with the %s reader", name, reader.name)
            return reader.read(data, name)
    if looks_binary(data):
        raise ReaderError(
            f"{name}: binary data that no reader recognises "
            f"(readers: {', '.join(r.name for r in readers)})"
        )
    raise ReaderError(
        f"{name}: no reader for this kind of file (readers: {', '.join(r.name for r in readers)})"
    )


def file_bytes(path: str | os.PathLike[str]) -> bytes:
    """A document file's bytes after the checks every input passes (it exists, is no folder, is
    not too large), so a document can be read somewhere else (``read_bytes``) with the same
    errors as ``read_document``."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReaderError(f"{p}: cannot read ({exc.strerror})") from None
    if p.is_dir():
        raise ReaderError(f"{p}: is a directory, not a document")
    check_size(size, str(p))
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{p}: cannot read ({exc.strerror})") from None


def read_document(
    path: str | os.PathLike[str], readers: Sequence[Reader] = DEFAULT_READERS
) -> Document:
    """Read one file into a ``Document``; ``ReaderError`` names the file and the problem."""
    return read_bytes(file_bytes(path), str(Path(path)), readers)


def document_paths(paths: list[str]) -> list[Path]:
    """Files named on the command line, folders expanded to their visible files in name order
    (``extract``'s files; here, not in the miner, so that listing them imports no spaCy)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            out.append(path)
    return out
