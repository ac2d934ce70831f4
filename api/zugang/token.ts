import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import type { Warehouse } from '../../warehouse/index.ts';
import { ApiFehler } from '../fehler.ts';
import type { Benutzer } from './benutzer.ts';

const GUELTIG_SEKUNDEN = 8 * 60 * 60; // one working day

export async function signierSchluessel(wh: Warehouse): Promise<string> {
  const vorhanden = await wh.wert(`SELECT wert FROM schluessel WHERE name = 'token'`);
  if (vorhanden !== null) return String(vorhanden);
  const neu = randomBytes(32).toString('hex');
  await wh.ausfuehren(`INSERT OR IGNORE INTO schluessel VALUES ('token', $w)`, { w: neu });
  return String(await wh.wert(`SELECT wert FROM schluessel WHERE name = 'token'`));
}

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
    throw new ApiFehler('nicht_angemeldet', 'Das Token hat kein Ablaufdatum und wird nicht angenommen. Bitte neu anmelden.');
  }
  return { name: inhalt.sub, ablauf: inhalt.exp * 1000 };
}
