-- The reference catalogues after srb init: how many Sozialräume, municipalities and Hilfearten.
SELECT (SELECT count(*) FROM sozialraum) AS sozialraeume, (SELECT count(*) FROM gemeinde) AS gemeinden, (SELECT count(*) FROM hilfeart) AS hilfearten
