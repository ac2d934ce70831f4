-- The forecast sheet of a year and Sozialraum: per pot and month the actuals up to the last month with
-- bookings ($bis) and, for each open month, the automatic projection. Where the pot has a phasing
-- profile: the actuals spread by the month's share against the share elapsed. Seasonal where the (up to) three
-- years before have use in those months: the year's actuals spread by the months' share back then;
-- otherwise linear: the average month so far. Sums are of the exact month values, each projected
-- month rounded once. `soll` is the month's phased budget (budget_phasiert, the same phasing as the
-- variance: the cumulative figure of the month minus that of the month before, so the 12 add up to the
-- budget) and `phasierung` says which phasing it is (linear or profil).
WITH toepfe AS (SELECT unnest(['personalisiert', 'variabel', 'asd']) AS topf, generate_subscripts(['personalisiert', 'variabel', 'asd'], 1) AS reihenfolge),
monate AS (SELECT CAST(m AS INTEGER) AS monat FROM range(1, 13) t(m)),
ist AS (
  SELECT topf, monat, betrag, betrag_genau FROM verbrauch_topf_monat WHERE jahr = $jahr AND sozialraum = $sozialraum AND monat <= $bis
),
ist_summe AS (SELECT topf, sum(betrag_genau) AS bis_stichtag FROM ist GROUP BY ALL),
vorjahre AS (
  SELECT topf, monat, sum(betrag_genau) AS betrag
  FROM verbrauch_topf_monat WHERE sozialraum = $sozialraum AND jahr BETWEEN $jahr - 3 AND $jahr - 1
  GROUP BY ALL
),
vorjahre_bis AS (SELECT topf, sum(betrag) AS betrag FROM vorjahre WHERE monat <= $bis GROUP BY ALL)
SELECT t.topf, m.monat,
       CASE WHEN m.monat <= $bis THEN CAST(coalesce(i.betrag, 0) AS DECIMAL(18,2)) END AS ist,
       CASE WHEN m.monat > $bis THEN CAST(coalesce(
         CASE WHEN pb.bis > 0 THEN quotient_cent(s.bis_stichtag * (pm.bis - pm0.bis), pb.bis) END,
         CASE WHEN vb.betrag > 0 AND v.betrag IS NOT NULL THEN quotient_cent(s.bis_stichtag * v.betrag, vb.betrag) END,
         quotient_cent(s.bis_stichtag, $bis),
         0) AS DECIMAL(18,2)) END AS automatisch,
       CAST(b.soll - b0.soll AS DECIMAL(18,2)) AS soll,
       b.phasierung
FROM toepfe t CROSS JOIN monate m
LEFT JOIN budget_phasiert b ON b.jahr = $jahr AND b.sozialraum = $sozialraum AND b.topf = t.topf AND b.monat = m.monat
LEFT JOIN budget_phasiert b0 ON b0.jahr = $jahr AND b0.sozialraum = $sozialraum AND b0.topf = t.topf AND b0.monat = m.monat - 1
LEFT JOIN phasierung_kumuliert pm ON pm.jahr = $jahr AND pm.sozialraum = $sozialraum AND pm.topf = t.topf AND pm.monat = m.monat
LEFT JOIN phasierung_kumuliert pm0 ON pm0.jahr = $jahr AND pm0.sozialraum = $sozialraum AND pm0.topf = t.topf AND pm0.monat = m.monat - 1
LEFT JOIN phasierung_kumuliert pb ON pb.jahr = $jahr AND pb.sozialraum = $sozialraum AND pb.topf = t.topf AND pb.monat = $bis
LEFT JOIN ist i ON i.topf = t.topf AND i.monat = m.monat
LEFT JOIN ist_summe s ON s.topf = t.topf
LEFT JOIN vorjahre v ON v.topf = t.topf AND v.monat = m.monat
LEFT JOIN vorjahre_bis vb ON vb.topf = t.topf
ORDER BY t.reihenfolge, m.monat
