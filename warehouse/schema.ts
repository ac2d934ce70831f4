import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aktualisiereKennzahlstand, verwirfKennzahlstand } from './kennzahlstand.ts';
import type { Warehouse } from './verbindung.ts';

const schemaOrdner = fileURLToPath(new URL('./schema/', import.meta.url));
const referenzOrdner = fileURLToPath(new URL('./reference/', import.meta.url));

/**
 * Every .sql file of schema/, in name order, when the warehouse was made with other files than these
 * (all are idempotent, so running them again is safe). Unchanged, nothing runs: opening stays quick.
 * The kept figures are rebuilt with the schema, since their computation may be what changed.
 */
export async function legeSchemaAn(wh: Warehouse): Promise<void> {
  const dateien = readdirSync(schemaOrdner)
    .filter((d) => d.endsWith('.sql'))
    .sort()
    .map((d) => readFileSync(schemaOrdner + d, 'utf8'));
  const fingerabdruck = createHash('sha256').update(dateien.join('\0')).digest('hex');
  await wh.ausfuehren('CREATE TABLE IF NOT EXISTS schema_stand (fingerabdruck VARCHAR NOT NULL)');
  if ((await wh.wert('SELECT max(fingerabdruck) FROM schema_stand')) === fingerabdruck) return;
  await wh.transaktion(async () => {
    await verwirfKennzahlstand(wh);
    for (const text of dateien) await wh.ausfuehren(text);
    await wh.ausfuehren('DELETE FROM schema_stand');
    await wh.ausfuehren('INSERT INTO schema_stand VALUES ($f)', { f: fingerabdruck });
  });
}

// Reference tables and the versioned CSV each is loaded from (warehouse/reference/).
const referenzen: Array<[tabelle: string, datei: string, spalten: Record<string, string>]> = [
  [
    'sozialraum',
    'sozialraeume.csv',
    { sozialraum: 'VARCHAR', name: 'VARCHAR', langname: 'VARCHAR', sozialraumzentrum: 'VARCHAR' },
  ],
  [
    'gemeinde',
    'gemeinden-trier-saarburg.csv',
    { ags: 'VARCHAR', gemeinde: 'VARCHAR', verbandsgemeinde: 'VARCHAR', sozialraum: 'VARCHAR' },
  ],
  [
    'hilfeart',
    'hilfearten.csv',
    { hilfeart: 'VARCHAR', bezeichnung: 'VARCHAR', gueltig_ab: 'DATE', gueltig_bis: 'DATE', hinweis: 'VARCHAR' },
  ],
  ['topf', 'toepfe.csv', { topf: 'VARCHAR', bezeichnung: 'VARCHAR', reihenfolge: 'INTEGER' }],
  ['segment', 'segmente.csv', { segment: 'VARCHAR', bezeichnung: 'VARCHAR' }],
  ['einstellung', 'einstellungen.csv', { name: 'VARCHAR', wert: 'DECIMAL(9,4)', beschreibung: 'VARCHAR' }],
];

/** Replaces the reference data with the shipped version (kept settings: a controller may have changed them). */
export async function ladeReferenzdaten(wh: Warehouse): Promise<void> {
  await wh.transaktion(async () => {
    for (const [tabelle, datei, spalten] of referenzen) {
      const quelle = `read_csv('${referenzOrdner + datei}', header = true, delim = ',', quote = '"', auto_detect = false, columns = ${structLiteral(spalten)})`;
      if (tabelle === 'einstellung') {
        await wh.ausfuehren(`INSERT OR IGNORE INTO einstellung SELECT * FROM ${quelle}`);
      } else {
        await wh.ausfuehren(`DELETE FROM ${tabelle}`);
        await wh.ausfuehren(`INSERT INTO ${tabelle} SELECT * FROM ${quelle}`);
      }
    }
    // Every code and name of a Sozialraum is a valid spelling too, besides the listed variants.
    await wh.ausfuehren('DELETE FROM sozialraum_schreibweise');
    await wh.ausfuehren(`
      INSERT INTO sozialraum_schreibweise
      SELECT DISTINCT ON (schreibweise) schreibweise, sozialraum FROM (
        SELECT schreibweise(schreibweise) AS schreibweise, sozialraum
        FROM read_csv('${referenzOrdner}sozialraum-schreibweisen.csv', header = true, auto_detect = false,
                      columns = {'schreibweise': 'VARCHAR', 'sozialraum': 'VARCHAR'})
        UNION ALL SELECT schreibweise(sozialraum), sozialraum FROM sozialraum
        UNION ALL SELECT schreibweise(name), sozialraum FROM sozialraum
        UNION ALL SELECT schreibweise(langname), sozialraum FROM sozialraum)`);
    await aktualisiereKennzahlstand(wh);
  });
}

function structLiteral(spalten: Record<string, string>): string {
  return (
    '{' +
    Object.entries(spalten)
      .map(([n, t]) => `'${n}': '${t}'`)
      .join(', ') +
    '}'
  );
}

export async function istInitialisiert(wh: Warehouse): Promise<boolean> {
  const n = await wh.wert(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'sozialraum'`);
  if (Number(n) === 0) return false;
  return Number(await wh.wert('SELECT count(*) FROM sozialraum')) > 0;
}
