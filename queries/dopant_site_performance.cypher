// name: dopant_site_performance
// question: Per dopant element and lattice site: how many reports, the best and median room-temperature ionic conductivity, the lowest activation energy, the methods used and the references?
// param: minReports = 1 (integer) — leave out dopant/site pairs with fewer reports
// Garnet materials only (family 'garnet': a composite's or a cell's values belong to it, not to
// its filler), figures from experimental values only (no calculations, targets or general
// statements; no upper bounds as a best). Room temperature = temperatureC not stated (null) or
// 20–30 °C; conductivity in S/cm, activation energy in eV. A report is any fact (measurement,
// doping or synthesis report) about a material carrying the dopant; site '?' = not stated.
// A value restated for the same sample (a table row and its text) counts once in the figures.
// Lists are sorted and without repeats.
// Figures, methods and references are aggregated in separate passes and joined on the
// dopant/site pair: flattening one list per report into a group's list grew with its square.
// Lists are sorted by ORDER BY before collect (an insertion sort in a reduce was quadratic).
MATCH (e:Element)<-[:OF_ELEMENT]-(dp:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})
      <-[:ABOUT]-(f)
OPTIONAL MATCH (dp)-[:ON_SITE]->(s:Site)
WITH DISTINCT e.symbol AS dopant, coalesce(s.name, '?') AS site, f
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
WITH dopant, site, f, p,
     [(f)-[:OF_SAMPLE]->(:Sample)<-[:OF_SAMPLE]-(g:Measurement)-[:OF_PROPERTY]->(gp:Property)
      WHERE gp.key = p.key AND g.value = f.value AND g.key < f.key | g.key] AS restated
WITH dopant, site, f,
     CASE WHEN p.key = 'ionic_conductivity' AND f.basis = 'experimental' AND size(restated) = 0
               AND NOT coalesce(f.comparator, '=') IN ['<', '<=']
               AND coalesce(f.temperatureC, 25.0) >= 20.0
               AND coalesce(f.temperatureC, 25.0) <= 30.0
          THEN f.value END AS rtConductivity,
     CASE WHEN p.key = 'activation_energy' AND f.basis = 'experimental'
               AND NOT coalesce(f.comparator, '=') IN ['>', '>=']
          THEN f.value END AS activationEnergy
WITH dopant, site, count(f) AS reports,
     max(rtConductivity) AS bestRtConductivity,
     percentileCont(rtConductivity, 0.5) AS medianRtConductivity,
     min(activationEnergy) AS lowestActivationEnergy
WHERE reports >= $minReports
WITH collect({dopant: dopant, site: site, reports: reports, best: bestRtConductivity,
              median: medianRtConductivity, lowest: lowestActivationEnergy}) AS groups
OPTIONAL MATCH (me:Method)<-[:USING_METHOD]-()-[:ABOUT]->(:Material {family: 'garnet'})
               -[:HAS_DOPANT]->(mdp:Dopant)
               -[:OF_ELEMENT]->(me2:Element)
OPTIONAL MATCH (mdp)-[:ON_SITE]->(ms:Site)
WITH groups, me2.symbol + ' ' + coalesce(ms.name, '?') AS pair, me.name AS name ORDER BY name
WITH groups, pair, collect(DISTINCT name) AS names
WITH groups, collect({pair: pair, names: names}) AS methodsByPair
OPTIONAL MATCH (r:Reference)<-[:CITES]-()-[:ABOUT]->(:Material {family: 'garnet'})
               -[:HAS_DOPANT]->(rdp:Dopant)
               -[:OF_ELEMENT]->(re:Element)
OPTIONAL MATCH (rdp)-[:ON_SITE]->(rs:Site)
WITH groups, methodsByPair, re.symbol + ' ' + coalesce(rs.name, '?') AS pair, r.label AS label
     ORDER BY label
WITH groups, methodsByPair, pair, collect(DISTINCT label) AS labels
WITH groups, methodsByPair, collect({pair: pair, labels: labels}) AS refsByPair
UNWIND groups AS g
WITH g, [x IN methodsByPair WHERE x.pair = g.dopant + ' ' + g.site | x.names] AS methodHits,
     [x IN refsByPair WHERE x.pair = g.dopant + ' ' + g.site | x.labels] AS refHits
WITH g, CASE WHEN size(methodHits) = 0 THEN [] ELSE methodHits[0] END AS methodNames,
     CASE WHEN size(refHits) = 0 THEN [] ELSE refHits[0] END AS refLabels
RETURN g.dopant AS dopant, g.site AS site, g.reports AS reports,
       g.best AS bestRtConductivity, g.median AS medianRtConductivity,
       g.lowest AS lowestActivationEnergy,
       methodNames AS methods, refLabels AS references
ORDER BY reports DESC, dopant, site
