-- Abweichung zum Quartalsende: budget against Hochrechnung per Topf and in total, for one Sozialraum
-- ($sozialraum) or every Sozialraum in scope ($sozialraum NULL: the county's small multiples).
SELECT a.sozialraum, s.name AS sozialraum_name, a.topf, t.bezeichnung AS topf_name, t.reihenfolge,
       a.budget, a.ist_bis_stichtag, a.prognose_rest, a.davon_umschichtung, a.hochrechnung,
       a.abweichung, a.abweichung_prozent, a.status, a.prognose_methode
FROM abweichung a
JOIN topf t USING (topf)
JOIN sozialraum s USING (sozialraum)
WHERE a.jahr = $jahr AND a.quartal = $quartal AND ($sozialraum IS NULL OR a.sozialraum = $sozialraum) AND ({{bereich}})
ORDER BY a.sozialraum, t.reihenfolge
