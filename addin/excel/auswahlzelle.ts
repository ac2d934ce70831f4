import { ohneBlatt } from './adresse.ts';

/** The selected cell as Herkunft needs it: where it is, what it shows, its formula, and its row of an SRB_… table. */
export interface Auswahlzelle {
  blatt: string;
  adresse: string;
  wert: unknown;
  formel: string | null;
  /** The table the cell lies in (of those asked for), its header and the cell's row, and the cell's column title. */
  tabelle: { name: string; kopf: string[]; zeile: unknown[]; spalte: string } | null;
}

/** "B7" → row 6, column 1 (0-based). */
function lage(a1: string): { zeile: number; spalte: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)/.exec(a1);
  if (!m) return null;
  let s = 0;
  for (const c of m[1]!) s = s * 26 + c.charCodeAt(0) - 64;
  return { zeile: Number(m[2]) - 1, spalte: s - 1 };
}

/**
 * Reads the active cell and, among the tables named (the SRB_… tables of the cell's sheet), the one it
 * lies in with its header and the cell's row: two syncs.
 */
export async function liesAuswahlzelle(tabellenJeBlatt: Record<string, string[]>): Promise<Auswahlzelle> {
  return await Excel.run(async (ctx) => {
    const zelle = ctx.workbook.getActiveCell().load('address, values, formulas');
    await ctx.sync();
    const blatt = zelle.address.includes('!')
      ? zelle.address.slice(0, zelle.address.lastIndexOf('!')).replace(/^'|'$/g, '')
      : '';
    const adresse = ohneBlatt(zelle.address);
    const formel = String(zelle.formulas[0]?.[0] ?? '');
    const ergebnis: Auswahlzelle = {
      blatt,
      adresse,
      wert: zelle.values[0]?.[0],
      formel: formel.startsWith('=') ? formel : null,
      tabelle: null,
    };
    const namen = tabellenJeBlatt[blatt] ?? [];
    const tabellen = namen.map((n) => ctx.workbook.tables.getItemOrNullObject(n));
    for (const t of tabellen) t.load('isNullObject');
    await ctx.sync();
    const bereiche = tabellen.map((t) => (t.isNullObject ? null : t.getRange().load('address, values')));
    await ctx.sync();
    const hier = lage(adresse);
    for (const [i, b] of bereiche.entries()) {
      if (!b || !hier) continue;
      const [von, bis] = ohneBlatt(b.address).split(':').map(lage);
      if (
        !von ||
        !bis ||
        hier.zeile <= von.zeile ||
        hier.zeile > bis.zeile ||
        hier.spalte < von.spalte ||
        hier.spalte > bis.spalte
      )
        continue;
      const kopf = b.values[0]!.map(String);
      ergebnis.tabelle = {
        name: namen[i]!,
        kopf,
        zeile: b.values[hier.zeile - von.zeile]!,
        spalte: kopf[hier.spalte - von.spalte]!,
      };
    }
    return ergebnis;
  });
}
