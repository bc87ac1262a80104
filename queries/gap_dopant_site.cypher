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
// The reports are kept by ingestion (graph/summaries.py): a Summary per element (its reports)
// and one per element and stated site (the reports about garnets carrying the element on that
// site), so the query reads those few nodes.
// (coalesce around a count: Neo4j would seek the count index of every summary instead.)
MATCH (d:Summary {kind: 'element'})
WITH d, d.count + CASE WHEN $includeCalculated THEN d.calculated ELSE 0 END AS reports
WHERE reports > 0
OPTIONAL MATCH (ds:Summary {kind: 'dopant_site', element: d.element})
WHERE ds.site <> '?' AND (coalesce(ds.count, 0) > 0 OR ($includeCalculated AND ds.calculated > 0))
WITH d, reports, ds.site AS reportedSite ORDER BY reportedSite
WITH d, reports, collect(reportedSite) AS reportedSites
WHERE size(reportedSites) > 0
MATCH (e:Element {key: d.element})
UNWIND coalesce(e.garnetSites, []) AS site
WITH e, reports, reportedSites, site
WHERE NOT site IN reportedSites
RETURN e.symbol AS dopant, site AS missingSite, reportedSites,
       e.garnetSites AS plausibleSites, reports
ORDER BY reports DESC, dopant, missingSite
