import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { KOPF_LEISTUNGEN } from './helfer.ts';

// The command line as a user runs it: a real process on a real DuckDB file.
const ausfuehren = promisify(execFile);
const wurzel = join(import.meta.dirname, '..');
let ordner: string;
let db: string;

async function srb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await ausfuehren(
      process.execPath,
      [join(wurzel, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(wurzel, 'cli', 'srb.ts'), ...args],
      { cwd: ordner },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const f = e as { code: number; stdout: string; stderr: string };
    return { code: f.code, stdout: f.stdout, stderr: f.stderr };
  }
}

/** Tables srb sql does not show (the audit), read beside the CLI the way an operator's tool would. */
async function lies(datei: string, abfrage: string): Promise<Array<Record<string, unknown>>> {
  const inst = await DuckDBInstance.create(datei, { access_mode: 'READ_ONLY' });
  const v = await inst.connect();
  try {
    return (await v.runAndReadAll(abfrage)).getRowObjectsJson() as Array<Record<string, unknown>>;
  } finally {
    // Both closed, or the file stays locked for the next srb that wants to write.
    v.closeSync();
    inst.closeSync();
  }
}

beforeAll(() => {
  ordner = mkdtempSync(join(tmpdir(), 'srb-cli-'));
  db = join(ordner, 'wh.duckdb');
});
afterAll(() => rmSync(ordner, { recursive: true, force: true }));

describe('srb ingest', () => {
  it('lädt gute Dateien mit Exit 0, lehnt schlechte mit Exit 1 und deutschem Bericht ab', async () => {
    const gut = join(ordner, 'gut.csv');
    writeFileSync(gut, `${KOPF_LEISTUNGEN}\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;02.09.2024;2,5;MA-1;ja\n`);
    const schlecht = join(ordner, 'schlecht.csv');
    writeFileSync(
      schlecht,
      `${KOPF_LEISTUNGEN}\ncaritas-trier;Trier;K-1;F-1;§31;fallspezifisch;02.09.2024;2,5;MA-1;ja\n`,
    );
    const a = await srb('ingest', '--db', db, gut);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('gut.csv: 1 Zeile leistungen geladen.');
    const b = await srb('ingest', '--db', db, gut, schlecht);
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('gut.csv: bereits geladen');
    expect(b.stderr).toContain(
      'schlecht.csv, Zeile 2, Spalte „sozialraum“, Wert „Trier“: ist kein Sozialraum des Landkreises',
    );
    expect(b.stderr).toContain('Quarantäne');
    const c = await srb('ingest', '--db', db, '--json', schlecht);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout)[0]).toMatchObject({
      status: 'abgelehnt',
      fehler: [{ zeile: 2, spalte: 'sozialraum', wert: 'Trier' }],
    });
  });

  it('sagt bei unbekannten Optionen und ohne Dateien, was fehlt', async () => {
    expect((await srb('ingest', '--db', db)).stderr).toContain('Keine Datei angegeben');
    const r = await srb('ingest', '--gibtsnicht');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('srb ingest [--db PFAD]');
    // A file that is not there: German, no stack (from the review).
    const fehlt = await srb('ingest', '--db', db, join(ordner, 'gibt-es-nicht.csv'));
    expect(fehlt.code).toBe(2);
    expect(fehlt.stderr).toContain('gibt-es-nicht.csv“ gibt es nicht');
    expect(fehlt.stderr).not.toContain('Unerwarteter Fehler');
  });
});

describe('srb sql', () => {
  it('antwortet als Tabelle, CSV und JSON; Text, den Excel ausführen würde, bleibt in CSV Text', async () => {
    const formel = join(ordner, 'formel.csv');
    writeFileSync(
      formel,
      'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n05.03.2025;saarburg;variabel;Praxis;K-7;30;-1.234,50\n',
    );
    expect((await srb('ingest', '--db', db, formel)).code).toBe(0);
    const abfrage = `SELECT '=HYPERLINK("http://x")' AS empfaenger, sum(betrag) AS betrag, sozialraum FROM verbrauch WHERE topf = 'variabel' GROUP BY sozialraum`;
    const tabelle = await srb('sql', '--db', db, abfrage);
    expect(tabelle.stdout).toMatch(/=HYPERLINK\("http:\/\/x"\)\s+-1\.234,5000\s+saarburg/);
    const csv = await srb('sql', '--db', db, '--format', 'csv', abfrage);
    expect(csv.stdout).toBe(`empfaenger;betrag;sozialraum\n"'=HYPERLINK(""http://x"")";-1234,5000;saarburg\n`);
    const json = await srb('sql', '--db', db, '--format', 'json', abfrage);
    expect(JSON.parse(json.stdout)).toEqual([
      { empfaenger: '=HYPERLINK("http://x")', betrag: '-1234.5000', sozialraum: 'saarburg' },
    ]);
  });

  it('liest nur die dokumentierten Sichten, nur lesend: keine Tabellen, kein Schreiben, keine Dateien, kein ATTACH, keine Einstellungen', async () => {
    for (const [abfrage, meldung] of [
      ['DELETE FROM zahlung', 'Nur lesende Abfragen'],
      ['SELECT * FROM zahlung', '„zahlung“ ist für Ad-hoc-Abfragen nicht freigegeben'],
      ['SELECT wert FROM SCHLUESSEL', '„schluessel“ ist für Ad-hoc-Abfragen nicht freigegeben'],
      ["SELECT nextval('ladung_seq')", 'nextval() ist in Ad-hoc-Abfragen nicht erlaubt'],
      ["SELECT * FROM read_csv('/etc/passwd')", 'read_csv() ist in Ad-hoc-Abfragen nicht erlaubt'],
      ['SELECT 1; DROP TABLE zahlung', 'Genau eine Abfrage'],
    ]) {
      const r = await srb('sql', '--db', db, abfrage!);
      expect(r.code, abfrage).toBe(1);
      expect(r.stderr, abfrage).toContain(meldung);
    }
    expect(
      (await srb('sql', '--db', db, '--format', 'json', "SELECT count(*) AS n FROM verbrauch WHERE topf = 'variabel'"))
        .stdout,
    ).toContain('"n": "1"');
    const audit = await lies(db, "SELECT count(*) AS n FROM audit WHERE aktion = 'sql'");
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(7);
  }, 240_000);
});

describe('srb abfrage', () => {
  it('speichert, listet und löscht gespeicherte Abfragen; sagt auf Deutsch, was an Name, Abfrage und Aktion fehlt', async () => {
    const datei = join(ordner, 'abfragen.duckdb');
    const sql = 'SELECT jahr, topf, sum(betrag) AS betrag FROM verbrauch WHERE jahr = $jahr GROUP BY ALL';
    const gespeichert = await srb(
      'abfrage',
      'speichern',
      'verbrauch-je-topf',
      sql,
      '--beschreibung',
      'Power BI',
      '--db',
      datei,
    );
    expect(gespeichert.code, gespeichert.stderr).toBe(0);
    expect(gespeichert.stdout).toBe(
      'Gespeichert: verbrauch-je-topf, Parameter jahr. Abruf: GET /api/v1/abfragen/verbrauch-je-topf.csv\n',
    );
    const ohneParameter = await srb(
      'abfrage',
      'speichern',
      'sozialraeume',
      'SELECT DISTINCT sozialraum FROM verbrauch',
      '--db',
      datei,
    );
    expect(ohneParameter.stdout).toBe('Gespeichert: sozialraeume. Abruf: GET /api/v1/abfragen/sozialraeume.csv\n');

    const liste = await srb('abfrage', 'list', '--db', datei);
    expect(liste.code, liste.stderr).toBe(0);
    expect(liste.stdout).toContain(`verbrauch-je-topf ($jahr): Power BI\n  ${sql}\n`);
    expect(liste.stdout).toContain('sozialraeume: \n  SELECT DISTINCT sozialraum FROM verbrauch\n');

    // A name that cannot be part of the address: refused with what a name may hold, nothing saved.
    const falsch = await srb('abfrage', 'speichern', 'Verbrauch je Topf', sql, '--db', datei);
    expect(falsch.code).toBe(1);
    expect(falsch.stderr).toContain(
      'Der Name „Verbrauch je Topf“ geht nicht: Kleinbuchstaben, Ziffern, _ und -, höchstens 63 Zeichen (er wird Teil der Adresse).',
    );
    expect(falsch.stderr).not.toContain('Unerwarteter Fehler');
    // What the sandbox refuses to run is refused to save too.
    const schreibend = await srb('abfrage', 'speichern', 'weg', 'DELETE FROM zahlung', '--db', datei);
    expect(schreibend.code).toBe(1);
    expect(schreibend.stderr).toContain('Nur lesende Abfragen');
    const ohneSql = await srb('abfrage', 'speichern', 'leer', '--db', datei);
    expect(ohneSql.code).toBe(2);
    expect(ohneSql.stderr).toContain('Die Abfrage fehlt.');
    expect((await srb('abfrage', 'loeschen', '--db', datei)).stderr).toContain('Name fehlt.');
    expect((await srb('abfrage', 'umbenennen', 'x', '--db', datei)).stderr).toContain(
      'Unbekannte Aktion „umbenennen“: speichern, list oder loeschen.',
    );

    const geloescht = await srb('abfrage', 'loeschen', 'sozialraeume', '--db', datei);
    expect(geloescht.code, geloescht.stderr).toBe(0);
    expect(geloescht.stdout).toBe('Gelöscht: sozialraeume.\n');
    const nochmal = await srb('abfrage', 'loeschen', 'sozialraeume', '--db', datei);
    expect(nochmal.code).toBe(1);
    expect(nochmal.stderr).toContain('Eine gespeicherte Abfrage „sozialraeume“ gibt es nicht.');
    const danach = await srb('abfrage', 'list', '--db', datei);
    expect(danach.stdout).toContain('verbrauch-je-topf ($jahr)');
    expect(danach.stdout).not.toContain('sozialraeume');

    // Every change is in the audit.
    const audit = await lies(datei, "SELECT aktion, objekt FROM audit WHERE aktion LIKE 'abfrage_%' ORDER BY audit_id");
    expect(audit.map((z) => `${z.aktion} ${z.objekt}`)).toEqual([
      'abfrage_speichern verbrauch-je-topf',
      'abfrage_speichern sozialraeume',
      'abfrage_loeschen sozialraeume',
    ]);
  }, 240_000);
});

describe('srb export', () => {
  it('schreibt Parquet, nach jahr partitioniert, das DuckDB wieder liest', async () => {
    const ziel = join(ordner, 'parquet');
    const r = await srb('export', '--db', db, '--parquet', ziel);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(ziel, 'verbrauch'))).toContain('jahr=2024');
    const instanz = await DuckDBInstance.create(':memory:');
    const v = await instanz.connect();
    const z = await v.runAndReadAll(
      `SELECT jahr, sum(stunden) AS stunden FROM read_parquet('${ziel}/verbrauch/*/*.parquet', hive_partitioning = true) GROUP BY jahr ORDER BY jahr`,
    );
    expect(z.getRowObjectsJson()).toEqual([
      { jahr: '2024', stunden: '2.50' },
      { jahr: '2025', stunden: null },
    ]);
    v.closeSync();
    instanz.closeSync();
  });
});

describe('srb demo und srb abweichung', () => {
  it('lädt die Demodaten und zeigt die Abweichung des letzten abgeschlossenen Quartals', async () => {
    const demoDb = join(ordner, 'demo', 'warehouse.duckdb');
    const d = await srb('demo', '--db', demoDb);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/Demodaten: \d+ Dateien .*, \d+ im Warehouse geladen/);
    const r = await srb('abweichung', '--db', demoDb);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Abweichung zum Quartalsende \d\/\d{4} \(Stichtag \d\d\.\d\d\.\d{4}\)/);
    for (const sozialraum of ['konz', 'schweich', 'hermeskeil', 'saarburg']) {
      for (const topf of ['personalisiert', 'variabel', 'asd', 'gesamt'])
        expect(r.stdout).toMatch(new RegExp(`${sozialraum}\\s+${topf}\\s+[\\d.]+,\\d\\d €`));
    }
    expect(r.stdout).toContain('freie_mittel');
    expect(r.stdout).toContain('nicht_auskoemmlich');
    // The same demo again changes nothing: every file is recognised as already loaded.
    const wieder = await srb('demo', '--db', demoDb);
    expect(wieder.code).toBe(0);
    expect((await srb('abweichung', '--db', demoDb)).stdout).toBe(r.stdout);
    const q = await srb('abweichung', '--db', demoDb, '--quartal', '2025-Q2');
    expect(q.stdout).toContain('Abweichung zum Quartalsende 2/2025 (Stichtag 30.06.2025)');
    expect((await srb('abweichung', '--db', demoDb, '--quartal', '2025-5')).stderr).toContain(
      'Quartal „2025-5“ nicht verstanden',
    );
  }, 300_000);

  it('schreibt die Spitzabrechnung des Vorjahres und führt Umschichtungen (srb report, srb umschichtung)', async () => {
    const demoDb = join(ordner, 'demo', 'warehouse.duckdb'); // loaded by the test above
    const vorjahr = new Date().getFullYear() - 1;
    const r = await srb(
      'report',
      '--jahresabrechnung',
      String(vorjahr),
      '--db',
      demoDb,
      '--out',
      join(ordner, 'berichte'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(ordner, 'berichte')).sort()).toEqual([
      `jahresabrechnung_${vorjahr}.csv`,
      `jahresabrechnung_${vorjahr}.html`,
      `jahresabrechnung_${vorjahr}_befunde.csv`,
    ]);
    expect((await srb('report', '--db', demoDb)).code).toBe(2);
    const zu = await srb(
      'umschichtung',
      'add',
      '--db',
      demoDb,
      '--jahr',
      String(vorjahr),
      '--sozialraum',
      'saarburg',
      '--topf',
      'variabel',
      '--betrag',
      '1000,00',
      '--gremium',
      'Lenkungsgruppe',
      '--beschlussdatum',
      `${vorjahr}-10-01`,
    );
    expect(zu.code).toBe(1);
    expect(zu.stderr).toContain(`Das Jahr ${vorjahr} ist abgeschlossen`);
    expect((await srb('umschichtung', 'add', '--db', demoDb, '--jahr', String(vorjahr))).stderr).toContain(
      'Es fehlt: --sozialraum',
    );
    const liste = await srb('umschichtung', 'list', '--db', demoDb, '--format', 'csv');
    expect(liste.code, liste.stderr).toBe(0);
    expect(liste.stdout.split('\n')[0]).toBe(
      'umschichtung_id;jahr;sozialraum;topf;betrag;gremium;beschlussdatum;kommentar;ueberschreitung_begruendung;autor;zeitpunkt',
    );
  });

  it('zeigt die Herkunft einer Zahl als Tabelle und als CSV; die Summe ist die Zahl aus srb abweichung (srb herkunft)', async () => {
    const demoDb = join(ordner, 'demo', 'warehouse.duckdb'); // loaded by the test above
    const abw = await srb('abweichung', '--db', demoDb, '--quartal', '2025-Q2');
    const ist = abw.stdout
      .split('\n')
      .find((z) => /^schweich\s+variabel\s/.test(z))!
      .split(/\s{2,}/)[3]!;
    const r = await srb(
      'herkunft',
      '--db',
      demoDb,
      '--kennzahl',
      'abweichung',
      '--jahr',
      '2025',
      '--quartal',
      '2',
      '--sozialraum',
      'schweich',
      '--topf',
      'variabel',
      '--pro-seite',
      '3',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Herkunft von abweichung.ist_bis_stichtag: ${ist}`);
    expect(r.stdout).toMatch(new RegExp(`Summe der \\d+ Zeilen: ${ist.replace(/\./g, '\\.')} \\(stimmt\\)`));
    expect(r.stdout).toMatch(/leistungen_\S+_2025\.csv\s+\d+\s+traeger:/);
    const csv = await srb(
      'herkunft',
      '--db',
      demoDb,
      '--kennzahl',
      'abweichung',
      '--jahr',
      '2025',
      '--quartal',
      '2',
      '--sozialraum',
      'schweich',
      '--topf',
      'variabel',
      '--pro-seite',
      '3',
      '--csv',
    );
    const zeilen = csv.stdout.trim().split('\n');
    expect(zeilen[0]).toBe(
      'datei;zeile;absender;geladen_am;quelle;jahr;monat;datum;sozialraum;topf;traeger;hilfeart;segment;stunden;betrag;ladung_id;ersetzt_durch;ersetzt_durch_datei;ersetzt_am',
    );
    expect(zeilen).toHaveLength(4);
    const falsch = await srb('herkunft', '--db', demoDb, '--kennzahl', 'kasse', '--jahr', '2025');
    expect(falsch.code).not.toBe(0);
    expect(falsch.stderr).toContain('--kennzahl „kasse“ gibt es nicht');
  }, 120_000);

  it('zeigt die Kontraktzeilen hinter einer Fachcontrolling-Zahl; ohne --exakt nur gezeigte Zellen und ohne Einzelheiten (srb herkunft --kennzahl fachcontrolling)', async () => {
    const demoDb = join(ordner, 'demo', 'warehouse.duckdb');
    const zelle = await srb(
      'sql',
      '--db',
      demoDb,
      '--exakt',
      '--format',
      'csv',
      "SELECT faelle, beendete_hilfen FROM fachcontrolling WHERE jahr = 2026 AND quartal = 3 AND sozialraum = 'konz' AND hilfeart = 'gesamt'",
    );
    const [faelle, beendete] = zelle.stdout.trim().split('\n')[1]!.split(';');
    const fach = (...mehr: string[]) =>
      srb('herkunft', '--db', demoDb, '--kennzahl', 'fachcontrolling', '--jahr', '2026', '--quartal', '3', ...mehr);
    const r = await fach('--sozialraum', 'konz', '--spalte', 'faelle', '--exakt', '--pro-seite', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Herkunft von fachcontrolling.faelle: ${faelle}`);
    expect(r.stdout).toContain(`Gezählte Zeilen: ${faelle} (stimmt)`);
    expect(r.stdout).toMatch(/kontrakte\S*\.(csv|xlsx)\s+\d+\s+jugendamt/);
    const csv = await fach(
      '--sozialraum',
      'konz',
      '--spalte',
      'beendete_hilfen',
      '--exakt',
      '--pro-seite',
      '1000',
      '--csv',
    );
    expect(csv.code, csv.stderr).toBe(0);
    const zeilen = csv.stdout.trim().split('\n');
    expect(zeilen[0]).toBe(
      'datei;zeile;absender;geladen_am;sozialraum;hilfeart;traeger;beginn;ende;beendigungsgrund;zielerreichung;ladung_id',
    );
    expect(zeilen).toHaveLength(Number(beendete) + 1);
    // As the analysts see it: the count, no rows; a cell the protection hides is refused.
    const geschuetzt = await fach('--sozialraum', 'konz', '--spalte', 'faelle');
    expect(geschuetzt.code, geschuetzt.stderr).toBe(0);
    expect(geschuetzt.stdout).toContain(`davon ohne Einzelheiten (Schutz kleiner Fallzahlen): ${faelle} Zeilen`);
    const verdeckt = await srb(
      'sql',
      '--db',
      demoDb,
      '--format',
      'csv',
      "SELECT hilfeart, unterdrueckt FROM fachcontrolling WHERE jahr = 2026 AND quartal = 3 AND sozialraum = 'konz' AND unterdrueckt LIKE '%beendete_hilfen%' ORDER BY hilfeart LIMIT 1",
    );
    const [hilfeart] = verdeckt.stdout.trim().split('\n')[1]!.split(';');
    const nein = await fach('--sozialraum', 'konz', '--hilfeart', hilfeart!, '--spalte', 'beendete_hilfen');
    expect(nein.code).not.toBe(0);
    expect(nein.stderr).toContain('Schutz kleiner Fallzahlen');
  }, 120_000);
});

describe('srb user und der laufende Server', () => {
  it('legt Zugänge an (Passwort nur über stdin), listet und sperrt sie', async () => {
    const db2 = join(ordner, 'zugang.duckdb');
    const mitStdin = (args: string[], eingabe: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((fertig) => {
        const p = execFile(
          process.execPath,
          [join(wurzel, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(wurzel, 'cli', 'srb.ts'), ...args],
          { cwd: ordner },
          (e, stdout, stderr) => fertig({ code: e ? (e as { code: number }).code : 0, stdout, stderr }),
        );
        p.stdin!.end(eingabe);
      });
    const a = await mitStdin(
      [
        'user',
        'add',
        'ctrl-konz',
        '--role',
        'traeger_controller',
        '--sozialraum',
        'konz',
        '--traeger',
        'awo-trier-saarburg',
        '--password-stdin',
        '--db',
        db2,
      ],
      'ein-langes-passwort\n',
    );
    expect(a.code, a.stderr).toBe(0);
    const ohne = await srb('user', 'add', 'x', '--role', 'analyst', '--db', db2);
    expect(ohne.stderr).toContain('--password-stdin');
    const falsch = await mitStdin(
      ['user', 'add', 'y', '--role', 'chef', '--password-stdin', '--db', db2],
      'ein-langes-passwort',
    );
    expect(falsch.stderr).toContain('Unbekannte Rolle „chef“');
    expect((await srb('user', 'disable', 'ctrl-konz', '--db', db2)).code).toBe(0);
    const liste = await srb('user', 'list', '--db', db2);
    expect(liste.stdout).toMatch(/ctrl-konz\s+traeger_controller\s+konz\s+awo-trier-saarburg gesperrt/);
    const audit = await lies(db2, "SELECT aktion, objekt FROM audit WHERE aktion LIKE 'benutzer%' ORDER BY audit_id");
    expect(audit).toEqual([
      { aktion: 'benutzer_anlegen', objekt: 'ctrl-konz' },
      { aktion: 'benutzer_sperren', objekt: 'ctrl-konz' },
    ]);
  });

  it('sagt bei laufendem Server klar, wie ingest und sql über ihn gehen', async () => {
    const { starteServer } = await import('../api/index.ts');
    const pino = (await import('pino')).default;
    const db3 = join(ordner, 'server.duckdb');
    const server = await starteServer({ db: db3, host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }) });
    try {
      const r = await srb('sql', '--db', db3, 'SELECT 1');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('wird gerade von einem anderen Prozess benutzt, meist vom laufenden Server');
      expect(r.stderr).toContain('/api/v1/importe');
      expect(r.stderr).not.toMatch(/lock|Conflicting/i);
    } finally {
      await server.beenden();
    }
  });
});
