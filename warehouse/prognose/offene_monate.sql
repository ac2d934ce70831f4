-- Months of a year still open for a forecast: those after the last month with bookings of the
-- Sozialraum (hours or payments). Read from the fact tables by date range, not from the view
-- verbrauch: a forecast write asks this under the write lock, and the range lets DuckDB skip row groups.
SELECT coalesce(month(greatest(
  (SELECT max(datum) FROM leistung WHERE sozialraum = $sozialraum AND datum >= make_date($jahr, 1, 1) AND datum < make_date($jahr + 1, 1, 1)),
  (SELECT max(buchungsdatum) FROM zahlung WHERE sozialraum = $sozialraum AND buchungsdatum >= make_date($jahr, 1, 1) AND buchungsdatum < make_date($jahr + 1, 1, 1))
)), 0) AS letzter_ist_monat
