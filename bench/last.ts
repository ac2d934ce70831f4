// The load test of issue 13, on loopback, bounded, stopping by itself: 50 clients for N seconds mix
// figure reads, formula batches, forecast writes and ad-hoc SQL (four of them slow queries), while
// one large import arrives. What counts: how figure reads fare while the slow queries run, no 5xx,
// no lost or duplicated forecast version, and the server's peak memory.
// The 32 figure readers are controllers: each waits a think time between two reads. Readers without
// one keep a fixed number of requests in the server's queue, and then a read's time is that number
// over the server's rate (Little's law) whatever else runs: that measures throughput, which the API
// benchmark does against bare Hono; here the question is whether the slow queries hold reads up.
// The other clients (formula batches, forecasts, SQL, the import) send without pause: they are the load.
import { spawn } from 'node:child_process';
import { copyFileSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { legeBenutzerAn, letztesQuartal, oeffneWarehouse } from '../warehouse/index.ts';

export interface LastErgebnis {
  sekunden: number;
  clients: number;
  /** Mean pause of a figure reader between two reads (uniform between half and one and a half of it). */
  denkzeitMs: number;
  anfragen: number;
  /** Answers 5xx, but the ad-hoc lane's 503 „bitte warten“ (counted apart). */
  fuenfhundert: number;
  bitteWarten: number;
  status: Record<string, number>;
  lesenWaehrendLangsam: Verteilung;
  /** The same figure reads before the mix starts: what this machine gives them at this moment. */
  lesenOhneLast: Verteilung;
  lesenJeKennzahl: Record<string, Verteilung>;
  langsameAbfragen: number;
  prognosen: { gespeichert: number; neueVersionen: number; kette: boolean };
  import: { status: number; sekunden: number; zeilen: number };
  serverSpitzeMB: number;
}

interface Verteilung {
  anzahl: number;
  p50: number;
  p99: number;
}

const quantil = (werte: number[], q: number) => {
  const s = [...werte].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const verteilung = (werte: number[]): Verteilung => ({
  anzahl: werte.length,
  p50: Math.round(quantil(werte, 0.5)),
  p99: Math.round(quantil(werte, 0.99)),
});

export async function lastTest(
  demoDb: string,
  ordner: string,
  sekunden = 60,
  importZeilen = 600_000,
  denkzeitMs = 250,
): Promise<LastErgebnis> {
  // A copy: the large import changes the figures, and the demo warehouse serves the other benchmarks.
  const db = join(ordner, 'last.duckdb');
  rmSync(db, { force: true });
  copyFileSync(demoDb, db);
  const wh = await oeffneWarehouse(db);
  await legeBenutzerAn(
    wh,
    { name: 'last', rolle: 'jugendamt_controller', sozialraeume: [], passwort: 'last-passwort-1' },
    'bench',
  );
  const { jahr, quartal } = await letztesQuartal(wh);
  wh.schliessen();
  const importDatei = join(ordner, `nachlieferung-${importZeilen}.csv`);
  const instanz = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const v = await instanz.connect();
  await v.run(
    readFileSync(new URL('./nachlieferung.sql', import.meta.url), 'utf8')
      .replaceAll('$absender', 'traeger:awo-trier-saarburg')
      .replaceAll('$zeilen', String(importZeilen))
      .replaceAll('$datei', importDatei),
  );
  v.closeSync();
  instanz.closeSync();
  const importiert = readFileSync(importDatei, 'utf8').split('\n').length - 2;

  // The server as its own process (no tsx parent), so that its peak memory is its own.
  const port = 3919;
  const server = spawn(
    process.execPath,
    [
      '--require',
      join(import.meta.dirname, '..', 'cli', 'threadpool.cjs'),
      '--import',
      'tsx',
      join(import.meta.dirname, '..', 'cli', 'srb.ts'),
      'serve',
      '--db',
      db,
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SRB_LOG_LEVEL: 'warn' } },
  );
  await new Promise<void>((fertig, fehler) => {
    server.stderr!.on('data', (d: Buffer) => {
      if (/läuft auf/.test(d.toString())) fertig();
    });
    server.once('exit', (c) => fehler(new Error(`Server endete mit ${c}`)));
  });
  try {
    const basis = `http://127.0.0.1:${port}/api/v1`;
    const { token } = (await (
      await fetch(`${basis}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ benutzer: 'last', passwort: 'last-passwort-1' }),
      })
    ).json()) as { token: string };
    const kopf = { authorization: `Bearer ${token}` };
    const json = { ...kopf, 'content-type': 'application/json' };
    const status: Record<string, number> = {};
    const zaehle = (art: string, s: number) => {
      status[`${art} ${s}`] = (status[`${art} ${s}`] ?? 0) + 1;
    };
    let ende = 0;
    let langsamLaufend = 0;
    let langsameAbfragen = 0;
    const lesen: number[] = [];
    // Per figure: abweichung is the one a forecast write makes the server compute again.
    const jeKennzahl: Record<string, number[]> = {};
    // The bare baseline, measured in the same run: the same 32 figure readers with nothing else running.
    const ohneLast: number[] = [];
    const anfrage = async (art: string, pfad: string, init: RequestInit = {}) => {
      try {
        const r = await fetch(`${basis}${pfad}`, {
          ...init,
          headers: { ...kopf, ...(init.headers as Record<string, string>) },
        });
        await r.arrayBuffer();
        zaehle(art, r.status);
        return r.status;
      } catch {
        zaehle(art, 0);
        return 0;
      }
    };
    const figuren = [
      `/abweichung?jahr=${jahr}&quartal=${quartal}`,
      `/finanzvolumen?jahr=${jahr}`,
      `/verbrauch?jahr=${jahr}&gruppe=monat,topf`,
      '/kontrakte/abgleich',
    ];
    const leser = async (nr: number, allein = false) => {
      for (let i = nr; Date.now() < ende; i++) {
        const waehrend = langsamLaufend > 0;
        const t = performance.now();
        await anfrage(allein ? 'Kennzahl allein' : 'Kennzahl', figuren[i % figuren.length]!);
        if (allein) ohneLast.push(performance.now() - t);
        else if (waehrend) {
          lesen.push(performance.now() - t);
          (jeKennzahl[figuren[i % figuren.length]!.split('?')[0]!] ??= []).push(performance.now() - t);
        }
        await new Promise((r) => setTimeout(r, denkzeitMs * (0.5 + Math.random())));
      }
    };
    // Each figure once first: the baseline is of answers the server has (a cold start is not the question).
    for (const f of figuren) await anfrage('Kennzahl allein', f);
    ende = Date.now() + Math.max(3, sekunden / 6) * 1000;
    await Promise.all(Array.from({ length: 32 }, (_, i) => leser(i, true)));
    ende = Date.now() + sekunden * 1000;
    const formeln = async () => {
      while (Date.now() < ende) {
        await anfrage('Formeln', '/formeln', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            aufrufe: [
              { funktion: 'IST', argumente: ['konz', jahr, 9, null] },
              { funktion: 'ABWEICHUNG', argumente: ['konz', jahr, quartal] },
              { funktion: 'FINANZVOLUMEN', argumente: ['saarburg', jahr, null] },
              { funktion: 'PROGNOSE', argumente: ['schweich', jahr, 12, null] },
            ],
          }),
        });
      }
    };
    const langsam = async () => {
      while (Date.now() < ende) {
        langsamLaufend++;
        try {
          // seconds of pure work, within the sandbox's rules
          await anfrage('SQL langsam', '/sql', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ sql: 'SELECT count(*) AS n FROM range(300000000) t(x) WHERE x % 7 = 3' }),
          });
          langsameAbfragen++;
        } finally {
          langsamLaufend--;
        }
      }
    };
    const schnellSql = async () => {
      while (Date.now() < ende)
        await anfrage('SQL', '/sql', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            sql: `SELECT sozialraum, status FROM abweichung WHERE jahr = ${jahr} AND quartal = ${quartal} AND topf = 'gesamt'`,
          }),
        });
    };
    const prognoseStand = async () =>
      (await (await fetch(`${basis}/prognosen?jahr=${jahr}&sozialraum=konz`, { headers: kopf })).json()) as {
        version: { version_id: number } | null;
        versionen: Array<{ basis_version: number | null; version_id: number }>;
      };
    const vorher = (await prognoseStand()).versionen.length;
    let gespeichert = 0;
    const schreiber = async (nr: number) => {
      while (Date.now() < ende) {
        const p = await prognoseStand();
        const s = await anfrage('Prognose', '/prognosen', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            jahr,
            sozialraum: 'konz',
            basisVersion: p.version?.version_id ?? null,
            kommentar: `Last ${nr}`,
            werte: [{ topf: 'asd', monat: 12, betrag: `${1000 + nr}.00` }],
          }),
        });
        if (s === 201) gespeichert++;
      }
    };
    const importiere = async () => {
      await new Promise((r) => setTimeout(r, sekunden * 150));
      const form = new FormData();
      form.append('datei', await openAsBlob(importDatei), 'leistungen_awo_korrektur.csv');
      const t = performance.now();
      const s = await anfrage('Import', '/importe', { method: 'POST', body: form });
      return { status: s, sekunden: (performance.now() - t) / 1000, zeilen: importiert };
    };
    // 50 clients: 4 slow SQL, 2 quick SQL, 6 formula batches, 5 forecast writers, 1 import, 32 figure readers.
    const [, , , , imp] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, langsam)),
      Promise.all(Array.from({ length: 2 }, schnellSql)),
      Promise.all(Array.from({ length: 6 }, formeln)),
      Promise.all(Array.from({ length: 5 }, (_, i) => schreiber(i))),
      importiere(),
      Promise.all(Array.from({ length: 32 }, (_, i) => leser(i))),
    ]);
    const p = await prognoseStand();
    const kette = p.versionen.every((x, i) => x.basis_version === (p.versionen[i + 1]?.version_id ?? null));
    const spitze = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const anfragen = Object.values(status).reduce((a, b) => a + b, 0);
    const zahl = (muster: RegExp) =>
      Object.entries(status)
        .filter(([k]) => muster.test(k))
        .reduce((a, [, n]) => a + n, 0);
    // 503 from the ad-hoc lane is its designed answer when full („bitte warten“, docs: issue 13), not a fault.
    const bitteWarten = zahl(/^SQL.* 503$/);
    const fuenfhundert = zahl(/\s5\d\d$/) - bitteWarten;
    return {
      sekunden,
      clients: 50,
      denkzeitMs,
      anfragen,
      fuenfhundert,
      bitteWarten,
      status,
      lesenWaehrendLangsam: verteilung(lesen),
      lesenOhneLast: verteilung(ohneLast),
      lesenJeKennzahl: Object.fromEntries(Object.entries(jeKennzahl).map(([k, w]) => [k, verteilung(w)])),
      langsameAbfragen,
      prognosen: { gespeichert, neueVersionen: p.versionen.length - vorher, kette },
      import: imp as LastErgebnis['import'],
      serverSpitzeMB: Math.round(spitze),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(importDatei, { force: true });
  }
}
