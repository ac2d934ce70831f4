import type { ClientResponse } from 'hono/client';
import { fehlertext } from '../api/index.ts';
import type { Auswahl, Sozialraum } from './auswahl.ts';

export class AbrufFehler extends Error {}

type Ok<R> = R extends ClientResponse<infer T, 200, 'json'> ? T : never;

/** The 200 answer's body; any other status as the API's German message. */
export async function json<R extends ClientResponse<unknown, number, 'json'>>(antwort: Promise<R>): Promise<Ok<R>> {
  const r = await antwort;
  if (r.status !== 200) throw new AbrufFehler(await fehlertext(r));
  return (await r.json()) as Ok<R>;
}

/** Rows of the chosen Sozialräume (rows of no Sozialraum, such as a Träger-only contract, stay). */
export const gewaehlt = <Z extends Record<string, unknown>>(a: Auswahl, zeilen: Z[]): Z[] =>
  zeilen.filter(
    (z) => z.sozialraum === null || z.sozialraum === undefined || a.sozialraeume.includes(String(z.sozialraum)),
  );
// One Sozialraum: the API filters; several: all in scope, filtered here (one request instead of n).
export const nurEiner = (a: Auswahl) =>
  a.sozialraeume.length === 1 ? { sozialraum: a.sozialraeume[0] as Sozialraum } : {};
