import type { Dienste } from '../dienste.ts';

// A workbook recalculates the same SRB.* cells again and again (on opening, F9, a colleague's copy of
// the same sheets), and every recalculation asked the warehouse anew for the same data sets: 768
// distinct calls cost 4,6 s at the bench's scale, each time. A data set is kept while the figures have
// not changed (`Dienste.tagesstand`: no write and the same day) and is then forgotten whole. The key holds the caller's scope, so no
// one is answered from a set read in another scope.

const HOECHSTENS = 256;

class Datensaetze {
  private stand = '';
  private readonly saetze = new Map<string, Promise<unknown>>();

  hole(stand: string, schluessel: string, laden: () => Promise<unknown>): Promise<unknown> {
    if (stand !== this.stand) {
      this.saetze.clear();
      this.stand = stand;
    }
    const bekannt = this.saetze.get(schluessel);
    if (bekannt) return bekannt;
    if (this.saetze.size >= HOECHSTENS) this.saetze.delete(this.saetze.keys().next().value!);
    const neu = laden();
    this.saetze.set(schluessel, neu);
    // A failed read is not kept: the next recalculation tries again.
    neu.catch(() => {
      if (this.saetze.get(schluessel) === neu) this.saetze.delete(schluessel);
    });
    return neu;
  }
}

const jeServer = new WeakMap<Dienste, Datensaetze>();

/** The data set under `schluessel` as the warehouse holds it now: kept from an earlier recalculation, or read. */
export function datensatz(d: Dienste, schluessel: string, laden: () => Promise<unknown>): Promise<unknown> {
  let s = jeServer.get(d);
  if (!s) jeServer.set(d, (s = new Datensaetze()));
  return s.hole(d.tagesstand, schluessel, laden);
}
