-- What the settlement of a year rests on, per Sozialraum: its name and the budget figures.
SELECT s.sozialraum, s.langname, s.sozialraumzentrum, f.personalisiertes_finanzvolumen, f.stellenfaktor,
       f.sachkostenpauschale, f.stellenfaktor - f.sachkostenpauschale AS personalkostenanteil, f.vertragszeitraum
FROM sozialraum s
LEFT JOIN finanzvolumen f ON f.sozialraum = s.sozialraum AND f.jahr = $jahr
WHERE ({{bereich}})
ORDER BY s.sozialraum
