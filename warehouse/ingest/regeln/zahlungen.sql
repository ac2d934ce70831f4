SELECT nr, 'betrag' AS spalte, betrag__roh AS wert, 'Ein Betrag von 0 ist keine Zahlung' AS grund
FROM neu WHERE betrag = 0
