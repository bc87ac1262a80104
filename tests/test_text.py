"""Names and messages as they are printed in logs."""

from __future__ import annotations

import logging

from llzo_kg.text import PrintableFormatter, printable, quote_name


def test_printable_escapes_controls_separators_and_bidi_overrides() -> None:
    assert printable("a\nb\r\x1b[2K\u2028\u202e\x00") == "a\\nb\\r\\x1b[2K\\u2028\\u202e\\x00"
    assert printable("Li₇La₃Zr₂O₁₂ at 25 °C") == "Li₇La₃Zr₂O₁₂ at 25 °C"
    assert printable("line one\nline \x1btwo", keep_newlines=True) == "line one\nline \\x1btwo"


def test_quote_name_quotes_only_names_with_control_characters() -> None:
    assert quote_name("docs/paper 1.txt") == "docs/paper 1.txt"
    assert quote_name("docs/it's\nforged.txt") == "'docs/it\\'s\\nforged.txt'"


def test_printable_formatter_keeps_a_record_on_one_line() -> None:
    formatter = PrintableFormatter("%(levelname)s %(message)s")
    record = logging.makeLogRecord(
        {"msg": "%s: cannot read", "args": ("evil\nERROR forged",), "levelname": "ERROR"}
    )
    assert formatter.format(record) == "ERROR evil\\nERROR forged: cannot read"
