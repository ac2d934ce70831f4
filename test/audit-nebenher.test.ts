// The audit beside the writer (issue 13): a request's audit line does not wait behind a load, a write's
// own line stays in its transaction, nothing is lost under concurrent writes, slow queries and a backup,
// and a line is durable once protokolliere has returned. Sign-ins refused with 429 are audited once per
// window with a count.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { starteServer } from '../api/index.ts';
import { GebremsteAnmeldungen } from '../api/middleware/gebremste-anmeldungen.ts';
import { legeDemoBenutzerAn } from '../demo/index.ts';
import { oeffneWarehouse, protokolliere, pruefeSicherung, sichere } from '../warehouse/index.ts';
import { kopiereDemo, neuesWarehouse } from './helfer.ts';

const wurzel = join(import.meta.dirname, '..');
let aufraeumen: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of aufraeumen.reverse()) await f();
  aufraeumen = [];
});

async function warehouse() {
  const t = await neuesWarehouse();
  aufraeumen.push(() => t.weg());
  return t;
}
const anzahl = async (wh: Awaited<ReturnType<typeof warehouse>>['wh'], aktion: string) =>
  Number(await wh.wert(`SELECT count(*) FROM audit WHERE aktion = $a`, { a: aktion }));

describe('Audit neben dem Schreiber', () => {
  it('schreibt die Zeile einer Anfrage, während eine Ladung die Schreibsperre hält, ohne auf sie zu warten', async () => {
    const { wh } = await warehouse();
    let freigeben!: () => void;
    const halten = new Promise<void>((r) => (freigeben = r));
    let schreibenFertig = false;
    const schreiben = wh
      .transaktion(async () => {
        await protokolliere(wh, { benutzer: 'ladung', aktion: 'in_transaktion' });
        await halten;
      })
      .then(() => (schreibenFertig = true));
    // Before the change this waited for `halten`, which only comes below: it never returned.
    await protokolliere(wh, { benutzer: 'anfrage', aktion: 'nebenher' });
    expect(schreibenFertig).toBe(false);
    const leser = await wh.weitere();
    aufraeumen.push(() => leser.schliessen());
    expect(await anzahl(leser, 'nebenher')).toBe(1);
    // the write's own line is part of its transaction, not visible before its COMMIT
    expect(await anzahl(leser, 'in_transaktion')).toBe(0);
    freigeben();
    await schreiben;
    expect(await anzahl(leser, 'in_transaktion')).toBe(1);
  });

  it('verliert die Zeile einer zurückgerollten Schreibung mit ihr, die Zeilen daneben bleiben', async () => {
    const { wh } = await warehouse();
    await expect(
      wh.transaktion(async () => {
        await protokolliere(wh, { benutzer: 'ladung', aktion: 'zurueckgerollt' });
        await protokolliere(wh, { benutzer: 'x', aktion: 'daneben' }).catch(() => undefined);
        throw new Error('Ladung scheitert');
      }),
    ).rejects.toThrow('Ladung scheitert');
    await protokolliere(wh, { benutzer: 'anfrage', aktion: 'daneben' });
    expect(await anzahl(wh, 'zurueckgerollt')).toBe(0);
    // inside the write a line is the write's: it went with the rollback; the one beside it stays
    expect(await anzahl(wh, 'daneben')).toBe(1);
  });

  it('hat jede Zeile nach gleichzeitigen Schreibungen, Anfragezeilen, langsamen Abfragen und einer Sicherung', async () => {
    const { wh, ordner } = await warehouse();
    const leser = await wh.weitere();
    aufraeumen.push(() => leser.schliessen());
    const langsam = Array.from({ length: 2 }, () =>
      leser.wert(`SELECT count(*) FROM range(20000000) t(x) WHERE x % 7 = 3`),
    );
    const schreibungen = Array.from({ length: 20 }, (_, i) =>
      wh.transaktion(() => protokolliere(wh, { benutzer: `schreiber-${i}`, aktion: 'schreibung' })),
    );
    const anfragen = Array.from({ length: 40 }, (_, i) =>
      protokolliere(wh, { benutzer: `anfrage-${i}`, aktion: 'anfrage' }),
    );
    const sicherung = sichere(wh, join(ordner, 'sicherungen'), 'test');
    await Promise.all([...langsam, ...schreibungen, ...anfragen]);
    const { pfad } = await sicherung;
    await pruefeSicherung(pfad);
    expect(await anzahl(wh, 'schreibung')).toBe(20);
    expect(await anzahl(wh, 'anfrage')).toBe(40);
    expect(await anzahl(wh, 'sicherung')).toBe(1);
    expect(await wh.wert(`SELECT count(DISTINCT audit_id) = count(*) FROM audit`)).toBe(true);
    expect((await wh.abfrage(`SELECT DISTINCT benutzer FROM audit WHERE aktion = 'anfrage' ORDER BY 1`)).length).toBe(
      40,
    );
  });

  it('behält eine Zeile, sobald protokolliere zurückkam, auch wenn der Prozess danach hart beendet wird', async () => {
    const { wh, ordner } = await warehouse();
    const db = join(ordner, 'warehouse.duckdb');
    wh.schliessen();
    // A process that holds the write lock for good (a load that never ends), audits beside it, says so,
    // and is killed: what it had been told was written must be there.
    const skript = `
      const { oeffneWarehouse, protokolliere } = await import(${JSON.stringify(join(wurzel, 'warehouse', 'index.ts'))});
      const wh = await oeffneWarehouse(${JSON.stringify(db)});
      void wh.schreibe(() => new Promise(() => {}));
      await protokolliere(wh, { benutzer: 'vor-dem-kill', aktion: 'sql', details: 'SELECT 1' });
      console.log('geschrieben');
      setInterval(() => {}, 1000);
    `;
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', skript], {
      cwd: wurzel,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((fertig, fehler) => {
      p.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('geschrieben')) fertig();
      });
      p.once('exit', (c) => fehler(new Error(`Kindprozess endete mit ${c}`)));
    });
    p.kill('SIGKILL');
    await new Promise((r) => p.once('exit', r));
    const wieder = await oeffneWarehouse(db);
    try {
      expect(await wieder.abfrage(`SELECT benutzer, details FROM audit WHERE aktion = 'sql'`)).toEqual([
        { benutzer: 'vor-dem-kill', details: 'SELECT 1' },
      ]);
    } finally {
      wieder.schliessen();
    }
  });
});

describe('gebremste Anmeldungen im Audit', () => {
  it('schreibt je Grenze und Fenster die erste sofort und die weiteren als eine Zeile mit ihrer Zahl', () => {
    const g = new GebremsteAnmeldungen(60_000);
    const t0 = Date.parse('2026-12-03T08:00:00Z');
    expect(g.gebremst('paar:asd\u0000127.0.0.1', 'asd', '127.0.0.1', t0)).toEqual([
      { benutzer: 'asd', aktion: 'anmeldung_gebremst', objekt: '127.0.0.1', details: 'zu viele Fehlversuche' },
    ]);
    for (let i = 1; i <= 999; i++)
      expect(g.gebremst('paar:asd\u0000127.0.0.1', 'asd', '127.0.0.1', t0 + i)).toEqual([]);
    // another limit has its own window
    expect(g.gebremst('adresse:10.0.0.9', 'x', '10.0.0.9', t0 + 5)).toHaveLength(1);
    expect(g.vorbei(t0 + 59_999)).toEqual([]);
    expect(g.vorbei(t0 + 60_000)).toEqual([
      {
        benutzer: 'asd',
        aktion: 'anmeldung_gebremst',
        objekt: '127.0.0.1',
        details: '999 weitere Versuche gebremst (paar) zwischen 2026-12-03T08:00:00.000Z und 2026-12-03T08:01:00.000Z',
      },
    ]);
    // the window of the other limit had no further attempt: nothing to count
    expect(g.vorbei(t0 + 60_005)).toEqual([]);
    // a refusal after the window opens a new one, audited at once again
    expect(g.gebremst('paar:asd\u0000127.0.0.1', 'asd', '127.0.0.1', t0 + 70_000)).toHaveLength(1);
  });

  it('schreibt für 30 mit 429 abgewiesene Anmeldungen eine Zeile sofort und eine mit der Zahl am Ende', async () => {
    const ordner = mkdtempSync(join(tmpdir(), 'srb-gebremst-'));
    aufraeumen.push(() => rmSync(ordner, { recursive: true, force: true }));
    const db = kopiereDemo(ordner);
    const vorbereitung = await oeffneWarehouse(db);
    await legeDemoBenutzerAn(vorbereitung);
    vorbereitung.schliessen();
    const server = await starteServer({ db, host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }) });
    const versuch = () =>
      fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ benutzer: 'analyst', passwort: 'falsch-geraten' }),
      });
    const status: number[] = [];
    for (let i = 0; i < 35; i++) status.push((await versuch()).status);
    expect(status).toEqual([...Array<number>(5).fill(401), ...Array<number>(30).fill(429)]);
    const gebremst = `SELECT benutzer, objekt, details FROM audit WHERE aktion = 'anmeldung_gebremst' ORDER BY audit_id`;
    expect(await server.dienste.leser.abfrage(gebremst)).toEqual([
      { benutzer: 'analyst', objekt: '127.0.0.1', details: 'zu viele Fehlversuche' },
    ]);
    await server.beenden();
    const wh = await oeffneWarehouse(db);
    try {
      const zeilen = await wh.abfrage(gebremst);
      expect(zeilen).toHaveLength(2);
      expect(zeilen[1]).toMatchObject({ benutzer: 'analyst', objekt: '127.0.0.1' });
      expect(String(zeilen[1]!.details)).toMatch(/^29 weitere Versuche gebremst \(paar\) zwischen /);
      expect(await wh.wert(`SELECT count(*) FROM audit WHERE aktion = 'anmeldung_fehlgeschlagen'`)).toBe('5');
    } finally {
      wh.schliessen();
    }
  });
});
