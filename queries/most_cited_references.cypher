// name: most_cited_references
// question: Which references support the most facts?
// param: limit = 20 (integer) — how many references to list
// citeKeys: the keys the reference has in the documents' reference lists.
MATCH (r:Reference)<-[:CITES]-(f)
WITH r, count(DISTINCT f.key) AS facts, collect(DISTINCT f.doc) AS docs
OPTIONAL MATCH (r)<-[l:LISTS]-(:Document)
WITH r, facts, docs, collect(DISTINCT l.citeKey) AS citeKeys
RETURN r.label AS reference, facts,
       reduce(acc = [], x IN citeKeys | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS citeKeys,
       r.year AS year, r.doi AS doi, r.text AS text,
       reduce(acc = [], x IN docs | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS documents
ORDER BY facts DESC, reference, r.key
LIMIT $limit
