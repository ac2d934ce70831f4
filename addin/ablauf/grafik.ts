import { fehlertext, type Client } from '../api/index.ts';
import { fuegeGrafikenEin, vorhandeneGrafiken, type Grafik } from '../excel/index.ts';
import type { Auswahl, Sozialraum } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';
import { AbrufFehler } from './abruf.ts';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const grafikName = (sozialraum: string) => `SRB_Abweichung_${sozialraum}`;

/** The quarter-end variance chart of each chosen Sozialraum; null where the server has no chart route. */
export async function holeAbweichungsgrafiken(c: Client, a: Auswahl): Promise<Grafik[]> {
  const hole = async (sozialraum: string, datei: 'abweichung.svg' | 'abweichung.png') => {
    const r = await c.api.v1.grafiken[':datei'].$get({ param: { datei }, query: { jahr: String(a.jahr), quartal: String(a.quartal), sozialraum: sozialraum as Sozialraum } });
    if (r.status !== 200) throw new AbrufFehler(await fehlertext(r));
    return r;
  };
  return await Promise.all(a.sozialraeume.map(async (sozialraum) => ({
    name: grafikName(sozialraum),
    svg: await (await hole(sozialraum, 'abweichung.svg')).text(),
    png: async () => base64(new Uint8Array(await (await hole(sozialraum, 'abweichung.png')).arrayBuffer())),
  })));
}

export type Grafikergebnis = { art: 'eingefuegt'; arten: Array<'svg' | 'png'> } | { art: 'kein_blatt' };

/** Abweichungsgrafik einfügen: next to the table on sheet Abweichung, replacing the previous ones. */
export async function abweichungsgrafikEinfuegen(c: Client, a: Auswahl): Promise<Grafikergebnis> {
  const grafiken = await holeAbweichungsgrafiken(c, a);
  const arten = await fuegeGrafikenEin({ blatt: BLAETTER.abweichung.blatt, tabelle: BLAETTER.abweichung.tabelle }, grafiken);
  return arten ? { art: 'eingefuegt', arten } : { art: 'kein_blatt' };
}

/** After a write: the Sozialraum's chart again, if it is on the sheet. */
export async function grafikErneuern(c: Client, a: Auswahl, sozialraum: string): Promise<void> {
  if ((await vorhandeneGrafiken(BLAETTER.abweichung.blatt, [grafikName(sozialraum)])).length === 0) return;
  await abweichungsgrafikEinfuegen(c, { ...a, sozialraeume: [sozialraum] });
}
