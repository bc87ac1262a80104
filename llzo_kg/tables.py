"""Rows (a list of dicts) as a terminal table, CSV or JSON: the output formats of the CLI."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

MAX_CELL = 60


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_rows(rows: list[dict[str, Any]], fmt: str) -> str:
    """``table`` (aligned, long cells cut), ``csv`` (all columns, lists joined with '; ') or
    ``json`` (a list of row objects)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [
                    "; ".join(map(_cell, v)) if isinstance(v, (list, tuple)) else _cell(v)
                    for v in (row.get(c) for c in columns)
                ]
            )
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"Invalid {fmt=}")
    if not rows:
        return "(no rows)\n"
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    cells = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in r] for r in cells]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + f"\n({len(rows)} rows)\n"
