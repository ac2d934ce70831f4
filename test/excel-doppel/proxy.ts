import type { Kontext } from './excel.ts';

// The base of every proxy of the double, in its own file so that the chart proxies (diagramme.ts)
// can extend it without an import cycle with excel.ts.

export class ExcelFehler extends Error {
  constructor(
    readonly code: string,
    meldung: string,
  ) {
    super(`${code}: ${meldung}`);
  }
}

export type Op = () => void;

export abstract class Proxy<T> {
  private readonly geladen = new Map<string, unknown>();
  constructor(
    protected readonly ctx: Kontext,
    private readonly finde: () => T | null,
  ) {}
  protected ziel(): T {
    const t = this.finde();
    if (t === null) throw new ExcelFehler('ItemNotFound', `${this.constructor.name} gibt es nicht`);
    return t;
  }
  protected abstract lies(t: T, name: string): unknown;
  load(props?: string | string[]): this {
    const namen = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.ops.push(() => this.erfasse(namen));
    return this;
  }
  /** Runs at the sync: reads the properties now, readable once the sync has returned. */
  erfasse(namen: string[]): void {
    const t = this.finde();
    // A null object has no other properties: they stay unloaded, and reading one throws.
    const werte = namen.flatMap((n) =>
      n === 'isNullObject' ? [[n, t === null] as const] : t === null ? [] : [[n, this.lies(t, n)] as const],
    );
    this.ctx.nachher.push(() => {
      for (const [n, w] of werte) this.geladen.set(n, w);
    });
  }
  protected geladenes<W>(name: string): W {
    if (!this.geladen.has(name))
      throw new ExcelFehler('PropertyNotLoaded', `${name} ist erst nach load("${name}") und context.sync() lesbar`);
    return this.geladen.get(name) as W;
  }
  protected spaeter(f: (t: T) => void): void {
    this.ctx.ops.push(() => f(this.ziel()));
  }
  get isNullObject(): boolean {
    return this.geladenes('isNullObject');
  }
}
