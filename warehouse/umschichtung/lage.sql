-- What decides whether a reallocation may be recorded: is the year closed, is there a budget, what
-- the latest quarter end of the year proposes for the Sozialraum, and what its pot already got.
WITH letztes AS (
  SELECT max(quartal) AS quartal FROM abweichung
  WHERE jahr = $jahr AND sozialraum = $sozialraum AND topf = 'gesamt'
)
SELECT $jahr < year(current_date) AS abgeschlossen,
       CAST($beschlussdatum AS DATE) > current_date AS beschluss_in_zukunft,
       EXISTS (SELECT 1 FROM finanzvolumen WHERE jahr = $jahr AND sozialraum = $sozialraum
                                              AND personalisiertes_finanzvolumen IS NOT NULL) AS budget_vorhanden,
       l.quartal,
       coalesce(v.vorschlag, 0) AS vorschlag,
       CAST($betrag AS DECIMAL(18,2)) > coalesce(v.vorschlag, 0) AS ueber_vorschlag,
       (SELECT CAST(coalesce(sum(betrag), 0) AS DECIMAL(18,2)) FROM umschichtung
        WHERE jahr = $jahr AND sozialraum = $sozialraum AND topf = $topf) AS bisher,
       (SELECT coalesce(sum(betrag), 0) FROM umschichtung
        WHERE jahr = $jahr AND sozialraum = $sozialraum AND topf = $topf) + CAST($betrag AS DECIMAL(18,2)) < 0 AS storno_zu_gross
FROM letztes l
LEFT JOIN umschichtung_vorschlag v ON v.jahr = $jahr AND v.sozialraum = $sozialraum AND v.quartal = l.quartal
