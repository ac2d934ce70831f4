-- Months of a year still open for a forecast: those after the last month with bookings of the Sozialraum.
SELECT coalesce(max(monat), 0) AS letzter_ist_monat
FROM verbrauch
WHERE jahr = $jahr AND sozialraum = $sozialraum
