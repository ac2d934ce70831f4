-- Every open point within the caller's scope (view befunde); points without a year (contracts) always,
-- year-bound ones of the year asked for, or all.
SELECT b.thema, b.regel, b.jahr, b.sozialraum, b.traeger, b.objekt, b.befund, b.massnahme
FROM befunde b
WHERE ($jahr IS NULL OR b.jahr IS NULL OR b.jahr = $jahr) AND ({{bereich}})
ORDER BY b.sozialraum, b.thema, b.regel, b.jahr DESC NULLS FIRST, b.traeger NULLS FIRST, b.objekt NULLS FIRST
