// The event stream opened with an API key ends when the key no longer holds (revoked, expired) or its user is blocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sperreBenutzer } from '../warehouse/index.ts';
import { demoServer, demoTokens } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'analyst');
}, 120_000);
afterAll(async () => {
  await s?.weg();
});

const neuerSchluessel = async (name: string, wer = 'jugendamt') => {
  const r = await fetch(`${s.server.url}/api/v1/schluessel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token[wer]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await r.json()) as { schluessel: string; schluesselId: string };
};

/** Opens the stream with the key and reads until `bereit`; `bis()` reads on until the stream ends and returns all text. */
async function strom(schluessel: string) {
  const r = await fetch(`${s.server.url}/api/v1/ereignisse`, { headers: { 'x-api-key': schluessel } });
  expect(r.status).toBe(200);
  const leser = r.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  while (!text.includes('event: bereit')) text += dec.decode((await leser.read()).value);
  return {
    async naechstes(): Promise<string> {
      const { value, done } = await leser.read();
      return done ? '(ende)' : dec.decode(value);
    },
    abbrechen: () => leser.cancel(),
  };
}

describe('Ereignisstrom mit API-Schlüssel', () => {
  it('sendet, solange der Schlüssel gilt, und endet, sobald er widerrufen oder abgelaufen oder sein Benutzer gesperrt ist', async () => {
    const gut = await neuerSchluessel('sse gut');
    const widerrufen = await neuerSchluessel('sse widerrufen');
    const abgelaufen = await neuerSchluessel('sse abgelaufen');
    const gesperrt = await neuerSchluessel('sse gesperrt', 'analyst');
    const [a, b, c, g] = [
      await strom(gut.schluessel),
      await strom(widerrufen.schluessel),
      await strom(abgelaufen.schluessel),
      await strom(gesperrt.schluessel),
    ];

    // Every stream closed at the end, also when an expectation fails (an open stream holds the server).
    try {
      const weg = await fetch(`${s.server.url}/api/v1/schluessel/${widerrufen.schluesselId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token.jugendamt}` },
      });
      expect(weg.status).toBe(204);
      await s.server.dienste.schreiber.ausfuehren(
        "UPDATE api_schluessel SET gueltig_bis = TIMESTAMP '2020-01-01 00:00:00' WHERE schluessel_id = $i",
        { i: abgelaufen.schluesselId },
      );
      await sperreBenutzer(s.server.dienste.schreiber, 'analyst', 'test');
      await s.server.dienste.geaendert('prognose', { sozialraum: 'konz' });

      expect(await a.naechstes()).toContain('event: aenderung');
      expect(await b.naechstes()).toBe('(ende)');
      expect(await c.naechstes()).toBe('(ende)');
      expect(await g.naechstes()).toBe('(ende)');
    } finally {
      for (const x of [a, b, c, g]) await x.abbrechen();
    }
  });
});
