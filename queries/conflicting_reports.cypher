// name: conflicting_reports
// question: Where do different sources report the same property of the same material, on the same basis and under comparable conditions, with values differing by more than a factor?
// param: factor = 3.0 (float) — how many times larger the high value must be
// param: includeCalculated = false (boolean) — true also compares calculated values with calculated ones
// Comparable = same material key, property, basis, conduction kind (bulk, grain boundary or total;
// a conductivity whose kind is not stated counts as total), before/after state, and temperature
// class (20–30 °C or not stated counts as room temperature; others in 5 °C bins). Values are
// bucketed on these first and paired only within a bucket. Statements of one value of one
// sample (a table row and its text restatement) count once (the one with the smallest key).
// Sources differ when the two facts share no cited reference (a fact citing nothing is its
// document's own claim). A bound is no conflict with a value on its side ("< 1e-6" vs 1e-7); a
// range's upper end is what the high value must exceed. Each row shows both statements'
// compositions (as written), methods, references and sentences.
MATCH (p:Property)<-[:OF_PROPERTY]-(f:Measurement)-[:ABOUT]->(m:Material)
WHERE f.basis = 'experimental' OR (f.basis = 'calculated' AND $includeCalculated)
MATCH (f)-[:OF_SAMPLE]->(sp:Sample)
WITH m, p, sp, f,
     CASE WHEN f.temperatureC IS NULL OR (f.temperatureC >= 20.0 AND f.temperatureC <= 30.0)
          THEN 25.0 ELSE round(f.temperatureC / 5.0) * 5.0 END AS temperatureClass
WITH m, p, f.basis AS basis, coalesce(f.conduction, 'total') AS conduction,
     coalesce(f.state, '') AS state, temperatureClass, sp, f.value AS value,
     coalesce(f.valueMax, f.value) AS high, collect(f) AS statements
WITH m, p, basis, conduction, state, temperatureClass,
     reduce(first = null, x IN statements | CASE WHEN first IS NULL OR x.key < first.key THEN x
            ELSE first END) AS f
WITH m, p, basis, conduction, state, temperatureClass,
     collect({f: f, high: coalesce(f.valueMax, f.value),
              refs: [(f)-[:CITES]->(ra:Reference) | ra.key]}) AS reports
WHERE size(reports) >= 2
// each report's sources are read once; its low partners are picked from the bucket's list
// (no row per pair of reports)
WITH m, p, basis, conduction, temperatureClass,
     [x IN reports | {f: x.f, high: x.high,
                      sources: CASE WHEN size(x.refs) = 0 THEN [x.f.doc] ELSE x.refs END}]
       AS reports
UNWIND reports AS high
WITH m, p, basis, conduction, temperatureClass, high, reports
WHERE NOT coalesce(high.f.comparator, '=') IN ['<', '<=']
UNWIND [low IN reports WHERE low.high > 0 AND high.f.value > $factor * low.high
                             AND NOT coalesce(low.f.comparator, '=') IN ['>', '>=']
                             AND size([x IN high.sources WHERE x IN low.sources]) = 0] AS low
WITH m, p, basis, conduction, temperatureClass, high.f AS a, low.f AS b, low.high AS bHigh
MATCH (a)-[:STATED_IN]->(sa:Sentence)
MATCH (b)-[:STATED_IN]->(sb:Sentence)
RETURN m.name AS material, m.composition AS composition, p.name AS property, basis,
       conduction, temperatureClass AS temperatureC, a.value AS highValue, b.value AS lowValue,
       a.value / bHigh AS ratio, p.unit AS unit,
       a.materialText AS highMaterial, b.materialText AS lowMaterial,
       reduce(acc = [], x IN [(a)-[:USING_METHOD]->(hm:Method) | hm.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS highMethods,
       reduce(acc = [], x IN [(b)-[:USING_METHOD]->(lm:Method) | lm.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS lowMethods,
       reduce(acc = [], x IN [(a)-[:CITES]->(ha:Reference) | ha.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS highReferences,
       reduce(acc = [], x IN [(b)-[:CITES]->(lb:Reference) | lb.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
         AS lowReferences,
       a.doc AS highDoc, b.doc AS lowDoc, sa.text AS highSentence, sb.text AS lowSentence
ORDER BY ratio DESC, material, property, a.key, b.key
