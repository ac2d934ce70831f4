import type { Prognosedaten } from '../api/index.ts';
import { block, spalte } from './adresse.ts';
import { FORMAT } from './format.ts';
import { ruhigStellen } from './schreiben.ts';

export const MONATE = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
export const PROGNOSE_TOEPFE = ['personalisiert', 'variabel', 'asd'];

export const prognoseblattName = (jahr: number, sozialraum: string) => `Prognose ${jahr} ${sozialraum}`;
const NAME = /^Prognose (\d{4}) (\S+)$/;

// Layout, 0-based rows: title; Jahr/Sozialraum; Basisversion/letzter Ist-Monat; Stand; blank;
// header (Topf, Jan … Dez, Jahr); one row per pot; gesamt; blank; Prüfung and its messages.
const KOPF = 5;
const ERSTE = KOPF + 1;
const GESAMT = ERSTE + PROGNOSE_TOEPFE.length;
const PRUEFUNG = GESAMT + 2;
const PRUEFUNG_ZEILEN = 40;
export const PROGNOSE_BEREICH = block(0, 0, GESAMT + 1, 14);
const FARBE_IST = '#E7E6E6';
const FARBE_OFFEN = '#FFF2CC';
const FARBE_FEHLER = '#F8CBAD';

/** Cell of a pot and month (1–12). */
export const zelle = (topfIndex: number, monat: number) => `${spalte(monat)}${ERSTE + topfIndex + 1}`;

function grundform(ws: Excel.Worksheet, p: Prognosedaten): void {
  const offen = (m: number) => m > p.letzterIstMonat;
  const v = p.version;
  ws.getRange('A1').values = [[`Prognose ${p.jahr} · ${p.sozialraum}`]];
  ws.getRange('A1').format.font.bold = true;
  ws.getRange('A1').format.font.size = 14;
  ws.getRange('A2:E4').values = [
    ['Jahr', p.jahr, '', 'Sozialraum', p.sozialraum],
    ['Basisversion', v ? v.version_id : 'keine', '', 'Letzter Ist-Monat', p.letzterIstMonat],
    [
      'Stand',
      v
        ? `Version ${v.version_id} von ${v.autor} (${v.organisation}), ${v.zeitpunkt.slice(0, 16).replace('T', ' ')}`
        : 'noch keine Prognose geschrieben: offene Monate sind automatisch projiziert',
      '',
      '',
      '',
    ],
  ];
  // Which phasing the budget of this sheet follows (docs/regeln.md §5), the same as the variance's Soll.
  const profil = PROGNOSE_TOEPFE.filter((topf) => p.monate.some((m) => m.topf === topf && m.phasierung === 'profil'));
  ws.getRange('A5:B5').values = [
    ['Phasierung', profil.length === 0 ? 'linear (1/12 je Monat)' : `Profil für ${profil.join(', ')}; sonst linear`],
  ];
  ws.getRange(block(KOPF, 0, 1, 14)).values = [['Topf', ...MONATE, 'Jahr']];
  ws.getRange(block(KOPF, 0, 1, 14)).format.font.bold = true;
  const werte = PROGNOSE_TOEPFE.map((topf) => [
    topf,
    ...MONATE.map((_, i) => {
      const m = p.monate.find((x) => x.topf === topf && x.monat === i + 1);
      return Number((offen(i + 1) ? (m?.prognose ?? m?.automatisch) : m?.ist) ?? 0);
    }),
    0,
  ]);
  const zahlen = ws.getRange(block(ERSTE, 0, PROGNOSE_TOEPFE.length, 14));
  zahlen.values = werte;
  zahlen.numberFormat = werte.map((z) => z.map((_, i) => (i === 0 ? FORMAT.text : FORMAT.betrag)));
  // Sums as formulas, so they follow the controller's edits at once.
  ws.getRange(block(ERSTE, 13, PROGNOSE_TOEPFE.length, 1)).formulas = PROGNOSE_TOEPFE.map((_, i) => [
    `=SUM(B${ERSTE + i + 1}:M${ERSTE + i + 1})`,
  ]);
  ws.getRange(block(GESAMT, 0, 1, 14)).formulas = [
    [
      'gesamt',
      ...MONATE.map((_, i) => `=SUM(${spalte(i + 1)}${ERSTE + 1}:${spalte(i + 1)}${GESAMT})`),
      `=SUM(B${GESAMT + 1}:M${GESAMT + 1})`,
    ],
  ];
  ws.getRange(block(GESAMT, 0, 1, 14)).numberFormat = [['@', ...Array(13).fill(FORMAT.betrag)]];
  ws.getRange(block(GESAMT, 0, 1, 14)).format.font.bold = true;
  for (let m = 1; m <= 12; m++) {
    const r = ws.getRange(block(ERSTE, m, PROGNOSE_TOEPFE.length, 1));
    r.format.fill.color = offen(m) ? FARBE_OFFEN : FARBE_IST;
    r.format.protection.locked = !offen(m);
  }
}

/** Forecast sheets, one per year and Sozialraum, in two syncs however many. */
export async function schreibePrognoseblaetter(daten: Prognosedaten[]): Promise<void> {
  await Excel.run(async (ctx) => {
    const blaetter = daten.map((p) =>
      ctx.workbook.worksheets.getItemOrNullObject(prognoseblattName(p.jahr, p.sozialraum)),
    );
    for (const b of blaetter) b.load('isNullObject');
    await ctx.sync();
    ruhigStellen(ctx);
    for (const [n, p] of daten.entries()) {
      const ws = blaetter[n]!.isNullObject
        ? ctx.workbook.worksheets.add(prognoseblattName(p.jahr, p.sozialraum))
        : blaetter[n]!;
      ws.protection.unprotect();
      ws.getRange(block(0, 0, PRUEFUNG + PRUEFUNG_ZEILEN, 14)).clear('All');
      grundform(ws, p);
      ws.freezePanes.freezeRows(KOPF + 1);
      ws.getRange(block(KOPF, 0, GESAMT - KOPF + 1, 14)).format.autofitColumns();
      ws.protection.protect();
    }
    await ctx.sync();
  });
}

export interface Prognoseeingabe {
  blatt: string;
  jahr: number;
  sozialraum: string;
  basisVersion: number | null;
  letzterIstMonat: number;
  zellen: Array<{ topf: string; monat: number; wert: unknown; adresse: string }>;
}

/** The forecast sheet named, or else the active one if it is a forecast sheet: one sync. */
export async function lesePrognoseblatt(name?: string): Promise<Prognoseeingabe | null> {
  return await Excel.run(async (ctx) => {
    const ws = name ? ctx.workbook.worksheets.getItemOrNullObject(name) : ctx.workbook.worksheets.getActiveWorksheet();
    ws.load('name, isNullObject');
    const r = ws.getRange(PROGNOSE_BEREICH).load('values');
    await ctx.sync();
    if (ws.isNullObject || !NAME.test(ws.name)) return null;
    const w = r.values;
    const basis = w[2]![1];
    return {
      blatt: ws.name,
      jahr: Number(w[1]![1]),
      sozialraum: String(w[1]![4]),
      basisVersion: typeof basis === 'number' ? basis : null,
      letzterIstMonat: Number(w[2]![4]),
      zellen: PROGNOSE_TOEPFE.flatMap((topf, t) =>
        MONATE.map((_, i) => ({ topf, monat: i + 1, wert: w[ERSTE + t]![i + 1], adresse: zelle(t, i + 1) })),
      ),
    };
  });
}

export interface Zellfehler {
  adresse: string;
  meldung: string;
}

/** Marks bad cells red with a German explanation below the sheet's table, or clears the marks. */
export async function markiereFehler(
  blatt: string,
  letzterIstMonat: number,
  fehler: Zellfehler[],
  ueberschrift: string,
): Promise<void> {
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(blatt);
    ws.protection.unprotect();
    if (letzterIstMonat < 12)
      ws.getRange(block(ERSTE, letzterIstMonat + 1, PROGNOSE_TOEPFE.length, 12 - letzterIstMonat)).format.fill.color =
        FARBE_OFFEN;
    for (const f of fehler) ws.getRange(f.adresse).format.fill.color = FARBE_FEHLER;
    ws.getRange(block(PRUEFUNG, 0, PRUEFUNG_ZEILEN, 1)).clear('Contents');
    const zeilen =
      fehler.length === 0
        ? []
        : [[ueberschrift], ...fehler.slice(0, PRUEFUNG_ZEILEN - 1).map((f) => [`${f.adresse}: ${f.meldung}`])];
    if (zeilen.length > 0) {
      const r = ws.getRange(block(PRUEFUNG, 0, zeilen.length, 1));
      r.numberFormat = zeilen.map(() => [FORMAT.text]);
      r.values = zeilen;
      ws.getRange(`A${PRUEFUNG + 1}`).format.font.bold = true;
    }
    ws.protection.protect();
    await ctx.sync();
  });
}
