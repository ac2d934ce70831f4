import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import { oeffneWarehouse, type Warehouse } from '../warehouse/index.ts';

/** A real DuckDB file in a fresh temp folder, with schema and reference data; `demo`: a copy of the loaded demo county. */
/**
 * A copy of the run's demo warehouse (test/demo-vorlage.ts) in `ordner`, as an operator moves one: the
 * file with its ladungen/ beside it (the load log names kept files relative to the warehouse's folder).
 * The kept files are linked, not copied: they are named by content, so tests can share them.
 */
export function kopiereDemo(ordner: string): string {
  const db = join(ordner, 'warehouse.duckdb');
  copyFileSync(inject('demoVorlage'), db);
  symlinkSync(join(dirname(inject('demoVorlage')), 'ladungen'), join(ordner, 'ladungen'));
  return db;
}

export async function neuesWarehouse(
  o: { demo?: boolean } = {},
): Promise<{ wh: Warehouse; ordner: string; datei(name: string, inhalt: string | Buffer): string; weg(): void }> {
  const ordner = mkdtempSync(join(tmpdir(), 'srb-test-'));
  if (o.demo) kopiereDemo(ordner);
  const wh = await oeffneWarehouse(join(ordner, 'warehouse.duckdb'));
  return {
    wh,
    ordner,
    datei(name, inhalt) {
      const pfad = join(ordner, name);
      writeFileSync(pfad, inhalt);
      return pfad;
    },
    weg() {
      wh.schliessen();
      rmSync(ordner, { recursive: true, force: true });
    },
  };
}

/** Everything a load could change, as one comparable snapshot (row counts and content hashes of the facts). */
export async function bestand(wh: Warehouse): Promise<string> {
  const tabellen = [
    'budget',
    'leistung',
    'zahlung',
    'kontrakt',
    'personal',
    'zeichnungsbefugnis',
    'personalkosten',
    'traeger',
    'historie_leistung',
    'historie_budget',
    'bevoelkerung',
    'historie_bevoelkerung',
    'historie_kontrakt',
  ];
  const teile: string[] = [];
  for (const t of tabellen) {
    const [z] = await wh.abfrage(`SELECT count(*) AS n, coalesce(sum(hash(x)), 0) AS h FROM ${t} AS x`);
    teile.push(`${t}:${z!.n}:${z!.h}`);
  }
  return teile.join(' ');
}

export const KOPF_LEISTUNGEN = 'traeger;sozialraum;kontrakt;fall;hilfeart;segment;datum;stunden;mitarbeiter;team';
