-- Checks every export kind shares. {{stichtag}} is the date column at which a Hilfeart must be in the
-- catalogue; the rest refers to the typed table `neu` (value columns and their raw text as <spalte>__roh).

-- Hilfeart outside the catalogue or its validity (§35a never, §34 not yet).
SELECT n.nr, 'hilfeart' AS spalte, n.hilfeart__roh AS wert,
       CASE WHEN h.hilfeart IS NULL THEN 'Hilfeart ' || n.hilfeart || ' gehört nicht zum Sozialraumbudget'
            WHEN h.hinweis IS NOT NULL AND h.gueltig_ab IS NULL THEN 'Hilfeart ' || n.hilfeart || ' (' || h.bezeichnung || ') ' || h.hinweis
            ELSE 'Hilfeart ' || n.hilfeart || ' ist am ' || strftime(n.{{stichtag}}, '%d.%m.%Y') || ' nicht Teil des Sozialraumbudgets' END AS grund
FROM neu n LEFT JOIN hilfeart h ON h.hilfeart = n.hilfeart
WHERE n.hilfeart IS NOT NULL
  AND (h.hilfeart IS NULL OR h.gueltig_ab IS NULL
       OR n.{{stichtag}} NOT BETWEEN h.gueltig_ab AND coalesce(h.gueltig_bis, DATE '9999-12-31'))
