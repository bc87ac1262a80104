"""Bad input: a clear error or warning naming the file and the place, never a hang or a crash.
No timing assertions: a regular expression that went quadratic would show as a stuck test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import ReaderError, read_bytes, read_document
from corpus.base import MAX_BYTES
from corpus.citations import expand_marker
from corpus.normalize import normalize_text
from corpus.references import parse_entry
from corpus.segment import sentence_spans
from llzo_kg.cli import cli

MEGABYTE = 1_000_000


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReaderError, match=r"image\.md: binary data \(NUL or control bytes"):
        read_document(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"empty\.txt: the file is empty"):
        read_document(write(tmp_path, "empty.txt", b"  \n\n \n"))


def test_non_utf8_text_names_the_byte_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.md", "First line\nLa\u00e9 doping\n".encode("latin-1"))
    with pytest.raises(ReaderError) as exc:
        read_document(path)
    assert str(exc.value) == (
        f"{path}: not UTF-8 text (byte 0xe9 at offset 13, line 2); convert it to UTF-8 first"
    )


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200 * 1024 * 1024)
    assert MAX_BYTES == 50 * 1024 * 1024
    with pytest.raises(ReaderError, match=r"huge\.md: 200 MB is larger than the 50 MB limit"):
        read_document(path)


def test_unbalanced_latex_braces_warn_with_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "braces.md", b"Intro text.\n\nThe $\\text{Li}_{7 La$ phase is cubic.\n")
    doc = read_document(path)
    assert doc.warnings == (f"{path}: line 3, column 16: unbalanced LaTeX braces (1 '{{', 0 '}}')",)
    assert doc.sentences[-1].text == "The Li7 La phase is cubic."


def test_table_row_with_too_many_cells_warns(tmp_path: Path) -> None:
    path = write(
        tmp_path, "table.md", b"Table 1. Doped pellets.\n\nDopant\tX\nGa\t0.2\nAl\t0.1\t9\t7\n"
    )
    doc = read_document(path)
    assert doc.warnings == (
        f"{path}: line 5, column 1: Table 1 row 2 has 4 cells, the header has 2",
    )
    assert doc.tables[0].rows == (("Ga", "0.2"), ("Al", "0.1", "9", "7"))


def test_open_marker_at_end_of_file_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "marker.md", b"Ga doping\n\nGa doping works. So does Al.^[")
    doc = read_document(path)
    assert doc.warnings == (
        f"{path}: line 3, column 29: unclosed citation marker '^['; kept as text",
    )
    assert doc.citations == ()


def test_a_megabyte_of_open_parentheses_reads(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "parens.md", b"(" * MEGABYTE))
    assert len(doc.sentences) == 1 and len(doc.sentences[0].text) == MEGABYTE


def test_a_megabyte_of_dotted_numbers_reads(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "dots.txt", b"1." * (MEGABYTE // 2)))
    assert len(doc.sentences) == 1


def test_a_megabyte_of_open_markers_warns_once(tmp_path: Path) -> None:
    path = write(tmp_path, "carets.md", b"^[" * (MEGABYTE // 2))
    doc = read_document(path)
    assert doc.warnings == (
        f"{path}: line 1, column 1: unclosed citation marker '^[' "
        f"({MEGABYTE // 2} times, the first here); kept as text",
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "(" * MEGABYTE,
        "1." * (MEGABYTE // 2),
        "$" * MEGABYTE,
        "{" * MEGABYTE,
        "_{" * (MEGABYTE // 2),
        "^{" * (MEGABYTE // 2),
        "\\text{" * (MEGABYTE // 6),
        "[1," * (MEGABYTE // 3),
        "1-" * (MEGABYTE // 2),
        "⁻" * MEGABYTE,
        "a-\n" * (MEGABYTE // 3),
        "\\" * MEGABYTE,
    ],
    ids=[
        "parens",
        "dots",
        "dollars",
        "braces",
        "subs",
        "supers",
        "text",
        "brackets",
        "hyphens",
        "superscript-minus",
        "line-hyphens",
        "backslashes",
    ],
)
def test_every_pass_returns_on_hostile_strings(hostile: str) -> None:
    assert isinstance(normalize_text(hostile), str)
    assert sentence_spans(hostile)[-1][1] <= len(hostile)
    assert read_bytes(hostile.encode("utf-8"), "hostile.txt").id == "hostile"


def test_marker_and_reference_parsers_on_hostile_strings() -> None:
    expanded = expand_marker(",".join(["1–99999"] * 10_000))
    assert expanded.keys == () and len(expanded.problems) == 10_000
    assert [r.key for r in parse_entry("[1] a) " + "A. B, " * 100_000)] == ["1a"]


def test_pdf_named_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "paper.pdf", b"just some text")
    with pytest.raises(ReaderError, match=r"paper\.pdf: does not start with %PDF"):
        read_document(path)


def test_broken_pdf_is_a_reader_error(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n")
    with pytest.raises(ReaderError, match=r"broken\.pdf: "):
        read_document(path)


def test_malformed_html_still_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.html", b"<html><body><p>Ga<sup>3+</sup> doping <b>works.<p>Yes")
    doc = read_document(path)
    assert [s.text for s in doc.sentences] == ["Ga3+ doping works.", "Yes"]


def test_cli_inspect_bad_file_is_one_message(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", b"caf\xe9")
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"llzo-kg: error: {path}: not UTF-8 text (byte 0xe9 at offset 3, "
        "line 1); convert it to UTF-8 first\n"
    )


def test_xml_entity_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE a [' + "".join(levels) + "]>\n<article><p>&l9;</p>"
        "</article>\n"
    ).encode()
    path = write(tmp_path, "bomb.xml", data)
    with pytest.raises(ReaderError, match=r"bomb\.xml: the xml reader found no text in it"):
        read_document(path)


def test_control_characters_past_the_binary_check_are_replaced_one_for_one(tmp_path) -> None:
    """The binary check reads the first 8 kB; a NUL or an escape sequence later in the file
    used to reach the graph writer (and break its statement). Each becomes one space (a form
    feed a line break), so offsets do not move."""
    head = "Intro " * 1500 + ".\n\n"
    body = "Li7La3Zr2O12\x00 showed \x1b[31m 1.2 mS cm^-1\x7f at\x0c25 °C.\n"
    path = write(tmp_path, "late-nul.txt", (head + body).encode("utf-8"))
    doc = read_document(path)
    sentence = doc.sentences[-1]
    assert sentence.text == "Li7La3Zr2O12 showed [31m 1.2 mS cm^-1 at 25 °C."
    assert doc.text[sentence.start : sentence.end] == sentence.text
    assert doc.warnings == (
        f"{path}: line 3, column 13: 4 control characters (NUL, ESC...) replaced, the first here",
    )
    assert not any(ch < " " and ch not in "\n\t" for ch in doc.text)


def test_the_normaliser_private_marker_characters_in_the_input_are_no_markers(tmp_path) -> None:
    """U+E000 stands for a citation marker inside the normaliser; one in the input crashed the
    reader (StopIteration) and could have swapped citations."""
    path = write(tmp_path, "pua.md", "Intro.\n\nLLZO \ue000 shows 1 mS^[12] here.\n".encode())
    doc = read_document(path)
    assert [s.text for s in doc.sentences] == ["Intro.", "LLZO \ufffd shows 1 mS here."]
    assert [c.keys for c in doc.citations] == [("12",)]
    assert doc.warnings == (
        f"{path}: line 3, column 6: a control character (NUL, ESC...) replaced, the first here",
    )


def _nested(depth: int) -> bytes:
    return (
        "<html><body><p>First: Li7La3Zr2O12 is cubic.</p>"
        + "<div>" * depth
        + "<p>Deep: Ga-doped LLZO shows 1 mS/cm.</p><p>Deeper still.</p>"
        + "</div>" * depth
        + "<p>Last: Ta doping works.</p></body></html>"
    ).encode()


def test_html_nested_past_256_levels_is_read_whole(tmp_path: Path) -> None:
    """libxml2 stops at 256 levels and the reader used to return the first paragraph only,
    without a word (exit 0)."""
    doc = read_document(write(tmp_path, "deep.html", _nested(1000)))
    assert [s.text for s in doc.sentences] == [
        "First: Li7La3Zr2O12 is cubic.",
        "Deep: Ga-doped LLZO shows 1 mS/cm.",
        "Deeper still.",
        "Last: Ta doping works.",
    ]


def test_markup_nested_past_what_libxml2_can_parse_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "deeper.html", _nested(3000))
    with pytest.raises(ReaderError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path}: cannot read as html: markup nested deeper than 2048 levels (line 1): the "
        "rest of the document cannot be parsed"
    )


def test_xml_external_entity_is_not_read_with_the_deeper_parser(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", b"SECRET-CONTENT\n")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<article><body><p>Li7La3Zr2O12 is cubic. &x; End.</p></body></article>\n"
    ).encode()
    doc = read_document(write(tmp_path, "xxe.xml", data))
    assert "SECRET" not in doc.text
    assert [s.text for s in doc.sentences] == ["Li7La3Zr2O12 is cubic.", "End."]
