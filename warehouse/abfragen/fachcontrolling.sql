-- Fachcontrolling (view fachcontrolling, docs/regeln.md §8) of a year (quartal NULL) or one of its quarters,
-- in the caller's scope; optionally one Sozialraum (its rows, not the county's).
-- von and bis last, as the row schema has them; kept DATE: Date32 in Arrow, JJJJ-MM-TT in JSON and CSV.
SELECT * EXCLUDE (von, bis), von, bis
FROM fachcontrolling
WHERE jahr = $jahr AND quartal IS NOT DISTINCT FROM $quartal
  AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND ({{bereich}})
ORDER BY sozialraum = 'gesamt', sozialraum, hilfeart = 'gesamt', hilfeart
