-- What a Träger knows of every count of the view fachcontrolling (docs/regeln.md §9): the counts over the
-- youth office's contracts that its own contract list holds too, per period, Sozialraum and Hilfeart.
SELECT * EXCLUDE (von, bis, tage_summe, tage_liste) FROM fachcontrolling_anzahlen($traeger)
