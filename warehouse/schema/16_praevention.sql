-- Prevention and network work against its floor (docs/regeln.md §3, §4) at each ended quarter end:
-- what was used (hours in segment fallunspezifisch × FLS) and what reallocations plan on top for the
-- rest of the year (docs/regeln.md §5: an Umschichtung is planned prevention work).
CREATE OR REPLACE VIEW praevention AS
WITH ist AS (
  SELECT f.jahr, q.quartal, f.sozialraum, f.praevention_mindestens,
         CAST(round(coalesce(sum(v.betrag) FILTER (WHERE v.monat <= q.bis_monat), 0), 2) AS DECIMAL(18,2)) AS ist_bis_stichtag
  FROM finanzvolumen f
  CROSS JOIN quartal q
  LEFT JOIN verbrauch v ON v.jahr = f.jahr AND v.sozialraum = f.sozialraum AND v.segment = 'fallunspezifisch'
  GROUP BY ALL
),
geplant AS (
  SELECT jahr, quartal, sozialraum, sum(betrag) AS umschichtung FROM umschichtung_quartal GROUP BY ALL
)
SELECT i.jahr, i.quartal, i.sozialraum, i.praevention_mindestens, i.ist_bis_stichtag,
       CAST(coalesce(g.umschichtung, 0) AS DECIMAL(18,2)) AS umschichtung,
       CAST(i.ist_bis_stichtag + coalesce(g.umschichtung, 0) AS DECIMAL(18,2)) AS ist_und_geplant
FROM ist i
LEFT JOIN geplant g USING (jahr, quartal, sozialraum)
WHERE last_day(make_date(i.jahr, 3 * i.quartal, 1)) <= current_date;
