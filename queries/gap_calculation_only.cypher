// name: gap_calculation_only
// question: Which material properties are backed only by calculations, with no experimental report?
// A measurement is calculated when every method it names is 'calculation' (DFT, MD, AIMD).
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(p:Property)
WITH m, p, f, [(f)-[:CITES]->(r:Reference) | r.label] AS refs
WITH m, p, count(f) AS reports,
     sum(CASE WHEN f.calculated THEN 1 ELSE 0 END) AS calculatedReports,
     min(f.value) AS minValue, max(f.value) AS maxValue, collect(refs) AS refLists
WHERE calculatedReports = reports
RETURN m.name AS material, p.name AS property, reports, minValue, maxValue, p.unit AS unit,
       reduce(acc = [], x IN reduce(flat = [], l IN refLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references
ORDER BY material, m.key, property
