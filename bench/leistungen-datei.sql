-- A leistungen export of $zeilen rows in the German dialect (';', decimal comma, TT.MM.JJJJ),
-- written by DuckDB itself so that generating 10 million rows takes seconds, not minutes.
COPY (
  SELECT
    ['caritas-trier', 'awo-trier-saarburg', 'jhz-don-bosco', 'diakonie-trier', 'kinderschutzbund-tr'][1 + (i % 5)] AS traeger,
    ['konz', 'Ruwer/Schweich/Trier-Land', 'hermeskeil', 'Saarburg'][1 + (i // 7 % 4)] AS sozialraum,
    CASE WHEN i % 9 = 0 THEN '' ELSE 'K-' || (2014 + i % 13) || '-' || lpad(CAST(i % 4000 AS VARCHAR), 4, '0') END AS kontrakt,
    CASE WHEN i % 9 = 0 THEN '' ELSE 'F-' || lpad(CAST(i % 9000 AS VARCHAR), 6, '0') END AS fall,
    CASE WHEN i % 9 = 0 THEN '' ELSE ['31', '§30', '§ 28', '§ 32 SGB VIII', '§41', '§52'][1 + (i // 3 % 6)] END AS hilfeart,
    CASE WHEN i % 9 = 0 THEN 'fallunspezifisch' WHEN i % 4 = 0 THEN 'fallbezogen' ELSE 'fallspezifisch' END AS segment,
    strftime(DATE '2014-01-01' + CAST(i * 4729 % 4717 AS INTEGER), '%d.%m.%Y') AS datum,
    replace(CAST(CAST(0.25 * (1 + i * 31 % 32) AS DECIMAL(5,2)) AS VARCHAR), '.', ',') AS stunden,
    'MA-' || lpad(CAST(i % 180 AS VARCHAR), 3, '0') AS mitarbeiter,
    CASE WHEN i % 3 = 0 THEN 'nein' ELSE 'ja' END AS team
  FROM range($zeilen) t(i)
) TO '$datei' (FORMAT csv, DELIMITER ';', HEADER true, QUOTE '')
