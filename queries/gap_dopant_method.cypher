// name: gap_dopant_method
// question: Which dopant × method combinations were never reported on garnets, among well-studied dopants and methods?
// param: minDopantReports = 2 (integer) — a dopant counts as well studied from this many facts
// param: minMethodReports = 2 (integer) — a method counts as well studied from this many facts
// Garnet materials only (family 'garnet'). A combination is reported when a fact about a garnet
// carrying the dopant names the method. Methods are synthesis and processing routes: a method
// counts its experimental facts only, so "calculation" (the method of calculated facts) is none;
// a dopant counts every fact, calculations included (a dopant only calculated so far is one to
// make). Both counts and the reported combinations are kept by ingestion (graph/summaries.py: a
// Summary per element, with a counter per method named by its facts, and one per method), so
// the query reads one node per dopant and method, and the dopants' method counters.
MATCH (d:Summary {kind: 'element'})
WHERE d.count >= $minDopantReports AND d.count > 0
OPTIONAL MATCH (c:Summary {group: d.key + '|method'})
WITH d, collect(c.name) AS reported
WITH collect({element: d.element, reports: d.count, reported: reported}) AS dopants
MATCH (me:Summary {kind: 'method'})
WHERE me.count >= $minMethodReports AND me.count > 0
UNWIND dopants AS d
WITH d, me
WHERE NOT me.method IN d.reported
RETURN d.element AS dopant, me.method AS method, d.reports AS dopantReports,
       me.count AS methodReports
ORDER BY dopantReports DESC, methodReports DESC, dopant, method
