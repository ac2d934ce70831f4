-- What the small-number protection (docs/regeln.md §9) worked out per table: a year of the county, or of the
-- other Träger's part for a Träger, kept by a fingerprint of everything it is computed from and of the
-- protection's own code (warehouse/kleinzahlen/gedaechtnis.ts). A year takes seconds and needs the years before
-- it, so a start of the server would otherwise work them all out again. No figures: which cells of the table are
-- hidden (by their place among its rows), and the ranges of its hidden stocks at the year's end.
CREATE TABLE IF NOT EXISTS kleinzahlschutz (
  abdruck   VARCHAR PRIMARY KEY,
  schutz    VARCHAR NOT NULL,  -- JSON {"weg": [[stelle, spalte], …], "spannen": [[stelle, unten, oben], …]}
  berechnet TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
