import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from '../addin/api/index.ts';
import { anmelden, demoServer } from './api-helfer.ts';

// The task pane in Debian's Chromium, loaded from a running server: once as a plain web page with
// Microsoft's Office.js (served by our server, no internet), once "in Excel" with the Excel test
// double served in place of Office.js. Screenshots go to docs/ for the README.

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const bild = (name: string) => fileURLToPath(new URL(`../docs/taskpane-${name}.png`, import.meta.url));

let s: Awaited<ReturnType<typeof demoServer>>;
let browser: Browser;
let doppel: string;
let jugendamt: Client;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} fehlt: apt-get install -y chromium (.ci/run tut das)`);
  const [server, b, bundle] = await Promise.all([
    demoServer(),
    chromium.launch({ executablePath: CHROMIUM, args: FLAGS }),
    build({
      entryPoints: [fileURLToPath(new URL('./excel-doppel/browser.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      write: false,
      target: 'es2020',
    }),
  ]);
  s = server;
  browser = b;
  doppel = bundle.outputFiles[0]!.text;
  jugendamt = client({ server: s.server.url, token: await anmelden(s.server.url, 'jugendamt', 'demo-jugendamt') });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.weg();
});

async function oeffne(imExcel: boolean, sprache = 'de-DE'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 380, height: 860 }, locale: 'de-DE' });
  if (imExcel)
    await page.route('**/addin/office-js/office.js', (r) =>
      r.fulfill({ contentType: 'text/javascript', body: doppel }),
    );
  await page.goto(`${s.server.url}/addin/taskpane.html?sprache=${sprache}`);
  await page.waitForSelector(`body[data-bereit="${imExcel ? 'excel' : 'web'}"]`, { timeout: 30_000 });
  return page;
}

async function melde(page: Page, benutzer: string, passwort: string): Promise<void> {
  await page.fill('#benutzer', benutzer);
  await page.fill('#passwort', passwort);
  await page.click('#anmelden');
  await page.waitForSelector('#arbeit:not([hidden])');
}

interface Kopie {
  name: string;
  zellen: Array<Array<{ w: string | number | boolean; f: string; fett: boolean; farbe: string | null } | null>>;
}

/**
 * docs/weitergabe-werte.png: the value copy as the double holds it, drawn as a grid with Excel's
 * number formats applied (no Excel runs here; the picture shows the cells, not Excel's window), the
 * whole used range: the page is made as large as the grid before the picture is taken.
 */
async function bildDerKopie(k: Kopie): Promise<void> {
  const euro = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const text = (z: NonNullable<Kopie['zellen'][0][0]>) => {
    if (typeof z.w !== 'number') return String(z.w);
    if (z.f === 'DD.MM.YYYY')
      return new Date(Date.UTC(1899, 11, 30) + z.w * 86_400_000).toLocaleDateString('de-DE', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      });
    if (z.f.includes('€')) return `${euro.format(z.w)} €`;
    if (z.f.startsWith('#,##0.00')) return euro.format(z.w);
    return String(z.w);
  };
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const spalten = k.zellen[0]!.map((_, i) => String.fromCharCode(65 + i));
  const html = `<style>body{font:12px Calibri,Arial,sans-serif;margin:0}#blatt{width:max-content}table{border-collapse:collapse}td,th{border:1px solid #d4d4d4;padding:2px 5px;white-space:nowrap}
    th{background:#f3f3f3;color:#555;font-weight:normal}td.z{text-align:right}.tab{margin:6px;padding:3px 10px;border-bottom:3px solid #1d6f42;display:inline-block;font-weight:bold}</style>
    <div id="blatt"><table><tr><th></th>${spalten.map((c) => `<th>${c}</th>`).join('')}</tr>${k.zellen
      .map(
        (zeile, r) =>
          `<tr><th>${r + 1}</th>${zeile
            .map((z) =>
              z
                ? `<td class="${typeof z.w === 'number' ? 'z' : ''}" style="${z.fett ? 'font-weight:bold;' : ''}${z.farbe ? `background:${z.farbe};color:#fff;` : ''}">${esc(text(z))}</td>`
                : '<td></td>',
            )
            .join('')}</tr>`,
      )
      .join('')}</table>
    <div class="tab">${esc(k.name)}</div></div>`;
  const p = await browser.newPage({ viewport: { width: 800, height: 200 } });
  await p.setContent(html);
  const blatt = p.locator('#blatt');
  const box = (await blatt.boundingBox())!;
  await p.setViewportSize({ width: Math.ceil(box.x + box.width), height: Math.ceil(box.y + box.height) });
  await blatt.screenshot({ path: fileURLToPath(new URL('../docs/weitergabe-werte.png', import.meta.url)) });
  await p.close();
}

const statusText = (page: Page) => page.textContent('#status');
async function warteAufStatus(page: Page, teil: string): Promise<string> {
  await page.waitForFunction((t) => document.getElementById('status')!.textContent!.includes(t), teil, {
    timeout: 30_000,
  });
  return (await statusText(page))!;
}

describe('Aufgabenbereich im Browser (ohne Excel)', () => {
  it('zeigt Tabellen und Grafiken in HTML und sagt, was nur in Excel geht', async () => {
    const page = await oeffne(false);
    expect(await page.textContent('#nur-excel')).toContain('In Excel kommen dazu');
    expect(await page.isVisible('#prognose-schreiben')).toBe(false);
    await melde(page, 'jugendamt', 'demo-jugendamt');
    await page.click('#zahlen-holen');
    await warteAufStatus(page, 'Blätter aktualisiert');
    expect(await page.$$eval('#webansicht table', (t) => t.map((x) => (x as HTMLElement).dataset.blatt))).toEqual([
      'Finanzvolumen',
      'Verbrauch',
      'Abweichung',
      'Kontraktabgleich',
      'Offene Punkte',
      'Fachcontrolling',
      'Jahresabrechnung',
      'Jahresabrechnung',
      'Umschichtungen',
      'Umschichtungen',
    ]);
    expect(await page.textContent('#webansicht table[data-blatt="Abweichung"]')).toMatch(/\d{1,3}(\.\d{3})*,\d{2}\s€/);
    expect(await page.textContent('#webansicht table[data-tabelle="SRB_Jahresabrechnung"]')).toMatch(
      /gesamt.*\d,\d{2}\s€/,
    );
    expect(await page.textContent('#webansicht table[data-blatt="Abweichung"] tr')).toContain('davon Umschichtung');
    await page.click('#grafik-einfuegen');
    await warteAufStatus(page, 'Grafiken eingefügt');
    expect(
      await page.$$eval('#webansicht img', (i) =>
        i.map((x) => (x as HTMLImageElement).naturalWidth > 100 && x.getAttribute('alt')),
      ),
    ).toEqual([
      'SRB_Abweichung_konz',
      'SRB_Abweichung_schweich',
      'SRB_Abweichung_hermeskeil',
      'SRB_Abweichung_saarburg',
    ]);
    await page.screenshot({ path: bild('web'), fullPage: false });
    await page.close();
  });

  it('zeigt einem Träger-Controller das Fachcontrolling mit „<3“ und dem Hinweis darunter', async () => {
    const page = await oeffne(false);
    await page.setViewportSize({ width: 1900, height: 900 });
    await melde(page, 'awo-konz', 'demo-awo-konz');
    await page.click('#zahlen-holen');
    await warteAufStatus(page, 'Blätter aktualisiert');
    const tabelle = page.locator('#webansicht table[data-blatt="Fachcontrolling"]');
    expect(await tabelle.textContent()).toContain('<3');
    const hinweis = page.locator('#webansicht table[data-blatt="Fachcontrolling"] + p.hinweis');
    expect(await hinweis.textContent()).toContain('kleinste_fallzahl = 3');
    await page.evaluate(() =>
      document
        .querySelector('#webansicht table[data-blatt="Fachcontrolling"]')!
        .previousElementSibling!.scrollIntoView(),
    );
    await page.screenshot({
      path: bild('fachcontrolling'),
      clip: await page.locator('#webansicht').evaluate((w) => {
        const t = w.querySelector('table[data-blatt="Fachcontrolling"]')!;
        const von = t.previousElementSibling!.getBoundingClientRect();
        const bis = t.nextElementSibling!.getBoundingClientRect();
        return {
          x: 0,
          y: von.top + window.scrollY,
          width: Math.min(1900, Math.max(t.getBoundingClientRect().right, bis.right) + 8),
          height: bis.bottom - von.top + 8,
        };
      }),
      fullPage: true,
    });
    await page.close();
  });
});

describe('Aufgabenbereich in einem englischen Excel', () => {
  it('spricht Englisch, wenn Office auf Englisch eingestellt ist', async () => {
    const page = await oeffne(true, 'en-US');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#anmelden')).toBe('Sign in');
    await melde(page, 'jugendamt', 'demo-jugendamt');
    expect(await page.textContent('#zahlen-holen')).toBe('Get figures');
    expect(await page.textContent('#prognose-schreiben')).toBe('Write back forecast');
    await page.close();
  });
});

describe('Aufgabenbereich in Excel (Test-Double statt Office.js)', () => {
  let page: Page;
  const mappe = <T>(f: string) =>
    page.evaluate(`(() => { const m = globalThis.excelDoppel.mappe; return ${f}; })()`) as Promise<T>;

  beforeAll(async () => {
    page = await oeffne(true);
    await page.fill('#benutzer', 'awo-konz');
    // The address a controller sees after sideloading, not this test's random port: the picture stays the same.
    const server = await page.inputValue('#server');
    await page.fill('#server', 'https://localhost:3000');
    await page.screenshot({ path: bild('anmeldung') });
    await page.fill('#server', server);
    await melde(page, 'awo-konz', 'demo-awo-konz');
  }, 60_000);

  it('bietet einem Träger-Controller nur seinen Sozialraum an und holt die Zahlen in benannte Blätter', async () => {
    expect(await page.$$eval('#sozialraeume input', (i) => i.map((x) => (x as HTMLInputElement).value))).toEqual([
      'konz',
    ]);
    await page.fill('#jahr', '2026');
    await page.selectOption('#quartal', '3');
    await page.click('#zahlen-holen');
    await warteAufStatus(page, 'Blätter aktualisiert');
    expect(await mappe<string[]>('m.blaetter.map((b) => b.name)')).toEqual([
      'Tabelle1',
      'Finanzvolumen',
      'Verbrauch',
      'Abweichung',
      'Kontraktabgleich',
      'Offene Punkte',
      'Fachcontrolling',
      'Jahresabrechnung',
      'Umschichtungen',
      'Prognose 2026 konz',
    ]);
    expect(await page.textContent('#aenderungen')).toContain('Abweichung: neu angelegt, 4 Zeilen');
    // the settlement of the finished year: only the Träger's own rows
    const traeger = await mappe<
      string[]
    >(`((t, b) => [...Array(t.zeilen - 1).keys()].map((r) => b.wert(t.zeile + 1 + r, 2)))(
      m.tabellen.find((x) => x.name === 'SRB_Jahresabrechnung').bereich, m.blaetter.find((x) => x.name === 'Jahresabrechnung'))`);
    expect(new Set(traeger)).toEqual(new Set(['awo-trier-saarburg']));
    await page.screenshot({ path: bild('zahlen') });
  });

  it('führt die Befehle des Menübands aus wie die Knöpfe des Aufgabenbereichs', async () => {
    expect(
      await page.evaluate(() => [
        ...(
          globalThis as unknown as { excelDoppel: { host: { befehle: Map<string, unknown> } } }
        ).excelDoppel.host.befehle.keys(),
      ]),
    ).toEqual([
      'zahlenHolen',
      'prognoseZurueckschreiben',
      'abweichungsgrafikEinfuegen',
      'alleAktualisieren',
      'alsWerteWeitergeben',
      'herkunftAnzeigen',
    ]);
    const syncs = await mappe<number>('m.syncs');
    await page.evaluate(() =>
      (
        globalThis as unknown as { excelDoppel: { host: { befehl(n: string): Promise<void> } } }
      ).excelDoppel.host.befehl('zahlenHolen'),
    );
    expect(await page.textContent('#aenderungen')).toContain('Abweichung: 0 geändert, 0 neu, 0 entfallen (4 Zeilen)');
    // The pull's six syncs, then three to list the sheets that can be shared as values (the third reads
    // the used ranges, in parts when they are big).
    expect(await mappe<number>('m.syncs')).toBe(syncs + 6 + 3);
  });

  it('aktualisiert alle SRB-Tabellen mit Fortschritt und Stand, und gibt Blätter als Werte weiter', async () => {
    await page.click('#alle-aktualisieren');
    await warteAufStatus(page, 'der Stand steht auf jedem Blatt');
    expect(await mappe<string>(`m.blatt('Abweichung').wert(1, 0)`)).toMatch(
      /^Stand: \d\d\.\d\d\.\d{4} \d\d:\d\d · Sozialräume: konz$/,
    );
    expect(await page.isVisible('#fortschritt')).toBe(false);
    // The list of sheets to share, all ticked: share only Abweichung.
    const blaetter = await page.$$eval('#weitergabe-blaetter input', (i) =>
      i.map((x) => (x as HTMLInputElement).value),
    );
    expect(blaetter).toContain('Abweichung');
    for (const b of blaetter.filter((x) => x !== 'Abweichung'))
      await page.uncheck(`#weitergabe-blaetter input[value="${b}"]`);
    await page.click('#als-werte');
    await warteAufStatus(page, 'Kopie mit Werten: Abweichung (Werte)');
    expect(await mappe<string>(`m.blatt('Abweichung (Werte)').wert(1, 0)`)).toMatch(
      /^Stand: \d\d\.\d\d\.\d{4} \d\d:\d\d, Quelle: Sozialraum-Controlling, awo-konz$/,
    );
    expect(await mappe<number>(`m.tabellen.filter((t) => t.blatt === 'Abweichung (Werte)').length`)).toBe(0);
    await bildDerKopie(
      await mappe<Kopie>(
        // From A1 to the used range's last row and column (as getUsedRange() counts cells), one empty row and column beyond.
        `((b) => { const belegt = [...b.zellen].filter(([, z]) => z.wert !== '' || z.formel !== undefined || z.format !== 'General' || z.fuellung !== undefined || z.fett !== undefined).map(([k]) => k.split(',').map(Number)); const zeilen = Math.max(...belegt.map((x) => x[0])) + 2; const spalten = Math.max(...belegt.map((x) => x[1])) + 2; return { name: b.name, zellen: [...Array(zeilen).keys()].map((r) => [...Array(spalten).keys()].map((s) => { const z = b.zellen.get(r + ',' + s); return z ? { w: z.wert, f: z.format, fett: !!z.fett, farbe: z.fuellung ?? null } : null; })) }; })(m.blatt('Abweichung (Werte)'))`,
      ),
    );
  });

  it('schreibt eine geänderte Prognosezelle zurück: das Warehouse hat die neue Version', async () => {
    await mappe(
      `(() => { const b = m.blatt('Prognose 2026 konz'); m.aktiv = b.name; const z = b.zelle(7, 11); if (z.gesperrt) throw new Error('gesperrt'); z.wert = 43210.5; })()`,
    );
    await page.fill('#kommentar', 'Q3: Mehrbedarf variabel');
    await page.click('#prognose-schreiben');
    const text = await warteAufStatus(page, 'gespeichert');
    const version = Number(/Version (\d+)/.exec(text)![1]);
    const p = (await (
      await jugendamt.api.v1.prognosen.$get({ query: { jahr: '2026', sozialraum: 'konz' } })
    ).json()) as {
      version: { version_id: number; autor: string; kommentar: string };
      werte: Array<{ topf: string; monat: number; betrag: string }>;
    };
    expect(p.version).toMatchObject({ version_id: version, autor: 'awo-konz', kommentar: 'Q3: Mehrbedarf variabel' });
    expect(p.werte.find((w) => w.topf === 'variabel' && w.monat === 11)!.betrag).toBe('43210.50');
  });

  it('zeigt bei einem Konflikt (409), wer dazwischen schrieb und welche Zellen abweichen, und überschreibt nur bewusst', async () => {
    const basis = await mappe<number>(`m.blatt('Prognose 2026 konz').wert(2, 1)`);
    const r = await jugendamt.api.v1.prognosen.$post({
      json: {
        jahr: 2026,
        sozialraum: 'konz',
        basisVersion: basis,
        kommentar: 'Jugendamt',
        werte: [{ topf: 'asd', monat: 12, betrag: '999.99' }],
      },
    });
    expect(r.status).toBe(201);
    await mappe(`(() => { m.blatt('Prognose 2026 konz').zelle(7, 12).wert = 50000; })()`);
    await page.click('#prognose-schreiben');
    await page.waitForSelector('#konflikt:not([hidden])');
    const konflikt = (await page.textContent('#konflikt'))!;
    expect(konflikt).toContain('jugendamt');
    expect(konflikt).toMatch(/asd\s*Dez/);
    expect(konflikt).toContain('999,99');
    await page.screenshot({ path: bild('konflikt') });
    await page.click('#ueberschreiben');
    await warteAufStatus(page, 'gespeichert');
    const p = (await (
      await jugendamt.api.v1.prognosen.$get({ query: { jahr: '2026', sozialraum: 'konz' } })
    ).json()) as { version: { autor: string }; werte: Array<{ topf: string; monat: number; betrag: string }> };
    expect(p.version.autor).toBe('awo-konz');
    expect(p.werte.find((w) => w.topf === 'variabel' && w.monat === 12)!.betrag).toBe('50000.00');
  });

  it('fügt die Abweichungsgrafik neben der Tabelle ein, als SVG und darunter als Excel-Diagramm über der Tabelle', async () => {
    // The pane offers picture, native chart or both; both is preselected.
    expect(
      await page.$$eval('#grafik-art option', (o) =>
        o.map((x) => `${(x as HTMLOptionElement).value}: ${x.textContent}`),
      ),
    ).toEqual([
      'beide: Bild und Excel-Diagramm',
      'bild: Bild wie im Quartalspaket',
      'diagramm: Excel-Diagramm (folgt jeder Aktualisierung)',
    ]);
    expect(await page.inputValue('#grafik-art')).toBe('beide');
    await page.locator('#grafik-art').scrollIntoViewIfNeeded();
    await page.screenshot({ path: bild('grafik') });
    await page.click('#grafik-einfuegen');
    await warteAufStatus(page, '2 Grafiken eingefügt (SVG, Excel-Diagramm)');
    // The native chart: its series are the table's Budget and Hochrechnung columns, each point in its status colour.
    const bindung = `((b, t) => { const d = b.diagramme.find((x) => x.name === 'SRB_Abweichungsdiagramm'); const kopf = (s) => t.bereich.spalte + [...Array(t.bereich.spalten).keys()].find((i) => b.wert(t.bereich.zeile, t.bereich.spalte + i) === s);
      return { anzahl: b.diagramme.length, reihen: d.reihen.map((r) => r.name + ':' + (r.werte.block.zeile === t.bereich.zeile + 1 && r.werte.block.zeilen === t.bereich.zeilen - 1 && r.werte.block.spalte === kopf(r.name))),
        farben: [...Array(t.bereich.zeilen - 1).keys()].map((i) => b.wert(t.bereich.zeile + 1 + i, kopf('Status')) + '=' + d.reihen[1].punktfuellung.get(i)) }; })(m.blatt('Abweichung'), m.tabellen.find((x) => x.name === 'SRB_Abweichung'))`;
    const STATUS: Record<string, string> = {
      nicht_auskoemmlich: '#C0392B',
      knapp: '#E0A100',
      im_rahmen: '#3A8D5C',
      freie_mittel: '#2F7FC1',
    };
    const d = await mappe<{ anzahl: number; reihen: string[]; farben: string[] }>(bindung);
    expect(d.anzahl).toBe(1);
    expect(d.reihen).toEqual(['Budget:true', 'Hochrechnung:true']);
    for (const f of d.farben) expect(f).toBe(`${f.split('=')[0]}=${STATUS[f.split('=')[0]!]}`);
    const formen = await mappe<Array<{ name: string; art: string; links: number }>>(
      `m.blatt('Abweichung').formen.map((f) => ({ name: f.name, art: f.art, links: f.links }))`,
    );
    expect(formen).toEqual([expect.objectContaining({ name: 'SRB_Abweichung_konz', art: 'svg' })]);
    expect(formen[0]!.links).toBeGreaterThan(0);
    expect(await mappe<string>(`m.blatt('Abweichung').formen[0].inhalt.slice(0, 200)`)).toMatch(/<svg/);
    // A write back refreshes the variance and the chart: still one chart of that name, a new one.
    await mappe(
      `(() => { m.aktiv = 'Prognose 2026 konz'; const f = m.blatt('Abweichung').formen[0]; f.inhalt = 'alt'; m.blatt('Prognose 2026 konz').zelle(7, 11).wert = 44000; })()`,
    );
    await page.click('#prognose-schreiben');
    await warteAufStatus(page, 'gespeichert');
    expect(
      await mappe<string[]>(`m.blatt('Abweichung').formen.map((f) => f.name + ':' + f.inhalt.includes('<svg'))`),
    ).toEqual(['SRB_Abweichung_konz:true']);
    // The native chart was not inserted again: it followed the rewritten table.
    expect(await mappe<{ anzahl: number; reihen: string[] }>(bindung)).toMatchObject({
      anzahl: 1,
      reihen: ['Budget:true', 'Hochrechnung:true'],
    });
  });

  it('zeigt die Herkunft der ausgewählten Zelle im Blatt Herkunft: Dateien, Zeilen, Summe, die mit der Zelle übereinstimmt', async () => {
    // The Träger's controller selects the Sozialraum's Ist bis Stichtag (gesamt) on sheet Abweichung.
    await mappe(`(() => { const b = m.blatt('Abweichung'); const s = [...Array(20).keys()].find((i) => b.wert(3, i) === 'Ist bis Stichtag');
      const z = [...Array(20).keys()].find((r) => r > 3 && b.wert(r, 2) === 'gesamt'); m.aktiv = 'Abweichung'; m.aktiveZelle = String.fromCharCode(65 + s) + (z + 1); })()`);
    await page.click('#herkunft-anzeigen');
    const text = await warteAufStatus(page, 'Herkunft:');
    expect(text).toMatch(
      /Herkunft: Ist bis Stichtag konz gesamt 3\/2026, \d+ von \d+ Zeilen im Blatt „Herkunft“; die Summe stimmt mit der Zelle überein\./,
    );
    const blatt = await mappe<unknown[][]>(
      `[...Array(16).keys()].map((r) => [...Array(13).keys()].map((s) => m.blatt('Herkunft').wert(r, s)))`,
    );
    expect(String(blatt[1]![0])).toMatch(
      /stimmt mit der Zelle überein\. Gezeigt \d+ von \d+ Zeilen; dazu andere Träger und Zahlungen des Jugendamts: \d+ Zeilen/,
    );
    expect(blatt.slice(4).every((z) => z[2] === 'traeger:awo-trier-saarburg')).toBe(true);
    // The sheet as a controller sees it (the double has no grid of its own: drawn as a table), beside the pane.
    const grid = await browser.newPage({ viewport: { width: 1180, height: 520 }, locale: 'de-DE' });
    // Dates as Excel shows them with the sheet's format (the double keeps the serial number).
    const datum = (n: number) =>
      new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toLocaleDateString('de-DE', {
        timeZone: 'UTC',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      });
    const zelle = (w: unknown, r: number, s: number) => {
      const text =
        r > 3 && blatt[3]![s] === 'Datum' && typeof w === 'number'
          ? datum(w)
          : typeof w === 'number'
            ? String(w).replace('.', ',')
            : String(w);
      return `<td class="${r === 3 ? 'k' : typeof w === 'number' ? 'n' : ''}">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>`;
    };
    await grid.setContent(`<style>body{font:12px Segoe UI,Arial,sans-serif;margin:0}table{border-collapse:collapse}td{border:1px solid #d4d4d4;padding:2px 6px;white-space:nowrap;max-width:520px;overflow:hidden}
      td.n{text-align:right}td.k{background:#1D6F42;color:#fff;font-weight:bold}tr:first-child td{font-weight:bold;font-size:14px;border:none}tr:nth-child(2) td{border:none}caption{text-align:left;background:#f3f3f3;padding:4px}</style>
      <table><caption>Blatt „Herkunft“ nach „Herkunft anzeigen“ (erste Zeilen)</caption>${blatt.map((z, r) => `<tr>${r < 3 ? `<td colspan="13">${String(z[0])}</td>` : z.map((w, sp) => zelle(w, r, sp)).join('')}</tr>`).join('')}</table>`);
    await grid.screenshot({ path: fileURLToPath(new URL('../docs/herkunft-blatt.png', import.meta.url)) });
    await grid.close();
    // The whole pane: the message under the buttons says whether the sum matches.
    await page.screenshot({ path: bild('herkunft'), fullPage: true });
  });

  it('beantwortet viele Zellformeln einer Neuberechnung mit einer Anfrage', async () => {
    const anfragen: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/formeln')) anfragen.push(r.method());
    });
    const ergebnisse = await page.evaluate(async () => {
      const host = (
        globalThis as unknown as {
          excelDoppel: { host: { rufe(id: string, a: unknown[]): { ergebnisse: unknown[] } } };
        }
      ).excelDoppel.host;
      const zellen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => host.rufe('IST', ['konz', 2026, m, 'variabel']));
      zellen.push(
        host.rufe('FINANZVOLUMEN', ['konz', 2026, null]),
        host.rufe('ABWEICHUNG', ['konz', 2026, 3, null]),
        host.rufe('FINANZVOLUMEN', ['saarburg', 2026, null]),
      );
      for (let i = 0; i < 300 && zellen.some((z) => z.ergebnisse.length === 0); i++)
        await new Promise((r) => setTimeout(r, 20));
      return zellen.map((z) => z.ergebnisse[0]);
    });
    expect(anfragen).toEqual(['POST']);
    expect(ergebnisse.slice(0, 12).every((e) => typeof e === 'number')).toBe(true);
    expect(ergebnisse[12]).toMatchObject({ code: '#N/A' });
  });
});
