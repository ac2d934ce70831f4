// The one .xlsx delivery. exceljs stamps the current time into the document properties and into
// every zip entry; both are pinned so that the same options give a byte-identical file.

import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

export type Zelle = string | number | Date | null;

/** Sets the DOS time/date of every entry (local header and central directory) of a zip archive. */
export function festeZipZeit(buf: Buffer, zeit: Date): Buffer {
  const dosZeit = (zeit.getUTCHours() << 11) | (zeit.getUTCMinutes() << 5) | Math.floor(zeit.getUTCSeconds() / 2);
  const dosDatum = ((zeit.getUTCFullYear() - 1980) << 9) | ((zeit.getUTCMonth() + 1) << 5) | zeit.getUTCDate();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('xlsx: Zip-Verzeichnisende nicht gefunden');
  const anzahl = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < anzahl; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('xlsx: unerwarteter Zip-Verzeichniseintrag');
    buf.writeUInt16LE(dosZeit, p + 12);
    buf.writeUInt16LE(dosDatum, p + 14);
    const lokal = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(lokal) !== 0x04034b50) throw new Error('xlsx: unerwarteter lokaler Zip-Kopf');
    buf.writeUInt16LE(dosZeit, lokal + 10);
    buf.writeUInt16LE(dosDatum, lokal + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

/**
 * Streams rows into an .xlsx (exceljs WorkbookWriter), so memory stays flat however many rows the
 * scale asks for; the finished file is read back once to pin the zip timestamps.
 */
export class XlsxSchreiber {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ws: ExcelJS.Worksheet;
  private zeilen = 0;

  constructor(
    readonly pfad: string,
    kopf: readonly string[],
    private readonly stand: Date,
    private readonly datumSpalten: readonly number[],
  ) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: pfad,
      useStyles: true,
      useSharedStrings: false,
    });
    this.wb.creator = 'Fachsoftware Träger';
    this.wb.lastModifiedBy = 'Fachsoftware Träger';
    this.wb.created = stand;
    this.wb.modified = stand;
    this.ws = this.wb.addWorksheet('Leistungen');
    this.ws.addRow([...kopf]).commit();
  }

  get anzahl(): number {
    return this.zeilen;
  }

  /** Adds a row; every few thousand rows returns a promise so the zip stream can drain. */
  zeile(werte: readonly Zelle[]): Promise<void> | undefined {
    const row = this.ws.addRow([...werte]);
    for (const s of this.datumSpalten) row.getCell(s).numFmt = 'dd.mm.yyyy';
    row.commit();
    this.zeilen++;
    if (this.zeilen % 4096 === 0) return new Promise((r) => setImmediate(r));
    return undefined;
  }

  async schliesse(): Promise<void> {
    this.ws.commit();
    await this.wb.commit();
    await writeFile(this.pfad, festeZipZeit(await readFile(this.pfad), this.stand));
  }
}
