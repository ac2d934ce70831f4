// Faults (issue 13): a load killed half way, a read-only warehouse file, backup and restore.
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bis } from './warten.ts';
import { ladeDatei, oeffneWarehouse, type Warehouse } from '../warehouse/index.ts';
import { anmelden, demoServer } from './api-helfer.ts';
import { KOPF_LEISTUNGEN, neuesWarehouse } from './helfer.ts';

const wurzel = join(import.meta.dirname, '..');
/** srb as its own process (no tsx parent in between, so that a SIGKILL hits the load itself). */
const srbArgs = (...args: string[]) => ['--import', 'tsx', join(wurzel, 'cli', 'srb.ts'), ...args];
async function srb(optionen: { alsNobody?: boolean; env?: NodeJS.ProcessEnv }, ...args: string[]) {
  // Root may write any file: the read-only case runs as nobody.
  const [befehl, argumente] =
    optionen.alsNobody && process.getuid?.() === 0
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...srbArgs(...args)]]
      : [process.execPath, srbArgs(...args)];
  try {
    const r = await promisify(execFile)(befehl, argumente as string[], {
      cwd: wurzel,
      env: { ...process.env, ...optionen.env },
    });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

describe('abgebrochene Ladung', () => {
  let t: Awaited<ReturnType<typeof neuesWarehouse>>;
  beforeAll(async () => {
    t = await neuesWarehouse();
    t.wh.schliessen();
  });
  afterAll(() => t.weg());

  it('steht nach SIGKILL mitten im Laden als abgebrochen im Ladeprotokoll, nichts halb geladen, die Datei wächst nicht fort', async () => {
    const datei = join(t.ordner, 'leistungen_gross.csv');
    const instanz = await DuckDBInstance.create(':memory:');
    const v = await instanz.connect();
    await v.run(
      readFileSync(join(wurzel, 'bench', 'leistungen-datei.sql'), 'utf8')
        .replaceAll('$zeilen', '3000000')
        .replaceAll('$datei', datei),
    );
    v.closeSync();
    instanz.closeSync();
    const db = join(t.ordner, 'warehouse.duckdb');
    // Blocks in use, from DuckDB's own count: how far the kill got varies with the machine's load,
    // so the file's size after each kill does too; the blocks still in use after the recovery do not.
    const belegteBloecke = async (wh: Warehouse) =>
      Number(await wh.wert(`SELECT used_blocks FROM pragma_database_size() WHERE database_name = current_database()`));
    const vorher = await oeffneWarehouse(db);
    const belegt: number[] = [await belegteBloecke(vorher)];
    vorher.schliessen();
    for (let runde = 1; runde <= 2; runde++) {
      const p = spawn(process.execPath, srbArgs('ingest', '--db', db, datei), { cwd: wurzel, stdio: 'ignore' });
      // The load has begun once its note lies beside the file (a busy machine may take long to get
      // there); a few seconds later it is reading and inserting.
      await bis(() => existsSync(`${db}.ladung-laeuft`) || p.exitCode !== null, 50);
      expect(existsSync(`${db}.ladung-laeuft`)).toBe(true);
      await new Promise((r) => setTimeout(r, 3000));
      expect(p.exitCode).toBeNull();
      p.kill('SIGKILL');
      await new Promise((r) => p.once('exit', r));
      const wh = await oeffneWarehouse(db);
      try {
        const protokoll = await wh.abfrage(`SELECT dateiname, status FROM import_protokoll ORDER BY ladung_id`);
        expect(protokoll).toEqual(
          Array.from({ length: runde }, () => ({ dateiname: 'leistungen_gross.csv', status: 'abgebrochen' })),
        );
        expect(await wh.wert(`SELECT count(*) FROM leistung`)).toBe('0');
        expect(await wh.wert(`SELECT count(*) FROM audit WHERE aktion = 'import_abgebrochen'`)).toBe(String(runde));
        belegt.push(await belegteBloecke(wh));
      } finally {
        wh.schliessen();
      }
    }
    expect(existsSync(`${db}.ladung-laeuft`)).toBe(false);
    // Each aborted load gives its space back (free blocks that the next load reuses): what stays in
    // use is the load log and the audit, a few blocks, not the millions of rows read before the kill.
    expect(belegt[1]! - belegt[0]!).toBeLessThan(10);
    expect(belegt[2]! - belegt[1]!).toBeLessThan(10);
  }, 300_000);
});

describe('Ladung endet zwischen den Zeilen und den Zeilennummern', () => {
  // What a kill leaves after the load's commit and before the lines' (nummerierung.ts): the rows committed
  // without lines, the note saying what the lines still need. Made here as that state, since a kill cannot be
  // aimed at a window of milliseconds.
  const csv = `${KOPF_LEISTUNGEN}\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;02.09.2024;2;MA-1;ja\n\n"caritas-trier";konz;K-1;F-1;§31;fallspezifisch;03.09.2024;3;MA-1;ja\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;04.09.2024;4;MA-1;ja\n`;
  const zeilen = async (wh: Warehouse) =>
    (await wh.abfrage(`SELECT zeile FROM leistung ORDER BY datum`)).map((z) => z.zeile);

  it.each([
    ['ohne Zeilennummern', true],
    ['mit Zeilennummern, der Zettel noch da', false],
  ])('%s: das nächste Öffnen trägt sie nach, einmal richtig, und die Ladung bleibt geladen', async (_, ohne) => {
    const t = await neuesWarehouse();
    try {
      const e = await ladeDatei(t.wh, t.datei('leistungen.csv', csv));
      expect(e.status).toBe('geladen');
      // As an editor shows them: header 1, a blank line 3.
      expect(await zeilen(t.wh)).toEqual([2, 4, 5]);
      if (ohne) await t.wh.ausfuehren(`UPDATE leistung SET zeile = NULL`);
      const db = t.wh.pfad;
      writeFileSync(
        `${db}.ladung-laeuft`,
        JSON.stringify({
          datei: 'leistungen.csv',
          benutzer: 'cli',
          beginn: new Date().toISOString(),
          pid: 1,
          nummerierung: { tabelle: 'leistung', ladungId: e.ladungId, versatz: [{ ab: 1, versatz: 1 }] },
        }),
      );
      t.wh.schliessen();
      const wh = await oeffneWarehouse(db);
      try {
        expect(await zeilen(wh)).toEqual([2, 4, 5]);
        expect(await wh.abfrage(`SELECT status FROM import_protokoll`)).toEqual([{ status: 'geladen' }]);
        expect(await wh.wert(`SELECT count(*) FROM audit WHERE aktion = 'import_zeilen_nachgetragen'`)).toBe('1');
        expect(existsSync(`${db}.ladung-laeuft`)).toBe(false);
      } finally {
        wh.schliessen();
      }
    } finally {
      t.weg();
    }
  });

  it('ein Zettel, der eine fremde Tabelle nennt, ändert nichts an den Daten: die Ladung gilt als abgebrochen', async () => {
    const t = await neuesWarehouse();
    try {
      const db = t.wh.pfad;
      t.wh.schliessen();
      writeFileSync(
        `${db}.ladung-laeuft`,
        JSON.stringify({
          datei: 'x.csv',
          benutzer: 'cli',
          beginn: '',
          pid: 1,
          nummerierung: { tabelle: 'audit; DROP TABLE budget', ladungId: 1, versatz: [] },
        }),
      );
      const wh = await oeffneWarehouse(db);
      try {
        expect(await wh.abfrage(`SELECT dateiname, status FROM import_protokoll`)).toEqual([
          { dateiname: '(unbekannt: Merkzettel unlesbar)', status: 'abgebrochen' },
        ]);
        expect(await wh.wert(`SELECT count(*) FROM budget`)).toBe('0');
      } finally {
        wh.schliessen();
      }
    } finally {
      t.weg();
    }
  });
});

describe('schreibgeschützte Warehouse-Datei', () => {
  let t: Awaited<ReturnType<typeof neuesWarehouse>>;
  beforeAll(async () => {
    t = await neuesWarehouse();
    const e = await (
      await import('../warehouse/index.ts')
    ).ladeDatei(
      t.wh,
      t.datei(
        'leistungen.csv',
        `${KOPF_LEISTUNGEN}\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;02.09.2024;2;MA-1;ja\n`,
      ),
    );
    expect(e.status).toBe('geladen');
    t.wh.schliessen();
  });
  afterAll(() => {
    chmodSync(t.ordner, 0o755);
    t.weg();
  });

  it('liest weiter, und Schreiben sagt auf Deutsch, warum es nicht geht', { timeout: 180_000 }, async () => {
    const db = join(t.ordner, 'warehouse.duckdb');
    chmodSync(db, 0o444);
    chmodSync(t.ordner, 0o555);
    const vorher = readFileSync(db);
    const lesen = await srb({ alsNobody: true }, 'abweichung', '--db', db, '--quartal', '2024-Q3');
    expect(lesen.stderr).not.toContain('schreibgeschützt');
    expect(lesen.stderr).not.toContain('Unerwarteter Fehler');
    const schreiben = await srb({ alsNobody: true }, 'ingest', '--db', db, join(t.ordner, 'leistungen.csv'));
    expect(schreiben.code).toBe(1);
    expect(schreiben.stderr).toContain('Das Warehouse ist schreibgeschützt');
    expect(schreiben.stderr).toContain(db);
    expect(readFileSync(db).equals(vorher)).toBe(true);
    // ladungen/ holds the file of the load before the folder became read-only (docs/regeln.md §7.4); nothing new.
    expect(readdirSync(t.ordner).sort()).toEqual(['ladungen', 'leistungen.csv', 'warehouse.duckdb']);
  });
});

describe('Sicherung und Wiederherstellung', () => {
  let s: Awaited<ReturnType<typeof demoServer>>;
  beforeAll(async () => {
    s = await demoServer();
  });
  afterAll(async () => {
    await s?.weg();
  });

  /** What a user sees: figures, forecasts, users and the audit. */
  const stand = async (wh: Warehouse, auditBis?: number) => ({
    abweichung: await wh.abfrage(`SELECT * FROM abweichung WHERE jahr = 2026 ORDER BY ALL`),
    finanzvolumen: await wh.abfrage(`SELECT * FROM finanzvolumen ORDER BY ALL`),
    prognosen: await wh.abfrage(`SELECT * FROM prognose_version JOIN prognose_wert USING (version_id) ORDER BY ALL`),
    benutzer: await wh.abfrage(`SELECT * FROM benutzer ORDER BY ALL`),
    audit: await wh.abfrage(`SELECT * FROM audit WHERE audit_id <= $bis ORDER BY audit_id`, { bis: auditBis ?? 1e12 }),
  });

  it('sichert bei laufendem Server (srb backup über die API), stellt wieder her und zeigt dasselbe', async () => {
    const url = s.server.url;
    const token = await anmelden(url, 'jugendamt', 'demo-jugendamt');
    const prognose = await fetch(`${url}/api/v1/prognosen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        jahr: 2026,
        sozialraum: 'konz',
        basisVersion: null,
        kommentar: 'vor der Sicherung',
        werte: [{ topf: 'variabel', monat: 11, betrag: '40000.00' }],
      }),
    });
    expect(prognose.status).toBe(201);
    const ordner = join(s.ordner, 'sicherungen');
    const db = join(s.ordner, 'warehouse.duckdb');
    // The server owns the file: srb backup says so and goes through the API, as an administrator.
    const admin = await anmelden(url, 'admin', 'demo-admin-1');
    const r = await srb({ env: { SRB_TOKEN: admin } }, 'backup', ordner, '--db', db, '--server', url);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [datei] = readdirSync(ordner).filter((n) => n.endsWith('.duckdb'));
    expect(readdirSync(ordner).sort()).toEqual([datei, `${datei}.sha256`]);
    const sicherung = join(ordner, datei!);
    // It holds every password and key hash: for the owner only (folder 0700 as srb created it, files 0600).
    expect(statSync(ordner).mode & 0o777).toBe(0o700);
    expect(statSync(sicherung).mode & 0o777).toBe(0o600);
    expect(statSync(`${sicherung}.sha256`).mode & 0o777).toBe(0o600);
    // Someone without the role gets no copy of the whole warehouse, a controller neither: it holds every password hash.
    for (const [wer, passwort] of [
      ['awo-konz', 'demo-awo-konz'],
      ['jugendamt', 'demo-jugendamt'],
    ]) {
      const t = await anmelden(url, wer!, passwort!);
      const a = await fetch(`${url}/api/v1/sicherungen`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
      expect(a.status, wer).toBe(403);
    }
    await s.server.beenden();

    const original = await oeffneWarehouse(db);
    const [b] = await original.abfrage(`SELECT max(audit_id) AS bis FROM audit WHERE aktion = 'sicherung'`);
    // the backup holds everything up to the moment of the copy: the audit up to just before its own row
    const soll = await stand(original, Number(b!.bis) - 1);
    original.schliessen();
    const ziel = join(s.ordner, 'wiederhergestellt', 'warehouse.duckdb');
    mkdirSync(join(s.ordner, 'wiederhergestellt'));
    const w = await srb({}, 'restore', sicherung, '--db', ziel);
    expect(w.stderr).toBe('');
    const wieder = await oeffneWarehouse(ziel);
    try {
      const ist = await stand(wieder, Number(b!.bis) - 1);
      expect(ist).toEqual(soll);
      expect(soll.prognosen.some((p) => p.kommentar === 'vor der Sicherung')).toBe(true);
      expect(await wieder.wert(`SELECT count(*) FROM audit WHERE aktion = 'wiederherstellung'`)).toBe('1');
      // The token signing key is not in the copy: it lies beside the server's file, readable by its owner only.
      expect(await wieder.wert(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schluessel'`)).toBe('0');
      expect(statSync(`${db}.schluessel`).mode & 0o777).toBe(0o600);
    } finally {
      wieder.schliessen();
    }

    // A damaged copy, a changed one and a foreign DuckDB file are refused; the warehouse stays.
    const vorher = readFileSync(ziel);
    const halb = join(s.ordner, 'halb.duckdb');
    writeFileSync(halb, readFileSync(sicherung).subarray(0, 100_000));
    const fremd = join(s.ordner, 'fremd.duckdb');
    const i = await DuckDBInstance.create(fremd);
    const c = await i.connect();
    await c.run('CREATE TABLE kunden (name VARCHAR)');
    c.closeSync();
    i.closeSync();
    const veraendert = join(s.ordner, 'veraendert.duckdb');
    copyFileSync(sicherung, veraendert);
    writeFileSync(`${veraendert}.sha256`, `${'0'.repeat(64)}  veraendert.duckdb\n`);
    for (const [datei2, grund] of [
      [halb, 'keine lesbare DuckDB-Datei'],
      [fremd, 'keine Sicherung eines Warehouses'],
      [veraendert, 'Prüfsumme stimmt nicht'],
    ] as const) {
      const f = await srb({}, 'restore', datei2, '--db', ziel);
      expect(f.code).toBe(1);
      expect(f.stderr).toContain('lässt sich nicht wiederherstellen');
      expect(f.stderr).toContain(grund);
    }
    expect(readFileSync(ziel).equals(vorher)).toBe(true);
    // restart for afterAll's cleanup
    s.server = await (
      await import('../api/index.ts')
    ).starteServer({ db, host: '127.0.0.1', port: 0, log: (await import('pino')).default({ level: 'silent' }) });
  }, 180_000);
});

describe('Sperre der Warehouse-Datei (aus dem Review)', () => {
  it('bleibt nach einer Sicherung bestehen: srb restore, ein zweiter Server, srb init kommen nicht neben dem Server an die Datei', async () => {
    const t = await neuesWarehouse();
    try {
      const { sichere } = await import('../warehouse/index.ts');
      // Another process opening the file for writing: refused while this one holds it.
      const versuche = async () =>
        (
          await promisify(execFile)(
            process.execPath,
            [
              '--input-type=module',
              '-e',
              `
        import { DuckDBInstance } from '@duckdb/node-api';
        try { const i = await DuckDBInstance.create(${JSON.stringify(t.wh.pfad)}); i.closeSync(); console.log('offen'); }
        catch (e) { console.log(/lock/i.test(String(e)) ? 'gesperrt' : String(e)); }`,
            ],
            { cwd: process.cwd(), encoding: 'utf8' },
          )
        ).stdout.trim();
      expect(await versuche(), 'vor der Sicherung').toBe('gesperrt');
      await sichere(t.wh, join(t.ordner, 'sicherungen'), 'test');
      // A copy made in this process would close a descriptor of the file, and POSIX drops the process's locks with it.
      expect(await versuche(), 'nach der Sicherung').toBe('gesperrt');
    } finally {
      t.weg();
    }
  });
});
