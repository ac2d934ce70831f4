-- The large import of the load test: a Träger's corrected re-delivery of its latest months (whole months, up
-- to $zeilen rows), as its export would come (German dialect), written from the demo county's own bookings.
-- A made-up file (leistungen-datei.sql, for the ingest benchmark) books on contracts that nobody has: every
-- one became a finding of the contract comparison, /kontrakte/abgleich grew from 80 KB to many MB, and the
-- load test measured sending that to 32 readers instead of reads during and after a load.
COPY (
  WITH monate AS (
    SELECT date_trunc('month', datum) AS monat, count(*) AS n FROM leistung WHERE absender = '$absender' GROUP BY ALL
  ),
  ab AS (
    SELECT min(monat) AS ab FROM (SELECT monat, sum(n) OVER (ORDER BY monat DESC) AS bis_hier FROM monate)
    WHERE bis_hier <= $zeilen
  )
  SELECT traeger, sozialraum, coalesce(kontrakt, '') AS kontrakt, coalesce(fall, '') AS fall,
         coalesce(hilfeart, '') AS hilfeart, segment, strftime(datum, '%d.%m.%Y') AS datum,
         replace(CAST(stunden AS VARCHAR), '.', ',') AS stunden, mitarbeiter, CASE WHEN team THEN 'ja' ELSE 'nein' END AS team
  FROM leistung
  WHERE absender = '$absender' AND datum >= (SELECT ab FROM ab)
  ORDER BY ladung_id, zeile
) TO '$datei' (FORMAT csv, DELIMITER ';', HEADER true)
