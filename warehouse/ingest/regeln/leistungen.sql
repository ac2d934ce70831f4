SELECT nr, 'stunden' AS spalte, stunden__roh AS wert,
       'Stunden müssen größer als 0 und höchstens 24 je Zeile sein' AS grund
FROM neu WHERE stunden <= 0 OR stunden > 24
UNION ALL
-- Only work on the social space itself (fallunspezifisch) may have no case, contract and Hilfeart.
SELECT nr, 'kontrakt', NULL, 'fehlt: nur Stunden im Segment fallunspezifisch dürfen ohne Kontrakt, Fall und Hilfeart sein'
FROM neu WHERE kontrakt IS NULL AND segment <> 'fallunspezifisch'
UNION ALL
SELECT nr, 'fall', NULL, 'fehlt: nur Stunden im Segment fallunspezifisch dürfen ohne Kontrakt, Fall und Hilfeart sein'
FROM neu WHERE fall IS NULL AND segment <> 'fallunspezifisch'
UNION ALL
SELECT nr, 'hilfeart', NULL, 'fehlt: nur Stunden im Segment fallunspezifisch dürfen ohne Kontrakt, Fall und Hilfeart sein'
FROM neu WHERE hilfeart__roh IS NULL AND segment <> 'fallunspezifisch'
