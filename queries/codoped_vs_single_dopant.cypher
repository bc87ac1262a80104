// name: codoped_vs_single_dopant
// question: How do co-doped and multi-site-doped materials compare with materials doped with only one of their dopants?
// Co-doped = two or more dopant elements, multi-site-doped = dopants on two or more stated sites.
// Garnet materials only (family 'garnet'), experimental values only. One row per such material
// and dopant element: its best room-temperature ionic conductivity (S/cm; temperatureC null or
// 20–30 °C) next to the best of the garnets doped with that element alone. The single-dopant figures are gathered once per element, then joined (linear in the
// graph, not materials x candidates).
MATCH (s:Material {family: 'garnet'})-[:HAS_DOPANT]->(sd:Dopant)
WITH s, collect(DISTINCT sd.element) AS singleElements
WHERE size(singleElements) = 1
OPTIONAL MATCH (s)<-[:ABOUT]-(g:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE g.basis = 'experimental' AND NOT coalesce(g.comparator, '=') IN ['<', '<=']
  AND coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
WITH singleElements[0] AS singleElement, s.key AS singleKey, max(g.value) AS singleBest
WITH singleElement, collect({key: singleKey, best: singleBest}) AS singleMaterials
WITH collect({element: singleElement, materials: singleMaterials}) AS singles
// Single-dopant figures are aggregated once per element, then joined on the element (linear in
// the graph): best = best1 unless the row's material is itself the only holder of best1 (a
// multi-site material with one element is its own single-dopant counterpart; it is left out).
MATCH (s:Material {family: 'garnet'})-[:HAS_DOPANT]->(sd:Dopant)
WITH s, collect(DISTINCT sd.element) AS singleElements
WHERE size(singleElements) = 1
OPTIONAL MATCH (s)<-[:ABOUT]-(g:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE g.basis = 'experimental' AND NOT coalesce(g.comparator, '=') IN ['<', '<=']
  AND coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
WITH singleElements[0] AS element, s.key AS singleKey, max(g.value) AS singleBest
WITH element, count(*) AS singles, max(singleBest) AS best1,
     collect(CASE WHEN singleBest IS NULL THEN null ELSE [singleBest, singleKey] END) AS ranked
WITH element, singles, best1, [x IN ranked WHERE x[0] = best1 | x[1]] AS holders,
     reduce(b = null, x IN ranked | CASE WHEN x[0] < best1 AND (b IS NULL OR x[0] > b) THEN x[0]
            ELSE b END) AS best2
// a constant-size summary per element (it is carried along every later row)
WITH collect({element: element, singles: singles, best1: best1, holders: size(holders),
              holder: holders[0], best2: best2}) AS singleStats
MATCH (m:Material {family: 'garnet'})-[:HAS_DOPANT]->(dp:Dopant)
WITH singleStats, m, collect(DISTINCT dp.element) AS elements,
     collect(DISTINCT dp.site) AS sites, collect(DISTINCT dp.label) AS labels
WHERE size(elements) >= 2 OR size(sites) >= 2
OPTIONAL MATCH (m)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE f.basis = 'experimental' AND NOT coalesce(f.comparator, '=') IN ['<', '<=']
  AND coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
WITH singleStats, m, elements, labels, max(f.value) AS bestRtConductivity
UNWIND elements AS element
WITH m, labels, bestRtConductivity, element, size(elements) = 1 AS ownCounterpart,
     [x IN singleStats WHERE x.element = element] AS hits
WITH m, labels, bestRtConductivity, element, ownCounterpart,
     CASE WHEN size(hits) = 0 THEN null ELSE hits[0] END AS single
RETURN m.name AS material, m.composition AS composition,
       reduce(acc = [], x IN labels | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       bestRtConductivity, element AS dopant,
       coalesce(single.singles, 0) - CASE WHEN ownCounterpart THEN 1 ELSE 0 END
         AS singleDopantMaterials,
       CASE WHEN ownCounterpart AND single.holders = 1 AND single.holder = m.key THEN single.best2
            ELSE single.best1 END AS singleDopantBestRtConductivity
ORDER BY material, m.key, dopant
