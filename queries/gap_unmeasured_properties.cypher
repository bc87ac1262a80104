// name: gap_unmeasured_properties
// question: Which materials have an ionic conductivity but no activation energy or no relative density?
// Conductivity at any temperature, in S/cm; missing lists what was never reported for the material.
MATCH (m:Material)<-[:ABOUT]-(f:Measurement)-[:OF_PROPERTY]->(:Property {key: 'ionic_conductivity'})
WITH m, count(f) AS conductivityReports, max(f.value) AS bestConductivity
WITH m, conductivityReports, bestConductivity,
     size([(m)<-[:ABOUT]-(:Measurement)-[:OF_PROPERTY]->(:Property {key: 'activation_energy'}) | 1])
       AS activationEnergyReports,
     size([(m)<-[:ABOUT]-(:Measurement)-[:OF_PROPERTY]->(:Property {key: 'relative_density'}) | 1])
       AS densityReports
WHERE activationEnergyReports = 0 OR densityReports = 0
RETURN m.name AS material, conductivityReports, bestConductivity,
       [x IN [['activation_energy', activationEnergyReports], ['relative_density', densityReports]]
        WHERE x[1] = 0 | x[0]] AS missing
ORDER BY conductivityReports DESC, material, m.key
