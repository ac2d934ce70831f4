import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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
  aufraeumen(): void;
}

const BLOCK = 4 * 1024 * 1024;

export async function bereiteVor(pfad: string, zuordnung: Zuordnung): Promise<VorbereiteteDatei> {
  if (istXlsx(pfad)) return await xlsxAlsCsv(pfad);

  // One pass over the bytes: content hash, UTF-8 check, blank lines and quotes (for row numbers).
  const hash = createHash('sha256');
  let utf8 = true;
  let rest = Buffer.alloc(0);
  let groesse = 0;
  let zeilenVerschoben = false;
  let letztesByte = -1;
  for await (const stueck of createReadStream(pfad, { highWaterMark: BLOCK }) as AsyncIterable<Buffer>) {
    hash.update(stueck);
    groesse += stueck.length;
    if (utf8 && zuordnung.kodierung === undefined) {
      const daten = rest.length > 0 ? Buffer.concat([rest, stueck]) : stueck;
      const ende = utf8Grenze(daten);
      utf8 = isUtf8(daten.subarray(0, ende));
      rest = Buffer.from(daten.subarray(ende));
    }
    if (!zeilenVerschoben) {
      zeilenVerschoben = stueck.includes('\n\n') || stueck.includes('\n\r\n') || stueck.includes('"') ||
        (letztesByte === 0x0a && (stueck[0] === 0x0a || stueck[0] === 0x0d));
    }
    letztesByte = stueck[stueck.length - 1] ?? letztesByte;
  }
  if (rest.length > 0) utf8 = false;
  const kodierung = zuordnung.kodierung ?? (utf8 ? 'utf-8' : 'windows-1252');
  const kopf = ersteZeile(pfad, kodierung);
  const leer = groesse === 0 || kopf.trim() === '';

  if (kodierung === 'utf-8') {
    return { csvPfad: pfad, hash: hash.digest('hex'), kodierung, kopfzeile: kopf, zeilenVerschoben, leer, aufraeumen() {} };
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
    csvPfad: ziel, hash: hash.digest('hex'), kodierung, kopfzeile: kopf, zeilenVerschoben, leer,
    aufraeumen: () => rmSync(ordner, { recursive: true, force: true }),
  };
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

/**
 * The first sheet of a workbook as a UTF-8 CSV with ';' and decimal comma, so that it takes the same
 * path as every CSV. Dates become ISO dates; formulas count with their cached result.
 */
async function xlsxAlsCsv(pfad: string): Promise<VorbereiteteDatei> {
  const hash = createHash('sha256');
  for await (const stueck of createReadStream(pfad) as AsyncIterable<Buffer>) hash.update(stueck);
  const mappe = new ExcelJS.Workbook();
  await mappe.xlsx.readFile(pfad);
  const blatt = mappe.worksheets[0];
  const ordner = mkdtempSync(join(tmpdir(), 'srb-'));
  const ziel = join(ordner, 'xlsx.csv');
  const aus = createWriteStream(ziel);
  let kopf = '';
  let breite = 0;
  let zeilenVerschoben = false;
  if (blatt) {
    breite = blatt.columnCount;
    let vorige = 0;
    blatt.eachRow({ includeEmpty: false }, (zeile, nummer) => {
      // eachRow skips empty rows: blank lines keep the sheet's numbering for messages.
      for (; vorige + 1 < nummer; vorige++) {
        aus.write('\n');
        zeilenVerschoben = true;
      }
      vorige = nummer;
      const felder: string[] = [];
      for (let i = 1; i <= breite; i++) felder.push(zellText(zeile.getCell(i).value));
      const text = felder.map(csvFeld).join(';');
      if (nummer === 1) kopf = text;
      aus.write(text + '\n');
    });
  }
  aus.end();
  await once(aus, 'finish');
  return {
    csvPfad: ziel, hash: hash.digest('hex'), kodierung: 'xlsx', kopfzeile: kopf, zeilenVerschoben, leer: kopf.trim() === '',
    aufraeumen: () => rmSync(ordner, { recursive: true, force: true }),
  };
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
