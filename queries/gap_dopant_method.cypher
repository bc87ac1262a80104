// name: gap_dopant_method
// question: Which dopant × method combinations were never reported, among well-studied dopants and methods?
// param: minDopantReports = 2 (integer) — a dopant counts as well studied from this many facts
// param: minMethodReports = 2 (integer) — a method counts as well studied from this many facts
// A combination is reported when a fact about a material carrying the dopant names the method.
MATCH (e:Element)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material)<-[:ABOUT]-(f)
WITH e, count(DISTINCT f.key) AS dopantReports
WHERE dopantReports >= $minDopantReports
WITH collect({element: e.symbol, reports: dopantReports}) AS dopants
MATCH (me:Method)<-[:USING_METHOD]-(g)
WITH dopants, me, count(DISTINCT g.key) AS methodReports
WHERE methodReports >= $minMethodReports
UNWIND dopants AS dopant
OPTIONAL MATCH (:Element {key: dopant.element})<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material)
               <-[:ABOUT]-(h)-[:USING_METHOD]->(me)
WITH dopant, me, methodReports, count(h) AS together
WHERE together = 0
RETURN dopant.element AS dopant, me.name AS method, dopant.reports AS dopantReports,
       methodReports
ORDER BY dopantReports DESC, methodReports DESC, dopant, method
