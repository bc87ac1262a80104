"""How an ingestion run shows its progress: a bar on a terminal, plain timestamped lines when the
output goes to a log (cron, systemd), where a bar would only leave control characters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from llzo_kg.ingest import DocumentOutcome, IngestReport, Progress
from llzo_kg.text import printable, quote_name


def describe(outcome: DocumentOutcome) -> str:
    """One document's line: what happened to it and, for a failure, why. Always one line: a
    name with control characters is quoted with them escaped (``quote_name``)."""
    path, doc_id = quote_name(outcome.path), quote_name(outcome.id or "")
    if outcome.status == "failed":
        reason = (outcome.reason or "").replace(outcome.path, path)
        line = f"failed {reason}"  # the reason starts with the file's path
    elif outcome.status == "pruned":
        line = f"pruned {doc_id} ({outcome.facts_removed} facts removed)"
    elif outcome.status == "unchanged":
        line = f"unchanged {path}"
    else:
        line = (
            f"{outcome.status} {path} (id {doc_id}): {outcome.facts_written} facts "
            f"written, {outcome.facts_removed} removed in {outcome.seconds:.2f} s"
        )
    return printable(line)


def summary(report: IngestReport) -> str:
    s = report.summary()
    return (
        f"ingest {report.status}: {s['seen']} documents seen, {s['new']} new, "
        f"{s['changed']} changed, {s['unchanged']} unchanged, {s['failed']} failed, "
        f"{s['pruned']} pruned; {s['facts_written']} facts written, {s['facts_removed']} "
        f"removed in {report.timings.get('total_s', 0.0):.2f} s"
    )


@contextmanager
def document_progress(stream: IO[str]) -> Iterator[Progress]:
    """A progress callback for ``ingest``: a click progress bar when ``stream`` is a terminal,
    else one line per document that was written, failed or pruned (unchanged ones stay quiet:
    a nightly log of a thousand "unchanged" lines helps nobody)."""
    if stream.isatty():
        bar = None
        try:

            def on_bar(outcome: DocumentOutcome, done: int, total: int) -> None:
                nonlocal bar
                if bar is None:
                    bar = click.progressbar(length=total, label="ingesting", file=stream)
                    bar.__enter__()
                bar.label = f"{outcome.status} {outcome.id or outcome.path}"[:40]
                bar.update(done - bar.pos)
                if outcome.status == "failed":
                    click.echo(f"\n{describe(outcome)}", file=stream)

            yield on_bar
        finally:
            if bar is not None:  # fewer documents pruned than could have been: end at 100 %
                bar.update(bar.length - bar.pos)
                bar.__exit__(None, None, None)
        return

    def on_line(outcome: DocumentOutcome, done: int, total: int) -> None:
        if outcome.status != "unchanged":
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
            click.echo(f"{stamp} [{done}/{total}] {describe(outcome)}", file=stream)

    yield on_line
