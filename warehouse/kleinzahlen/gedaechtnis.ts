// What the protection worked out per table, kept by a fingerprint (Abdruck) of everything it is computed from
// and of the protection's own code: in the memory of the thread that computes it, and handed out to be kept in
// the warehouse (speicher.ts), so that a start of the server finds the years worked out.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A table's hidden cells (position among its ordered rows, column) and the ranges of its hidden stocks at its end. */
export interface Tabellenschutz {
  weg: Array<[number, string]>;
  spannen: Array<[number, number, number]>;
}

/** The protection's code (this folder's modules): a change of it makes every fingerprint new, so no old answer is reused. */
const fassung = (() => {
  const h = createHash('sha256');
  const ordner = fileURLToPath(new URL('.', import.meta.url));
  for (const datei of readdirSync(ordner)
    .filter((d) => /\.[jt]s$/.test(d))
    .sort())
    h.update(datei).update(readFileSync(ordner + datei));
  return h.digest('hex');
})();

/** The fingerprint of a table's protection from the text of what it is computed from. */
export const abdruck = (eingaben: string) => createHash('sha256').update(fassung).update(eingaben).digest('hex');

const gemerkt = new Map<string, Tabellenschutz>();
const frisch = new Map<string, Tabellenschutz>();
const HOECHSTENS_GEMERKT = 400;

export const erinnere = (a: string): Tabellenschutz | undefined => gemerkt.get(a);

/** Keeps a table's protection; `neu`: worked out here (not read from the warehouse), so to be kept there too. */
export function merke(a: string, schutz: Tabellenschutz, neu: boolean): void {
  if (gemerkt.size >= HOECHSTENS_GEMERKT) gemerkt.clear();
  gemerkt.set(a, schutz);
  if (neu) frisch.set(a, schutz);
}

/** The tables worked out since the last call, for the warehouse to keep. */
export function frischBerechnet(): Array<[string, Tabellenschutz]> {
  const aus = [...frisch];
  frisch.clear();
  return aus;
}
