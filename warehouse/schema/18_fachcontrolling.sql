-- Fachcontrolling and Wirkungskontrolle (docs/regeln.md §8): what the help does, per year and quarter,
-- Sozialraum and Hilfeart, with 'gesamt' rows for the Sozialraum, the Hilfeart in the county and the county.
-- Exact figures: the small-number protection (§9) is applied where figures leave the youth office's
-- controlling (warehouse/kleinzahlen), never here.

-- The periods: every ended quarter from the year of the youth office's first contract on, and each year
-- up to its last ended quarter (the running year to date).
CREATE OR REPLACE VIEW fachcontrolling_zeitraum AS
WITH grenzen AS (
  SELECT CAST(date_trunc('year', min(beginn)) AS DATE) AS erster, CAST(date_trunc('quarter', current_date) AS DATE) AS laufend
  FROM kontrakt WHERE quelle = 'jugendamt'
),
quartale AS (
  SELECT CAST(q AS DATE) AS von
  FROM (SELECT unnest(generate_series(CAST(erster AS TIMESTAMP), CAST(laufend AS TIMESTAMP) - INTERVAL 3 MONTH, INTERVAL 3 MONTH)) AS q
        FROM grenzen WHERE erster IS NOT NULL)
)
SELECT CAST(year(von) AS INTEGER) AS jahr, CAST(quarter(von) AS INTEGER) AS quartal, von, last_day(von + INTERVAL 2 MONTH) AS bis
FROM quartale
UNION ALL
SELECT CAST(year(von) AS INTEGER), NULL, min(von), max(last_day(von + INTERVAL 2 MONTH))
FROM quartale GROUP BY year(von);

-- Each youth-office contract active in a period, with what it did there: one flag per count of the view
-- fachcontrolling, named like its column, so that the count and its Herkunft (warehouse/herkunft) read the same
-- rows. With the contract row's load and line; `fall` and `kontrakt` stay inside the warehouse. `traeger`: the
-- Träger whose own contract list holds the same contract (§5), who knows it.
CREATE OR REPLACE VIEW fachcontrolling_kontrakt AS
WITH ja AS (SELECT * FROM kontrakt WHERE quelle = 'jugendamt'),
eigen AS (
  SELECT kontrakt, min(replace(quelle, 'traeger:', '')) AS traeger FROM kontrakt WHERE quelle LIKE 'traeger:%' GROUP BY kontrakt
),
aktiv AS (
  SELECT z.jahr, z.quartal, z.von, z.bis, k.sozialraum, k.hilfeart, k.fall, k.kontrakt, k.beginn, k.ende,
         k.ladung_id, k.zeile, k.absender, e.traeger,
         k.beginn BETWEEN z.von AND z.bis AS neue_hilfen,
         k.ende IS NOT NULL AND k.ende BETWEEN z.von AND z.bis AS beendete_hilfen,
         k.ende IS NULL OR k.ende >= z.bis AS laufende_hilfen,
         k.ende - k.beginn AS tage,
         k.beendigungsgrund, k.zielerreichung,
         EXISTS (SELECT 1 FROM ja n WHERE n.fall = k.fall AND n.beginn > k.ende AND n.beginn <= k.ende + INTERVAL 12 MONTH) AS wiederaufnahme
  FROM fachcontrolling_zeitraum z
  JOIN ja k ON k.beginn <= z.bis AND (k.ende IS NULL OR k.ende >= z.von)
  LEFT JOIN eigen e ON e.kontrakt = k.kontrakt
)
SELECT *,
       beendete_hilfen AND beendigungsgrund = 'planmaessig' AS beendet_planmaessig,
       beendete_hilfen AND beendigungsgrund <> 'planmaessig' AS beendet_anderer_grund,
       beendete_hilfen AND beendigungsgrund IS NULL AS beendet_ohne_grund,
       beendete_hilfen AND zielerreichung = 'erreicht' AS ziel_erreicht,
       beendete_hilfen AND zielerreichung = 'teilweise' AS ziel_teilweise,
       beendete_hilfen AND zielerreichung = 'nicht_erreicht' AS ziel_nicht_erreicht,
       beendete_hilfen AND zielerreichung IS NULL AS ziel_ohne_bewertung,
       beendete_hilfen AND wiederaufnahme AS wiederaufnahmen
FROM aktiv;

-- The counts of the view per period, Sozialraum and Hilfeart with their totals. With a Träger named, only the
-- contracts its own list holds: what that Träger knows of every count, which the small-number protection of its
-- answers needs (§9: the others' part of a count it is shown must not be small either).
CREATE OR REPLACE MACRO fachcontrolling_anzahlen(eigener_traeger) AS TABLE
  SELECT jahr, quartal, any_value(von) AS von, any_value(bis) AS bis,
         CASE WHEN grouping(sozialraum) = 1 THEN 'gesamt' ELSE sozialraum END AS sozialraum,
         CASE WHEN grouping(hilfeart) = 1 THEN 'gesamt' ELSE hilfeart END AS hilfeart,
         CAST(count(DISTINCT fall) AS INTEGER) AS faelle,
         CAST(count(*) FILTER (WHERE neue_hilfen) AS INTEGER) AS neue_hilfen,
         CAST(count(*) FILTER (WHERE beendete_hilfen) AS INTEGER) AS beendete_hilfen,
         CAST(count(*) FILTER (WHERE laufende_hilfen) AS INTEGER) AS laufende_hilfen,
         -- duration of ended helps in days: sum, and the two middle values of the sorted list (one when odd)
         sum(tage) FILTER (WHERE beendete_hilfen) AS tage_summe,
         list_sort(list(tage) FILTER (WHERE beendete_hilfen)) AS tage_liste,
         CAST(count(*) FILTER (WHERE beendet_planmaessig) AS INTEGER) AS beendet_planmaessig,
         CAST(count(*) FILTER (WHERE beendet_anderer_grund) AS INTEGER) AS beendet_anderer_grund,
         CAST(count(*) FILTER (WHERE beendet_ohne_grund) AS INTEGER) AS beendet_ohne_grund,
         CAST(count(*) FILTER (WHERE ziel_erreicht) AS INTEGER) AS ziel_erreicht,
         CAST(count(*) FILTER (WHERE ziel_teilweise) AS INTEGER) AS ziel_teilweise,
         CAST(count(*) FILTER (WHERE ziel_nicht_erreicht) AS INTEGER) AS ziel_nicht_erreicht,
         CAST(count(*) FILTER (WHERE ziel_ohne_bewertung) AS INTEGER) AS ziel_ohne_bewertung,
         CAST(count(*) FILTER (WHERE wiederaufnahmen) AS INTEGER) AS wiederaufnahmen
  FROM fachcontrolling_kontrakt
  WHERE eigener_traeger IS NULL OR traeger = eigener_traeger
  GROUP BY GROUPING SETS ((jahr, quartal, sozialraum, hilfeart), (jahr, quartal, sozialraum), (jahr, quartal, hilfeart), (jahr, quartal));

CREATE OR REPLACE VIEW fachcontrolling AS
WITH faelle AS (SELECT * FROM fachcontrolling_anzahlen(NULL)),
-- Hours of the period by segment (all Träger), and the value of the case-related ones.
leistung_zeitraum AS (
  SELECT z.jahr, z.quartal, v.sozialraum, v.hilfeart, v.segment, v.stunden, v.betrag
  FROM fachcontrolling_zeitraum z
  JOIN verbrauch v ON make_date(v.jahr, v.monat, 1) BETWEEN z.von AND z.bis
  WHERE v.segment IS NOT NULL
),
stunden AS (
  SELECT jahr, quartal,
         CASE WHEN grouping(sozialraum) = 1 THEN 'gesamt' ELSE sozialraum END AS sozialraum,
         CASE WHEN grouping(hilfeart) = 1 THEN 'gesamt' ELSE hilfeart END AS hilfeart,
         sum(stunden) FILTER (WHERE segment IN ('fallspezifisch', 'fallbezogen')) AS stunden_fall,
         sum(betrag) FILTER (WHERE segment IN ('fallspezifisch', 'fallbezogen')) AS betrag_fall,
         sum(stunden) FILTER (WHERE segment = 'fallspezifisch') AS stunden_fallspezifisch,
         sum(stunden) FILTER (WHERE segment = 'fallbezogen') AS stunden_fallbezogen,
         sum(stunden) FILTER (WHERE segment = 'fallunspezifisch') AS stunden_fallunspezifisch,
         sum(stunden) AS stunden_alle
  FROM leistung_zeitraum
  GROUP BY GROUPING SETS ((jahr, quartal, sozialraum, hilfeart), (jahr, quartal, sozialraum), (jahr, quartal, hilfeart), (jahr, quartal))
  -- work without a Hilfeart (fallunspezifisch) belongs to no Hilfeart row, only to the totals
  HAVING grouping(hilfeart) = 1 OR hilfeart IS NOT NULL
),
-- Young residents on 31 December of the year before the period (the latest stand loaded up to then).
einwohner AS (
  SELECT z.jahr, z.quartal, g.sozialraum, sum(b.anzahl) AS einwohner
  FROM fachcontrolling_zeitraum z
  JOIN bevoelkerung b ON b.jahr = (SELECT max(jahr) FROM bevoelkerung WHERE jahr < z.jahr)
  JOIN gemeinde g ON g.ags = b.wohnort_ags
  GROUP BY GROUPING SETS ((z.jahr, z.quartal, g.sozialraum), (z.jahr, z.quartal))
)
SELECT f.jahr, f.quartal, f.von, f.bis, f.sozialraum, f.hilfeart,
       f.faelle, f.neue_hilfen, f.beendete_hilfen, f.laufende_hilfen,
       -- months = days × 12 / 365,25
       quotient_cent(f.tage_summe * 48, 1461 * f.beendete_hilfen) AS hilfedauer_mittel_monate,
       quotient_cent((f.tage_liste[(len(f.tage_liste) + 1) // 2] + f.tage_liste[len(f.tage_liste) // 2 + 1]) * 48, 2 * 1461) AS hilfedauer_median_monate,
       -- cases without hours booked in the period: 0 hours, 0 EUR (a missing budget leaves the value empty)
       quotient_cent(coalesce(s.stunden_fall, 0), f.faelle) AS stunden_je_fall,
       quotient_cent(CASE WHEN s.stunden_fall IS NULL THEN 0 ELSE s.betrag_fall END, f.faelle) AS kosten_je_fall,
       quotient_cent(coalesce(s.stunden_fallspezifisch, 0) * 100, s.stunden_alle) AS anteil_fallspezifisch,
       quotient_cent(coalesce(s.stunden_fallbezogen, 0) * 100, s.stunden_alle) AS anteil_fallbezogen,
       quotient_cent(coalesce(s.stunden_fallunspezifisch, 0) * 100, s.stunden_alle) AS anteil_fallunspezifisch,
       CAST(e.einwohner AS INTEGER) AS einwohner_unter_21,
       quotient_cent(f.faelle * 1000, e.einwohner) AS eckwert,
       f.beendet_planmaessig, f.beendet_anderer_grund, f.beendet_ohne_grund,
       quotient_cent(f.beendet_planmaessig * 100, f.beendet_planmaessig + f.beendet_anderer_grund) AS anteil_planmaessig,
       f.ziel_erreicht, f.ziel_teilweise, f.ziel_nicht_erreicht, f.ziel_ohne_bewertung,
       quotient_cent(f.ziel_erreicht * 100, f.ziel_erreicht + f.ziel_teilweise + f.ziel_nicht_erreicht) AS anteil_erreicht,
       quotient_cent(f.ziel_teilweise * 100, f.ziel_erreicht + f.ziel_teilweise + f.ziel_nicht_erreicht) AS anteil_teilweise,
       quotient_cent(f.ziel_nicht_erreicht * 100, f.ziel_erreicht + f.ziel_teilweise + f.ziel_nicht_erreicht) AS anteil_nicht_erreicht,
       f.wiederaufnahmen,
       quotient_cent(f.wiederaufnahmen * 100, f.beendete_hilfen) AS anteil_wiederaufnahme
FROM faelle f
LEFT JOIN stunden s ON s.jahr = f.jahr AND s.quartal IS NOT DISTINCT FROM f.quartal AND s.sozialraum = f.sozialraum AND s.hilfeart = f.hilfeart
LEFT JOIN einwohner e ON e.jahr = f.jahr AND e.quartal IS NOT DISTINCT FROM f.quartal AND coalesce(e.sozialraum, 'gesamt') = f.sozialraum;
