import { block } from './adresse.ts';
import type { Zellwert } from './zelle.ts';

// Excel on the web refuses requests over about 5 MB; a cell costs some 20–60 bytes in the request, so
// blocks of this many cells stay well below it. Smaller writes go in the one batch of the caller.
export const ZELLEN_JE_ANFRAGE = 40_000;

/**
 * Writes a 2-D block from (zeile, spalte), values and number formats as whole arrays. Only a block
 * larger than one request is split, with a sync after each part.
 */
export async function schreibeBlock(
  ctx: Excel.RequestContext, blatt: Excel.Worksheet, zeile: number, spalteVon: number,
  werte: Zellwert[][], formate: string[][] | null,
): Promise<void> {
  if (werte.length === 0) return;
  const breite = werte[0]!.length;
  const zeilenJeTeil = Math.max(1, Math.floor(ZELLEN_JE_ANFRAGE / breite));
  for (let von = 0; von < werte.length; von += zeilenJeTeil) {
    const teil = werte.slice(von, von + zeilenJeTeil);
    const r = blatt.getRange(block(zeile + von, spalteVon, teil.length, breite));
    // Formats first: a text format ("@") must be there before the text arrives.
    if (formate) r.numberFormat = formate.slice(von, von + zeilenJeTeil);
    r.values = teil;
    if (von + zeilenJeTeil < werte.length) await ctx.sync();
  }
}

/** Screen and calculation wait until the next sync: one repaint and one recalculation per big write. */
export function ruhigStellen(ctx: Excel.RequestContext): void {
  ctx.application.suspendApiCalculationUntilNextSync();
  ctx.application.suspendScreenUpdatingUntilNextSync();
}
