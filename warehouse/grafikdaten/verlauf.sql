-- Verlauf: cumulative use per Topf and month against the budget phased over the year (linear or the
-- stored profile, budget_phasiert: the same phasing as soll_bis_stichtag; `phasierung` says which).
-- Each cumulative point is the exact sum of the months so far, rounded once. After the quarter end the
-- forecast (prognose_rest of abweichung) is spread evenly over the open months.
WITH a AS (
  SELECT sozialraum, topf, budget, ist_bis_stichtag, prognose_rest, 3 * quartal AS bis_monat
  FROM abweichung
  WHERE jahr = $jahr AND quartal = $quartal AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND topf <> 'gesamt' AND ({{bereich}})
),
monat AS (
  SELECT CAST(range AS INTEGER) AS monat FROM range(0, 13)
),
ist AS (
  SELECT a.sozialraum, a.topf, m.monat,
         CAST(round(sum(coalesce(v.betrag_genau, 0)) OVER (PARTITION BY a.sozialraum, a.topf ORDER BY m.monat), 2) AS DECIMAL(18,2)) AS betrag
  FROM a
  CROSS JOIN monat m
  LEFT JOIN verbrauch_topf_monat v ON v.jahr = $jahr AND v.sozialraum = a.sozialraum AND v.topf = a.topf AND v.monat = m.monat
  WHERE m.monat <= a.bis_monat
),
reihen AS (
  SELECT sozialraum, topf, monat, 'Ist' AS reihe, betrag FROM ist
  UNION ALL
  SELECT a.sozialraum, a.topf, m.monat, 'Prognose',
         CAST(a.ist_bis_stichtag + quotient_cent(a.prognose_rest * (m.monat - a.bis_monat), 12 - a.bis_monat) AS DECIMAL(18,2))
  FROM a CROSS JOIN monat m
  WHERE a.bis_monat < 12 AND m.monat >= a.bis_monat
  UNION ALL
  SELECT a.sozialraum, a.topf, b.monat, 'Budget anteilig', b.soll
  FROM a JOIN budget_phasiert b ON b.jahr = $jahr AND b.sozialraum = a.sozialraum AND b.topf = a.topf
)
SELECT r.sozialraum, r.topf, t.bezeichnung AS topf_name, t.reihenfolge, r.reihe, r.monat, r.betrag, b.phasierung
FROM reihen r JOIN topf t USING (topf)
JOIN budget_phasiert b ON b.jahr = $jahr AND b.sozialraum = r.sozialraum AND b.topf = r.topf AND b.monat = r.monat
ORDER BY r.sozialraum, t.reihenfolge, r.reihe, r.monat
