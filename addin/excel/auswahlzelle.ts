import { block, ohneBlatt } from './adresse.ts';
import { LAGE, type Lage } from './lesen.ts';

/** The selected cell as Herkunft needs it: where it is, what it shows, its formula, and its row of an SRB_… table. */
export interface Auswahlzelle {
  blatt: string;
  adresse: string;
  wert: unknown;
  formel: string | null;
  /** The table the cell lies in (of those asked for), its header and the cell's row, and the cell's column title. */
  tabelle: { name: string; kopf: string[]; zeile: unknown[]; spalte: string } | null;
}

/** Whether a data cell (not the header) of the block is at row `zeile`, column `spalte`. */
function imDatenteil(l: Lage, zeile: number, spalte: number): boolean {
  return (
    zeile > l.rowIndex &&
    zeile < l.rowIndex + l.rowCount &&
    spalte >= l.columnIndex &&
    spalte < l.columnIndex + l.columnCount
  );
}

/**
 * Reads the active cell and, among the tables named (the SRB_… tables of the cell's sheet), the one it
 * lies in with its header and the cell's row: three syncs, and only those two rows of the table are read
 * (a table of 100.000 rows would not fit in one of Excel's responses).
 */
export async function liesAuswahlzelle(tabellenJeBlatt: Record<string, string[]>): Promise<Auswahlzelle> {
  return await Excel.run(async (ctx) => {
    const zelle = ctx.workbook.getActiveCell().load(`address, values, formulas, ${LAGE}`);
    await ctx.sync();
    const blatt = zelle.address.includes('!')
      ? zelle.address.slice(0, zelle.address.lastIndexOf('!')).replace(/^'|'$/g, '').replaceAll("''", "'")
      : '';
    const formel = String(zelle.formulas[0]?.[0] ?? '');
    const ergebnis: Auswahlzelle = {
      blatt,
      adresse: ohneBlatt(zelle.address),
      wert: zelle.values[0]?.[0],
      formel: formel.startsWith('=') ? formel : null,
      tabelle: null,
    };
    const namen = tabellenJeBlatt[blatt] ?? [];
    const tabellen = namen.map((n) => ctx.workbook.tables.getItemOrNullObject(n).load('isNullObject'));
    await ctx.sync();
    const bereiche = tabellen.map((t) => (t.isNullObject ? null : t.getRange().load(LAGE)));
    await ctx.sync();
    const i = bereiche.findIndex((b) => b !== null && imDatenteil(b, zelle.rowIndex, zelle.columnIndex));
    const b = bereiche[i];
    if (!b) return ergebnis;
    const blattObjekt = ctx.workbook.worksheets.getActiveWorksheet();
    const kopf = blattObjekt.getRange(block(b.rowIndex, b.columnIndex, 1, b.columnCount)).load('values');
    const zeile = blattObjekt.getRange(block(zelle.rowIndex, b.columnIndex, 1, b.columnCount)).load('values');
    await ctx.sync();
    const titel = kopf.values[0]!.map(String);
    ergebnis.tabelle = {
      name: namen[i]!,
      kopf: titel,
      zeile: zeile.values[0]!,
      spalte: titel[zelle.columnIndex - b.columnIndex]!,
    };
    return ergebnis;
  });
}
