"""The visual report: one self-contained HTML file (inline SVG plots made with matplotlib, inline
CSS, no script, nothing fetched) that shows what the graph knows and where it is silent.

Every plotted mark carries an SVG ``<title>`` (a tooltip naming its sentence and references) and
a link to its row in the table under the plot, which holds the full sentence text: a reader can
always get from a point back to the words it came from.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matplotlib.colors import LogNorm, Normalize
from matplotlib.figure import Figure

from graph.backend import GraphBackend
from llzo_kg.errors import LlzoKgError
from miner.chemistry.garnet import SITES
from queries.gaps import (
    FactRow,
    Gap,
    rank_method_gaps,
    rank_site_gaps,
    read_evidence,
)

log = logging.getLogger(__name__)

ACTIVATION_ENERGY = "activation_energy"
DENSITY = "relative_density"
CONFLICTS_QUERY = "conflicting_reports"  # the canned query, with its defaults
TOP_GAPS = 15  # suggestions plotted per kind (the table lists them all)
SVG_DEFAULTS = {"svg.fonttype": "path", "font.size": 9}


@dataclass
class Point:
    """One plotted mark and the facts behind it (a heatmap cell can hold many)."""

    label: str  # short text for the tooltip's first line
    facts: list[FactRow]
    extra: dict[str, Any] = field(default_factory=dict)  # more table columns


@dataclass
class Section:
    """A heading, a figure (inline SVG) and the table that traces its marks."""

    id: str
    title: str
    caption: str
    svg: str
    points: list[Point]
    columns: list[str] = field(default_factory=list)  # the ``extra`` columns to show


# --- plumbing ------------------------------------------------------------------------------


def _tooltip(point: Point, number: int) -> str:
    lines = [f"#{number} {point.label}"]
    for fact in point.facts[:4]:
        lines.append(f"{fact.source_label()}: {fact.text[:160]}")
    if len(point.facts) > 4:
        lines.append(f"... and {len(point.facts) - 4} more facts (see the table)")
    return "\n".join(lines)


def _mark(artist: Any, section: str, number: int) -> None:
    """Name an artist so its SVG group can get a tooltip and a link to its table row."""
    artist.set_gid(f"{section}-p{number}")
    url = f"#{section}-row{number}"
    if hasattr(artist, "set_urls"):  # a collection (scatter) links each of its members
        artist.set_urls([url])
    else:
        artist.set_url(url)


def _add(points: list[Point], artist: Any, section: str, point: Point) -> None:
    """Record a point and mark the artist that draws it with the point's number (1-based)."""
    points.append(point)
    _mark(artist, section, len(points))


def _dot(ax: Any, x: float | None, y: float | None, size: float, colour: Any, **kw: Any) -> Any:
    """One outlined scatter point: every scatter mark of the report is drawn alike."""
    return ax.scatter([x], [y], s=size, color=colour, edgecolors="black", linewidths=0.4, **kw)


def _svg(fig: Figure, section: str, points: Sequence[Point]) -> str:
    """The figure as an inline ``<svg>`` element with a ``<title>`` in each marked group."""
    buffer = io.StringIO()
    import matplotlib

    with matplotlib.rc_context({**SVG_DEFAULTS, "svg.hashsalt": section}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    titles = {f"{section}-p{n}": _tooltip(p, n) for n, p in enumerate(points, 1)}

    def add_title(match: re.Match[str]) -> str:
        gid = match.group(1)
        return f"{match.group(0)}\n<title>{html.escape(titles[gid])}</title>"

    return re.sub(r'<g id="(' + re.escape(section) + r'-p\d+)"[^>]*>', add_title, text)


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _empty(ax: Any, what: str) -> None:
    ax.text(
        0.5,
        0.5,
        f"no {what} in the graph",
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="#666666",
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _colours(names: Iterable[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return {name: cmap(i % 20) for i, name in enumerate(sorted(set(names)))}


def _fmt(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    text = f"{value:.3g}" if 1e-2 <= abs(value) < 1e4 else f"{value:.2e}"
    return f"{text} {unit}" if unit else text


def _dopants(fact: FactRow) -> str:
    return ", ".join(
        f"{d.element}@{d.site or '?'}" + (f" x={d.amount:g}" if d.amount else "")
        for d in fact.dopants
    )


def _garnet(facts: Sequence[FactRow]) -> list[FactRow]:
    return [f for f in facts if f.is_garnet]


def _conductivities(facts: Sequence[FactRow]) -> list[FactRow]:
    return [f for f in facts if f.room_temperature_conductivity is not None]


def _once_per_sample(facts: Sequence[FactRow]) -> list[FactRow]:
    """One fact per sample, property and value (the smallest key): a table row and its text
    restatement are one point."""
    seen: dict[tuple[Any, ...], FactRow] = {}
    for fact in sorted(facts, key=lambda f: f.key):
        seen.setdefault((fact.sample or fact.key, fact.property, fact.value), fact)
    return list(seen.values())


# --- the plots -----------------------------------------------------------------------------


def heatmap_section(facts: Sequence[FactRow]) -> Section:
    """Dopant element x lattice site: how many facts report it, and the best room-temperature
    conductivity reached."""
    cells: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    for fact in _garnet(facts):
        for dop in fact.dopants:
            if dop.site:
                cells[dop.element, dop.site].append(fact)
    elements = sorted({e for e, _ in cells})
    sites = list(SITES)
    fig = _figure(9.5, max(2.6, 0.32 * len(elements) + 1.4))
    axes = fig.subplots(1, 2)
    points: list[Point] = []
    if not cells:
        for ax in axes:
            _empty(ax, "dopant with a known site")
    best = {
        k: max(
            (
                f.room_temperature_conductivity
                for f in v
                if f.room_temperature_conductivity is not None
            ),
            default=None,
        )
        for k, v in cells.items()
    }
    count_norm = Normalize(0, max((len(v) for v in cells.values()), default=1))
    sigmas = [s for s in best.values() if s]
    sigma_norm = LogNorm(min(sigmas), max(sigmas) * 1.0001) if sigmas else None
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    for ax, what in zip(axes, ("reports", "best σ (S/cm)"), strict=True):
        if not cells:
            continue
        cmap = colormaps["Blues" if what == "reports" else "viridis"]
        for (element, site), cell_facts in sorted(cells.items()):
            x, y = sites.index(site), elements.index(element)
            if what == "reports":
                value, colour = len(cell_facts), cmap(count_norm(len(cell_facts)))
                text = str(value)
            else:
                value = best[element, site]
                colour = cmap(sigma_norm(value)) if value and sigma_norm else "#eeeeee"
                text = f"{value:.0e}" if value else "–"
            rect = Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour, edgecolor="white")
            ax.add_patch(rect)
            _add(
                points,
                rect,
                "heatmap",
                Point(
                    f"{element} on {site}: {len(cell_facts)} reports, best "
                    f"{_fmt(best[element, site], 'S/cm') or 'no RT conductivity'} ({what})",
                    cell_facts,
                    {
                        "dopant": element,
                        "site": site,
                        "reports": len(cell_facts),
                        "best σ (S/cm)": _fmt(best[element, site]),
                    },
                ),
            )
            dark = what == "reports" and count_norm(len(cell_facts)) > 0.6
            ax.text(
                x,
                y,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark or (what != "reports" and value) else "black",
            )
        ax.set_xlim(-0.5, len(sites) - 0.5)
        ax.set_ylim(len(elements) - 0.5, -0.5)
        ax.set_xticks(range(len(sites)), sites)
        ax.set_yticks(range(len(elements)), elements)
        ax.set_xlabel("site")
        ax.set_title(f"dopant × site: {what}")
    return Section(
        "heatmap",
        "Dopant × site",
        (
            "Left: number of facts (measurements, doping and synthesis reports) for each dopant "
            "element on each lattice site of garnet materials. Right: the best measured ionic "
            "conductivity at room temperature (≤30 °C, calculations excluded). Each cell appears "
            "twice (once per panel) and links to one table row listing every fact behind it."
        ),
        _svg(fig, "heatmap", points),
        points,
        ["dopant", "site", "reports", "best σ (S/cm)"],
    )


def amount_section(facts: Sequence[FactRow]) -> Section:
    """Conductivity against the dopant amount, one colour per dopant element (a co-doped
    material gives one point per dopant)."""
    series: dict[str, list[tuple[float, FactRow, str]]] = defaultdict(list)
    for fact in _once_per_sample(_conductivities(_garnet(facts))):
        for dop in fact.dopants:
            if dop.amount is not None:
                series[dop.element].append((dop.amount, fact, dop.site or "?"))
    fig = _figure(8, 4.2)
    ax = fig.subplots()
    points: list[Point] = []
    colours = _colours(series)
    for element in sorted(series):
        for i, (amount, fact, site) in enumerate(
            sorted(series[element], key=lambda t: (t[0], t[1].key))
        ):
            sigma = fact.room_temperature_conductivity
            dot = _dot(ax, amount, sigma, 28, colours[element], label=element if i == 0 else None)
            _add(
                points,
                dot,
                "amount",
                Point(
                    f"{element}@{site} x={amount:g}: {_fmt(sigma, 'S/cm')} ({fact.material_name})",
                    [fact],
                    {
                        "dopant": f"{element}@{site}",
                        "x": f"{amount:g}",
                        "σ (S/cm)": _fmt(sigma),
                        "material": fact.material_name,
                    },
                ),
            )
    if points:
        ax.set_yscale("log")
        ax.set_xlabel("dopant amount x (per formula unit)")
        ax.set_ylabel("ionic conductivity at RT (S/cm)")
        ax.legend(title="dopant", fontsize=7, ncols=2, loc="best")
        ax.grid(True, which="major", alpha=0.3)
    else:
        _empty(ax, "conductivity with a dopant amount")
    ax.set_title("conductivity vs dopant amount")
    return Section(
        "amount",
        "Conductivity against dopant amount",
        (
            "Room-temperature ionic conductivity (measured) against the amount x of each dopant "
            "in the formula unit; a co-doped material gives one point per dopant."
        ),
        _svg(fig, "amount", points),
        points,
        ["dopant", "x", "σ (S/cm)", "material"],
    )


def method_section(facts: Sequence[FactRow]) -> Section:
    """Conductivity and relative density by synthesis/sintering method (strip plots)."""
    garnet = _garnet(facts)
    panels = [
        (
            "σ at RT (S/cm)",
            [
                (f, f.room_temperature_conductivity)
                for f in garnet
                if f.room_temperature_conductivity is not None
            ],
            True,
        ),
        (
            "relative density (%)",
            [
                (f, f.value)
                for f in garnet
                if f.property == DENSITY and f.value is not None and f.basis == "experimental"
            ],
            False,
        ),
    ]
    methods = sorted({m for _, rows, _ in panels for f, _ in rows for m in f.methods})
    fig = _figure(9.5, 4.6)
    axes = fig.subplots(1, 2)
    points: list[Point] = []
    colours = _colours(methods)
    for ax, (what, rows, log_scale) in zip(axes, panels, strict=True):
        placed = [(m, f, v) for f, v in rows for m in f.methods]
        if not placed:
            _empty(ax, f"{what.split(' (')[0]} with a method")
            continue
        by_method: dict[str, list[tuple[FactRow, float]]] = defaultdict(list)
        for method, fact, value in placed:
            by_method[method].append((fact, value))
        for x, method in enumerate(methods):
            ranked = sorted(by_method.get(method, []), key=lambda t: (t[1], t[0].key))
            for i, (fact, value) in enumerate(ranked):
                # alternate sides of the column so close values do not overlap
                step = min(0.08, 0.7 / max(len(ranked), 1))
                jitter = (i + 1) // 2 * step * (1 if i % 2 else -1)
                _add(
                    points,
                    _dot(ax, x + jitter, value, 24, colours[method]),
                    "method",
                    Point(
                        f"{method}: {what.split(' (')[0]} {_fmt(value, fact.unit)} "
                        f"({fact.material_name})",
                        [fact],
                        {
                            "method": method,
                            "quantity": what,
                            "value": _fmt(value),
                            "material": fact.material_name,
                        },
                    ),
                )
        ax.set_xticks(range(len(methods)), methods, rotation=40, ha="right", fontsize=7)
        ax.set_xlim(-0.6, len(methods) - 0.4)
        if log_scale:
            ax.set_yscale("log")
        ax.set_ylabel(what)
        ax.grid(True, axis="y", alpha=0.3)
        ax.set_title(f"{what.split(' (')[0]} by method")
    return Section(
        "method",
        "Conductivity and density by method",
        (
            "Measured room-temperature ionic conductivity (left) and relative density (right) of "
            "garnet materials, by the synthesis or sintering method named with the value; a value "
            "stated with two methods appears under both."
        ),
        _svg(fig, "method", points),
        points,
        ["method", "quantity", "value", "material"],
    )


def _sample(fact: FactRow) -> tuple[str, str]:
    """The sample a fact is of (its sentence or table row when the graph names none)."""
    return (fact.sample or fact.sentence, fact.material)


def activation_pairs(facts: Sequence[FactRow]) -> list[tuple[FactRow, FactRow]]:
    """(activation energy, conductivity) facts of the same sample: values the source reports
    together (one sentence or table row, or the sample the extractor names), experimental only.
    A value restated for the sample (a table row and its text) is paired once."""
    sigmas: dict[tuple[str, str], dict[float, FactRow]] = defaultdict(dict)
    for fact in sorted(_conductivities(facts), key=lambda f: f.key):
        sigmas[_sample(fact)].setdefault(fact.room_temperature_conductivity or 0.0, fact)
    energies: dict[tuple[tuple[str, str], float], FactRow] = {}
    for fact in sorted(facts, key=lambda f: f.key):
        if (
            fact.property == ACTIVATION_ENERGY
            and fact.value is not None
            and fact.basis == "experimental"
        ):
            energies.setdefault((_sample(fact), fact.value), fact)
    pairs = [
        (ea, sigma)
        for (sample, _), ea in energies.items()
        for sigma in sigmas.get(sample, {}).values()
    ]
    return sorted(pairs, key=lambda p: (p[0].key, p[1].key))


def activation_section(facts: Sequence[FactRow]) -> Section:
    pairs = activation_pairs(facts)
    fig = _figure(7, 4.2)
    ax = fig.subplots()
    points: list[Point] = []
    colours = _colours(_dopants(ea) or "undoped" for ea, _ in pairs)
    for ea, sigma in pairs:
        name = _dopants(ea) or "undoped"
        _add(
            points,
            _dot(ax, sigma.room_temperature_conductivity, ea.value, 28, colours[name]),
            "activation",
            Point(
                f"{ea.material_name}: Ea {_fmt(ea.value, 'eV')}, σ "
                f"{_fmt(sigma.room_temperature_conductivity, 'S/cm')}",
                [ea],
                {
                    "material": ea.material_name,
                    "Ea (eV)": _fmt(ea.value),
                    "σ (S/cm)": _fmt(sigma.room_temperature_conductivity),
                },
            ),
        )
    if points:
        ax.set_xscale("log")
        ax.set_xlabel("ionic conductivity at RT (S/cm)")
        ax.set_ylabel("activation energy (eV)")
        ax.grid(True, alpha=0.3)
    else:
        _empty(ax, "activation energy stated with a conductivity")
    ax.set_title("activation energy vs conductivity")
    return Section(
        "activation",
        "Activation energy against conductivity",
        (
            "Each point pairs a measured activation energy with a measured room-temperature "
            "conductivity of the same sample (stated in one sentence or table row, or named one "
            "sample by the extractor; a table row and its text restatement count once)."
        ),
        _svg(fig, "activation", points),
        points,
        ["material", "Ea (eV)", "σ (S/cm)"],
    )


def gaps_section(gaps: Sequence[Gap], facts: Sequence[FactRow]) -> Section:
    """The best suggestions of each kind as bars, with their reasons in the table
    (``llzo-kg gaps`` lists them all)."""
    by_key = {f.sentence: f for f in facts}
    kinds = [("dopant_site", "dopant × site"), ("dopant_method", "dopant × method")]
    fig = _figure(9.5, 0.22 * TOP_GAPS + 1.6)
    axes = fig.subplots(1, 2)
    points: list[Point] = []
    for ax, (kind, title) in zip(axes, kinds, strict=True):
        shown = [g for g in gaps if g.kind == kind][:TOP_GAPS]
        if not shown:
            _empty(ax, f"untested {title} pair with evidence")
            continue
        for y, gap in enumerate(shown):
            (bar,) = ax.barh(
                [y], [gap.score], color="#4c72b0" if kind == "dopant_site" else "#dd8452"
            )
            support = [
                by_key[f["sentence"]]
                for s in gap.support
                for f in s.facts
                if f["sentence"] in by_key
            ]
            _add(
                points,
                bar,
                "gaps",
                Point(
                    f"{gap.dopant} → {gap.target}: score {gap.score:.3f}. {gap.explanation}",
                    list(dict.fromkeys(support)),
                    {
                        "kind": title,
                        "dopant": gap.dopant,
                        "target": gap.target,
                        "score": f"{gap.score:.4f}",
                        "why": gap.explanation,
                    },
                ),
            )
        ax.set_yticks(range(len(shown)), [f"{g.dopant} → {g.target}" for g in shown], fontsize=7)
        ax.set_ylim(len(shown) - 0.5, -0.5)
        ax.set_xlabel("score")
        ax.set_title(f"untested {title}")
    return Section(
        "gaps",
        "Research gaps: untested combinations",
        (
            f"The {TOP_GAPS} best-ranked untested pairs of each kind (docs/gaps.md): dopant × site "
            "by the fit of the ion to the host ion (Shannon radius, charge) boosted by similar "
            "dopants already on that site; dopant × method by similar dopants already made that "
            "way and the conductivity they reached. The table gives the reasons and the facts; "
            "'llzo-kg gaps' lists every suggestion."
        ),
        _svg(fig, "gaps", points),
        points,
        ["kind", "dopant", "target", "score", "why"],
    )


# --- HTML ----------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;
max-width:1180px;color:#222;padding:0 12px}
h1{font-size:24px;margin-bottom:4px} h2{font-size:19px;margin-top:36px;border-bottom:1px solid
#ddd;padding-bottom:4px} .caption{color:#444;max-width:900px} svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:12px;margin:8px 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3} tr:target{background:#fff3b0} .quote{color:#333;max-width:560px}
details summary{cursor:pointer;color:#1f4e9a;margin:6px 0} .muted{color:#777}
.scroll{max-height:640px;overflow:auto}
table.counts{width:auto} .counts td{border:none;padding:1px 12px 1px 0}
"""


def _facts_cell(facts: Sequence[FactRow]) -> str:
    items = []
    for fact in facts:
        refs = ", ".join(r.describe() for r in fact.refs if r.cite_key) or "—"
        value = f" <b>{html.escape(_fmt(fact.value, fact.unit))}</b>" if fact.value else ""
        items.append(
            f"<div><span class=muted>{html.escape(fact.sentence)} · "
            f"{html.escape(fact.kind)}{value} · ref {html.escape(refs)}</span><br>"
            f"<span class=quote>{html.escape(fact.text)}</span></div>"
        )
    return "".join(items)


def _points_table(section: Section) -> str:
    if not section.points:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["#", *section.columns, "source"])
    rows = []
    for number, point in enumerate(section.points, 1):
        cells = "".join(
            f"<td>{html.escape(str(point.extra.get(c, '')))}</td>" for c in section.columns
        )
        rows.append(
            f'<tr id="{section.id}-row{number}"><td>{number}</td>{cells}'
            f"<td>{_facts_cell(point.facts)}</td></tr>"
        )
    return (
        f"<details><summary>{len(section.points)} plotted marks and their sources"
        f"</summary><table><tr>{head}</tr>{''.join(rows)}</table></details>"
    )


def _conflicts_table(conflicts: Sequence[dict[str, Any]]) -> str:
    if not conflicts:
        return "<p class=muted>No conflicting values in the graph.</p>"
    columns = list(dict.fromkeys(k for row in conflicts for k in row))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in conflicts
    )
    return f"<div class=scroll><table id=conflicts-table><tr>{head}</tr>{body}</table></div>"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _fmt(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def render_html(
    facts: Sequence[FactRow],
    gaps: Sequence[Gap],
    conflicts: Sequence[dict[str, Any]],
    title: str = "LLZO knowledge graph",
) -> str:
    """The whole report as one HTML string."""
    builders: list[Callable[[], Section]] = [
        lambda: heatmap_section(facts),
        lambda: amount_section(facts),
        lambda: method_section(facts),
        lambda: activation_section(facts),
        lambda: gaps_section(gaps, facts),
    ]
    sections = [build() for build in builders]
    documents = sorted({f.doc for f in facts})
    garnet = _garnet(facts)
    counts = [
        ("documents", len(documents)),
        ("facts", len(facts)),
        ("facts about garnets", len(garnet)),
        ("materials", len({f.material for f in facts})),
        (
            "calculated, target or general values",
            sum(f.basis not in (None, "experimental") for f in facts),
        ),
        ("measurements", sum(f.kind == "Measurement" for f in facts)),
        ("dopant elements on garnets", len({d.element for f in garnet for d in f.dopants})),
        ("gap suggestions", len(gaps)),
        ("conflicts", len(conflicts)),
    ]
    nav = " · ".join(f'<a href="#{s.id}">{html.escape(s.title)}</a>' for s in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p class=caption>Made by <code>llzo-kg report</code> from the graph. Hover a mark for "
        "its sentence and references; click it to jump to its row in the table below the "
        "plot.</p>",
        "<table class=counts>"
        + "".join(f"<tr><td>{html.escape(k)}</td><td><b>{v}</b></td></tr>" for k, v in counts)
        + "</table>",
        f"<p>Documents: {html.escape(', '.join(documents)) or '—'}</p>",
        f'<p>{nav} · <a href="#conflicts">Conflicts</a></p>',
    ]
    for section in sections:
        parts += [
            f'<section id="{section.id}"><h2>{html.escape(section.title)}</h2>',
            f"<p class=caption>{html.escape(section.caption)}</p>",
            f'<div class=figure id="{section.id}-figure">{section.svg}</div>',
            _points_table(section),
            "</section>",
        ]
    parts += [
        '<section id="conflicts"><h2>Conflicts</h2>',
        "<p class=caption>Where different sources disagree on an intrinsic property "
        "(conductivity, activation energy, ...) of one composition (a formula, or a host with "
        "dopant amounts; never a bare family name, a composite or a cell), measured on the same "
        "basis under comparable conditions (conduction kind, before/after state, temperature "
        "class), by more than the property's factor (3 for conductivities, 1.3 for activation "
        f"energies): one row per such group, its widest pair, from the canned query <code>"
        f"{CONFLICTS_QUERY}</code>; each row shows both compositions as written, methods, "
        "references and sentences.</p>",
        _conflicts_table(conflicts),
        "</section></body></html>",
    ]
    return "\n".join(parts) + "\n"


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    facts: int
    marks: dict[str, int]
    gaps: int
    conflicts: int
    size: int


def _conflicts(backend: GraphBackend) -> list[dict[str, Any]]:
    from queries.runner import get_query, run_query

    return run_query(backend, get_query(CONFLICTS_QUERY))


def write_report(backend: GraphBackend, path: str | Path) -> ReportSummary:
    """Read the graph, rank the gaps and write the report to ``path``."""
    path = Path(path)
    if not path.parent.is_dir():  # say so before spending a second on the plots
        raise LlzoKgError(f"cannot write the report to {path}: No such file or directory")
    facts = read_evidence(backend)
    gaps = rank_site_gaps(facts) + rank_method_gaps(facts)
    conflicts = _conflicts(backend)
    text = render_html(facts, gaps, conflicts)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LlzoKgError(f"cannot write the report to {path}: {exc.strerror}") from None
    marks = {m.group(1): 0 for m in re.finditer(r'<section id="(\w+)"', text)}
    for match in re.finditer(r'<tr id="(\w+)-row\d+"', text):
        marks[match.group(1)] += 1
    marks.pop("conflicts", None)
    log.info("report %s: %d facts, marks %s", path, len(facts), marks)
    return ReportSummary(path, len(facts), marks, len(gaps), len(conflicts), path.stat().st_size)
