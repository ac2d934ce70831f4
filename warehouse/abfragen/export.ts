import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { legeGeschuetztAn } from '../sandbox/geschuetzt.ts';
import type { Warehouse } from '../verbindung.ts';

// The analyst views and the facts behind them; those with a year are Hive-partitioned by jahr
// (DIR/verbrauch/jahr=2025/…parquet), which DuckDB, Spark, pandas and Power BI all read.
const MIT_JAHR = ['finanzvolumen', 'verbrauch', 'abweichung', 'personal_pruefung', 'budget', 'personalkosten'];
const OHNE_JAHR = [
  'kontrakt_abgleich',
  'import_protokoll',
  'kontrakt',
  'personal',
  'zeichnungsbefugnis',
  'sozialraum',
  'gemeinde',
  'hilfeart',
];
const MIT_DATUM: Record<string, string> = { leistung: 'datum', zahlung: 'buchungsdatum' };

export async function exportiereParquet(wh: Warehouse, ordner: string): Promise<string[]> {
  const ziel = resolve(ordner);
  mkdirSync(ziel, { recursive: true });
  const geschrieben: string[] = [];
  const kopiere = async (name: string, auswahl: string, partitioniert: boolean) => {
    const optionen = partitioniert ? `FORMAT parquet, PARTITION_BY (jahr), OVERWRITE_OR_IGNORE` : 'FORMAT parquet';
    const pfad = partitioniert ? `${ziel}/${name}` : `${ziel}/${name}.parquet`;
    await wh.ausfuehren(`COPY (${auswahl}) TO '${pfad.replace(/'/g, "''")}' (${optionen})`);
    geschrieben.push(pfad);
  };
  for (const v of MIT_JAHR) await kopiere(v, `SELECT * FROM ${v}`, true);
  for (const [t, datum] of Object.entries(MIT_DATUM))
    await kopiere(t, `SELECT *, year(${datum}) AS jahr FROM ${t}`, true);
  for (const v of OHNE_JAHR) await kopiere(v, `SELECT * FROM ${v}`, false);
  // The Fachcontrolling figures as they leave the youth office's controlling: under the small-number
  // protection (docs/regeln.md §9), like an analyst's ad-hoc query reads them.
  // (in a catalogue of its own in memory, as in the sandbox: nothing of it stays in the warehouse file)
  await wh.ausfuehren(`ATTACH ':memory:' AS export_geschuetzt`);
  try {
    await legeGeschuetztAn(wh, 'export_geschuetzt', 'fachcontrolling', 'main.fachcontrolling', 'true');
    await kopiere('fachcontrolling', 'SELECT * FROM export_geschuetzt.main.fachcontrolling', true);
  } finally {
    await wh.ausfuehren('DETACH export_geschuetzt');
  }
  return geschrieben;
}
