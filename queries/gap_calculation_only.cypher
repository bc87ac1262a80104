// name: gap_calculation_only
// question: Which material properties are backed only by calculations, with no experimental report?
// param: garnetOnly = true (boolean) — false also lists materials of other families (shown in family)
// A measurement's basis says whether it was calculated (DFT, MD, AIMD) or measured; targets and
// general statements are neither and do not count.
// Which material and property pairs have calculated measurements and no experimental one is
// kept by ingestion (graph/summaries.py: a Summary per material and property, in group
// 'calculated_only' while its experimental count is 0), so the query reads those pairs and
// only their materials' calculated measurements.
MATCH (s:Summary {group: 'calculated_only'})
WITH s, s.material AS mk, s.property AS pk
MATCH (m:Material {key: mk})
WHERE m.family = 'garnet' OR NOT $garnetOnly
WITH s, m, pk
MATCH (p:Property {key: pk})
WITH s, m, p
MATCH (m)<-[:ABOUT]-(f:Measurement)
WHERE f.basis = 'calculated'
WITH s, m, p, f
MATCH (f)-[:OF_PROPERTY]->(p)
OPTIONAL MATCH (f)-[:CITES]->(r:Reference)
WITH s, m, p, f, r.label AS label ORDER BY label
WITH s, m, p, min(f.value) AS minValue, max(f.value) AS maxValue,
     collect(DISTINCT label) AS references
RETURN m.name AS material, m.composition AS composition, m.family AS family, p.name AS property,
       s.calculated AS reports, minValue, maxValue, p.unit AS unit, references
ORDER BY material, m.key, property
