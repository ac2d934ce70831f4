import type { Warehouse } from './verbindung.ts';

/** One line of the audit: who did what to which object (docs/regeln.md §9: every write, query and failed sign-in). */
export interface Auditeintrag {
  benutzer: string;
  aktion: string;
  objekt?: string | null;
  details?: string | null;
}

/**
 * Writes an audit line as the warehouse's one writer: inside a write that already holds the lock it
 * becomes part of that write's transaction (a load and its audit line land together or not at all);
 * on its own it never lands inside someone else's transaction.
 */
export async function protokolliere(wh: Warehouse, e: Auditeintrag): Promise<void> {
  await wh.schreibe(() =>
    wh.ausfuehren('INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, $a, $o, $d)', {
      b: e.benutzer,
      a: e.aktion,
      o: e.objekt ?? null,
      d: e.details ?? null,
    }),
  );
}
