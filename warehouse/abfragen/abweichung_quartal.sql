-- Quarter-end variance of one year and quarter, per Sozialraum and Topf (gesamt last).
SELECT a.sozialraum, a.topf, a.budget, a.soll_bis_stichtag, a.ist_bis_stichtag, a.prognose_rest, a.davon_umschichtung,
       a.hochrechnung, a.abweichung, a.abweichung_prozent, a.status, a.prognose_methode
FROM abweichung a
JOIN topf t USING (topf)
WHERE a.jahr = $jahr AND a.quartal = $quartal
ORDER BY a.sozialraum, t.reihenfolge
