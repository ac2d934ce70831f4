-- Sozialräume with figures at the quarter end (a budget for the year and bookings up to the quarter
-- end), with their total for the pack's overview table.
SELECT a.sozialraum, s.name, a.budget, a.hochrechnung, a.abweichung, a.abweichung_prozent, a.status
FROM abweichung a
JOIN sozialraum s USING (sozialraum)
WHERE a.jahr = $jahr AND a.quartal = $quartal AND a.topf = 'gesamt' AND a.ist_bis_stichtag > 0
ORDER BY s.name
