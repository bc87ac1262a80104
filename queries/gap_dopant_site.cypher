// name: gap_dopant_site
// question: Which dopant × lattice-site combinations were never reported, for elements reported on at least one site?
// Sites: Li, La, Zr, O. reports = facts about materials carrying the element (any site).
MATCH (e:Element)<-[:OF_ELEMENT]-(:Dopant)-[:ON_SITE]->(s:Site)
WITH e, collect(DISTINCT s.name) AS reportedSites
MATCH (e)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material)<-[:ABOUT]-(f)
WITH e, reportedSites, count(DISTINCT f.key) AS reports
UNWIND ['Li', 'La', 'Zr', 'O'] AS site
WITH e, reportedSites, reports, site
WHERE NOT site IN reportedSites
RETURN e.symbol AS dopant, site AS missingSite,
       reduce(acc = [], x IN reportedSites | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS reportedSites,
       reports
ORDER BY reports DESC, dopant, missingSite
