-- Every open point the warehouse knows, one row each, with what a controller does about it (German).
-- Collected from the checks that find them: the contract reconciliation (contracts, signing authority,
-- residence), the staffing rules, the settlement, and bookings of a year whose budget has not arrived.
-- A corrected delivery clears a point; nothing here is stored.
--   thema:  kontrakt | zeichnung | personal | abrechnung | buchung_ohne_budget
--   objekt: the contract or staff pseudonym the point is about, if any
CREATE OR REPLACE VIEW befunde AS
WITH kontrakte AS (
  SELECT NULL::INTEGER AS jahr, sozialraum, traeger, 'kontrakt' AS thema, status AS regel, kontrakt AS objekt,
         CASE status
           WHEN 'nur_jugendamt' THEN 'Kontrakt nur in der Kontraktdatei des Jugendamts'
           WHEN 'nur_traeger' THEN 'Kontrakt nur in der Kontraktdatei des Trägers'
           WHEN 'abweichend' THEN 'Jugendamt und Träger haben den Kontrakt verschieden erfasst: ' || abweichende_felder
           ELSE zeichnung_befund END AS befund,
         CASE status
           WHEN 'nur_jugendamt' THEN 'Beim Träger nachfragen: Kontrakt in seiner nächsten Kontraktdatei mitliefern lassen, oder beim Jugendamt beenden, wenn die Hilfe nicht zustande kam'
           WHEN 'nur_traeger' THEN 'Im Jugendamt klären: Kontrakt im Fachverfahren erfassen (mit ASD-Zeichnung), oder den Träger um Streichung bitten'
           WHEN 'abweichend' THEN 'Die abweichenden Felder mit dem Träger abgleichen; wer falsch erfasst hat, liefert seine Kontraktdatei berichtigt neu'
           ELSE 'Kontrakt zu den Stunden klären: fehlende Kontraktdatei nachliefern lassen oder die Stunden dem richtigen Kontrakt zuordnen' END AS massnahme
  FROM kontrakt_abgleich
  WHERE status <> 'uebereinstimmend'
),
zeichnung AS (
  SELECT NULL::INTEGER, sozialraum, traeger, 'zeichnung', 'asd_zeichnung', kontrakt, zeichnung_befund,
         'Zeichnung durch eine für diesen Sozialraum befugte ASD-Fachkraft nachholen, oder die fehlende Zeichnungsbefugnis nachliefern'
  FROM kontrakt_abgleich
  WHERE status <> 'kein_kontrakt' AND zeichnung_befund IS NOT NULL
),
wohnort AS (
  SELECT NULL::INTEGER, sozialraum, traeger, 'kontrakt', 'wohnort_anderer_sozialraum', kontrakt,
         replace(wohnort_befund, 'wohnort_anderer_sozialraum: ', ''),
         'Zuständigkeit prüfen: die Familie gehört zum Sozialraum ihres Wohnorts; Kontrakt dorthin übergeben oder den Wohnort berichtigen'
  FROM kontrakt_abgleich
  WHERE wohnort_befund IS NOT NULL
),
personal AS (
  SELECT jahr, sozialraum, traeger, 'personal', regel, mitarbeiter, befund,
         CASE regel
           WHEN 'mindestumfang' THEN 'Stelle auf mindestens 50 % aufstocken oder aus dem Sozialraumteam nehmen (Personalliste berichtigt liefern)'
           WHEN 'sozialversicherung' THEN 'Mit dem Träger klären: Stellen im Sozialraumteam müssen sozialversicherungspflichtig sein'
           WHEN 'qualifikation' THEN 'Qualifikation beim Träger erfragen; ist sie vergleichbar, in der Personalliste genauer benennen'
           WHEN 'fachstudium' THEN 'Mit dem Träger die Besetzung besprechen: mindestens die Hälfte des Teams braucht ein abgeschlossenes Fachstudium'
           ELSE 'Personalliste ergänzen (Eintrag fehlt oder Zeitraum zu kurz) oder die Stunden als team = nein liefern lassen' END
  FROM personal_pruefung
),
abrechnung AS (
  SELECT jahr, sozialraum, traeger, 'abrechnung', regel, mitarbeiter, befund,
         CASE regel
           WHEN 'personalkosten_fehlen' THEN 'Personalkosten dieser Person für das Jahr beim Träger anfordern (Datei personalkosten)'
           WHEN 'nicht_im_team' THEN 'Mit dem Träger klären: Personalliste ergänzen oder die Kostenzeile aus der Personalkostendatei nehmen'
           WHEN 'sachkostenpauschale_fehlt' THEN 'Budgetdatei des Jahres mit der Sachkostenpauschale neu liefern'
           ELSE 'Budget des Jahres laden (Budgetdatei des Jugendamts)' END
  FROM jahresabrechnung_befund
),
-- Hours and payments of a year whose budget has not arrived (docs/regeln.md §7): loaded, not valued.
ohne_budget AS (
  SELECT jahr, sozialraum, traeger,
         replace(CAST(stunden AS VARCHAR), '.', ',') || ' Stunden (' || zeilen || CASE WHEN zeilen = 1 THEN ' Zeile' ELSE ' Zeilen' END
           || ') ohne Budget ' || jahr || ': nicht bewertet, fehlen in Verbrauch und Abweichung' AS befund
  FROM (
    SELECT CAST(year(l.datum) AS INTEGER) AS jahr, l.sozialraum, l.traeger, sum(l.stunden) AS stunden, count(*) AS zeilen
    FROM leistung l
    WHERE NOT EXISTS (SELECT 1 FROM budget b WHERE b.jahr = year(l.datum) AND b.sozialraum = l.sozialraum)
    GROUP BY ALL
  )
  UNION ALL
  SELECT jahr, sozialraum, NULL,
         zeilen || CASE WHEN zeilen = 1 THEN ' Zahlung' ELSE ' Zahlungen' END || ' ohne Budget ' || jahr
           || ': der Sozialraum hat für das Jahr noch kein Budget, Abweichung und Status fehlen'
  FROM (
    SELECT CAST(year(z.buchungsdatum) AS INTEGER) AS jahr, z.sozialraum, count(*) AS zeilen
    FROM zahlung z
    WHERE NOT EXISTS (SELECT 1 FROM budget b WHERE b.jahr = year(z.buchungsdatum) AND b.sozialraum = z.sozialraum)
    GROUP BY ALL
  )
)
SELECT CAST(jahr AS INTEGER) AS jahr, sozialraum, traeger, thema, regel, objekt, befund, massnahme
FROM (
  SELECT jahr, sozialraum, traeger, thema, regel, objekt, befund, massnahme FROM kontrakte
  UNION ALL SELECT * FROM zeichnung
  UNION ALL SELECT * FROM wohnort
  UNION ALL SELECT * FROM personal
  UNION ALL SELECT * FROM abrechnung
  UNION ALL
  SELECT jahr, sozialraum, traeger, 'buchung_ohne_budget', 'budget_fehlt', NULL, befund,
         'Budget ' || jahr || ' für diesen Sozialraum laden (Budgetdatei des Jugendamts); dann werden die Buchungen bewertet'
  FROM ohne_budget
);
