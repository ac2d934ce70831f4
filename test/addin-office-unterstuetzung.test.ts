// Office support proven from the code: every Office.js member the add-in uses, with the requirement set
// its declaration names, against what manifest.xml declares. A member above the manifest fails the
// test unless an isSetSupported guard with a fallback surrounds it. The README's support matrix is
// derived from these findings and Microsoft's table of which Office version has which set.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  manifestSaetze,
  officeVerwendungen,
  vergleiche,
  type Anforderung,
  type Verwendung,
} from './office-anforderungen.ts';

const WURZEL = resolve(import.meta.dirname, '..');
const optionen = ts.getParsedCommandLineOfConfigFile(
  join(WURZEL, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
)!.options;

/** The add-in's browser code: everything under addin/ (its build is bau/addin, its output dist/addin). */
function addinDateien(ordner = join(WURZEL, 'addin')): string[] {
  return readdirSync(ordner).flatMap((n) => {
    const p = join(ordner, n);
    if (statSync(p).isDirectory()) return addinDateien(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

// Sets the typings name for members that came to another application first. Office.AddinCommands.Event
// .completed is tagged Mailbox 1.3 (Outlook); in Excel it is part of the add-in commands that the
// manifest's ribbon (VersionOverrides) already requires.
const ANDERE_ANWENDUNGEN = new Set(['Mailbox', 'WordApi', 'PowerPointApi', 'OneNoteApi', 'OutlookApi']);
const EXCEL_SAETZE = new Set([
  'ExcelApi',
  'ExcelApiOnline',
  'ExcelApiDesktop',
  'SharedRuntime',
  'CustomFunctionsRuntime',
  'DialogApi',
  'RibbonApi',
  'AddinCommands',
]);

/**
 * The highest version of each set per Office version, from Microsoft's requirement-set tables
 * (learn.microsoft.com/javascript/api/requirement-sets: excel-api-requirement-sets,
 * custom-functions-requirement-sets, shared-runtime-requirement-sets; as of 09/2025). The
 * subscription versions get every set as it ships; the LTSC versions are frozen.
 */
export const OFFICE_VERSIONEN: Array<{ name: string; saetze: Record<string, string> }> = [
  { name: 'Excel im Web', saetze: { ExcelApi: '1.20', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5' } },
  {
    name: 'Microsoft 365 für Windows (Version 2509+)',
    saetze: { ExcelApi: '1.20', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5' },
  },
  {
    name: 'Microsoft 365 für Mac (16.100+)',
    saetze: { ExcelApi: '1.20', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5' },
  },
  { name: 'Excel 2024 (LTSC)', saetze: { ExcelApi: '1.17', SharedRuntime: '1.2', CustomFunctionsRuntime: '1.3' } },
  { name: 'Excel 2021 (LTSC)', saetze: { ExcelApi: '1.14', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' } },
];

const excelRelevant = (v: Verwendung): v is Verwendung & { anforderung: Anforderung } =>
  v.anforderung !== null && !ANDERE_ANWENDUNGEN.has(v.anforderung.satz);
const text = (a: Anforderung) => `${a.satz} ${a.version}`;

/** What breaks the manifest's promise: a member above it without a guard that covers it. */
function verstoesse(verwendungen: Verwendung[], manifest: Record<string, string>): string[] {
  return verwendungen.filter(excelRelevant).flatMap((v) => {
    const { satz, version } = v.anforderung;
    if (manifest[satz] !== undefined && vergleiche(version, manifest[satz]) <= 0) return [];
    if (v.geschuetzt && v.geschuetzt.satz === satz && vergleiche(v.geschuetzt.version, version) >= 0) return [];
    return [
      `${v.datei.replace(`${WURZEL}/`, '')}:${v.zeile} ${v.api} braucht ${text(v.anforderung)}, das Manifest sagt ${manifest[satz] ? `${satz} ${manifest[satz]}` : `nichts zu ${satz}`}, und kein isSetSupported('${satz}', '${version}') mit Ersatzweg schützt den Aufruf`,
    ];
  });
}

/** Per set, the highest version an unguarded member needs, and the members that need it. */
function bedarf(verwendungen: Verwendung[]): Map<string, { version: string; apis: Set<string> }> {
  const b = new Map<string, { version: string; apis: Set<string> }>();
  for (const v of verwendungen.filter(excelRelevant)) {
    if (v.geschuetzt) continue;
    const { satz, version } = v.anforderung;
    const bisher = b.get(satz);
    if (!bisher || vergleiche(version, bisher.version) > 0) b.set(satz, { version, apis: new Set([v.api]) });
    else if (vergleiche(version, bisher.version) === 0) bisher.apis.add(v.api);
  }
  return b;
}

/** The README's support matrix: which Office version runs the add-in, and each guarded extra. */
function matrix(verwendungen: Verwendung[], manifest: Record<string, string>): string {
  const extras = [
    ...new Map(verwendungen.filter((v) => v.geschuetzt).map((v) => [text(v.geschuetzt!), v.geschuetzt!])).values(),
  ];
  const hat = (saetze: Record<string, string>, a: Anforderung) =>
    saetze[a.satz] !== undefined && vergleiche(saetze[a.satz]!, a.version) >= 0;
  const saetze = Object.keys(manifest);
  const kopf = [
    'Office',
    ...saetze.map((s) => `${s} (hat)`),
    'Add-in: alle Befehle und SRB.*-Formeln',
    ...extras.map((e) => `nur mit ${text(e)}`),
  ];
  const zeilen = OFFICE_VERSIONEN.map((o) => [
    o.name,
    ...saetze.map((s) => o.saetze[s] ?? '–'),
    saetze.every((s) => hat(o.saetze, { satz: s, version: manifest[s]! })) ? 'ja' : 'nein',
    ...extras.map((e) => (hat(o.saetze, e) ? 'ja' : 'Ersatzweg')),
  ]);
  const b = bedarf(verwendungen);
  const grund = [...b].map(([s, x]) => `${s} ${x.version} (${[...x.apis].sort().join(', ')})`).join('; ');
  return [
    `| ${kopf.join(' | ')} |`,
    `|${kopf.map(() => '---').join('|')}|`,
    ...zeilen.map((z) => `| ${z.join(' | ')} |`),
    '',
    `Manifest: ${saetze.map((s) => `${s} ${manifest[s]}`).join(', ')}. Höchste Anforderung im Code: ${grund}.`,
  ].join('\n');
}

describe('Office-Unterstützung aus dem Code belegt', () => {
  const dateien = addinDateien();
  const verwendungen = officeVerwendungen(dateien, optionen);
  const manifest = manifestSaetze(join(WURZEL, 'manifest.xml'));

  it('findet die Office.js-Aufrufe des Add-ins samt Anforderungssatz, auch Eigenschaften in load(…)', () => {
    const apis = new Set(verwendungen.map((v) => v.api));
    for (const a of [
      'Excel.run',
      'Excel.Worksheet.shapes',
      'Excel.Range.values',
      'Office.Actions.associate',
      'CustomFunctions.associate',
    ])
      expect(apis).toContain(a);
    // Only named in tabelle.getRange().load('left, top, width') and read back later.
    expect(verwendungen.find((v) => v.api === 'Excel.Range.left')?.anforderung).toEqual({
      satz: 'ExcelApi',
      version: '1.10',
    });
    const unbekannt = verwendungen.filter(
      (v) => v.anforderung && !ANDERE_ANWENDUNGEN.has(v.anforderung.satz) && !EXCEL_SAETZE.has(v.anforderung.satz),
    );
    expect(
      unbekannt.map((v) => `${v.api}: ${text(v.anforderung!)}`),
      'ein Anforderungssatz, den dieser Test noch nicht einordnet',
    ).toEqual([]);
  });

  it('braucht keinen Anforderungssatz über dem Manifest ohne isSetSupported und Ersatzweg', () => {
    expect(verstoesse(verwendungen, manifest)).toEqual([]);
  });

  it('das Manifest verlangt nicht mehr, als der Code braucht (sonst schlösse es Office-Versionen ohne Grund aus)', () => {
    const b = bedarf(verwendungen);
    for (const [satz, version] of Object.entries(manifest))
      expect(`${satz} ${version}`).toBe(`${satz} ${b.get(satz)?.version ?? '1.1'}`);
  });

  it('die Unterstützungsmatrix im README folgt aus diesem Befund', () => {
    const readme = readFileSync(join(WURZEL, 'README.md'), 'utf8');
    const erwartet = matrix(verwendungen, manifest);
    expect(readme, `README.md soll enthalten:\n${erwartet}`).toContain(erwartet);
  });

  it('die Prüfung selbst: ungeschützt, ohne Ersatzweg oder mit zu niedriger Version schlägt fehl, geschützt nicht', () => {
    const req = 'Office.context.requirements';
    // One case per line of one file (one compiler run): line n+2 is case n.
    const faelle = [
      'ws.onNameChanged.add(async () => h());',
      `if (${req}.isSetSupported('ExcelApi', '1.17')) ws.onNameChanged.add(async () => h());`,
      `if (${req}.isSetSupported('ExcelApi', '1.16')) ws.onNameChanged.add(async () => h()); else h();`,
      `if (${req}.isSetSupported('ExcelApi', '1.17')) ws.onNameChanged.add(async () => h()); else h();`,
      `{ const x = ${req}.isSetSupported('ExcelApi', '1.17') ? ws.onNameChanged : null; if (!x) h(); }`,
      `{ if (!${req}.isSetSupported('ExcelApi', '1.17')) { h(); return; } ws.onNameChanged.add(async () => h()); }`,
    ];
    const datei = join(WURZEL, 'addin', 'pruefling.ts');
    const quelle = `export async function f(ws: Excel.Worksheet, h: () => void): Promise<void> {\n${faelle.join('\n')}\n}\n`;
    const v = officeVerwendungen([datei], optionen, { [datei]: quelle }).filter(
      (x) => x.api === 'Excel.Worksheet.onNameChanged',
    );
    const fehlschlag = faelle.map(
      (_, n) =>
        verstoesse(
          v.filter((x) => x.zeile === n + 2),
          { ExcelApi: '1.14' },
        ).length > 0,
    );
    expect(fehlschlag).toEqual([true, true, true, false, false, false]);
  });
});
