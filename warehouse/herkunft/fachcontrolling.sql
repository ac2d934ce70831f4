-- The contract rows behind one count of the view fachcontrolling (docs/regeln.md §8): the rows of
-- fachcontrolling_kontrakt whose flag {{spalte}} (named like the count's column) is set, in the cell's
-- Sozialraum and Hilfeart ('gesamt': all) and the caller's scope ({{sichtbar}}). For faelle (distinct cases)
-- one row per case: its first contract of the period, the caller's own first ({{einzeln}}), so the rows are
-- exactly the counted units. `traeger`: the Träger whose own contract list holds the same contract (§5).
-- Neither `fall` nor `kontrakt` leaves this query.
WITH k AS (
  SELECT f.*, 'kontrakt' AS quelle
  FROM fachcontrolling_kontrakt f
  WHERE f.jahr = $jahr AND f.quartal IS NOT DISTINCT FROM $quartal
    AND ($sozialraum = 'gesamt' OR f.sozialraum = $sozialraum) AND ($hilfeart = 'gesamt' OR f.hilfeart = $hilfeart)
),
gezaehlt AS (
  SELECT *, coalesce({{einzeln}}, false) AS einzeln FROM k WHERE ({{sichtbar}}) AND {{spalte}}
),
einheiten AS (
  SELECT * FROM gezaehlt
  QUALIFY NOT $je_fall OR row_number() OVER (PARTITION BY fall ORDER BY einzeln DESC, ladung_id, zeile) = 1
)
SELECT e.ladung_id, l.dateiname AS datei, e.zeile, e.absender, strftime(l.zeitpunkt, '%Y-%m-%dT%H:%M:%S') AS geladen_am,
       e.sozialraum, e.hilfeart, e.traeger, CAST(e.beginn AS VARCHAR) AS beginn, CAST(e.ende AS VARCHAR) AS ende,
       e.beendigungsgrund, e.zielerreichung, e.einzeln,
       -- the load as the files list shows it (a row of dateien.sql): user and content hash only where the load log
       -- shows it ({{protokoll}}); zeilen: how many of its rows are shown one by one
       {'ladung_id': l.ladung_id, 'dateiname': l.dateiname, 'absender': l.absender,
        'zeitpunkt': strftime(l.zeitpunkt, '%Y-%m-%dT%H:%M:%S'),
        'benutzer': CASE WHEN l.im_protokoll THEN l.benutzer END,
        'inhalt_hash': CASE WHEN l.im_protokoll THEN l.inhalt_hash END,
        'zeilen': CAST(count(*) FILTER (WHERE e.einzeln) OVER (PARTITION BY e.ladung_id) AS INTEGER),
        'datei_vorhanden': l.ablage IS NOT NULL} AS ladung
FROM einheiten e JOIN (SELECT *, {{protokoll}} AS im_protokoll FROM ladung) l ON l.ladung_id = e.ladung_id
ORDER BY e.ladung_id, e.zeile
