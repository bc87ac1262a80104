// name: density_vs_conductivity
// question: Which relative densities and room-temperature ionic conductivities were reported for the same sample?
// param: garnetOnly = true (boolean) — false also lists samples of other families (shown in family)
// param: includeComposites = false (boolean) — true also lists composite electrolytes
// A sample is what one document reports values of together (one table row, one sentence, or
// the sample the extractor names: a text restatement of a table row is the same sample), so a
// density is never paired with another sample's conductivity. Experimental values only;
// relative density in %, conductivity in S/cm at room temperature (temperatureC not stated or
// 20–30 °C). A density and a conductivity pair up only in the same before/after state, and only
// when the sample holds no other value of either in that state: "from 83.6% to 96% and from
// 4.9e-5 to 3.1e-4 S/cm" without stated states, or a density range beside two conductivities,
// does not say which goes with which, so it gives no row (evidence lists those values).
// One row per sample and pair of values; the sentences, methods and references of
// all the statements behind it. Anchored on the relative-density measurements (each WITH keeps
// FalkorDB from starting at every measurement): the cost follows them, not the graph.
MATCH (rd:Property {key: 'relative_density'})
WITH rd
MATCH (rd)<-[:OF_PROPERTY]-(d:Measurement)
WHERE d.basis = 'experimental'
WITH d
MATCH (d)-[:OF_SAMPLE]->(sp:Sample)<-[:OF_SAMPLE]-(c:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
MATCH (c)-[:ABOUT]->(m:Material)
WHERE c.basis = 'experimental' AND coalesce(c.state, '') = coalesce(d.state, '')
  AND coalesce(c.temperatureC, 25.0) >= 20.0 AND coalesce(c.temperatureC, 25.0) <= 30.0
  AND (m.family = 'garnet' OR (m.family = 'composite' AND $includeComposites)
       OR (NOT m.family IN ['garnet', 'composite'] AND NOT $garnetOnly))
WITH d, sp, c, m,
     [(sp)<-[:OF_SAMPLE]-(x:Measurement)-[:OF_PROPERTY]->(:Property {key: 'relative_density'})
      WHERE x.basis = 'experimental' AND coalesce(x.state, '') = coalesce(d.state, '')
            AND (x.value <> d.value OR coalesce(x.valueMax, x.value) <> coalesce(d.valueMax, d.value))
      | x.key] AS otherDensities,
     [(sp)<-[:OF_SAMPLE]-(y:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
      WHERE y.basis = 'experimental' AND coalesce(y.state, '') = coalesce(c.state, '')
            AND coalesce(y.temperatureC, 25.0) >= 20.0 AND coalesce(y.temperatureC, 25.0) <= 30.0
            AND y.value <> c.value
      | y.key] AS otherConductivities
WHERE size(otherDensities) = 0 AND size(otherConductivities) = 0
MATCH (d)-[:STATED_IN]->(ds:Sentence)
MATCH (c)-[:STATED_IN]->(cs:Sentence)
WITH sp, m, d.value AS relativeDensity, c.value AS conductivity,
     collect(ds.text) + collect(cs.text) AS texts,
     collect([(d)-[:USING_METHOD]->(dm:Method) | dm.name]) +
       collect([(c)-[:USING_METHOD]->(cm:Method) | cm.name]) AS methodLists,
     collect([(d)-[:CITES]->(dr:Reference) | dr.label]) +
       collect([(c)-[:CITES]->(cr:Reference) | cr.label]) AS refLists
RETURN m.name AS material, m.composition AS composition,
       reduce(acc = [], x IN [(m)-[:HAS_DOPANT]->(dp:Dopant) | dp.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       m.family AS family, relativeDensity, conductivity,
       reduce(acc = [], x IN reduce(flat = [], l IN methodLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN reduce(flat = [], l IN refLists | flat + l) | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS references,
       reduce(acc = [], x IN texts | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS sentences,
       sp.doc AS doc
ORDER BY relativeDensity, conductivity, material, composition, doc, sp.key, m.key
