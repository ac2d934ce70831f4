import { execFile, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bis } from './warten.ts';
import { erstelleGrafik, GRAFIKEN, grafikKontext } from '../berichte/index.ts';
import { abweichungSpec, alsPng, alsSvg, faelleSpec, segmenteSpec, type Spezifikation } from '../grafiken/index.ts';
import { grafikdaten } from '../warehouse/index.ts';
import { fachcontrolling } from '../warehouse/index.ts';
import { anmelden, demoServer } from './api-helfer.ts';

// The charts as the steering bodies, the add-in and analysts see them: specs valid against the
// Vega-Lite schema that ships in the vega-lite package, rendered with German formats and the shipped
// font, the pack from the CLI, the same charts from the API under the same access rules.

const require = createRequire(import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const gueltig = ajv.compile(JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')));
const pruefe = (spec: unknown) => {
  const ok = gueltig(spec);
  expect(
    ok
      ? []
      : gueltig
          .errors!.slice(0, 3)
          .map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`),
  ).toEqual([]);
};

let s: Awaited<ReturnType<typeof demoServer>>;
let url: string;
const Q = { jahr: 2026, quartal: 3 };

beforeAll(async () => {
  s = await demoServer({ berichte: true });
  url = s.server.url;
});
afterAll(async () => {
  await s?.weg();
});

describe('Spezifikationen', () => {
  it('sind für jede Grafik, jeden Sozialraum und den Landkreis gültiges Vega-Lite', async () => {
    for (const g of GRAFIKEN) {
      for (const sozialraum of g.ebene === 'sozialraum'
        ? ['konz', 'schweich', 'hermeskeil', 'saarburg']
        : [undefined]) {
        const { spec, tabelle } = await erstelleGrafik(s.server.dienste.leser, g, {
          ...Q,
          ...(sozialraum ? { sozialraum } : {}),
        });
        expect(tabelle.zeilen.length, `${g.name} ${sozialraum}`).toBeGreaterThan(0);
        pruefe(spec);
      }
    }
  }, 60_000);

  it('Fachcontrolling im Paket: Fälle je Hilfeart und Segmentanteile sind gültiges Vega-Lite, verdeckte Anzahlen ohne Balken mit „<3“', async () => {
    const wh = s.server.dienste.leser;
    const jetzt = await fachcontrolling(wh, { ...Q, sozialraum: null }, 'true', false);
    const vorjahr = await fachcontrolling(wh, { jahr: 2025, quartal: 3, sozialraum: null }, 'true', false);
    for (const sr of ['konz', 'schweich', 'hermeskeil', 'saarburg']) {
      const spec = faelleSpec(
        [...vorjahr.zeilen, ...jetzt.zeilen].filter((z) => z.sozialraum === sr),
        grafikKontext(Q, sr),
      ) as Spezifikation & { title: { subtitle: string[] }; data: { values: Array<Record<string, unknown>> } };
      pruefe(spec);
      for (const v of spec.data.values) {
        expect(v.faelle === 1 || v.faelle === 2, `${sr} ${v.hilfeart}`).toBe(false);
        if (v.faelle === null) expect(String(v.beschriftung)).toMatch(/^<3/);
      }
      if (spec.data.values.some((v) => v.faelle === null))
        expect(spec.title.subtitle.at(-1)).toContain('kleinste_fallzahl = 3');
    }
    const jahr = await fachcontrolling(wh, { jahr: 2026, quartal: null, sozialraum: null }, 'true', false);
    pruefe(segmenteSpec(jahr.zeilen, grafikKontext(Q), new Map([['konz', 'Konz']])));
  }, 60_000);

  it('Grafikdaten: jede Abfrage liefert genau die Spalten ihres Zeilenschemas, in dessen Reihenfolge', async () => {
    const paare = [
      [grafikdaten.abweichung, grafikdaten.abweichungZeile],
      [grafikdaten.verlauf, grafikdaten.verlaufZeile],
      [grafikdaten.hilfearten, grafikdaten.hilfeartenZeile],
      [grafikdaten.praevention, grafikdaten.praeventionZeile],
      [grafikdaten.auslastung, grafikdaten.auslastungZeile],
      [grafikdaten.trend, grafikdaten.trendZeile],
    ] as const;
    for (const [abfrage, schema] of paare) {
      const t = await abfrage(s.server.dienste.leser, { ...Q, sozialraum: null }, 'true');
      expect(t.zeilen.length).toBeGreaterThan(0);
      expect(t.spalten).toEqual(Object.keys(schema.shape));
    }
  });

  it('entstehen als reine Funktion aus Zeilen: deutsche Titel, exakte Beträge, feste Farben je Status', () => {
    const zeile = (
      topf: string,
      status: grafikdaten.AbweichungZeile['status'],
      abweichung: string,
    ): grafikdaten.AbweichungZeile => ({
      sozialraum: 'konz',
      sozialraum_name: 'Konz',
      topf,
      topf_name: topf,
      reihenfolge: 1,
      budget: '1000000.00',
      ist_bis_stichtag: '700000.00',
      prognose_rest: '250000.05',
      davon_umschichtung: '0.00',
      hochrechnung: '950000.05',
      abweichung,
      abweichung_prozent: '4.99',
      status,
      prognose_methode: 'saisonal',
    });
    const spec = abweichungSpec(
      [zeile('personalisiert', 'knapp', '49999.95'), zeile('gesamt', 'nicht_auskoemmlich', '-0.01')],
      grafikKontext(Q, 'Konz'),
    ) as Spezifikation & {
      title: { text: string; subtitle: string[] };
      data: { values: Array<Record<string, unknown>> };
      layer: Array<{ encoding: { color?: { scale: { domain: string[]; range: string[] } } } }>;
    };
    pruefe(spec);
    expect(spec.title.text).toBe('Abweichung zum Quartalsende – Sozialraum Konz');
    expect(spec.title.subtitle[0]).toBe('3. Quartal 2026 (Stichtag 30.09.2026)');
    expect(spec.data.values.map((v) => v.beschriftung)).toEqual(['49.999,95\u00a0€ (4,99 %)', '-0,01\u00a0€ (4,99 %)']);
    expect(spec.data.values.map((v) => v.topf)).toEqual(['Personalisiert (Team)', 'Gesamt']);
    const farbe = spec.layer.find((l) => l.encoding.color)!.encoding.color!.scale;
    expect(farbe.domain).toEqual(['nicht auskömmlich', 'knapp', 'im Rahmen', 'freie Mittel']);
    expect(farbe.range[0]).toBe('#c0392b');
  });
});

describe('Darstellung', () => {
  it('zeichnet SVG mit deutschen Zahlen und Umlauten und ein PNG in doppelter Größe', async () => {
    const g = GRAFIKEN.find((x) => x.name === 'abweichung')!;
    const { spec } = await erstelleGrafik(s.server.dienste.leser, g, { ...Q, sozialraum: 'saarburg' });
    const svg = await alsSvg(spec);
    expect(svg).toContain('Abweichung zum Quartalsende – Sozialraum Saarburg');
    expect(svg).toMatch(/1\.000\.000\s€/);
    expect(svg).toContain('nicht auskömmlich');
    const png = await alsPng(svg);
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const breite = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(2 * breite);
  });
});

describe('API /grafiken', () => {
  const hole = (pfad: string, token: string, kopf: Record<string, string> = {}) =>
    fetch(`${url}/api/v1${pfad}`, { headers: { authorization: `Bearer ${token}`, ...kopf } });

  it('liefert SVG, PNG und die Spezifikation, mit ETag und 304', async () => {
    const t = await anmelden(url, 'jugendamt', 'demo-jugendamt');
    const svg = await hole('/grafiken/verlauf.svg?jahr=2026&quartal=3&sozialraum=konz', t);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('Verlauf 2026 – Sozialraum Konz');
    const png = await hole('/grafiken/trend.png?jahr=2026&quartal=3', t);
    expect(png.headers.get('content-type')).toBe('image/png');
    const spec = await hole('/grafiken/abweichung.vl.json?jahr=2026&quartal=3&sozialraum=konz', t);
    pruefe(await spec.json());
    const wieder = await hole('/grafiken/verlauf.svg?jahr=2026&quartal=3&sozialraum=konz', t, {
      'if-none-match': svg.headers.get('etag')!,
    });
    expect(wieder.status).toBe(304);
  });

  it('gilt mit denselben Zugriffsregeln: der Träger von Konz sieht nichts aus Saarburg', async () => {
    const t = await anmelden(url, 'awo-konz', 'demo-awo-konz');
    const fremd = await hole('/grafiken/abweichung.svg?jahr=2026&quartal=3&sozialraum=saarburg', t);
    expect(fremd.status).toBe(403);
    expect(((await fremd.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('saarburg');
    const vergleich = (await (await hole('/grafiken/sozialraeume.vl.json?jahr=2026&quartal=3', t)).json()) as {
      data: { values: Array<{ sozialraum: string }> };
    };
    expect([...new Set(vergleich.data.values.map((v) => v.sozialraum))]).toEqual(['Konz']);
    expect((await hole('/grafiken/pakete', t)).status).toBe(403);
  });

  it('sagt auf Deutsch, was fehlt oder falsch ist', async () => {
    const t = await anmelden(url, 'jugendamt', 'demo-jugendamt');
    const ohne = await hole('/grafiken/abweichung.svg?jahr=2026&quartal=3', t);
    expect(ohne.status).toBe(400);
    expect(((await ohne.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Parameter sozialraum fehlt',
    );
    expect((await hole('/grafiken/gibtsnicht.svg?jahr=2026&quartal=3', t)).status).toBe(400);
    const leer = await hole('/grafiken/abweichung.svg?jahr=2030&quartal=1&sozialraum=konz', t);
    expect(leer.status).toBe(404);
    expect(((await leer.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('keine Zahlen');
  });

  it('erstellt das Quartalspaket selbst (srb serve --berichte) und listet es', async () => {
    const t = await anmelden(url, 'jugendamt', 'demo-jugendamt');
    type Liste = { pakete: Array<{ quartal: string; url: string; dateien: number; erstellt: string }> };
    // A build takes 5 s on a quiet machine and several times that on a busy one: the test waits for the pack.
    const bisPaket = async (fertig: (l: Liste) => boolean): Promise<Liste> => {
      let l: Liste = { pakete: [] };
      await bis(async () => fertig((l = (await (await hole('/grafiken/pakete', t)).json()) as Liste)), 250);
      return l;
    };
    const liste = await bisPaket((l) => l.pakete.length > 0);
    expect(liste.pakete[0]).toMatchObject({ quartal: '2026-Q3', url: '/api/v1/grafiken/pakete/2026-Q3/index.html' });
    const seite = await fetch(`${url}${liste.pakete[0]!.url}`, { headers: { authorization: `Bearer ${t}` } });
    expect(seite.headers.get('content-type')).toContain('text/html');
    expect(await seite.text()).toContain('Quartalsbericht Sozialraumbudgets – 3. Quartal 2026');

    // A late payment booked in September changes the closed quarter: its pack is built again.
    const vorher = liste.pakete[0]!.erstellt;
    const form = new FormData();
    form.append(
      'datei',
      new Blob([
        'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n15.09.2026;konz;asd;Beratungsstelle;;;250.000,00\n',
      ]),
      'zahlungen_nachtrag.csv',
    );
    expect(
      (await fetch(`${url}/api/v1/importe`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, body: form }))
        .status,
    ).toBe(201);
    const danach = (await bisPaket((l) => l.pakete[0]!.erstellt !== vorher)).pakete[0]!.erstellt;
    const csv = await (
      await fetch(`${url}/api/v1/grafiken/pakete/2026-Q3/konz_abweichung.csv`, {
        headers: { authorization: `Bearer ${t}` },
      })
    ).text();
    const asd = csv.split('\n').find((z) => z.startsWith('konz;Konz;asd;'))!;
    expect(asd).toBeDefined();

    // An Umschichtung counts back to the quarter it was decided on: that pack is built again too.
    const umschichtung = await fetch(`${url}/api/v1/umschichtungen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        jahr: 2026,
        sozialraum: 'saarburg',
        topf: 'variabel',
        betrag: '1000.00',
        gremium: 'Lenkungsgruppe',
        beschlussdatum: '2026-10-20',
        kommentar: 'Prävention',
      }),
    });
    expect(umschichtung.status).toBe(201);
    await bisPaket((l) => l.pakete[0]!.erstellt !== danach);
    const praevention = await (
      await fetch(`${url}/api/v1/grafiken/pakete/2026-Q3/saarburg_praevention.csv`, {
        headers: { authorization: `Bearer ${t}` },
      })
    ).text();
    expect(praevention).toContain(';1000,00;');
  }, 600_000);
});

describe('srb report --quarter', () => {
  const ausfuehren = promisify(execFile);
  const wurzel = join(import.meta.dirname, '..');
  let ordner: string;
  const srb = async (...args: string[]) => {
    try {
      const r = await ausfuehren(
        process.execPath,
        [join(wurzel, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(wurzel, 'cli', 'srb.ts'), ...args],
        { cwd: ordner },
      );
      return { code: 0, ...r };
    } catch (e) {
      return e as { code: number; stdout: string; stderr: string };
    }
  };
  beforeAll(() => {
    ordner = mkdtempSync(join(tmpdir(), 'srb-report-'));
  });
  afterAll(() => rmSync(ordner, { recursive: true, force: true }));

  it('schreibt das ganze Paket, wieder und wieder gleich, und sagt klar, wenn ein Quartal keine Zahlen hat', async () => {
    // The demo county as the run loaded it once (srb demo itself is tested in cli.test.ts).
    const db = join(ordner, 'wh.duckdb');
    copyFileSync(inject('demoVorlage'), db);
    const aus = join(ordner, 'paket');
    const r = await srb('report', '--db', db, '--quarter', 'latest', '--out', aus);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Grafikpaket 2026-Q3: 111 Dateien für 4 Sozialräume');
    const dateien = readdirSync(aus).sort();
    for (const sr of ['konz', 'schweich', 'hermeskeil', 'saarburg']) {
      for (const g of GRAFIKEN.filter((x) => x.ebene === 'sozialraum')) {
        for (const e of ['svg', 'png', 'vl.json', 'csv']) expect(dateien).toContain(`${sr}_${g.name}.${e}`);
      }
    }
    expect(dateien).toContain('landkreis_trend.png');
    // Fachcontrolling (§8) under the small-number protection (§9): the pack goes to the steering bodies.
    for (const d of ['konz_faelle.png', 'konz_faelle.csv', 'landkreis_segmente.svg', 'landkreis_wirkungskontrolle.csv'])
      expect(dateien).toContain(d);
    const [kopf, ...reihen] = readFileSync(join(aus, 'landkreis_wirkungskontrolle.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .map((z) => z.split(';'));
    const faelle = kopf!.indexOf('faelle');
    expect(reihen.map((z) => z[faelle])).toContain('<3');
    expect(reihen.some((z) => z[faelle] === '1' || z[faelle] === '2')).toBe(false);
    const html = readFileSync(join(aus, 'index.html'), 'utf8');
    expect(html).toContain('Sozialraum Ruwer / Schweich / Trier-Land');
    expect(html).toContain('@media print');
    // The open points as a table page, counted per rule with what to do, without pseudonyms.
    expect(html).toContain('<h2 id="offene-punkte">Offene Punkte</h2>');
    expect(html).toContain('<h2 id="wirkungskontrolle">Wirkungskontrolle 2026</h2>');
    expect(html).toContain('Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl = 3');
    expect(html).toMatch(
      /<td>Kontrakte<\/td><td>nur jugendamt<\/td><td class="zahl">(\d+|&#60;3)<\/td><td>Beim Träger nachfragen/,
    );
    expect(html).not.toMatch(/K-20\d\d-\d{4}|MA-[A-Z]{2}-\d{3}/);
    expect(readFileSync(join(aus, 'offene_punkte.csv'), 'utf8')).toContain('sozialraum;thema;regel;anzahl;massnahme');
    expect(readFileSync(join(aus, 'konz_abweichung.csv'), 'utf8')).toMatch(/;\d+,\d{2};/);
    const vorher = statSync(join(aus, 'index.html')).size;
    // A chart file no longer in the pack goes; the user's own files in the folder stay.
    writeFileSync(join(aus, 'altort_abweichung.svg'), '<svg/>');
    writeFileSync(join(aus, 'notiz.txt'), 'für die Lenkungsgruppe');
    // A build killed hard (kill -9) left its building folder: the next build removes it.
    const tot = join(aus, `.entstehung-${spawnSync('true').pid}`);
    mkdirSync(tot);
    writeFileSync(join(tot, 'konz_abweichung.svg'), '<svg');
    expect((await srb('report', '--db', db, '--quarter', '2026-Q3', '--out', aus)).code).toBe(0);
    expect(readdirSync(aus).sort()).toEqual([...dateien, 'notiz.txt'].sort());
    expect(statSync(join(aus, 'index.html')).size).toBe(vorher);
    const leer = await srb('report', '--db', db, '--quarter', '2027-Q1', '--out', join(ordner, 'leer'));
    expect(leer.code).toBe(1);
    expect(leer.stderr).toContain('Für das 1. Quartal 2027 gibt es keine Zahlen');
    expect(existsSync(join(ordner, 'leer', 'index.html'))).toBe(false);
  });
});
