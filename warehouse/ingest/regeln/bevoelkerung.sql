-- Young residents per municipality (docs/regeln.md §7): from the youth office only, municipalities of the
-- county, each year, municipality and age group once per file.
SELECT nr, 'wohnort_ags' AS spalte, wohnort_ags__roh AS wert, 'ist keine Gemeinde des Landkreises Trier-Saarburg' AS grund
FROM neu WHERE wohnort_ags IS NOT NULL AND wohnort_ags NOT IN (SELECT ags FROM gemeinde)
UNION ALL
SELECT nr, NULL, absender, 'Bevölkerungszahlen kommen nur vom Jugendamt, nicht von ' || absender
FROM neu WHERE absender <> 'jugendamt'
UNION ALL
SELECT nr, 'altersgruppe', altersgruppe__roh, 'Die Altersgruppe ' || altersgruppe || ' steht für ' || jahr || ', ' || wohnort_ags || ' mehrfach in der Datei'
FROM (SELECT *, row_number() OVER (PARTITION BY jahr, wohnort_ags, altersgruppe ORDER BY nr) AS n FROM neu
      WHERE jahr IS NOT NULL AND wohnort_ags IS NOT NULL AND altersgruppe IS NOT NULL)
WHERE n > 1
