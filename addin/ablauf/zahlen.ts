import type { ClientResponse } from 'hono/client';
import { fehlertext, type Client } from '../api/index.ts';
import { schreibePrognoseblaetter, schreibeTabellen, type Aenderung, type Blattinhalt, type Prognosedaten } from '../excel/index.ts';
import { standText, type Auswahl, type Sozialraum } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';

export class AbrufFehler extends Error {}

type Ok<R> = R extends ClientResponse<infer T, 200, 'json'> ? T : never;

/** The 200 answer's body; any other status as the API's German message. */
export async function json<R extends ClientResponse<unknown, number, 'json'>>(antwort: Promise<R>): Promise<Ok<R>> {
  const r = await antwort;
  if (r.status !== 200) throw new AbrufFehler(await fehlertext(r));
  return (await r.json()) as Ok<R>;
}

type Zeilen = Array<Record<string, unknown>>;

/** Rows of the chosen Sozialräume (rows of no Sozialraum, such as a Träger-only contract, stay). */
const gewaehlt = (a: Auswahl, zeilen: Zeilen) => zeilen.filter((z) => z.sozialraum === null || z.sozialraum === undefined || a.sozialraeume.includes(String(z.sozialraum)));
// One Sozialraum: the API filters; several: all in scope, filtered here (one request instead of n).
const nurEiner = (a: Auswahl) => (a.sozialraeume.length === 1 ? { sozialraum: a.sozialraeume[0] as Sozialraum } : {});

export async function holeAbweichung(c: Client, a: Auswahl): Promise<Blattinhalt> {
  const r = await json(c.api.v1.abweichung.$get({ query: { jahr: String(a.jahr), quartal: String(a.quartal), ...nurEiner(a) } }));
  return { ...BLAETTER.abweichung, titel: `Abweichung zum Quartalsende ${a.quartal}/${a.jahr}`, zeilen: gewaehlt(a, r.zeilen) };
}

export async function holePrognosen(c: Client, a: Auswahl): Promise<Prognosedaten[]> {
  return await Promise.all(a.sozialraeume.map((s) => json(c.api.v1.prognosen.blatt.$get({ query: { jahr: String(a.jahr), sozialraum: s as Sozialraum } }))));
}

/** Everything of a pull, fetched in parallel. */
export async function holeDaten(c: Client, a: Auswahl): Promise<{ inhalte: Blattinhalt[]; prognosen: Prognosedaten[] }> {
  const jahr = String(a.jahr);
  const [fv, vb, ab, ka, prognosen] = await Promise.all([
    json(c.api.v1.finanzvolumen.$get({ query: { jahr } })),
    json(c.api.v1.verbrauch.$get({ query: { jahr, bis: '12', gruppe: 'sozialraum,monat,topf', ...nurEiner(a) } })),
    holeAbweichung(c, a),
    json(c.api.v1.kontrakte.abgleich.$get()),
    holePrognosen(c, a),
  ]);
  return {
    inhalte: [
      { ...BLAETTER.finanzvolumen, titel: `Finanzvolumen ${a.jahr}`, zeilen: gewaehlt(a, fv.zeilen) },
      { ...BLAETTER.verbrauch, titel: `Verbrauch ${a.jahr} nach Monat und Topf`, zeilen: gewaehlt(a, vb.zeilen) },
      ab,
      { ...BLAETTER.kontraktabgleich, titel: 'Kontraktabgleich Jugendamt – Träger', zeilen: gewaehlt(a, ka.zeilen) },
    ],
    prognosen,
  };
}

/** Zahlen holen: the four tables and one forecast sheet per Sozialraum. */
export async function zahlenHolen(c: Client, a: Auswahl, jetzt = new Date()): Promise<Aenderung[]> {
  const { inhalte, prognosen } = await holeDaten(c, a);
  const aenderungen = await schreibeTabellen(inhalte, standText(jetzt, a));
  await schreibePrognoseblaetter(prognosen);
  return aenderungen;
}
