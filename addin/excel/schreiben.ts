import { block } from './adresse.ts';
import type { Zellwert } from './zelle.ts';

// Excel on the web refuses requests and responses over 5 MB ("payload size limit for requests and
// responses", Microsoft's resource limits for Excel add-ins). What a write sends is known before it goes:
// its cells as JSON. Writes of one batch share a budget of bytes under the limit (the rest is the
// request's own frame); only a batch beyond it is split, with a sync per part.
export const BYTES_JE_ANFRAGE = 4 * 1024 * 1024;

const utf8 = new TextEncoder();
/** What cells add to a request: their JSON in UTF-8 bytes (a long text of umlauts counts as it travels). */
export const groesse = (zellen: unknown): number => utf8.encode(JSON.stringify(zellen)).length;

export class Anfragebudget {
  private rest = BYTES_JE_ANFRAGE;
  constructor(private readonly ctx: Excel.RequestContext) {}
  /** Room for this many more bytes in this request, or a sync first. */
  async platz(bytes: number): Promise<void> {
    if (bytes > this.rest && this.rest < BYTES_JE_ANFRAGE) {
      await this.ctx.sync();
      ruhigStellen(this.ctx);
      this.rest = BYTES_JE_ANFRAGE;
    }
    this.rest -= bytes;
  }
}

/**
 * Consecutive rows [von, bis) that fit one request each, by the bytes of a row (`bytesDerZeile`); a row
 * alone beyond the budget cannot be written and is named (`ersteZeile`: the sheet's row of row 0, from 0).
 */
export function inTeilen(
  zeilen: number,
  bytesDerZeile: (r: number) => number,
  ersteZeile: number,
): Array<{ von: number; bis: number; bytes: number }> {
  const teile: Array<{ von: number; bis: number; bytes: number }> = [];
  for (let von = 0; von < zeilen;) {
    let bytes = 0;
    let bis = von;
    while (bis < zeilen) {
      const b = bytesDerZeile(bis);
      if (b > BYTES_JE_ANFRAGE)
        throw new Error(
          `Zeile ${ersteZeile + bis + 1} ist mit ${Math.ceil(b / 1024 / 1024)} MB größer, als eine Anfrage an Excel sein darf (5 MB); bitte die langen Texte darin kürzen.`,
        );
      if (bis > von && bytes + b > BYTES_JE_ANFRAGE) break;
      bytes += b;
      bis++;
    }
    teile.push({ von, bis, bytes });
    von = bis;
  }
  return teile;
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
  for (const { von, bis, bytes } of inTeilen(werte.length, (r) => groesse(werte[r]) + groesse(formate[r]), zeile)) {
    await budget.platz(bytes);
    const r = blatt.getRange(block(zeile + von, spalteVon, bis - von, breite));
    // A text format ("@") must be there before the text arrives.
    r.numberFormat = formate.slice(von, bis);
    r.values = werte.slice(von, bis);
  }
}

/** Screen and calculation wait until the next sync: one repaint and one recalculation per big write. */
export function ruhigStellen(ctx: Excel.RequestContext): void {
  ctx.application.suspendApiCalculationUntilNextSync();
  ctx.application.suspendScreenUpdatingUntilNextSync();
}
