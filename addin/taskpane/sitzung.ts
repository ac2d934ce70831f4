import {
  anmeldeClient,
  client,
  ereignisstrom,
  fehlertext,
  type Client,
  type Ereignisstrom,
  type Verbindung,
} from '../api/index.ts';
import { einstellungen } from '../office/index.ts';

export interface Anmeldung extends Verbindung {
  benutzer: string;
  rolle: string;
  sozialraeume: string[];
}

export interface Sitzung extends Anmeldung {
  client: Client;
  ereignisse: Ereignisstrom;
}

function oeffne(a: Anmeldung): Sitzung {
  const c = client(a);
  return { ...a, client: c, ereignisse: ereignisstrom(c) };
}

export async function anmelden(server: string, benutzer: string, passwort: string): Promise<Sitzung> {
  const r = await anmeldeClient(server).api.v1.auth.token.$post({ json: { benutzer, passwort } });
  if (r.status !== 200) throw new Error(await fehlertext(r));
  const j = await r.json();
  const a: Anmeldung = { server, token: j.token, benutzer, rolle: j.rolle, sozialraeume: j.sozialraeume };
  einstellungen.merken({ server, benutzer });
  einstellungen.anmeldungMerken(a);
  return oeffne(a);
}

/** The sign-in of this session, if the pane was reloaded. */
export function fortsetzen(): Sitzung | null {
  const a = einstellungen.anmeldung<Anmeldung>();
  return a ? oeffne(a) : null;
}

export function abmelden(s: Sitzung): void {
  s.ereignisse.close();
  einstellungen.anmeldungMerken(null);
}
