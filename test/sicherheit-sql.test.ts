// The analysts' sandbox attacked: an escape corpus and random spellings of the views, as a Träger's
// controller (awo-konz: Sozialraum konz, Träger awo-trier-saarburg) against the real server.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, demoTokens } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'awo', 'jugendamt', 'analyst');
}, 180_000);
afterAll(async () => {
  await s.weg();
});

const EIGENER_TRAEGER = 'awo-trier-saarburg';

async function sql(
  abfrage: string,
  wer = 'awo',
): Promise<{ status: number; zeilen: Array<Record<string, unknown>>; meldung?: string }> {
  const r = await fetch(`${s.server.url}/api/v1/sql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token[wer]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql: abfrage }),
  });
  const j = (await r.json()) as { zeilen?: Array<Record<string, unknown>>; fehler?: { meldung: string } };
  return { status: r.status, zeilen: j.zeilen ?? [], meldung: j.fehler?.meldung };
}

/** Every row a Träger's controller of Konz sees lies in Konz and, where a Träger is named, is its own. */
function imBereich(zeile: Record<string, unknown>): boolean {
  for (const [spalte, wert] of Object.entries(zeile)) {
    const name = spalte.toLowerCase();
    if (name === 'sozialraum' && wert !== null && wert !== 'konz') return false;
    if (name === 'traeger' && wert !== null && wert !== EIGENER_TRAEGER) return false;
    if (name === 'absender' && wert !== null && wert !== `traeger:${EIGENER_TRAEGER}`) return false;
  }
  return true;
}

async function zustand() {
  const leser = s.server.dienste.leser;
  const sequenzen = await leser.abfrage('SELECT sequence_name, last_value FROM duckdb_sequences() ORDER BY 1');
  const sql = Number(await leser.wert(`SELECT count(*) FROM audit WHERE benutzer = 'awo-konz' AND aktion = 'sql'`));
  return { sequenzen, sql };
}

// Each either refused (4xx with a German message) or answered in scope. `bereich`: answered, and the
// answer must hold rows (all in scope); `abgelehnt`: refused; `fehler`: may fail, but its message
// quotes nothing outside the scope.
const KORPUS: Array<[string, 'abgelehnt' | 'bereich' | 'egal' | 'fehler']> = [
  // spellings of a view name
  ['SELECT DISTINCT sozialraum FROM VERBRAUCH', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM "Verbrauch"', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM Verbrauch', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM "VERBRAUCH"', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM vErBrAuCh', 'bereich'],
  ['SELECT DISTINCT "SOZIALRAUM" FROM "vErBrAuCh"', 'bereich'],
  ['select distinct sozialraum from/*x*/verbrauch', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM\n\tverbrauch\n', 'bereich'],
  ['SELECT DISTINCT sozialraum, traeger FROM verbrauch v', 'bereich'],
  ['SELECT DISTINCT v.sozialraum, v.traeger FROM verbrauch AS v', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM main.verbrauch', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM "main"."VERBRAUCH"', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM warehouse.main.verbrauch', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM warehouse.verbrauch', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM memory.main.verbrauch', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM temp.main.verbrauch', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM system.main.verbrauch', 'abgelehnt'],
  ['SELECT * FROM "verbrauch\u200b"', 'abgelehnt'],
  ['SELECT * FROM "verbrauch "', 'abgelehnt'],
  ['SELECT * FROM ＶＥＲＢＲＡＵＣＨ', 'abgelehnt'],
  ['SELECT DISTINCT sozialraum FROM "Abweichung"', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM FINANZVOLUMEN', 'bereich'],
  ['SELECT DISTINCT absender FROM Import_Protokoll', 'egal'],
  ['SELECT DISTINCT sozialraum, traeger FROM KONTRAKT_ABGLEICH', 'bereich'],
  ['SELECT DISTINCT sozialraum, traeger FROM "Jahresabrechnung"', 'bereich'],
  ['SELECT DISTINCT sozialraum, traeger FROM Personal_Pruefung', 'egal'],
  // CTEs, subqueries, set operations, lateral joins
  ['WITH a AS (SELECT * FROM ABWEICHUNG) SELECT DISTINCT sozialraum FROM a', 'bereich'],
  ['WITH verbrauch AS (SELECT * FROM VERBRAUCH) SELECT DISTINCT sozialraum FROM verbrauch', 'bereich'],
  [
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT DISTINCT v.sozialraum FROM r, Verbrauch v',
    'bereich',
  ],
  ['SELECT DISTINCT sozialraum FROM (SELECT * FROM "VERBRAUCH") x', 'bereich'],
  ['SELECT sozialraum FROM finanzvolumen UNION SELECT sozialraum FROM FINANZVOLUMEN', 'bereich'],
  ['SELECT sozialraum FROM Verbrauch UNION ALL BY NAME SELECT sozialraum FROM "Abweichung"', 'bereich'],
  ["SELECT sozialraum FROM verbrauch EXCEPT SELECT 'x'", 'bereich'],
  [
    'SELECT d.sozialraum FROM sozialraum d, LATERAL (SELECT count(*) n FROM VERBRAUCH v WHERE v.sozialraum = d.sozialraum) l WHERE l.n > 0',
    'bereich',
  ],
  ['SELECT sozialraum FROM sozialraum WHERE sozialraum IN (SELECT sozialraum FROM VERBRAUCH)', 'bereich'],
  ['SELECT (SELECT max(sozialraum) FROM "VERBRAUCH") AS sozialraum', 'bereich'],
  ['SELECT DISTINCT sozialraum FROM verbrauch JOIN topf USING (topf)', 'bereich'],
  [
    "PIVOT (SELECT sozialraum, topf, betrag FROM Verbrauch) ON topf IN ('personalisiert', 'variabel') USING sum(betrag)",
    'bereich',
  ],
  ['PIVOT (SELECT sozialraum, topf, betrag FROM Verbrauch) ON topf USING sum(betrag)', 'egal'],
  ['FROM VERBRAUCH SELECT DISTINCT sozialraum', 'bereich'],
  ["SELECT DISTINCT COLUMNS('sozialraum') FROM VERBRAUCH", 'bereich'],
  // errors that would quote a row outside the scope (a cast evaluated before the scope's filter)
  ['SELECT * FROM verbrauch WHERE CAST(traeger AS INTEGER) = 1', 'fehler'],
  ["SELECT * FROM verbrauch WHERE CAST(CASE WHEN sozialraum <> 'konz' THEN traeger END AS INTEGER) = 1", 'fehler'],
  [
    "SELECT * FROM kontrakt_abgleich WHERE CAST(CASE WHEN traeger <> 'awo-trier-saarburg' THEN kontrakt || traeger END AS DATE) IS NULL",
    'fehler',
  ],
  ['SELECT * FROM jahresabrechnung WHERE CAST(traeger || sozialraum AS BIGINT) > 0', 'fehler'],
  [
    "SELECT * FROM Verbrauch WHERE CASE WHEN sozialraum = 'saarburg' THEN 1 / 0 ELSE 1 END = 1 AND CAST(traeger AS INTEGER) = 1",
    'fehler',
  ],
  // base tables, secrets and the system catalogue
  ['SELECT * FROM benutzer', 'abgelehnt'],
  ['SELECT * FROM BENUTZER', 'abgelehnt'],
  ['SELECT wert FROM schluessel', 'abgelehnt'],
  ['SELECT * FROM audit', 'abgelehnt'],
  ['SELECT * FROM leistung', 'abgelehnt'],
  ['SELECT * FROM Ladung', 'abgelehnt'],
  ['SELECT * FROM prognose_version', 'abgelehnt'],
  ['SELECT * FROM verbrauch_topf_monat', 'abgelehnt'],
  ['WITH x AS (SELECT 1) SELECT * FROM benutzer', 'abgelehnt'],
  ['SELECT * FROM benutzer, (WITH benutzer AS (SELECT 1) SELECT 1)', 'abgelehnt'],
  ['SELECT * FROM \'/etc/hosts.csv\', (WITH "/etc/hosts.csv" AS (SELECT 1) SELECT 1)', 'abgelehnt'],
  ['SELECT * FROM "x.csv", (WITH "x.csv" AS (SELECT 1) SELECT 1)', 'abgelehnt'],
  ['SELECT * FROM duckdb_tables()', 'abgelehnt'],
  ['SELECT * FROM duckdb_settings()', 'abgelehnt'],
  ['SELECT * FROM duckdb_sequences()', 'abgelehnt'],
  ['SELECT * FROM information_schema.tables', 'abgelehnt'],
  ['SELECT * FROM pg_tables', 'abgelehnt'],
  ['SELECT * FROM sqlite_master', 'abgelehnt'],
  ['SELECT * FROM duckdb_columns', 'abgelehnt'],
  ["SELECT * FROM pragma_table_info('benutzer')", 'abgelehnt'],
  ["SELECT * FROM query('SELECT * FROM benutzer')", 'abgelehnt'],
  ["SELECT * FROM query_table('benutzer')", 'abgelehnt'],
  // state-changing and file functions, settings
  ["SELECT nextval('ladung_seq')", 'abgelehnt'],
  ["SELECT max(nextval('ladung_seq')) FROM range(400000000)", 'abgelehnt'],
  ["SELECT NEXTVAL('audit_seq')", 'abgelehnt'],
  ["SELECT main.nextval('audit_seq')", 'abgelehnt'],
  ["SELECT currval('ladung_seq')", 'abgelehnt'],
  ['SELECT setseed(0.5)', 'abgelehnt'],
  ['SELECT sleep_ms(60000)', 'abgelehnt'],
  ["SELECT current_setting('memory_limit')", 'abgelehnt'],
  ["SELECT getenv('HOME')", 'abgelehnt'],
  ["SELECT getvariable('x')", 'abgelehnt'],
  ['SELECT current_database()', 'abgelehnt'],
  ['SELECT version()', 'abgelehnt'],
  ["SELECT * FROM read_csv('/etc/passwd')", 'abgelehnt'],
  ["SELECT * FROM read_text('/etc/passwd')", 'abgelehnt'],
  ["SELECT * FROM '/etc/passwd'", 'abgelehnt'],
  ['SELECT * FROM "data/warehouse.duckdb"', 'abgelehnt'],
  ["SELECT * FROM glob('/*')", 'abgelehnt'],
  ["SELECT * FROM read_parquet('x.parquet')", 'abgelehnt'],
  ["SELECT json_serialize_plan('SELECT * FROM benutzer')", 'abgelehnt'],
  ["SELECT * FROM json_execute_serialized_sql('{}')", 'abgelehnt'],
  ["SELECT write_log('x')", 'abgelehnt'],
  // one call without bound, which DuckDB's interrupt cannot stop (from the review)
  ["SELECT length(repeat('ab', 400000000))", 'abgelehnt'],
  ["SELECT max(levenshtein(repeat('a', 20000 + x), repeat('b', 20000))) FROM range(12) t(x)", 'abgelehnt'],
  ["SELECT lpad('a', 2000000000, 'b')", 'abgelehnt'],
  ["SELECT printf('%2000000000d', 1)", 'abgelehnt'],
  ['SELECT array_resize(array_value(1, 2), 1000000000)', 'abgelehnt'],
  ["SELECT bitstring('1', 2000000000)", 'abgelehnt'],
  ['SELECT unnest(range(1000000000))', 'abgelehnt'],
  ['SELECT $1', 'abgelehnt'],
  ['SELECT * FROM verbrauch WHERE jahr = $jahr', 'abgelehnt'],
  ['SELECT quotient_cent(1, 3)', 'abgelehnt'],
  // not one SELECT
  ['SELECT 1; SELECT 2', 'abgelehnt'],
  ['SELECT 1; DROP TABLE benutzer', 'abgelehnt'],
  ['DELETE FROM audit', 'abgelehnt'],
  ["UPDATE benutzer SET rolle = 'admin'", 'abgelehnt'],
  ['INSERT INTO audit VALUES (1)', 'abgelehnt'],
  ['CREATE TABLE x AS SELECT 1', 'abgelehnt'],
  ['CREATE VIEW verbrauch AS SELECT 1', 'abgelehnt'],
  ["ATTACH '/tmp/x.duckdb' AS x", 'abgelehnt'],
  ['DETACH warehouse', 'abgelehnt'],
  ['USE warehouse', 'abgelehnt'],
  ["SET memory_limit = '100GB'", 'abgelehnt'],
  ['SET VARIABLE x = 1', 'abgelehnt'],
  ['RESET ALL', 'abgelehnt'],
  ['PRAGMA show_tables', 'abgelehnt'],
  ['CALL duckdb_tables()', 'abgelehnt'],
  ["COPY (SELECT * FROM verbrauch) TO '/tmp/x.csv'", 'abgelehnt'],
  ["EXPORT DATABASE '/tmp/x'", 'abgelehnt'],
  ['INSTALL httpfs', 'abgelehnt'],
  ['LOAD httpfs', 'abgelehnt'],
  ['CHECKPOINT', 'abgelehnt'],
  ['SHOW TABLES', 'abgelehnt'],
  ['DESCRIBE benutzer', 'abgelehnt'],
  ['SUMMARIZE benutzer', 'abgelehnt'],
  ['EXPLAIN SELECT * FROM benutzer', 'abgelehnt'],
  ['BEGIN TRANSACTION', 'abgelehnt'],
  ['SELECT 1 --; DROP TABLE benutzer', 'egal'],
  ['/* SELECT */ DELETE FROM audit', 'abgelehnt'],
];

describe('Ad-hoc-SQL: Ausbruchsversuche', () => {
  it(`weist jeden der ${KORPUS.length} Versuche ab oder beantwortet ihn im eigenen Bereich, protokolliert jeden und ändert nichts`, async () => {
    const vorher = await zustand();
    for (const [abfrage, erwartet] of KORPUS) {
      const a = await sql(abfrage);
      if (erwartet === 'fehler' && a.status !== 200) {
        expect([400, 403], abfrage).toContain(a.status);
        // The message may quote the query itself ((Zeile 1, Spalte n: …)); what comes before must hold no other row.
        expect(a.meldung!.split(' (Zeile ')[0], abfrage).not.toMatch(
          /caritas|diakonie|'saarburg'|'schweich'|'hermeskeil'/,
        );
      } else if (erwartet === 'abgelehnt') {
        expect([400, 403], abfrage).toContain(a.status);
        expect(a.meldung, abfrage).toMatch(/[äöüß]|nicht|Abfrage/);
      } else if (a.status === 200) {
        expect(
          a.zeilen.filter((z) => !imBereich(z)),
          abfrage,
        ).toEqual([]);
        if (erwartet === 'bereich') expect(a.zeilen.length, abfrage).toBeGreaterThan(0);
      } else {
        expect(['egal', 'fehler'], `${abfrage}: ${a.status} ${a.meldung}`).toContain(erwartet);
        expect([400, 403], abfrage).toContain(a.status);
      }
    }
    const nachher = await zustand();
    expect(nachher.sequenzen.filter((q) => q.sequence_name !== 'audit_seq')).toEqual(
      vorher.sequenzen.filter((q) => q.sequence_name !== 'audit_seq'),
    );
    expect(nachher.sql - vorher.sql).toBe(KORPUS.length);
    expect((await fetch(`${s.server.url}/api/v1/health`)).status).toBe(200);
    const figur = await fetch(`${s.server.url}/api/v1/abweichung?jahr=2026&quartal=3`, {
      headers: { authorization: `Bearer ${token.awo}` },
    });
    expect(figur.status).toBe(200);
  }, 300_000);

  it('liest als Landkreis dieselben Sichten ungefiltert: der Bereich schneidet, nicht die Schreibweise', async () => {
    const alle = await sql('SELECT DISTINCT sozialraum FROM "VERBRAUCH" ORDER BY 1', 'jugendamt');
    expect(alle.zeilen.map((z) => z.sozialraum)).toEqual(['hermeskeil', 'konz', 'saarburg', 'schweich']);
    const abweichung = await sql('SELECT count(*) AS n FROM Abweichung WHERE jahr = 2026', 'analyst');
    const klein = await sql('SELECT count(*) AS n FROM abweichung WHERE jahr = 2026', 'analyst');
    expect(abweichung.zeilen).toEqual(klein.zeilen);
  });

  it('gibt doppelte Spaltennamen beide zurück und lässt Listen und Strukturen zu', async () => {
    const a = await sql(`SELECT 1 AS a, 2 AS a, [1, 2] AS l, {'x': 1} AS s`);
    expect(a.status, a.meldung).toBe(200);
    expect(a.zeilen).toEqual([{ a: 1, a_2: 2, l: [1, 2], s: { x: 1 } }]);
  });

  it('protokolliert abgelehnte Abfragen mit dem Grund', async () => {
    await sql('SELECT * FROM schluessel');
    const grund = await s.server.dienste.leser.wert(
      `SELECT details FROM audit WHERE benutzer = 'awo-konz' AND aktion = 'sql_abgelehnt' ORDER BY audit_id DESC LIMIT 1`,
    );
    expect(String(grund)).toContain('schluessel');
  });
});

// Views with a Sozialraum column, and which of them also name a Träger.
const SICHTEN = [
  'finanzvolumen',
  'verbrauch',
  'abweichung',
  'kontrakt_abgleich',
  'personal_pruefung',
  'jahresabrechnung',
  'jahresabrechnung_befund',
  'umschichtung_vorschlag',
  'umschichtung',
  'praevention',
];

const schreibweise = (name: string) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.boolean())
    .map(([gross, zitiert]) => {
      const n = [...name].map((c, i) => (gross[i] ? c.toUpperCase() : c)).join('');
      return zitiert ? `"${n}"` : n;
    });

const sicht = fc.constantFrom(...SICHTEN).chain((name) => schreibweise(name));
const alias = fc.constantFrom('', ' x', ' AS x', ' AS "X"');

/** A random composition of views, aliases, cases and quoting, selecting the scope columns. */
const abfrage = fc.oneof(
  fc.tuple(sicht, alias).map(([v, a]) => `SELECT * FROM ${v}${a} LIMIT 200`),
  sicht.map((v) => `WITH c AS (SELECT * FROM ${v}) SELECT * FROM c LIMIT 200`),
  fc.tuple(sicht, alias).map(([v, a]) => `SELECT * FROM (SELECT * FROM ${v}${a}) s LIMIT 200`),
  fc.tuple(sicht, sicht).map(([v, w]) => `SELECT sozialraum FROM ${v} UNION SELECT sozialraum FROM ${w}`),
  fc
    .tuple(sicht, sicht)
    .map(
      ([v, w]) =>
        `SELECT a.sozialraum, b.sozialraum AS sozialraum_2 FROM ${v} a JOIN ${w} b USING (sozialraum) LIMIT 50`,
    ),
  sicht.map(
    (v) =>
      `SELECT d.sozialraum FROM sozialraum d WHERE EXISTS (SELECT 1 FROM ${v} v WHERE v.sozialraum = d.sozialraum)`,
  ),
  sicht.map(
    (v) => `SELECT t.* FROM sozialraum d, LATERAL (SELECT * FROM ${v} v WHERE v.sozialraum = d.sozialraum LIMIT 5) t`,
  ),
  sicht.map((v) => `SELECT sozialraum, count(*) AS n FROM ${v} GROUP BY ALL`),
);

describe('Ad-hoc-SQL: Eigenschaft', () => {
  it('liefert einem Träger-Controller bei keiner Zusammensetzung der Sichten eine Zeile außerhalb seines Bereichs', async () => {
    await fc.assert(
      fc.asyncProperty(abfrage, async (q) => {
        const a = await sql(q);
        expect(a.status, `${q}: ${a.meldung}`).toBe(200);
        const aussen = a.zeilen.filter(
          (z) => !imBereich(z) || (z.sozialraum_2 !== undefined && z.sozialraum_2 !== 'konz'),
        );
        expect(aussen, q).toEqual([]);
      }),
      { numRuns: 50, seed: 11 },
    );
  }, 300_000);
});
