// name: top_conductors
// question: Which materials reached the highest room-temperature ionic conductivity, with their dopants, methods, references and the sentence that says so?
// param: limit = 20 (integer) — how many measurements to list
// param: garnetOnly = true (boolean) — false also lists non-garnet electrolytes (sulfides, polymers)
// Room temperature = temperatureC not stated (null) or 20–30 °C; conductivity in S/cm.
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
  AND (m.isGarnet OR NOT $garnetOnly)
MATCH (f)-[:STATED_IN]->(s:Sentence)
RETURN f.value AS conductivity, f.temperatureC AS temperatureC, m.name AS material,
       reduce(acc = [], x IN [(m)-[:HAS_DOPANT]->(dp:Dopant) | dp.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, f.doc AS doc
ORDER BY conductivity DESC, material, doc, s.start, f.key
LIMIT $limit
