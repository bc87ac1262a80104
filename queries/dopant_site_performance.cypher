// name: dopant_site_performance
// question: Per dopant element and lattice site: how many reports, the best and median room-temperature ionic conductivity, the lowest activation energy, the methods used and the references?
// param: minReports = 1 (integer) — leave out dopant/site pairs with fewer reports
// Garnet materials only (family 'garnet': a composite's or a cell's values belong to it, not to
// its filler), experimental facts only: a calculated value or doping claim, a target or a
// general statement is no report, its methods ("calculation") are no route and its references
// not listed (gap_calculation_only and evidence show them); no upper bounds as a best. Room
// temperature = temperatureC not stated (null) or 20–30 °C; conductivity in S/cm, activation
// energy in eV. A report is any experimental fact (measurement, doping or synthesis report)
// about a material carrying the dopant; site '?' = not stated.
// A value restated for the same sample (a table row and its text) counts once in the figures.
// Lists are sorted and without repeats.
// One pass over the reports: each dopant/site pair keeps its reports, and its methods and
// references are read from those alone (a subquery per pair: flattening one list per report
// into a group's list grew with its square, and separate passes over the whole graph carried
// the groups found so far along every row). Lists are sorted by ORDER BY before collect (an
// insertion sort in a reduce was quadratic).
MATCH (e:Element)<-[:OF_ELEMENT]-(dp:Dopant)<-[:HAS_DOPANT]-(:Material {family: 'garnet'})
      <-[:ABOUT]-(f)
WHERE f.basis = 'experimental'
OPTIONAL MATCH (dp)-[:ON_SITE]->(s:Site)
WITH DISTINCT e.symbol AS dopant, coalesce(s.name, '?') AS site, f
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
WITH dopant, site, f, p,
     [(f)-[:OF_SAMPLE]->(:Sample)<-[:OF_SAMPLE]-(g:Measurement)-[:OF_PROPERTY]->(gp:Property)
      WHERE gp.key = p.key AND g.value = f.value AND g.key < f.key | g.key] AS restated
WITH dopant, site, f,
     CASE WHEN p.key = 'ionic_conductivity' AND size(restated) = 0
               AND NOT coalesce(f.comparator, '=') IN ['<', '<=']
               AND coalesce(f.temperatureC, 25.0) >= 20.0
               AND coalesce(f.temperatureC, 25.0) <= 30.0
          THEN f.value END AS rtConductivity,
     CASE WHEN p.key = 'activation_energy'
               AND NOT coalesce(f.comparator, '=') IN ['>', '>=']
          THEN f.value END AS activationEnergy
WITH dopant, site, count(f) AS reports,
     max(rtConductivity) AS bestRtConductivity,
     percentileCont(rtConductivity, 0.5) AS medianRtConductivity,
     min(activationEnergy) AS lowestActivationEnergy, collect(f) AS facts
WHERE reports >= $minReports
CALL {
  WITH facts
  UNWIND facts AS f
  MATCH (f)-[:USING_METHOD]->(me:Method)
  WITH DISTINCT me.name AS name ORDER BY name
  RETURN collect(name) AS methods
}
CALL {
  WITH facts
  UNWIND facts AS f
  MATCH (f)-[:CITES]->(r:Reference)
  WITH DISTINCT r.label AS label ORDER BY label
  RETURN collect(label) AS references
}
RETURN dopant, site, reports, bestRtConductivity, medianRtConductivity, lowestActivationEnergy,
       methods, references
ORDER BY reports DESC, dopant, site
