import { block } from './adresse.ts';
import type { Zellwert } from './zelle.ts';

// Excel on the web refuses responses over 5 MB as it refuses requests ("payload size limit for requests
// and responses", Microsoft's resource limits for Excel add-ins). What a read brings back is not known
// before: a sheet's cells may be numbers or long texts. A big table or used range is therefore read in
// parts of rows under a budget of cells that numbers and short texts keep well under the limit; the parts
// of several blocks share a sync. Where the answer is still too large (long texts), the parts of that sync
// are read again in halves, each on its own, down to one row.

/** Cells (values and formulas each count) read in one sync before the answer's size is known. */
export const ZELLEN_JE_LESEN = 60_000;

/** Where a block is on its sheet, rows and columns counted from 0 (as a range loaded with rowIndex, … gives it). */
export interface Lage {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** What a range loads first, so that its cells can be read in parts. */
export const LAGE = 'rowIndex, columnIndex, rowCount, columnCount';

export interface Gelesen {
  values: Zellwert[][];
  formulas: unknown[][];
}

type Art = keyof Gelesen;

/** Rows [von, von + zeilen) of a block, and the ranges that bring them (more than one once it was halved). */
interface Teil {
  ws: Excel.Worksheet;
  zeile: number;
  spalte: number;
  zeilen: number;
  breite: number;
  arten: readonly Art[];
  stuecke: Excel.Range[];
}

/** Only the answer can be too large here: a read's request is a few addresses. */
const zuGross = (e: unknown) => (e as { code?: string } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Queues reads of blocks in parts under the budget: `lies` gives a function that returns the cells
 * once `fertig` has synced. Several blocks share a sync as long as their parts fit.
 */
export class Leseauftrag {
  private rest = ZELLEN_JE_LESEN;
  /** Parts loaded for the next sync. */
  private offen: Teil[] = [];
  constructor(private readonly ctx: Excel.RequestContext) {}

  async lies(ws: Excel.Worksheet, lage: Lage, arten: readonly Art[]): Promise<() => Gelesen> {
    const breite = Math.max(1, lage.columnCount);
    const zeilenJeTeil = Math.max(1, Math.floor(ZELLEN_JE_LESEN / (arten.length * breite)));
    const teile: Teil[] = [];
    for (let von = 0; von < lage.rowCount; von += zeilenJeTeil) {
      const zeilen = Math.min(zeilenJeTeil, lage.rowCount - von);
      const zellen = arten.length * zeilen * breite;
      if (zellen > this.rest && this.rest < ZELLEN_JE_LESEN) await this.fertig();
      this.rest -= zellen;
      const t: Teil = { ws, zeile: lage.rowIndex + von, spalte: lage.columnIndex, zeilen, breite, arten, stuecke: [] };
      t.stuecke = [this.lade(t, 0, zeilen)];
      this.offen.push(t);
      teile.push(t);
    }
    return () => ({
      values: arten.includes('values') ? teile.flatMap((t) => t.stuecke.flatMap((s) => s.values)) : [],
      formulas: arten.includes('formulas') ? teile.flatMap((t) => t.stuecke.flatMap((s) => s.formulas)) : [],
    });
  }

  /** The sync that brings the parts loaded so far. */
  async fertig(): Promise<void> {
    const offen = this.offen;
    this.offen = [];
    this.rest = ZELLEN_JE_LESEN;
    if (offen.length === 0) return;
    try {
      await this.ctx.sync();
    } catch (e) {
      if (!zuGross(e)) throw e;
      // The sync brought nothing: each part again, halved where it is still too large.
      for (const t of offen) t.stuecke = await this.inHaelften(t, 0, t.zeilen);
    }
  }

  private lade(t: Teil, von: number, zeilen: number): Excel.Range {
    return t.ws.getRange(block(t.zeile + von, t.spalte, zeilen, t.breite)).load(t.arten.join(', '));
  }

  private async inHaelften(t: Teil, von: number, zeilen: number): Promise<Excel.Range[]> {
    const r = this.lade(t, von, zeilen);
    try {
      await this.ctx.sync();
      return [r];
    } catch (e) {
      if (!zuGross(e)) throw e;
      if (zeilen === 1)
        throw new Error(
          `Zeile ${t.zeile + von + 1} ist größer, als eine Antwort von Excel sein darf (5 MB); bitte die langen Texte darin kürzen.`,
          { cause: e },
        );
      const haelfte = Math.floor(zeilen / 2);
      return [
        ...(await this.inHaelften(t, von, haelfte)),
        ...(await this.inHaelften(t, von + haelfte, zeilen - haelfte)),
      ];
    }
  }
}
