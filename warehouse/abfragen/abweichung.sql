-- Quarter-end variance within the caller's scope, gesamt last in each Sozialraum.
SELECT a.jahr, a.quartal, a.stichtag, a.sozialraum, a.topf, a.budget, a.soll_bis_stichtag, a.ist_bis_stichtag,
       a.prognose_rest, a.davon_umschichtung, a.hochrechnung, a.abweichung, a.abweichung_prozent, a.status, a.prognose_methode, a.prognose_version,
       a.phasierung
FROM abweichung a JOIN topf t USING (topf)
WHERE a.jahr = $jahr AND a.quartal = $quartal AND ($sozialraum IS NULL OR a.sozialraum = $sozialraum) AND ({{bereich}})
ORDER BY a.sozialraum, t.reihenfolge
