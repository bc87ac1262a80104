// name: codoped_vs_single_dopant
// question: How do co-doped and multi-site-doped materials compare with materials doped with only one of their dopants?
// Co-doped = two or more dopant elements, multi-site-doped = dopants on two or more stated sites.
// One row per such material and dopant element: its best room-temperature ionic conductivity
// (S/cm; temperatureC null or 20–30 °C) next to the best of the materials doped with that element
// alone.
MATCH (m:Material)-[:HAS_DOPANT]->(dp:Dopant)
WITH m, collect(DISTINCT dp.element) AS elements,
     collect(DISTINCT dp.site) AS sites, collect(DISTINCT dp.label) AS labels
WHERE size(elements) >= 2 OR size(sites) >= 2
OPTIONAL MATCH (m)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
WITH m, elements, labels, max(f.value) AS bestRtConductivity
UNWIND elements AS element
OPTIONAL MATCH (candidate:Material)-[:HAS_DOPANT]->(:Dopant {element: element})
WHERE candidate.key <> m.key
WITH m, labels, bestRtConductivity, element, candidate,
     [(candidate)-[:HAS_DOPANT]->(other:Dopant) | other.element] AS candidateElements
WITH m, labels, bestRtConductivity, element,
     CASE WHEN size([x IN candidateElements WHERE x <> element]) = 0 THEN candidate END AS single
OPTIONAL MATCH (single)<-[:ABOUT]-(g:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
WITH m, labels, bestRtConductivity, element,
     count(DISTINCT single.key) AS singleDopantMaterials,
     max(g.value) AS singleDopantBestRtConductivity
RETURN m.name AS material,
       reduce(acc = [], x IN labels | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       bestRtConductivity, element AS dopant, singleDopantMaterials,
       singleDopantBestRtConductivity
ORDER BY material, m.key, dopant
