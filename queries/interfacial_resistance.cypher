// name: interfacial_resistance
// question: Which interfacial resistances were reported, and what treatment (method, sentence) gave them?
// Resistance in ohm*cm^2 (area-specific), lowest first; treatments are the methods the fact
// names, the sentence says the rest (coatings, interlayers).
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'interfacial_resistance'})
MATCH (f)-[:STATED_IN]->(s:Sentence)
RETURN f.value AS resistance, f.unit AS unit, f.temperatureC AS temperatureC, m.name AS material,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS treatments,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, f.doc AS doc
ORDER BY resistance, material, doc, s.start, f.key
