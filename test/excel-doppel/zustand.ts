import type { Block } from './adresse.ts';

// The workbook as Excel holds it, behind the proxies of the API. Tests read it directly.

export type Wert = string | number | boolean;

export interface Zelle {
  wert: Wert;
  /** Set when Excel took the input as a formula. */
  formel?: string;
  format: string;
  fuellung?: string;
  fett?: boolean;
  kursiv?: boolean;
  schriftgroesse?: number;
  schriftfarbe?: string;
  gesperrt: boolean;
}

export interface Tabelle {
  name: string;
  blatt: string;
  bereich: Block;
  stil?: string;
}
export interface Form {
  name: string;
  art: 'svg' | 'bild';
  inhalt: string;
  links: number;
  oben: number;
  hoehe?: number;
  seitenFest?: boolean;
}

/** A block of a sheet that a chart's series refers to: Excel keeps the reference (A1), not the values. */
export interface Bezug {
  blatt: string;
  block: Block;
}
/** One series of a chart: its values and categories as references, its fill and each point's fill by index. */
export interface Reihe {
  name: string;
  werte: Bezug | null;
  kategorien: Bezug | null;
  fuellung?: string;
  punktfuellung: Map<number, string>;
}
export interface Diagramm {
  name: string;
  art: string;
  reihen: Reihe[];
  titel?: string;
  legende?: string;
  links: number;
  oben: number;
  breite: number;
  hoehe: number;
}

export class Blatt {
  readonly zellen = new Map<string, Zelle>();
  readonly formen: Form[] = [];
  readonly diagramme: Diagramm[] = [];
  fixierteZeilen = 0;
  geschuetzt = false;
  angepassteSpalten = 0;
  constructor(public name: string) {}

  zelle(z: number, s: number): Zelle {
    const k = `${z},${s}`;
    let c = this.zellen.get(k);
    if (!c) {
      c = { wert: '', format: 'General', gesperrt: true };
      this.zellen.set(k, c);
    }
    return c;
  }

  /** A copy under another name: cells with their formats, shapes, frozen rows and protection (Worksheet.copy). */
  kopie(name: string): Blatt {
    const b = new Blatt(name);
    for (const [k, z] of this.zellen) b.zellen.set(k, { ...z });
    b.formen.push(...this.formen.map((f) => ({ ...f })));
    // Like Excel: a copied chart that referred to its own sheet refers to the copy.
    const bezug = (x: Bezug | null) => (x && x.blatt === this.name ? { blatt: name, block: { ...x.block } } : x);
    b.diagramme.push(
      ...this.diagramme.map((d) => ({
        ...d,
        reihen: d.reihen.map((r) => ({
          ...r,
          werte: bezug(r.werte),
          kategorien: bezug(r.kategorien),
          punktfuellung: new Map(r.punktfuellung),
        })),
      })),
    );
    b.fixierteZeilen = this.fixierteZeilen;
    b.geschuetzt = this.geschuetzt;
    return b;
  }

  /** What a cell shows as value ("" when empty). */
  wert(z: number, s: number): Wert {
    return this.zellen.get(`${z},${s}`)?.wert ?? '';
  }
}

export class Mappe {
  readonly blaetter: Blatt[] = [new Blatt('Tabelle1')];
  readonly tabellen: Tabelle[] = [];
  aktiv = 'Tabelle1';
  /** The selected cell of the active sheet (workbook.getActiveCell()). */
  aktiveZelle = 'A1';
  /** Workbook names (Formeln → Namens-Manager): a cell or block of a sheet, or a constant. */
  readonly namen: Array<{ name: string; bezug: Bezug } | { name: string; wert: Wert }> = [];
  /** Hosts without shapes.addSvg (or refusing the SVG) take the PNG. */
  kannSvg = true;
  /** context.sync() calls, over all Excel.run batches. */
  syncs = 0;
  /** Largest request (bytes of cells written in one sync). */
  groessteAnfrage = 0;
  /** Largest response (bytes of cells read in one sync), and in cells. */
  groessteAntwort = 0;
  groessteAntwortZellen = 0;
  /** Whether screen updating and calculation were suspended during the last sync that wrote cells. */
  zuletztRuhig = { bildschirm: false, berechnung: false };

  blatt(name: string): Blatt | undefined {
    return this.blaetter.find((b) => b.name.toLowerCase() === name.toLowerCase());
  }

  /** What a chart's reference shows now, row by row (tests read a series through it). */
  bezugswerte(b: Bezug): Wert[][] {
    const blatt = this.blatt(b.blatt);
    if (!blatt) throw new Error(`#BEZUG!: Blatt ${b.blatt} gibt es nicht`);
    return Array.from({ length: b.block.zeilen }, (_, r) =>
      Array.from({ length: b.block.spalten }, (_, s) => blatt.wert(b.block.zeile + r, b.block.spalte + s)),
    );
  }
}
