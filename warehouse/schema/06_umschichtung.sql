-- Reallocations of free funds to prevention (docs/regeln.md §5): decisions of a steering body, recorded
-- by a youth-office controller. Append-only: nothing here is ever updated or deleted; a reversal is
-- a new row with the opposite amount, so the sum per Topf is what stands.
CREATE SEQUENCE IF NOT EXISTS umschichtung_seq START 1;

CREATE TABLE IF NOT EXISTS umschichtung (
  umschichtung_id             INTEGER PRIMARY KEY,
  jahr                        INTEGER NOT NULL,
  sozialraum                  VARCHAR NOT NULL,
  topf                        VARCHAR NOT NULL,        -- the pot the money comes from
  betrag                      DECIMAL(18,2) NOT NULL,  -- negative: reversal
  gremium                     VARCHAR NOT NULL,        -- e.g. Lenkungsgruppe
  beschlussdatum              DATE NOT NULL,
  kommentar                   VARCHAR,
  ueberschreitung_begruendung VARCHAR,                 -- why more than the proposal was moved
  autor                       VARCHAR NOT NULL,
  zeitpunkt                   TIMESTAMP NOT NULL
);
