-- Exact use per Sozialraum, month and pot of a year (4 places) within the caller's scope, for SRB.IST:
-- the cell adds the months it asks for exactly and rounds once (docs/regeln.md §4).
SELECT sozialraum, monat, topf, CAST(sum(betrag) AS DECIMAL(38,4)) AS betrag_genau
FROM verbrauch
WHERE jahr = $jahr AND ({{bereich}})
GROUP BY ALL
