import { createMiddleware } from 'hono/factory';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { findeBenutzer } from '../zugang/benutzer.ts';
import { pruefeToken } from '../zugang/token.ts';

/** Every route behind it needs a valid bearer token of an active user (read fresh, so a lock acts at once). */
export function anmeldung(d: Dienste) {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const kopf = c.req.header('authorization') ?? '';
    const token = kopf.startsWith('Bearer ') ? kopf.slice(7) : c.req.query('token');
    if (!token) throw new ApiFehler('nicht_angemeldet', 'Anmeldung nötig: Token im Kopf „Authorization: Bearer …“ mitsenden (POST /api/v1/auth/token).');
    const name = await pruefeToken(token, d.schluessel);
    const b = await findeBenutzer(d.leser, name);
    if (!b || !b.aktiv) throw new ApiFehler('nicht_angemeldet', 'Dieser Zugang ist gesperrt oder gelöscht.');
    const { passwortHash: _, ...benutzer } = b;
    c.set('benutzer', benutzer);
    await next();
  });
}

export function nurRollen(...rollen: string[]) {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    if (!rollen.includes(c.get('benutzer').rolle)) {
      throw new ApiFehler('kein_zugriff', `Diese Funktion ist der Rolle ${c.get('benutzer').rolle} nicht freigegeben (erlaubt: ${rollen.join(', ')}).`);
    }
    await next();
  });
}
