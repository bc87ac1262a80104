// name: evidence
// question: What is every fact about a material or a dopant, with its context, sentence and references?
// param: subject = 'Ga' (string) — a dopant element symbol, or a material's key, formula or name
// param: limit = 200 (integer) — how many rows to list (the first in the order below)
// A material matches by key, formula or name (case-insensitive, whole name); a dopant by its
// element symbol (every material carrying it). Every fact is listed, whatever its basis
// (experimental, calculated, target, general) or family, with the context it was stated in:
// comparator, conduction kind, before/after state and treatment, and its sample.
// The materials are gathered first (by their own properties, and through the indexed dopant
// element), so that only their facts are read; a material's dopants are listed once, not per
// fact. The facts are ordered and cut to $limit before their samples, methods and references
// are read.
MATCH (named:Material)
WHERE named.key = $subject OR named.formula = $subject OR toLower(named.name) = toLower($subject)
WITH collect(named) AS named
OPTIONAL MATCH (:Dopant {element: $subject})<-[:HAS_DOPANT]-(carrier:Material)
WITH named, collect(carrier) AS carriers
UNWIND named + carriers AS m
WITH DISTINCT m
WITH m, reduce(acc = [], x IN [(m)-[:HAS_DOPANT]->(dp:Dopant) | dp.label] | CASE WHEN x IN acc
            THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS dopants
MATCH (m)<-[:ABOUT]-(f)-[:STATED_IN]->(s:Sentence)
OPTIONAL MATCH (f)-[:OF_PROPERTY]->(p:Property)
WITH m, dopants, f, s, p
ORDER BY f.doc, s.start, labels(f)[0], m.name, p.name, f.value, f.key
LIMIT $limit
OPTIONAL MATCH (f)-[:OF_SAMPLE]->(sp:Sample)
RETURN labels(f)[0] AS kind, m.name AS material, m.composition AS composition,
       m.family AS family,
       dopants, p.name AS property, f.comparator AS comparator, f.value AS value,
       f.valueMax AS valueMax,
       f.unit AS unit, f.basis AS basis, f.conduction AS conduction,
       f.temperatureC AS temperatureC, f.state AS state, f.treatment AS treatment,
       sp.key AS sample,
       reduce(acc = [], x IN [(f)-[:USING_METHOD]->(me:Method) | me.name] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS methods,
       reduce(acc = [], x IN [(f)-[:CITES]->(r:Reference) | r.label] | CASE WHEN x IN acc
              THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS references,
       s.text AS sentence, f.doc AS doc, s.section AS section, s.start AS startOffset, s.end AS endOffset
ORDER BY doc, startOffset, kind, material, property, value, f.key
