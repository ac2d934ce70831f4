-- Prävention und Netzwerk: valued fallunspezifisch work to each quarter end of the year, with the
-- reallocations planned for prevention, against the floor (praevention_mindestens) pro rata and for the year.
SELECT sozialraum, quartal, praevention_mindestens,
       CAST(quotient_cent(praevention_mindestens * quartal, 4) AS DECIMAL(18,2)) AS mindestens_anteilig,
       ist_bis_stichtag, umschichtung, ist_und_geplant
FROM praevention
WHERE jahr = $jahr AND quartal <= $quartal AND ($sozialraum IS NULL OR sozialraum = $sozialraum) AND ({{bereich}})
ORDER BY sozialraum, quartal
