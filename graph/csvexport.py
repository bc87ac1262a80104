"""The graph as CSV files for pandas users: one table per node label, one per many-valued link.

``measurements.csv`` has a row per Measurement with its properties and the keys of what it links
to once (``material``, ``sentence``, ``property``); links a node can have several of get a table
of their own (``measurement_methods.csv``: measurement, method). Keys join the tables:
``pd.read_csv("measurements.csv").merge(pd.read_csv("materials.csv"), left_on="material",
right_on="key")``. Rows are in key order and read in batches (``graph/dump.py``), so memory does
not grow with the graph and two exports of the same graph are identical.
"""

from __future__ import annotations

import csv
import logging
import os
import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from graph import dump
from graph.backend import GraphBackend
from llzo_kg.errors import LlzoKgError

log = logging.getLogger(__name__)

LIST_SEPARATOR = "; "

_PLURALS = {"Property": "properties"}


def _snake(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


def table_name(label: str) -> str:
    """``Measurement`` -> ``measurements``, ``DopingReport`` -> ``doping_reports``."""
    return _PLURALS.get(label) or _snake(label) + "s"


def link_table_name(spec: dump.NodeSpec, link: dump.Link) -> str:
    """``measurement_methods``, ``document_references``, ``material_dopants``."""
    return f"{_snake(spec.label)}_{link.alias}"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _write_spec(
    backend: GraphBackend, spec: dump.NodeSpec, directory: Path, batch_size: int
) -> dict[str, int]:
    many = [link for link in spec.links if link.many]
    names = [table_name(spec.label)] + [link_table_name(spec, link) for link in many]
    counts = dict.fromkeys(names, 0)
    try:
        _write_tables(backend, spec, directory, batch_size, names, counts)
    except BaseException:
        for name in names:
            (directory / f"{name}.csv.tmp").unlink(missing_ok=True)
        raise
    for name in names:
        os.replace(directory / f"{name}.csv.tmp", directory / f"{name}.csv")
    return counts


def _write_tables(
    backend: GraphBackend,
    spec: dump.NodeSpec,
    directory: Path,
    batch_size: int,
    names: list[str],
    counts: dict[str, int],
) -> None:
    single = [link for link in spec.links if not link.many]
    many = [link for link in spec.links if link.many]
    with ExitStack() as stack:
        writers = {}
        for name in names:
            out = stack.enter_context(
                open(directory / f"{name}.csv.tmp", "w", encoding="utf-8", newline="")
            )
            writers[name] = csv.writer(out, lineterminator="\n")
        source = _snake(spec.label)
        writers[names[0]].writerow(["key", *spec.fields, *(link.alias for link in single)])
        for name, link in zip(names[1:], many, strict=True):
            target = _snake(link.target)
            writers[name].writerow([source, target, *link.props])
        for rows in dump.iter_batches(backend, spec, batch_size):
            for row in rows:
                node = row["node"]
                writers[names[0]].writerow(
                    [
                        row["key"],
                        *(_cell(node.get(f)) for f in spec.fields),
                        *(
                            _cell(row[link.alias][0] if row[link.alias] else None)
                            for link in single
                        ),
                    ]
                )
                for name, link in zip(names[1:], many, strict=True):
                    for value in row[link.alias]:
                        values = value if link.props else (value,)
                        writers[name].writerow([row["key"], *(_cell(v) for v in values)])
                        counts[name] += 1
            counts[names[0]] += len(rows)


def export_csv(
    backend: GraphBackend, directory: str | os.PathLike[str], batch_size: int = dump.DEFAULT_BATCH
) -> dict[str, int]:
    """Write every table into ``directory`` (created when missing); returns rows per table."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise LlzoKgError(f"cannot export CSV into {target}: it is a file, not a directory")
    target.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for spec in dump.SPECS:
        counts.update(_write_spec(backend, spec, target, batch_size))
    log.info("exported %d CSV tables (%d rows) to %s", len(counts), sum(counts.values()), target)
    return counts
