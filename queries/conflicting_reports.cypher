// name: conflicting_reports
// question: Where do different sources report the same property of the same material with values differing by more than a factor?
// param: factor = 3.0 (float) — how many times larger the high value must be
// Sources differ when the two facts share no cited reference (a fact citing nothing is its
// document's own claim). Temperatures must match, all of 20–30 °C or not stated counting as room
// temperature. Pairs are formed within each material's reports of one property (grouped
// first), so the cost grows with the graph, not with its square.
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(p:Property)
WITH m, p, collect(f) AS reports
WHERE size(reports) >= 2
UNWIND reports AS a
UNWIND reports AS b
WITH m, p, a, b
WHERE b.value > 0 AND a.value > $factor * b.value
WITH m, p, a, b,
     CASE WHEN coalesce(a.temperatureC, 25.0) >= 20.0 AND coalesce(a.temperatureC, 25.0) <= 30.0
          THEN 25.0 ELSE a.temperatureC END AS ta,
     CASE WHEN coalesce(b.temperatureC, 25.0) >= 20.0 AND coalesce(b.temperatureC, 25.0) <= 30.0
          THEN 25.0 ELSE b.temperatureC END AS tb,
     [(a)-[:CITES]->(ra:Reference) | ra.key] AS refsA,
     [(b)-[:CITES]->(rb:Reference) | rb.key] AS refsB
WHERE ta = tb
WITH m, p, a, b,
     CASE WHEN size(refsA) = 0 THEN [a.doc] ELSE refsA END AS sourcesA,
     CASE WHEN size(refsB) = 0 THEN [b.doc] ELSE refsB END AS sourcesB
WHERE size([x IN sourcesA WHERE x IN sourcesB]) = 0
MATCH (a)-[:STATED_IN]->(sa:Sentence)
MATCH (b)-[:STATED_IN]->(sb:Sentence)
RETURN m.name AS material, p.name AS property, a.value AS highValue, b.value AS lowValue,
       a.value / b.value AS ratio, p.unit AS unit,
       reduce(acc = [], x IN [(a)-[:CITES]->(ha:Reference) | ha.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS highReferences,
       reduce(acc = [], x IN [(b)-[:CITES]->(lb:Reference) | lb.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS lowReferences,
       a.doc AS highDoc, b.doc AS lowDoc, sa.text AS highSentence, sb.text AS lowSentence
ORDER BY ratio DESC, material, property, a.key, b.key
