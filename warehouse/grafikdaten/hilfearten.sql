-- Hilfearten: hours by Hilfeart and segment from January to the quarter end, this year against the
-- same months of last year. Prevention work has no Hilfeart.
SELECT v.sozialraum, v.jahr, coalesce(v.hilfeart, 'ohne') AS hilfeart,
       coalesce(h.bezeichnung, 'ohne Hilfeart (Prävention und Netzwerk)') AS hilfeart_name,
       v.segment, g.bezeichnung AS segment_name, sum(v.stunden) AS stunden
FROM verbrauch v
LEFT JOIN hilfeart h USING (hilfeart)
JOIN segment g USING (segment)
WHERE v.jahr IN ($jahr - 1, $jahr) AND v.monat <= 3 * $quartal AND ($sozialraum IS NULL OR v.sozialraum = $sozialraum)
  AND v.stunden IS NOT NULL AND ({{bereich}})
GROUP BY ALL
ORDER BY v.sozialraum, hilfeart, v.segment, v.jahr
