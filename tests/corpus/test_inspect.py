"""``llzo-kg inspect``: one JSON object with the document's structure and counts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from llzo_kg.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "corpus" / "garnet-sample.md"


def test_inspect_json_on_the_sample_paper() -> None:
    result = CliRunner().invoke(cli, ["inspect", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    text = SAMPLE.read_text(encoding="utf-8")
    assert "^[2z]" in text
    assert info == {
        "document": "garnet-sample",
        "path": str(SAMPLE),
        "title": "A Short Study of Doped Garnet Electrolytes",
        "sections": 5,
        "paragraphs": 4,
        "sentences": 14,
        "captions": 1,
        "tables": [{"label": "Table 1", "rows": 3, "columns": 5}],
        "references": 10,
        "citation_markers": 8,
        # 1 + 2a + (2b 2c 2d 3) + 4 + (2a 2b 2c 2d 5) + 6 + 3 + 2z
        "cited_keys": 15,
        "distinct_cited_keys": 10,
        "unresolved": [
            {
                "marker": "2z",
                "key": "2z",
                "offset": info["unresolved"][0]["offset"],
                "reason": "reference [2] has sub-entries a)–d), no 'z)'",
            }
        ],
        "warnings": [],
    }


def test_inspect_unresolved_offset_points_after_the_sentence_it_closes() -> None:
    from corpus import read_document

    doc = read_document(SAMPLE)
    (unresolved,) = doc.unresolved
    assert doc.text[: unresolved.offset].endswith("One marker points nowhere.")


def test_inspect_text_lists_counts_tables_and_unresolved_keys() -> None:
    result = CliRunner().invoke(cli, ["inspect", str(SAMPLE)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "garnet-sample: A Short Study of Doped Garnet Electrolytes",
        "  sections: 5",
        "  paragraphs: 4",
        "  sentences: 14",
        "  captions: 1",
        "  references: 10",
        "  citation markers: 8",
        "  cited keys: 15",
        "  distinct cited keys: 10",
        "  Table 1: 3 rows x 5 columns",
        "  unresolved 2z in [2z] at 1186: reference [2] has sub-entries a)–d), no 'z)'",
    ]
