"""Summaries kept by ingestion, so that the canned queries that summarise the whole graph read a
few summary nodes instead of scanning every fact (issue #19, docs/decisions/0511).

Two levels, both rewritten at the end of every write and delete statement of graph/writer.py,
in that same statement (so a document and its summaries change together, atomically):

- ``Tally``: what one document says about one material (its experimental reports and its
  calculated facts, room-temperature conductivities, lowest activation energy, methods,
  references), computed in Python from that document's own rows: owned by the document
  (``doc``), deleted and remade with it. It keeps a snapshot of its material as it was
  counted (folded family, dopant elements and element/site pairs).
- ``Summary``: counters (``count`` of experimental reports and ``calculated`` of calculated
  facts, deleted when both are 0) per method, per element (with a counter per method), per
  element and site (with counters per method and reference and a ``values`` node per tally for
  the medians) and per reference (with a counter per
  document). A statement takes its documents' old tallies out of them and puts the new ones in,
  and moves every tally whose material's snapshot changed (a fold by another document): the
  work follows the statement's documents, never the graph.

The result depends on the graph's content only, never on the order documents came in: an
incremental run equals a fresh one (tested through the graph fingerprint). Summary nodes have no
relationships, so deleting them after the writer's deletions is safe from FalkorDB's faulty
rollback of deleted nodes' relationships (docs/decisions/0501-one-statement-per-document.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from graph.rows import DocumentRows

LABELS = ("Tally", "Summary")


def _sorted(items: str, name: str) -> str:
    """Cypher for the sorted list of the distinct values of ``items`` (an insertion sort: for
    the short lists of one tally or one summary; ``name`` keeps comprehension variables apart)."""
    return (
        f"reduce(acc{name} = [], x{name} IN {items} | CASE WHEN x{name} IN acc{name} "
        f"THEN acc{name} ELSE [y{name} IN acc{name} WHERE y{name} < x{name}] + [x{name}] "
        f"+ [y{name} IN acc{name} WHERE y{name} > x{name}] END)"
    )


def _count(key: str, group: str, name: str, delta: str) -> str:
    """Cypher adding ``delta`` to the counter node ``key`` (a name counted in a group)."""
    return (
        f"MERGE (c:Summary {{key: {key}}}) ON CREATE SET c.kind = 'count', c.group = {group}, "
        f"c.name = {name}, c.count = 0 SET c.count = c.count + {delta}"
    )


def _methods(t: str, sign: str, prefix: str) -> str:
    """Cypher adding or taking away tally ``t`` from the method summaries of ``prefix``
    ('method': garnets only, 'method_any': every family): per method its reports, a counter
    per material and the tally's room-temperature conductivities and relative densities
    that name the method (a ``values`` node), for method_performance's medians. A tally
    written before the per-method values (no ``mrtAt``) was counted in the reports only."""
    key = f"'{prefix}|' + {t}.methods[i]"
    material = _count(
        f"{key} + '|material|' + {t}.material",
        f"{key} + '|material'",
        f"{t}.material",
        f"{sign} * {t}.methodCounts[i]",
    )
    return f"""
  FOREACH (i IN range(0, size(coalesce({t}.methods, [])) - 1) |
    MERGE (s:Summary {{key: {key}}})
    ON CREATE SET s.kind = '{prefix}', s.method = {t}.methods[i], s.count = 0
    SET s.count = s.count + {sign} * {t}.methodCounts[i]
    FOREACH (new IN CASE WHEN {t}.mrtAt IS NULL THEN [] ELSE [1] END |
      {material}
      FOREACH (rt IN [[j IN range(0, size({t}.mrtAt) - 1) WHERE {t}.mrtAt[j] = i | {t}.mrt[j]]] |
        FOREACH (rd IN [[j IN range(0, size({t}.mrdAt) - 1) WHERE {t}.mrdAt[j] = i | {t}.mrd[j]]] |
          FOREACH (y IN CASE WHEN size(rt) > 0 OR size(rd) > 0 THEN [1] ELSE [] END |
            MERGE (v:Summary {{key: {key} + '|values|' + {t}.key}})
            ON CREATE SET v.kind = 'values', v.group = {key} + '|values', v.count = 0
            SET v.count = v.count + {sign}, v.rt = rt, v.rd = rd)))))
"""


def _contribution(t: str, sign: str, family: str, elements: str, sites: str) -> str:
    """Cypher adding (``sign`` 1) or taking away (-1) tally ``t`` from the family-dependent
    summaries, under the given snapshot of its material: the garnet method sums, the element
    sums and method counters, and per element/site the reports, method and reference counters
    and the tally's own conductivities and activation energy (a ``values`` node)."""
    dsg = "'dopant_site|' + g"
    return f"""
FOREACH (z IN CASE WHEN {family} = 'garnet' THEN [1] ELSE [] END |{_methods(t, sign, "method")}
  FOREACH (ek IN {elements} |
    MERGE (s:Summary {{key: 'element|' + ek}})
    ON CREATE SET s.kind = 'element', s.element = ek, s.count = 0, s.calculated = 0
    SET s.count = s.count + {sign} * {t}.reports,
        s.calculated = s.calculated + {sign} * {t}.calculated
    FOREACH (n IN {t}.methods |
      {_count("'element|' + ek + '|method|' + n", "'element|' + ek + '|method'", "n", sign)}))
  FOREACH (g IN CASE WHEN {t}.reports > 0 OR {t}.calculated > 0 THEN {sites} ELSE [] END |
    MERGE (s:Summary {{key: {dsg}}})
    ON CREATE SET s.kind = 'dopant_site', s.element = split(g, '|')[0],
        s.site = split(g, '|')[1], s.count = 0, s.calculated = 0
    SET s.count = s.count + {sign} * {t}.reports,
        s.calculated = s.calculated + {sign} * {t}.calculated
    FOREACH (n IN {t}.methods |
      {_count(dsg + " + '|method|' + n", dsg + " + '|method'", "n", sign)})
    FOREACH (n IN {t}.expRefs |
      {_count(dsg + " + '|reference|' + n", dsg + " + '|reference'", "n", sign)})
    FOREACH (y IN CASE WHEN size({t}.rt) > 0 OR {t}.ea IS NOT NULL THEN [1] ELSE [] END |
      MERGE (v:Summary {{key: {dsg} + '|values|' + {t}.key}})
      ON CREATE SET v.kind = 'values', v.group = {dsg} + '|values', v.count = 0
      SET v.count = v.count + {sign}, v.rt = {t}.rt, v.ea = {t}.ea)))
"""


def _references(tallies: str, sign: str) -> str:
    """Cypher adding or taking away the reference counts of ``tallies`` (family-independent):
    per reference the facts citing it, and per reference and document a counter."""
    return f"""
FOREACH (t IN {tallies} |
  FOREACH (i IN range(0, size(t.refs) - 1) |
    MERGE (s:Summary {{key: 'reference|' + t.refs[i]}})
    ON CREATE SET s.kind = 'reference', s.reference = t.refs[i], s.count = 0
    SET s.count = s.count + {sign} * t.refCounts[i]
    {
        _count(
            "'reference|' + t.refs[i] + '|document|' + t.doc",
            "'reference|' + t.refs[i] + '|document'",
            "t.doc",
            f"{sign} * t.refCounts[i]",
        )
    }))
"""


def _materials(tallies: str, sign: str) -> str:
    """Cypher adding or taking away the per-material counts of ``tallies`` (family-independent,
    the family is read from the material when asked): per material and property its
    experimental and calculated measurements, in group 'calculated_only' while none is
    experimental; per material its experimental conductivities, activation energies and
    densities, in group 'unmeasured' while it has a conductivity but lacks one of the others.
    The group is set in a nested FOREACH: FalkorDB 4.16 evaluates a second SET clause on the
    values before the first, a nested FOREACH sees them moved (so does Neo4j)."""
    return f"""
FOREACH (t IN {tallies} |
  FOREACH (new IN CASE WHEN t.mrtAt IS NULL THEN [] ELSE [1] END |
    {_methods("t", sign, "method_any")})
  FOREACH (i IN range(0, size(coalesce(t.props, [])) - 1) |
    MERGE (s:Summary {{key: 'property|' + t.material + '|' + t.props[i]}})
    ON CREATE SET s.kind = 'material_property', s.material = t.material,
        s.property = t.props[i], s.count = 0, s.calculated = 0
    SET s.count = s.count + {sign} * t.propReports[i],
        s.calculated = s.calculated + {sign} * t.propCalculated[i]
    FOREACH (g IN [CASE WHEN s.count = 0 AND s.calculated > 0 THEN 'calculated_only'
                        ELSE 'material_property' END] | SET s.group = g))
  FOREACH (z IN CASE WHEN coalesce(t.measured, 0) > 0 THEN [1] ELSE [] END |
    MERGE (s:Summary {{key: 'material|' + t.material}})
    ON CREATE SET s.kind = 'material', s.material = t.material, s.count = 0,
        s.conductivity = 0, s.activationEnergy = 0, s.density = 0
    SET s.count = s.count + {sign} * t.measured,
        s.conductivity = s.conductivity + {sign} * t.conductivity,
        s.activationEnergy = s.activationEnergy + {sign} * t.activationEnergy,
        s.density = s.density + {sign} * t.density
    FOREACH (g IN [CASE WHEN s.conductivity > 0 AND (s.activationEnergy = 0 OR s.density = 0)
                        THEN 'unmeasured' ELSE 'material' END] | SET s.group = g)))
"""


# 1. The old tallies of the statement's documents leave every summary (under the snapshot they
# were counted with); the fresh ones (``$summary.tallies``) enter the reference counts and are
# created with an empty snapshot, so that step 2 counts them in. Every change is a counter
# moved by a difference (cost follows the documents, not the graph); nested FOREACH, no lists
# built in a reduce (appending to a list copies it).
_SUMS = (
    """
UNWIND [null] + $summary.docs AS dk
OPTIONAL MATCH (t:Tally {doc: dk})
WITH collect(t) AS old"""
    + _references("old", "-1")
    + _references("$summary.tallies", "1")
    + _materials("old", "-1")
    + _materials("$summary.tallies", "1")
    + "FOREACH (t IN old |"
    + _contribution("t", "-1", "t.family", "t.elements", "t.sites")
    + """)
WITH old, [t IN old | t.material] + $summary.materials AS materials
FOREACH (t IN old | DELETE t)
FOREACH (x IN $summary.tallies |
  CREATE (t:Tally) SET t = x, t.family = '', t.elements = [], t.sites = [])
WITH materials
"""
)

# the snapshot of material `m`: its dopants' elements and element/site pairs ('?' = no site)
_SNAPSHOT = f"""
WITH mk, coalesce(m.family, '') AS family,
     {_sorted("[(m)-[:HAS_DOPANT]->(:Dopant)-[:OF_ELEMENT]->(e:Element) | e.key]", "0")} AS els,
     {
    _sorted(
        "[(m)-[:HAS_DOPANT]->(d:Dopant)-[:OF_ELEMENT]->(e2:Element) | "
        "e2.key + '|' + coalesce(d.site, '?')]",
        "1",
    )
} AS sts
"""

# 2. Every tally of a material the statement touched takes the material's family and dopants as
# the graph now holds them (folded across documents): counted out under its old snapshot, in
# under the new one. Then the counters at zero go.
_MOVED = (
    """
UNWIND [null] + materials AS mk
OPTIONAL MATCH (m:Material {key: mk})"""
    + _SNAPSHOT
    + """OPTIONAL MATCH (t:Tally {material: mk})
WHERE t.family <> family OR t.sites <> sts
WITH collect(DISTINCT CASE WHEN t IS NULL THEN null ELSE [t, family, els, sts] END) AS moved
FOREACH (p IN moved |
  FOREACH (t IN [p[0]] |"""
    + _contribution("t", "-1", "t.family", "t.elements", "t.sites")
    + _contribution("t", "1", "p[1]", "p[2]", "p[3]")
    + """))
FOREACH (p IN moved |
  FOREACH (t IN [p[0]] | SET t.family = p[1], t.elements = p[2], t.sites = p[3]))
WITH count(*) AS moved
"""
)

# 3. The counters at zero go (a calculated-only summary keeps its experimental count at zero).
_SWEEP = """
OPTIONAL MATCH (s:Summary {count: 0})
WHERE coalesce(s.calculated, 0) = 0
WITH collect(s) AS unused
FOREACH (s IN unused | DELETE s)
WITH count(*) AS done
"""

REFRESH = _SUMS + _MOVED + _SWEEP
"""The statement part that brings the summaries up to date with ``$summary`` (see
``parameters``); it follows a part ending in one row and ends with ``WITH count(*) AS done``."""


# the bases gap_calculation_only weighs (targets and general statements are neither)
_COUNTED = ("experimental", "calculated")
# the per-material counts of gap_unmeasured_properties: Tally/Summary field -> property
_UNMEASURED = {
    "conductivity": "ionic_conductivity",
    "activationEnergy": "activation_energy",
    "density": "relative_density",
}


def _restated(rows: Sequence[dict[str, Any]]) -> set[str]:
    """Keys of the measurements that restate a value of their sample stated by a measurement of
    smaller key (a table row and its text): they count once in the figures."""
    first: dict[tuple[Any, ...], str] = {}
    for row in rows:
        value = row["props"].get("value")
        if row["sample"] is None or row["property"] is None or value is None:
            continue
        slot = (row["sample"], row["property"], value)
        first[slot] = min(first.get(slot, row["key"]), row["key"])
    return {
        row["key"]
        for row in rows
        if row["sample"] is not None
        and row["property"] is not None
        and row["props"].get("value") is not None
        and first[(row["sample"], row["property"], row["props"]["value"])] < row["key"]
    }


def _counts(lists: Sequence[Sequence[str]]) -> tuple[list[str], list[int]]:
    """The distinct names of ``lists`` (one list per fact), sorted, and how many facts name each."""
    counted = Counter(name for names in lists for name in set(names))
    names = sorted(counted)
    return names, [counted[name] for name in names]


def _by_method(facts: Sequence[dict[str, Any]], methods: list[str]) -> list[tuple[int, float]]:
    """(index of the method in ``methods``, value) for every method each fact names, sorted:
    a tally's values per method, as two flat lists (a property holds no nested list)."""
    return sorted(
        (methods.index(name), f["props"]["value"]) for f in facts for name in f["methods"]
    )


def tallies(rows: DocumentRows) -> list[dict[str, Any]]:
    """One document's tallies, one per material its facts are about (without the family and
    dopant elements, which the statement reads from the graph). What counts is the rule of
    queries/dopant_site_performance.cypher and gap_dopant_method.cypher: a report is an
    experimental fact; a room-temperature conductivity is experimental, not an upper bound and
    not a restatement of a value of its sample; the activation energy is not a lower bound."""
    restated = _restated(rows.measurements)
    by_material: dict[str, list[dict[str, Any]]] = {}
    for name in ("measurements", "dopings", "syntheses"):
        for row in getattr(rows, name):
            by_material.setdefault(row["material"], []).append(row)
    doc = rows.document["key"]
    made = []
    for material in sorted(by_material):
        facts = by_material[material]
        reports = [f for f in facts if f["props"].get("basis") == "experimental"]
        rt_facts = [
            f
            for f in reports
            if f["property"] == "ionic_conductivity"
            and f["key"] not in restated
            and f["props"].get("value") is not None
            and f["props"].get("comparator", "=") not in ("<", "<=")
            and 20.0 <= f["props"].get("temperatureC", 25.0) <= 30.0
        ]
        rd_facts = [
            f
            for f in reports
            if f["property"] == "relative_density"
            and f["key"] not in restated
            and f["props"].get("value") is not None
        ]
        rt = sorted(f["props"]["value"] for f in rt_facts)
        ea = [
            f["props"]["value"]
            for f in reports
            if f["property"] == "activation_energy"
            and f["props"].get("value") is not None
            and f["props"].get("comparator", "=") not in (">", ">=")
        ]
        methods, method_counts = _counts([f["methods"] for f in reports])
        mrt, mrd = _by_method(rt_facts, methods), _by_method(rd_facts, methods)
        measured = Counter(
            (f["property"], f["props"]["basis"])
            for f in facts
            if f["property"] is not None and f["props"].get("basis") in _COUNTED
        )
        props = sorted({prop for prop, _ in measured})
        conductivities = [
            f["props"]["value"]
            for f in reports
            if f["property"] == "ionic_conductivity" and f["props"].get("value") is not None
        ]
        unmeasured = {name: measured[(prop, "experimental")] for name, prop in _UNMEASURED.items()}
        refs, ref_counts = _counts([f["refs"] for f in facts])
        made.append(
            {
                "key": f"{doc}#{material}",
                "doc": doc,
                "material": material,
                "reports": len(reports),
                "calculated": sum(f["props"].get("basis") == "calculated" for f in facts),
                "rt": rt,
                "ea": min(ea) if ea else None,
                "methods": methods,
                "methodCounts": method_counts,
                "refs": refs,
                "refCounts": ref_counts,
                "expRefs": sorted({r for f in reports for r in f["refs"]}),
                "mrt": [value for _, value in mrt],
                "mrtAt": [at for at, _ in mrt],
                "mrd": [value for _, value in mrd],
                "mrdAt": [at for at, _ in mrd],
                "props": props,
                "propReports": [measured[(p, "experimental")] for p in props],
                "propCalculated": [measured[(p, "calculated")] for p in props],
                **unmeasured,
                "measured": sum(unmeasured.values()),
                "icMax": max(conductivities) if conductivities else None,
            }
        )
    return made


def parameters(batch: Sequence[DocumentRows]) -> dict[str, Any]:
    """``$summary`` of a statement writing or deleting these documents: their keys, and the
    materials (with hosts and components) their rows fold into the graph (a fold may change a
    material's family, which moves other documents' tallies)."""
    materials: set[str] = set()
    for rows in batch:
        for row in rows.materials:
            materials.add(row["key"])
            if row["host"] is not None:
                materials.add(row["host"]["key"])
            materials.update(part["key"] for part in row["components"])
    return {
        "docs": sorted(rows.document["key"] for rows in batch),
        "tallies": [tally for rows in batch for tally in tallies(rows)],
        "materials": sorted(materials),
    }
