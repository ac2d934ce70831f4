-- Staffing rules of the staffed part (docs/regeln.md §3) and hours of team members missing from the roster.
-- One row per finding; an empty result for a year and Sozialraum means the team meets every rule.
-- The check starts with the Sozialraum's first budget year: rosters reach back before the model began,
-- and those years have no staffed part to check (until a budget arrives, every year is checked).
CREATE OR REPLACE VIEW personal_pruefung AS
WITH beginn AS (
  SELECT sozialraum, min(jahr) AS erstes_jahr FROM budget GROUP BY sozialraum
),
aktiv AS (
  SELECT p.*, j.jahr
  FROM personal p
  LEFT JOIN beginn b USING (sozialraum),
       -- generate_series counts in BIGINT; a year is an INTEGER like everywhere else (JSON number, Arrow Int32).
       LATERAL (SELECT CAST(unnest(generate_series(greatest(year(p.von), coalesce(b.erstes_jahr, 0)), year(coalesce(p.bis, current_date)))) AS INTEGER) AS jahr) j
),
befunde AS (
  SELECT jahr, sozialraum, traeger, mitarbeiter, 'mindestumfang' AS regel,
         'Stelle mit ' || CAST(round(stellenumfang * 100, 0) AS INTEGER) || ' % liegt unter der Mindestgröße von 50 % einer Vollzeitstelle' AS befund
  FROM aktiv WHERE stellenumfang < 0.5
  UNION ALL
  SELECT jahr, sozialraum, traeger, mitarbeiter, 'sozialversicherung',
         'Stelle ist nicht sozialversicherungspflichtig'
  FROM aktiv WHERE NOT sv_pflichtig
  UNION ALL
  SELECT jahr, sozialraum, traeger, mitarbeiter, 'qualifikation',
         'Qualifikation „' || qualifikation || '“ ist keine der vorgesehenen (Erzieher/-in mit Zusatzausbildung, Sozialpädagoge/-in, Sozialarbeiter/-in oder vergleichbar): prüfen'
  FROM aktiv
  WHERE NOT regexp_matches(lower(qualifikation), 'sozialp(ä|ae)dagog|sozialarbeit|erzieher.*zusatz|heilp(ä|ae)dagog|psycholog|p(ä|ae)dagog|soziale arbeit')
  UNION ALL
  SELECT jahr, sozialraum, NULL, NULL, 'fachstudium',
         'Nur ' || count(DISTINCT mitarbeiter) FILTER (WHERE fachstudium) || ' von ' || count(DISTINCT mitarbeiter)
           || ' Teammitgliedern haben ein abgeschlossenes Fachstudium (mindestens die Hälfte nötig)'
  FROM aktiv
  GROUP BY jahr, sozialraum
  HAVING 2 * count(DISTINCT mitarbeiter) FILTER (WHERE fachstudium) < count(DISTINCT mitarbeiter)
  UNION ALL
  -- Team hours booked by someone the roster of that Sozialraum does not list at that date.
  SELECT CAST(year(l.datum) AS INTEGER), l.sozialraum, l.traeger, l.mitarbeiter, 'nicht_im_personal',
         'Teamstunden (' || replace(CAST(sum(l.stunden) AS VARCHAR), '.', ',') || ' h) ohne passenden Eintrag im Personal des Sozialraumteams'
  FROM leistung l
  LEFT JOIN beginn b USING (sozialraum)
  WHERE l.team AND year(l.datum) >= coalesce(b.erstes_jahr, 0) AND NOT EXISTS (
    SELECT 1 FROM personal p
    WHERE p.mitarbeiter = l.mitarbeiter AND p.sozialraum = l.sozialraum
      AND l.datum BETWEEN p.von AND coalesce(p.bis, DATE '9999-12-31'))
  GROUP BY year(l.datum), l.sozialraum, l.traeger, l.mitarbeiter
)
SELECT * FROM befunde;

-- The quarantine is named by its file only: where the server keeps it is the operator's business, not a
-- Träger's (the full path stays in ladung).
CREATE OR REPLACE VIEW import_protokoll AS
SELECT ladung_id, zeitpunkt, benutzer, dateiname, art, absender, status, zeilen, ersetzt, fehler, inhalt_hash,
       regexp_extract(quarantaene, '[^/\\]+$') AS quarantaene
FROM ladung;
