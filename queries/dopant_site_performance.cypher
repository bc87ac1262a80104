// name: dopant_site_performance
// question: Per dopant element and lattice site: how many reports, the best and median room-temperature ionic conductivity, the lowest activation energy, the methods used and the references?
// param: minReports = 1 (integer) — leave out dopant/site pairs with fewer reports
// Room temperature = temperatureC not stated (null) or 20–30 °C; conductivity in S/cm, activation
// energy in eV. A report is any fact (measurement, doping or synthesis report) about a material
// carrying the dopant; site '?' = not stated. Lists are sorted and without repeats.
MATCH (e:Element)<-[:OF_ELEMENT]-(dp:Dopant)<-[:HAS_DOPANT]-(:Material)<-[:ABOUT]-(f)
OPTIONAL MATCH (dp)-[:ON_SITE]->(s:Site)
WITH DISTINCT e.symbol AS dopant, coalesce(s.name, '?') AS site, f
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
WITH dopant, site, f,
     CASE WHEN p.key = 'ionic_conductivity'
               AND coalesce(f.temperatureC, 25.0) >= 20.0
               AND coalesce(f.temperatureC, 25.0) <= 30.0
          THEN f.value END AS rtConductivity,
     CASE WHEN p.key = 'activation_energy' THEN f.value END AS activationEnergy
OPTIONAL MATCH (f)-[:USING_METHOD]->(me:Method)
WITH dopant, site, f, rtConductivity, activationEnergy, collect(me.name) AS methods
OPTIONAL MATCH (f)-[:CITES]->(r:Reference)
WITH dopant, site, f, rtConductivity, activationEnergy, methods, collect(r.label) AS refs
WITH dopant, site, count(f) AS reports,
     max(rtConductivity) AS bestRtConductivity,
     percentileCont(rtConductivity, 0.5) AS medianRtConductivity,
     min(activationEnergy) AS lowestActivationEnergy,
     collect(methods) AS methodLists, collect(refs) AS refLists
WHERE reports >= $minReports
RETURN dopant, site, reports, bestRtConductivity, medianRtConductivity, lowestActivationEnergy,
       reduce(acc = [], x IN reduce(flat = [], l IN methodLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN reduce(flat = [], l IN refLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references
ORDER BY reports DESC, dopant, site
