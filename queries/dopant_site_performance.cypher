// name: dopant_site_performance
// question: Per dopant element and lattice site: how many reports, the best and median room-temperature ionic conductivity, the lowest activation energy, the methods used and the references?
// param: minReports = 1 (integer) — leave out dopant/site pairs with fewer reports
// Garnet materials only (family 'garnet': a composite's or a cell's values belong to it, not to
// its filler), experimental facts only: a calculated value or doping claim, a target or a
// general statement is no report, its methods ("calculation") are no route and its references
// not listed (gap_calculation_only and evidence show them); no upper bounds as a best. Room
// temperature = temperatureC not stated (null) or 20–30 °C; conductivity in S/cm, activation
// energy in eV. A report is any experimental fact (measurement, doping or synthesis report)
// about a material carrying the dopant; site '?' = not stated.
// A value restated for the same sample (a table row and its text) counts once in the figures.
// Lists are sorted and without repeats.
// The figures are kept by ingestion (graph/summaries.py): per dopant element and site a Summary
// with the reports, counters of its methods and references, and each document's values (per
// document and material: conductivities, lowest activation energy), all moved by the
// difference whenever a document is written or removed; the query reads those few nodes (the
// reference labels from the references: a label changes when another document adds one of the
// same base label).
// (coalesce around a count: Neo4j would seek the count index of every summary instead.)
MATCH (s:Summary {kind: 'dopant_site'})
WHERE coalesce(s.count, 0) >= $minReports AND coalesce(s.count, 0) > 0
OPTIONAL MATCH (v:Summary {group: s.key + '|values'})
UNWIND CASE WHEN v IS NULL OR size(v.rt) = 0 THEN [null] ELSE v.rt END AS x
WITH s, max(x) AS best, percentileCont(x, 0.5) AS median, min(v.ea) AS lowest
OPTIONAL MATCH (cm:Summary {group: s.key + '|method'})
WITH s, best, median, lowest, cm.name AS name ORDER BY name
WITH s, best, median, lowest, collect(name) AS methods
OPTIONAL MATCH (cr:Summary {group: s.key + '|reference'})
WITH s, best, median, lowest, methods, cr.name AS k
OPTIONAL MATCH (r:Reference {key: k})
WITH s, best, median, lowest, methods, r.label AS label ORDER BY label
WITH s, best, median, lowest, methods, collect(label) AS references
RETURN s.element AS dopant, s.site AS site, s.count AS reports, best AS bestRtConductivity,
       CASE WHEN best IS NULL THEN null ELSE median END AS medianRtConductivity,
       lowest AS lowestActivationEnergy, methods, references
ORDER BY reports DESC, dopant, site
