SELECT nr, 'personalkosten' AS spalte, personalkosten__roh AS wert, 'Personalkosten dürfen nicht negativ sein' AS grund
FROM neu WHERE personalkosten < 0
UNION ALL
SELECT nr, 'mitarbeiter', mitarbeiter__roh, 'Jahr, Sozialraum und Mitarbeiter stehen mehrfach in der Datei'
FROM (SELECT nr, mitarbeiter__roh, count(*) OVER (PARTITION BY jahr, traeger, sozialraum, mitarbeiter) AS n FROM neu WHERE mitarbeiter IS NOT NULL)
WHERE n > 1
