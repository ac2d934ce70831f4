// Resilience of the running server (issue 13): slow queries and big uploads must not stall the others.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bis } from './warten.ts';
import { anmelden, demoServer } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let url: string;
let token: string;
const hole = (pfad: string) =>
  fetch(`${url}/api/v1${pfad}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });

beforeAll(async () => {
  s = await demoServer();
  url = s.server.url;
  token = await anmelden(url, 'jugendamt', 'demo-jugendamt');
});
afterAll(async () => {
  await s?.weg();
});

describe('langsame Abfragen', () => {
  it('Kennzahlen und Anmeldungen antworten, während sechs langsame Abfragen laufen', async () => {
    // Each "slow query" reads a named pipe that nobody writes to yet: it holds its thread of the
    // pool without using the CPU, for as long as the test wants. With libuv's default of 4 threads,
    // six of them leave nothing for the figure request, which then never answers.
    const rohre = Array.from({ length: 6 }, (_, i) => join(s.ordner, `langsam-${i}.csv`));
    for (const r of rohre) execFileSync('mkfifo', [r]);
    const verbindungen = await Promise.all(rohre.map(() => s.server.dienste.leser.weitere()));
    let beendet = 0;
    const langsam = rohre.map((r, i) =>
      verbindungen[i]!.abfrage(
        `SELECT count(*) AS n FROM read_csv('${r}', header = false, columns = {'a': 'INTEGER'})`,
      ).finally(() => {
        beendet++;
      }),
    );
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
        } catch {
          /* that query never started */
        }
      }
    }
    expect((await Promise.all(langsam)).map((z) => Number(z[0]!.n))).toEqual([1, 1, 1, 1, 1, 1]);
    for (const v of verbindungen) v.schliessen();
  });
});

describe('Hochladen', () => {
  const hochladen = (inhalt: Blob, name: string) => {
    const form = new FormData();
    form.append('datei', inhalt, name);
    return fetch(`${url}/api/v1/importe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(60_000),
    });
  };
  const ladungen = async () => Number(await s.server.dienste.leser.wert('SELECT count(*) FROM ladung'));

  it('weist eine Datei über der Grenze mit 413 ab und behält nichts', async () => {
    const d = s.server.dienste;
    const grenze = d.uploadGrenze;
    d.uploadGrenze = 1024 * 1024;
    try {
      const vorher = await ladungen();
      const r = await hochladen(new Blob([Buffer.alloc(3 * 1024 * 1024, 0x41)]), 'riesig.csv');
      expect(r.status).toBe(413);
      const f = (await r.json()) as { fehler: { code: string; meldung: string } };
      expect(f.fehler).toMatchObject({
        code: 'zu_gross',
        meldung: expect.stringContaining('höchstens 1 MB je Hochladen'),
      });
      expect(await ladungen()).toBe(vorher);
      const q = join(s.ordner, 'quarantaene');
      expect(existsSync(q) ? readdirSync(q).filter((n) => n.includes('riesig')) : []).toEqual([]);
      // the server still answers
      expect((await hole('/health')).status).toBe(200);
    } finally {
      d.uploadGrenze = grenze;
    }
  });

  it('nimmt mehrere Dateien in einer Anfrage, jede für sich', async () => {
    const form = new FormData();
    form.append(
      'datei',
      new Blob([
        'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n15.09.2026;konz;asd;Beratungsstelle;;;10,00\n',
      ]),
      'a.csv',
    );
    form.append(
      'datei',
      new Blob([
        'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n31.09.2026;konz;asd;Beratungsstelle;;;10,00\n',
      ]),
      'a.csv',
    );
    const r = await fetch(`${url}/api/v1/importe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(r.status).toBe(422);
    const { ergebnisse } = (await r.json()) as {
      ergebnisse: Array<{ status: string; fehler: Array<{ zeile: number }> }>;
    };
    expect(ergebnisse.map((e) => e.status)).toEqual(['geladen', 'abgelehnt']);
    expect(ergebnisse[1]!.fehler[0]!.zeile).toBe(2);
  });
});

describe('Posteingang', () => {
  it('nimmt eine Datei erst, wenn sie fertig geschrieben und umbenannt ist (NAME.part → NAME)', async () => {
    const { starteEingang } = await import('../api/posteingang.ts');
    const { appendFileSync, mkdirSync, renameSync, writeFileSync } = await import('node:fs');
    const eingang = join(s.ordner, 'eingang-part');
    mkdirSync(eingang);
    const gemeldet: string[] = [];
    const stop = starteEingang(s.server.dienste, eingang, (t) => gemeldet.push(t), 50);
    try {
      const teil = join(eingang, 'zahlungen_spaet.csv.part');
      writeFileSync(teil, 'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n');
      // rounds pass while the file is still being written: nothing is taken
      await new Promise((r) => setTimeout(r, 400));
      appendFileSync(teil, '16.09.2026;konz;asd;Beratungsstelle;;;20,00\n');
      await new Promise((r) => setTimeout(r, 400));
      expect(gemeldet).toEqual([]);
      expect(readdirSync(eingang).sort()).toEqual(['abgelehnt', 'archiv', 'zahlungen_spaet.csv.part']);
      renameSync(teil, join(eingang, 'zahlungen_spaet.csv'));
      await bis(() => gemeldet.length > 0);
      expect(gemeldet).toEqual([expect.stringMatching(/^zahlungen_spaet.csv: 1 Zeile zahlungen geladen/)]);
      expect(readdirSync(join(eingang, 'archiv'))).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
