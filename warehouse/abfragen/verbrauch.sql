-- Use per month up to a month, grouped by the dimensions asked for ({{gruppe}} is a checked list).
SELECT {{gruppe}}, sum(stunden) AS stunden, CAST(round(sum(betrag), 2) AS DECIMAL(18,2)) AS betrag
FROM verbrauch
WHERE jahr = $jahr AND monat <= $bis AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND ({{bereich}})
GROUP BY {{gruppe}}
ORDER BY {{gruppe}}
