// name: gap_dopant_method
// question: Which dopant × method combinations were never reported on garnets, among well-studied dopants and methods?
// param: minDopantReports = 2 (integer) — a dopant counts as well studied from this many facts
// param: minMethodReports = 2 (integer) — a method counts as well studied from this many facts
// param: includeCalculated = false (boolean) — true also counts a dopant's calculated reports (a dopant only calculated so far is then well studied)
// Garnet materials only (family 'garnet'). A combination is reported when an experimental fact
// about a garnet carrying the dopant names the method. Methods are synthesis and processing
// routes: a method counts its experimental facts only, so "calculation" (the method of
// calculated facts) is none; a dopant counts its experimental facts, and its calculated ones
// when asked. The reported combinations are gathered in one pass,
// then every well-studied pair is looked up in them (the graph is read a fixed number of times,
// whatever the number of pairs).
OPTIONAL MATCH (re:Element)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})
               <-[:ABOUT]-(rf)-[:USING_METHOD]->(rm:Method)
WHERE rf.basis = 'experimental'
WITH collect(DISTINCT re.key + ' ' + rm.key) AS reported
MATCH (e:Element)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})
      <-[:ABOUT]-(f)
WHERE f.basis = 'experimental' OR (f.basis = 'calculated' AND $includeCalculated)
WITH reported, e, count(DISTINCT f.key) AS dopantReports
WHERE dopantReports >= $minDopantReports
WITH reported, collect({element: e.symbol, key: e.key, reports: dopantReports}) AS dopants
MATCH (me:Method)<-[:USING_METHOD]-(g)-[:ABOUT]->(:Material {family: 'garnet'})
WHERE g.basis = 'experimental'
WITH reported, dopants, me, count(DISTINCT g.key) AS methodReports
WHERE methodReports >= $minMethodReports
UNWIND dopants AS dopant
WITH dopant, me, methodReports
WHERE NOT (dopant.key + ' ' + me.key) IN reported
RETURN dopant.element AS dopant, me.name AS method, dopant.reports AS dopantReports,
       methodReports
ORDER BY dopantReports DESC, methodReports DESC, dopant, method
