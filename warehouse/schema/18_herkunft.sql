-- Herkunft: the fact rows behind the figures, each with its load (ladung_id: file, sender, hash, time,
-- user in `ladung`) and its line in that file; current rows (ersetzt_durch NULL) and the rows earlier
-- deliveries held (ersetzt_durch: the load that replaced them). One row kind per source:
-- `leistung` (hours, valued hours × FLS of its year and Sozialraum, exact to 4 places, as in verbrauch),
-- `zahlung` (payments), `personalkosten` (the settlement's costs), `budget` (the stated G).
-- Never the case (`fall`), contract or staff pseudonym: a figure shows none of them.
CREATE OR REPLACE VIEW herkunft_zeile AS
WITH leistungen AS (
  SELECT *, NULL::INTEGER AS ersetzt_durch FROM leistung
  UNION ALL BY NAME
  SELECT * FROM historie_leistung
),
zahlungen AS (
  SELECT *, NULL::INTEGER AS ersetzt_durch FROM zahlung
  UNION ALL BY NAME
  SELECT * FROM historie_zahlung
),
kosten AS (
  SELECT *, NULL::INTEGER AS ersetzt_durch FROM personalkosten
  UNION ALL BY NAME
  SELECT * FROM historie_personalkosten
),
budgets AS (
  SELECT *, NULL::INTEGER AS ersetzt_durch FROM budget
  UNION ALL BY NAME
  SELECT * FROM historie_budget
)
SELECT 'leistung' AS quelle, l.ladung_id, l.zeile, l.ersetzt_durch, l.absender,
       CAST(year(l.datum) AS INTEGER) AS jahr, CAST(month(l.datum) AS INTEGER) AS monat, l.datum, l.sozialraum,
       CASE WHEN l.team THEN 'personalisiert' ELSE 'variabel' END AS topf, l.hilfeart, l.segment, l.traeger,
       CAST(l.stunden AS DECIMAL(38,2)) AS stunden, CAST(l.stunden * f.fachleistungsstunde AS DECIMAL(38,4)) AS betrag
FROM leistungen l LEFT JOIN finanzvolumen f ON f.jahr = year(l.datum) AND f.sozialraum = l.sozialraum
UNION ALL
SELECT 'zahlung', ladung_id, zeile, ersetzt_durch, absender, CAST(year(buchungsdatum) AS INTEGER), CAST(month(buchungsdatum) AS INTEGER),
       buchungsdatum, sozialraum, topf, hilfeart, NULL, NULL, NULL, CAST(betrag AS DECIMAL(38,4))
FROM zahlungen
UNION ALL
SELECT 'personalkosten', ladung_id, zeile, ersetzt_durch, absender, jahr, NULL, NULL, sozialraum, 'personalisiert', NULL, NULL, traeger,
       NULL, CAST(personalkosten AS DECIMAL(38,4))
FROM kosten
UNION ALL
SELECT 'budget', ladung_id, zeile, ersetzt_durch, absender, jahr, NULL, NULL, sozialraum, NULL, NULL, NULL, NULL,
       NULL, CAST(gesamtfinanzvolumen AS DECIMAL(38,4))
FROM budgets;
