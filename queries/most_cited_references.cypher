// name: most_cited_references
// question: Which references support the most facts?
// param: limit = 20 (integer) — how many references to list
// citeKeys: the keys the reference has in the documents' reference lists.
// The facts citing each reference, and per document how many, are kept by ingestion
// (graph/summaries.py: a Summary per cited reference with a counter per document); the query
// takes the $limit largest counts (and any tied with the last, which the labels order), then
// reads those references' own fields, list keys and documents.
MATCH (top:Summary {kind: 'reference'})
WITH top ORDER BY top.count DESC LIMIT $limit
WITH min(top.count) AS cut
MATCH (s:Summary {kind: 'reference'})
WHERE s.count >= cut
WITH s
MATCH (r:Reference {key: s.reference})
OPTIONAL MATCH (r)<-[l:LISTS]-(:Document)
WITH r, s, collect(DISTINCT l.citeKey) AS citeKeys
OPTIONAL MATCH (c:Summary {group: s.key + '|document'})
WITH r, s, citeKeys, c.name AS doc ORDER BY doc
WITH r, s, citeKeys, collect(doc) AS documents
RETURN r.label AS reference, s.count AS facts,
       reduce(acc = [], x IN citeKeys | CASE WHEN x IN acc THEN acc
              ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END) AS citeKeys,
       r.year AS year, r.doi AS doi, r.text AS text, documents
ORDER BY facts DESC, reference, r.key
LIMIT $limit
