-- Quarter-end controlling (docs/regeln.md §5).

-- Annual amount of each pot; gesamt is the Gesamtfinanzvolumen (ASD share + Sozialraum share).
-- One pass over finanzvolumen (its recursion is the cost), three rows per year and Sozialraum.
CREATE OR REPLACE VIEW budget_topf AS
SELECT f.jahr, f.sozialraum, t.topf,
       CASE t.topf WHEN 'personalisiert' THEN f.personalisiertes_finanzvolumen
                   WHEN 'variabel' THEN f.variables_finanzvolumen ELSE f.asd_finanzvolumen END AS budget
FROM finanzvolumen f CROSS JOIN (VALUES ('personalisiert'), ('variabel'), ('asd')) t(topf);

-- Valued use per pot and month: `betrag_genau` the exact sum of the booking values (4 places), `betrag`
-- the month's figure rounded to cents. Every sum over months (quarter, year, projection) adds the exact
-- values and rounds once at its own figure (docs/regeln.md §4), never months that were rounded before.
-- Same figures as summing verbrauch, but grouped by the four keys straight from the fact tables: the
-- projection reads every year of it, and the seven-key grouping of verbrauch over all bookings was
-- most of the time of abweichung. Exact: hours and the FLS have two places, each product four.
CREATE OR REPLACE VIEW verbrauch_topf_monat_berechnet AS
WITH stunden AS (
  SELECT CAST(year(datum) AS INTEGER) AS jahr, CAST(month(datum) AS INTEGER) AS monat, sozialraum,
         CASE WHEN team THEN 'personalisiert' ELSE 'variabel' END AS topf, sum(stunden) AS stunden
  FROM leistung
  GROUP BY ALL
),
bewertet AS (
  SELECT s.jahr, s.monat, s.sozialraum, s.topf, CAST(s.stunden * f.fachleistungsstunde AS DECIMAL(38,4)) AS betrag
  FROM stunden s LEFT JOIN finanzvolumen f USING (jahr, sozialraum)
),
zahlungen AS (
  SELECT CAST(year(buchungsdatum) AS INTEGER) AS jahr, CAST(month(buchungsdatum) AS INTEGER) AS monat, sozialraum, topf,
         CAST(sum(betrag) AS DECIMAL(38,4)) AS betrag
  FROM zahlung
  GROUP BY ALL
)
SELECT jahr, monat, sozialraum, topf, CAST(round(sum(betrag), 2) AS DECIMAL(18,2)) AS betrag,
       CAST(sum(betrag) AS DECIMAL(38,4)) AS betrag_genau
FROM (SELECT * FROM bewertet UNION ALL SELECT * FROM zahlungen)
GROUP BY ALL;

-- Kept as a table (see abweichung_stand below): only loads change it, and every projection, forecast
-- sheet and chart reads it, so it is summed over all bookings once per load instead of once per read.
CREATE TABLE IF NOT EXISTS verbrauch_topf_monat_stand AS SELECT * FROM verbrauch_topf_monat_berechnet;
CREATE OR REPLACE VIEW verbrauch_topf_monat AS SELECT * FROM verbrauch_topf_monat_stand;

-- The budget's share elapsed after each month (0–12) per year, Sozialraum and pot (docs/regeln.md §5): the
-- stored profile (Phasierung, percent per month, cumulated) or linear m/12, as the fraction
-- zaehler / nenner, so that a phased budget is quotient_cent(budget × zaehler, nenner), rounded once.
CREATE OR REPLACE VIEW phasierung_kumuliert AS
SELECT p.jahr, p.sozialraum, p.topf, CAST(m.m AS INTEGER) AS monat,
       CAST(coalesce(sum(p.anteil) FILTER (WHERE p.monat <= m.m), 0) AS DECIMAL(18,4)) AS bis
FROM phasierung p CROSS JOIN range(0, 13) m(m)
GROUP BY ALL;

-- A pot's budget phased to the end of month m: round(budget × share, 2), the share being the profile's
-- cumulated percentage `bis` where the pot has one, else m / 12 (docs/regeln.md §5). One rule for every figure.
CREATE OR REPLACE MACRO soll_phasiert(budget, bis, m) AS (
  CAST(CASE WHEN bis IS NULL THEN quotient_cent(budget * m, 12) ELSE quotient_cent(budget * bis, 100) END AS DECIMAL(18,2))
);

CREATE OR REPLACE VIEW phasierung_anteil AS
SELECT b.jahr, b.sozialraum, b.topf, CAST(m.m AS INTEGER) AS monat,
       CASE WHEN p.topf IS NULL THEN 'linear' ELSE 'profil' END AS phasierung,
       CAST(coalesce(p.bis, m.m) AS DECIMAL(18,4)) AS zaehler,
       CASE WHEN p.topf IS NULL THEN 12 ELSE 100 END AS nenner,
       b.budget
FROM budget_topf b
CROSS JOIN range(0, 13) m(m)
LEFT JOIN phasierung_kumuliert p ON p.jahr = b.jahr AND p.sozialraum = b.sozialraum AND p.topf = b.topf AND p.monat = m.m;

-- The phased budget up to the end of each month (0–12) per pot and for the Sozialraum (`gesamt`):
-- each pot round(budget × share, 2) from its own budget; `gesamt` round(G × m / 12, 2) (G = the three
-- pots' budgets), or, where a pot of that year has a profile, the sum of the pots' figures (docs/regeln.md §5).
-- `phasierung` says which.
CREATE OR REPLACE VIEW budget_phasiert AS
WITH je_topf AS (
  SELECT jahr, sozialraum, topf, monat, phasierung, budget,
         soll_phasiert(budget, CASE WHEN phasierung = 'profil' THEN zaehler END, monat) AS soll
  FROM phasierung_anteil
)
SELECT jahr, sozialraum, topf, monat, budget, soll, phasierung FROM je_topf
UNION ALL
SELECT jahr, sozialraum, 'gesamt', monat, CAST(sum(budget) AS DECIMAL(18,2)),
       CASE WHEN bool_or(phasierung = 'profil') THEN CAST(sum(soll) AS DECIMAL(18,2))
            ELSE CAST(quotient_cent(sum(budget) * monat, 12) AS DECIMAL(18,2)) END,
       CASE WHEN bool_or(phasierung = 'profil') THEN 'profil' ELSE 'linear' END
FROM je_topf
GROUP BY jahr, sozialraum, monat;

CREATE OR REPLACE VIEW quartal AS
SELECT CAST(q AS INTEGER) AS quartal, CAST(3 * q AS INTEGER) AS bis_monat FROM range(1, 5) t(q);

-- Both automatic projections of the rest of the year, for every year, quarter end, Sozialraum and pot:
--   linear:   what was used per month so far, for every remaining month;
--   saisonal: the share the remaining months had in the (up to) three years before;
--   profil:   where the youth office stored a phasing profile for the pot, the use so far spread by
--             the profile: ist × (100 − share elapsed) / share elapsed (the profile is its expectation).
-- Each is a forecast amount in cents, computed from the exact use (4 places) and rounded once, like a
-- controller's written forecast; `ist_genau` is the exact use up to the quarter end, for the sums.
-- Also kept for past years, so that their quality can be measured against what really came (prognose_guete).
CREATE OR REPLACE VIEW projektion AS
WITH achsen AS (
  SELECT b.jahr, q.quartal, q.bis_monat, b.sozialraum, b.topf, b.budget
  FROM budget_topf b CROSS JOIN quartal q
),
ist AS (
  SELECT a.jahr, a.quartal, a.sozialraum, a.topf,
         CAST(coalesce(sum(v.betrag_genau) FILTER (WHERE v.monat <= a.bis_monat), 0) AS DECIMAL(38,4)) AS ist_genau,
         CAST(coalesce(sum(v.betrag_genau) FILTER (WHERE v.monat > a.bis_monat), 0) AS DECIMAL(38,4)) AS rest_genau,
         count(v.monat) FILTER (WHERE v.monat > a.bis_monat) > 0 AS rest_hat_daten
  FROM achsen a LEFT JOIN verbrauch_topf_monat v
    ON v.jahr = a.jahr AND v.sozialraum = a.sozialraum AND v.topf = a.topf
  GROUP BY ALL
),
vorjahre AS (
  SELECT a.jahr, a.quartal, a.sozialraum, a.topf,
         sum(v.betrag_genau) FILTER (WHERE v.monat <= a.bis_monat) AS vorjahre_bis,
         sum(v.betrag_genau) FILTER (WHERE v.monat > a.bis_monat)  AS vorjahre_rest
  FROM achsen a JOIN verbrauch_topf_monat v
    ON v.sozialraum = a.sozialraum AND v.topf = a.topf AND v.jahr BETWEEN a.jahr - 3 AND a.jahr - 1
  GROUP BY ALL
)
SELECT a.jahr, a.quartal, a.bis_monat, a.sozialraum, a.topf, a.budget,
       CAST(round(i.ist_genau, 2) AS DECIMAL(18,2)) AS ist_bis_stichtag,
       CAST(round(i.rest_genau, 2) AS DECIMAL(18,2)) AS ist_rest,
       i.rest_hat_daten,
       CAST(quotient_cent(i.ist_genau * (12 - a.bis_monat), a.bis_monat) AS DECIMAL(18,2)) AS prognose_linear,
       CASE WHEN v.vorjahre_bis > 0 AND v.vorjahre_rest IS NOT NULL
            THEN CAST(quotient_cent(i.ist_genau * v.vorjahre_rest, v.vorjahre_bis) AS DECIMAL(18,2)) END AS prognose_saisonal,
       i.ist_genau,
       CASE WHEN ph.bis > 0 THEN CAST(quotient_cent(i.ist_genau * (100 - ph.bis), ph.bis) AS DECIMAL(18,2)) END AS prognose_profil,
       ph.bis AS profil_bis
FROM achsen a
JOIN ist i USING (jahr, quartal, sozialraum, topf)
LEFT JOIN vorjahre v USING (jahr, quartal, sozialraum, topf)
LEFT JOIN phasierung_kumuliert ph ON ph.jahr = a.jahr AND ph.sozialraum = a.sozialraum AND ph.topf = a.topf AND ph.monat = a.bis_monat;

-- The latest forecast a controller wrote back, for the months after each quarter end: where a month has
-- bookings by now, its actual use (exact) stands for it; a forecast covers only the months still open
-- when it was written, and a month between the quarter end and the write would otherwise count nowhere.
CREATE OR REPLACE VIEW prognose_aktuell AS
WITH letzte AS (
  SELECT jahr, sozialraum, max(version_id) AS version_id FROM prognose_version GROUP BY ALL
),
letzter_ist AS (
  SELECT jahr, sozialraum, max(monat) AS monat FROM verbrauch_topf_monat GROUP BY ALL
),
-- Only the pots the forecast speaks of: a pot without any cell in it keeps the automatic projection.
monate AS (
  SELECT l.jahr, l.sozialraum, l.version_id, t.topf, CAST(m.m AS INTEGER) AS monat, coalesce(i.monat, 0) AS letzter_ist_monat
  FROM letzte l
  JOIN (SELECT DISTINCT version_id, topf FROM prognose_wert) t USING (version_id)
  CROSS JOIN range(1, 13) m(m)
  LEFT JOIN letzter_ist i USING (jahr, sozialraum)
),
je_monat AS (
  SELECT m.jahr, m.sozialraum, m.version_id, m.topf, m.monat,
         CASE WHEN m.monat <= m.letzter_ist_monat THEN coalesce(v.betrag_genau, 0) ELSE coalesce(w.betrag, 0) END AS betrag
  FROM monate m
  LEFT JOIN prognose_wert w ON w.version_id = m.version_id AND w.topf = m.topf AND w.monat = m.monat
  LEFT JOIN verbrauch_topf_monat v ON v.jahr = m.jahr AND v.sozialraum = m.sozialraum AND v.topf = m.topf AND v.monat = m.monat
)
SELECT j.jahr, j.sozialraum, j.topf, q.quartal, j.version_id,
       CAST(coalesce(sum(j.betrag) FILTER (WHERE j.monat > q.bis_monat), 0) AS DECIMAL(38,4)) AS prognose_rest
FROM je_monat j
CROSS JOIN quartal q
GROUP BY ALL;

-- Reallocations that count as planned use of their pot at each quarter end before Q4: from the
-- quarter end the decision was based on (the last one before the beschlussdatum), so that earlier
-- quarter reports stay as they were. Q4 has no rest of the year left to plan.
CREATE OR REPLACE VIEW umschichtung_quartal AS
SELECT u.jahr, q.quartal, u.sozialraum, u.topf, CAST(sum(u.betrag) AS DECIMAL(18,2)) AS betrag
FROM umschichtung u
JOIN quartal q ON q.quartal < 4 AND q.quartal >= greatest(1, (month(u.beschlussdatum) - 1) // 3)
GROUP BY ALL;

-- ist_bis_stichtag and hochrechnung are exact sums rounded once at the figure (the gesamt row adds the
-- pots' exact use, not their rounded figures); prognose_rest is in cents (written forecast, projection,
-- reallocations), so hochrechnung = round(exact ist + prognose_rest, 2). Status classifies the
-- hochrechnung figure as shown (a reader can check it against the budget); abweichung_prozent and the
-- reallocation proposal start from the exact hochrechnung (hochrechnung_genau). soll_bis_stichtag
-- phases like budget_phasiert (soll_phasiert) and says its phasing.
-- Every quarter end of every year, also those still to come: `abweichung` below shows the ended ones.
CREATE OR REPLACE VIEW abweichung_berechnet AS
WITH je_topf AS (
  SELECT p.jahr, p.quartal, p.bis_monat, p.sozialraum, p.topf, p.budget,
         p.ist_genau,
         CASE WHEN p.quartal = 4 THEN 0
              WHEN f.version_id IS NOT NULL THEN f.prognose_rest
              ELSE coalesce(p.prognose_profil, p.prognose_saisonal, p.prognose_linear) END + coalesce(u.betrag, 0) AS prognose_rest,
         coalesce(u.betrag, 0) AS davon_umschichtung,
         CASE WHEN p.quartal = 4 THEN 'jahresende'
              WHEN f.version_id IS NOT NULL THEN 'prognose'
              WHEN p.prognose_profil IS NOT NULL THEN 'profil'
              WHEN p.prognose_saisonal IS NOT NULL THEN 'saisonal'
              ELSE 'linear' END AS prognose_methode,
         f.version_id AS prognose_version,
         soll_phasiert(p.budget, p.profil_bis, p.bis_monat) AS soll_bis_stichtag,
         p.profil_bis IS NOT NULL AS profil
  FROM projektion p
  LEFT JOIN prognose_aktuell f USING (jahr, sozialraum, topf, quartal)
  LEFT JOIN umschichtung_quartal u USING (jahr, sozialraum, topf, quartal)
),
mit_gesamt AS (
  SELECT jahr, quartal, bis_monat, sozialraum, topf, budget, ist_genau, prognose_rest,
         davon_umschichtung, prognose_methode, prognose_version, soll_bis_stichtag, profil
  FROM je_topf
  UNION ALL
  -- gesamt as in budget_phasiert: round(G × m / 12), or with a profile the pots' figures added.
  SELECT jahr, quartal, bis_monat, sozialraum, 'gesamt', sum(budget), sum(ist_genau),
         sum(prognose_rest), sum(davon_umschichtung),
         CASE WHEN count(DISTINCT prognose_methode) = 1 THEN any_value(prognose_methode) ELSE 'gemischt' END,
         max(prognose_version),
         CASE WHEN bool_or(profil) THEN sum(soll_bis_stichtag) ELSE soll_phasiert(sum(budget), NULL, bis_monat) END,
         bool_or(profil)
  FROM je_topf
  GROUP BY jahr, quartal, bis_monat, sozialraum
),
gerechnet AS (
  SELECT m.*, CASE WHEN m.profil THEN 'profil' ELSE 'linear' END AS phasierung,
         CAST(m.ist_genau + m.prognose_rest AS DECIMAL(38,4)) AS hochrechnung_genau,
         CAST(round(m.ist_genau + m.prognose_rest, 2) AS DECIMAL(18,2)) AS hochrechnung
  FROM mit_gesamt m
)
SELECT g.jahr, g.quartal,
       last_day(make_date(g.jahr, 3 * g.quartal, 1)) AS stichtag,
       g.sozialraum, g.topf,
       CAST(g.budget AS DECIMAL(18,2)) AS budget,
       CAST(g.soll_bis_stichtag AS DECIMAL(18,2)) AS soll_bis_stichtag,
       CAST(round(g.ist_genau, 2) AS DECIMAL(18,2)) AS ist_bis_stichtag,
       CAST(g.prognose_rest AS DECIMAL(18,2)) AS prognose_rest,
       CAST(g.davon_umschichtung AS DECIMAL(18,2)) AS davon_umschichtung,
       g.hochrechnung,
       CAST(g.budget - g.hochrechnung AS DECIMAL(18,2)) AS abweichung,
       CAST(quotient_cent((g.budget - g.hochrechnung_genau) * 100, g.budget) AS DECIMAL(9,2)) AS abweichung_prozent,
       CASE WHEN g.hochrechnung > g.budget THEN 'nicht_auskoemmlich'
            WHEN g.hochrechnung > g.budget * (SELECT wert FROM einstellung WHERE name = 'schwelle_knapp') THEN 'knapp'
            WHEN g.hochrechnung < g.budget * (SELECT wert FROM einstellung WHERE name = 'schwelle_freie_mittel') THEN 'freie_mittel'
            ELSE 'im_rahmen' END AS status,
       g.prognose_methode,
       g.prognose_version,
       g.phasierung,
       g.hochrechnung_genau
FROM gerechnet g;

-- The computed figures kept as a table: every figure read, chart and formula reads them instead of
-- running the projection over all bookings again (hundreds of milliseconds, and seconds at ten million
-- rows, per read). Refreshed inside the transaction of every write that changes them (loads, forecasts,
-- reallocations, reference data: warehouse/kennzahlstand.ts), so a reader sees them and their inputs
-- at one state; rebuilt when the schema changes (warehouse/schema.ts). test/kennzahlstand.test.ts
-- checks the table against the computation after each kind of write.
CREATE TABLE IF NOT EXISTS abweichung_stand AS SELECT * FROM abweichung_berechnet;
-- One row: whether the kept figures wait for a refresh (a row of loads underway or broken off).
CREATE TABLE IF NOT EXISTS kennzahlstand (veraltet BOOLEAN NOT NULL);
INSERT INTO kennzahlstand SELECT false WHERE NOT EXISTS (SELECT 1 FROM kennzahlstand);

-- A quarter is reported once it has ended.
CREATE OR REPLACE VIEW abweichung AS
SELECT * FROM abweichung_stand WHERE stichtag <= current_date;

-- How good the automatic projections were: year-end projection at Q1–Q3 against the actual year end,
-- for every completed year (mean absolute error in EUR and in % of budget, per method).
CREATE OR REPLACE VIEW prognose_guete AS
WITH fehler AS (
  SELECT jahr, quartal, sozialraum, topf, budget,
         abs(prognose_linear - ist_rest)   AS fehler_linear,
         abs(prognose_saisonal - ist_rest) AS fehler_saisonal
  FROM projektion
  WHERE quartal < 4 AND rest_hat_daten
    AND last_day(make_date(jahr, 12, 1)) < current_date
)
SELECT quartal,
       count(*)                                   AS faelle,
       count(fehler_saisonal)                     AS faelle_saisonal,
       CAST(round(avg(fehler_linear), 2) AS DECIMAL(18,2))   AS mae_linear,
       CAST(round(avg(fehler_saisonal), 2) AS DECIMAL(18,2)) AS mae_saisonal,
       CAST(round(100 * avg(fehler_linear / budget), 2) AS DECIMAL(9,2))   AS mae_linear_prozent,
       CAST(round(100 * avg(fehler_saisonal / budget), 2) AS DECIMAL(9,2)) AS mae_saisonal_prozent
FROM fehler
GROUP BY quartal
ORDER BY quartal;
