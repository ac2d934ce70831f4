import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { starteServer, type LaufenderServer } from '../api/index.ts';
import { ADDIN_ZIEL } from '../bau/index.ts';
import { legeDemoBenutzerAn } from '../demo/index.ts';
import { oeffneWarehouse } from '../warehouse/index.ts';
import { kopiereDemo } from './helfer.ts';

/** The demo warehouse (a copy of the run's template, test/demo-vorlage.ts) behind a real server on a free loopback port. */
export async function demoServer(
  optionen: { eingang?: string; berichte?: boolean } = {},
): Promise<{ server: LaufenderServer; ordner: string; weg(): Promise<void> }> {
  const ordner = mkdtempSync(join(tmpdir(), 'srb-api-'));
  const db = kopiereDemo(ordner);
  const wh = await oeffneWarehouse(db);
  await legeDemoBenutzerAn(wh);
  wh.schliessen();
  // Office.js from this server: the tests have no internet.
  const server = await starteServer({
    db,
    host: '127.0.0.1',
    port: 0,
    eingang: optionen.eingang,
    berichte: optionen.berichte ? join(ordner, 'berichte') : undefined,
    officeJs: 'lokal',
    addin: ADDIN_ZIEL,
    log: pino({ level: 'silent' }),
  });
  return {
    server,
    ordner,
    async weg() {
      await server.beenden();
      rmSync(ordner, { recursive: true, force: true });
    },
  };
}

export async function anmelden(url: string, benutzer: string, passwort: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ benutzer, passwort }),
  });
  if (r.status !== 200) throw new Error(`Anmeldung ${benutzer}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

const DEMO_ZUGAENGE = {
  jugendamt: ['jugendamt', 'demo-jugendamt'],
  awo: ['awo-konz', 'demo-awo-konz'],
  asd: ['asd-saarburg', 'demo-asd-saarburg'],
  analyst: ['analyst', 'demo-analyst'],
  admin: ['admin', 'demo-admin-1'],
} as const;

/** Tokens of demo accounts, by short name (jugendamt, awo, asd, analyst, admin). */
export async function demoTokens(
  url: string,
  ...wer: Array<keyof typeof DEMO_ZUGAENGE>
): Promise<Record<string, string>> {
  const token: Record<string, string> = {};
  for (const w of wer) token[w] = await anmelden(url, DEMO_ZUGAENGE[w][0], DEMO_ZUGAENGE[w][1]);
  return token;
}

/** A row of a figure's JSON answer, as a reader outside takes it. */
export type AntwortZeile = Record<string, number | string | null>;

/** The rows of a figure's JSON answer (`zeilen`) for one token; anything but 200 fails the test. */
export async function zeilenDerAntwort(url: string, token: string, pfad: string): Promise<AntwortZeile[]> {
  const r = await fetch(`${url}${pfad}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { zeilen: AntwortZeile[] }).zeilen;
}

/** A German CSV of the API (';', decimal comma; no field of these tables holds a ';') as rows of text. */
export function csvZeilen(text: string): Record<string, string>[] {
  const [kopf, ...rest] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((z) => z !== '')
    .map((z) => z.split(';'));
  return rest.map((z) => Object.fromEntries(kopf!.map((k, i) => [k, z[i] ?? ''])));
}
