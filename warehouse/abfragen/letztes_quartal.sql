-- The last quarter that has ended and has bookings: what "latest closed quarter" means for reports.
SELECT jahr, quartal
FROM abweichung
WHERE ist_bis_stichtag <> 0
ORDER BY jahr DESC, quartal DESC
LIMIT 1
