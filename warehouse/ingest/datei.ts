import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Befund } from './pruefung.ts';
import { pruefeZip } from './zip.ts';
import type { Zuordnung } from './zuordnung.ts';

/** A delivered file made ready for DuckDB's CSV reader: UTF-8, one header row. */
export interface VorbereiteteDatei {
  /** What DuckDB reads: the file itself, or a UTF-8 copy (Windows-1252 input, .xlsx). */
  csvPfad: string;
  hash: string;
  kodierung: 'utf-8' | 'windows-1252' | 'xlsx';
  kopfzeile: string;
  /** The file has blank lines or line breaks inside quotes: row numbers need a recount. */
  zeilenVerschoben: boolean;
  leer: boolean;
  /** Why the file cannot be read at all (a hostile or broken workbook, a line beyond all limits). */
  abgelehnt?: Befund;
  aufraeumen(): void;
}

const BLOCK = 4 * 1024 * 1024;
/** A line longer than this is no export row (DuckDB's own limit is 2 MB): refused, naming the line. */
export const CSV_ZEILE_HOECHSTENS = 1024 * 1024;

export async function bereiteVor(pfad: string, zuordnung: Zuordnung): Promise<VorbereiteteDatei> {
  if (istXlsx(pfad)) return await xlsxAlsCsv(pfad);

  // One pass over the bytes: content hash, UTF-8 check, blank lines and quotes (for row numbers).
  const hash = createHash('sha256');
  let utf8 = true;
  let rest = Buffer.alloc(0);
  let groesse = 0;
  let zeilenVerschoben = false;
  let letztesByte = -1;
  const laenge = new Zeilenlaenge();
  for await (const stueck of createReadStream(pfad, { highWaterMark: BLOCK }) as AsyncIterable<Buffer>) {
    hash.update(stueck);
    laenge.pruefe(stueck, groesse);
    groesse += stueck.length;
    if (utf8 && zuordnung.kodierung === undefined) {
      const daten = rest.length > 0 ? Buffer.concat([rest, stueck]) : stueck;
      const ende = utf8Grenze(daten);
      utf8 = isUtf8(daten.subarray(0, ende));
      rest = Buffer.from(daten.subarray(ende));
    }
    if (!zeilenVerschoben) {
      zeilenVerschoben =
        stueck.includes('\n\n') ||
        stueck.includes('\n\r\n') ||
        stueck.includes('"') ||
        (letztesByte === 0x0a && (stueck[0] === 0x0a || stueck[0] === 0x0d));
    }
    letztesByte = stueck[stueck.length - 1] ?? letztesByte;
  }
  if (rest.length > 0) utf8 = false;
  const kodierung = zuordnung.kodierung ?? (utf8 ? 'utf-8' : 'windows-1252');
  const kopf = ersteZeile(pfad, kodierung);
  const leer = groesse === 0 || kopf.trim() === '';
  const zuLang = laenge.zuLangAb === undefined ? undefined : await zeileBei(pfad, laenge.zuLangAb);
  const abgelehnt =
    zuLang === undefined
      ? undefined
      : {
          zeile: zuLang,
          grund: `Die Zeile ist länger als ${CSV_ZEILE_HOECHSTENS / 1024 / 1024} MB; eine Exportzeile ist nie so lang (fehlt ein Zeilenumbruch oder ein schließendes Anführungszeichen?)`,
        };

  if (kodierung === 'utf-8') {
    return {
      csvPfad: pfad,
      hash: hash.digest('hex'),
      kodierung,
      kopfzeile: kopf,
      zeilenVerschoben,
      leer,
      abgelehnt,
      aufraeumen() {},
    };
  }
  const ordner = mkdtempSync(join(tmpdir(), 'srb-'));
  const ziel = join(ordner, 'utf8.csv');
  const decoder = new TextDecoder('windows-1252');
  const aus = createWriteStream(ziel);
  for await (const stueck of createReadStream(pfad, { highWaterMark: BLOCK }) as AsyncIterable<Buffer>) {
    if (!aus.write(decoder.decode(stueck, { stream: true }))) await once(aus, 'drain');
  }
  aus.end(decoder.decode());
  await once(aus, 'finish');
  return {
    csvPfad: ziel,
    hash: hash.digest('hex'),
    kodierung,
    kopfzeile: kopf,
    zeilenVerschoben,
    leer,
    abgelehnt,
    aufraeumen: () => rmSync(ordner, { recursive: true, force: true }),
  };
}

/**
 * Finds the first line longer than CSV_ZEILE_HOECHSTENS without a call per line (10 million lines are 10
 * million calls): from each line break it jumps to the last break within the longest allowed line; a line
 * too long is exactly where that window holds no break. Remembers the byte where that line starts.
 */
class Zeilenlaenge {
  /** Bytes since the last line break, before the current block. */
  private offen = 0;
  zuLangAb: number | undefined;

  /** `versatz`: where the block starts in the file. */
  pruefe(stueck: Buffer, versatz: number): void {
    if (this.zuLangAb !== undefined) return;
    let nl = stueck.indexOf(0x0a);
    if (nl < 0 || this.offen + nl > CSV_ZEILE_HOECHSTENS) {
      if (this.offen + (nl < 0 ? stueck.length : nl) > CSV_ZEILE_HOECHSTENS) {
        this.zuLangAb = versatz - this.offen;
        return;
      }
      this.offen += stueck.length;
      return;
    }
    // nl is a break; the line after it may run to nl + 1 + HOECHSTENS at most.
    for (;;) {
      const fenster = nl + 1 + CSV_ZEILE_HOECHSTENS;
      if (fenster >= stueck.length) break;
      const naechster = stueck.lastIndexOf(0x0a, fenster);
      if (naechster === nl) {
        this.zuLangAb = versatz + nl + 1;
        return;
      }
      nl = naechster;
    }
    nl = stueck.lastIndexOf(0x0a);
    this.offen = stueck.length - nl - 1;
  }
}

/** The line (from 1) that starts at byte `ab`: counted only for a refused file. */
async function zeileBei(pfad: string, ab: number): Promise<number> {
  let zeile = 1;
  if (ab === 0) return zeile;
  for await (const stueck of createReadStream(pfad, { highWaterMark: BLOCK, end: ab - 1 }) as AsyncIterable<Buffer>) {
    for (let i = stueck.indexOf(0x0a); i >= 0; i = stueck.indexOf(0x0a, i + 1)) zeile++;
  }
  return zeile;
}

function istXlsx(pfad: string): boolean {
  if (!pfad.toLowerCase().endsWith('.xlsx')) return false;
  const fd = openSync(pfad, 'r');
  const kopf = Buffer.alloc(2);
  readSync(fd, kopf, 0, 2, 0);
  closeSync(fd);
  return kopf.toString('latin1') === 'PK';
}

/** Index up to which the buffer holds only whole UTF-8 sequences (the rest waits for the next block). */
function utf8Grenze(b: Buffer): number {
  for (let i = b.length - 1, n = 0; i >= 0 && n < 4; i--, n++) {
    const byte = b[i]!;
    if ((byte & 0xc0) !== 0x80) {
      const laenge = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return i + laenge <= b.length ? b.length : i;
    }
  }
  return b.length;
}

function ersteZeile(pfad: string, kodierung: 'utf-8' | 'windows-1252'): string {
  const fd = openSync(pfad, 'r');
  const puffer = Buffer.alloc(64 * 1024);
  const n = readSync(fd, puffer, 0, puffer.length, 0);
  closeSync(fd);
  const text = new TextDecoder(kodierung).decode(puffer.subarray(0, n));
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
}

/** Bounds of one workbook's first sheet: a county's export is far inside them. */
export const XLSX_GRENZEN = { spalten: 256, zeilen: 1_048_576, zellen: 20_000_000, texte: 2_000_000 };

class Ablehnung extends Error {
  constructor(readonly befund: Befund) {
    super(befund.grund);
  }
}

/**
 * The first sheet of a workbook as a UTF-8 CSV with ';' and decimal comma, so that it takes the same
 * path as every CSV. Dates become ISO dates; formulas count with their cached result. Read as a
 * stream, row by row, header first, within XLSX_GRENZEN and the zip's limits (zip.ts): a hostile
 * workbook is refused in well under a second instead of unpacking or walking to column XFD.
 */
async function xlsxAlsCsv(pfad: string): Promise<VorbereiteteDatei> {
  const hash = createHash('sha256');
  for await (const stueck of createReadStream(pfad) as AsyncIterable<Buffer>) hash.update(stueck);
  const ordner = mkdtempSync(join(tmpdir(), 'srb-'));
  const ziel = join(ordner, 'xlsx.csv');
  const vorbereitet = (kopf: string, zeilenVerschoben: boolean, abgelehnt?: Befund): VorbereiteteDatei => ({
    csvPfad: ziel,
    hash: hash.digest('hex'),
    kodierung: 'xlsx',
    kopfzeile: kopf,
    zeilenVerschoben,
    leer: kopf.trim() === '',
    abgelehnt,
    aufraeumen: () => rmSync(ordner, { recursive: true, force: true }),
  });
  const zip = pruefeZip(pfad);
  if (zip) return vorbereitet('', false, { zeile: 1, grund: zip });
  const aus = createWriteStream(ziel);
  let kopf = '';
  let breite = 0;
  let zeilenVerschoben = false;
  // Loaded on the first XLSX file: every command that opens the warehouse would otherwise wait for exceljs.
  const { default: excel } = await import('exceljs');
  const leser = new excel.stream.xlsx.WorkbookReader(pfad, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    let zellen = 0;
    for await (const blatt of leser) {
      const texte = anzahlTexte(leser);
      if (texte > XLSX_GRENZEN.texte)
        throw new Ablehnung({
          zeile: 1,
          grund: `Die Arbeitsmappe hat ${texte} verschiedene Texte (höchstens ${XLSX_GRENZEN.texte}): zu groß zum Laden`,
        });
      let vorige = 0;
      for await (const zeile of blatt as AsyncIterable<ExcelJS.Row>) {
        const nummer = zeile.number;
        if (nummer > XLSX_GRENZEN.zeilen)
          throw new Ablehnung({ zeile: nummer, grund: `Das Blatt hat mehr als ${XLSX_GRENZEN.zeilen} Zeilen` });
        const felder: string[] = [];
        zeile.eachCell((zelle, spalte) => {
          // Header first: a value right of the header has no column name, and a cell out at XFD
          // would make every row 16.384 fields wide.
          if (nummer > 1 ? spalte > breite : spalte > XLSX_GRENZEN.spalten) {
            throw new Ablehnung({
              zeile: nummer,
              spalte: spaltenBuchstaben(spalte),
              wert: zellText(zelle.value),
              grund:
                nummer > 1
                  ? `Wert rechts der Kopfzeile (sie hat ${breite} Spalten, bis ${spaltenBuchstaben(breite)}); eine Spalte ohne Namen kann nicht geladen werden`
                  : `Die Kopfzeile reicht über ${XLSX_GRENZEN.spalten} Spalten hinaus`,
            });
          }
          felder[spalte - 1] = zellText(zelle.value);
        });
        zellen += felder.length;
        if (zellen > XLSX_GRENZEN.zellen)
          throw new Ablehnung({ zeile: nummer, grund: `Das Blatt hat mehr als ${XLSX_GRENZEN.zellen} Zellen` });
        if (nummer === 1) breite = felder.length;
        // Empty rows are not delivered: blank lines keep the sheet's numbering for messages.
        for (; vorige + 1 < nummer; vorige++) {
          if (!aus.write('\n')) await once(aus, 'drain');
          zeilenVerschoben = true;
        }
        vorige = nummer;
        const text = Array.from({ length: breite }, (_, i) => csvFeld(felder[i] ?? '')).join(';');
        if (nummer === 1) kopf = text;
        if (!aus.write(text + '\n')) await once(aus, 'drain');
      }
      break; // the first sheet only
    }
  } catch (e) {
    aus.end();
    await once(aus, 'close');
    const befund =
      e instanceof Ablehnung
        ? e.befund
        : {
            zeile: 1,
            grund: `Die Excel-Arbeitsmappe lässt sich nicht lesen (beschädigt oder kein XLSX): ${(e as Error).message}`,
          };
    return vorbereitet('', false, befund);
  } finally {
    schliesseStrom(leser);
  }
  aus.end();
  await once(aus, 'finish');
  return vorbereitet(kopf, zeilenVerschoben);
}

/** 1 → A, 27 → AA, 16384 → XFD. */
function spaltenBuchstaben(n: number): string {
  let text = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

function zellText(wert: ExcelJS.CellValue): string {
  if (wert === null || wert === undefined) return '';
  if (wert instanceof Date) return wert.toISOString().slice(0, 10);
  // Excel keeps 15 significant digits: 0,1 + 0,2 is the number 0,3 there, not 0,30000000000000004
  // (which the file contract would refuse as more than two decimal places).
  if (typeof wert === 'number') return String(Number(wert.toPrecision(15))).replace('.', ',');
  if (typeof wert === 'boolean') return wert ? 'ja' : 'nein';
  if (typeof wert === 'string') return wert;
  if ('result' in wert) return zellText(wert.result as ExcelJS.CellValue);
  if ('richText' in wert) return wert.richText.map((t) => t.text).join('');
  if ('text' in wert) return String(wert.text);
  if ('error' in wert) return String(wert.error);
  return String(wert);
}

function csvFeld(text: string): string {
  return /[;"\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

// exceljs's streaming reader declares neither its cache of shared strings nor its input stream; both are
// read here, checked at run time instead of claimed by a cast.

/** How many distinct texts the reader has cached so far (0 where the reader keeps none). */
function anzahlTexte(leser: object): number {
  const texte: unknown = Reflect.get(leser, 'sharedStrings');
  return Array.isArray(texte) ? texte.length : 0;
}

/** Closes the reader's input stream, so an early stop (a limit reached) leaves no file handle open. */
function schliesseStrom(leser: object): void {
  const strom: unknown = Reflect.get(leser, 'stream');
  if (strom && typeof strom === 'object' && 'destroy' in strom && typeof strom.destroy === 'function') strom.destroy();
}
