import { block } from './adresse.ts';
import { LAGE, Leseauftrag, type Gelesen } from './lesen.ts';
import { Anfragebudget, groesse, ruhigStellen } from './schreiben.ts';
import { alsText } from './zelle.ts';

// The sheets of a workbook that hold the warehouse's figures: SRB_ tables (written by a pull) and
// cells with SRB.* formulas (typed by the controller anywhere). Both need the add-in to stay current,
// and both are what a colleague without the add-in cannot see.

const SRB_FORMEL = /(^|[^A-Za-z0-9_.])SRB\.[A-Za-zÄÖÜäöü]+\s*\(/i;
export const istSrbFormel = (f: unknown): boolean => typeof f === 'string' && f.startsWith('=') && SRB_FORMEL.test(f);

export interface SrbBlatt {
  blatt: string;
  /** SRB_ tables on the sheet (a pull's sheet: its "Stand" is in A2 under the title). */
  tabellen: string[];
  /** Cells with an SRB.* formula. */
  formeln: number;
}

interface Benutzt {
  zeile: number;
  spalte: number;
  formeln: unknown[][];
  werte: unknown[][];
}

async function lies(
  ctx: Excel.RequestContext,
  namen?: string[],
): Promise<Array<{ ws: Excel.Worksheet; name: string; tabellen: Excel.Table[]; benutzt: Benutzt | null }>> {
  const blaetter = ctx.workbook.worksheets.load('items/name');
  await ctx.sync();
  const gewaehlt = blaetter.items.filter((ws) => !namen || namen.includes(ws.name));
  const je = gewaehlt.map((ws) => ({
    ws,
    name: ws.name,
    tabellen: ws.tables.load('items/name'),
    bereich: ws.getUsedRangeOrNullObject(true).load(`isNullObject, ${LAGE}`),
  }));
  await ctx.sync();
  // A sheet's used range may be anything the controller typed: its cells come in parts (lesen.ts).
  const lesen = new Leseauftrag(ctx);
  const zellen: Array<(() => Gelesen) | null> = [];
  for (const j of je)
    zellen.push(j.bereich.isNullObject ? null : await lesen.lies(j.ws, j.bereich, ['formulas', 'values']));
  await lesen.fertig();
  return je.map((j, n) => {
    const z = zellen[n]?.();
    return {
      ws: j.ws,
      name: j.name,
      tabellen: j.tabellen.items,
      benutzt: z
        ? { zeile: j.bereich.rowIndex, spalte: j.bereich.columnIndex, formeln: z.formulas, werte: z.values }
        : null,
    };
  });
}

const zaehle = (b: Benutzt | null) => (b ? b.formeln.flat().filter(istSrbFormel).length : 0);

/** Which sheets hold SRB tables or SRB.* formulas, in the workbook's order. */
export async function srbBlaetter(): Promise<SrbBlatt[]> {
  return await Excel.run(async (ctx) =>
    (await lies(ctx))
      .map((b) => ({
        blatt: b.name,
        tabellen: b.tabellen.map((t) => t.name).filter((n) => /^SRB_/i.test(n)),
        formeln: zaehle(b.benutzt),
      }))
      .filter((b) => b.tabellen.length > 0 || b.formeln > 0),
  );
}

/**
 * Where a sheet's "Stand" goes: A2 under the title of a pulled sheet; on another sheet the cell of the
 * first row that already says "Stand…", else the first row one column right of everything used, so
 * that nothing of the controller's is overwritten.
 */
function standAdresse(tabellenblatt: boolean, b: Benutzt | null): string {
  if (tabellenblatt || !b) return tabellenblatt ? 'A2' : 'A1';
  if (b.zeile === 0) {
    const k = (b.werte[0] ?? []).findIndex((w) => typeof w === 'string' && /^Stand\b/.test(w));
    if (k >= 0) return block(0, b.spalte + k, 1, 1);
  }
  return block(0, b.spalte + (b.werte[0]?.length ?? 0) + 1, 1, 1);
}

/** Writes "Stand: …" on each of these sheets (Alle aktualisieren). */
export async function schreibeStand(blaetter: SrbBlatt[], text: string): Promise<void> {
  await Excel.run(async (ctx) => {
    const gelesen = await lies(
      ctx,
      blaetter.map((b) => b.blatt),
    );
    for (const g of gelesen) {
      const tabellenblatt = g.tabellen.some((t) => /^SRB_/i.test(t.name));
      // A pulled sheet already got its Stand with the tables (and A2 there is the pull's own line).
      if (!tabellenblatt) g.ws.getRange(standAdresse(false, g.benutzt)).values = [[text]];
    }
    await ctx.sync();
  });
}

const WERTE = ' (Werte)';

/** "Abweichung (Werte)", shortened to Excel's 31 characters, with a number if the name is taken. */
function kopiename(blatt: string, vergeben: Set<string>): string {
  for (let n = 1; ; n++) {
    const zusatz = n === 1 ? WERTE : ` (Werte ${n})`;
    const name = `${blatt.slice(0, 31 - zusatz.length)}${zusatz}`;
    if (!vergeben.has(name.toLowerCase())) {
      vergeben.add(name.toLowerCase());
      return name;
    }
  }
}

/**
 * Als Werte weitergeben: a copy of each chosen sheet (formats, widths, charts kept) in which every
 * SRB.* formula is the value it shows and every table a plain range, stamped with `stempel`. A
 * colleague without the add-in sees the numbers, not #NAME?. Returns the copies' names.
 */
export async function alsWerteKopieren(namen: string[], stempel: string): Promise<string[]> {
  return await Excel.run(async (ctx) => {
    const vergeben = new Set((await lies(ctx)).map((b) => b.name.toLowerCase()));
    const quellen = await lies(ctx, namen);
    const kopien = quellen.map((q) => {
      const k = q.ws.copy('End');
      // A protected sheet (a forecast sheet) is copied protected; the values below are written into the copy.
      k.protection.unprotect();
      const name = kopiename(q.name, vergeben);
      k.name = name;
      return { q, k, name, tabellen: k.tables.load('items/name') };
    });
    await ctx.sync();
    const budget = new Anfragebudget(ctx);
    ruhigStellen(ctx);
    for (const { q, k, tabellen } of kopien) {
      for (const t of tabellen.items) t.convertToRange();
      if (q.benutzt) await werteStattFormeln(budget, k, q.benutzt);
      const tabellenblatt = q.tabellen.some((t) => /^SRB_/i.test(t.name));
      k.getRange(standAdresse(tabellenblatt, q.benutzt)).values = [[stempel]];
    }
    await ctx.sync();
    return kopien.map((x) => x.name);
  });
}

/** Each run of SRB.* cells in a row becomes its shown values (text as text, errors as shown). */
async function werteStattFormeln(budget: Anfragebudget, ws: Excel.Worksheet, b: Benutzt): Promise<void> {
  for (const [r, zeile] of b.formeln.entries()) {
    for (let s = 0; s < zeile.length; s++) {
      if (!istSrbFormel(zeile[s])) continue;
      const von = s;
      while (s + 1 < zeile.length && istSrbFormel(zeile[s + 1])) s++;
      const werte = b.werte[r]!.slice(von, s + 1).map((w) =>
        typeof w === 'string' && !w.startsWith('#') ? alsText(w) : w,
      );
      await budget.platz(groesse(werte));
      ws.getRange(block(b.zeile + r, b.spalte + von, 1, werte.length)).values = [
        werte as Array<string | number | boolean>,
      ];
    }
  }
}
