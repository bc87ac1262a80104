// name: gap_unmeasured_properties
// question: Which materials have a measured ionic conductivity but no measured activation energy or no measured relative density?
// param: garnetOnly = true (boolean) — false also lists materials of other families (shown in family)
// param: includeComposites = false (boolean) — true also lists composite electrolytes
// param: limit = 200 (integer) — how many rows to list (the first in the order below)
// Experimental values only (a calculated activation energy is no measurement of it); conductivity
// at any temperature, in S/cm; missing lists what was never measured for the material.
// The counts are kept by ingestion (graph/summaries.py: a Summary per material with its
// experimental conductivities, activation energies and densities, in group 'unmeasured' while
// it has a conductivity and lacks one of the others), so the query reads those materials only;
// the best conductivity is the largest of their documents' tallies (one per document), read
// for the $limit materials listed only.
MATCH (s:Summary {group: 'unmeasured'})
WITH s, s.material AS mk
MATCH (m:Material {key: mk})
WHERE m.family = 'garnet' OR (m.family = 'composite' AND $includeComposites)
      OR (NOT m.family IN ['garnet', 'composite'] AND NOT $garnetOnly)
WITH s, m, mk
ORDER BY s.conductivity DESC, m.name, m.key
LIMIT $limit
OPTIONAL MATCH (t:Tally {material: mk})
WITH s, m, max(t.icMax) AS bestConductivity
RETURN m.name AS material, m.composition AS composition, m.family AS family,
       s.conductivity AS conductivityReports, bestConductivity,
       [x IN [['activation_energy', s.activationEnergy], ['relative_density', s.density]]
        WHERE x[1] = 0 | x[0]] AS missing
ORDER BY conductivityReports DESC, material, m.key
