// How the API takes what a caller types: Sozialraum codes in any case, the county's `gesamt` where a
// figure has it, and a German message that names the allowed values when a value is not one of them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOZIALRAEUME } from '../warehouse/index.ts';
import { demoServer, demoTokens } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;
beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'awo', 'analyst');
}, 120_000);
afterAll(async () => await s.weg());

const hole = async (wer: string, pfad: string, init: RequestInit = {}) => {
  const r = await fetch(`${s.server.url}/api/v1${pfad}`, {
    ...init,
    headers: { authorization: `Bearer ${token[wer]}`, ...(init.headers as Record<string, string>) },
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { fehler?: { meldung: string } } };
};

describe('Eingaben der API', () => {
  it('kennt dieselben Sozialräume wie die Referenzdaten', () => {
    const csv = readFileSync(new URL('../warehouse/reference/sozialraeume.csv', import.meta.url), 'utf8');
    const codes = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((z) => z.split(',')[0]);
    expect([...SOZIALRAEUME].sort()).toEqual(codes.sort());
  });

  it('nimmt einen Sozialraum in jeder Schreibweise: „Konz“ und „ KONZ“ sind konz', async () => {
    const klein = await hole('jugendamt', '/abweichung?jahr=2026&quartal=3&sozialraum=konz');
    expect(klein.status).toBe(200);
    for (const schreibweise of ['Konz', '%20KONZ']) {
      const r = await hole('jugendamt', `/abweichung?jahr=2026&quartal=3&sozialraum=${schreibweise}`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(klein.body);
    }
    const herkunft = await hole(
      'jugendamt',
      '/herkunft?kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=Saarburg&topf=gesamt&pro_seite=1',
    );
    expect(herkunft.status).toBe(200);
  });

  it('nennt bei einem unbekannten Sozialraum die erlaubten, auf Deutsch', async () => {
    const r = await hole('jugendamt', '/abweichung?jahr=2026&quartal=3&sozialraum=trier');
    expect(r.status).toBe(400);
    expect(r.body.fehler!.meldung).toMatch(
      /sozialraum: hat keinen erlaubten Wert \(erlaubt: konz, schweich, hermeskeil, saarburg\)/,
    );
    const h = await hole('jugendamt', '/herkunft?kennzahl=fachcontrolling&spalte=fälle&jahr=2026&sozialraum=konz');
    expect(h.status).toBe(400);
    expect(h.body.fehler!.meldung).toMatch(/spalte: hat keinen erlaubten Wert \(erlaubt: faelle, /);
    expect(h.body.fehler!.meldung).not.toMatch(/Invalid/);
  });

  it('nennt eine zu große Seite einmal, auf Deutsch', async () => {
    const r = await hole(
      'jugendamt',
      '/herkunft?kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=konz&topf=gesamt&seite=99999999999',
    );
    expect(r.status).toBe(400);
    expect(r.body.fehler!.meldung.match(/seite/g)).toHaveLength(1);
  });

  it('Fachcontrolling mit sozialraum=gesamt: der Landkreis für Analysten, kein Zugriff für einen Träger', async () => {
    const r = await hole('analyst', '/fachcontrolling?jahr=2026&quartal=3&sozialraum=gesamt');
    expect(r.status).toBe(200);
    const zeilen = r.body.zeilen as Array<{ sozialraum: string }>;
    expect(zeilen.length).toBeGreaterThan(0);
    expect(new Set(zeilen.map((z) => z.sozialraum))).toEqual(new Set(['gesamt']));
    const awo = await hole('awo', '/fachcontrolling?jahr=2026&quartal=3&sozialraum=gesamt');
    expect(awo.status).toBe(403);
    expect(awo.body.fehler!.meldung).toMatch(/Kein Zugriff auf den Sozialraum gesamt/);
  });

  it('SRB.FAELLE nimmt „gesamt“ für den Landkreis; ein Träger bekommt #NV mit Grund', async () => {
    const aufruf = { aufrufe: [{ funktion: 'FAELLE', argumente: ['Gesamt', 2026, 3, null] }] };
    const init = { method: 'POST', body: JSON.stringify(aufruf), headers: { 'content-type': 'application/json' } };
    const jugendamt = await hole('jugendamt', '/formeln', init);
    expect(jugendamt.status).toBe(200);
    const [e] = jugendamt.body.ergebnisse as Array<{ wert?: number }>;
    const tabelle = await hole('jugendamt', '/fachcontrolling?jahr=2026&quartal=3&sozialraum=gesamt');
    const gesamt = (tabelle.body.zeilen as Array<{ hilfeart: string; faelle: number }>).find(
      (z) => z.hilfeart === 'gesamt',
    );
    expect(e!.wert).toBe(Number(gesamt!.faelle));
    const awo = await hole('awo', '/formeln', init);
    const [f] = awo.body.ergebnisse as Array<{ fehler?: string; meldung?: string }>;
    expect(f).toMatchObject({ fehler: 'nv', meldung: 'Kein Zugriff auf den Sozialraum gesamt.' });
  });
});
