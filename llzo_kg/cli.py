"""The ``llzo-kg`` command line: a thin layer over the library (each command a few lines).

Library errors (``LlzoKgError``) become one clear message and a non-zero exit code here, at the
edge; nothing below prints.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from llzo_kg import __version__, settings
from llzo_kg.errors import LlzoKgError

log = logging.getLogger("llzo_kg")


def graph_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--data-dir`` and the ``--neo4j-*`` flags, resolved into ``settings`` (flags win over
    ``LLZO_KG_DATA_DIR`` / ``NEO4J_*``)."""

    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="Embedded server data directory [env LLZO_KG_DATA_DIR; default .llzo-kg]",
    )
    @click.option("--neo4j-uri", default=None, help="Use this Neo4j instead [env NEO4J_URI]")
    @click.option("--neo4j-user", default=None, help="[env NEO4J_USERNAME; default neo4j]")
    @click.option("--neo4j-password", default=None, help="[env NEO4J_PASSWORD]")
    @click.option("--neo4j-database", default=None, help="[env NEO4J_DATABASE]")
    @functools.wraps(fn)
    def wrapper(
        *args: Any,
        data_dir: str | None,
        neo4j_uri: str | None,
        neo4j_user: str | None,
        neo4j_password: str | None,
        neo4j_database: str | None,
        **kwargs: Any,
    ) -> Any:
        kwargs["graph_settings"] = settings.resolve(
            data_dir, neo4j_uri, neo4j_user, neo4j_password, neo4j_database
        )
        return fn(*args, **kwargs)

    return wrapper


def doc_timeout_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--doc-timeout``: the time budget per document (0: none)."""
    from llzo_kg.settings import BUDGET_ENV, DEFAULT_BUDGET_S

    return click.option(
        "--doc-timeout",
        type=click.FloatRange(min=0),
        default=None,
        help=f"Seconds to read and extract one document before it is stopped and reported "
        f"(0: no limit) [env {BUDGET_ENV}; default {DEFAULT_BUDGET_S:.0f}]",
    )(fn)


def _budget(flag: float | None) -> float | None:
    from llzo_kg.settings import default_budget

    if flag is None:
        return default_budget()
    return flag or None


class _Cli(click.Group):
    """Turns library errors into one message and an exit code instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LlzoKgError as exc:
            from llzo_kg.text import printable

            click.echo(f"llzo-kg: error: {printable(str(exc), keep_newlines=True)}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="llzo-kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Literature-mining knowledge graph for garnet (LLZO) solid-state electrolytes.

    \b
    Example:
      llzo-kg ingest corpus/documents && llzo-kg query dopant_site_performance
    """
    from llzo_kg.text import log_to_stderr

    log_to_stderr(max(logging.WARNING - 10 * verbose, logging.DEBUG))
    if verbose < 2:  # the driver logs its own connection errors; we report them once, clearly
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)


def echo_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    from llzo_kg.tables import format_rows

    click.echo(format_rows(rows, fmt), nl=False)


# --- db --------------------------------------------------------------------------------------


def engine_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--engine``: the embedded FalkorDB, or the real Neo4j of tools/neo4j (data in
    ``<data-dir>/neo4j``; other commands reach it through ``NEO4J_URI``)."""
    return click.option(
        "--engine",
        type=click.Choice(["falkordb", "neo4j"]),
        default="falkordb",
        show_default=True,
        help="neo4j: a real Neo4j 5.26 from tools/neo4j (make neo4j-launcher)",
    )(fn)


@cli.group()
def db() -> None:
    """Manage the embedded graph server (FalkorDB) that keeps its data in --data-dir.

    \b
    Example:
      llzo-kg db start && llzo-kg db status
    """


@db.command("start")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory [env LLZO_KG_DATA_DIR; default .llzo-kg]",
)
@click.option("--port", type=int, default=None, help="Port on 127.0.0.1 (default: a free one)")
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds to wait while the embedded server loads its data [default: 20 s plus the "
    "time the data's size calls for]",
)
@engine_option
@click.option(
    "--http-port",
    type=int,
    default=0,
    help="neo4j: Neo4j Browser's HTTP port on 127.0.0.1 (default: a free one)",
)
def db_start(
    data_dir: str | None, port: int | None, timeout: float | None, engine: str, http_port: int
) -> None:
    """Start the embedded server and wait until it has loaded its data and answers (or, with
    --engine neo4j, a real Neo4j with Neo4j Browser).

    \b
    Example:
      llzo-kg db start --data-dir /srv/llzo-kg
      llzo-kg db start --engine neo4j && export NEO4J_URI=bolt://127.0.0.1:<port it prints>
    """
    if engine == "neo4j":
        from graph.neo4j_launcher import Neo4jLauncher, started_message

        launcher = Neo4jLauncher(settings.resolve_data_dir(data_dir))
        click.echo(started_message(launcher.start(port, http_port), launcher.home))
        return
    from graph.server import EmbeddedServer

    server = EmbeddedServer(settings.resolve_data_dir(data_dir))
    state = server.start(port=port, timeout=timeout)
    click.echo(
        f"embedded graph server running: pid {state.pid}, {state.host}:{state.port}, "
        f"data in {state.data_dir}"
    )


@db.command("stop")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory [env LLZO_KG_DATA_DIR; default .llzo-kg]",
)
@engine_option
def db_stop(data_dir: str | None, engine: str) -> None:
    """Shut the embedded server (or the Neo4j) down cleanly (its data stays on disk).

    \b
    Example:
      llzo-kg db stop
    """
    if engine == "neo4j":
        from graph.neo4j_launcher import Neo4jLauncher

        stopped = Neo4jLauncher(settings.resolve_data_dir(data_dir)).stop()
        click.echo("Neo4j stopped" if stopped else "no Neo4j running")
        return
    from graph.server import EmbeddedServer

    stopped = EmbeddedServer(settings.resolve_data_dir(data_dir)).stop()
    click.echo("embedded graph server stopped" if stopped else "no embedded graph server running")


@db.command("status")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory [env LLZO_KG_DATA_DIR; default .llzo-kg]",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@engine_option
def db_status(data_dir: str | None, fmt: str, engine: str) -> None:
    """Report pid, port, data size and whether the server answers; exit 1 when not running.

    \b
    Example:
      llzo-kg db status --format json
      llzo-kg db status --engine neo4j --format json   # its "uri" is the NEO4J_URI to use
    """
    if engine == "neo4j":
        from graph.neo4j_launcher import Neo4jLauncher

        found = Neo4jLauncher(settings.resolve_data_dir(data_dir)).status()
        text = "\n".join(f"{k}: {v}" for k, v in found.items())
        click.echo(json.dumps(found, indent=2) if fmt == "json" else text)
        sys.exit(0 if found["answers"] else 1)
    from graph.server import EmbeddedServer

    status = EmbeddedServer(settings.resolve_data_dir(data_dir)).status()
    if fmt == "json":
        click.echo(json.dumps(status.as_dict(), indent=2))
    else:
        state = "running" if status.running else "not running"
        answers = "answers" if status.answers else "does not answer"
        if status.loading:
            answers = "still loading its data"
        click.echo(
            f"{state}, {answers}\npid: {status.pid}\nport: {status.port}\n"
            f"host: {status.host}\ndata dir: {status.data_dir}\n"
            f"data size: {status.data_bytes} bytes"
        )
        if status.other_servers:
            click.echo(
                f"other servers on this data dir: {', '.join(map(str, status.other_servers))} "
                f"(stop them all with 'llzo-kg db stop')"
            )
    if not status.answers:
        sys.exit(1)


@db.command("fingerprint")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="json adds node/relationship counts per label",
)
@graph_options
def db_fingerprint(fmt: str, graph_settings: settings.GraphSettings) -> None:
    """Print a digest of the whole graph content (independent of internal ids and order).

    \b
    Example:
      llzo-kg db fingerprint
    """
    from graph.backend import connect
    from graph.fingerprint import fingerprint

    backend = connect(graph_settings)
    try:
        result = fingerprint(backend)
    finally:
        backend.close()
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json" else result.digest)


@db.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@graph_options
def db_check(paths: tuple[str, ...], fmt: str, graph_settings: settings.GraphSettings) -> None:
    """Verify the graph against the documents' stored hashes and fact counts and say what is
    missing, changed or stale (default folder: corpus/documents); exit 1 when anything is.

    \b
    Example:
      llzo-kg db check corpus/documents
    """
    from graph.backend import connect
    from llzo_kg.check import check_graph
    from llzo_kg.ingest import DEFAULT_PATHS
    from llzo_kg.text import printable
    from llzo_kg.version import extractor_version

    folders = [Path(p) for p in paths] or [p for p in DEFAULT_PATHS if p.exists()] or None
    backend = connect(graph_settings)
    try:
        result = check_graph(backend, folders, extractor_version())
    finally:
        backend.close()
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            click.echo(printable(problem.line()))
        click.echo(result.summary())
    sys.exit(0 if result.ok else 1)


# --- corpus and miner ------------------------------------------------------------------------


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def inspect(path: str, fmt: str) -> None:
    """Show a document's structure and counts (sections, sentences, tables, references, citations).

    \b
    Example:
      llzo-kg inspect corpus/documents/llzo-review-2024.md --format json
    """
    from corpus import read_document
    from corpus.inspect import render_text, summary

    info = summary(read_document(path))
    click.echo(
        json.dumps(info, indent=2, ensure_ascii=False) if fmt == "json" else render_text(info),
        nl=fmt == "json",
    )


def cluster_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--cluster",
        metavar="ADDRESS",
        default=None,
        help="Read and extract on a Dask cluster: tcp://HOST:8786, or local:N for N worker "
        "processes here (needs the [distributed] extra)",
    )(fn)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl")
@cluster_option
@doc_timeout_option
def extract(
    paths: tuple[str, ...], fmt: str, cluster: str | None, doc_timeout: float | None
) -> None:
    """Extract fact records from documents to stdout (no database needed).

    \b
    Example:
      llzo-kg extract paper.txt > facts.jsonl
      llzo-kg extract corpus/documents --cluster tcp://scheduler:8786 > facts.jsonl
    """
    if cluster:
        from llzo_kg.distributed import extract_paths

        results = extract_paths(list(paths), cluster)
    else:
        from llzo_kg.startup import start_fork_server

        start_fork_server()  # it loads the miner while this process imports the pool
        from llzo_kg.parallel import extract_files

        results = extract_files(list(paths), _budget(doc_timeout))
    failed = 0
    for _path, facts, error in results:
        if error is not None:
            click.echo(f"llzo-kg: error: {error}", err=True)
            failed += 1
        for fact in facts:
            click.echo(fact.to_json())
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "html"]),
    default="jsonl",
    help="jsonl: one span per line; html: the text with its spans (displaCy)",
)
def annotate(paths: tuple[str, ...], fmt: str) -> None:
    """Print every recognised span of documents: label, offsets in the normalised text (as
    inspect and extract see it), text and attributes (no database needed).

    \b
    Example:
      llzo-kg annotate paper.txt --format html > paper.html
    """
    from miner.annotate import annotate_paths, render_html

    failed = 0
    pages = []
    for _path, document, records, error in annotate_paths(list(paths)):
        if error is not None:
            click.echo(f"llzo-kg: error: {error}", err=True)
            failed += 1
        elif fmt == "html":
            pages.append((document, records))
        else:
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
    if fmt == "html" and pages:
        click.echo(render_html(pages))
    if failed:
        sys.exit(1)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True))
@click.option(
    "--doc",
    "doc_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The document the gold facts come from",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option(
    "--sections",
    default=None,
    help="Sections the gold covers, for precision (e.g. 'intro,2.*,3.1'; default: its facts')",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "heldout", "all"]),
    default="all",
    show_default=True,
    help="A corpus folder: which part to score",
)
@click.option(
    "--lenient", is_flag=True, help="A corpus folder: the gold README's material rule only"
)
@click.option(
    "--shared",
    type=click.Path(file_okay=False),
    default="../shared",
    show_default=True,
    help="A corpus folder: where the texts of ../shared are",
)
@click.option(
    "--errors",
    is_flag=True,
    help="A corpus folder: list every missed and extra fact per document (dev split only, "
    "unless --spend-heldout)",
)
@click.option(
    "--spend-heldout",
    is_flag=True,
    help="With --errors: list the held-out split's errors too. Looking at them spends the "
    "held-out estimate (its figures no longer measure unseen text): do it once, at the end",
)
def eval_(
    gold: str,
    doc_path: str | None,
    fmt: str,
    sections: str | None,
    split: str,
    lenient: bool,
    shared: str,
    errors: bool,
    spend_heldout: bool,
) -> None:
    """Precision, recall and F1 of measurement facts against a gold JSONL file, or against a
    corpus folder with gold (corpus/dev: per split, material identity strict).

    \b
    Example:
      llzo-kg eval ../shared/gold/dev.jsonl --doc corpus/documents/llzo-review-2024.md
      llzo-kg eval corpus/dev --split dev
      llzo-kg eval corpus/dev --split dev --errors
    """
    from llzo_kg.startup import import_spacy

    if Path(gold).is_dir():
        splits = ("dev", "heldout") if split == "all" else (split,)
        if errors and "heldout" in splits and not spend_heldout:
            raise click.UsageError(
                "--errors lists the dev split only: add --split dev, or --spend-heldout to "
                "look at the held-out errors (which spends the held-out estimate)"
            )
        import_spacy()
        from miner import devcorpus
        from miner.extract import extract_document, load_pipeline

        nlp = load_pipeline()
        total = devcorpus.score_corpus(
            devcorpus.load(Path(gold), Path(shared)),
            lambda doc: extract_document(doc, nlp),
            strict=not lenient,
            splits=splits,
        )
        rows = [r for r in total.rows() if r["scope"].split()[0] in splits]
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            echo_rows(rows, "table")
        if errors:
            for found in total.errors:
                click.echo("\n".join(found.lines()))
        return
    import_spacy()
    from miner.evaluate import evaluate_document

    covered = [s.strip() for s in sections.split(",") if s.strip()] if sections else None
    result = evaluate_document(gold, doc_path, covered)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        echo_rows(result.rows(), "table")


# --- graph -----------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--full", is_flag=True, help="Re-extract every document, changed or not")
@click.option("--prune", is_flag=True, help="Remove documents that left the folder")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a JSON run report here",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=5,
    show_default=True,
    help="Retries (backoff 1, 2, 4... s) while the database is unreachable",
)
@doc_timeout_option
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Processes that read and extract documents (the miner loads once in each); "
    "one process writes, in document order",
)
@cluster_option
@graph_options
def ingest(
    paths: tuple[str, ...],
    full: bool,
    prune: bool,
    report_path: str | None,
    retries: int,
    workers: int,
    cluster: str | None,
    doc_timeout: float | None,
    graph_settings: settings.GraphSettings,
) -> None:
    """Extract facts from documents (default: corpus/documents) and load them into the graph.

    \b
    Example:
      llzo-kg ingest corpus/documents --report ingest-report.json --workers 2

    Exit codes: 0 ok, 1 partial (some documents failed), 3 database unreachable,
    5 another run holds the lock, 6 unexpected error (docs/nightly.md).
    """
    from pathlib import Path

    from llzo_kg import ingest as ingestion
    from llzo_kg.progress import document_progress, summary

    if cluster and workers > 1:
        raise click.UsageError("--workers and --cluster are two ways to fan out: choose one")
    with document_progress(sys.stderr) as progress:
        report = ingestion.ingest(
            graph_settings,
            [Path(p) for p in paths] or ingestion.DEFAULT_PATHS,
            full=full,
            prune=prune,
            progress=progress,
            retry_delays=[2.0**i for i in range(retries)],
            report_path=Path(report_path) if report_path else None,
            workers=workers,
            cluster=cluster,
            doc_timeout=_budget(doc_timeout),
        )
    click.echo(summary(report))
    sys.exit(report.exit_code)


@cli.command("queries")
def list_queries() -> None:
    """List the canned Cypher queries.

    \b
    Example:
      llzo-kg queries
    """
    from queries.runner import listing, load_queries

    click.echo(listing(load_queries()), nl=False)


@cli.command()
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A query parameter")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@graph_options
def query(
    name: str, params: tuple[str, ...], fmt: str, graph_settings: settings.GraphSettings
) -> None:
    """Run a canned query by name.

    \b
    Example:
      llzo-kg query dopant_amount_vs_conductivity --param element=Ga --format csv
    """
    from graph.backend import connect
    from queries.runner import get_query, parse_params, run_query

    canned = get_query(name)
    values = parse_params(canned, params)
    backend = connect(graph_settings)
    try:
        rows = run_query(backend, canned, values)
    finally:
        backend.close()
    echo_rows(rows, fmt)


@cli.group()
def export() -> None:
    """Export the graph for sharing (RDF) or for pandas (CSV)."""


@export.command("rdf")
@click.option("--format", "fmt", type=click.Choice(["turtle", "json-ld", "nt"]), default="turtle")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@graph_options
def export_rdf(fmt: str, output: str, graph_settings: settings.GraphSettings) -> None:
    """Export the graph as RDF (PROV-O, QUDT, DCTERMS/BIBO and the llzo namespace).

    \b
    Example:
      llzo-kg export rdf --format turtle -o llzo.ttl
    """
    from graph.backend import connect
    from graph.rdf import export_rdf as write_export

    backend = connect(graph_settings)
    try:
        stats = write_export(backend, output, fmt)
    finally:
        backend.close()
    click.echo(f"wrote {stats.triples} triples ({fmt}) to {output}")


@export.command("csv")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
@graph_options
def export_csv(output: str, graph_settings: settings.GraphSettings) -> None:
    """Export one CSV per entity/fact table.

    \b
    Example:
      llzo-kg export csv -o out/csv
    """
    from graph.backend import connect
    from graph.csvexport import export_csv as write_tables

    backend = connect(graph_settings)
    try:
        counts = write_tables(backend, output)
    finally:
        backend.close()
    click.echo(f"wrote {len(counts)} CSV files ({sum(counts.values())} rows) to {output}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=15,
    show_default=True,
    help="Suggestions of each kind (dopant x site, dopant x method)",
)
@click.option(
    "--include-calculated",
    is_flag=True,
    help="Count calculated reports too (by default a combination only calculated is untested)",
)
@graph_options
def gaps(
    fmt: str, top: int, include_calculated: bool, graph_settings: settings.GraphSettings
) -> None:
    """Rank untested dopant x site and dopant x method combinations worth trying, each with
    the facts that support it (scoring: docs/gaps.md). Experimental reports count.

    \b
    Example:
      llzo-kg gaps --format json
      llzo-kg gaps --include-calculated
    """
    from graph.backend import connect
    from queries.gaps import find_gaps

    backend = connect(graph_settings)
    try:
        found = find_gaps(backend, top=top, include_calculated=include_calculated)
    finally:
        backend.close()
    echo_rows([gap.as_row(support=fmt == "json") for gap in found], fmt)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@graph_options
def report(output: str, graph_settings: settings.GraphSettings) -> None:
    """Write a self-contained HTML report with plots of the graph and its gaps.

    \b
    Example:
      llzo-kg report -o report.html
    """
    from graph.backend import connect
    from queries.report import write_report

    backend = connect(graph_settings)
    try:
        summary = write_report(backend, output)
    finally:
        backend.close()
    marks = ", ".join(f"{name} {count}" for name, count in summary.marks.items())
    click.echo(
        f"wrote {summary.path} ({summary.size} bytes): {summary.facts} facts; marks: "
        f"{marks}; {summary.gaps} gap suggestions; {summary.conflicts} conflicts"
    )


@cli.command()
@click.option(
    "--scale",
    type=int,
    default=100,
    show_default=True,
    help="Size of the generated query graph, in multiples of the review's facts",
)
@click.option(
    "--noop-docs",
    type=int,
    default=1000,
    show_default=True,
    help="Unchanged documents in the nightly no-op run",
)
@click.option(
    "--scaling-docs",
    type=int,
    default=10,
    show_default=True,
    help="Documents in the 1x corpus of the scaling run (10x has ten times as many)",
)
@click.option(
    "--workers-docs",
    type=click.IntRange(min=2),
    default=100,
    show_default=True,
    help="Documents ingested with --workers 1 and 2, side by side",
)
@click.option(
    "--review",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The document to measure on [default: ../shared/corpus/llzo-review-2024.md]",
)
@click.option(
    "--neo4j/--no-neo4j",
    default=True,
    show_default=True,
    help="Measure the Neo4j of tools/neo4j next to FalkorDB (when it can run here)",
)
@click.option("--only-backends", is_flag=True, help="Only the FalkorDB / Neo4j side-by-side part")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
def bench(
    scale: int,
    noop_docs: int,
    scaling_docs: int,
    workers_docs: int,
    review: str | None,
    neo4j: bool,
    only_backends: bool,
    output: str | None,
) -> None:
    """Measure speed and memory side by side and print the figures (a few minutes).

    \b
    Example:
      llzo-kg bench --scale 10 -o bench.json
      llzo-kg bench --only-backends   # review and review x100 on FalkorDB and on Neo4j
    """
    from bench.run import REVIEW, BenchConfig, run, summary

    config = BenchConfig(
        Path(review) if review else REVIEW,
        scale,
        noop_docs,
        scaling_docs,
        neo4j=neo4j,
        only_backends=only_backends,
        workers_docs=workers_docs,
    )
    if not config.review.exists():
        raise LlzoKgError(f"no document to measure on at {config.review}; pass --review PATH")
    results = run(config)
    click.echo(summary(results), nl=False)
    if output:
        Path(output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        click.echo(f"figures written to {output}")


def main() -> None:
    cli(prog_name="llzo-kg")


if __name__ == "__main__":
    main()
