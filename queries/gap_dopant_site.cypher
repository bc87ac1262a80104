// name: gap_dopant_site
// question: Which plausible dopant × lattice-site combinations were never reported on garnets, for elements reported on at least one site?
// Sites: Li, La, Zr, O of Li7La3Zr2O12. Plausible = a site the element's ions can take by charge
// and radius (Element.garnetSites, stored by ingestion from the site chemistry of queries/gaps.py:
// the host ion's sign, radius mismatch ≤ 40 %, charge difference ≤ 2), so Ta is never proposed
// on O nor F on a cation site; the host's own elements are never dopants. Only garnet materials
// (family 'garnet') count, for what is reported and for reports (facts about garnets carrying
// the element, any site).
// The reported sites and the reports are kept by ingestion (graph/summaries.py: one Summary
// per element); the element's plausible sites are read from it.
MATCH (d:Summary {kind: 'element'})
WHERE d.count > 0 AND size(d.sites) > 0
WITH d
MATCH (e:Element {key: d.element})
UNWIND coalesce(e.garnetSites, []) AS site
WITH e, d, site
WHERE NOT site IN d.sites
RETURN e.symbol AS dopant, site AS missingSite, d.sites AS reportedSites,
       e.garnetSites AS plausibleSites, d.count AS reports
ORDER BY reports DESC, dopant, missingSite
