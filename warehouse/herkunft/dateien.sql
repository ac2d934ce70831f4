-- The loads the rows shown come from (and, with history, the loads that replaced rows): file, sender,
-- time; user and content hash only of loads the caller sees in the load log ({{protokoll}} over ladung).
-- The row's schema: dateien.ts (zeilen as INTEGER: a sum reaches JavaScript as text).
WITH h AS (
  SELECT ladung_id, ersetzt_durch FROM herkunft_zeile WHERE {{filter}} AND ({{sichtbar}}) AND {{einzeln}}
),
je_ladung AS (
  SELECT ladung_id, sum(n) AS anzahl FROM (
    SELECT ladung_id, 1 AS n FROM h
    UNION ALL SELECT ersetzt_durch, 0 FROM h WHERE ersetzt_durch IS NOT NULL
  ) GROUP BY ladung_id
)
SELECT l.ladung_id, l.dateiname, l.absender, strftime(l.zeitpunkt, '%Y-%m-%dT%H:%M:%S') AS zeitpunkt,
       CASE WHEN {{protokoll}} THEN l.benutzer END AS benutzer, CASE WHEN {{protokoll}} THEN l.inhalt_hash END AS inhalt_hash,
       CAST(j.anzahl AS INTEGER) AS zeilen, l.ablage IS NOT NULL AS datei_vorhanden
FROM je_ladung j JOIN ladung l ON l.ladung_id = j.ladung_id
ORDER BY l.ladung_id
