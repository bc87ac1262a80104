// name: gap_calculation_only
// question: Which material properties are backed only by calculations, with no experimental report?
// param: garnetOnly = true (boolean) — false also lists materials of other families (shown in family)
// A measurement's basis says whether it was calculated (DFT, MD, AIMD) or measured; targets and
// general statements are neither and do not count.
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(p:Property)
WHERE f.basis IN ['experimental', 'calculated'] AND (m.family = 'garnet' OR NOT $garnetOnly)
WITH m, p, f, [(f)-[:CITES]->(r:Reference) | r.label] AS refs
WITH m, p, count(f) AS reports,
     sum(CASE WHEN f.basis = 'calculated' THEN 1 ELSE 0 END) AS calculatedReports,
     min(f.value) AS minValue, max(f.value) AS maxValue, collect(refs) AS refLists
WHERE calculatedReports = reports
RETURN m.name AS material, m.composition AS composition, m.family AS family, p.name AS property,
       reports, minValue, maxValue, p.unit AS unit,
       reduce(acc = [], x IN reduce(flat = [], l IN refLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references
ORDER BY material, m.key, property
