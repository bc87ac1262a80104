// name: density_vs_conductivity
// question: Which relative densities and room-temperature ionic conductivities were reported together for the same material by the same document?
// Relative density in %, conductivity in S/cm at room temperature (temperatureC not stated or
// 20–30 °C). sameSentence: both values come from one sentence or table row.
MATCH (m:Material)<-[:ABOUT]-(d:Measurement)-[:OF_PROPERTY]->(:Property {key: 'relative_density'})
MATCH (m)<-[:ABOUT]-(c:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WHERE c.doc = d.doc
  AND coalesce(c.temperatureC, 25.0) >= 20.0 AND coalesce(c.temperatureC, 25.0) <= 30.0
MATCH (d)-[:STATED_IN]->(ds:Sentence)
MATCH (c)-[:STATED_IN]->(cs:Sentence)
RETURN m.name AS material, d.value AS relativeDensity, c.value AS conductivity,
       ds.key = cs.key AS sameSentence, d.doc AS doc
ORDER BY relativeDensity, conductivity, material, doc, d.key, c.key
