-- Finanzvolumen of one year (or all years) within the caller's scope.
SELECT jahr, sozialraum, gesamtfinanzvolumen, asd_finanzvolumen, sozialraumfinanzvolumen,
       personalisiertes_finanzvolumen, variables_finanzvolumen, praevention_mindestens,
       fachleistungsstunde, planstellen, kapazitaet_stunden, stellenfaktor, bruttojahresarbeitszeit, fortgeschrieben
FROM finanzvolumen
WHERE ($jahr IS NULL OR jahr = $jahr) AND ({{bereich}})
ORDER BY jahr, sozialraum
