import { lies, schreib, ueberlappt, type Block } from './adresse.ts';
import { Diagramme } from './diagramme.ts';
import { ExcelFehler, Proxy, type Op } from './proxy.ts';
import { Blatt, Mappe, type Form, type Tabelle, type Wert, type Zelle } from './zustand.ts';

// Proxies with Office.js's rules: calls are queued and run at context.sync(); a property is readable
// only after load() and a sync; null objects say so through isNullObject; a request over the size
// limit fails. Only what the add-in uses is there, and it fails loudly where Excel would.

/**
 * Excel on the web refuses requests and responses over 5 MB (Microsoft's resource limits for Excel
 * add-ins: "payload size limit for requests and responses"); counted here as the JSON of the cells
 * written per sync (values, formulas, number formats) and of the cells read per sync, in UTF-8 bytes.
 */
export const BYTES_JE_SYNC = 5 * 1024 * 1024;

const utf8 = new TextEncoder();
const bytes = (x: unknown) => utf8.encode(JSON.stringify(x)).length;

export class Kontext {
  ops: Op[] = [];
  nachher: Op[] = [];
  /** Bytes of cells this sync's request carries. */
  anfrage = 0;
  /** Bytes of cells (values, formulas, formats) this sync's answer carries, and how many cells. */
  gelesen = 0;
  gelesenZellen = 0;
  ruhig = { bildschirm: false, berechnung: false };
  readonly workbook: Arbeitsmappe;
  readonly application: Anwendung;
  constructor(readonly mappe: Mappe) {
    this.workbook = new Arbeitsmappe(this);
    this.application = new Anwendung(this);
  }
  async sync(): Promise<void> {
    this.mappe.syncs++;
    const ops = this.ops;
    const anfrage = this.anfrage;
    this.ops = [];
    this.anfrage = 0;
    const ruhig = this.ruhig;
    this.ruhig = { bildschirm: false, berechnung: false };
    if (anfrage > BYTES_JE_SYNC)
      throw new ExcelFehler('RequestPayloadSizeLimitExceeded', `${anfrage} Bytes Zellen in einer Anfrage`);
    this.mappe.groessteAnfrage = Math.max(this.mappe.groessteAnfrage, anfrage);
    if (anfrage > 0) this.mappe.zuletztRuhig = ruhig;
    this.gelesen = 0;
    this.gelesenZellen = 0;
    for (const op of ops) op();
    const gelesen = this.gelesen;
    if (gelesen > BYTES_JE_SYNC) {
      this.nachher = [];
      throw new ExcelFehler('ResponsePayloadSizeLimitExceeded', `${gelesen} Bytes Zellen in einer Antwort`);
    }
    this.mappe.groessteAntwort = Math.max(this.mappe.groessteAntwort, gelesen);
    this.mappe.groessteAntwortZellen = Math.max(this.mappe.groessteAntwortZellen, this.gelesenZellen);
    const nachher = this.nachher;
    this.nachher = [];
    for (const n of nachher) n();
    await Promise.resolve();
  }
}

/**
 * A collection (worksheets, a sheet's tables): like Office.js, `items` is readable only after
 * load('items') or load('items/…') and a sync, and holds the members as they were at that sync.
 */
class Sammlung<P extends { erfasse(namen: string[]): void }> {
  private stand: P[] | null = null;
  constructor(
    protected readonly ctx: Kontext,
    private readonly glieder: () => P[],
  ) {}
  load(props: string): this {
    if (!props.split(',').every((p) => p.trim() === 'items' || p.trim().startsWith('items/')))
      throw new ExcelFehler('InvalidArgument', `load("${props}"): das Double lädt nur items`);
    // The members' own properties named after items/ are loaded by the same sync.
    const eigene = props
      .split(',')
      .map((p) => p.trim().slice('items/'.length))
      .filter(Boolean);
    this.ctx.ops.push(() => {
      const g = this.glieder();
      for (const x of g) x.erfasse(eigene);
      this.ctx.nachher.push(() => {
        this.stand = g;
      });
    });
    return this;
  }
  get items(): P[] {
    if (this.stand === null)
      throw new ExcelFehler('PropertyNotLoaded', 'items ist erst nach load("items") und context.sync() lesbar');
    return this.stand;
  }
}

class Anwendung {
  constructor(private readonly ctx: Kontext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.ruhig.berechnung = true;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.ruhig.bildschirm = true;
  }
}

class Arbeitsmappe {
  readonly worksheets: Blaetter;
  readonly tables: Tabellen;
  readonly names: Namen;
  constructor(private readonly ctx: Kontext) {
    this.worksheets = new Blaetter(ctx);
    this.tables = new Tabellen(ctx, null);
    this.names = new Namen(ctx);
  }
  /** The selected cell (ExcelApi 1.7), its address with the sheet as Excel gives it. */
  getActiveCell(): Bereich {
    const block = lies(this.ctx.mappe.aktiveZelle);
    return new Bereich(this.ctx, () => {
      const b = this.ctx.mappe.blatt(this.ctx.mappe.aktiv);
      return b ? { blatt: b, block } : null;
    });
  }
}

type Name = Mappe['namen'][number];

/** workbook.names (ExcelApi 1.1; getItemOrNullObject 1.4): Excel finds a name whatever its case. */
class Namen {
  constructor(private readonly ctx: Kontext) {}
  getItemOrNullObject(name: string): Benannt {
    return new Benannt(
      this.ctx,
      () => this.ctx.mappe.namen.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null,
    );
  }
}

/** A NamedItem: `type` "Range" with `value` "=Blatt!$A$1", or the constant's type and value. */
class Benannt extends Proxy<Name> {
  protected lies(n: Name, name: string): unknown {
    switch (name) {
      case 'name':
        return n.name;
      case 'type':
        if ('bezug' in n) return 'Range';
        return typeof n.wert === 'number' ? (Number.isInteger(n.wert) ? 'Integer' : 'Double') : 'String';
      case 'value':
        return 'bezug' in n ? `=${schreib(n.bezug.blatt, n.bezug.block)}` : n.wert;
      default:
        throw new ExcelFehler('InvalidArgument', `NamedItem.${name} kennt das Double nicht`);
    }
  }
  get type(): string {
    return this.geladenes('type');
  }
  get value(): unknown {
    return this.geladenes('value');
  }
  /** Like Excel: a name that is no range throws at the sync. */
  getRange(): Bereich {
    return new Bereich(this.ctx, () => {
      const n = this.ziel();
      if (!('bezug' in n)) throw new ExcelFehler('InvalidOperation', `Der Name ${n.name} ist kein Bereich`);
      const b = this.ctx.mappe.blatt(n.bezug.blatt);
      return b ? { blatt: b, block: n.bezug.block } : null;
    });
  }
}

class Blaetter extends Sammlung<Arbeitsblatt> {
  constructor(ctx: Kontext) {
    super(ctx, () =>
      ctx.mappe.blaetter.map((b) => new Arbeitsblatt(ctx, () => (ctx.mappe.blaetter.includes(b) ? b : null))),
    );
  }
  add(name: string): Arbeitsblatt {
    this.ctx.ops.push(() => {
      if (this.ctx.mappe.blatt(name)) throw new ExcelFehler('ItemAlreadyExists', `Blatt ${name}`);
      if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new ExcelFehler('InvalidArgument', `Blattname ${name}`);
      this.ctx.mappe.blaetter.push(new Blatt(name));
    });
    return new Arbeitsblatt(this.ctx, () => this.ctx.mappe.blatt(name) ?? null);
  }
  getItem(name: string): Arbeitsblatt {
    return new Arbeitsblatt(this.ctx, () => this.ctx.mappe.blatt(name) ?? null);
  }
  getItemOrNullObject(name: string): Arbeitsblatt {
    return this.getItem(name);
  }
  getActiveWorksheet(): Arbeitsblatt {
    return new Arbeitsblatt(this.ctx, () => this.ctx.mappe.blatt(this.ctx.mappe.aktiv) ?? null);
  }
}

function schreibbar(b: Blatt): void {
  if (b.geschuetzt) throw new ExcelFehler('AccessDenied', `Blatt ${b.name} ist geschützt`);
}

class Arbeitsblatt extends Proxy<Blatt> {
  readonly tables: Tabellen;
  readonly shapes: Formen;
  readonly charts: Diagramme;
  readonly freezePanes: { freezeRows(n: number): void };
  readonly protection: { protect(): void; unprotect(): void };
  constructor(ctx: Kontext, finde: () => Blatt | null) {
    super(ctx, finde);
    this.tables = new Tabellen(ctx, () => this.ziel());
    this.shapes = new Formen(ctx, () => this.ziel());
    this.charts = new Diagramme(ctx, () => this.ziel());
    this.freezePanes = {
      freezeRows: (n) =>
        this.spaeter((b) => {
          b.fixierteZeilen = n;
        }),
    };
    this.protection = {
      protect: () =>
        this.spaeter((b) => {
          if (b.geschuetzt) throw new ExcelFehler('InvalidOperation', 'schon geschützt');
          b.geschuetzt = true;
        }),
      unprotect: () =>
        this.spaeter((b) => {
          b.geschuetzt = false;
        }),
    };
  }
  protected lies(b: Blatt, name: string): unknown {
    if (name === 'name') return b.name;
    throw new ExcelFehler('InvalidArgument', `Worksheet.${name} kennt das Double nicht`);
  }
  get name(): string {
    return this.geladenes('name');
  }
  set name(n: string) {
    this.spaeter((b) => {
      if (this.ctx.mappe.blaetter.some((x) => x !== b && x.name.toLowerCase() === n.toLowerCase()))
        throw new ExcelFehler('ItemAlreadyExists', `Blatt ${n}`);
      if (n.length > 31 || /[\\/?*[\]:]/.test(n) || n.trim() === '')
        throw new ExcelFehler('InvalidArgument', `Blattname ${n}`);
      // The sheet's tables go with it (the double keeps a table's sheet by name).
      for (const t of this.ctx.mappe.tabellen) if (t.blatt === b.name) t.blatt = n;
      // Excel rewrites the charts' references to the renamed sheet.
      for (const r of this.ctx.mappe.blaetter.flatMap((x) => x.diagramme.flatMap((d) => d.reihen))) {
        for (const x of [r.werte, r.kategorien]) if (x && x.blatt === b.name) x.blatt = n;
      }
      b.name = n;
    });
  }
  /**
   * Worksheet.copy (ExcelApi 1.10): Excel names the copy "NAME (2)" (the next free number) and gives each
   * copied table a new workbook-wide name (its name with the next free number appended).
   */
  copy(position: 'None' | 'Before' | 'After' | 'Beginning' | 'End' = 'None'): Arbeitsblatt {
    let kopie: Blatt | null = null;
    this.spaeter((b) => {
      const m = this.ctx.mappe;
      let n = 2;
      while (m.blatt(`${b.name} (${n})`)) n++;
      kopie = b.kopie(`${b.name} (${n})`);
      const stelle = m.blaetter.indexOf(b);
      if (position === 'End') m.blaetter.push(kopie);
      else if (position === 'Beginning') m.blaetter.unshift(kopie);
      else if (position === 'Before') m.blaetter.splice(stelle, 0, kopie);
      else m.blaetter.splice(stelle + 1, 0, kopie);
      for (const t of m.tabellen.filter((x) => x.blatt === b.name)) {
        let k = 2;
        while (m.tabellen.some((x) => x.name.toLowerCase() === `${t.name}${k}`.toLowerCase())) k++;
        m.tabellen.push({ ...t, name: `${t.name}${k}`, blatt: kopie.name, bereich: { ...t.bereich } });
      }
    });
    return new Arbeitsblatt(this.ctx, () => (kopie && this.ctx.mappe.blaetter.includes(kopie) ? kopie : null));
  }
  /** The block from the first to the last cell with a value or formula (and, unless valuesOnly, a format). */
  getUsedRangeOrNullObject(valuesOnly = false): Bereich {
    return new Bereich(this.ctx, () => {
      const b = this.ziel();
      const belegt = [...b.zellen]
        .filter(
          ([, z]) =>
            z.wert !== '' ||
            z.formel !== undefined ||
            (!valuesOnly && (z.format !== 'General' || z.fuellung !== undefined || z.fett !== undefined)),
        )
        .map(([k]) => k.split(',').map(Number) as [number, number]);
      if (belegt.length === 0) return null;
      const [z0, s0] = [Math.min(...belegt.map((x) => x[0])), Math.min(...belegt.map((x) => x[1]))];
      return {
        blatt: b,
        block: {
          zeile: z0,
          spalte: s0,
          zeilen: Math.max(...belegt.map((x) => x[0])) - z0 + 1,
          spalten: Math.max(...belegt.map((x) => x[1])) - s0 + 1,
        },
      };
    });
  }
  getRange(adresse: string): Bereich {
    const block = lies(adresse);
    return new Bereich(this.ctx, () => {
      const b = this.ziel();
      return { blatt: b, block };
    });
  }
  activate(): void {
    this.spaeter((b) => {
      this.ctx.mappe.aktiv = b.name;
    });
  }
}

interface Ort {
  blatt: Blatt;
  block: Block;
}

const ZAHL = /^[+-]?(\d+([.,]\d+)?|\.\d+)(E[+-]?\d+)?$/i;

/** What Excel makes of a typed value: a number, a formula, or text (a leading ' is the quote prefix). */
function eingabe(z: Zelle, w: unknown): void {
  delete z.formel;
  if (typeof w === 'number' || typeof w === 'boolean') {
    z.wert = w;
    return;
  }
  if (w === null || w === undefined) return;
  const s = String(w);
  if (s.startsWith("'")) {
    z.wert = s.slice(1);
    return;
  }
  if (z.format === '@') {
    z.wert = s;
    return;
  }
  if (ZAHL.test(s)) {
    z.wert = Number(s.replace(',', '.'));
    return;
  }
  if (/^[=+\-@]/.test(s)) {
    z.formel = s;
    z.wert = s.startsWith('=SUM(') ? 0 : '#NAME?';
    return;
  }
  z.wert = s;
}

function zweiD<T>(w: T | T[][], o: Ort, was: string): T[][] {
  if (!Array.isArray(w)) return Array.from({ length: o.block.zeilen }, () => Array(o.block.spalten).fill(w) as T[]);
  if (w.length !== o.block.zeilen || w.some((z) => !Array.isArray(z) || z.length !== o.block.spalten)) {
    throw new ExcelFehler(
      'InvalidArgument',
      `${was}: ${w.length}×${w[0]?.length ?? 0} passt nicht auf ${o.block.zeilen}×${o.block.spalten} (${schreib(o.blatt.name, o.block)})`,
    );
  }
  return w;
}

function jedeZelle(o: Ort, f: (z: Zelle, r: number, s: number) => void): void {
  for (let r = 0; r < o.block.zeilen; r++)
    for (let s = 0; s < o.block.spalten; s++) f(o.blatt.zelle(o.block.zeile + r, o.block.spalte + s), r, s);
}

const SPALTENBREITE = 64;
const ZEILENHOEHE = 15;

class Bereich extends Proxy<Ort> {
  readonly format: Bereichsformat;
  constructor(ctx: Kontext, finde: () => Ort | null) {
    super(ctx, finde);
    this.format = new Bereichsformat(
      (f) =>
        this.spaeter((o) => {
          schreibbar(o.blatt);
          jedeZelle(o, f);
        }),
      () =>
        this.spaeter((o) => {
          o.blatt.angepassteSpalten += o.block.spalten;
        }),
    );
  }
  protected lies(o: Ort, name: string): unknown {
    const wert = this.liesOhneZaehlen(o, name);
    if (name === 'values' || name === 'formulas' || name === 'numberFormat') {
      this.ctx.gelesen += bytes(wert);
      this.ctx.gelesenZellen += o.block.zeilen * o.block.spalten;
    }
    return wert;
  }
  private liesOhneZaehlen(o: Ort, name: string): unknown {
    const werte = () =>
      Array.from({ length: o.block.zeilen }, (_, r) =>
        Array.from({ length: o.block.spalten }, (_, s) => o.blatt.wert(o.block.zeile + r, o.block.spalte + s)),
      );
    switch (name) {
      case 'address':
        return schreib(o.blatt.name, o.block);
      case 'values':
        return werte();
      case 'numberFormat':
        return Array.from({ length: o.block.zeilen }, (_, r) =>
          Array.from(
            { length: o.block.spalten },
            (_, s) => o.blatt.zellen.get(`${o.block.zeile + r},${o.block.spalte + s}`)?.format ?? 'General',
          ),
        );
      case 'formulas':
        return Array.from({ length: o.block.zeilen }, (_, r) =>
          Array.from({ length: o.block.spalten }, (_, s) => {
            const z = o.blatt.zellen.get(`${o.block.zeile + r},${o.block.spalte + s}`);
            return z?.formel ?? z?.wert ?? '';
          }),
        );
      case 'rowIndex':
        return o.block.zeile;
      case 'columnIndex':
        return o.block.spalte;
      case 'rowCount':
        return o.block.zeilen;
      case 'columnCount':
        return o.block.spalten;
      case 'left':
        return o.block.spalte * SPALTENBREITE;
      case 'top':
        return o.block.zeile * ZEILENHOEHE;
      case 'width':
        return o.block.spalten * SPALTENBREITE;
      case 'height':
        return o.block.zeilen * ZEILENHOEHE;
      default:
        throw new ExcelFehler('InvalidArgument', `Range.${name} kennt das Double nicht`);
    }
  }
  /** Where this range is, when a queued chart call runs (charts.add, series.setValues take the Range). */
  ort(): Ort {
    return this.ziel();
  }
  get address(): string {
    return this.geladenes('address');
  }
  get rowIndex(): number {
    return this.geladenes('rowIndex');
  }
  get columnIndex(): number {
    return this.geladenes('columnIndex');
  }
  get rowCount(): number {
    return this.geladenes('rowCount');
  }
  get columnCount(): number {
    return this.geladenes('columnCount');
  }
  get values(): Wert[][] {
    return this.geladenes('values');
  }
  set values(w: Wert[][]) {
    this.schreibe('values', w, (z, x) => eingabe(z, x));
  }
  get numberFormat(): string[][] {
    return this.geladenes('numberFormat');
  }
  set numberFormat(w: string[][]) {
    this.schreibe('numberFormat', w, (z, x) => {
      z.format = String(x);
    });
  }
  get formulas(): unknown[][] {
    return this.geladenes('formulas');
  }
  set formulas(w: unknown[][]) {
    this.schreibe('formulas', w, (z, x) => eingabe(z, x));
    // Like Excel: a table reference (=[@Budget]*2) is only valid in a cell of a table.
    this.spaeter((o) => {
      const d = zweiD(w, o, 'formulas');
      jedeZelle(o, (_, r, s) => {
        const [zeile, spalte] = [o.block.zeile + r, o.block.spalte + s];
        const inTabelle = this.ctx.mappe.tabellen.some(
          (t) =>
            t.blatt === o.blatt.name &&
            zeile >= t.bereich.zeile &&
            zeile < t.bereich.zeile + t.bereich.zeilen &&
            spalte >= t.bereich.spalte &&
            spalte < t.bereich.spalte + t.bereich.spalten,
        );
        if (String(d[r]![s] ?? '').includes('[@') && !inTabelle)
          throw new ExcelFehler('InvalidArgument', `Tabellenbezug außerhalb einer Tabelle: ${String(d[r]![s])}`);
      });
    });
  }
  get left(): number {
    return this.geladenes('left');
  }
  get top(): number {
    return this.geladenes('top');
  }
  get width(): number {
    return this.geladenes('width');
  }
  private schreibe<T>(was: string, w: T | T[][], f: (z: Zelle, x: T) => void): void {
    // Counted when queued: that is what the request carries.
    this.ctx.anfrage += bytes(w);
    this.spaeter((o) => {
      schreibbar(o.blatt);
      const d = zweiD(w, o, was);
      jedeZelle(o, (z, r, s) => f(z, d[r]![s]!));
    });
  }
  clear(was: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.spaeter((o) => {
      schreibbar(o.blatt);
      jedeZelle(o, (z) => {
        if (was !== 'Formats') {
          z.wert = '';
          delete z.formel;
        }
        if (was !== 'Contents') {
          z.format = 'General';
          delete z.fuellung;
          delete z.fett;
          delete z.kursiv;
          delete z.schriftgroesse;
          delete z.schriftfarbe;
        }
      });
    });
  }
}

class Bereichsformat {
  readonly font: { bold: boolean; italic: boolean; size: number; color: string };
  readonly fill: { color: string };
  readonly protection: { locked: boolean };
  constructor(
    setze: (f: (z: Zelle) => void) => void,
    readonly autofitColumns: () => void,
  ) {
    const nurSchreiben = <T>(f: (z: Zelle, w: T) => void) => ({
      get(): T {
        throw new ExcelFehler('PropertyNotLoaded', 'Formate liest das Double nicht; der Zustand steht in der Mappe');
      },
      set(w: T) {
        setze((z) => f(z, w));
      },
    });
    this.font = Object.defineProperties(
      {},
      {
        bold: nurSchreiben<boolean>((z, w) => {
          z.fett = w;
        }),
        italic: nurSchreiben<boolean>((z, w) => {
          z.kursiv = w;
        }),
        size: nurSchreiben<number>((z, w) => {
          z.schriftgroesse = w;
        }),
        color: nurSchreiben<string>((z, w) => {
          z.schriftfarbe = w;
        }),
      },
    ) as Bereichsformat['font'];
    this.fill = Object.defineProperties(
      {},
      {
        color: nurSchreiben<string>((z, w) => {
          z.fuellung = w;
        }),
      },
    ) as Bereichsformat['fill'];
    this.protection = Object.defineProperties(
      {},
      {
        locked: nurSchreiben<boolean>((z, w) => {
          z.gesperrt = w;
        }),
      },
    ) as Bereichsformat['protection'];
  }
}

class Tabellen extends Sammlung<Tabellenproxy> {
  constructor(
    ctx: Kontext,
    private readonly blatt: (() => Blatt) | null,
  ) {
    super(ctx, () =>
      ctx.mappe.tabellen
        .filter((t) => !blatt || t.blatt === blatt().name)
        .map((t) => new Tabellenproxy(ctx, () => (ctx.mappe.tabellen.includes(t) ? t : null))),
    );
  }
  add(adresse: string, mitKopf: boolean): Tabellenproxy {
    let neu: Tabelle | null = null;
    this.ctx.ops.push(() => {
      const m = this.ctx.mappe;
      const blatt = this.blatt ? this.blatt() : m.blatt(adresse.split('!')[0]!.replace(/^'|'$/g, ''));
      if (!blatt) throw new ExcelFehler('ItemNotFound', `Blatt zu ${adresse}`);
      schreibbar(blatt);
      const bereich = lies(adresse);
      if (!mitKopf) throw new ExcelFehler('InvalidArgument', 'das Add-in legt Tabellen mit Kopfzeile an');
      if (bereich.zeilen < 2) throw new ExcelFehler('InvalidArgument', 'eine Tabelle braucht eine Datenzeile');
      if (m.tabellen.some((t) => t.blatt === blatt.name && ueberlappt(t.bereich, bereich)))
        throw new ExcelFehler('InvalidOperation', `Tabellen dürfen sich nicht überlappen (${adresse})`);
      let n = 1;
      while (m.tabellen.some((t) => t.name === `Tabelle${n}`)) n++;
      neu = { name: `Tabelle${n}`, blatt: blatt.name, bereich };
      m.tabellen.push(neu);
    });
    return new Tabellenproxy(this.ctx, () => neu);
  }
  getItemOrNullObject(name: string): Tabellenproxy {
    return new Tabellenproxy(
      this.ctx,
      () =>
        this.ctx.mappe.tabellen.find(
          (t) => t.name.toLowerCase() === name.toLowerCase() && (!this.blatt || t.blatt === this.blatt().name),
        ) ?? null,
    );
  }
  getItem(name: string): Tabellenproxy {
    return this.getItemOrNullObject(name);
  }
}

class Tabellenproxy extends Proxy<Tabelle> {
  protected lies(t: Tabelle, name: string): unknown {
    if (name === 'name') return t.name;
    throw new ExcelFehler('InvalidArgument', `Table.${name} kennt das Double nicht`);
  }
  get name(): string {
    return this.geladenes('name');
  }
  set name(n: string) {
    this.spaeter((t) => {
      if (this.ctx.mappe.tabellen.some((x) => x !== t && x.name.toLowerCase() === n.toLowerCase()))
        throw new ExcelFehler('InvalidArgument', `Tabellenname ${n} ist vergeben`);
      t.name = n;
    });
  }
  set style(s: string) {
    this.spaeter((t) => {
      t.stil = s;
    });
  }
  private bereich(nurKopf: boolean): Bereich {
    return new Bereich(this.ctx, () => {
      const t = this.ziel();
      return { blatt: this.ctx.mappe.blatt(t.blatt)!, block: nurKopf ? { ...t.bereich, zeilen: 1 } : t.bereich };
    });
  }
  getRange(): Bereich {
    return this.bereich(false);
  }
  getHeaderRowRange(): Bereich {
    return this.bereich(true);
  }
  convertToRange(): void {
    this.spaeter((t) => {
      const m = this.ctx.mappe;
      m.tabellen.splice(m.tabellen.indexOf(t), 1);
    });
  }
}

class Formen {
  constructor(
    private readonly ctx: Kontext,
    private readonly blatt: () => Blatt,
  ) {}
  private neu(art: Form['art'], inhalt: string, pruefe: () => void): Formproxy {
    let form: Form | null = null;
    this.ctx.ops.push(() => {
      const b = this.blatt();
      schreibbar(b);
      pruefe();
      form = { name: `Grafik ${b.formen.length + 1}`, art, inhalt, links: 0, oben: 0 };
      b.formen.push(form);
    });
    return new Formproxy(this.ctx, () => form, this.blatt);
  }
  addSvg(xml: string): Formproxy {
    return this.neu('svg', xml, () => {
      if (!this.ctx.mappe.kannSvg) throw new ExcelFehler('NotImplemented', 'addSvg');
      if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(xml)) throw new ExcelFehler('InvalidArgument', 'kein SVG');
    });
  }
  addImage(base64: string): Formproxy {
    return this.neu('bild', base64, () => {
      if (!atob(base64.slice(0, 12)).startsWith('\x89PNG'))
        throw new ExcelFehler('InvalidArgument', 'kein PNG (base64)');
    });
  }
  getItemOrNullObject(name: string): Formproxy {
    return new Formproxy(this.ctx, () => this.blatt().formen.find((f) => f.name === name) ?? null, this.blatt);
  }
}

class Formproxy extends Proxy<Form> {
  constructor(
    ctx: Kontext,
    finde: () => Form | null,
    private readonly blatt: () => Blatt,
  ) {
    super(ctx, finde);
  }
  protected lies(f: Form, name: string): unknown {
    if (name === 'name' || name === 'left' || name === 'top' || name === 'height' || name === 'lockAspectRatio') {
      return { name: f.name, left: f.links, top: f.oben, height: f.hoehe, lockAspectRatio: f.seitenFest ?? false }[
        name
      ];
    }
    throw new ExcelFehler('InvalidArgument', `Shape.${name} kennt das Double nicht`);
  }
  set name(n: string) {
    this.spaeter((f) => {
      f.name = n;
    });
  }
  set left(n: number) {
    this.spaeter((f) => {
      f.links = n;
    });
  }
  set top(n: number) {
    this.spaeter((f) => {
      f.oben = n;
    });
  }
  set height(n: number) {
    this.spaeter((f) => {
      f.hoehe = n;
    });
  }
  set lockAspectRatio(b: boolean) {
    this.spaeter((f) => {
      f.seitenFest = b;
    });
  }
  delete(): void {
    this.spaeter((f) => {
      const b = this.blatt();
      b.formen.splice(b.formen.indexOf(f), 1);
    });
  }
}

/** Excel.run over a workbook of the double; like Office.js it sends what is still queued at the end. */
export function excelFuer(mappe: Mappe) {
  return {
    async run<T>(batch: (ctx: Kontext) => Promise<T>): Promise<T> {
      const ctx = new Kontext(mappe);
      const ergebnis = await batch(ctx);
      if (ctx.ops.length > 0) await ctx.sync();
      return ergebnis;
    },
  };
}
