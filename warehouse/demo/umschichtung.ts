// One reallocation decision in the demo county (docs/regeln.md §5), recorded the way a controller records
// it, so that the demo shows an Umschichtung beside the proposals. Once per year: a second demo
// run finds it and records nothing.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schreibeUmschichtung } from '../umschichtung/index.ts';
import type { Warehouse } from '../verbindung.ts';

const sql = readFileSync(fileURLToPath(new URL('./umschichtung.sql', import.meta.url)), 'utf8');

/** Returns the id of the recorded Umschichtung, or null when there is nothing (left) to record. */
export async function erfasseDemoUmschichtung(wh: Warehouse, bis: string): Promise<number | null> {
  const jahr = Number(bis.slice(0, 4));
  const [z] = await wh.abfrage(sql, { jahr });
  if (!z) return null;
  const { umschichtung_id } = await schreibeUmschichtung(wh, {
    jahr, sozialraum: String(z.sozialraum), topf: 'variabel', betrag: String(z.betrag), gremium: 'Lenkungsgruppe',
    beschlussdatum: bis, kommentar: 'Freie Mittel in Präventionsangebote: Elterncafé und offene Sprechstunde an Grundschulen',
    ueberschreitung_begruendung: null, autor: 'demo',
  });
  return umschichtung_id;
}
