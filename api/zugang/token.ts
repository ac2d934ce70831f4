import { sign, verify } from 'hono/jwt';
import { ApiFehler } from '../fehler.ts';
import type { Benutzer } from '../../warehouse/index.ts';

const GUELTIG_SEKUNDEN = 8 * 60 * 60; // one working day

export async function stelleTokenAus(b: Benutzer, schluessel: string): Promise<{ token: string; gueltigBis: string }> {
  const exp = Math.floor(Date.now() / 1000) + GUELTIG_SEKUNDEN;
  const token = await sign({ sub: b.name, exp }, schluessel, 'HS256');
  return { token, gueltigBis: new Date(exp * 1000).toISOString() };
}

/** The user name in a valid token and when the token expires (ms); role and scope are read from the warehouse. */
export async function pruefeToken(token: string, schluessel: string): Promise<{ name: string; ablauf: number }> {
  let inhalt;
  try {
    inhalt = await verify(token, schluessel, 'HS256');
  } catch {
    throw new ApiFehler('nicht_angemeldet', 'Das Token ist ungültig oder abgelaufen. Bitte neu anmelden.');
  }
  // hono's verify accepts a token without exp; ours always carry one, so one without was not made here.
  if (typeof inhalt.exp !== 'number' || typeof inhalt.sub !== 'string') {
    throw new ApiFehler(
      'nicht_angemeldet',
      'Das Token hat kein Ablaufdatum und wird nicht angenommen. Bitte neu anmelden.',
    );
  }
  return { name: inhalt.sub, ablauf: inhalt.exp * 1000 };
}
