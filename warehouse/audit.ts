import type { Warehouse } from './verbindung.ts';

/** One line of the audit: who did what to which object (docs/regeln.md §9: every write, query and failed sign-in). */
export interface Auditeintrag {
  benutzer: string;
  aktion: string;
  objekt?: string | null;
  details?: string | null;
}

/**
 * Writes an audit line, committed when this returns. Inside a write that holds the writer's lock it
 * becomes part of that write's transaction (a load and its audit line land together or not at all).
 * On its own (an ad-hoc query, a sign-in) it goes on the audit's own connection beside the writer: it
 * never lands inside someone else's transaction, and it does not wait behind a load or a backup's queue.
 */
export async function protokolliere(wh: Warehouse, e: Auditeintrag): Promise<void> {
  const schreibe = (w: Warehouse) =>
    w.ausfuehren('INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, $a, $o, $d)', {
      b: e.benutzer,
      a: e.aktion,
      o: e.objekt ?? null,
      d: e.details ?? null,
    });
  if (wh.schreibtGerade) await schreibe(wh);
  else await wh.nebenher(schreibe);
}
