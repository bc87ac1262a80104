"""Ingestion progress: a bar on a terminal, timestamped lines in a log."""

from __future__ import annotations

import io
import re

from llzo_kg.ingest import DocumentOutcome, IngestReport
from llzo_kg.progress import describe, document_progress, summary

OUTCOMES = [
    DocumentOutcome("docs/a.txt", "unchanged", "a"),
    DocumentOutcome("docs/b.txt", "new", "b", facts_written=7, seconds=0.25),
    DocumentOutcome("docs/c.pdf", "failed", reason="docs/c.pdf: not UTF-8 text"),
    DocumentOutcome("c-old.txt", "pruned", "c-old", facts_removed=3),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_log_prints_one_line_per_written_failed_or_pruned_document() -> None:
    stream = io.StringIO()
    with document_progress(stream) as progress:
        for done, outcome in enumerate(OUTCOMES, start=1):
            progress(outcome, done, len(OUTCOMES))
    lines = [re.sub(r"^\S+ ", "<time> ", line) for line in stream.getvalue().splitlines()]
    assert lines == [
        "<time> [2/4] new docs/b.txt (id b): 7 facts written, 0 removed in 0.25 s",
        "<time> [3/4] failed docs/c.pdf: not UTF-8 text",
        "<time> [4/4] pruned c-old (3 facts removed)",
    ]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d \[2/4\]", stream.getvalue())


def test_progress_on_a_terminal_draws_a_bar_and_reports_failures() -> None:
    stream = Terminal()
    with document_progress(stream) as progress:
        for done, outcome in enumerate(OUTCOMES, start=1):
            progress(outcome, done, len(OUTCOMES))
    out = stream.getvalue()
    assert "100%" in out
    assert "\nfailed docs/c.pdf: not UTF-8 text\n" in out
    assert "[2/4]" not in out


def test_describe_and_summary() -> None:
    assert describe(OUTCOMES[0]) == "unchanged docs/a.txt"
    report = IngestReport(["docs"], False, True, "llzo-kg 0.1.0", started_at=100.0)
    report.documents = list(OUTCOMES)
    report.finish(1)
    report.timings["total_s"] = 1.5
    assert summary(report) == (
        "ingest partial: 3 documents seen, 1 new, 0 changed, 1 unchanged, 1 failed, 1 pruned; "
        "7 facts written, 3 removed in 1.50 s"
    )
