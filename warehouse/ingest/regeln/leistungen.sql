SELECT nr, 'stunden' AS spalte, stunden__roh AS wert,
       'Stunden müssen größer als 0 und höchstens 24 je Zeile sein' AS grund
FROM neu WHERE stunden <= 0 OR stunden > 24
UNION ALL
SELECT nr, 'stunden', stunden__roh, 'Stunden mit mehr als zwei Nachkommastellen'
FROM neu WHERE stunden <> round(stunden, 2)
UNION ALL
-- Only work on the social space itself (fallunspezifisch) may have no case, contract and Hilfeart.
SELECT nr, spalte, NULL, 'fehlt: nur Stunden im Segment fallunspezifisch dürfen ohne Kontrakt, Fall und Hilfeart sein'
FROM (SELECT nr, unnest(list_filter([CASE WHEN kontrakt IS NULL THEN 'kontrakt' END,
                                     CASE WHEN fall IS NULL THEN 'fall' END,
                                     CASE WHEN hilfeart__roh IS NULL THEN 'hilfeart' END], x -> x IS NOT NULL)) AS spalte
      FROM neu WHERE segment IS NOT NULL AND segment <> 'fallunspezifisch')
