// name: method_performance
// question: How do synthesis and sintering methods compare on room-temperature ionic conductivity and relative density?
// param: minReports = 1 (integer) — leave out methods with fewer reports
// param: garnetOnly = true (boolean) — false also counts facts about other families
// Garnet materials by default (family 'garnet'); experimental facts only (a calculated value or
// claim is no report of a route: "calculation" is no synthesis method, and targets and general
// statements are no reports either; no upper bounds in the figures). Room temperature = temperatureC
// not stated (null) or 20–30 °C; conductivity in S/cm, relative density in %. reports counts
// every fact naming the method, materials the distinct materials; a value restated for the same
// sample (a table row and its text) counts once in the figures.
// The figures are kept by ingestion (graph/summaries.py): per method a Summary of its reports
// (kind 'method' for garnets, 'method_any' for every family), a counter per material, and per
// document and material the values that name the method (a values node), moved by the
// difference whenever a document is written or removed; the medians are computed here from
// those values nodes, read once per median (a list of them carried through an aggregation
// is hashed as a grouping key: 1.4 s at 100x on FalkorDB).
// (coalesce around a count: Neo4j would seek the count index of every summary instead.)
WITH CASE WHEN $garnetOnly THEN 'method' ELSE 'method_any' END AS kind
MATCH (s:Summary {kind: kind})
WHERE coalesce(s.count, 0) >= $minReports AND coalesce(s.count, 0) > 0
OPTIONAL MATCH (c:Summary {group: s.key + '|material'})
WITH s, count(c) AS materials
OPTIONAL MATCH (v:Summary {group: s.key + '|values'})
UNWIND CASE WHEN v IS NULL OR size(v.rt) = 0 THEN [null] ELSE v.rt END AS x
WITH s, materials, count(x) AS conductivityReports, max(x) AS best,
     percentileCont(x, 0.5) AS median
OPTIONAL MATCH (w:Summary {group: s.key + '|values'})
UNWIND CASE WHEN w IS NULL OR size(w.rd) = 0 THEN [null] ELSE w.rd END AS y
WITH s, materials, conductivityReports, best, median, count(y) AS densityReports,
     max(y) AS bestDensity, percentileCont(y, 0.5) AS medianDensity
RETURN s.method AS method, s.count AS reports, materials, conductivityReports,
       best AS bestRtConductivity, CASE WHEN best IS NULL THEN null ELSE median END
         AS medianRtConductivity,
       densityReports, bestDensity AS bestRelativeDensity,
       CASE WHEN bestDensity IS NULL THEN null ELSE medianDensity END AS medianRelativeDensity
ORDER BY reports DESC, method
