-- Fachcontrolling (view fachcontrolling, docs/regeln.md §8) of a year and all its quarters in the caller's scope,
-- with the years before: the small-number protection (§9) works on a year with the year before as served, that
-- one with its year before, and so on, whichever of its periods is asked for.
SELECT * EXCLUDE (von, bis), von, bis
FROM fachcontrolling
WHERE jahr <= $jahr AND ({{bereich}})
ORDER BY jahr, quartal NULLS FIRST, sozialraum = 'gesamt', sozialraum, hilfeart = 'gesamt', hilfeart
