// name: conflicting_reports
// question: Where do different papers report clearly different values of an intrinsic property of the same composition, on the same basis and under comparable conditions?
// param: basis = 'experimental' (string) — 'calculated' compares calculated values with each other instead (never with measured ones)
// Compared (decision 0804): the same material key, of known composition (its own formula, or a
// host whose dopants all have a stated amount: never a bare family name such as "LLZO", a
// composite or a cell); an intrinsic property (the Property node's conflictFactor, declared in
// miner/data/properties.toml: conductivities, activation energy, transference number, shear
// modulus; never a thickness, a particle size, a density, a process or cell figure); the same
// basis; the same conduction kind (a conductivity, in S/cm, whose kind is not stated counts as
// total); the same before/after state and temperature class (20–30 °C or not stated = room
// temperature, otherwise 5 °C bins).
// Statements of one value of one sample (a table row and its text restatement) count once.
// Sources differ when the two statements share no cited reference; two statements of one
// document must both cite a paper (an uncited sentence of a review may be its summary of the
// cited one next to it). They disagree when the high value is more than the property's
// conflictFactor times the low one: a range's upper end and a lower bound's value are what the
// other side must clear, and a bound is no conflict with a value on its side.
// One row per comparable group that holds a disagreement: its widest pair (highest over lowest,
// sources apart) with both compositions as written, methods, references and sentences;
// reports = the group's statements. Groups are formed before any pairing and statements are
// compared within their group only, in time linear in the group (below).
MATCH (p:Property)
WHERE p.conflictFactor IS NOT NULL
WITH p
MATCH (p)<-[:OF_PROPERTY]-(g:Measurement)-[:ABOUT]->(m:Material)
WHERE g.basis = $basis AND $basis IN ['experimental', 'calculated']
  AND (m.formula IS NOT NULL OR m.hostFormula IS NOT NULL)
// a composition is known from its formula, or from a host whose dopants all have an amount
WITH p, m, collect(g) AS values
WITH p, m, values, [(m)-[:HAS_DOPANT]->(d:Dopant) | d.amount IS NOT NULL] AS amountsStated
WHERE m.formula IS NOT NULL OR (size(amountsStated) > 0 AND all(x IN amountsStated WHERE x))
UNWIND values AS g
MATCH (g)-[:OF_SAMPLE]->(sp:Sample)
WITH p, m, sp, g,
     CASE WHEN g.temperatureC IS NULL OR (g.temperatureC >= 20.0 AND g.temperatureC <= 30.0)
          THEN 25.0 ELSE round(g.temperatureC / 5.0) * 5.0 END AS temperatureClass
WITH p, m, CASE WHEN g.conduction IS NULL AND p.unit = 'S/cm' THEN 'total' ELSE g.conduction END
       AS conduction, coalesce(g.state, '') AS state,
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
WHERE size(highs) > 0 AND size(lows) > 0
// The widest pair without trying every pair: h0, the highest value, finds its lowest partner
// (sources apart, beyond the factor); that ratio (else the factor) bounds the search: a wider
// pair needs a high value of at least bound x the lowest value and a low one of at most h0's
// value / bound, and only those few are paired. Exact; linear in the group unless its highest
// value has no partner at all (then every value beyond the factor is tried: still one group).
WITH p, m, conduction, state, temperatureClass, statements, highs, lows,
     reduce(top = null, x IN highs | CASE WHEN top IS NULL OR x.low > top.low
            OR (x.low = top.low AND x.f.key < top.f.key) THEN x ELSE top END) AS h0,
     reduce(least = null, x IN lows | CASE WHEN least IS NULL OR x.high < least THEN x.high
            ELSE least END) AS lowest
WITH p, m, conduction, state, temperatureClass, statements, highs, lows, h0, lowest,
     reduce(best = null, l IN lows | CASE
       WHEN h0.low > p.conflictFactor * l.high
            AND (h0.doc <> l.doc OR (size(h0.refs) > 0 AND size(l.refs) > 0))
            AND size([x IN h0.refs WHERE x IN l.refs]) = 0
            AND (best IS NULL OR l.high < best.high
                 OR (l.high = best.high AND l.f.key < best.f.key))
       THEN l ELSE best END) AS partner
WITH p, m, conduction, state, temperatureClass, statements, h0, partner,
     CASE WHEN partner IS NULL THEN p.conflictFactor ELSE h0.low / partner.high END AS bound,
     highs, lows, lowest
WITH p, m, conduction, state, temperatureClass, statements,
     [h IN highs WHERE h.low >= bound * lowest] + [h0] AS hs,
     [l IN lows WHERE l.high * bound <= h0.low]
       + CASE WHEN partner IS NULL THEN [] ELSE [partner] END AS ls
UNWIND hs AS h
WITH p, m, conduction, state, temperatureClass, statements, h,
     reduce(best = null, l IN ls | CASE
       WHEN h.low > p.conflictFactor * l.high
            AND (h.doc <> l.doc OR (size(h.refs) > 0 AND size(l.refs) > 0))
            AND size([x IN h.refs WHERE x IN l.refs]) = 0
            AND (best IS NULL OR l.high < best.high
                 OR (l.high = best.high AND l.f.key < best.f.key))
       THEN l ELSE best END) AS l
WHERE l IS NOT NULL
WITH DISTINCT p, m, conduction, state, temperatureClass, statements, h.f AS a, l.f AS b,
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
