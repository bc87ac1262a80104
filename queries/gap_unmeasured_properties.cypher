// name: gap_unmeasured_properties
// question: Which materials have a measured ionic conductivity but no measured activation energy or no measured relative density?
// param: garnetOnly = true (boolean) — false also lists materials of other families (shown in family)
// param: includeComposites = false (boolean) — true also lists composite electrolytes
// Experimental values only (a calculated activation energy is no measurement of it); conductivity
// at any temperature, in S/cm; missing lists what was never measured for the material.
MATCH (:Property {key: 'ionic_conductivity'})<-[:OF_PROPERTY]-(f:Measurement)-[:ABOUT]->(m:Material)
WHERE f.basis = 'experimental'
  AND (m.family = 'garnet' OR (m.family = 'composite' AND $includeComposites)
       OR (NOT m.family IN ['garnet', 'composite'] AND NOT $garnetOnly))
WITH m, count(f) AS conductivityReports, max(f.value) AS bestConductivity
WITH m, conductivityReports, bestConductivity,
     size([(m)<-[:ABOUT]-(e:Measurement)-[:OF_PROPERTY]->(:Property {key: 'activation_energy'})
           WHERE e.basis = 'experimental' | 1]) AS activationEnergyReports,
     size([(m)<-[:ABOUT]-(d:Measurement)-[:OF_PROPERTY]->(:Property {key: 'relative_density'})
           WHERE d.basis = 'experimental' | 1]) AS densityReports
WHERE activationEnergyReports = 0 OR densityReports = 0
RETURN m.name AS material, m.composition AS composition, m.family AS family,
       conductivityReports, bestConductivity,
       [x IN [['activation_energy', activationEnergyReports], ['relative_density', densityReports]]
        WHERE x[1] = 0 | x[0]] AS missing
ORDER BY conductivityReports DESC, material, m.key
