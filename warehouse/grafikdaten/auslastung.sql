-- Auslastung: hours of the Sozialraumteam (Topf personalisiert) per month up to the quarter end,
-- against a twelfth of the team's yearly capacity.
WITH f AS (
  SELECT sozialraum, kapazitaet_stunden
  FROM finanzvolumen
  WHERE jahr = $jahr AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND ({{bereich}})
),
monat AS (
  SELECT CAST(range AS INTEGER) AS monat FROM range(1, 3 * $quartal + 1)
),
team AS (
  SELECT sozialraum, monat, sum(stunden) AS stunden
  FROM verbrauch
  WHERE jahr = $jahr AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND topf = 'personalisiert'
  GROUP BY ALL
)
SELECT f.sozialraum, m.monat, CAST(coalesce(t.stunden, 0) AS DECIMAL(18,2)) AS stunden,
       CAST(quotient_cent(f.kapazitaet_stunden, 12) AS DECIMAL(18,2)) AS kapazitaet,
       -- Share of the capacity used from January to the quarter end, in %.
       CAST(quotient_cent(sum(coalesce(t.stunden, 0)) OVER (PARTITION BY f.sozialraum) * 100 * 12, f.kapazitaet_stunden * count(*) OVER (PARTITION BY f.sozialraum)) AS DECIMAL(9,2)) AS auslastung_prozent
FROM f
CROSS JOIN monat m
LEFT JOIN team t ON t.sozialraum = f.sozialraum AND t.monat = m.monat
ORDER BY f.sozialraum, m.monat
