// name: method_performance
// question: How do synthesis and sintering methods compare on room-temperature ionic conductivity and relative density?
// param: minReports = 1 (integer) — leave out methods with fewer reports
// param: garnetOnly = true (boolean) — false also counts facts about other families
// Garnet materials by default (family 'garnet'); experimental facts only (a calculated value or
// claim is no report of a route: "calculation" is no synthesis method, and targets and general
// statements are no reports either; no upper bounds in the figures). Room temperature = temperatureC
// not stated (null) or 20–30 °C; conductivity in S/cm, relative density in %. reports counts
// every fact naming the method, materials the distinct materials; a value restated for the same
// sample (a table row and its text) counts once in the figures.
MATCH (me:Method)<-[:USING_METHOD]-(f)-[:ABOUT]->(m:Material)
WHERE (m.family = 'garnet' OR NOT $garnetOnly) AND f.basis = 'experimental'
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
WITH me, f, m, p,
     [(f)-[:OF_SAMPLE]->(:Sample)<-[:OF_SAMPLE]-(g:Measurement)-[:OF_PROPERTY]->(gp:Property)
      WHERE gp.key = p.key AND g.value = f.value AND g.key < f.key | g.key] AS restated
WITH me, f, m,
     CASE WHEN p.key = 'ionic_conductivity' AND size(restated) = 0
               AND NOT coalesce(f.comparator, '=') IN ['<', '<=']
               AND coalesce(f.temperatureC, 25.0) >= 20.0
               AND coalesce(f.temperatureC, 25.0) <= 30.0
          THEN f.value END AS rtConductivity,
     CASE WHEN p.key = 'relative_density' AND size(restated) = 0
          THEN f.value END AS relativeDensity
WITH me.name AS method, count(f) AS reports, count(DISTINCT m.key) AS materials,
     count(rtConductivity) AS conductivityReports,
     max(rtConductivity) AS bestRtConductivity,
     percentileCont(rtConductivity, 0.5) AS medianRtConductivity,
     count(relativeDensity) AS densityReports,
     max(relativeDensity) AS bestRelativeDensity,
     percentileCont(relativeDensity, 0.5) AS medianRelativeDensity
WHERE reports >= $minReports
RETURN method, reports, materials, conductivityReports, bestRtConductivity, medianRtConductivity,
       densityReports, bestRelativeDensity, medianRelativeDensity
ORDER BY reports DESC, method
