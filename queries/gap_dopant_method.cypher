// name: gap_dopant_method
// question: Which dopant × method combinations were never reported on garnets, among well-studied dopants and methods?
// param: minDopantReports = 2 (integer) — a dopant counts as well studied from this many facts
// param: minMethodReports = 2 (integer) — a method counts as well studied from this many facts
// param: includeCalculated = false (boolean) — true also counts a dopant's calculated reports (a dopant only calculated so far is then well studied)
// Garnet materials only (family 'garnet'). A combination is reported when an experimental fact
// about a garnet carrying the dopant names the method. Methods are synthesis and processing
// routes: a method counts its experimental facts only, so "calculation" (the method of
// calculated facts) is none; a dopant counts its experimental facts, and its calculated ones
// when asked. The counts and the reported combinations are kept by ingestion
// (graph/summaries.py: a Summary per element, with a counter per method its experimental facts
// name, and one per method), so the query reads one node per dopant and method, and the
// dopants' method counters.
// (coalesce around a count: Neo4j would seek the count index of every summary instead.)
MATCH (d:Summary {kind: 'element'})
WITH d, d.count + CASE WHEN $includeCalculated THEN d.calculated ELSE 0 END AS reports
WHERE reports >= $minDopantReports AND reports > 0
OPTIONAL MATCH (c:Summary {group: d.key + '|method'})
WITH d, reports, collect(c.name) AS reported
WITH collect({element: d.element, reports: reports, reported: reported}) AS dopants
MATCH (me:Summary {kind: 'method'})
WHERE coalesce(me.count, 0) >= $minMethodReports AND coalesce(me.count, 0) > 0
UNWIND dopants AS d
WITH d, me
WHERE NOT me.method IN d.reported
RETURN d.element AS dopant, me.method AS method, d.reports AS dopantReports,
       me.count AS methodReports
ORDER BY dopantReports DESC, methodReports DESC, dopant, method
