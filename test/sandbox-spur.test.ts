// The ad-hoc lane: slow analyst queries wait their turn, are cut off at the time limit, and never keep
// the figure endpoints from answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bis } from './warten.ts';
import { starteServer, type LaufenderServer } from '../api/index.ts';
import { legeDemoBenutzerAn } from '../demo/index.ts';
import { adhocAbfrage, ALLES, oeffneWarehouse, Spur, WarehouseFehler } from '../warehouse/index.ts';
import { anmelden } from './api-helfer.ts';

// A few seconds of work on two cores, in every spelling the sandbox allows.
const LANGSAM = 'SELECT count(*) AS n FROM range(300000000) t(i) WHERE hash(i) % 7 = 0';

describe('Spur der Ad-hoc-Abfragen', () => {
  it('lässt höchstens zwei zugleich laufen, reiht weitere ein und weist ab, wenn die Warteschlange voll ist', async () => {
    const spur = new Spur(2, 1, 60_000);
    const freigaben: Array<() => void> = [];
    let laufen = 0;
    let hoechstens = 0;
    const arbeit = () =>
      spur.fahre(
        () =>
          new Promise<void>((fertig) => {
            laufen++;
            hoechstens = Math.max(hoechstens, laufen);
            freigaben.push(() => {
              laufen--;
              fertig();
            });
          }),
      );
    const a = arbeit();
    const b = arbeit();
    const c = arbeit();
    await expect(arbeit()).rejects.toMatchObject({
      code: 'ueberlastet',
      message: expect.stringContaining('Bitte warten'),
    });
    await new Promise((r) => setImmediate(r));
    expect(freigaben).toHaveLength(2);
    freigaben.shift()!();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(freigaben).toHaveLength(2);
    freigaben.splice(0).forEach((f) => f());
    await b;
    await new Promise((r) => setImmediate(r));
    freigaben.splice(0).forEach((f) => f());
    await c;
    expect(hoechstens).toBe(2);
  });

  it('bricht eine Abfrage an der Zeitgrenze ab, mit deutscher Meldung', async () => {
    const ordner = mkdtempSync(join(tmpdir(), 'srb-spur-'));
    const wh = await oeffneWarehouse(join(ordner, 'wh.duckdb'));
    try {
      const fehler = await adhocAbfrage(
        wh,
        'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 0',
        ALLES,
        { sekunden: 1 },
      ).catch((e: unknown) => e);
      expect(fehler).toBeInstanceOf(WarehouseFehler);
      expect(fehler).toMatchObject({
        code: 'abfrage_zeitgrenze',
        message: expect.stringContaining('nach 1 s abgebrochen'),
      });
      expect((await adhocAbfrage(wh, 'SELECT 1 AS eins', ALLES)).zeilen).toEqual([{ eins: 1 }]);
    } finally {
      wh.schliessen();
      rmSync(ordner, { recursive: true, force: true });
    }
  });
});

describe('Ad-hoc-Abfragen neben den Kennzahlen (echter Server)', () => {
  let server: LaufenderServer;
  let ordner: string;
  let token: string;

  beforeAll(async () => {
    ordner = mkdtempSync(join(tmpdir(), 'srb-spur-api-'));
    const db = join(ordner, 'warehouse.duckdb');
    const wh = await oeffneWarehouse(db);
    await legeDemoBenutzerAn(wh);
    wh.schliessen();
    server = await starteServer({ db, host: '127.0.0.1', port: 0, officeJs: 'lokal', log: pino({ level: 'silent' }) });
    token = await anmelden(server.url, 'analyst', 'demo-analyst');
  }, 120_000);
  afterAll(async () => {
    await server.beenden();
    rmSync(ordner, { recursive: true, force: true });
  });

  const sql = (abfrage: string) =>
    fetch(`${server.url}/api/v1/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: abfrage }),
    });

  it('übersteht als allererste Abfrage eine, die DuckDB beim Binden ablehnt (aus dem Review: der Server fiel um)', async () => {
    const r = await sql('SELECT gibtsnicht FROM verbrauch');
    expect(r.status).toBe(400);
    await new Promise((weiter) => setTimeout(weiter, 200));
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    expect((await sql('SELECT count(*) AS n FROM verbrauch')).status).toBe(200);
  });

  it('beantwortet Kennzahlen und health, während vier langsame Abfragen laufen oder warten', async () => {
    let fertig = 0;
    const langsame = Array.from({ length: 4 }, () =>
      sql(LANGSAM).then((r) => {
        fertig++;
        return r.status;
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const health = await fetch(`${server.url}/api/v1/health`);
    const figur = await fetch(`${server.url}/api/v1/abweichung?jahr=2026&quartal=3`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const waehrenddessen = fertig;
    expect([health.status, figur.status]).toEqual([200, 200]);
    expect(waehrenddessen, 'die Kennzahl kam erst, als eine langsame Abfrage fertig war').toBe(0);
    expect(await Promise.all(langsame)).toEqual([200, 200, 200, 200]);
  }, 180_000);

  it('hält eine Abfrage an, deren Aufrufer die Verbindung schließt (aus dem Review: sie lief weiter und hielt die Spur)', async () => {
    const abbruch = new AbortController();
    const anfrage = fetch(`${server.url}/api/v1/sql`, {
      method: 'POST',
      signal: abbruch.signal,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 0' }),
    }).catch(() => undefined);
    await new Promise((weiter) => setTimeout(weiter, 500));
    abbruch.abort();
    await anfrage;
    const leser = server.dienste.leser;
    let grund: unknown = null;
    await bis(async () => {
      grund = await leser.wert(
        `SELECT details FROM audit WHERE aktion = 'sql_abgelehnt' AND details LIKE '%Verbindung geschlossen%'`,
      );
      return grund !== null;
    }, 200);
    expect(grund).toContain('der Aufrufer hat die Verbindung geschlossen');
  }, 60_000);

  it('sagt bei voller Warteschlange „bitte warten“ (503) statt alles aufzuhalten', async () => {
    const antworten = await Promise.all(
      Array.from({ length: 11 }, () => sql(LANGSAM.replace('300000000', '50000000'))),
    );
    const status = antworten.map((r) => r.status);
    expect(
      status.every((s) => s === 200 || s === 503),
      status.join(' '),
    ).toBe(true);
    const abgewiesen = antworten.filter((r) => r.status === 503);
    expect(abgewiesen.length).toBeGreaterThanOrEqual(1);
    expect(((await abgewiesen[0]!.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('Bitte warten');
  }, 300_000);
});
