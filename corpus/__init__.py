"""Corpus: read documents (Markdown/LaTeX, HTML, XML, PDF, plain text) into ``Document``.

``read_document(path)`` picks a reader by content and name; ``normalize_text`` normalises one
string the way documents are normalised. Importing this package has no side effects and imports
none of its readers: each name is imported from its module when it is first used, so that a
command that only lists files or reads a ``Document`` does not pay for the readers' tables
(the normaliser's element table alone imports pymatgen and numpy, ~0.3 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.base import Reader, ReaderError
    from corpus.document import Document
    from corpus.normalize import normalize_text
    from corpus.reading import (
        DEFAULT_READERS,
        document_paths,
        file_bytes,
        read_bytes,
        read_document,
    )

_MODULE_OF = {
    "Reader": "corpus.base",
    "ReaderError": "corpus.base",
    "Document": "corpus.document",
    "normalize_text": "corpus.normalize",
    "DEFAULT_READERS": "corpus.reading",
    "document_paths": "corpus.reading",
    "file_bytes": "corpus.reading",
    "read_bytes": "corpus.reading",
    "read_document": "corpus.reading",
}

__all__ = [
    "DEFAULT_READERS",
    "Document",
    "Reader",
    "ReaderError",
    "document_paths",
    "file_bytes",
    "normalize_text",
    "read_bytes",
    "read_document",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value
