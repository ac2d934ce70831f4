import type { Block } from './adresse.ts';
import type { Kontext } from './excel.ts';
import { ExcelFehler, Proxy } from './proxy.ts';
import type { Bezug, Blatt, Diagramm, Reihe } from './zustand.ts';

// Charts of a sheet (worksheet.charts, ExcelApi 1.1; series.add/setValues/setXAxisValues 1.7) with
// Office.js's rules: a series refers to a block of cells, as Excel keeps it (="Abweichung!$D$5:$D$20"),
// so the chart shows what those cells hold now and does not grow or shrink with a table rewritten
// by convertToRange and tables.add. Only what the add-in uses is there; the rest fails loudly.

/** A Range of the double as a chart takes it (Office.js passes the Range object itself). */
export interface Quelle {
  ort(): { blatt: Blatt; block: Block };
}

const FARBE = /^#[0-9A-Fa-f]{6}$/;

function schreibbar(b: Blatt): void {
  if (b.geschuetzt) throw new ExcelFehler('AccessDenied', `Blatt ${b.name} ist geschützt`);
}

const bezug = (q: Quelle): Bezug => {
  const o = q.ort();
  return { blatt: o.blatt.name, block: { ...o.block } };
};

/** How many points a series has: one per cell of its values (Excel counts empty cells as points, too). */
const punkte = (r: Reihe) => (r.werte ? r.werte.block.zeilen * r.werte.block.spalten : 0);

export class Diagramme {
  constructor(
    private readonly ctx: Kontext,
    private readonly blatt: () => Blatt,
  ) {}
  /**
   * charts.add(type, sourceData, 'Columns') as Excel reads a block: a first row of text names the
   * series, a first column of text (with more columns beside it) gives the categories, every further
   * column is a series.
   */
  add(art: string, quelle: Quelle, seriesBy: string = 'Auto'): Diagrammproxy {
    let neu: Diagramm | null = null;
    this.ctx.ops.push(() => {
      const b = this.blatt();
      schreibbar(b);
      if (seriesBy !== 'Columns')
        throw new ExcelFehler('NotImplemented', `charts.add(…, ${seriesBy}): das Double kennt nur Columns`);
      const o = quelle.ort();
      const w = (r: number, s: number) => o.blatt.wert(o.block.zeile + r, o.block.spalte + s);
      const spalten = [...Array(o.block.spalten).keys()];
      const kopf = o.block.zeilen > 1 && spalten.every((s) => typeof w(0, s) === 'string' && w(0, s) !== '');
      const ab = kopf ? 1 : 0;
      const koerper = (s: number, n = 1): Bezug => ({
        blatt: o.blatt.name,
        block: { zeile: o.block.zeile + ab, spalte: o.block.spalte + s, zeilen: o.block.zeilen - ab, spalten: n },
      });
      const kategorienspalte =
        o.block.spalten > 1 && [...Array(o.block.zeilen - ab).keys()].every((r) => typeof w(r + ab, 0) === 'string');
      const reihen: Reihe[] = spalten.slice(kategorienspalte ? 1 : 0).map((s, n) => ({
        name: kopf ? String(w(0, s)) : `Datenreihe${n + 1}`,
        werte: koerper(s),
        kategorien: kategorienspalte ? koerper(0) : null,
        punktfuellung: new Map(),
      }));
      neu = { name: `Diagramm ${b.diagramme.length + 1}`, art, reihen, links: 0, oben: 0, breite: 360, hoehe: 216 };
      b.diagramme.push(neu);
    });
    return new Diagrammproxy(this.ctx, () => neu, this.blatt);
  }
  /** The first chart of that name, as Excel does with several of the same name. */
  getItemOrNullObject(name: string): Diagrammproxy {
    return new Diagrammproxy(this.ctx, () => this.blatt().diagramme.find((d) => d.name === name) ?? null, this.blatt);
  }
  getItem(name: string): Diagrammproxy {
    return this.getItemOrNullObject(name);
  }
}

export class Diagrammproxy extends Proxy<Diagramm> {
  readonly series: Reihen;
  readonly title: { text: string };
  readonly legend: { position: string };
  constructor(
    ctx: Kontext,
    finde: () => Diagramm | null,
    private readonly blatt: () => Blatt,
  ) {
    super(ctx, finde);
    this.series = new Reihen(ctx, () => this.ziel());
    const nurSchreiben = (f: (d: Diagramm, w: string) => void) => ({
      get(): string {
        throw new ExcelFehler('PropertyNotLoaded', 'das Double liest das nicht; der Zustand steht in der Mappe');
      },
      set: (w: string) => this.spaeter((d) => f(d, w)),
    });
    this.title = Object.defineProperties(
      {},
      {
        text: nurSchreiben((d, w) => {
          d.titel = w;
        }),
      },
    ) as { text: string };
    this.legend = Object.defineProperties(
      {},
      {
        position: nurSchreiben((d, w) => {
          if (!['Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom'].includes(w))
            throw new ExcelFehler('InvalidArgument', `legend.position ${w}`);
          d.legende = w;
        }),
      },
    ) as { position: string };
  }
  protected lies(d: Diagramm, name: string): unknown {
    const werte: Record<string, unknown> = {
      name: d.name,
      left: d.links,
      top: d.oben,
      width: d.breite,
      height: d.hoehe,
    };
    if (name in werte) return werte[name];
    throw new ExcelFehler('InvalidArgument', `Chart.${name} kennt das Double nicht`);
  }
  get name(): string {
    return this.geladenes('name');
  }
  set name(n: string) {
    this.spaeter((d) => {
      d.name = n;
    });
  }
  set left(n: number) {
    this.spaeter((d) => {
      d.links = n;
    });
  }
  set top(n: number) {
    this.spaeter((d) => {
      d.oben = n;
    });
  }
  set width(n: number) {
    this.spaeter((d) => {
      d.breite = n;
    });
  }
  set height(n: number) {
    this.spaeter((d) => {
      d.hoehe = n;
    });
  }
  delete(): void {
    this.spaeter((d) => {
      const b = this.blatt();
      schreibbar(b);
      b.diagramme.splice(b.diagramme.indexOf(d), 1);
    });
  }
}

/** chart.series: count after load('count'); getItemAt(i) fails at the sync when there is no series i. */
class Reihen extends Proxy<Diagramm> {
  protected lies(d: Diagramm, name: string): unknown {
    if (name === 'count') return d.reihen.length;
    throw new ExcelFehler('InvalidArgument', `ChartSeriesCollection.${name} kennt das Double nicht`);
  }
  get count(): number {
    return this.geladenes('count');
  }
  getItemAt(i: number): Reihenproxy {
    return new Reihenproxy(this.ctx, () => this.ziel().reihen[i] ?? null);
  }
  /** series.add(name) (ExcelApi 1.7): a series without data, named. */
  add(name?: string): Reihenproxy {
    let neu: Reihe | null = null;
    this.spaeter((d) => {
      neu = {
        name: name ?? `Datenreihe${d.reihen.length + 1}`,
        werte: null,
        kategorien: null,
        punktfuellung: new Map(),
      };
      d.reihen.push(neu);
    });
    return new Reihenproxy(this.ctx, () => neu);
  }
}

class Reihenproxy extends Proxy<Reihe> {
  readonly format: { fill: { setSolidColor(farbe: string): void } };
  readonly points: Punkte;
  constructor(ctx: Kontext, finde: () => Reihe | null) {
    super(ctx, finde);
    this.format = {
      fill: {
        setSolidColor: (farbe) =>
          this.spaeter((r) => {
            r.fuellung = pruefeFarbe(farbe);
          }),
      },
    };
    this.points = new Punkte(ctx, () => this.ziel());
  }
  protected lies(r: Reihe, name: string): unknown {
    if (name === 'name') return r.name;
    throw new ExcelFehler('InvalidArgument', `ChartSeries.${name} kennt das Double nicht`);
  }
  get name(): string {
    return this.geladenes('name');
  }
  set name(n: string) {
    this.spaeter((r) => {
      r.name = n;
    });
  }
  /** A series' values are one row or one column of cells. */
  setValues(quelle: Quelle): void {
    this.spaeter((r) => {
      const b = bezug(quelle);
      if (b.block.zeilen > 1 && b.block.spalten > 1)
        throw new ExcelFehler('InvalidArgument', 'setValues: eine Zeile oder eine Spalte');
      r.werte = b;
    });
  }
  /** Several adjacent columns make a multi-level category axis. */
  setXAxisValues(quelle: Quelle): void {
    this.spaeter((r) => {
      r.kategorien = bezug(quelle);
    });
  }
}

function pruefeFarbe(farbe: string): string {
  if (!FARBE.test(farbe)) throw new ExcelFehler('InvalidArgument', `Farbe ${farbe}: das Add-in setzt #RRGGBB`);
  return farbe.toUpperCase();
}

/** series.points: one per cell of the series' values, as they are when the queued call runs. */
class Punkte extends Proxy<Reihe> {
  protected lies(r: Reihe, name: string): unknown {
    if (name === 'count') return punkte(r);
    throw new ExcelFehler('InvalidArgument', `ChartPointsCollection.${name} kennt das Double nicht`);
  }
  get count(): number {
    return this.geladenes('count');
  }
  getItemAt(i: number): { format: { fill: { setSolidColor(farbe: string): void } } } {
    return {
      format: {
        fill: {
          setSolidColor: (farbe) =>
            this.ctx.ops.push(() => {
              const r = this.ziel();
              if (i < 0 || i >= punkte(r))
                throw new ExcelFehler('InvalidArgument', `Punkt ${i} einer Datenreihe mit ${punkte(r)} Punkten`);
              r.punktfuellung.set(i, pruefeFarbe(farbe));
            }),
        },
      },
    };
  }
}
