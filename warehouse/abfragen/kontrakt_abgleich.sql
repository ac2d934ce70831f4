SELECT kontrakt, status, abweichende_felder, sozialraum, traeger, zeichnung_befund, wohnort_befund
FROM kontrakt_abgleich
WHERE ({{bereich}})
ORDER BY status, kontrakt
