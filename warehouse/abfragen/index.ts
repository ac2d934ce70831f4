import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';

const sql = (name: string) => readFileSync(fileURLToPath(new URL(`./${name}.sql`, import.meta.url)), 'utf8');

export interface Quartal { jahr: number; quartal: number }

export async function letztesQuartal(wh: Warehouse): Promise<Quartal> {
  const [z] = await wh.abfrage(sql('letztes_quartal'));
  if (!z) throw new WarehouseFehler('keine_daten', 'Das Warehouse hat noch kein abgeschlossenes Quartal mit Buchungen. Zuerst Exportdateien laden (srb ingest) oder Demodaten erzeugen (srb demo).');
  return { jahr: Number(z.jahr), quartal: Number(z.quartal) };
}

export async function abweichungImQuartal(wh: Warehouse, q: Quartal): Promise<Zeile[]> {
  return await wh.abfrage(sql('abweichung_quartal'), { jahr: q.jahr, quartal: q.quartal });
}
export { adhocAbfrage, adhocImBereich, sperreFuerAdhoc, ADHOC_SICHTEN, type AdhocErgebnis } from './adhoc.ts';
export { exportiereParquet } from './export.ts';
export { kennzahl, istZahltyp, VERBRAUCH_GRUPPEN, type Tabelle } from './kennzahlen.ts';
