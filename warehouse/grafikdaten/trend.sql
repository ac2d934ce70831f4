-- Trend: total use per year against the Gesamtfinanzvolumen of the Sozialräume in scope; the year of
-- the quarter as Hochrechnung at its end. Sums of exact values, rounded once.
WITH fv AS (
  SELECT jahr, sum(gesamtfinanzvolumen) AS gesamtfinanzvolumen
  FROM finanzvolumen
  WHERE jahr <= $jahr AND ({{bereich}})
  GROUP BY jahr
),
ist AS (
  SELECT jahr, round(sum(betrag_genau), 2) AS betrag
  FROM verbrauch_topf_monat
  WHERE jahr < $jahr AND ({{bereich}})
  GROUP BY jahr
),
hochrechnung AS (
  SELECT jahr, round(sum(hochrechnung_genau), 2) AS betrag
  FROM abweichung
  WHERE jahr = $jahr AND quartal = $quartal AND topf = 'gesamt' AND ({{bereich}})
  GROUP BY jahr
)
SELECT fv.jahr, CAST(fv.gesamtfinanzvolumen AS DECIMAL(18,2)) AS gesamtfinanzvolumen,
       CAST(coalesce(ist.betrag, hochrechnung.betrag) AS DECIMAL(18,2)) AS verbrauch,
       CASE WHEN fv.jahr = $jahr THEN 'Hochrechnung' ELSE 'Ist' END AS art
FROM fv
LEFT JOIN ist USING (jahr)
LEFT JOIN hochrechnung USING (jahr)
WHERE ist.betrag IS NOT NULL OR hochrechnung.betrag IS NOT NULL
ORDER BY fv.jahr
