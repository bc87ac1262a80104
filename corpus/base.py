"""Reader base class, the reader error, and the checks every input passes before parsing."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.document import Document
from llzo_kg.errors import LlzoKgError

MAX_BYTES = 50 * 1024 * 1024  # a paper is < 5 MB; anything past 50 MB is refused, not read


class ReaderError(LlzoKgError):
    """A document that cannot be read; the message names the file and the problem."""


class Reader:
    """A document format: a cheap ``detect`` on the first bytes and the name, and ``read``."""

    name = "base"
    extensions: tuple[str, ...] = ()

    def detect(self, data: bytes, name: str) -> bool:
        return name.lower().endswith(self.extensions)

    def read(self, data: bytes, name: str) -> Document:
        raise NotImplementedError


def document_id(name: str, declared: str | None = None) -> str:
    """The file name without its extension, unless the document declares its own id."""
    if declared and declared.strip():
        return declared.strip()
    return Path(name).stem


def looks_binary(data: bytes) -> bool:
    """NUL bytes (or many control bytes) in the first 8 kB: not a text document."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and controls / len(head) > 0.05


# Characters no document means as text: C0 controls but tab, line feed and carriage return, DEL,
# C1 controls, the noncharacters U+FFFE/U+FFFF, and the two private-use characters the
# normaliser uses as markers internally (corpus/normalize.py). Each becomes ONE character (a form
# feed or vertical tab a line break, anything else a space, a sentinel U+FFFD), so every offset
# stays where it was. A NUL that reached the graph used to break the Cypher text of the whole
# document (the FalkorDB client pastes parameters into the query).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ue000\ue001]")
_CONTROL_TABLE = {
    **{c: " " for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    0x0B: "\n",
    0x0C: "\n",
    0xFFFE: "\ufffd",
    0xFFFF: "\ufffd",
    0xE000: "\ufffd",
    0xE001: "\ufffd",
}


def clean_controls(text: str) -> tuple[str, int, int]:
    """``text`` with control characters replaced one for one (see ``_CONTROL_CHARS``), how many
    there were and the offset of the first (-1 when none)."""
    first = _CONTROL_CHARS.search(text)
    if first is None:
        return text, 0, -1
    count = len(_CONTROL_CHARS.findall(text))
    return text.translate(_CONTROL_TABLE), count, first.start()


def decode_text(data: bytes, name: str) -> str:
    """Strict UTF-8 (a BOM is dropped): a wrong encoding is an error naming the byte offset, not
    mojibake that would silently break formulas."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReaderError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}, "
            f"line {line}); convert it to UTF-8 first"
        ) from None


def check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ReaderError(
            f"{name}: {size / 1024 / 1024:.0f} MB is larger than the {MAX_BYTES // 1024 // 1024} MB"
            " limit for one document; split it or check that it is really a paper"
        )


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


_DECLARED_ID = re.compile(r"^(?:doc[_-]?id|id)\s*:\s*(\S{1,200})\s*$", re.I | re.M)


def declared_id(front: str) -> str | None:
    """An ``id: ...`` / ``doc_id: ...`` line in front matter, if any."""
    m = _DECLARED_ID.search(front)
    return m.group(1) if m else None
