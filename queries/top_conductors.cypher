// name: top_conductors
// question: Which materials reached the highest room-temperature ionic conductivity, with their composition, methods, references and the sentence that says so?
// param: limit = 20 (integer) — how many measurements to list
// param: garnetOnly = true (boolean) — false also lists other families (sulfides, polymers, cells; shown in family)
// param: includeComposites = false (boolean) — true also lists composite electrolytes (family 'composite')
// param: basis = 'experimental' (string) — 'calculated' ranks calculated values instead (never together with measured ones)
// Room temperature = temperatureC not stated (null) or 20–30 °C; conductivity in S/cm. One
// basis at a time (experimental by default); targets, general statements ("typically 1e-4")
// and upper bounds ("< 1e-6") never. A garnet named only by its family ("LLZO": no formula,
// no host and dopants) is not ranked: what a review files under the bare name is any of many
// compositions, composites among them. composition = the formula, or host + dopants (site and
// amount). One
// row per report and value: a material in a document, and the reports of one sample the miner
// named (a table row and its text restatement, whatever composition each gives: decision
// 0315) are one; shown by the
// statement of a material with its own formula, else of a known composition (a key without
// dopant labels), else the smallest key (decision 0517).
// Anchored on the property (a key lookup; the WITH keeps FalkorDB from scanning every
// measurement); ordered and cut to $limit before the lists are built for the rows shown.
MATCH (p:Property {key: 'ionic_conductivity'})
WITH p
MATCH (p)<-[:OF_PROPERTY]-(g:Measurement)-[:ABOUT]->(m:Material)
WHERE coalesce(g.temperatureC, 25.0) >= 20.0 AND coalesce(g.temperatureC, 25.0) <= 30.0
  AND g.basis = $basis AND $basis IN ['experimental', 'calculated']
  AND NOT coalesce(g.comparator, '=') IN ['<', '<=']
  AND (m.family = 'garnet' OR (m.family = 'composite' AND $includeComposites)
       OR (NOT m.family IN ['garnet', 'composite'] AND NOT $garnetOnly))
  AND (m.family <> 'garnet' OR m.formula IS NOT NULL OR m.hostFormula IS NOT NULL)
MATCH (g)-[:OF_SAMPLE]->(sp:Sample)
WITH m, g.doc AS doc, g.value AS value, collect(g) AS statements,
     collect(CASE WHEN sp.key CONTAINS '#sample:' THEN sp.key END) AS named
WITH m, value,
     coalesce(reduce(a = null, k IN named | CASE WHEN a IS NULL OR k < a THEN k ELSE a END),
              doc + ' ' + m.key) AS report,
     reduce(first = null, x IN statements | CASE WHEN first IS NULL OR x.key < first.key
            THEN x ELSE first END) AS f
WITH report, value,
     collect([CASE WHEN m.formula IS NOT NULL THEN '0' WHEN m.key CONTAINS '|' THEN '2'
                   ELSE '1' END + f.key, f, m]) AS statements
WITH reduce(first = null, x IN statements | CASE WHEN first IS NULL OR x[0] < first[0]
            THEN x ELSE first END) AS pick
WITH pick[1] AS f, pick[2] AS m
MATCH (f)-[:STATED_IN]->(s:Sentence)
WITH m, f, s ORDER BY f.value DESC, m.name, f.doc, s.start, f.key LIMIT $limit
RETURN f.value AS conductivity, f.temperatureC AS temperatureC, f.conduction AS conduction,
       m.name AS material, m.composition AS composition,
       reduce(acc = [], x IN [(m)-[:HAS_DOPANT]->(dp:Dopant) | dp.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants,
       m.family AS family, f.basis AS basis,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, f.doc AS doc
ORDER BY conductivity DESC, material, doc, s.start, f.key
LIMIT $limit
