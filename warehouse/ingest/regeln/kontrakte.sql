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
UNION ALL
SELECT nr, 'beendigungsgrund', beendigungsgrund__roh, 'Ein Beendigungsgrund gehört nur zu einem Kontrakt mit Ende'
FROM neu WHERE beendigungsgrund IS NOT NULL AND ende IS NULL
UNION ALL
SELECT nr, 'zielerreichung', zielerreichung__roh, 'Eine Zielerreichung gehört nur zu einem Kontrakt mit Ende'
FROM neu WHERE zielerreichung IS NOT NULL AND ende IS NULL
UNION ALL
-- Wirkungskontrolle (docs/regeln.md §8) is the youth office's Hilfeplan: a Träger's list leaves both empty.
SELECT nr, CASE WHEN beendigungsgrund IS NOT NULL THEN 'beendigungsgrund' ELSE 'zielerreichung' END,
       coalesce(beendigungsgrund__roh, zielerreichung__roh), 'Beendigungsgrund und Zielerreichung meldet nur das Jugendamt, nicht ' || quelle
FROM neu WHERE quelle <> 'jugendamt' AND (beendigungsgrund IS NOT NULL OR zielerreichung IS NOT NULL)
