import { WarehouseFehler } from '../fehler.ts';

/**
 * The ad-hoc lane: at most `parallel` queries at once, `wartend` more queued, the rest told to wait.
 * DuckDB's node binding runs each query step on libuv's thread pool (4 threads unless
 * UV_THREADPOOL_SIZE says more): four slow analyst queries would hold every thread and the figure
 * endpoints would queue behind them. A lane narrower than the pool leaves threads for everyone else.
 */
export class Spur {
  private laufend = 0;
  private warteschlange: Array<() => void> = [];

  constructor(
    readonly parallel = 2,
    readonly wartend = 8,
    readonly warteMs = 30_000,
  ) {}

  async fahre<T>(fn: () => Promise<T>): Promise<T> {
    if (this.laufend >= this.parallel) await this.warte();
    else this.laufend++;
    try {
      return await fn();
    } finally {
      const naechster = this.warteschlange.shift();
      if (naechster) naechster();
      else this.laufend--;
    }
  }

  private warte(): Promise<void> {
    if (this.warteschlange.length >= this.wartend) throw ueberlastet();
    return new Promise((weiter, abbruch) => {
      const los = () => {
        clearTimeout(wecker);
        weiter();
      };
      const wecker = setTimeout(() => {
        this.warteschlange = this.warteschlange.filter((w) => w !== los);
        abbruch(ueberlastet());
      }, this.warteMs);
      this.warteschlange.push(los);
    });
  }
}

function ueberlastet(): WarehouseFehler {
  return new WarehouseFehler(
    'ueberlastet',
    'Gerade laufen zu viele Ad-hoc-Abfragen. Bitte warten und in einigen Sekunden erneut versuchen.',
  );
}
