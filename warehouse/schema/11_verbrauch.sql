-- View verbrauch: valued use per month (docs/regeln.md §4). Hours of Sozialraumteam members use the
-- personalisiert pot, other hours and payments of topf variabel the variabel pot, ASD payments the asd pot.
-- A booking is worth hours × FLS of its year and Sozialraum, exact to 4 places; betrag stays NULL
-- while that year's budget has not been loaded (files arrive in any order).
CREATE OR REPLACE VIEW verbrauch AS
WITH stunden AS (
  SELECT CAST(year(datum) AS INTEGER) AS jahr, CAST(month(datum) AS INTEGER) AS monat, sozialraum,
         CASE WHEN team THEN 'personalisiert' ELSE 'variabel' END AS topf,
         hilfeart, segment, traeger, sum(stunden) AS stunden
  FROM leistung
  GROUP BY ALL
),
bewertet AS (
  SELECT s.jahr, s.monat, s.sozialraum, s.topf, s.hilfeart, s.segment, s.traeger, s.stunden,
         CAST(s.stunden * f.fachleistungsstunde AS DECIMAL(38,4)) AS betrag
  FROM stunden s LEFT JOIN finanzvolumen f USING (jahr, sozialraum)
),
zahlungen AS (
  SELECT CAST(year(buchungsdatum) AS INTEGER) AS jahr, CAST(month(buchungsdatum) AS INTEGER) AS monat, sozialraum, topf,
         hilfeart, CAST(NULL AS VARCHAR) AS segment, CAST(NULL AS VARCHAR) AS traeger,
         CAST(NULL AS DECIMAL(38,2)) AS stunden, CAST(sum(betrag) AS DECIMAL(38,4)) AS betrag
  FROM zahlung
  GROUP BY ALL
)
SELECT * FROM bewertet
UNION ALL
SELECT * FROM zahlungen;
