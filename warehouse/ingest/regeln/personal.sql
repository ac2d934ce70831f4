SELECT nr, 'stellenumfang' AS spalte, stellenumfang__roh AS wert,
       'Der Stellenumfang muss größer als 0 und höchstens eine volle Stelle sein' AS grund
FROM neu WHERE stellenumfang <= 0 OR stellenumfang > 1
UNION ALL
SELECT nr, 'bis', bis__roh, 'Das Ende liegt vor dem Beginn' FROM neu WHERE bis < von
