// Public surface of the charts: Vega-Lite specs built once, by pure functions from rows, and used by
// the quarterly pack, the API and the add-in alike.
import { WarehouseFehler, type Tabelle, type Warehouse } from '../warehouse/index.ts';
import { grafikDaten, grafikKontext, type Anfrage } from './daten.ts';
import type { Grafik } from './katalog.ts';
import type { Spezifikation } from './specs/rahmen.ts';

export { GRAFIKEN, GRAFIK_NAMEN, grafikNamens, type Grafik, type GrafikSicht } from './katalog.ts';
export { grafikDaten, grafikKontext, type Anfrage } from './daten.ts';
export { alsPng, alsSvg } from './render.ts';
export { STATUS_FARBE, STATUS_NAME, TOPF_FARBE } from './stil.ts';
export type { Kontext, Spezifikation, Zeile } from './specs/rahmen.ts';

/** One chart's spec with its data inlined, and the table behind it (for CSV). */
export async function erstelleGrafik(wh: Warehouse, g: Grafik, a: Anfrage, bereich = 'true'): Promise<{ spec: Spezifikation; tabelle: Tabelle }> {
  let name: string | undefined;
  if (g.ebene === 'sozialraum') {
    if (!a.sozialraum) throw new WarehouseFehler('abfrage_ungueltig', `Die Grafik „${g.titel}“ gilt je Sozialraum: bitte sozialraum angeben.`);
    const n = await wh.wert('SELECT name FROM sozialraum WHERE sozialraum = $s', { s: a.sozialraum });
    if (n === null || n === undefined) throw new WarehouseFehler('abfrage_ungueltig', `Den Sozialraum „${a.sozialraum}“ gibt es nicht.`);
    name = String(n);
  }
  const tabelle = await grafikDaten(wh, g, a, bereich);
  return { spec: g.spec(tabelle.zeilen, grafikKontext(a, name)), tabelle };
}
export { faelleSpec } from './specs/faelle.ts';
export { segmenteSpec } from './specs/segmente.ts';
