// name: gap_dopant_site
// question: Which plausible dopant × lattice-site combinations were never reported on garnets, for elements reported on at least one site?
// Sites: Li, La, Zr, O of Li7La3Zr2O12. Plausible = a site the element's ions can take by charge
// and radius (Element.garnetSites, stored by ingestion from the site chemistry of queries/gaps.py:
// the host ion's sign, radius mismatch ≤ 40 %, charge difference ≤ 2), so Ta is never proposed
// on O nor F on a cation site; the host's own elements are never dopants. Only garnet materials
// (family 'garnet') count, for what is reported and for reports (facts about garnets carrying
// the element, any site).
MATCH (e:Element)<-[:OF_ELEMENT]-(sd:Dopant)-[:ON_SITE]->(s:Site)
MATCH (sd)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})
WITH e, collect(DISTINCT s.name) AS reportedSites
MATCH (e)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})<-[:ABOUT]-(f)
WITH e, reportedSites, count(DISTINCT f.key) AS reports
UNWIND coalesce(e.garnetSites, []) AS site
WITH e, reportedSites, reports, site
WHERE NOT site IN reportedSites
RETURN e.symbol AS dopant, site AS missingSite,
       reduce(acc = [], x IN reportedSites | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS reportedSites,
       e.garnetSites AS plausibleSites, reports
ORDER BY reports DESC, dopant, missingSite
