-- Saved ad-hoc queries (named, with $parameters) that Power Query and Power BI refresh by URL. Each runs
-- through the analysts' sandbox in the scope of whoever calls it, never of whoever saved it.
CREATE TABLE IF NOT EXISTS gespeicherte_abfrage (
  name         VARCHAR PRIMARY KEY,         -- a-z, 0-9, _ and -: part of the URL
  sql          VARCHAR NOT NULL,
  parameter    VARCHAR[] NOT NULL,          -- the $names the query uses, as DuckDB's parser found them
  beschreibung VARCHAR,
  autor        VARCHAR NOT NULL,
  geaendert    TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
