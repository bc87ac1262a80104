"""``llzo-kg annotate``: every recognised span at document-level offsets, as JSON lines and as a
displaCy page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import read_document
from llzo_kg.cli import cli
from miner.annotate import QUANTITY_ATTRS, annotate_document, render_html
from miner.pipeline import load

NOTES = Path(__file__).resolve().parents[1] / "data" / "miner" / "notation-notes.txt"


@pytest.fixture(scope="module")
def nlp():
    return load()


def _quantities(records):
    return [
        (r["group"], r["text"], r["attrs"]["value"], r["attrs"]["value_max"], r["attrs"]["unit"],
         r["attrs"]["comparator"], r["attrs"]["uncertainty"])
        for r in records
        if r["label"] == "QUANTITY"
    ]  # fmt: skip


def test_annotate_quantities_of_a_file(nlp):
    document = read_document(NOTES)
    records = list(annotate_document(document, nlp))
    assert _quantities(records) == [
        ("llzo_quantity", "1100 and 1200 °C", 1100.0, 1200.0, "degC", "=", None),
        ("llzo_quantity", "12 hours", 12.0, None, "h", "=", None),
        ("llzo_quantity", "0,52 mS/cm", 0.00052, None, "S/cm", "=", None),
        ("llzo_condition", "25 °C", 25.0, None, "degC", "=", None),
        ("llzo_quantity", "0.42 ± 0.02 eV", 0.42, None, "eV", "=", 0.02),
        ("llzo_quantity", "5.2 × 10 −4 S cm −1", 0.00052, None, "S/cm", "=", None),
        ("llzo_quantity", ">95%", 95.0, None, "%", ">", None),
        ("llzo_quantity", "below 20 Ω cm2", 20.0, None, "ohm*cm^2", "<", None),
        ("llzo_quantity", "18 °C", 18.0, None, "degC", "=", None),
        ("llzo_range", "18 °C and 22 °C", 18.0, 22.0, "degC", "=", None),
        ("llzo_quantity", "22 °C", 22.0, None, "degC", "=", None),
    ]
    # an interval of two quantities is the measure; its ends are what assembly reads
    assert [r["text"] for r in records if r["label"] == "QUANTITY" and not r["measure"]] == [
        "18 °C",
        "22 °C",
    ]
    assert all(document.text[r["start"] : r["end"]] == r["text"] for r in records)
    conductivity = next(r for r in records if r["text"] == "0,52 mS/cm")
    assert (conductivity["doc"], conductivity["sentence"], conductivity["start"]) == (
        "notation-notes",
        2,
        125,
    )
    assert conductivity["attrs"]["temperature_C"] == 25.0


def test_annotate_review_offsets_are_the_documents(nlp, review_path):
    document = read_document(review_path)
    records = list(annotate_document(document, nlp))
    assert all(document.text[r["start"] : r["end"]] == r["text"] for r in records)
    quantities = [r for r in records if r["label"] == "QUANTITY"]
    assert all(set(QUANTITY_ATTRS) <= set(r["attrs"]) for r in quantities)
    assert {r["group"] for r in records} >= {"llzo_material", "llzo_quantity", "llzo_condition"}
    assert any("table" in r for r in records)  # table rows are read too
    json.dumps(records)  # every attribute is plain data


def test_annotate_html_renders_the_spans_offline(nlp):
    document = read_document(NOTES)
    html = render_html([(document, list(annotate_document(document, nlp)))])
    assert html.startswith("<!DOCTYPE html>")
    assert "QUANTITY 0.42 eV" in html and "QUANTITY &gt;95 %" in html
    assert "QUANTITY &lt;20 ohm*cm^2" in html  # escaped, or "<20" would open a tag
    assert "QUANTITY 25 degC (condition)" in html
    assert "<link" not in html and "<script" not in html


def test_annotate_command_jsonl_and_html(tmp_path):
    result = CliRunner().invoke(cli, ["annotate", str(NOTES)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert ("llzo_quantity", "0.42 ± 0.02 eV", 0.42, None, "eV", "=", 0.02) in _quantities(records)
    page = CliRunner().invoke(cli, ["annotate", str(NOTES), "--format", "html"])
    assert page.exit_code == 0 and "notation-notes" in page.output


def test_annotate_command_bad_file_is_one_line(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(cli, ["annotate", str(bad), str(NOTES)])
    assert result.exit_code == 1
    assert "llzo-kg: error:" in result.output and "empty.txt" in result.output
    assert "0.42 ± 0.02 eV" in result.output  # the other document is still annotated
