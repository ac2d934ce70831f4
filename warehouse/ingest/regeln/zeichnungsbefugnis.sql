SELECT nr, 'bis' AS spalte, bis__roh AS wert, 'Das Ende liegt vor dem Beginn' AS grund FROM neu WHERE bis < von
