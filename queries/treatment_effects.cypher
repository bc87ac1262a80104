// name: treatment_effects
// question: Which treatments changed which property of which sample, from what value to what?
// A before/after pair is two values of one property of one sample that the document reports as
// the two ends of a change (CHANGED_TO, with the treatment that made the difference); ratio =
// after / before. Experimental values only.
MATCH (a:Measurement)-[ch:CHANGED_TO]->(b:Measurement)-[:OF_PROPERTY]->(p:Property)
WHERE a.basis = 'experimental' AND b.basis = 'experimental'
MATCH (b)-[:ABOUT]->(m:Material)
MATCH (b)-[:STATED_IN]->(s:Sentence)
RETURN m.name AS material, m.composition AS composition, m.family AS family,
       p.name AS property, a.value AS before, b.value AS after, p.unit AS unit,
       CASE WHEN a.value = 0 THEN null ELSE b.value / a.value END AS ratio,
       ch.treatment AS treatment,
       reduce(acc = [], x IN [(b)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, b.doc AS doc
ORDER BY property, material, doc, s.start, a.key, b.key
