// name: cell_performance
// question: Which cells reached which capacity, capacity retention, cycle count and Coulombic efficiency, with which electrolyte, anode and cathode?
// param: limit = 200 (integer) — how many rows to list (the first in the order below)
// A cell's values belong to the cell (family 'cell'), whose components name its parts; values of
// one sample (one cell in one document) are one row. Experimental values only; specific
// capacity in mAh/g, retention and efficiency in %, cycles as counted. The rows are ordered and
// cut to $limit before the cells' components are read.
MATCH (c:Material {family: 'cell'})<-[:ABOUT]-(f:Measurement)-[:OF_SAMPLE]->(sp:Sample)
MATCH (f)-[:OF_PROPERTY]->(p:Property)
WHERE f.basis = 'experimental'
  AND p.key IN ['specific_capacity', 'capacity_retention', 'cycle_count', 'coulombic_efficiency']
MATCH (f)-[:STATED_IN]->(s:Sentence)
WITH c, sp, f, p, s, [(f)-[:CITES]->(r:Reference) | r.label] AS refs
WITH c, sp,
     max(CASE WHEN p.key = 'specific_capacity' THEN f.value END) AS specificCapacity,
     max(CASE WHEN p.key = 'capacity_retention' THEN f.value END) AS capacityRetention,
     max(CASE WHEN p.key = 'cycle_count' THEN f.value END) AS cycles,
     max(CASE WHEN p.key = 'coulombic_efficiency' THEN f.value END) AS coulombicEfficiency,
     collect(refs) AS refLists, collect(s.text) AS texts
ORDER BY capacityRetention DESC, c.name, sp.doc, sp.key, c.key
LIMIT $limit
RETURN c.name AS cell,
       [(c)-[:HAS_COMPONENT {role: 'electrolyte'}]->(el:Material) | el.name] AS electrolyte,
       [(c)-[:HAS_COMPONENT {role: 'anode'}]->(an:Material) | an.name] AS anode,
       [(c)-[:HAS_COMPONENT {role: 'cathode'}]->(ca:Material) | ca.name] AS cathode,
       specificCapacity, capacityRetention, cycles, coulombicEfficiency,
       reduce(acc = [], x IN reduce(flat = [], l IN refLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       reduce(acc = [], x IN texts | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS sentences,
       sp.doc AS doc
ORDER BY capacityRetention DESC, cell, doc, sp.key, c.key
