// The year-end settlement (Spitzabrechnung, docs/regeln.md §3) as a printable document for the county and
// each Träger to sign (HTML that prints to A4, one page per Sozialraum) and as CSV for Excel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fuelleVorlage } from '../vorlage.ts';
import { join } from 'node:path';
import { alsCsv, WarehouseFehler, type Tabelle, type Warehouse } from '../../warehouse/index.ts';
import { ladeAbrechnung, type Abrechnungsdaten } from './daten.ts';
import { datum, html } from './format.ts';
import { seite } from './seite.ts';

export function alsHtml(d: Abrechnungsdaten, stand: string): string {
  const sozialraeume = [...new Set(d.abrechnung.zeilen.map((z) => String(z.sozialraum)))];
  const seiten = sozialraeume.map((sr) =>
    seite(
      d.jahr,
      sr,
      d.abrechnung.zeilen.filter((z) => z.sozialraum === sr),
      d.befunde.zeilen.filter((b) => b.sozialraum === sr),
      d.sozialraeume.get(sr),
      stand,
    ),
  );
  return fuelleVorlage(import.meta.url, {
    titel: html(`Spitzabrechnung ${d.jahr} – Landkreis Trier-Saarburg`),
    seiten: seiten.join('\n'),
  });
}

const csv = (t: Tabelle) => '\uFEFF' + alsCsv(t.zeilen, t.spalten, t.zahlen);

/**
 * Writes jahresabrechnung_JJJJ.html, jahresabrechnung_JJJJ.csv and jahresabrechnung_JJJJ_befunde.csv
 * into `ordner`; returns their paths.
 */
export async function schreibeJahresabrechnung(
  wh: Warehouse,
  jahr: number,
  ordner: string,
  heute = new Date(),
): Promise<string[]> {
  const d = await ladeAbrechnung(wh, jahr);
  if (d.abrechnung.zeilen.length === 0) {
    throw new WarehouseFehler(
      'keine_daten',
      `Für ${jahr} gibt es keine Spitzabrechnung: das Jahr ist nicht beendet, oder weder Personalliste noch Personalkosten sind geladen.`,
    );
  }
  mkdirSync(ordner, { recursive: true });
  const pfade = [
    join(ordner, `jahresabrechnung_${jahr}.html`),
    join(ordner, `jahresabrechnung_${jahr}.csv`),
    join(ordner, `jahresabrechnung_${jahr}_befunde.csv`),
  ];
  writeFileSync(pfade[0]!, alsHtml(d, datum(heute.toISOString())));
  writeFileSync(pfade[1]!, csv(d.abrechnung));
  writeFileSync(pfade[2]!, csv(d.befunde));
  return pfade;
}
