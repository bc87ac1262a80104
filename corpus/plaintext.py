"""Plain ``.txt``: blank-line-separated blocks are paragraphs (the ``extract`` contract). Numbered
heading lines, ``Figure N.`` captions and a reference list are recognised as in Markdown, and a
paragraph cut mid-sentence by a page break is joined back; there is no front-matter guessing, so a
short first paragraph stays a paragraph."""

from __future__ import annotations

from pathlib import Path

from corpus.markdown import MarkdownReader


class TextReader(MarkdownReader):
    name = "text"
    extensions = (".txt", ".text")
    front_matter = False
    bare_brackets = True

    def detect(self, data: bytes, name: str) -> bool:
        """``.txt``, or a file with no extension that does not look like markup."""
        if super().detect(data, name):
            return True
        return not Path(name).suffix and not data[:512].lstrip().startswith(b"<")
