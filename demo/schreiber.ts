// Streaming CSV writer for the German export dialects. Lines are gathered into ~64 KB strings and
// handed to the file stream with back-pressure, so a 10-million-row file never sits in memory.

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { formatDe, formatIso, type Tag } from './datum.js';
import { dezimal } from './format.js';

export interface Dialekt {
  trenn: ';' | '\t' | ',';
  kodierung: 'utf8' | 'win1252';
  /** only meaningful for utf8 */
  bom: boolean;
  zeilenende: '\n' | '\r\n';
  datum: 'de' | 'iso';
  /** 0,75 | 75 | 75 % */
  stellenumfang: 'bruch' | 'prozent' | 'prozentzeichen';
  /** 31 | §31 | § 31 | § 31 SGB VIII */
  hilfeart: 'nummer' | 'paragraph' | 'paragraphLeer' | 'sgb';
  /** konz | Ruwer/Schweich/Trier-Land | Schweich */
  sozialraum: 'code' | 'name' | 'kurzname';
}

export function datumText(d: Tag, dialekt: Dialekt): string {
  return dialekt.datum === 'iso' ? formatIso(d) : formatDe(d);
}

export function hilfeartText(paragraf: number, dialekt: Dialekt): string {
  switch (dialekt.hilfeart) {
    case 'nummer':
      return String(paragraf);
    case 'paragraph':
      return `§${paragraf}`;
    case 'paragraphLeer':
      return `§ ${paragraf}`;
    case 'sgb':
      return `§ ${paragraf} SGB VIII`;
  }
}

/** hundredths of a full position (75 = 75 %) in the Träger's notation */
export function stellenumfangText(prozent: number, dialekt: Dialekt): string {
  switch (dialekt.stellenumfang) {
    case 'bruch':
      return dezimal(prozent); // 75 hundredths of a position = 0,75
    case 'prozent':
      return String(prozent);
    case 'prozentzeichen':
      return `${prozent} %`;
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; these are the printable ones we may meet.
const CP1252_EXTRA: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

export function kodiereWin1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = CP1252_EXTRA.get(c);
      if (b === undefined) throw new Error(`Zeichen U+${c.toString(16)} ist in Windows-1252 nicht darstellbar`);
      out[i] = b;
    }
  }
  return out;
}

const PUFFER_ZEICHEN = 64 * 1024;

export class CsvSchreiber {
  readonly pfad: string;
  readonly dialekt: Dialekt;
  private readonly strom: WriteStream;
  private puffer = '';
  private zeilen = 0;
  private readonly quoteBedarf: RegExp;

  private constructor(pfad: string, dialekt: Dialekt) {
    this.pfad = pfad;
    this.dialekt = dialekt;
    this.strom = createWriteStream(pfad);
    const t = dialekt.trenn === '\t' ? '\\t' : dialekt.trenn;
    this.quoteBedarf = new RegExp(`[${t}"\\r\\n]`);
    if (dialekt.kodierung === 'utf8' && dialekt.bom) this.puffer = '\uFEFF';
  }

  static async oeffne(pfad: string, dialekt: Dialekt, kopf: readonly string[]): Promise<CsvSchreiber> {
    const s = new CsvSchreiber(pfad, dialekt);
    await once(s.strom, 'open');
    s.puffer += kopf.join(dialekt.trenn) + dialekt.zeilenende;
    return s;
  }

  /** data rows written so far (without header) */
  get anzahl(): number {
    return this.zeilen;
  }

  feld(wert: string): string {
    return this.quoteBedarf.test(wert) ? `"${wert.replace(/"/g, '""')}"` : wert;
  }

  /** Escapes and writes one row. Await the result only when it is a promise (buffer was full). */
  zeile(felder: readonly string[]): Promise<void> | undefined {
    let z = '';
    for (let i = 0; i < felder.length; i++) {
      if (i > 0) z += this.dialekt.trenn;
      z += this.feld(felder[i]!);
    }
    return this.roh(z);
  }

  /** Writes a row the caller has already joined and knows to need no quoting (hot path). */
  roh(zeile: string): Promise<void> | undefined {
    this.puffer += zeile + this.dialekt.zeilenende;
    this.zeilen++;
    if (this.puffer.length >= PUFFER_ZEICHEN) return this.leere();
    return undefined;
  }

  private async leere(): Promise<void> {
    if (this.puffer.length === 0) return;
    const buf = this.dialekt.kodierung === 'win1252' ? kodiereWin1252(this.puffer) : Buffer.from(this.puffer, 'utf8');
    this.puffer = '';
    if (!this.strom.write(buf)) await once(this.strom, 'drain');
  }

  async schliesse(): Promise<void> {
    await this.leere();
    this.strom.end();
    await once(this.strom, 'close');
  }
}

/** Convenience for small files: header + rows, escaped. */
export async function schreibeCsv(
  pfad: string,
  dialekt: Dialekt,
  kopf: readonly string[],
  zeilen: Iterable<readonly string[]>,
): Promise<number> {
  const w = await CsvSchreiber.oeffne(pfad, dialekt, kopf);
  for (const z of zeilen) {
    const p = w.zeile(z);
    if (p) await p;
  }
  await w.schliesse();
  return w.anzahl;
}
