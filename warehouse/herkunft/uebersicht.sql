-- How many rows a figure rests on, and their sum rounded once (docs/regeln.md §4): the rows shown one
-- by one ({{einzeln}}) and the others the caller sees only as one line. Counts as INTEGER: a BIGINT reaches
-- JavaScript as text (the row's schema, uebersicht.ts, declares numbers).
SELECT CAST(count(*) FILTER (WHERE {{einzeln}}) AS INTEGER) AS zeilen,
       CAST(count(*) FILTER (WHERE NOT {{einzeln}}) AS INTEGER) AS andere_zeilen,
       CAST(round(sum(betrag), 2) AS DECIMAL(18,2)) AS summe,
       CAST(round(sum(betrag) FILTER (WHERE NOT {{einzeln}}), 2) AS DECIMAL(18,2)) AS andere_summe
FROM herkunft_zeile
WHERE {{filter}} AND ({{sichtbar}})
