-- One page of the rows behind a figure, in file order of each load, with the file and the load that
-- replaced a row (history).
SELECT h.ladung_id, l.dateiname AS datei, h.zeile, h.absender, strftime(l.zeitpunkt, '%Y-%m-%dT%H:%M:%S') AS geladen_am,
       h.quelle, h.jahr, h.monat, CAST(h.datum AS VARCHAR) AS datum, h.sozialraum, h.topf, h.traeger, h.hilfeart, h.segment,
       h.stunden, h.betrag, h.ersetzt_durch, e.dateiname AS ersetzt_durch_datei, strftime(e.zeitpunkt, '%Y-%m-%dT%H:%M:%S') AS ersetzt_am
FROM (SELECT * FROM herkunft_zeile WHERE {{filter}} AND ({{sichtbar}}) AND {{einzeln}}) h
JOIN ladung l ON l.ladung_id = h.ladung_id
LEFT JOIN ladung e ON e.ladung_id = h.ersetzt_durch
ORDER BY h.ladung_id, h.zeile
LIMIT $grenze OFFSET $ab
