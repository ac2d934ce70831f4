import { EventEmitter } from 'node:events';
import { Spur, type Aenderungsart, type Warehouse } from '../warehouse/index.ts';

/** What keeps answers: told before a change becomes visible, so that it can compute them in the new state. */
export interface Vorausrechner {
  erneuere(art: Aenderungsart): Promise<void>;
}

export interface Aenderung {
  art: Aenderungsart;
  stand: number;
  zeitpunkt: string;
  details: Record<string, unknown>;
}

/**
 * The server's shared state. One process owns the DuckDB file: the writer connection takes loads,
 * forecasts and the audit (the warehouse serialises them with its own write lock); reads run on
 * connections of their own so they never sit inside a writer's transaction. `stand` counts changes to the figures: ETags and caches hang on it.
 */
/** The server's day (year, month, day), the part of a state that changes without a write. */
export function heute(): string {
  const t = new Date();
  return `${t.getFullYear()}-${t.getMonth() + 1}-${t.getDate()}`;
}

export class Dienste {
  readonly ereignisse = new EventEmitter();
  /** The one lane of all ad-hoc queries (POST /sql, saved queries): figure endpoints keep their threads. */
  readonly adhocSpur = new Spur();
  stand = 0;
  /** Changes per kind: a cached figure stays valid while the kinds that can change it have not changed. */
  readonly staende: Record<Aenderungsart, number> = { ladung: 0, prognose: 0, umschichtung: 0 };
  /** Part of every ETag: after a restart (and loads by the CLI meanwhile) no old ETag matches. */
  readonly start = Date.now().toString(36);
  letzteAenderung = new Date();
  /** Where the quarterly chart packs are written (srb serve --berichte); none when not set. */
  paketOrdner?: string;
  /** Bytes one upload may have (srb serve --upload-max-mb); beyond it 413 and nothing kept. */
  uploadGrenze = 100 * 1024 * 1024;

  /** The answer stores of the routes (api/ausgabe/speicher.ts), each registered when it is made. */
  readonly vorausrechner: Vorausrechner[] = [];

  private naechster = 0;
  /** The announcement under way (geaendert): the next waits for it. */
  private ankuendigung = Promise.resolve();

  constructor(
    readonly schreiber: Warehouse,
    private readonly lesende: readonly Warehouse[],
    readonly schluessel: string,
    readonly quarantaene?: string,
  ) {
    this.ereignisse.setMaxListeners(1000);
  }

  /**
   * A reading connection, the least busy one (ties in turn). A DuckDB connection runs one query at a time:
   * with one connection every figure read would wait for the one before it, and sent in turn a read waits
   * behind a slow one (a figure recomputed after a load, a formula batch, a large CSV) while another
   * connection is idle.
   */
  get leser(): Warehouse {
    const n = this.lesende.length;
    const erster = this.naechster++ % n;
    let beste = this.lesende[erster]!;
    for (let i = 1; i < n && beste.auslastung > 0; i++) {
      const w = this.lesende[(erster + i) % n]!;
      if (w.auslastung < beste.auslastung) beste = w;
    }
    return beste;
  }

  /**
   * `stand` and the day: figures show a quarter once it has ended (stichtag <= current_date) and count
   * the cases running today without any write, so what is kept on `stand` alone holds for a day at most.
   */
  get tagesstand(): string {
    return `${this.stand}.${heute()}`;
  }

  /**
   * A committed write of `art`: the stores first compute the answers it changes that readers have just asked for,
   * then the change counts move on and readers find those answers ready. The writer's answer waits for it, not the
   * next reader's (issue 13: an `abweichung` read after a forecast waited for its recomputation behind four slow
   * queries, up to 0,9 s). Until the counts move, readers get the answers from before the write, which has not
   * been confirmed yet.
   */
  async geaendert(art: Aenderung['art'], details: Record<string, unknown>): Promise<void> {
    // One announcement at a time: a second writer's answers, computed while the first one's were, could be
    // overwritten by the first one's older ones under the state that confirms the second write.
    const vorige = this.ankuendigung;
    let fertig = () => {};
    this.ankuendigung = new Promise<void>((r) => (fertig = r));
    await vorige;
    try {
      for (const v of this.vorausrechner) await v.erneuere(art);
      this.kuendigeAn(art, details);
    } finally {
      fertig();
    }
  }

  private kuendigeAn(art: Aenderung['art'], details: Record<string, unknown>): void {
    this.stand++;
    this.staende[art]++;
    this.letzteAenderung = new Date();
    const e: Aenderung = { art, stand: this.stand, zeitpunkt: this.letzteAenderung.toISOString(), details };
    this.ereignisse.emit('aenderung', e);
  }
}
