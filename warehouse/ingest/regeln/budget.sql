SELECT nr, 'praeventionsanteil' AS spalte, praeventionsanteil__roh AS wert,
       'Der Anteil für Prävention und Netzwerk darf nicht unter 10 % liegen' AS grund
FROM neu WHERE praeventionsanteil < (SELECT wert FROM einstellung WHERE name = 'praeventionsanteil_mindestens')
UNION ALL
SELECT nr, 'stellenfaktor', stellenfaktor__roh, 'Der Stellenfaktor muss größer als 0 sein' FROM neu WHERE stellenfaktor <= 0
UNION ALL
SELECT nr, 'bruttojahresarbeitszeit', bruttojahresarbeitszeit__roh, 'Die Bruttojahresarbeitszeit muss größer als 0 sein'
FROM neu WHERE bruttojahresarbeitszeit <= 0
UNION ALL
SELECT nr, 'gesamtfinanzvolumen', gesamtfinanzvolumen__roh, 'Das Gesamtfinanzvolumen darf nicht negativ sein'
FROM neu WHERE gesamtfinanzvolumen < 0
UNION ALL
SELECT nr, 'sozialraum', sozialraum__roh, 'Jahr und Sozialraum stehen mehrfach in der Datei'
FROM (SELECT nr, sozialraum__roh, count(*) OVER (PARTITION BY jahr, sozialraum) AS n FROM neu WHERE jahr IS NOT NULL AND sozialraum IS NOT NULL)
WHERE n > 1
UNION ALL
-- The year of a budget row lies inside its contract period (docs/regeln.md §7).
SELECT nr, 'vertragszeitraum', vertragszeitraum__roh,
       CASE WHEN CAST(left(vertragszeitraum, 4) AS INTEGER) > CAST(right(vertragszeitraum, 4) AS INTEGER)
            THEN 'Der Vertragszeitraum ' || vertragszeitraum || ' endet vor seinem Beginn'
            ELSE 'Das Jahr ' || jahr || ' liegt nicht im Vertragszeitraum ' || vertragszeitraum END
FROM neu
WHERE vertragszeitraum IS NOT NULL AND jahr IS NOT NULL
  AND (CAST(left(vertragszeitraum, 4) AS INTEGER) > CAST(right(vertragszeitraum, 4) AS INTEGER)
       OR jahr NOT BETWEEN CAST(left(vertragszeitraum, 4) AS INTEGER) AND CAST(right(vertragszeitraum, 4) AS INTEGER))
