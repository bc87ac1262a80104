"""Gold facts (../shared/gold/GOLD_FORMAT.md): the record and the fields every gold format shares,
read from a JSONL file with an error that names the file and the line. Scoring is
``miner.evaluate``'s; the real-text corpus's own gold (anchors, splits) is ``miner.devcorpus``'s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llzo_kg.errors import LlzoKgError


class GoldError(LlzoKgError):
    """A gold file that cannot be read."""


@dataclass(frozen=True)
class GoldFact:
    id: str
    line: int
    section: str
    source: str
    property: str
    value: float
    value_max: float | None = None
    material: str = ""
    formula: str | None = None
    dopants: tuple[dict[str, Any], ...] = ()
    temperature_C: float | None = None
    methods: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    quote: str = ""
    note: str | None = None


def gold_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The fields every gold format shares (GOLD_FORMAT.md), read from one JSON record."""
    return {
        "id": str(record["id"]),
        "source": record.get("source", "text"),
        "property": record["property"],
        "value": float(record["value"]),
        "value_max": None if record.get("value_max") is None else float(record["value_max"]),
        "material": record.get("material", ""),
        "formula": record.get("formula"),
        "dopants": tuple(record.get("dopants") or ()),
        "temperature_C": record.get("temperature_C"),
        "methods": tuple(record.get("methods") or ()),
        "refs": tuple(str(r) for r in record.get("refs") or ()),
        "note": record.get("note"),
    }


def read_gold(path: str | Path) -> list[GoldFact]:
    """Gold facts from a JSONL file; a bad line is an error naming the file and line."""
    path = Path(path)
    facts: list[GoldFact] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read gold file {path}: {err}") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            facts.append(
                GoldFact(
                    **gold_fields(record),
                    line=int(record["line"]),
                    section=str(record["section"]),
                    quote=record.get("quote", ""),
                )
            )
        except (ValueError, KeyError, TypeError) as err:
            raise GoldError(f"{path}:{number}: invalid gold record: {err}") from err
    return facts
