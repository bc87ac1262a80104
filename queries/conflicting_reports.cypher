// name: conflicting_reports
// question: Where do different papers report clearly different values of an intrinsic property of the same composition, on the same basis and under comparable conditions?
// param: basis = 'experimental' (string) — 'calculated' compares calculated values with each other instead (never with measured ones)
// Compared (decision 0804): the same material key, of known composition (its own formula, or a
// host whose dopants all have a stated amount: never a bare family name such as "LLZO", a
// composite or a cell); an intrinsic property (the Property node's conflictFactor, declared in
// miner/data/properties.toml: conductivities, activation energy, transference number, shear
// modulus; never a thickness, a particle size, a density, a process or cell figure); the same
// basis, conduction kind (a conductivity whose kind is not stated counts as total), before/after
// state and temperature class (20–30 °C or not stated = room temperature, otherwise 5 °C bins).
// Statements of one value of one sample (a table row and its text restatement) count once.
// Sources differ when the two statements share no cited reference; two statements of one
// document must both cite a paper (an uncited sentence of a review may be its summary of the
// cited one next to it). They disagree when the high value is more than the property's
// conflictFactor times the low one: a range's upper end and a lower bound's value are what the
// other side must clear, and a bound is no conflict with a value on its side.
// One row per comparable group that holds a disagreement: its widest pair (highest over lowest,
// sources apart) with both compositions as written, methods, references and sentences;
// reports = the group's statements. Groups are formed before any pairing, and each statement
// is compared within its group only: the cost is the graph plus the square of the largest group.
MATCH (p:Property)
WHERE p.conflictFactor IS NOT NULL
WITH p
MATCH (p)<-[:OF_PROPERTY]-(g:Measurement)-[:ABOUT]->(m:Material)
WHERE g.basis = $basis AND $basis IN ['experimental', 'calculated']
  AND (m.formula IS NOT NULL OR m.hostFormula IS NOT NULL)
WITH p, m, g,
     CASE WHEN m.formula IS NOT NULL THEN true
          ELSE size([(m)-[:HAS_DOPANT]->(d:Dopant) | d.key]) > 0
               AND size([(m)-[:HAS_DOPANT]->(d:Dopant) WHERE d.amount IS NULL | d.key]) = 0
     END AS known
WHERE known
MATCH (g)-[:OF_SAMPLE]->(sp:Sample)
WITH p, m, sp, g,
     CASE WHEN g.temperatureC IS NULL OR (g.temperatureC >= 20.0 AND g.temperatureC <= 30.0)
          THEN 25.0 ELSE round(g.temperatureC / 5.0) * 5.0 END AS temperatureClass
WITH p, m, coalesce(g.conduction, 'total') AS conduction, coalesce(g.state, '') AS state,
     temperatureClass, sp, g.value AS value, coalesce(g.valueMax, g.value) AS top,
     collect(g) AS statements
WITH p, m, conduction, state, temperatureClass,
     reduce(first = null, x IN statements | CASE WHEN first IS NULL OR x.key < first.key THEN x
            ELSE first END) AS f
WITH p, m, conduction, state, temperatureClass,
     collect({f: f, low: f.value, high: coalesce(f.valueMax, f.value),
              comparator: coalesce(f.comparator, '='), doc: f.doc,
              refs: [(f)-[:CITES]->(r:Reference) | r.key]}) AS reports
WHERE size(reports) >= 2
// the high side: no upper bound; the low side: no lower bound
WITH p, m, conduction, state, temperatureClass, size(reports) AS statements,
     [x IN reports WHERE NOT x.comparator IN ['<', '<=']] AS highs,
     [x IN reports WHERE NOT x.comparator IN ['>', '>='] AND x.high > 0] AS lows
UNWIND highs AS h
WITH p, m, conduction, state, temperatureClass, statements, h,
     reduce(best = null, l IN lows | CASE
       WHEN h.low > p.conflictFactor * l.high
            AND (h.doc <> l.doc OR (size(h.refs) > 0 AND size(l.refs) > 0))
            AND size([x IN h.refs WHERE x IN l.refs]) = 0
            AND (best IS NULL OR l.high < best.high
                 OR (l.high = best.high AND l.f.key < best.f.key))
       THEN l ELSE best END) AS l
WHERE l IS NOT NULL
WITH p, m, conduction, state, temperatureClass, statements, h.f AS a, l.f AS b,
     h.low / l.high AS ratio
ORDER BY ratio DESC, a.key, b.key
WITH p, m, conduction, state, temperatureClass, statements,
     collect({a: a, b: b, ratio: ratio})[0] AS widest
WITH p, m, conduction, state, temperatureClass, statements, widest.a AS a, widest.b AS b,
     widest.ratio AS ratio
MATCH (a)-[:STATED_IN]->(sa:Sentence)
MATCH (b)-[:STATED_IN]->(sb:Sentence)
RETURN m.name AS material, m.composition AS composition, p.name AS property, a.basis AS basis,
       conduction, temperatureClass AS temperatureC, statements AS reports,
       a.value AS highValue, b.value AS lowValue, ratio, p.conflictFactor AS factor,
       p.unit AS unit, a.raw AS highRaw, b.raw AS lowRaw,
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
