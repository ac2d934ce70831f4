import { block, ohneBlatt } from './adresse.ts';
import { FORMAT, type Spaltenart } from './format.ts';
import { Anfragebudget, ruhigStellen, schreibeBlock } from './schreiben.ts';
import { alsText, gelesen, zellwert, type Zellwert } from './zelle.ts';

export interface Spalte { name: string; titel: string; art: Spaltenart; schluessel?: boolean }

/** One named sheet with one Excel table of the warehouse's rows. */
export interface Blattinhalt {
  blatt: string;
  tabelle: string;
  titel: string;
  spalten: Spalte[];
  zeilen: Array<Record<string, unknown>>;
}

/** What a refresh changed in a sheet, by the table's key columns. */
export interface Aenderung { blatt: string; zeilen: number; neu: number; geaendert: number; entfallen: number; erstmals: boolean }

const KOPFZEILE = 3; // 0-based: title, stand, blank, then the table's header row
const FARBE_KOPF = '#1D6F42';

const vergleichsschluessel = (z: Zellwert[], spalten: Spalte[]) => spalten.flatMap((s, i) => (s.schluessel ? [String(gelesen(z[i]!))] : [])).join('|');

function vergleich(zeilen: Zellwert[][], spalten: Spalte[]): Map<string, string> {
  return new Map(zeilen.map((z) => [vergleichsschluessel(z, spalten), z.map((w) => String(gelesen(w))).join('|')]));
}

interface Alt { values: unknown[][]; formulas: unknown[][] }

/**
 * Columns the controller added to the table (Excel widens a table when one types next to it), by
 * header, with each row's cells (formulas kept) under the row's key, so they follow their rows.
 */
function eigeneSpalten(vorher: Alt | null, i: Blattinhalt): { titel: string[]; zeilen: Map<string, unknown[]> } {
  if (!vorher) return { titel: [], zeilen: new Map() };
  const unsere = new Set(i.spalten.map((sp) => sp.titel));
  const kopf = vorher.values[0]!.map(String);
  const eigene = kopf.flatMap((t, k) => (unsere.has(t) ? [] : [k]));
  const schluessel = i.spalten.flatMap((sp) => (sp.schluessel ? [kopf.indexOf(sp.titel)] : []));
  return {
    titel: eigene.map((k) => kopf[k]!),
    zeilen: new Map(vorher.values.slice(1).map((z, r) => [
      schluessel.map((k) => String(gelesen(z[k] as Zellwert))).join('|'),
      // A formula stays a formula; a constant (value and formula alike) is written back as what it was.
      eigene.map((k) => {
        const [w, f] = [z[k], vorher.formulas[r + 1]![k]];
        return w === f && typeof w === 'string' ? alsText(w) : f;
      }),
    ])),
  };
}

/** The old rows in our columns' order, for what changed. */
function unsereWerte(vorher: Alt, i: Blattinhalt): Zellwert[][] {
  const kopf = vorher.values[0]!.map(String);
  const stellen = i.spalten.map((sp) => kopf.indexOf(sp.titel));
  return vorher.values.slice(1).map((z) => stellen.map((k) => (k < 0 ? '' : z[k] as Zellwert)));
}

function zaehle(blatt: string, alt: Map<string, string> | null, neu: Map<string, string>): Aenderung {
  if (!alt) return { blatt, zeilen: neu.size, neu: neu.size, geaendert: 0, entfallen: 0, erstmals: true };
  let n = 0; let g = 0;
  for (const [k, v] of neu) {
    const vorher = alt.get(k);
    if (vorher === undefined) n++;
    else if (vorher !== v) g++;
  }
  return { blatt, zeilen: neu.size, neu: n, geaendert: g, entfallen: [...alt.keys()].filter((k) => !neu.has(k)).length, erstmals: false };
}

/**
 * Creates or refreshes the sheets of a pull in three syncs whatever their size: (1) which sheets and
 * tables exist, (2) the old tables' cells (for what changed), (3) everything written. The table is
 * rewritten in place; columns the controller added to it follow their rows (by key), and columns and
 * notes beside it are not touched.
 */
export async function schreibeTabellen(inhalte: Blattinhalt[], stand: string): Promise<Aenderung[]> {
  return await Excel.run(async (ctx) => {
    const wb = ctx.workbook;
    const blaetter = inhalte.map((i) => wb.worksheets.getItemOrNullObject(i.blatt));
    const tabellen = inhalte.map((i) => wb.tables.getItemOrNullObject(i.tabelle));
    for (const x of [...blaetter, ...tabellen]) x.load('isNullObject');
    await ctx.sync();

    const alt = tabellen.map((t) => (t.isNullObject ? null : t.getRange().load('address, values, formulas')));
    const ziele = inhalte.map((i, n) => (blaetter[n]!.isNullObject ? wb.worksheets.add(i.blatt) : blaetter[n]!));
    await ctx.sync();

    ruhigStellen(ctx);
    const budget = new Anfragebudget(ctx);
    const aenderungen: Aenderung[] = [];
    for (const [n, i] of inhalte.entries()) {
      const ws = ziele[n]!;
      const werte = i.zeilen.map((z) => i.spalten.map((s) => zellwert(z[s.name], s.art)));
      const vorher = alt[n];
      aenderungen.push(zaehle(i.blatt, vorher ? vergleich(unsereWerte(vorher, i), i.spalten) : null, vergleich(werte, i.spalten)));
      const eigene = eigeneSpalten(vorher ?? null, i);
      if (vorher) {
        tabellen[n]!.convertToRange();
        ws.getRange(ohneBlatt(vorher.address)).clear('All');
      }
      ws.getRange('A1').values = [[i.titel]];
      ws.getRange('A1').format.font.bold = true;
      ws.getRange('A1').format.font.size = 14;
      ws.getRange('A2').values = [[stand]];
      const kopf = [...i.spalten.map((s) => s.titel), ...eigene.titel];
      ws.getRange(block(KOPFZEILE, 0, 1, kopf.length)).values = [kopf];
      await schreibeBlock(budget, ws, KOPFZEILE + 1, 0, werte, werte.map(() => i.spalten.map((s) => FORMAT[s.art])));
      if (eigene.titel.length > 0 && werte.length > 0) {
        await budget.platz(werte.length * eigene.titel.length);
        const leer = eigene.titel.map(() => '');
        ws.getRange(block(KOPFZEILE + 1, i.spalten.length, werte.length, eigene.titel.length)).formulas =
          werte.map((z) => eigene.zeilen.get(vergleichsschluessel(z, i.spalten)) ?? leer);
      }
      // An Excel table needs at least one data row.
      const bereich = block(KOPFZEILE, 0, Math.max(2, werte.length + 1), kopf.length);
      const t = ws.tables.add(bereich, true);
      t.name = i.tabelle;
      t.style = 'TableStyleLight9';
      const kopfzeile = t.getHeaderRowRange();
      kopfzeile.format.font.bold = true;
      kopfzeile.format.font.color = '#FFFFFF';
      kopfzeile.format.fill.color = FARBE_KOPF;
      ws.freezePanes.freezeRows(KOPFZEILE + 1);
      ws.getRange(block(KOPFZEILE, 0, Math.max(2, werte.length + 1), kopf.length)).format.autofitColumns();
    }
    await ctx.sync();
    return aenderungen;
  });
}
