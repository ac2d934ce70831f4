import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { findeBenutzer, type Benutzer } from '../zugang/benutzer.ts';
import { pruefeToken } from '../zugang/token.ts';
import { kopf } from '../kopf.ts';

// A verified token and its user are remembered briefly: figures are read far more often than users
// change (and users only change through `srb user`, which needs the server stopped).
const MERKEN_MS = 30_000;

/** Every route behind it needs a valid bearer token of an active user. */
export function anmeldung(d: Dienste) {
  const gemerkt = new Map<string, { benutzer: Benutzer; bis: number }>();
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const berechtigung = kopf(c, 'authorization') ?? '';
    const token = berechtigung.startsWith('Bearer ') ? berechtigung.slice(7) : tokenAusAdresse(c);
    if (!token) throw new ApiFehler('nicht_angemeldet', 'Anmeldung nötig: Token im Kopf „Authorization: Bearer …“ mitsenden (POST /api/v1/auth/token).');
    const jetzt = Date.now();
    let eintrag = gemerkt.get(token);
    if (!eintrag || eintrag.bis < jetzt) {
      const { name, ablauf } = await pruefeToken(token, d.schluessel);
      const b = await findeBenutzer(d.leser, name);
      if (!b || !b.aktiv) throw new ApiFehler('nicht_angemeldet', 'Dieser Zugang ist gesperrt oder gelöscht.');
      const { passwortHash: _, ...benutzer } = b;
      if (gemerkt.size > 10_000) gemerkt.clear();
      eintrag = { benutzer, bis: Math.min(jetzt + MERKEN_MS, ablauf) };
      gemerkt.set(token, eintrag);
    }
    c.set('benutzer', eintrag.benutzer);
    await next();
  });
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
      throw new ApiFehler('kein_zugriff', `Diese Funktion ist der Rolle ${c.get('benutzer').rolle} nicht freigegeben (erlaubt: ${rollen.join(', ')}).`);
    }
    await next();
  });
}
