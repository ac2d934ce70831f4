-- The settlement of a year within the caller's scope, each Sozialraum's Träger first, gesamt last.
SELECT jahr, sozialraum, traeger, stellenjahre, personalkosten_pauschal, sachkosten_pauschal,
       personalkosten_ist, differenz, art
FROM jahresabrechnung
WHERE jahr = $jahr AND ({{bereich}})
ORDER BY sozialraum, traeger = 'gesamt', traeger
