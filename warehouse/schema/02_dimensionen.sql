-- Dimensions. Reference data comes from warehouse/reference/*.csv (versioned with the code) and is
-- reloaded by `srb init`, so a boundary change next year is a data change, not a code change.

CREATE TABLE IF NOT EXISTS sozialraum (
  sozialraum        VARCHAR PRIMARY KEY,   -- code: konz, schweich, hermeskeil, saarburg
  name              VARCHAR NOT NULL,
  langname          VARCHAR NOT NULL,
  sozialraumzentrum VARCHAR
);

-- Spellings accepted in export files ("Ruwer/Schweich/Trier-Land", "Schweich"), normalised by schreibweise().
CREATE TABLE IF NOT EXISTS sozialraum_schreibweise (
  schreibweise VARCHAR PRIMARY KEY,
  sozialraum   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS gemeinde (
  ags              VARCHAR PRIMARY KEY,    -- Amtlicher Gemeindeschlüssel, 8 digits, text (leading zero)
  gemeinde         VARCHAR NOT NULL,
  verbandsgemeinde VARCHAR NOT NULL,
  sozialraum       VARCHAR NOT NULL
);

-- Catalogue of help types with validity: §34 may join later, §35a never; both are rows with a hint.
CREATE TABLE IF NOT EXISTS hilfeart (
  hilfeart    VARCHAR PRIMARY KEY,         -- "§31"
  bezeichnung VARCHAR NOT NULL,
  gueltig_ab  DATE,                        -- NULL: not (yet) part of the Sozialraumbudget
  gueltig_bis DATE,
  hinweis     VARCHAR
);

CREATE TABLE IF NOT EXISTS topf (
  topf        VARCHAR PRIMARY KEY,         -- personalisiert, variabel, asd; gesamt for the total
  bezeichnung VARCHAR NOT NULL,
  reihenfolge INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS segment (
  segment     VARCHAR PRIMARY KEY,
  bezeichnung VARCHAR NOT NULL
);

-- Träger are learned from the files as they arrive (files come in any order).
CREATE TABLE IF NOT EXISTS traeger (
  traeger        VARCHAR PRIMARY KEY,
  erste_ladung   INTEGER NOT NULL
);

-- Thresholds and rates that controllers may change without a release.
CREATE TABLE IF NOT EXISTS einstellung (
  name         VARCHAR PRIMARY KEY,
  wert         DECIMAL(9,4) NOT NULL,
  beschreibung VARCHAR NOT NULL
);
