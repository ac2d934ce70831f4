-- The open points of the view befunde for the pack's table page: per Sozialraum, theme and rule how
-- many and what to do, of the pack's year and the one before (and contracts, which have no year).
-- No contract or staff pseudonyms: the pack goes to the steering bodies. Counts of contract points are
-- counts of cases: below the setting kleinste_fallzahl they read <3 (docs/regeln.md §9); there is no total.
WITH k AS (SELECT coalesce(max(CAST(wert AS INTEGER)), 3) AS k FROM einstellung WHERE name = 'kleinste_fallzahl'),
gezaehlt AS (
  SELECT s.name AS sozialraum_name, b.sozialraum, b.thema, b.regel, count(*) AS anzahl, min(b.massnahme) AS massnahme
  FROM befunde b
  JOIN sozialraum s USING (sozialraum)
  WHERE b.jahr IS NULL OR b.jahr BETWEEN $jahr - 1 AND $jahr
  GROUP BY ALL
)
SELECT g.sozialraum_name, g.sozialraum, g.thema, g.regel, g.anzahl,
       g.thema IN ('kontrakt', 'zeichnung') AND g.anzahl < k.k AS unterdrueckt,
       CASE WHEN g.thema IN ('kontrakt', 'zeichnung') AND g.anzahl < k.k THEN '<' || k.k ELSE CAST(g.anzahl AS VARCHAR) END AS anzahl_text,
       g.massnahme
FROM gezaehlt g, k
ORDER BY g.sozialraum_name, g.thema, g.regel
