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

-- The key that signs API tokens, made once per warehouse.
CREATE TABLE IF NOT EXISTS schluessel (
  name VARCHAR PRIMARY KEY,
  wert VARCHAR NOT NULL
);
