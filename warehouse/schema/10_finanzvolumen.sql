-- View finanzvolumen: the money of a Sozialraum and year (docs/regeln.md §3), exact to the cent.
-- G is stated in the budget file or carried forward: G(y) = round(G(y-1) × (1 + t(y)), 2).
CREATE OR REPLACE VIEW finanzvolumen AS
WITH RECURSIVE kette(jahr, sozialraum, g) AS (
  SELECT b.jahr, b.sozialraum, CAST(b.gesamtfinanzvolumen AS DECIMAL(18,2))
  FROM budget b
  WHERE b.gesamtfinanzvolumen IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM budget v WHERE v.sozialraum = b.sozialraum AND v.jahr = b.jahr - 1)
  UNION ALL
  SELECT b.jahr, b.sozialraum,
         CAST(coalesce(b.gesamtfinanzvolumen, round(k.g * (1 + coalesce(b.tarifsteigerung, 0)), 2)) AS DECIMAL(18,2))
  FROM kette k JOIN budget b ON b.sozialraum = k.sozialraum AND b.jahr = k.jahr + 1
),
g AS (
  SELECT b.*, coalesce(k.g, b.gesamtfinanzvolumen) AS g_wert
  FROM budget b LEFT JOIN kette k USING (jahr, sozialraum)
),
anteile AS (
  SELECT *,
    CAST(round(g_wert * 0.15, 2) AS DECIMAL(18,2)) AS asd
  FROM g
),
s AS (
  SELECT *, CAST(g_wert - asd AS DECIMAL(18,2)) AS s_wert FROM anteile
),
p AS (
  SELECT *, CAST(round(s_wert * 0.80, 2) AS DECIMAL(18,2)) AS p_wert FROM s
)
SELECT
  jahr,
  sozialraum,
  g_wert                                                          AS gesamtfinanzvolumen,
  asd                                                             AS asd_finanzvolumen,
  s_wert                                                          AS sozialraumfinanzvolumen,
  p_wert                                                          AS personalisiertes_finanzvolumen,
  CAST(s_wert - p_wert AS DECIMAL(18,2))                          AS variables_finanzvolumen,
  CAST(round(s_wert * praeventionsanteil, 2) AS DECIMAL(18,2))    AS praevention_mindestens,
  CAST(quotient_cent(stellenfaktor, bruttojahresarbeitszeit) AS DECIMAL(18,2)) AS fachleistungsstunde,
  CAST(quotient_cent(p_wert, stellenfaktor) AS DECIMAL(18,2))     AS planstellen,
  CAST(quotient_cent(p_wert * bruttojahresarbeitszeit, stellenfaktor) AS DECIMAL(18,2)) AS kapazitaet_stunden,
  stellenfaktor,
  bruttojahresarbeitszeit,
  praeventionsanteil,
  tarifsteigerung,
  sachkostenpauschale,
  vertragszeitraum,
  gesamtfinanzvolumen IS NULL                                     AS fortgeschrieben
FROM p;
