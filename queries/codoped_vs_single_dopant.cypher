// name: codoped_vs_single_dopant
// question: How do co-doped and multi-site-doped materials compare with materials doped with only one of their dopants?
// param: limit = 200 (integer) — how many rows to list (the first in the order below)
// Co-doped = two or more dopant elements, multi-site-doped = dopants on two or more stated sites.
// Garnet materials only (family 'garnet'), experimental values only. One row per such material
// and dopant element: its best room-temperature ionic conductivity (S/cm; temperatureC null or
// 20–30 °C) next to the best of the garnets doped with that element alone.
// One pass over the garnets carrying dopants: each material's best value is read once, then its
// rows are grouped by dopant element, where the single-dopant figures of that element and the
// co-doped materials carrying it meet (best = best1 unless the row's material is itself the
// only holder of best1: a multi-site material with one element is its own single-dopant
// counterpart and is left out).
MATCH (m:Material {family: 'garnet'})-[:HAS_DOPANT]->(dp:Dopant)
WITH m, collect(DISTINCT dp.element) AS elements, collect(DISTINCT dp.site) AS sites,
     collect(DISTINCT dp.label) AS labels
OPTIONAL MATCH (m)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE f.basis = 'experimental' AND NOT coalesce(f.comparator, '=') IN ['<', '<=']
  AND coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
WITH m, elements, sites, labels, max(f.value) AS best
UNWIND elements AS element
WITH element, m, labels, best, size(elements) = 1 AS single,
     size(elements) >= 2 OR size(sites) >= 2 AS multi
WITH element, count(CASE WHEN single THEN 1 END) AS singles,
     max(CASE WHEN single THEN best END) AS best1,
     collect(CASE WHEN single AND best IS NOT NULL THEN [best, m.key] END) AS ranked,
     collect(CASE WHEN multi THEN {name: m.name, composition: m.composition, key: m.key,
                                   labels: labels, best: best, own: single} END) AS rows
WITH element, singles, best1, rows, [x IN ranked WHERE x[0] = best1 | x[1]] AS holders,
     reduce(b = null, x IN ranked | CASE WHEN x[0] < best1 AND (b IS NULL OR x[0] > b) THEN x[0]
            ELSE b END) AS best2
UNWIND rows AS row
WITH element, singles, best1, best2, holders, row, row.key AS key
RETURN row.name AS material, row.composition AS composition,
       reduce(acc = [], x IN row.labels | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       row.best AS bestRtConductivity, element AS dopant,
       singles - CASE WHEN row.own THEN 1 ELSE 0 END AS singleDopantMaterials,
       CASE WHEN row.own AND size(holders) = 1 AND holders[0] = row.key THEN best2
            ELSE best1 END AS singleDopantBestRtConductivity
ORDER BY material, key, dopant
LIMIT $limit
