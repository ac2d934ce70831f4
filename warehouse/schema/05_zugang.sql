-- Users of the API and their scope. Passwords only as scrypt hashes (salt$hash, hex).
CREATE TABLE IF NOT EXISTS benutzer (
  name          VARCHAR PRIMARY KEY,
  rolle         VARCHAR NOT NULL,          -- jugendamt_controller, traeger_controller, asd, analyst, admin
  sozialraeume  VARCHAR[] NOT NULL,        -- empty: all (jugendamt_controller, analyst, admin)
  traeger       VARCHAR,                   -- traeger_controller: its Träger
  passwort_hash VARCHAR NOT NULL,
  aktiv         BOOLEAN NOT NULL DEFAULT true,
  demo          BOOLEAN NOT NULL DEFAULT false, -- created by the demo with a published password
  angelegt      TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

-- The key that signs API tokens lies beside the warehouse file (warehouse/zugang/signierschluessel.ts), no
-- longer inside it: a backup is a copy of this file, and whoever held one could have signed tokens.
DROP TABLE IF EXISTS schluessel;

-- Read-only API keys for tools that refresh reports (Power Query, Power BI): one user's scope, named,
-- with an expiry, revocable. Only a SHA-256 of the secret is kept: the secret has 256 random bits, so
-- a slow hash (as for passwords) would buy nothing and cost every refresh.
CREATE TABLE IF NOT EXISTS api_schluessel (
  schluessel_id VARCHAR PRIMARY KEY,        -- the public part of the key, srbk_<16 hex>
  benutzer      VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,           -- what the user calls it, e.g. "Power BI Quartalsbericht"
  hash          VARCHAR NOT NULL,           -- sha256 of the secret part, hex
  gueltig_bis   TIMESTAMP NOT NULL,
  angelegt      TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
  widerrufen    TIMESTAMP
);
