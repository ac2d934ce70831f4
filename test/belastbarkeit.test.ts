// Resilience of the running server (issue 13): slow queries and big uploads must not stall the others.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anmelden, demoServer } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let url: string;
let token: string;
const hole = (pfad: string) => fetch(`${url}/api/v1${pfad}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });

beforeAll(async () => {
  s = await demoServer();
  url = s.server.url;
  token = await anmelden(url, 'jugendamt', 'demo-jugendamt');
});
afterAll(async () => { await s?.weg(); });

describe('langsame Abfragen', () => {
  it('Kennzahlen und Anmeldungen antworten, während sechs langsame Abfragen laufen', async () => {
    // Each "slow query" reads a named pipe that nobody writes to yet: it holds its thread of the
    // pool without using the CPU, for as long as the test wants. With libuv's default of 4 threads,
    // six of them leave nothing for the figure request, which then never answers.
    const rohre = Array.from({ length: 6 }, (_, i) => join(s.ordner, `langsam-${i}.csv`));
    for (const r of rohre) execFileSync('mkfifo', [r]);
    const verbindungen = await Promise.all(rohre.map(() => s.server.dienste.leser.weitere()));
    let beendet = 0;
    const langsam = rohre.map((r, i) => verbindungen[i]!.abfrage(`SELECT count(*) AS n FROM read_csv('${r}', header = false, columns = {'a': 'INTEGER'})`).finally(() => { beendet++; }));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const zahlen = await hole('/abweichung?jahr=2026&quartal=3');
      expect(zahlen.status).toBe(200);
      expect(((await zahlen.json()) as { zeilen: unknown[] }).zeilen.length).toBeGreaterThan(0);
      expect((await hole('/health')).status).toBe(200);
      await anmelden(url, 'analyst', 'demo-analyst');
      expect(beendet).toBe(0);
    } finally {
      // Opening for writing without blocking fails where no reader waits (a query still queued).
      for (const r of rohre) {
        try {
          const fd = openSync(r, constants.O_WRONLY | constants.O_NONBLOCK);
          writeSync(fd, '1\n');
          closeSync(fd);
        } catch { /* that query never started */ }
      }
    }
    expect((await Promise.all(langsam)).map((z) => Number(z[0]!.n))).toEqual([1, 1, 1, 1, 1, 1]);
    for (const v of verbindungen) v.schliessen();
  });
});
