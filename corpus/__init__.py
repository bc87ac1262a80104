"""Corpus: read documents (Markdown/LaTeX, HTML, XML, PDF, plain text) into ``Document``.

``read_document(path)`` picks a reader by content and name; ``normalize_text`` normalises one
string the way documents are normalised. Importing this package has no side effects.
"""

from __future__ import annotations

from corpus.base import Reader, ReaderError
from corpus.document import Document
from corpus.normalize import normalize_text
from corpus.reading import DEFAULT_READERS, document_paths, file_bytes, read_bytes, read_document

__all__ = [
    "DEFAULT_READERS",
    "Document",
    "document_paths",
    "Reader",
    "ReaderError",
    "file_bytes",
    "normalize_text",
    "read_bytes",
    "read_document",
]
