// All SRB.* calls of one recalculation go to the server as one request. Each cell stays subscribed
// (a streaming function), so that new figures reach it when the API announces a change.

export type Funktion = 'FINANZVOLUMEN' | 'IST' | 'PROGNOSE' | 'ABWEICHUNG' | 'FAELLE';
export type Argument = string | number | boolean | null;
export interface Aufruf {
  funktion: Funktion;
  argumente: Argument[];
}
export type Ergebnis = { wert: number } | { fehler: 'wert' | 'nv'; meldung: string };

/** What the batch needs of a cell: a place for its result (Excel's StreamingInvocation). */
export interface Zelle<T> {
  setResult(wert: number | T): void;
}

/** One request for many calls; `unveraendert` when the server confirms the ETag sent. */
export type Senden = (
  aufrufe: Aufruf[],
  etag: string | null,
) => Promise<{ ergebnisse: Ergebnis[]; etag: string | null } | 'unveraendert'>;

const schluessel = (a: Aufruf) => JSON.stringify([a.funktion, ...a.argumente]);

// POST /api/v1/formeln takes at most 5.000 calls and 256 KB per request: a recalculation of more
// cells goes out as several requests at once, each well inside both limits.
const AUFRUFE_JE_ANFRAGE = 4000;
const BYTES_JE_ANFRAGE = 192 * 1024;

/** The calls of one recalculation cut into requests the API takes. */
function inAnfragen(aufrufe: Aufruf[]): Aufruf[][] {
  const teile: Aufruf[][] = [];
  let teil: Aufruf[] = [];
  let bytes = 0;
  for (const a of aufrufe) {
    const groesse = JSON.stringify(a).length + 1;
    if (teil.length > 0 && (teil.length >= AUFRUFE_JE_ANFRAGE || bytes + groesse > BYTES_JE_ANFRAGE)) {
      teile.push(teil);
      teil = [];
      bytes = 0;
    }
    teil.push(a);
    bytes += groesse;
  }
  if (teil.length > 0) teile.push(teil);
  return teile;
}

export class Formelstapel<F> {
  private readonly zellen = new Map<string, { aufruf: Aufruf; zellen: Set<Zelle<F>> }>();
  private readonly ergebnisse = new Map<string, Ergebnis>();
  private etag: string | null = null;
  private offen = new Set<string>();
  private geplant: Promise<void> | null = null;
  /** Requests sent, for the task pane and the tests. */
  anfragen = 0;

  constructor(
    private readonly senden: Senden,
    private readonly fehler: (e: Extract<Ergebnis, { fehler: string }>) => F,
    private readonly warteMs = 15,
  ) {}

  /** A cell asks: answered from the cache, or collected for the next request. */
  abonniere(aufruf: Aufruf, zelle: Zelle<F>): () => void {
    const k = schluessel(aufruf);
    const eintrag = this.zellen.get(k) ?? { aufruf, zellen: new Set() };
    eintrag.zellen.add(zelle);
    this.zellen.set(k, eintrag);
    const bekannt = this.ergebnisse.get(k);
    if (bekannt) this.melde(zelle, bekannt);
    else this.vormerken([k]);
    return () => {
      eintrag.zellen.delete(zelle);
      if (eintrag.zellen.size === 0) this.zellen.delete(k);
    };
  }

  /** The API announced new figures: every subscribed call again, with the ETag (304 when nothing changed for us). */
  async aktualisiere(): Promise<void> {
    if (this.zellen.size === 0) return;
    const teile = inAnfragen([...this.zellen.values()].map((e) => e.aufruf));
    this.anfragen += teile.length;
    // The ETag is the warehouse's version: the same for every part, so all parts are 304 or none.
    const antworten = await Promise.all(teile.map((t) => this.senden(t, this.etag)));
    if (antworten.every((a) => a === 'unveraendert')) return;
    this.ergebnisse.clear();
    for (const [i, a] of antworten.entries()) if (a !== 'unveraendert') this.uebernimm(teile[i]!, a);
  }

  private vormerken(keys: string[]): void {
    for (const k of keys) this.offen.add(k);
    this.geplant ??= new Promise<void>((r) => setTimeout(r, this.warteMs)).then(() => this.sende());
  }

  private async sende(): Promise<void> {
    const keys = [...this.offen].filter((k) => this.zellen.has(k));
    this.offen = new Set();
    this.geplant = null;
    if (keys.length === 0) return;
    const teile = inAnfragen(keys.map((k) => this.zellen.get(k)!.aufruf));
    this.anfragen += teile.length;
    await Promise.all(teile.map((t) => this.sendeTeil(t)));
  }

  private async sendeTeil(aufrufe: Aufruf[]): Promise<void> {
    try {
      const antwort = await this.senden(aufrufe, null);
      if (antwort === 'unveraendert') return;
      // A newer ETag means the figures changed since the other cells were answered (perhaps before
      // the change event arrives): drop the cached answers and ask for the other cells again.
      const veraltet = this.etag !== null && antwort.etag !== this.etag;
      if (veraltet) this.ergebnisse.clear();
      this.uebernimm(aufrufe, antwort);
      const diese = new Set(aufrufe.map(schluessel));
      if (veraltet) this.vormerken([...this.zellen.keys()].filter((k) => !diese.has(k)));
    } catch (e) {
      for (const a of aufrufe)
        for (const z of this.zellen.get(schluessel(a))?.zellen ?? [])
          z.setResult(this.fehler({ fehler: 'nv', meldung: (e as Error).message }));
    }
  }

  private uebernimm(aufrufe: Aufruf[], antwort: { ergebnisse: Ergebnis[]; etag: string | null }): void {
    this.etag = antwort.etag;
    for (const [i, a] of aufrufe.entries()) {
      const k = schluessel(a);
      const e = antwort.ergebnisse[i]!;
      this.ergebnisse.set(k, e);
      for (const z of this.zellen.get(k)?.zellen ?? []) this.melde(z, e);
    }
  }

  private melde(z: Zelle<F>, e: Ergebnis): void {
    z.setResult('wert' in e ? e.wert : this.fehler(e));
  }
}
