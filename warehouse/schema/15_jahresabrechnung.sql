-- Year-end settlement of the staffed part (Spitzabrechnung, docs/regeln.md §3), for every ended year.

-- Position-days of each team member per year: stellenumfang × days on the roster in that year
-- (exact DECIMAL); divided by the days of the year they are the member's position-years.
CREATE OR REPLACE VIEW team_stellentage AS
WITH aktiv AS (
  SELECT p.traeger, p.sozialraum, p.mitarbeiter, p.stellenumfang, j.jahr,
         least(coalesce(p.bis, make_date(j.jahr, 12, 31)), make_date(j.jahr, 12, 31))
           - greatest(p.von, make_date(j.jahr, 1, 1)) + 1 AS tage
  FROM personal p,
       -- generate_series counts in BIGINT; a year is an INTEGER like everywhere else (JSON number, Arrow Int32).
       LATERAL (SELECT CAST(unnest(generate_series(year(p.von), year(coalesce(p.bis, current_date)))) AS INTEGER) AS jahr) j
)
SELECT jahr, sozialraum, traeger, mitarbeiter,
       CAST(sum(stellenumfang * tage) AS DECIMAL(18,4)) AS stellentage,
       CAST(make_date(jahr, 12, 31) - make_date(jahr, 1, 1) + 1 AS INTEGER) AS tage_im_jahr
FROM aktiv
WHERE tage > 0
GROUP BY ALL;

-- The Sozialräume and ended years to settle: a budget year with a team on the roster, or cost rows
-- delivered (roster rows reach back before the model began; those years have nothing to settle).
CREATE OR REPLACE VIEW abrechnung_jahr AS
SELECT DISTINCT jahr, sozialraum FROM (
  SELECT t.jahr, t.sozialraum FROM team_stellentage t JOIN budget b USING (jahr, sozialraum)
  UNION ALL SELECT jahr, sozialraum FROM personalkosten
)
WHERE jahr < year(current_date);

-- Each Träger of a settlement: its position-days, and its actual cost as delivered.
CREATE OR REPLACE VIEW abrechnung_traeger AS
WITH stellen AS (
  SELECT jahr, sozialraum, traeger, sum(stellentage) AS stellentage FROM team_stellentage GROUP BY ALL
),
kosten AS (
  SELECT jahr, sozialraum, traeger, sum(personalkosten) AS personalkosten_ist FROM personalkosten GROUP BY ALL
)
SELECT a.jahr, a.sozialraum, t.traeger,
       coalesce(s.stellentage, 0) AS stellentage,
       CAST(coalesce(k.personalkosten_ist, 0) AS DECIMAL(18,2)) AS personalkosten_ist
FROM abrechnung_jahr a
JOIN (SELECT jahr, sozialraum, traeger FROM stellen UNION SELECT jahr, sozialraum, traeger FROM kosten) t USING (jahr, sozialraum)
LEFT JOIN stellen s USING (jahr, sozialraum, traeger)
LEFT JOIN kosten k USING (jahr, sozialraum, traeger);

-- The whole of each Sozialraum: personalkosten_pauschal = round(P × (Stellenfaktor − O) / Stellenfaktor, 2),
-- the rest of P is the flat material share; position-years to 2 places.
CREATE OR REPLACE VIEW abrechnung_gesamt AS
SELECT a.jahr, a.sozialraum,
       CAST(quotient_cent(sum(t.stellentage), any_value(ts.tage_im_jahr)) AS DECIMAL(18,2)) AS stellenjahre,
       CAST(quotient_cent(f.personalisiertes_finanzvolumen * (f.stellenfaktor - f.sachkostenpauschale), f.stellenfaktor) AS DECIMAL(18,2)) AS personalkosten_pauschal,
       f.personalisiertes_finanzvolumen,
       CAST(sum(t.personalkosten_ist) AS DECIMAL(18,2)) AS personalkosten_ist
FROM abrechnung_jahr a
JOIN abrechnung_traeger t USING (jahr, sozialraum)
LEFT JOIN finanzvolumen f USING (jahr, sozialraum)
LEFT JOIN (SELECT DISTINCT jahr, tage_im_jahr FROM team_stellentage) ts USING (jahr)
GROUP BY a.jahr, a.sozialraum, f.personalisiertes_finanzvolumen, f.stellenfaktor, f.sachkostenpauschale;

-- Each whole split between the Träger by their position-days, in cents: everyone gets the floor of
-- the exact share, the cents left over go one each to the largest remainders (ties by Träger), so
-- the parts add up to the whole. Position-years are split the same way, in hundredths.
CREATE OR REPLACE VIEW jahresabrechnung AS
WITH ganzes AS (
  SELECT jahr, sozialraum, posten, CAST(wert * 100 AS HUGEINT) AS einheiten
  FROM (
    SELECT jahr, sozialraum, stellenjahre, personalkosten_pauschal,
           personalisiertes_finanzvolumen - personalkosten_pauschal AS sachkosten_pauschal
    FROM abrechnung_gesamt
  ) UNPIVOT (wert FOR posten IN (stellenjahre, personalkosten_pauschal, sachkosten_pauschal))
),
gewichte AS (
  SELECT jahr, sozialraum, traeger, CAST(stellentage * 10000 AS HUGEINT) AS gewicht,
         sum(CAST(stellentage * 10000 AS HUGEINT)) OVER (PARTITION BY jahr, sozialraum) AS summe
  FROM abrechnung_traeger
),
anteile AS (
  SELECT g.jahr, g.sozialraum, g.posten, w.traeger, g.einheiten,
         CASE WHEN w.summe > 0 THEN g.einheiten * w.gewicht // w.summe ELSE 0 END AS boden,
         CASE WHEN w.summe > 0 THEN g.einheiten * w.gewicht % w.summe ELSE 0 END AS rest
  FROM ganzes g JOIN gewichte w USING (jahr, sozialraum)
),
verteilt AS (
  SELECT jahr, sozialraum, posten, traeger,
         boden + CASE WHEN row_number() OVER (PARTITION BY jahr, sozialraum, posten ORDER BY rest DESC, traeger)
                           <= einheiten - sum(boden) OVER (PARTITION BY jahr, sozialraum, posten) AND rest > 0
                      THEN 1 ELSE 0 END AS einheiten
  FROM anteile
),
je_traeger AS (
  SELECT v.jahr, v.sozialraum, v.traeger,
         aus_cent(sum(v.einheiten) FILTER (WHERE posten = 'stellenjahre')) AS stellenjahre,
         aus_cent(sum(v.einheiten) FILTER (WHERE posten = 'personalkosten_pauschal')) AS personalkosten_pauschal,
         aus_cent(sum(v.einheiten) FILTER (WHERE posten = 'sachkosten_pauschal')) AS sachkosten_pauschal
  FROM verteilt v
  GROUP BY ALL
),
zeilen AS (
  SELECT j.jahr, j.sozialraum, j.traeger, j.stellenjahre, j.personalkosten_pauschal, j.sachkosten_pauschal, t.personalkosten_ist
  FROM je_traeger j JOIN abrechnung_traeger t USING (jahr, sozialraum, traeger)
  UNION ALL
  SELECT jahr, sozialraum, 'gesamt', stellenjahre, personalkosten_pauschal,
         personalisiertes_finanzvolumen - personalkosten_pauschal, personalkosten_ist
  FROM abrechnung_gesamt
)
SELECT jahr, sozialraum, traeger,
       CAST(stellenjahre AS DECIMAL(18,2)) AS stellenjahre,
       CAST(personalkosten_pauschal AS DECIMAL(18,2)) AS personalkosten_pauschal,
       CAST(sachkosten_pauschal AS DECIMAL(18,2)) AS sachkosten_pauschal,
       personalkosten_ist,
       CAST(personalkosten_ist - personalkosten_pauschal AS DECIMAL(18,2)) AS differenz,
       CASE WHEN personalkosten_ist > personalkosten_pauschal THEN 'nachzahlung'
            WHEN personalkosten_ist < personalkosten_pauschal THEN 'erstattung'
            WHEN personalkosten_ist = personalkosten_pauschal THEN 'ausgeglichen' END AS art
FROM zeilen;

-- What stands in the way of a clean settlement, one row per finding; empty for a year and
-- Sozialraum means its settlement rests on complete data.
CREATE OR REPLACE VIEW jahresabrechnung_befund AS
WITH kosten AS (
  SELECT jahr, sozialraum, traeger, mitarbeiter, sum(personalkosten) AS personalkosten
  FROM personalkosten GROUP BY ALL
)
SELECT t.jahr, t.sozialraum, t.traeger, t.mitarbeiter, 'personalkosten_fehlen' AS regel,
       'Im Sozialraumteam (' || replace(CAST(quotient_cent(t.stellentage, t.tage_im_jahr) AS VARCHAR), '.', ',')
         || ' Stellenjahre), aber keine Personalkosten für ' || t.jahr || ' geliefert' AS befund
FROM team_stellentage t
JOIN abrechnung_jahr USING (jahr, sozialraum)
WHERE NOT EXISTS (SELECT 1 FROM kosten k WHERE k.jahr = t.jahr AND k.sozialraum = t.sozialraum
                                           AND k.traeger = t.traeger AND k.mitarbeiter = t.mitarbeiter)
UNION ALL
SELECT k.jahr, k.sozialraum, k.traeger, k.mitarbeiter, 'nicht_im_team',
       'Personalkosten von ' || replace(CAST(k.personalkosten AS VARCHAR), '.', ',') || ' € für jemanden, der ' || k.jahr
         || ' nicht im Sozialraumteam dieses Trägers stand'
FROM kosten k
JOIN abrechnung_jahr USING (jahr, sozialraum)
WHERE NOT EXISTS (SELECT 1 FROM team_stellentage t WHERE t.jahr = k.jahr AND t.sozialraum = k.sozialraum
                                                     AND t.traeger = k.traeger AND t.mitarbeiter = k.mitarbeiter)
UNION ALL
SELECT a.jahr, a.sozialraum, NULL, NULL, 'sachkostenpauschale_fehlt',
       'Das Budget ' || a.jahr || ' nennt keine Sachkostenpauschale: der Personalkostenanteil der Pauschale ist unbekannt'
FROM abrechnung_jahr a
LEFT JOIN finanzvolumen f USING (jahr, sozialraum)
WHERE f.sachkostenpauschale IS NULL AND f.personalisiertes_finanzvolumen IS NOT NULL
UNION ALL
SELECT a.jahr, a.sozialraum, NULL, NULL, 'budget_fehlt',
       'Für ' || a.jahr || ' ist kein personalisiertes Finanzvolumen bekannt (Budget nicht geladen)'
FROM abrechnung_jahr a
LEFT JOIN finanzvolumen f USING (jahr, sozialraum)
WHERE f.personalisiertes_finanzvolumen IS NULL;

-- Free funds that could move to prevention (docs/regeln.md §5), at each quarter end before Q4 where a
-- Sozialraum's total is freie_mittel: round(budget × (1 − reserve) − hochrechnung, 2) from the exact
-- product and the exact hochrechnung, rounded once; only when positive. `reserve` shows
-- round(budget × reserve, 2), so budget − reserve − hochrechnung may differ from the proposal by a
-- cent: a rounding difference of the shown figures, the proposal is the exact one.
-- Recorded reallocations are already in hochrechnung, so the proposal shrinks as they are made.
CREATE OR REPLACE VIEW umschichtung_vorschlag AS
WITH r AS (
  SELECT a.jahr, a.quartal, a.sozialraum, a.budget, a.hochrechnung,
         CAST(round(a.budget * e.wert, 2) AS DECIMAL(18,2)) AS reserve,
         CAST(round(a.budget * (1 - e.wert) - a.hochrechnung_genau, 2) AS DECIMAL(18,2)) AS vorschlag
  FROM abweichung a, (SELECT wert FROM einstellung WHERE name = 'umschichtung_reserve') e
  WHERE a.topf = 'gesamt' AND a.status = 'freie_mittel' AND a.quartal < 4
)
SELECT jahr, quartal, sozialraum, budget, hochrechnung, reserve, vorschlag
FROM r
WHERE vorschlag > 0;
