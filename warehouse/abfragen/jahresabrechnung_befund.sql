SELECT jahr, sozialraum, traeger, mitarbeiter, regel, befund
FROM jahresabrechnung_befund
WHERE jahr = $jahr AND ({{bereich}})
ORDER BY sozialraum, regel, traeger, mitarbeiter
