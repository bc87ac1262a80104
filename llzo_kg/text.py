"""Names and messages made safe to print in a log: a file name may hold a newline (which would
forge a second log line under cron), an escape sequence (which would recolour or erase a
terminal) or a bidirectional override (which would make a line read other than it is)."""

from __future__ import annotations

import copy
import logging
import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidirectional controls
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _SHORT.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``); ``keep_newlines`` for messages that are meant to span lines."""
    if keep_newlines:
        return "\n".join(_UNPRINTABLE.sub(_escape, line) for line in text.split("\n"))
    return _UNPRINTABLE.sub(_escape, text)


def quote_name(name: str) -> str:
    """A file name or id as it is, or quoted with its control characters escaped when it has
    any: ``'evil\\nname.txt'``."""
    if _UNPRINTABLE.search(name) is None:
        return name
    return "'" + printable(name).replace("'", "\\'") + "'"


class PrintableFormatter(logging.Formatter):
    """Each record's message on one line, its control characters escaped (a traceback added
    with ``exc_info`` keeps its lines)."""

    def format(self, record: logging.LogRecord) -> str:
        record = copy.copy(record)
        record.msg, record.args = printable(record.getMessage()), None
        return super().format(record)


def log_to_stderr(level: int, *, force: bool = False) -> None:
    """Log records from ``level`` up to stderr, one line each, names escaped (the CLI and its
    worker processes: file names in messages cannot forge a line); ``force`` replaces handlers
    the root logger already has."""
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=force)
