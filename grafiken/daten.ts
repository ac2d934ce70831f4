import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bereichsabfrage, stichtagText, type Quartal, type Tabelle, type Warehouse } from '../warehouse/index.ts';
import type { Grafik } from './katalog.ts';
import type { Kontext } from './specs/rahmen.ts';

export interface Anfrage extends Quartal { sozialraum?: string }

const texte = new Map<string, string>();
function sql(name: string): string {
  let text = texte.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`./daten/${name}.sql`, import.meta.url)), 'utf8');
    texte.set(name, text);
  }
  return text;
}

/**
 * The rows behind a chart within the caller's scope (`bereich`, an SQL predicate from the API; 'true'
 * for the CLI): one Sozialraum's, or without one every Sozialraum's with a column sozialraum (the pack
 * asks once per chart and splits).
 */
export async function grafikDaten(wh: Warehouse, g: Grafik, a: Anfrage, bereich: string): Promise<Tabelle> {
  return await bereichsabfrage(wh, sql(g.daten), { jahr: a.jahr, quartal: a.quartal, sozialraum: g.ebene === 'sozialraum' ? a.sozialraum ?? null : null }, bereich);
}

/** Title facts of a chart: the quarter end and, for a Sozialraum's chart, its display name. */
export function grafikKontext(q: Quartal, sozialraumName?: string): Kontext {
  return { jahr: q.jahr, quartal: q.quartal, stichtag: stichtagText(q), ...(sozialraumName ? { sozialraumName } : {}) };
}
