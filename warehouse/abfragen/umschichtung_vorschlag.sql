SELECT jahr, quartal, sozialraum, budget, hochrechnung, reserve, vorschlag
FROM umschichtung_vorschlag
WHERE jahr = $jahr AND ({{bereich}})
ORDER BY quartal, sozialraum
