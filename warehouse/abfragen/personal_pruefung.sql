SELECT jahr, sozialraum, traeger, mitarbeiter, regel, befund
FROM personal_pruefung
WHERE ($jahr IS NULL OR jahr = $jahr) AND ({{bereich}})
ORDER BY jahr DESC, sozialraum, regel, mitarbeiter
