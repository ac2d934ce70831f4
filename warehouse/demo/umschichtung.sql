-- The Sozialraum with the most free funds at the latest quarter end of the demo's last year, and a
-- round quarter of its proposal: enough to show the reallocation, not so much that its status moves.
WITH letztes AS (SELECT max(quartal) AS quartal FROM umschichtung_vorschlag WHERE jahr = $jahr)
SELECT v.sozialraum, CAST((CAST(floor(v.vorschlag) AS BIGINT) // 4000) * 1000 AS VARCHAR) || '.00' AS betrag
FROM umschichtung_vorschlag v JOIN letztes l USING (quartal)
WHERE v.jahr = $jahr AND $jahr >= year(current_date)
  AND NOT EXISTS (SELECT 1 FROM umschichtung WHERE jahr = $jahr)
ORDER BY v.vorschlag DESC, v.sozialraum
LIMIT 1
