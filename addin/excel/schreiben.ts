import { block } from './adresse.ts';
import type { Zellwert } from './zelle.ts';

// Excel on the web refuses requests over about 5 MB; a written cell costs some 20–60 bytes of it.
// Writes of one batch share this budget of cells (values and number formats each count); only a
// batch beyond it is split, with a sync per part.
export const ZELLEN_JE_ANFRAGE = 60_000;

export class Anfragebudget {
  private rest = ZELLEN_JE_ANFRAGE;
  constructor(private readonly ctx: Excel.RequestContext) {}
  /** Room for n more cells in this request, or a sync first. */
  async platz(n: number): Promise<void> {
    if (n > this.rest && this.rest < ZELLEN_JE_ANFRAGE) {
      await this.ctx.sync();
      ruhigStellen(this.ctx);
      this.rest = ZELLEN_JE_ANFRAGE;
    }
    this.rest -= n;
  }
}

/** Writes a 2-D block from (zeile, spalte) as whole arrays: number formats first, then the values. */
export async function schreibeBlock(
  budget: Anfragebudget,
  blatt: Excel.Worksheet,
  zeile: number,
  spalteVon: number,
  werte: Zellwert[][],
  formate: string[][],
): Promise<void> {
  if (werte.length === 0) return;
  const breite = werte[0]!.length;
  const zeilenJeTeil = Math.max(1, Math.floor(ZELLEN_JE_ANFRAGE / (2 * breite)));
  for (let von = 0; von < werte.length; von += zeilenJeTeil) {
    const teil = werte.slice(von, von + zeilenJeTeil);
    await budget.platz(2 * teil.length * breite);
    const r = blatt.getRange(block(zeile + von, spalteVon, teil.length, breite));
    // A text format ("@") must be there before the text arrives.
    r.numberFormat = formate.slice(von, von + zeilenJeTeil);
    r.values = teil;
  }
}

/** Screen and calculation wait until the next sync: one repaint and one recalculation per big write. */
export function ruhigStellen(ctx: Excel.RequestContext): void {
  ctx.application.suspendApiCalculationUntilNextSync();
  ctx.application.suspendScreenUpdatingUntilNextSync();
}
