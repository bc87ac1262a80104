// name: dopant_amount_vs_conductivity
// question: For one dopant element, how does the room-temperature ionic conductivity change with the dopant amount?
// param: element = 'Ga' (string) — the dopant's element symbol
// Amount = mol per formula unit (x); only dopings with a stated amount. Room temperature =
// temperatureC not stated (null) or 20–30 °C; conductivity in S/cm.
MATCH (:Element {key: $element})<-[:OF_ELEMENT]-(dp:Dopant)<-[:HAS_DOPANT]-(m:Material)
      <-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE dp.amount IS NOT NULL
  AND coalesce(f.temperatureC, 25.0) >= 20.0 AND coalesce(f.temperatureC, 25.0) <= 30.0
RETURN dp.amount AS amount, coalesce(dp.site, '?') AS site, f.value AS conductivity,
       f.temperatureC AS temperatureC, m.name AS material,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       f.doc AS doc
ORDER BY amount, conductivity, material, doc, f.key
