INSERT INTO umschichtung (umschichtung_id, jahr, sozialraum, topf, betrag, gremium, beschlussdatum, kommentar,
                          ueberschreitung_begruendung, autor, zeitpunkt)
VALUES ($id, $jahr, $sozialraum, $topf, CAST($betrag AS DECIMAL(18,2)), $gremium, CAST($beschlussdatum AS DATE), $kommentar,
        $begruendung, $autor, current_localtimestamp())
