"""Table facts: one ``measurement`` Fact per numeric cell of a doping/property table.

Public API (stable; the assembler calls it):

- ``table_facts(table, doc_id, *, host=None) -> list[Fact]``
- ``read_columns(table) -> list[Column]`` -- what each column means, from header + footnotes.
- ``parse_value(cell) -> CellValue | None`` -- "1.2–1.75 × 10^-3", "> 90", "≈94", "93-95", "–".

How a table is read (docs/decisions/0401-table-continuation-rows.md):

- Columns are recognised by the meaning of the header cell *and* of the footnote its marker points
  to (``σ ^b)`` with ``b) Li-ion conductivity (room temperature)`` -> ionic conductivity at 25 °C),
  so another paper's table with other column names or order reads the same.
- Group rows ("Cation", "Anion": one filled cell) label the rows below them.
- A row with values but blank site/method/refs cells continues the merged cells of the row above
  (the review's layout prints a vertically merged cell's text on its top row).
- A row holding only dopant/site/amount is part of the composition of the row above it (a co-doped
  sample whose values sit on the top row); with no row above, of the row below.
- Values are never inherited: a blank or "–" value cell is no fact.
- A unit in the header must be one the property is measured in ("Density (g cm^-3)" is not read
  as relative density); values are scaled to the canonical unit of GOLD_FORMAT.md.

Fact fields for a row: ``material`` = the row's composition cell when the table has one (its
formula normalised, its dopants inferred relative to Li7La3Zr2O12 by ``miner.chemistry.garnet``
unless dopant columns state them), else the host (from ``host`` or the caption, "LLZO" by
default) with formula null (``Li7-...`` compositions are ambiguous without the
charge-compensation route);
``sentence`` = -1 (a row is not a sentence; ``provenance.table``/``provenance.row`` locate it);
``start``/``end`` = the row's offsets (spanning merged rows); ``text`` = the cells joined by " | "
(merged rows one per line);
``source`` = "table". Confidence: 0.95 for a row read on its own, 0.85 when cells came from a
merged neighbour (the reading of the layout could be wrong), times 0.9 for an approximate value
("≈", ">").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from corpus.document import Table
from miner.assembly.identity import host_of
from miner.chemistry.family import classify
from miner.chemistry.formula import normalize_formula
from miner.chemistry.garnet import infer_dopants
from miner.property_specs import PropertySpec, load_specs
from miner.records import SITES, Dopant, Fact, Material, Provenance, Where, formula_holds
from miner.table_cells import (
    cell_amounts,
    cell_ions,
    cell_methods,
    cell_refs,
    parse_value,
    plain,
    tidy,
)

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# columns


_ROLE_PATTERNS: dict[str, str] = {
    "refs": r"^\s*refs?\b|reference",
    "method": r"method|synthesis|route|preparation|process|sintering|fabrication",
    "site": r"\bsites?\b|\bposition\b|wyckoff",
    "amount": r"^\s*x\b|amount|content|\bmol\b|concentration|dopant level",
    "dopant": r"dopant|substituent|element|\bion\b|doping",
    "material": r"composition|material|sample|electrolyte|formula|compound",
}


@dataclass(frozen=True)
class Column:
    """What one column means. ``role`` is one of dopant, site, amount, method, refs, property."""

    index: int
    role: str
    header: str
    spec: PropertySpec | None = None
    factor: float = 1.0
    temperature_C: float | None = None


_FOOTNOTE_MARK = re.compile(r"\^?\s*\(?([a-z])\)\s*$")


def _header_meaning(header: str, footnotes: dict[str, str]) -> tuple[str, str]:
    """The header text without its footnote marker, and the footnote it points to ("")."""
    text = plain(header)
    mark = _FOOTNOTE_MARK.search(text)
    if mark and mark.group(1) in footnotes:
        return text[: mark.start()].strip(), plain(footnotes[mark.group(1)])
    return text, ""


def _unit_factor(header: str, spec: PropertySpec) -> float | None:
    """Factor from the unit in the header's brackets to the canonical unit; None when the
    header names a unit this property is not measured in ("Density (g cm^-3)" is no %)."""
    unknown = []
    for bracket in re.findall(r"[\[(]([^\])]*)[\])]", header):
        written = re.sub(r"[\s^]", "", bracket).lower().replace("−", "-")
        if written in spec.table.units:
            return spec.table.units[written]
        if not re.search(r"°c|\brt\b|\d+k$", written):
            unknown.append(written)
    if unknown:
        log.info("table header %r: unit %r is not one of %s", header, unknown[0], spec.name)
        return None
    return 1.0


def _temperature(meaning: str) -> float | None:
    if re.search(r"(?i:room temperature|ambient)|(?<![A-Za-z])RT\b", meaning):
        return 25.0
    m = re.search(r"(-?\d+(?:\.\d+)?)\s*°C", meaning)
    if m:
        return float(m.group(1))
    m = re.search(r"(\d+(?:\.\d+)?)\s*K\b", meaning)
    return float(m.group(1)) - 273.15 if m else None


def read_columns(table: Table) -> list[Column]:
    """The meaning of each column; columns of no known meaning are left out (and logged)."""
    columns: list[Column] = []
    for index, header in enumerate(table.header):
        name, note = _header_meaning(header, table.footnotes)
        column = _property_column(index, header, name, f"{name} {note}")
        if column is not None and not note:
            # the reader may have dropped the marker: a footnote naming the same quantity
            note = next(
                (
                    plain(text)
                    for text in table.footnotes.values()
                    if _spec_of(plain(text)) is column.spec
                ),
                "",
            )
            column = _property_column(index, header, name, f"{name} {note}")
        if column is None:
            role = next(
                (
                    r
                    for r, p in _ROLE_PATTERNS.items()
                    if re.search(p, name, re.I) or (note and re.search(p, note, re.I))
                ),
                None,
            )
            if role is None:
                log.info("table %s: column %r has no known meaning", table.label, header)
                continue
            column = Column(index, role, header)
        columns.append(column)
    return columns


def _spec_of(meaning: str) -> PropertySpec | None:
    """The first property whose declared table header (``properties.toml``) the meaning holds."""
    return next(
        (s for s in load_specs() if s.table is not None and s.table.header.search(meaning)), None
    )


def _property_column(index: int, header: str, name: str, meaning: str) -> Column | None:
    # the footnote names the quantity precisely; the header symbol is the fallback
    spec = _spec_of(meaning)
    factor = _unit_factor(name, spec) if spec is not None else None
    if spec is None or factor is None:
        return None
    return Column(index, "property", header, spec, factor, _temperature(meaning))


# ---------------------------------------------------------------------------------------------
# rows


@dataclass
class _Row:
    index: int
    cells: tuple[str, ...]
    group: str
    rows: list[int] = field(default_factory=list)
    dopants: list[Dopant] = field(default_factory=list)
    methods_text: str = ""
    refs_text: str = ""
    material_text: str = ""
    inherited: bool = False


def _cell(cells: tuple[str, ...], column: Column | None) -> str:
    if column is None or column.index >= len(cells):
        return ""
    return cells[column.index].strip()


def _row_dopants(
    cells: tuple[str, ...], by_role: dict[str, Column], site_from: str = ""
) -> list[Dopant]:
    ions = cell_ions(_cell(cells, by_role.get("dopant")))
    sites = cell_ions(_cell(cells, by_role.get("site")) or site_from)
    amounts = cell_amounts(_cell(cells, by_role.get("amount")))
    dopants = []
    for i, (element, text, charge) in enumerate(ions):
        site = sites[i][0] if i < len(sites) and len(sites) == len(ions) else None
        if site is not None and site not in SITES:
            log.info("site %r of %s is not one of %s; left null", site, text, SITES)
            site = None
        amount = amounts[i] if len(amounts) == len(ions) else None
        dopants.append(
            Dopant(element, text, site, amount, charge, evidence="stated")  # a dopant column
        )
    return dopants


def _has_values(cells: tuple[str, ...], properties: list[Column]) -> bool:
    return any(parse_value(_cell(cells, c)) is not None for c in properties)


def _read_rows(table: Table, by_role: dict[str, Column], properties: list[Column]) -> list[_Row]:
    """Rows as a chemist reads them: group rows dropped, merged cells and compositions joined."""
    data: list[_Row] = []
    pending: list[Dopant] = []  # composition rows before any data row
    pending_rows: list[int] = []
    group = ""
    previous: _Row | None = None
    for index, cells in enumerate(table.rows):
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and cells[0].strip() and not cell_ions(cells[0]):
            group = plain(cells[0])
            continue
        if not filled:
            continue
        values = _has_values(cells, properties)
        if not values:
            dopants = _row_dopants(cells, by_role)
            if not dopants:
                log.info("table %s row %d has no dopant and no value; skipped", table.label, index)
                continue
            if previous is not None:
                previous.dopants += dopants
                previous.rows.append(index)
                previous.inherited = True
            else:
                pending += dopants
                pending_rows.append(index)
            continue
        site_from = ""
        inherited = False
        if previous is not None and not _cell(cells, by_role.get("site")):
            own = cell_ions(_cell(cells, by_role.get("dopant")))
            above = cell_ions(_cell(previous.cells, by_role.get("site")))
            if len(own) == 1 and len(above) == 1:
                site_from, inherited = _cell(previous.cells, by_role.get("site")), True
        row = _Row(
            index,
            cells,
            group,
            [*pending_rows, index],
            [*pending, *_row_dopants(cells, by_role, site_from)],
        )
        row.methods_text = _cell(cells, by_role.get("method"))
        row.refs_text = _cell(cells, by_role.get("refs"))
        row.material_text = _cell(cells, by_role.get("material"))
        if previous is not None:
            if not row.material_text and "material" in by_role:
                row.material_text, inherited = previous.material_text, True
            if not row.methods_text and "method" in by_role:
                row.methods_text, inherited = previous.methods_text, True
            if not row.refs_text and "refs" in by_role:
                row.refs_text, inherited = previous.refs_text, True
        row.inherited = inherited or bool(pending)
        pending, pending_rows = [], []
        data.append(row)
        previous = row
    return data


_HOST_IN_CAPTION = re.compile(r"\b(LLZTO|LLZO|LLTO|LATP|LAGP|LiPON|Li7La3Zr2O12)\b")


def table_facts(table: Table, doc_id: str, *, host: str | None = None) -> list[Fact]:
    """One measurement Fact per numeric cell of ``table`` (see the module docstring)."""
    columns = read_columns(table)
    by_role = {c.role: c for c in columns if c.role != "property"}
    properties = [c for c in columns if c.role == "property"]
    if not properties:
        log.info("table %s has no property column; no facts", table.label)
        return []
    if host is None:
        m = _HOST_IN_CAPTION.search(table.caption)
        host = m.group(1) if m else "LLZO"
    section = table.section or re.sub(r"\W+", "", table.label.lower())
    facts: list[Fact] = []
    for row in _read_rows(table, by_role, properties):
        methods = cell_methods(row.methods_text)
        method_text = plain(row.methods_text)
        provenance = Provenance(
            table=table.label,
            row=row.index,
            merged_rows=tuple(row.rows) if len(row.rows) > 1 else (),
            group=row.group or None,
            method_text=method_text if method_text and not methods else None,
        )
        material, dopants = _row_material(row, host)
        start, end = _row_span(table, row.rows)
        text = "\n".join(" | ".join(plain(c) for c in table.rows[k]) for k in sorted(row.rows))
        where = Where(doc_id, section, -1, start, end, text, "table")
        for column in properties:
            value = parse_value(_cell(row.cells, column))
            if value is None:
                continue
            assert column.spec is not None
            confidence = (0.85 if row.inherited else 0.95) * (
                1.0 if value.comparator == "=" else 0.9
            )
            facts.append(
                Fact.read(
                    "measurement",
                    where,
                    material,
                    dopants,
                    property=column.spec.name,
                    value=tidy(value.value * column.factor),
                    value_max=(
                        tidy(value.value_max * column.factor)
                        if value.value_max is not None
                        else None
                    ),
                    unit=column.spec.unit,
                    comparator=value.comparator,
                    raw=value.raw,
                    temperature_C=column.temperature_C,
                    methods=tuple(methods),
                    refs=tuple(cell_refs(row.refs_text)),
                    confidence=round(confidence, 3),
                    provenance=provenance,
                )
            )
    return facts


def _row_material(row: _Row, host: str) -> tuple[Material, tuple[Dopant, ...]]:
    """The row's own composition when the table has one (dopants inferred from it relative to
    Li7La3Zr2O12 unless dopant columns state them), else the table's host with the row's
    dopants; a doped material names its host (``identity.host_of``)."""
    dopants = tuple(row.dopants)
    if not row.material_text:
        family = classify(host)
        parent = host_of(family, None, dopants, host)
        return Material(host, None, family=family, host=parent), dopants
    text = plain(row.material_text)
    formula = normalize_formula(text)
    if formula and not dopants:
        dopants = tuple(Dopant.implied(d) for d in infer_dopants(formula).dopants)
    family = classify(text, formula)
    parent = host_of(family, formula, dopants)
    own = formula if formula_holds(formula, dopants) else None
    return Material(text, own, family=family, host=parent), dopants


def _row_span(table: Table, rows: list[int]) -> tuple[int, int]:
    if table.row_offsets and max(rows) < len(table.row_offsets):
        return table.row_offsets[min(rows)][0], table.row_offsets[max(rows)][1]
    return table.start, table.end
