import { fehlertext, type Client } from '../api/index.ts';
import { fuegeDiagrammEin, fuegeGrafikenEin, vorhandeneGrafiken, type Grafik } from '../excel/index.ts';
import type { Auswahl, Sozialraum } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';
import { AbrufFehler } from './abruf.ts';
import { ABWEICHUNGSDIAGRAMM } from './diagramm.ts';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const grafikName = (sozialraum: string) => `SRB_Abweichung_${sozialraum}`;

/** The quarter-end variance chart of each chosen Sozialraum; null where the server has no chart route. */
export async function holeAbweichungsgrafiken(c: Client, a: Auswahl): Promise<Grafik[]> {
  const hole = async (sozialraum: string, datei: 'abweichung.svg' | 'abweichung.png') => {
    const r = await c.api.v1.grafiken[':datei'].$get({
      param: { datei },
      query: { jahr: String(a.jahr), quartal: String(a.quartal), sozialraum: sozialraum as Sozialraum },
    });
    if (r.status !== 200) throw new AbrufFehler(await fehlertext(r));
    return r;
  };
  return await Promise.all(
    a.sozialraeume.map(async (sozialraum) => ({
      name: grafikName(sozialraum),
      svg: await (await hole(sozialraum, 'abweichung.svg')).text(),
      png: async () => base64(new Uint8Array(await (await hole(sozialraum, 'abweichung.png')).arrayBuffer())),
    })),
  );
}

/**
 * What the command inserts: the picture of the pack's chart (exactly what the quarter pack shows, per
 * Sozialraum), the native Excel chart over the table (editable, follows every refresh), or both.
 * Both is the default, also from the ribbon, which cannot ask: a controller wants the pack's picture
 * for the steering committee's papers and a chart that stays right after the next pull.
 */
export type Grafikart = 'beide' | 'bild' | 'diagramm';
export const GRAFIKARTEN: readonly Grafikart[] = ['beide', 'bild', 'diagramm'];

export type Grafikergebnis = { art: 'eingefuegt'; arten: Array<'svg' | 'png' | 'diagramm'> } | { art: 'kein_blatt' };

/** Abweichungsgrafik einfügen: next to the table on sheet Abweichung, replacing the previous ones; the native chart below the pictures. */
export async function abweichungsgrafikEinfuegen(
  c: Client,
  a: Auswahl,
  art: Grafikart = 'beide',
): Promise<Grafikergebnis> {
  const platz = { blatt: BLAETTER.abweichung.blatt, tabelle: BLAETTER.abweichung.tabelle };
  const arten: Array<'svg' | 'png' | 'diagramm'> = [];
  if (art !== 'diagramm') {
    const bilder = await fuegeGrafikenEin(platz, await holeAbweichungsgrafiken(c, a));
    if (!bilder) return { art: 'kein_blatt' };
    arten.push(...bilder);
  }
  if (art !== 'bild') {
    if (!(await fuegeDiagrammEin(platz, ABWEICHUNGSDIAGRAMM, arten.length))) return { art: 'kein_blatt' };
    arten.push('diagramm');
  }
  return { art: 'eingefuegt', arten };
}

/** After a write: the Sozialraum's chart again, if it is on the sheet. */
export async function grafikErneuern(c: Client, a: Auswahl, sozialraum: string): Promise<void> {
  if ((await vorhandeneGrafiken(BLAETTER.abweichung.blatt, [grafikName(sozialraum)])).length === 0) return;
  // Only the picture: the native chart has already followed the table's rewrite.
  await abweichungsgrafikEinfuegen(c, { ...a, sozialraeume: [sozialraum] }, 'bild');
}
