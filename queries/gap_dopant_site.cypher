// name: gap_dopant_site
// question: Which plausible dopant × lattice-site combinations were never reported on garnets, for elements reported on at least one site?
// param: includeCalculated = false (boolean) — true also counts calculated reports (a site only calculated so far is then reported)
// Sites: Li, La, Zr, O of Li7La3Zr2O12. Plausible = a site the element's ions can take by charge
// and radius (Element.garnetSites, stored by ingestion from miner/chemistry/sites.py: the host
// ion's sign, radius mismatch ≤ 40 %, charge difference ≤ 2, known in the site's coordination
// and large enough for it), so Ta is never proposed on O nor on the large La site, nor F on a
// cation site; the host's own elements are never dopants. Only experimental facts about garnet
// materials (family 'garnet') count, for what is reported and for reports (facts about garnets
// carrying the element, any site); calculated ones too when asked.
MATCH (e:Element)<-[:OF_ELEMENT]-(sd:Dopant)-[:ON_SITE]->(s:Site)
MATCH (sd)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})<-[:ABOUT]-(rf)
WHERE rf.basis = 'experimental' OR (rf.basis = 'calculated' AND $includeCalculated)
WITH e, collect(DISTINCT s.name) AS reportedSites
MATCH (e)<-[:OF_ELEMENT]-(:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})<-[:ABOUT]-(f)
WHERE f.basis = 'experimental' OR (f.basis = 'calculated' AND $includeCalculated)
WITH e, reportedSites, count(DISTINCT f.key) AS reports
UNWIND coalesce(e.garnetSites, []) AS site
WITH e, reportedSites, reports, site
WHERE NOT site IN reportedSites
RETURN e.symbol AS dopant, site AS missingSite,
       reduce(acc = [], x IN reportedSites | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS reportedSites,
       e.garnetSites AS plausibleSites, reports
ORDER BY reports DESC, dopant, missingSite
