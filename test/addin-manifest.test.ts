import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDIN_ZIEL as DIST, BEFEHLE, manifest } from '../bau/index.ts';
import { OpenAPIHono } from '@hono/zod-openapi';
import { addinSeiten, OFFICE_JS_CDN } from '../api/index.ts';
import { demoServer } from './api-helfer.ts';

const PRUEFER = 'tools/office-manifest-schemas/validate-manifest.sh';
const pruefe = (datei: string) => spawnSync('bash', [PRUEFER, datei], { encoding: 'utf8' });

describe('manifest.xml', () => {
  it('ist das Manifest, das srb manifest für https://localhost:3000 schreibt', () => {
    expect(readFileSync('manifest.xml', 'utf8')).toBe(manifest('https://localhost:3000'));
  });

  it('ist gültig nach Microsofts Manifest-Schemas (offline mit xmllint), auch für einen Produktionsserver', () => {
    const ordner = mkdtempSync(join(tmpdir(), 'srb-manifest-'));
    const produktion = join(ordner, 'manifest.xml');
    execFileSync('npx', [
      'tsx',
      'cli/srb.ts',
      'manifest',
      '--base-url',
      'https://controlling.trier-saarburg.de',
      '--out',
      produktion,
    ]);
    expect(readFileSync(produktion, 'utf8')).toContain(
      '<SourceLocation DefaultValue="https://controlling.trier-saarburg.de/addin/taskpane.html"/>',
    );
    for (const datei of ['manifest.xml', produktion]) {
      const r = pruefe(datei);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('würde ein kaputtes Manifest ablehnen (der Prüfer prüft wirklich)', () => {
    const ordner = mkdtempSync(join(tmpdir(), 'srb-manifest-'));
    const kaputt = join(ordner, 'kaputt.xml');
    execFileSync('bash', ['-c', `sed 's/resid="Icon.80"/resid="Icon.81"/' manifest.xml > ${kaputt}`]);
    expect(pruefe(kaputt).status).toBe(1);
  });

  it('nennt Icons, Seite und Formel-Metadaten, die der Build wirklich erzeugt, als echte PNG in der genannten Größe', () => {
    const text = readFileSync('manifest.xml', 'utf8');
    const adressen = [...text.matchAll(/https:\/\/localhost:3000\/addin\/([\w.-]+)/g)].map((m) => m[1]!);
    expect(new Set(adressen)).toEqual(
      new Set([
        'icon-16.png',
        'icon-32.png',
        'icon-64.png',
        'icon-80.png',
        'taskpane.html',
        'taskpane.js',
        'functions.json',
        'functions.en-US.json',
      ]),
    );
    for (const n of [16, 32, 64, 80]) {
      const png = readFileSync(join(DIST, `icon-${n}.png`));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([n, n]);
    }
  });

  it('hat Formel-Metadaten aus dem JSDoc, deutsch mit englischer Überschreibung, und Befehle, die das Bündel registriert', () => {
    const de = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as {
      functions: Array<{
        id: string;
        description: string;
        parameters: Array<{ name: string; optional?: boolean }>;
        options?: object;
      }>;
    };
    const en = JSON.parse(readFileSync(join(DIST, 'functions.en-US.json'), 'utf8')) as typeof de;
    expect(de.functions.map((f) => f.id)).toEqual(['FINANZVOLUMEN', 'IST', 'PROGNOSE', 'ABWEICHUNG', 'FAELLE']);
    expect(de.functions[4]!.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ['sozialraum', false],
      ['jahr', false],
      ['quartal', false],
      ['hilfeart', true],
    ]);
    expect(de.functions[4]!.description).toContain('Schutz kleiner Fallzahlen');
    expect(de.functions[1]!.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ['sozialraum', false],
      ['jahr', false],
      ['bis_monat', false],
      ['topf', true],
    ]);
    expect(de.functions[0]!.description).toBe('Finanzvolumen eines Sozialraums in einem Jahr.');
    expect(en.functions[0]!.description).toBe('Budget volume of a social space in a year.');
    expect(de.functions.every((f) => JSON.stringify(f.options) === '{"stream":true,"cancelable":true}')).toBe(true);
    const buendel = readFileSync(join(DIST, 'taskpane.js'), 'utf8');
    for (const b of BEFEHLE) expect(buendel).toContain(`"${b.funktion}"`);
  });
});

describe('Add-in-Seiten des Servers', () => {
  let s: Awaited<ReturnType<typeof demoServer>>;
  beforeAll(async () => {
    s = await demoServer();
  }, 180_000);
  afterAll(async () => {
    await s.weg();
  });

  it('liefert den Aufgabenbereich mit Office.js vom eigenen Server, wenn er ohne Internet läuft', async () => {
    const seite = await (await fetch(`${s.server.url}/addin/taskpane.html`)).text();
    expect(seite).toContain('<script src="/addin/office-js/office.js"></script>');
    expect(seite).not.toContain(OFFICE_JS_CDN);
    const office = await fetch(`${s.server.url}/addin/office-js/office.js`);
    expect(office.status).toBe(200);
    expect((await office.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(`${s.server.url}/addin/functions.json`)).status).toBe(200);
  });
});

describe('Office.js aus Microsofts CDN', () => {
  it('ist die Voreinstellung des Servers, wie Microsoft es vorschreibt', async () => {
    const app = new OpenAPIHono();
    addinSeiten(app, DIST, 'cdn');
    const seite = await (await app.request('/addin/taskpane.html')).text();
    expect(seite).toContain(`<script src="${OFFICE_JS_CDN}"></script>`);
    expect((await app.request('/addin/office-js/office.js')).status).toBe(404);
  });
});
