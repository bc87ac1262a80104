// name: dopant_amount_vs_conductivity
// question: For one dopant element, how does the room-temperature ionic conductivity of garnets change with the dopant amount?
// param: element = 'Ga' (string) — the dopant's element symbol
// Amount = mol per formula unit (x); only dopings with a stated amount, on garnet materials
// (family 'garnet'), experimental values (no calculations, targets, general statements or
// upper bounds). Room temperature = temperatureC not stated (null) or 20–30 °C; conductivity in
// S/cm. One row per sample and value (a table row and its text restatement are one sample).
// Anchored on the element (a key lookup), each WITH keeping FalkorDB from starting elsewhere.
MATCH (e:Element {key: $element})
WITH e
MATCH (e)<-[:OF_ELEMENT]-(dp:Dopant)
WHERE dp.amount IS NOT NULL
WITH dp
MATCH (dp)<-[:HAS_DOPANT]-(m:Material {family: 'garnet'})
      <-[:ABOUT]-(g:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE g.basis = 'experimental'
  AND NOT coalesce(g.comparator, '=') IN ['<', '<=']
  AND coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
MATCH (g)-[:OF_SAMPLE]->(sp:Sample)
WITH dp, m, sp, g.value AS value, collect(g) AS statements
WITH dp, m, reduce(first = null, x IN statements | CASE WHEN first IS NULL OR x.key < first.key
                   THEN x ELSE first END) AS f
RETURN dp.amount AS amount, coalesce(dp.site, '?') AS site, f.value AS conductivity,
       f.temperatureC AS temperatureC, m.name AS material, m.composition AS composition,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       f.doc AS doc
ORDER BY amount, conductivity, material, doc, f.key
