import { fehlertext, holeGrafik, type Verbindung } from '../api/index.ts';
import { fuegeGrafikenEin, type Grafik } from '../excel/index.ts';
import type { Auswahl } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';
import { AbrufFehler } from './zahlen.ts';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The quarter-end variance chart of each chosen Sozialraum; null where the server has no chart route. */
export async function holeAbweichungsgrafiken(v: Verbindung, a: Auswahl): Promise<Grafik[] | null> {
  return await Promise.all(a.sozialraeume.map(async (sozialraum) => {
    const abfrage = { jahr: String(a.jahr), quartal: String(a.quartal), sozialraum };
    const r = await holeGrafik(v, 'abweichung', 'svg', abfrage);
    if (r.status === 404 && (await fehlertext(r)).startsWith('Unbekannter Pfad')) return null;
    if (!r.ok) throw new AbrufFehler(await fehlertext(r));
    return {
      name: `SRB_Abweichung_${sozialraum}`,
      svg: await r.text(),
      async png() {
        const p = await holeGrafik(v, 'abweichung', 'png', abfrage);
        if (!p.ok) throw new AbrufFehler(await fehlertext(p));
        return base64(new Uint8Array(await p.arrayBuffer()));
      },
    };
  })).then((g) => (g.includes(null) ? null : (g as Grafik[])));
}

export type Grafikergebnis = { art: 'eingefuegt'; arten: Array<'svg' | 'png'> } | { art: 'keine_route' } | { art: 'kein_blatt' };

/** Abweichungsgrafik einfügen: next to the table on sheet Abweichung, replacing the previous ones. */
export async function abweichungsgrafikEinfuegen(v: Verbindung, a: Auswahl): Promise<Grafikergebnis> {
  const grafiken = await holeAbweichungsgrafiken(v, a);
  if (!grafiken) return { art: 'keine_route' };
  const arten = await fuegeGrafikenEin({ blatt: BLAETTER.abweichung.blatt, tabelle: BLAETTER.abweichung.tabelle }, grafiken);
  return arten ? { art: 'eingefuegt', arten } : { art: 'kein_blatt' };
}
