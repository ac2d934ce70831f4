import { block } from './adresse.ts';
import { ZELLEN_JE_ANFRAGE } from './schreiben.ts';
import type { Zellwert } from './zelle.ts';

// Excel on the web refuses responses over 5 MB as it refuses requests ("payload size limit for requests
// and responses", Microsoft's resource limits for Excel add-ins). A big table or used range is therefore
// read in parts of rows, each counted against the same cell budget as a write; the parts of several
// blocks share a sync, and only a read beyond the budget costs another one.

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

/**
 * Queues reads of blocks in parts under the budget: `lies` gives a function that returns the cells
 * once `fertig` has synced. Several blocks share a sync as long as their parts fit.
 */
export class Leseauftrag {
  private rest = ZELLEN_JE_ANFRAGE;
  constructor(private readonly ctx: Excel.RequestContext) {}

  async lies(ws: Excel.Worksheet, lage: Lage, arten: readonly Art[]): Promise<() => Gelesen> {
    const breite = Math.max(1, lage.columnCount);
    const zeilenJeTeil = Math.max(1, Math.floor(ZELLEN_JE_ANFRAGE / (arten.length * breite)));
    const teile: Excel.Range[] = [];
    for (let von = 0; von < lage.rowCount; von += zeilenJeTeil) {
      const zeilen = Math.min(zeilenJeTeil, lage.rowCount - von);
      const zellen = arten.length * zeilen * breite;
      if (zellen > this.rest && this.rest < ZELLEN_JE_ANFRAGE) {
        await this.ctx.sync();
        this.rest = ZELLEN_JE_ANFRAGE;
      }
      this.rest -= zellen;
      teile.push(ws.getRange(block(lage.rowIndex + von, lage.columnIndex, zeilen, breite)).load(arten.join(', ')));
    }
    return () => ({
      values: arten.includes('values') ? teile.flatMap((t) => t.values) : [],
      formulas: arten.includes('formulas') ? teile.flatMap((t) => t.formulas) : [],
    });
  }

  /** The sync that brings the last parts. */
  async fertig(): Promise<void> {
    if (this.rest < ZELLEN_JE_ANFRAGE) await this.ctx.sync();
    this.rest = ZELLEN_JE_ANFRAGE;
  }
}
