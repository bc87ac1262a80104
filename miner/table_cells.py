"""The cells of a table as the table reader reads them: a value with its comparator and range
("1.2–1.75 × 10^-3", "> 90", "≈94", "93-95", "–"), ions ("Ga3+, Ba2+"), amounts, method names
and citation keys ("[5a–c, 12]"), each cell first brought to the normalised conventions of
``corpus/document.py``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from corpus.normalize import normalize_text
from miner.chemistry.elements import charge
from miner.methods import method_names

log = logging.getLogger(__name__)

_MISSING = {"", "–", "-", "—", "n/a", "na", "n.a.", "/"}


def plain(cell: str) -> str:
    """Cell text in the normalised conventions of corpus/document.py, whatever the reader left
    (cells built by hand or by another reader may still hold LaTeX or Unicode scripts)."""
    text = normalize_text(cell)
    # "Ga 3+" -> "Ga3+", "O 2-" -> "O2-"
    return re.sub(r"\b([A-Z][a-z]?) ?(\d?[+-])(?=$|[\s,;])", r"\1\2", text)


_NUMBER = r"\d+(?:\.\d+)?"
_VALUE = re.compile(
    rf"^(?P<cmp>>=|<=|≥|≤|>|<|≈|~)?\s*(?P<lo>{_NUMBER})"
    rf"(?:\s*[–-]\s*(?P<hi>{_NUMBER}))?"
    rf"(?:\s*[×x*]\s*10\^?\s*(?P<exp>[-−]?\s*\d+)|[eE](?P<e>[-+−]?\d+))?"
    rf"(?:\s*±\s*{_NUMBER})?$"
)


@dataclass(frozen=True)
class CellValue:
    value: float
    value_max: float | None
    comparator: str  # "=" when none is written
    raw: str


def parse_value(cell: str) -> CellValue | None:
    """A numeric cell as value/upper end/comparator; None for a missing or non-numeric cell."""
    raw = plain(cell)
    if raw.lower() in _MISSING:
        return None
    m = _VALUE.match(raw)
    if not m:
        log.debug("table cell %r is not a value", cell)
        return None
    exponent = m["exp"] or m["e"]
    scale = 10.0 ** int(exponent.replace("−", "-").replace(" ", "")) if exponent else 1.0
    low = float(m["lo"]) * scale
    high = float(m["hi"]) * scale if m["hi"] else None
    comparator = {"≥": ">=", "≤": "<="}.get(m["cmp"] or "=", m["cmp"] or "=")
    return CellValue(tidy(low), tidy(high) if high is not None else None, comparator, raw)


def tidy(number: float) -> float:
    """Drop the binary noise of ``1.24 * 1e-3`` so equal numbers compare equal."""
    return float(f"{number:.12g}")


_ION = re.compile(r"^([A-Z][a-z]?)(\d?)([+-])?$")


def cell_ions(cell: str) -> list[tuple[str, str, int | None]]:
    """'Ga3+, Ba2+' -> [("Ga", "Ga3+", 3), ("Ba", "Ba2+", 2)]; non-ion parts are dropped."""
    out = []
    for part in re.split(r"\s*[,;/]\s*", plain(cell)):
        m = _ION.match(part.strip())
        if not m:
            continue
        out.append((m[1], part.strip(), charge(m[2] + m[3]) if m[3] else None))
    return out


def cell_amounts(cell: str) -> list[float | None]:
    parts = [p.strip() for p in re.split(r"\s*[,;/]\s*", plain(cell))] if cell.strip() else []
    out: list[float | None] = []
    for part in parts:
        value = parse_value(part)
        out.append(value.value if value else None)
    return out


def cell_methods(cell: str) -> list[str]:
    out = []
    for part in re.split(r"\s*(?:[,;/+]|\band\b)\s*", plain(cell)):
        canonical = method_names().get(part.strip().lower())
        if canonical and canonical not in out:
            out.append(canonical)
    return out


def cell_refs(cell: str) -> list[str]:
    """'[31a]' -> ['31a']; '[5a–c, 12]' -> ['5a', '5b', '5c', '12']; '[81–83]' -> 81..83."""
    keys: list[str] = []
    number = ""
    for part in re.split(r"\s*,\s*", plain(cell).strip("[] ")):
        m = re.match(r"^(\d*)([a-z]{0,2})(?:\s*[–-]\s*(\d*)([a-z]{0,2}))?$", part)
        if not m or not (m[1] or m[2]):
            continue
        number = m[1] or number
        if m[3] and not m[2]:  # 81–95
            keys += [str(n) for n in range(int(m[1]), int(m[3]) + 1)]
        elif m[4] and len(m[2]) == 1 and len(m[4]) == 1:  # 5a–e
            keys += [f"{number}{chr(c)}" for c in range(ord(m[2]), ord(m[4]) + 1)]
        else:
            keys.append(f"{number}{m[2]}")
    return list(dict.fromkeys(keys))
