-- Facts, one table per export kind (docs/regeln.md §7). Every row knows the load it came from
-- (ladung_id) and its sender (absender: "jugendamt" or "traeger:<id>"), which a corrected
-- re-delivery uses to find what it replaces. Money is DECIMAL, hours DECIMAL(9,2).

CREATE SEQUENCE IF NOT EXISTS ladung_seq START 1;

CREATE TABLE IF NOT EXISTS budget (
  jahr                    INTEGER NOT NULL,
  sozialraum              VARCHAR NOT NULL,
  gesamtfinanzvolumen     DECIMAL(18,2),     -- NULL: carried forward with the tariff rate
  stellenfaktor           DECIMAL(18,2) NOT NULL,
  bruttojahresarbeitszeit DECIMAL(9,2)  NOT NULL,
  praeventionsanteil      DECIMAL(9,6)  NOT NULL,  -- fraction, 0.10 = 10 %
  tarifsteigerung         DECIMAL(9,6),             -- fraction, 0.028 = 2,8 %
  sachkostenpauschale     DECIMAL(18,2),
  vertragszeitraum        VARCHAR,
  absender                VARCHAR NOT NULL,
  ladung_id               INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS leistung (
  traeger     VARCHAR NOT NULL,
  sozialraum  VARCHAR NOT NULL,
  kontrakt    VARCHAR,
  fall        VARCHAR,
  hilfeart    VARCHAR,
  segment     VARCHAR NOT NULL,
  datum       DATE NOT NULL,
  stunden     DECIMAL(9,2) NOT NULL,
  mitarbeiter VARCHAR NOT NULL,
  team        BOOLEAN NOT NULL,
  absender    VARCHAR NOT NULL,
  ladung_id   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS zahlung (
  buchungsdatum DATE NOT NULL,
  sozialraum    VARCHAR NOT NULL,
  topf          VARCHAR NOT NULL,
  empfaenger    VARCHAR NOT NULL,
  kontrakt      VARCHAR,
  hilfeart      VARCHAR,
  betrag        DECIMAL(18,2) NOT NULL,      -- negative: Storno
  absender      VARCHAR NOT NULL,
  ladung_id     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS kontrakt (
  quelle        VARCHAR NOT NULL,            -- jugendamt | traeger:<id>
  kontrakt      VARCHAR NOT NULL,
  sozialraum    VARCHAR NOT NULL,
  fall          VARCHAR NOT NULL,
  hilfeart      VARCHAR NOT NULL,
  beginn        DATE NOT NULL,
  ende          DATE,
  stunden_monat DECIMAL(9,2) NOT NULL,
  asd_zeichnung VARCHAR,
  wohnort_ags   VARCHAR NOT NULL,
  absender      VARCHAR NOT NULL,
  ladung_id     INTEGER NOT NULL,
  -- docs/regeln.md §8, the youth office's Hilfeplan; last, so that files made before them gain them by ALTER
  beendigungsgrund VARCHAR,                -- planmaessig | abbruch_familie | abbruch_traeger | zustaendigkeitswechsel | sonstiges
  zielerreichung   VARCHAR                 -- erreicht | teilweise | nicht_erreicht
);
ALTER TABLE kontrakt ADD COLUMN IF NOT EXISTS beendigungsgrund VARCHAR;
ALTER TABLE kontrakt ADD COLUMN IF NOT EXISTS zielerreichung VARCHAR;

CREATE TABLE IF NOT EXISTS personal (
  traeger       VARCHAR NOT NULL,
  sozialraum    VARCHAR NOT NULL,
  mitarbeiter   VARCHAR NOT NULL,
  stellenumfang DECIMAL(9,4) NOT NULL,       -- fraction of a full position
  qualifikation VARCHAR NOT NULL,
  fachstudium   BOOLEAN NOT NULL,
  sv_pflichtig  BOOLEAN NOT NULL,
  von           DATE NOT NULL,
  bis           DATE,
  absender      VARCHAR NOT NULL,
  ladung_id     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS zeichnungsbefugnis (
  asd_mitarbeiter VARCHAR NOT NULL,
  sozialraum      VARCHAR NOT NULL,
  von             DATE NOT NULL,
  bis             DATE,
  absender        VARCHAR NOT NULL,
  ladung_id       INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS personalkosten (
  jahr           INTEGER NOT NULL,
  traeger        VARCHAR NOT NULL,
  sozialraum     VARCHAR NOT NULL,
  mitarbeiter    VARCHAR NOT NULL,
  personalkosten DECIMAL(18,2) NOT NULL,
  absender       VARCHAR NOT NULL,
  ladung_id      INTEGER NOT NULL
);

-- Forecasts written back by controllers: each write is a new version, nothing is overwritten.
CREATE SEQUENCE IF NOT EXISTS prognose_version_seq START 1;

CREATE TABLE IF NOT EXISTS prognose_version (
  version_id     INTEGER PRIMARY KEY,
  jahr           INTEGER NOT NULL,
  sozialraum     VARCHAR NOT NULL,
  basis_version  INTEGER,
  autor          VARCHAR NOT NULL,
  organisation   VARCHAR NOT NULL,
  zeitpunkt      TIMESTAMP NOT NULL,
  kommentar      VARCHAR
);

CREATE TABLE IF NOT EXISTS prognose_wert (
  version_id INTEGER NOT NULL,
  topf       VARCHAR NOT NULL,
  monat      INTEGER NOT NULL,
  betrag     DECIMAL(18,2) NOT NULL
);

-- Phasing profiles (docs/regeln.md §5): the budget's share per month in percent (8.5 = 8,5 %); the 12
-- months of a year, Sozialraum and Topf add up to exactly 100 (checked on load). Without a profile
-- the budget is phased linearly.
CREATE TABLE IF NOT EXISTS phasierung (
  jahr       INTEGER NOT NULL,
  sozialraum VARCHAR NOT NULL,
  topf       VARCHAR NOT NULL,
  monat      INTEGER NOT NULL,
  anteil     DECIMAL(9,4) NOT NULL,
  absender   VARCHAR NOT NULL,
  ladung_id  INTEGER NOT NULL
);

-- Young residents per municipality on 31 December of `jahr` (official statistics, docs/regeln.md §7): the
-- reference of the rate per 1.000 (Eckwert, §8).
CREATE TABLE IF NOT EXISTS bevoelkerung (
  jahr         INTEGER NOT NULL,
  wohnort_ags  VARCHAR NOT NULL,
  altersgruppe VARCHAR NOT NULL,             -- 0-5, 6-13, 14-17, 18-20
  anzahl       INTEGER NOT NULL,
  absender     VARCHAR NOT NULL,
  ladung_id    INTEGER NOT NULL
);
-- Where each row came from: its load (ladung_id, the load log has file, sender, hash, time and user) and
-- the line of the file it stood on, numbered as the rejection reports number them (header = line 1; in a
-- workbook the sheet row). Added by ALTER so that warehouses made before keep working (their rows: NULL).
ALTER TABLE budget             ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE leistung           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE zahlung            ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE kontrakt           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE personal           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE zeichnungsbefugnis ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE personalkosten     ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE phasierung         ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE bevoelkerung       ADD COLUMN IF NOT EXISTS zeile INTEGER;
