// name: interfacial_resistance
// question: Which interfacial resistances were reported, for which interface or cell, and what treatment (method, before/after change, sentence) gave them?
// param: limit = 200 (integer) — how many rows to list (the first in the order below)
// Resistance in ohm*cm^2 (area-specific), lowest first; experimental values only. composition
// names the interface's parts (anode, electrolyte, interlayer); state/treatment say whether the
// value is the before or after end of a change the document reports, and what made it; the
// methods the fact names and the sentence say the rest.
// Anchored on the property (a key lookup; the WITH keeps FalkorDB from scanning every measurement);
// the rows are ordered and cut to $limit before their methods and references are read.
MATCH (p:Property {key: 'interfacial_resistance'})
WITH p
MATCH (p)<-[:OF_PROPERTY]-(f:Measurement)-[:ABOUT]->(m:Material)
WHERE f.basis = 'experimental'
MATCH (f)-[:STATED_IN]->(s:Sentence)
WITH f, m, s
ORDER BY f.value, m.name, f.doc, s.start, f.key
LIMIT $limit
RETURN f.value AS resistance, f.unit AS unit, f.temperatureC AS temperatureC, m.name AS material,
       m.composition AS composition, m.family AS family, f.state AS state,
       f.treatment AS treatment,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, f.doc AS doc
ORDER BY resistance, material, doc, s.start, f.key
