-- Recorded reallocations within the caller's scope, oldest first (reversals follow what they reverse).
SELECT umschichtung_id, jahr, sozialraum, topf, betrag, gremium, beschlussdatum, kommentar,
       ueberschreitung_begruendung, autor, zeitpunkt
FROM umschichtung
WHERE ($jahr IS NULL OR jahr = $jahr) AND ({{bereich}})
ORDER BY umschichtung_id
