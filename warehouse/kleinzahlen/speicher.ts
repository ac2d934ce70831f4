// The protection's answers per table kept in the warehouse (table kleinzahlschutz, schema/19): a year needs the
// years before it, so a start of the server would otherwise spend a quarter of a minute on the county's years
// (more on a busy machine) before the first answer of the Fachcontrolling. A cache of a pure function, keyed by
// the fingerprint of its input and code: nothing to audit, nothing that goes stale.
import { z } from 'zod';
import type { Warehouse } from '../verbindung.ts';
import type { Tabellenschutz } from './gedaechtnis.ts';

export interface Schutzspeicher {
  /** The warehouse file: its worker is told once what it keeps. */
  datei: string;
  /** What the warehouse keeps (none where it cannot be read). */
  bekannt(): Promise<Array<[string, Tabellenschutz]>>;
  /**
   * Keeps what was worked out anew, beside the writer (it does not wait for a load, nor a load for it), before
   * the answer: a command of `srb` ends right after it, and a write left behind would be lost.
   */
  behalte(neu: ReadonlyArray<[string, Tabellenschutz]>): Promise<void>;
}

const tabellenschutz = z.object({
  weg: z.array(z.tuple([z.number().int(), z.string()])),
  spannen: z.array(z.tuple([z.number().int(), z.number(), z.number()])),
});

/** Tables kept at most: a few years × (the county and each Träger), and a few states of the current year. */
const HOECHSTENS = 200;

/** The store of a warehouse, through this connection. */
export function schutzspeicher(wh: Warehouse): Schutzspeicher {
  return {
    datei: wh.pfad,
    async bekannt() {
      try {
        const zeilen = await wh.abfrage('SELECT abdruck, schutz FROM kleinzahlschutz');
        return zeilen.flatMap((z): Array<[string, Tabellenschutz]> => {
          const g = tabellenschutz.safeParse(JSON.parse(String(z.schutz)));
          return g.success ? [[String(z.abdruck), g.data]] : [];
        });
      } catch {
        // a warehouse of an older schema (read-only, not yet migrated): the protection works it out
        return [];
      }
    },
    async behalte(neu) {
      if (wh.nurLesen || neu.length === 0) return;
      await wh
        .nebenher(async (w) => {
          for (const [abdruck, schutz] of neu)
            await w.ausfuehren('INSERT OR REPLACE INTO kleinzahlschutz (abdruck, schutz) VALUES ($abdruck, $schutz)', {
              abdruck,
              schutz: JSON.stringify(schutz),
            });
          await w.ausfuehren(
            `DELETE FROM kleinzahlschutz WHERE abdruck NOT IN (SELECT abdruck FROM kleinzahlschutz ORDER BY berechnet DESC LIMIT ${HOECHSTENS})`,
          );
        })
        // a cache: a write that fails (the warehouse closing) costs only time on the next start
        .catch(() => undefined);
    },
  };
}
