SELECT topf, monat, betrag FROM prognose_wert WHERE version_id = $version ORDER BY topf, monat
