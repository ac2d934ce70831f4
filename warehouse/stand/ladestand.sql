-- How much the warehouse holds: files loaded and their rows (srb demo, srb start's first-run check).
SELECT count(*) FILTER (WHERE status = 'geladen') AS dateien, coalesce(sum(zeilen) FILTER (WHERE status = 'geladen'), 0) AS zeilen FROM ladung
