-- Double controlling (docs/regeln.md §5): every contract is recorded by the youth office and by the Träger.
CREATE OR REPLACE VIEW kontrakt_abgleich AS
WITH ja AS (SELECT * FROM kontrakt WHERE quelle = 'jugendamt'),
tr AS (SELECT * FROM kontrakt WHERE quelle LIKE 'traeger:%'),
paare AS (
  SELECT coalesce(ja.kontrakt, tr.kontrakt) AS kontrakt,
         coalesce(ja.sozialraum, tr.sozialraum) AS sozialraum,
         replace(tr.quelle, 'traeger:', '') AS traeger,
         ja.kontrakt IS NOT NULL AS bei_jugendamt,
         tr.kontrakt IS NOT NULL AS bei_traeger,
         list_filter([
           CASE WHEN ja.sozialraum    IS DISTINCT FROM tr.sozialraum    THEN 'sozialraum' END,
           CASE WHEN ja.fall          IS DISTINCT FROM tr.fall          THEN 'fall' END,
           CASE WHEN ja.hilfeart      IS DISTINCT FROM tr.hilfeart      THEN 'hilfeart' END,
           CASE WHEN ja.beginn        IS DISTINCT FROM tr.beginn        THEN 'beginn' END,
           CASE WHEN ja.ende          IS DISTINCT FROM tr.ende          THEN 'ende' END,
           CASE WHEN ja.stunden_monat IS DISTINCT FROM tr.stunden_monat THEN 'stunden_monat' END,
           CASE WHEN ja.wohnort_ags   IS DISTINCT FROM tr.wohnort_ags   THEN 'wohnort_ags' END
         ], f -> f IS NOT NULL) AS felder,
         ja.asd_zeichnung, ja.beginn AS beginn_jugendamt, ja.sozialraum AS sozialraum_jugendamt,
         coalesce(ja.wohnort_ags, tr.wohnort_ags) AS wohnort_ags
  FROM ja FULL OUTER JOIN tr ON ja.kontrakt = tr.kontrakt
),
-- A family belongs to the Sozialraum of its residence (docs/regeln.md §1, §5): a contract whose wohnort_ags
-- (the youth office's, else the Träger's) lies in another Sozialraum is listed, not refused (families move).
wohnort AS (
  SELECT p.kontrakt,
         'wohnort_anderer_sozialraum: Wohnort ' || g.gemeinde || ' (' || g.ags || ') gehört zum Sozialraum '
           || s.name || ', der Kontrakt zu ' || k.name AS wohnort_befund
  FROM paare p
  JOIN gemeinde g ON g.ags = p.wohnort_ags
  JOIN sozialraum s ON s.sozialraum = g.sozialraum
  JOIN sozialraum k ON k.sozialraum = p.sozialraum
  WHERE g.sozialraum <> p.sozialraum
),
zeichnung AS (
  -- The ASD decides kind and extent of help: the signer must be authorised for that Sozialraum at the start.
  SELECT p.kontrakt,
         CASE WHEN NOT p.bei_jugendamt THEN NULL
              WHEN p.asd_zeichnung IS NULL THEN 'ASD-Zeichnung fehlt'
              WHEN NOT EXISTS (
                SELECT 1 FROM zeichnungsbefugnis z
                WHERE z.asd_mitarbeiter = p.asd_zeichnung AND z.sozialraum = p.sozialraum_jugendamt
                  AND p.beginn_jugendamt BETWEEN z.von AND coalesce(z.bis, DATE '9999-12-31'))
                THEN 'ASD-Zeichnung ' || p.asd_zeichnung || ' ist für diesen Sozialraum am Beginn nicht zeichnungsbefugt'
         END AS zeichnung_befund
  FROM paare p
),
-- A Träger's hours may name contracts that no contract file has delivered yet. Contract lists hold
-- the contracts running in recent years (setting abgleich_jahre: the current year and the ones
-- before), so only hours of those years are compared; payments to outside providers are not part
-- of the double controlling.
ohne_kontrakt AS (
  SELECT kontrakt, any_value(sozialraum) AS sozialraum, any_value(traeger) AS traeger
  FROM leistung
  WHERE kontrakt IS NOT NULL
    AND year(datum) > (SELECT max(year(datum)) FROM leistung) - (SELECT wert FROM einstellung WHERE name = 'abgleich_jahre')
    AND kontrakt NOT IN (SELECT kontrakt FROM kontrakt)
  GROUP BY kontrakt
)
SELECT p.kontrakt,
       CASE WHEN p.bei_jugendamt AND NOT p.bei_traeger THEN 'nur_jugendamt'
            WHEN p.bei_traeger AND NOT p.bei_jugendamt THEN 'nur_traeger'
            WHEN len(p.felder) > 0 THEN 'abweichend'
            ELSE 'uebereinstimmend' END AS status,
       CASE WHEN p.bei_jugendamt AND p.bei_traeger AND len(p.felder) > 0 THEN array_to_string(p.felder, ', ') END AS abweichende_felder,
       p.sozialraum, p.traeger, z.zeichnung_befund, w.wohnort_befund
FROM paare p JOIN zeichnung z USING (kontrakt) LEFT JOIN wohnort w USING (kontrakt)
UNION ALL
SELECT kontrakt, 'kein_kontrakt', NULL, sozialraum, traeger,
       'Stunden eines Trägers ohne Kontrakt in einer Kontraktdatei', NULL
FROM ohne_kontrakt;
