-- Phasing profiles (docs/regeln.md §5, §7): the budget's share per month in percent, from the youth office
-- only; the 12 months of a year, Sozialraum and Topf are each there once and add up to exactly 100.
SELECT nr, 'anteil' AS spalte, anteil__roh AS wert, 'Ein Monatsanteil darf nicht negativ sein' AS grund
FROM neu WHERE anteil < 0
UNION ALL
SELECT nr, NULL, absender, 'Phasierungen kommen nur vom Jugendamt, nicht von ' || absender
FROM neu WHERE absender <> 'jugendamt'
UNION ALL
SELECT nr, 'monat', monat__roh, 'Der Monat ' || monat || ' steht für ' || jahr || ', ' || sozialraum || ', ' || topf || ' mehrfach in der Datei'
FROM (SELECT *, row_number() OVER (PARTITION BY jahr, sozialraum, topf, monat ORDER BY nr) AS n FROM neu
      WHERE jahr IS NOT NULL AND sozialraum IS NOT NULL AND topf IS NOT NULL AND monat IS NOT NULL)
WHERE n > 1
UNION ALL
-- One finding per profile, at its first row.
SELECT min(nr), 'anteil', NULL,
       CASE WHEN count(DISTINCT monat) < 12
            THEN 'Für ' || jahr || ', ' || sozialraum || ', ' || topf || ' stehen nur ' || count(DISTINCT monat) || ' von 12 Monaten in der Datei'
            ELSE 'Die Anteile von ' || jahr || ', ' || sozialraum || ', ' || topf || ' ergeben '
                 || replace(rtrim(rtrim(CAST(CAST(sum(anteil) AS DECIMAL(18,4)) AS VARCHAR), '0'), '.'), '.', ',') || ' % statt genau 100 %' END
FROM neu
WHERE jahr IS NOT NULL AND sozialraum IS NOT NULL AND topf IS NOT NULL
GROUP BY jahr, sozialraum, topf
HAVING count(anteil) = count(*) AND count(monat) = count(*) AND (sum(anteil) <> 100 OR count(DISTINCT monat) < 12)
