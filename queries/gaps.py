"""Research-gap analytics: which untested dopant x site and dopant x method combinations the
evidence in the graph suggests trying next, each with the facts that support it.

The evidence is read from the database with one Cypher query (so it works on Neo4j and the
embedded FalkorDB alike); the ranking is done in Python with networkx over two bipartite graphs
(dopant elements x lattice sites, dopant elements x methods) plus the crystal chemistry of the
site (Shannon radii and oxidation states from pymatgen, the host ions of the garnet frame:
``miner.chemistry``). The scoring is described in
docs/gaps.md and its weights are argued in docs/decisions/0800-gap-scoring.md.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graph.backend import GraphBackend
from miner.chemistry.garnet import SITES
from miner.chemistry.sites import SiteChemistry, garnet_sites, site_chemistry

log = logging.getLogger(__name__)

# One row per fact (Measurement, DopingReport or SynthesisReport) with its material (family,
# composition), dopants, methods, sentence, sample and cited references. Staged WITH ...
# collect() keeps the row count equal to the fact count (no dopant x method x reference cross
# product).
EVIDENCE_QUERY = """
MATCH (f)-[:ABOUT]->(m:Material)
MATCH (f)-[:STATED_IN]->(s:Sentence)
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
OPTIONAL MATCH (m)-[:HAS_DOPANT]->(d:Dopant)
WITH f, m, s, p,
     collect({element: d.element, site: d.site, amount: d.amount, charge: d.charge}) AS dopants
OPTIONAL MATCH (f)-[:USING_METHOD]->(meth:Method)
WITH f, m, s, p, dopants, collect(meth.name) AS methods
OPTIONAL MATCH (f)-[:CITES]->(r:Reference)
OPTIONAL MATCH (:Document {key: f.doc})-[l:LISTS]->(r)
WITH f, m, s, p, dopants, methods,
     collect({key: r.key, citeKey: l.citeKey, label: r.label, text: r.text, doi: r.doi}) AS refs
OPTIONAL MATCH (f)-[:OF_SAMPLE]->(sp:Sample)
RETURN labels(f)[0] AS kind, f.key AS key, f.doc AS doc, s.key AS sentence,
       s.section AS section, s.text AS text, s.start AS start, s.end AS end,
       p.name AS property, f.value AS value, f.valueMax AS valueMax, f.unit AS unit,
       f.temperatureC AS temperatureC, f.basis AS basis, f.comparator AS comparator,
       sp.key AS sample, m.key AS material, m.name AS materialName, m.formula AS formula,
       m.composition AS composition, m.family AS family, dopants, methods, refs
ORDER BY doc, sentence, key
"""

CONDUCTIVITY = "ionic_conductivity"
ROOM_TEMPERATURE_MAX_C = 30.0
# log10 conductivity (S/cm) mapped onto 0..1 for the performance term: tetragonal LLZO sits
# near 1e-6, the best garnets near 1e-3.
SIGMA_FLOOR, SIGMA_CEILING = -6.0, -3.0

# Weights and tolerances (argued in docs/decisions/0800-gap-scoring.md).
SITE_WEIGHTS = {"chemistry": 0.5, "topology": 0.3, "performance": 0.2}  # times chemistry
METHOD_WEIGHTS = {"topology": 0.7, "performance": 0.3}


# --- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DopantRow:
    element: str
    site: str | None
    amount: float | None
    charge: int | None


@dataclass(frozen=True)
class RefRow:
    cite_key: str | None
    label: str | None  # "Rossi 2019" when the reference list is known
    text: str | None
    doi: str | None

    def describe(self) -> str:
        """``5a (Rossi 2019)``; just the citation key when nothing more is known."""
        known = self.label and not self.label.endswith(f"[{self.cite_key}]")
        return f"{self.cite_key} ({self.label})" if known else f"{self.cite_key}"


@dataclass(frozen=True)
class FactRow:
    """One fact of the graph with everything needed to plot it and trace it to its source."""

    kind: str
    key: str
    doc: str
    sentence: str
    section: str | None
    text: str
    start: int | None
    end: int | None
    property: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    temperature_c: float | None
    basis: str | None  # experimental, calculated, target, general (None: not a measurement)
    comparator: str | None
    sample: str | None
    material: str
    material_name: str | None
    formula: str | None
    composition: str | None
    family: str
    dopants: tuple[DopantRow, ...]
    methods: tuple[str, ...]
    refs: tuple[RefRow, ...]

    @property
    def is_garnet(self) -> bool:
        """About a garnet material (not a composite, cell or another family)."""
        return self.family == "garnet"

    @property
    def calculated(self) -> bool:
        return self.basis == "calculated"

    def reports(self, include_calculated: bool = False) -> bool:
        """Whether the fact counts as a report of its dopants, sites and methods: an experimental
        one (a doping or synthesis claim without a basis is one), a calculated one when asked;
        never a target or a general statement (decision 0803)."""
        return self.basis in (None, "experimental") or (include_calculated and self.calculated)

    @property
    def cite_keys(self) -> list[str]:
        return [r.cite_key for r in self.refs if r.cite_key]

    @property
    def room_temperature_conductivity(self) -> float | None:
        """The measured (experimental, not calculated, a target or a general statement) ionic
        conductivity at or near room temperature; an upper bound ("< 1e-6") is none."""
        if self.property != CONDUCTIVITY or not self.value or self.value < 0:
            return None
        if self.basis != "experimental" or self.comparator in ("<", "<="):
            return None
        if self.temperature_c is not None and self.temperature_c > ROOM_TEMPERATURE_MAX_C:
            return None
        return self.value

    def source_label(self) -> str:
        """``doc#sentence [ref 5a (Rossi 2019)]``: where a reader finds the statement."""
        refs = ", ".join(r.describe() for r in self.refs if r.cite_key)
        return f"{self.sentence}" + (f" [ref {refs}]" if refs else "")


def read_evidence(backend: GraphBackend) -> list[FactRow]:
    """Every fact of the graph with its material, dopants, methods, sentence and references."""
    return [_fact_row(row) for row in backend.run(EVIDENCE_QUERY)]


def _fact_row(row: dict[str, Any]) -> FactRow:
    dopants = sorted(
        {
            DopantRow(d["element"], d.get("site"), d.get("amount"), d.get("charge"))
            for d in row["dopants"]
            if d and d.get("element")
        },
        key=lambda d: (d.element, d.site or "", d.amount or 0.0),
    )
    refs = sorted(
        {
            RefRow(r.get("citeKey"), r.get("label"), r.get("text"), r.get("doi"))
            for r in row["refs"]
            if r and r.get("key")
        },
        key=lambda r: (_natural(r.cite_key or ""), r.text or ""),
    )
    return FactRow(
        kind=row["kind"],
        key=row["key"],
        doc=row["doc"],
        sentence=row["sentence"],
        section=row.get("section"),
        text=row.get("text") or "",
        start=row.get("start"),
        end=row.get("end"),
        property=row.get("property"),
        value=row.get("value"),
        value_max=row.get("valueMax"),
        unit=row.get("unit"),
        temperature_c=row.get("temperatureC"),
        basis=row.get("basis"),
        comparator=row.get("comparator"),
        sample=row.get("sample"),
        material=row["material"],
        material_name=row.get("materialName"),
        formula=row.get("formula"),
        composition=row.get("composition"),
        family=row.get("family") or "other",
        dopants=tuple(dopants),
        methods=tuple(sorted(set(row.get("methods") or ()))),
        refs=tuple(refs),
    )


def _natural(key: str) -> tuple[int, str]:
    digits = "".join(c for c in key if c.isdigit())
    return (int(digits) if digits else 10**9, key)


# --- bipartite graphs and link prediction ----------------------------------------------------


def dopant(element: str) -> tuple[str, str]:
    return ("dopant", element)


def bipartite_graph(
    facts: Sequence[FactRow], target: str, include_calculated: bool = False
) -> nx.Graph:
    """Dopant elements x ``target`` ("site" or "method") from the garnet facts that report
    (``FactRow.reports``: experimental ones, calculated ones too when asked); an edge holds
    the keys of the facts that report the pair. All four sites are nodes even when empty; the
    host's own elements (Li, La, Zr, O) are never dopants."""
    if target not in ("site", "method"):
        raise ValueError(f"Invalid {target=}: expected 'site' or 'method'")
    graph = nx.Graph()
    if target == "site":
        graph.add_nodes_from((("site", s) for s in SITES), bipartite=1)
    for fact in facts:
        if not fact.is_garnet or not fact.reports(include_calculated):
            continue
        if target == "method":
            graph.add_nodes_from((("method", m) for m in fact.methods), bipartite=1)
        for dop in fact.dopants:
            if dop.element in SITES:
                continue  # Li, La, Zr or O "on a site" is the host itself, not a substitution
            graph.add_node(dopant(dop.element), bipartite=0)
            others = [dop.site] if target == "site" and dop.site else []
            others = fact.methods if target == "method" else others
            for other in others:
                pair = (dopant(dop.element), (target, other))
                if not graph.has_edge(*pair):
                    graph.add_edge(*pair, facts=[])
                if fact.key not in graph.edges[pair]["facts"]:
                    graph.edges[pair]["facts"].append(fact.key)
    return graph


def dopant_similarity(graph: nx.Graph, element: str) -> dict[str, float]:
    """Resource-allocation similarity of ``element`` to every other dopant of the bipartite
    graph: the sum over shared neighbours z of 1/deg(z), so sharing a crowded site or a common
    method counts less than sharing a rare one."""
    me = dopant(element)
    others = [n for n, side in graph.nodes(data="bipartite") if side == 0 and n != me]
    return {
        other[1]: score
        for _, other, score in nx.resource_allocation_index(graph, [(me, o) for o in others])
        if score > 0
    }


# --- ranking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    """A fact that makes a suggestion plausible: a similar dopant already reported there."""

    dopant: str
    similarity: float
    reason: str
    best_conductivity: float | None
    facts: tuple[dict[str, Any], ...]  # {"sentence", "text", "refs", "value"}


@dataclass(frozen=True)
class Gap:
    kind: str  # "dopant_site" or "dopant_method"
    dopant: str
    target: str
    score: float
    topology: float
    performance: float
    chemistry: float | None = None
    ion: str | None = None
    explanation: str = ""
    support: tuple[Support, ...] = field(default_factory=tuple)

    def as_row(self, support: bool = True) -> dict[str, Any]:
        """A row for ``llzo-kg gaps``: flat for tables (``support=False``: the explanation says
        it in words), with the supporting facts as a list for JSON."""
        row: dict[str, Any] = {
            "kind": self.kind,
            "dopant": self.dopant,
            "target": self.target,
            "score": self.score,
            "chemistry": self.chemistry,
            "topology": self.topology,
            "performance": self.performance,
            "explanation": self.explanation,
        }
        if support:
            row["ion"] = self.ion
            row["support"] = [asdict(s) for s in self.support]
        return row


def _squash(value: float) -> float:
    """0..inf onto 0..1 without depending on the other candidates: adding a document does not
    rescale unrelated scores."""
    return value / (1.0 + value)


def _performance(sigma: float | None) -> float:
    if sigma is None or sigma <= 0:
        return 0.0
    return min(1.0, max(0.0, (math.log10(sigma) - SIGMA_FLOOR) / (SIGMA_CEILING - SIGMA_FLOOR)))


class _Evidence:
    """Facts indexed by (element, site) and (element, method) for the explanations."""

    def __init__(self, facts: Sequence[FactRow]) -> None:
        self.by_key = {f.key: f for f in facts}
        self.charges: dict[str, set[int]] = defaultdict(set)
        for fact in facts:
            for dop in fact.dopants:
                if fact.is_garnet and dop.charge is not None:
                    self.charges[dop.element].add(int(dop.charge))

    def support(
        self, graph: nx.Graph, element: str, target: tuple[str, str], similarity: float, reason: str
    ) -> Support:
        keys = graph.edges[dopant(element), target]["facts"]
        facts = [self.by_key[k] for k in keys]
        sigmas = [f.room_temperature_conductivity for f in facts]
        best = max((s for s in sigmas if s is not None), default=None)
        shown = sorted(
            facts,
            key=lambda f: (
                f.room_temperature_conductivity is None,
                -(f.room_temperature_conductivity or 0),
                f.key,
            ),
        )[:3]
        return Support(
            dopant=element,
            similarity=round(similarity, 4),
            reason=reason,
            best_conductivity=best,
            facts=tuple(
                {
                    "sentence": f.sentence,
                    "text": f.text,
                    "refs": f.cite_keys,
                    "value": f.value,
                    "property": f.property,
                }
                for f in shown
            ),
        )


def _side(graph: nx.Graph, side: int) -> list[str]:
    """The sorted names of one side of the bipartite graph (0: dopants, 1: sites or methods)."""
    return sorted(n[1] for n, part in graph.nodes(data="bipartite") if part == side)


def _scored(
    graph: nx.Graph, evidence: _Evidence, element: str, target: tuple[str, str]
) -> tuple[float, float, list[Support]]:
    """The topology and performance scores of (element, target), with the supporting dopants."""
    raw, supports = _topological(graph, evidence, element, target)
    best = max((s.best_conductivity or 0 for s in supports), default=None)
    return _squash(raw), _performance(best), supports


def _topological(
    graph: nx.Graph, evidence: _Evidence, element: str, target: tuple[str, str]
) -> tuple[float, list[Support]]:
    """The resource-allocation 3-path score of (element, target): the summed similarity of the
    dopants already at ``target`` to ``element``; and those dopants as supporting evidence."""
    similar = dopant_similarity(graph, element)
    kind = target[0]
    supports = []
    total = 0.0
    for neighbour in sorted(graph.neighbors(target)):
        other = neighbour[1]
        if other == element or other not in similar:
            continue
        shared = sorted(n[1] for n in nx.common_neighbors(graph, dopant(element), neighbour))
        reason = f"shares {kind} {', '.join(shared)} with {element}"
        total += similar[other]
        supports.append(evidence.support(graph, other, target, similar[other], reason))
    supports.sort(key=lambda s: (-s.similarity, -(s.best_conductivity or 0), s.dopant))
    return total, supports


def _comparable_ions(graph: nx.Graph, evidence: _Evidence, chem: SiteChemistry) -> list[Support]:
    """Dopants already on the site whose ions are closest in radius: the chemistry side of an
    explanation, shown when no similar dopant links the candidate to the site."""
    found = []
    for neighbour in graph.neighbors(("site", chem.site)):
        other = site_chemistry(neighbour[1], chem.site, evidence.charges.get(neighbour[1], ()))
        if other is None:
            continue
        reason = f"{other.ion} on the {chem.site} site, radius {other.radius:.3f} Å"
        closeness = 1.0 - abs(other.radius - chem.radius) / chem.host_radius
        found.append(evidence.support(graph, other.element, ("site", chem.site), closeness, reason))
    found.sort(key=lambda s: (-s.similarity, s.dopant))
    return found[:2]


def _cite(support: Support) -> str:
    best = (
        f"best {support.best_conductivity:.2g} S/cm"
        if support.best_conductivity
        else "no room-temperature conductivity"
    )
    refs = sorted({r for f in support.facts for r in f["refs"]}, key=_natural)
    where = ", ".join(dict.fromkeys(f["sentence"] for f in support.facts))
    return (
        f"{support.dopant} ({support.reason}; {best}; {where}"
        + (f"; ref {', '.join(refs)}" if refs else "")
        + ")"
    )


def rank_site_gaps(facts: Sequence[FactRow], include_calculated: bool = False) -> list[Gap]:
    """Dopant x site pairs no experimental garnet fact reports (nor a calculated one, when
    ``include_calculated``), best first."""
    graph = bipartite_graph(facts, "site", include_calculated)
    evidence = _Evidence(facts)
    gaps = []
    for element in _side(graph, 0):
        for site in SITES:
            target = ("site", site)
            if graph.has_edge(dopant(element), target):
                continue
            if site not in garnet_sites(element):
                continue  # ruled out by charge or radius (Ta on O, F on a cation site)
            chem = site_chemistry(element, site, evidence.charges.get(element, ()))
            if chem is None:
                continue  # no ion of the host's sign: an anion on a cation site or vice versa
            topology, performance, supports = _scored(graph, evidence, element, target)
            # chemistry gates the evidence: literature support can double a fitting ion's
            # score but never makes a misfit ion plausible
            score = chem.score * (
                SITE_WEIGHTS["chemistry"]
                + SITE_WEIGHTS["topology"] * topology
                + SITE_WEIGHTS["performance"] * performance
            )
            shown = supports[:3] or _comparable_ions(graph, evidence, chem)
            lead = "similar dopants there: " if supports else "closest ions there: "
            explanation = f"{element} on the {site} site: {chem.describe()}" + (
                f"; {lead}" + "; ".join(_cite(s) for s in shown)
                if shown
                else f"; no dopant reported on the {site} site yet"
            )
            gaps.append(
                Gap(
                    "dopant_site",
                    element,
                    site,
                    round(score, 4),
                    round(topology, 4),
                    round(performance, 4),
                    round(chem.score, 4),
                    chem.ion,
                    explanation,
                    tuple(shown),
                )
            )
    return _ordered(gaps)


def rank_method_gaps(facts: Sequence[FactRow], include_calculated: bool = False) -> list[Gap]:
    """Untested dopant x method pairs of the reporting garnet facts (``rank_site_gaps``) with
    some supporting evidence, best first (a pair no similar dopant links to has no evidence and
    is left out)."""
    graph = bipartite_graph(facts, "method", include_calculated)
    evidence = _Evidence(facts)
    gaps = []
    methods = _side(graph, 1)
    for element in _side(graph, 0):
        for method in methods:
            target = ("method", method)
            if graph.has_edge(dopant(element), target):
                continue
            topology, performance, supports = _scored(graph, evidence, element, target)
            if not supports:
                continue
            score = (
                METHOD_WEIGHTS["topology"] * topology + METHOD_WEIGHTS["performance"] * performance
            )
            explanation = f"{element} by {method}: similar dopants made this way: " + "; ".join(
                _cite(s) for s in supports[:3]
            )
            gaps.append(
                Gap(
                    "dopant_method",
                    element,
                    method,
                    round(score, 4),
                    round(topology, 4),
                    round(performance, 4),
                    None,
                    None,
                    explanation,
                    tuple(supports[:3]),
                )
            )
    return _ordered(gaps)


def _ordered(gaps: list[Gap]) -> list[Gap]:
    return sorted(gaps, key=lambda g: (-g.score, g.dopant, g.target))


def find_gaps(
    backend: GraphBackend, top: int | None = None, include_calculated: bool = False
) -> list[Gap]:
    """Ranked dopant x site suggestions, then dopant x method ones (``top`` of each), from the
    experimental facts (and the calculated ones, when ``include_calculated``)."""
    facts = read_evidence(backend)
    sites = rank_site_gaps(facts, include_calculated)
    methods = rank_method_gaps(facts, include_calculated)
    log.info(
        "gap analysis over %d facts: %d site and %d method candidates",
        len(facts),
        len(sites),
        len(methods),
    )
    return sites[:top] + methods[:top] if top is not None else sites + methods
