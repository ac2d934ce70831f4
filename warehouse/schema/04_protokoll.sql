-- The load log, history of superseded rows, and the audit trail.

CREATE TABLE IF NOT EXISTS ladung (
  ladung_id    INTEGER PRIMARY KEY,
  dateiname    VARCHAR NOT NULL,
  inhalt_hash  VARCHAR NOT NULL,           -- SHA-256 of the file as delivered
  art          VARCHAR,                    -- budget, leistungen, ... (NULL when not recognised)
  absender     VARCHAR,
  status       VARCHAR NOT NULL,           -- geladen | abgelehnt
  zeilen       BIGINT NOT NULL,
  ersetzt      BIGINT NOT NULL,            -- rows of earlier loads this one superseded
  fehler       INTEGER NOT NULL,
  benutzer     VARCHAR NOT NULL,
  zeitpunkt    TIMESTAMP NOT NULL,
  quarantaene  VARCHAR                     -- where a rejected file and its report were kept
);
-- Where the file of a load is kept (by its content hash), so that a controller can open it at the line named.
ALTER TABLE ladung ADD COLUMN IF NOT EXISTS ablage VARCHAR;

-- Superseded rows of a corrected re-delivery: the old row as it was, plus who replaced it.
CREATE TABLE IF NOT EXISTS historie_budget             AS SELECT *, 0::INTEGER AS ersetzt_durch FROM budget LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_leistung           AS SELECT *, 0::INTEGER AS ersetzt_durch FROM leistung LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_zahlung            AS SELECT *, 0::INTEGER AS ersetzt_durch FROM zahlung LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_kontrakt           AS SELECT *, 0::INTEGER AS ersetzt_durch FROM kontrakt LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_personal           AS SELECT *, 0::INTEGER AS ersetzt_durch FROM personal LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_zeichnungsbefugnis AS SELECT *, 0::INTEGER AS ersetzt_durch FROM zeichnungsbefugnis LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_personalkosten     AS SELECT *, 0::INTEGER AS ersetzt_durch FROM personalkosten LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_phasierung         AS SELECT *, 0::INTEGER AS ersetzt_durch FROM phasierung LIMIT 0;
CREATE TABLE IF NOT EXISTS historie_bevoelkerung       AS SELECT *, 0::INTEGER AS ersetzt_durch FROM bevoelkerung LIMIT 0;
-- Columns added to a fact table later sit after ersetzt_durch in a file made before: rows move BY NAME.
ALTER TABLE historie_kontrakt ADD COLUMN IF NOT EXISTS beendigungsgrund VARCHAR;
ALTER TABLE historie_kontrakt ADD COLUMN IF NOT EXISTS zielerreichung VARCHAR;
-- The line of a superseded row too (history of warehouses made before the line was kept).
ALTER TABLE historie_budget             ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_leistung           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_zahlung            ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_kontrakt           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_personal           ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_zeichnungsbefugnis ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_personalkosten     ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_phasierung         ADD COLUMN IF NOT EXISTS zeile INTEGER;
ALTER TABLE historie_bevoelkerung       ADD COLUMN IF NOT EXISTS zeile INTEGER;

-- Every write and every ad-hoc query: who, when, what. Social data never goes into `details`.
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit (
  audit_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
  zeitpunkt TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
  benutzer  VARCHAR NOT NULL,
  aktion    VARCHAR NOT NULL,              -- import, sql, prognose, ...
  objekt    VARCHAR,
  details   VARCHAR
);
