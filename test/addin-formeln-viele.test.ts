// 10.000 SRB.* cells of one recalculation: against the real server they go out as one request (the
// distinct calls, each data set read once) and every cell gets its figure; and when a workbook has
// more distinct calls than POST /formeln takes at once (5.000 calls, 256 KB), the batch is cut into
// requests inside both limits, sent at once.
import { describe, expect, it } from 'vitest';
import { bis } from './warten.ts';
import { Formelstapel, registriereFormeln, verbindeFormeln } from '../addin/funktionen/index.ts';
import type { Aufruf } from '../addin/funktionen/stapel.ts';
import { zellenAufrufe } from '../bench/formeln-aufrufe.ts';
import { addinTests, neueMappe } from './addin-helfer.ts';

const u = addinTests('jugendamt');

describe('10.000 SRB.*-Zellen in einer Neuberechnung', () => {
  it('gehen als eine Anfrage an den Server, und jede Zelle bekommt ihre Zahl', async () => {
    const { host } = neueMappe();
    registriereFormeln();
    const stapel = verbindeFormeln(u.clients.jugendamt, null);
    const zellen = zellenAufrufe(10_000).map((a) => host.rufe(a.funktion, a.argumente));
    await bis(() => zellen.every((z) => z.ergebnisse.length > 0));
    expect(zellen.filter((z) => z.ergebnisse.length === 0)).toHaveLength(0);
    expect(stapel.anfragen).toBe(1);
    const fehler = zellen.map((z) => z.ergebnisse[0]).filter((e) => typeof e !== 'number') as Array<{
      code: string;
      message?: string;
    }>;
    // Months without actuals (IST of the future) and without a forecast are #NV, never #WERT!.
    expect(fehler.every((e) => e.code === '#N/A')).toBe(true);
    expect(zellen.filter((z) => typeof z.ergebnisse[0] === 'number').length).toBeGreaterThan(5000);
  }, 120_000);

  it('mehr verschiedene Aufrufe, als eine Anfrage fassen darf: mehrere Anfragen zugleich, jede unter 5.000 Aufrufen und 256 KB', async () => {
    const gesendet: Aufruf[][] = [];
    const stapel = new Formelstapel<string>(
      async (aufrufe) => {
        gesendet.push(aufrufe);
        return { ergebnisse: aufrufe.map(() => ({ wert: 1 })), etag: 'W/"1"' };
      },
      (e) => e.meldung,
      0,
    );
    const ergebnisse: Array<number | string> = [];
    for (let i = 0; i < 12_000; i++)
      stapel.abonniere(
        { funktion: 'IST', argumente: ['hermeskeil', 2000 + (i % 100), 1 + (i % 12), `topf-${i}`] },
        { setResult: (w) => ergebnisse.push(w) },
      );
    await bis(() => ergebnisse.length === 12_000);
    expect(ergebnisse.every((w) => w === 1)).toBe(true);
    expect(gesendet.length).toBeGreaterThan(2);
    expect(stapel.anfragen).toBe(gesendet.length);
    for (const teil of gesendet) {
      expect(teil.length).toBeLessThanOrEqual(5000);
      expect(JSON.stringify({ aufrufe: teil }).length).toBeLessThan(256 * 1024);
    }
  });
});
