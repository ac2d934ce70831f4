import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import {
  apiSchluesselGiltNoch,
  findeBenutzer,
  pruefeApiSchluessel,
  type Benutzer,
  type GueltigerSchluessel,
} from '../../warehouse/index.ts';
import { pruefeToken } from '../zugang/token.ts';
import { adresseDerAnfrage, kopf } from '../kopf.ts';
import { Anmeldebremse } from './anmeldebremse.ts';
import { GebremsteAnmeldungen, protokolliereFenster } from './gebremste-anmeldungen.ts';

// A verified token and its user are remembered briefly: figures are read far more often than users
// change (and users only change through `srb user`, which needs the server stopped).
const MERKEN_MS = 30_000;

/**
 * Every route behind it needs a valid bearer token of an active user, or for reading (GET) a read-only
 * API key of one: as HTTP Basic (the user's name and the key as password, what Power Query's "Aus dem
 * Web" stores) or in the header X-API-Key.
 */
export function anmeldung(d: Dienste) {
  const gemerkt = new Map<string, { benutzer: Benutzer; bis: number }>();
  const merke = (schluessel: string, benutzer: Benutzer, ablauf: number) => {
    if (gemerkt.size > 10_000) gemerkt.clear();
    const eintrag = { benutzer, bis: Math.min(Date.now() + MERKEN_MS, ablauf) };
    gemerkt.set(schluessel, eintrag);
    return eintrag;
  };
  // Failed key sign-ins and writes with a key are audited, once per window and address (or key) with a count.
  const fehlversuche = new GebremsteAnmeldungen();
  const schreibe = protokolliereFenster(d, fehlversuche);
  // Wrong keys wait like wrong passwords (the same limits per name, address and both): a key cannot be guessed,
  // but each try is a lookup on a reading connection, and a flood of them was answered as fast as it came.
  const bremse = new Anmeldebremse();
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const berechtigung = kopf(c, 'authorization') ?? '';
    const api = apiSchluesselDerAnfrage(c, berechtigung);
    const token = nachSchema(berechtigung, 'Bearer') ?? tokenAusAdresse(c);
    if (!api && !token)
      throw new ApiFehler(
        'nicht_angemeldet',
        'Anmeldung nötig: Token im Kopf „Authorization: Bearer …“ mitsenden (POST /api/v1/auth/token).',
      );
    let benutzer: Benutzer;
    if (api) {
      // Not remembered: a revoked key stops at once, and a report refresh is no hot path.
      const adresse = adresseDerAnfrage(c);
      // The name sent with it, else the key's public part (srbk_…). A right key always works: a key is a
      // 256-bit secret nobody guesses, and a limit checked before it would let anyone behind the same address
      // lock a colleague's Power Query out by sending wrong keys with the colleague's name (attack review).
      // Wrong keys past the limits are answered 429 and audited as such.
      const konto = api.benutzer ?? api.schluessel.split('.')[0]!.slice(0, 40);
      const pruefung = await pruefeApiSchluessel(d.leser, api.schluessel);
      const fremd = pruefung.gilt && api.benutzer !== undefined && api.benutzer !== pruefung.benutzer;
      const aktiv = pruefung.gilt && !fremd ? await findeAktiven(d, pruefung.benutzer) : undefined;
      if (!pruefung.gilt || fremd || !aktiv) {
        const grenze = bremse.grenze(konto, adresse);
        if (grenze) {
          await schreibe(fehlversuche.gebremst(grenze.schluessel, konto, adresse));
          throw grenze.fehler;
        }
        const [art, grund] = !pruefung.gilt
          ? [pruefung.art, pruefung.grund]
          : fremd
            ? ['fremd', `API-Schlüssel ${pruefung.schluesselId} gehört nicht zu diesem Benutzernamen`]
            : ['gesperrt', `API-Schlüssel ${pruefung.schluesselId}: Zugang gesperrt oder gelöscht`];
        bremse.fehlschlag(konto, adresse);
        const wer = api.benutzer ?? pruefung.benutzer ?? 'unbekannt';
        // Per kind and address: a guesser's thousands of keys become one line with a count, not thousands.
        await schreibe(
          fehlversuche.einmalJeFenster(
            `${art}:${adresse}`,
            { benutzer: wer, aktion: 'anmeldung_fehlgeschlagen', objekt: adresse, details: grund },
            'abgelehnt',
          ),
        );
        throw new ApiFehler(
          'nicht_angemeldet',
          'Der API-Schlüssel ist unbekannt, abgelaufen oder widerrufen (oder gehört nicht zu diesem Benutzernamen).',
        );
      }
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        await schreibe(
          fehlversuche.einmalJeFenster(
            `schreiben:${pruefung.schluesselId}`,
            {
              benutzer: pruefung.benutzer,
              aktion: 'schreiben_abgelehnt',
              objekt: adresse,
              details: `${c.req.method} ${c.req.path} mit API-Schlüssel ${pruefung.schluesselId} („${pruefung.name}“)`,
            },
            'abgelehnt',
          ),
        );
        throw new ApiFehler(
          'kein_zugriff',
          'Ein API-Schlüssel erlaubt nur Lesen (GET); Schreiben geht nur mit einer Anmeldung.',
        );
      }
      bremse.erfolg(konto, adresse);
      const { gilt: _, ...schluessel } = pruefung;
      c.set('apiSchluessel', schluessel);
      benutzer = aktiv;
    } else {
      let eintrag = gemerkt.get(token!);
      if (!eintrag || eintrag.bis < Date.now()) {
        const { name, ablauf } = await pruefeToken(token!, d.schluessel);
        eintrag = merke(token!, await aktiverBenutzer(d, name), ablauf);
      }
      benutzer = eintrag.benutzer;
    }
    c.set('benutzer', benutzer);
    await next();
  });
}

async function aktiverBenutzer(d: Dienste, name: string): Promise<Benutzer> {
  const b = await findeAktiven(d, name);
  if (!b) throw new ApiFehler('nicht_angemeldet', 'Dieser Zugang ist gesperrt oder gelöscht.');
  return b;
}

/** Whether a request's sign-in still holds: its user active, and its API key (if any) neither revoked nor expired. */
export async function anmeldungGiltNoch(
  d: Dienste,
  benutzer: string,
  schluessel?: GueltigerSchluessel,
): Promise<boolean> {
  if (schluessel && !(await apiSchluesselGiltNoch(d.leser, schluessel.schluesselId))) return false;
  return (await findeAktiven(d, benutzer)) !== undefined;
}

/** The user if they exist and are active (without the password's hash). */
async function findeAktiven(d: Dienste, name: string): Promise<Benutzer | undefined> {
  const b = await findeBenutzer(d.leser, name);
  if (!b || !b.aktiv) return undefined;
  const { passwortHash: _, ...benutzer } = b;
  return benutzer;
}

/** A read-only API key, from HTTP Basic (its password) or the header X-API-Key. */
function apiSchluesselDerAnfrage(
  c: Context<ApiUmgebung>,
  berechtigung: string,
): { schluessel: string; benutzer?: string } | undefined {
  const kopfSchluessel = kopf(c, 'x-api-key');
  if (kopfSchluessel) return { schluessel: kopfSchluessel };
  const basic = nachSchema(berechtigung, 'Basic');
  if (basic === undefined) return undefined;
  const text = Buffer.from(basic, 'base64').toString('utf8');
  const trenner = text.indexOf(':');
  if (trenner < 0) return undefined;
  return { benutzer: text.slice(0, trenner) || undefined, schluessel: text.slice(trenner + 1) };
}

/** What follows the scheme in an Authorization header; the scheme in any case (RFC 7235: „basic“ is Basic). */
function nachSchema(berechtigung: string, schema: string): string | undefined {
  return berechtigung.slice(0, schema.length + 1).toLowerCase() === `${schema.toLowerCase()} `
    ? berechtigung.slice(schema.length + 1)
    : undefined;
}

// A browser opening a chart pack page cannot send a header: there, and only for reading, the token may
// come in the query (the request log records the path without it).
const PAKETSEITEN = '/api/v1/grafiken/pakete/';

function tokenAusAdresse(c: Context<ApiUmgebung>): string | undefined {
  return c.req.method === 'GET' && c.req.path.startsWith(PAKETSEITEN) ? c.req.query('token') : undefined;
}

export function nurRollen(...rollen: string[]) {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    if (!rollen.includes(c.get('benutzer').rolle)) {
      throw new ApiFehler(
        'kein_zugriff',
        `Diese Funktion ist der Rolle ${c.get('benutzer').rolle} nicht freigegeben (erlaubt: ${rollen.join(', ')}).`,
      );
    }
    await next();
  });
}
