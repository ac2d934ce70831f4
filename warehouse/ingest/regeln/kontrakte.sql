SELECT nr, 'ende' AS spalte, ende__roh AS wert, 'Das Ende liegt vor dem Beginn' AS grund
FROM neu WHERE ende < beginn
UNION ALL
SELECT nr, 'stunden_monat', stunden_monat__roh, 'Stunden je Monat dürfen nicht negativ sein' FROM neu WHERE stunden_monat < 0
UNION ALL
SELECT nr, 'wohnort_ags', wohnort_ags__roh, 'ist keine Gemeinde des Landkreises Trier-Saarburg'
FROM neu WHERE wohnort_ags IS NOT NULL AND wohnort_ags NOT IN (SELECT ags FROM gemeinde)
UNION ALL
SELECT nr, 'kontrakt', kontrakt__roh, 'Der Kontrakt steht mehrfach in der Datei (gleiche Quelle)'
FROM (SELECT nr, kontrakt__roh, count(*) OVER (PARTITION BY quelle, kontrakt) AS n FROM neu WHERE kontrakt IS NOT NULL)
WHERE n > 1
