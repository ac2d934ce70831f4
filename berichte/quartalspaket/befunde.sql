-- The open points of the view befunde for the pack's table page: per Sozialraum, theme and rule how
-- many and what to do, of the pack's year and the one before (and contracts, which have no year).
-- No contract or staff pseudonyms: the pack goes to the steering bodies. Counts of contract points are
-- counts of cases: below the setting kleinste_fallzahl they read <3 (DOMAIN.md §9); there is no total.
WITH k AS (SELECT CAST(wert AS INTEGER) AS k FROM einstellung WHERE name = 'kleinste_fallzahl')
SELECT s.name AS sozialraum_name, b.sozialraum, b.thema, b.regel, count(*) AS anzahl,
       CASE WHEN b.thema IN ('kontrakt', 'zeichnung') AND count(*) < (SELECT k FROM k) THEN '<' || (SELECT k FROM k)
            ELSE CAST(count(*) AS VARCHAR) END AS anzahl_text,
       b.thema IN ('kontrakt', 'zeichnung') AND count(*) < (SELECT k FROM k) AS unterdrueckt,
       min(b.massnahme) AS massnahme
FROM befunde b
JOIN sozialraum s USING (sozialraum)
WHERE b.jahr IS NULL OR b.jahr BETWEEN $jahr - 1 AND $jahr
GROUP BY ALL
ORDER BY s.name, b.thema, b.regel
