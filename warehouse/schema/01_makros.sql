-- Exact money arithmetic. DuckDB divides DECIMAL by DECIMAL as DOUBLE, so every quotient that
-- becomes money or a displayed figure goes through integer arithmetic on HUGEINT instead.
-- Inputs carry at most 4 decimal places (money 2, booking values 4, hours 2).

-- a / b rounded half away from zero to cents (DOMAIN.md §3: "rounded to cents half away from zero").
CREATE OR REPLACE MACRO quotient_cent(a, b) AS (
  CASE WHEN b IS NULL OR a IS NULL OR b = 0 THEN NULL ELSE
    CAST(
      sign(a) * sign(b) *
      ((2 * 100 * abs(CAST(CAST(a AS DECIMAL(38,4)) * 10000 AS HUGEINT)) + abs(CAST(CAST(b AS DECIMAL(38,4)) * 10000 AS HUGEINT)))
        // (2 * abs(CAST(CAST(b AS DECIMAL(38,4)) * 10000 AS HUGEINT))))
    AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2))
  END
);

-- Whole cents (HUGEINT) back to an exact amount in EUR.
CREATE OR REPLACE MACRO aus_cent(x) AS (CAST(x AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2)));

-- German number text ("1.234,5", "1234,5", "-450,00") to DECIMAL; NULL when it is no such number.
-- A dot is only accepted as a thousands separator in groups of three, so "1.5" is never read as 15.
CREATE OR REPLACE MACRO zahl_komma(x) AS (
  CASE
    WHEN x IS NULL THEN NULL
    WHEN NOT contains(x, '.') THEN TRY_CAST(replace(trim(x), ',', '.') AS DECIMAL(18,4))
    WHEN regexp_full_match(trim(x), '[-+]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?')
      THEN TRY_CAST(replace(replace(trim(x), '.', ''), ',', '.') AS DECIMAL(18,4))
    ELSE NULL
  END
);

-- Number text of a file that declares a decimal point ("1,234.5", "1234.5").
CREATE OR REPLACE MACRO zahl_punkt(x) AS (
  CASE
    WHEN x IS NULL THEN NULL
    WHEN NOT contains(x, ',') THEN TRY_CAST(trim(x) AS DECIMAL(18,4))
    WHEN regexp_full_match(trim(x), '[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?')
      THEN TRY_CAST(replace(trim(x), ',', '') AS DECIMAL(18,4))
    ELSE NULL
  END
);

-- Dates as TT.MM.JJJJ or ISO JJJJ-MM-TT; NULL for anything else, including days that do not exist.
CREATE OR REPLACE MACRO datum_de(x) AS (
  CAST(try_strptime(trim(x), ['%d.%m.%Y', '%Y-%m-%d']) AS DATE)
);

-- Looks like a date but is none (31.02.2025): worth its own message.
CREATE OR REPLACE MACRO datumsform(x) AS (
  regexp_full_match(trim(x), '[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}')
);

-- "31", "§31", "§ 31", "§ 31 SGB VIII", "§35a" -> "§31" / "§35a".
CREATE OR REPLACE MACRO hilfeart_code(x) AS (
  nullif('§' || lower(regexp_extract(trim(x), '^(?:§\s*)?([0-9]+\s*[a-zA-Z]?)(?:\s*SGB\s*VIII)?$', 1, 'i')).replace(' ', ''), '§')
);

CREATE OR REPLACE MACRO ja_nein(x) AS (
  CASE lower(trim(x)) WHEN 'ja' THEN true WHEN 'j' THEN true WHEN 'x' THEN true WHEN '1' THEN true
                      WHEN 'nein' THEN false WHEN 'n' THEN false WHEN '0' THEN false ELSE NULL END
);

-- Spelling of a Sozialraum as written in files: case, blanks and umlaut spellings do not matter.
CREATE OR REPLACE MACRO schreibweise(x) AS (
  regexp_replace(replace(replace(replace(replace(lower(trim(x)), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), '\s+', '', 'g')
);
