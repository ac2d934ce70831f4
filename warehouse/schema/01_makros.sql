-- Exact money arithmetic. DuckDB divides DECIMAL by DECIMAL as DOUBLE, so every quotient that
-- becomes money or a displayed figure goes through integer arithmetic on HUGEINT instead.
-- Inputs carry at most 4 decimal places (money 2, booking values 4, hours 2).

-- a / b rounded half away from zero to cents (docs/regeln.md §3: "rounded to cents half away from zero").
-- a and b may carry up to 8 decimal places: a product of two exact sums of booking values (4 places
-- each) or of an amount and a percentage share stays exact on its way to the one rounding.
CREATE OR REPLACE MACRO quotient_cent(a, b) AS (
  CASE WHEN b IS NULL OR a IS NULL OR b = 0 THEN NULL ELSE
    CAST(
      sign(a) * sign(b) *
      ((2 * 100 * abs(CAST(CAST(a AS DECIMAL(38,8)) * 100000000 AS HUGEINT)) + abs(CAST(CAST(b AS DECIMAL(38,8)) * 100000000 AS HUGEINT)))
        // (2 * abs(CAST(CAST(b AS DECIMAL(38,8)) * 100000000 AS HUGEINT))))
    AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2))
  END
);

-- Whole cents (HUGEINT) back to an exact amount in EUR.
CREATE OR REPLACE MACRO aus_cent(x) AS (CAST(x AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2)));

-- Number text of a file in plain form ("-1234.5"), from the German spelling ("1.234,5", "1234,5",
-- "-450,00"); NULL when it is no such number. A dot is only accepted as a thousands separator in groups
-- of three, so "1.5" is never read as 15.
CREATE OR REPLACE MACRO zahltext_komma(x) AS (
  CASE
    WHEN x IS NULL THEN NULL
    WHEN NOT contains(x, '.') THEN replace(trim(x), ',', '.')
    WHEN regexp_full_match(trim(x), '[-+]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?') THEN replace(replace(trim(x), '.', ''), ',', '.')
  END
);

-- The same for a file that declares a decimal point ("1,234.5", "1234.5").
CREATE OR REPLACE MACRO zahltext_punkt(x) AS (
  CASE
    WHEN x IS NULL THEN NULL
    WHEN NOT contains(x, ',') THEN trim(x)
    WHEN regexp_full_match(trim(x), '[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?') THEN replace(trim(x), ',', '')
  END
);

-- Decimal places a plain number text really has: trailing zeros do not count (1.250 is 1.25).
CREATE OR REPLACE MACRO nachkommastellen(t) AS (
  length(rtrim(regexp_extract(t, '\.([0-9]*)$', 1), '0'))
);

-- The exact value of a plain number text with at most n decimal places, NULL for anything else:
-- a value with more places is refused, never rounded on the way in (docs/regeln.md §4). Every load path
-- reads numbers through this one macro.
CREATE OR REPLACE MACRO zahl_genau(t, n) AS (
  CASE WHEN regexp_full_match(t, '[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)') AND nachkommastellen(t) <= n
       THEN TRY_CAST(t AS DECIMAL(18,4)) END
);

-- German number text to DECIMAL (at most 4 places), and the same with a decimal point.
CREATE OR REPLACE MACRO zahl_komma(x) AS (zahl_genau(zahltext_komma(x), 4));
CREATE OR REPLACE MACRO zahl_punkt(x) AS (zahl_genau(zahltext_punkt(x), 4));

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
