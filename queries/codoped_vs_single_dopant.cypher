// name: codoped_vs_single_dopant
// question: How do co-doped and multi-site-doped materials compare with materials doped with only one of their dopants?
// Co-doped = two or more dopant elements, multi-site-doped = dopants on two or more stated sites.
// One row per such material and dopant element: its best room-temperature ionic conductivity
// (S/cm; temperatureC null or 20–30 °C) next to the best of the materials doped with that element
// alone. The single-dopant figures are gathered once per element, then joined (linear in the
// graph, not materials x candidates).
MATCH (s:Material)-[:HAS_DOPANT]->(sd:Dopant)
WITH s, collect(DISTINCT sd.element) AS singleElements
WHERE size(singleElements) = 1
OPTIONAL MATCH (s)<-[:ABOUT]-(g:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
WITH singleElements[0] AS singleElement, s.key AS singleKey, max(g.value) AS singleBest
WITH singleElement, collect({key: singleKey, best: singleBest}) AS singleMaterials
WITH collect({element: singleElement, materials: singleMaterials}) AS singles
MATCH (m:Material)-[:HAS_DOPANT]->(dp:Dopant)
WITH singles, m, collect(DISTINCT dp.element) AS elements,
     collect(DISTINCT dp.site) AS sites, collect(DISTINCT dp.label) AS labels
WHERE size(elements) >= 2 OR size(sites) >= 2
OPTIONAL MATCH (m)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
WITH singles, m, elements, labels, max(f.value) AS bestRtConductivity
UNWIND elements AS element
WITH m, labels, bestRtConductivity, element,
     reduce(acc = [], e IN singles | CASE WHEN e.element = element
            THEN acc + [x IN e.materials WHERE x.key <> m.key] ELSE acc END) AS others
RETURN m.name AS material,
       reduce(acc = [], x IN labels | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       bestRtConductivity, element AS dopant, size(others) AS singleDopantMaterials,
       reduce(best = null, x IN others | CASE WHEN x.best IS NOT NULL
              AND (best IS NULL OR x.best > best) THEN x.best ELSE best END)
         AS singleDopantBestRtConductivity
ORDER BY material, m.key, dopant
