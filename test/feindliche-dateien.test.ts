// Hostile and broken files (issue 13): refused quickly with a German reason naming the row, nothing
// loaded, kept in quarantine once however often they come.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei } from '../warehouse/index.ts';
import { bestand, KOPF_LEISTUNGEN, neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
let vorher: string;
beforeAll(async () => {
  t = await neuesWarehouse();
  vorher = await bestand(t.wh);
});
afterAll(() => t.weg());

const leistung = (datum: string, stunden: string) =>
  `caritas-trier;konz;K-1;F-1;§31;fallspezifisch;${datum};${stunden};MA-1;ja`;

/** A zip written by hand, so that a part can be declared and packed as an attacker would. */
async function zip(pfad: string, teile: Array<{ name: string; text?: string; nullen?: number }>): Promise<void> {
  const aus = createWriteStream(pfad);
  const verzeichnis: Buffer[] = [];
  let pos = 0;
  const schreibe = async (b: Buffer) => {
    pos += b.length;
    if (!aus.write(b)) await once(aus, 'drain');
  };
  for (const teil of teile) {
    let gepackt: Buffer;
    let pruef = 0;
    let laenge = 0;
    if (teil.text !== undefined) {
      const roh = Buffer.from(teil.text);
      gepackt = deflateRawSync(roh);
      pruef = crc32(roh);
      laenge = roh.length;
    } else {
      // Megabytes of the same byte, packed as they come: about 1000 to 1.
      const d = createDeflateRaw({ level: 1 });
      const stuecke: Buffer[] = [];
      d.on('data', (s: Buffer) => stuecke.push(s));
      const block = Buffer.alloc(4 * 1024 * 1024, 0x20);
      for (let n = 0; n < teil.nullen!; n += block.length) {
        pruef = crc32(block, pruef);
        laenge += block.length;
        if (!d.write(block)) await once(d, 'drain');
      }
      d.end();
      await once(d, 'end');
      gepackt = Buffer.concat(stuecke);
    }
    const name = Buffer.from(teil.name);
    const kopf = Buffer.alloc(30);
    kopf.writeUInt32LE(0x04034b50, 0);
    kopf.writeUInt16LE(20, 4);
    kopf.writeUInt16LE(8, 8);
    kopf.writeUInt32LE(pruef >>> 0, 14);
    kopf.writeUInt32LE(gepackt.length, 18);
    kopf.writeUInt32LE(laenge, 22);
    kopf.writeUInt16LE(name.length, 26);
    const eintrag = Buffer.alloc(46);
    eintrag.writeUInt32LE(0x02014b50, 0);
    eintrag.writeUInt16LE(20, 4);
    eintrag.writeUInt16LE(20, 6);
    eintrag.writeUInt16LE(8, 10);
    eintrag.writeUInt32LE(pruef >>> 0, 16);
    eintrag.writeUInt32LE(gepackt.length, 20);
    eintrag.writeUInt32LE(laenge, 24);
    eintrag.writeUInt16LE(name.length, 28);
    eintrag.writeUInt32LE(pos, 42);
    verzeichnis.push(eintrag, name);
    await schreibe(Buffer.concat([kopf, name]));
    await schreibe(gepackt);
  }
  const v = Buffer.concat(verzeichnis);
  const ende = Buffer.alloc(22);
  ende.writeUInt32LE(0x06054b50, 0);
  ende.writeUInt16LE(teile.length, 8);
  ende.writeUInt16LE(teile.length, 10);
  ende.writeUInt32LE(v.length, 12);
  ende.writeUInt32LE(pos, 16);
  await schreibe(Buffer.concat([v, ende]));
  aus.end();
  await once(aus, 'finish');
}

async function abgelehnt(pfad: string) {
  const e = await ladeDatei(t.wh, pfad);
  expect(e.status, e.bericht).toBe('abgelehnt');
  expect(await bestand(t.wh)).toBe(vorher);
  return e;
}

describe('feindliche XLSX-Dateien', () => {
  it('lehnt eine Zelle draußen in Spalte XFD ab und nennt Zeile und Spalte', async () => {
    const mappe = new ExcelJS.Workbook();
    const blatt = mappe.addWorksheet('Leistungen');
    blatt.addRow(KOPF_LEISTUNGEN.split(';'));
    for (let i = 0; i < 300; i++) blatt.addRow(leistung('02.09.2024', '2').split(';'));
    blatt.getCell('XFD120').value = 'x';
    const pfad = join(t.ordner, 'xfd.xlsx');
    await mappe.xlsx.writeFile(pfad);
    const e = await abgelehnt(pfad);
    expect(e.fehler).toMatchObject([{ zeile: 120, spalte: 'XFD', wert: 'x' }]);
    expect(e.fehler[0]!.grund).toContain('rechts der Kopfzeile');
    expect(e.bericht).toContain('Zeile 120');
  });

  it('lehnt eine Kopfzeile bis XFD ab', async () => {
    const mappe = new ExcelJS.Workbook();
    const blatt = mappe.addWorksheet('Leistungen');
    blatt.addRow(KOPF_LEISTUNGEN.split(';'));
    blatt.getCell('XFD1').value = 'notiz';
    const pfad = join(t.ordner, 'xfd-kopf.xlsx');
    await mappe.xlsx.writeFile(pfad);
    expect((await abgelehnt(pfad)).fehler).toMatchObject([
      { zeile: 1, spalte: 'XFD', grund: expect.stringContaining('über 256 Spalten') },
    ]);
  });

  it('lehnt eine Zip-Bombe ab, bevor etwas entpackt wird', async () => {
    const pfad = join(t.ordner, 'bombe.xlsx');
    await zip(pfad, [
      { name: '[Content_Types].xml', text: '<?xml version="1.0"?><Types/>' },
      { name: 'xl/worksheets/sheet1.xml', nullen: 600 * 1024 * 1024 },
    ]);
    const e = await abgelehnt(pfad);
    expect(e.fehler[0]).toMatchObject({ zeile: 1, grund: expect.stringContaining('Zip-Bombe') });
    expect(e.fehler[0]!.grund).toContain('xl/worksheets/sheet1.xml');
  });

  it('lehnt eine abgeschnittene oder falsche .xlsx-Datei mit Grund ab', async () => {
    const mappe = new ExcelJS.Workbook();
    mappe.addWorksheet('Leistungen').addRow(KOPF_LEISTUNGEN.split(';'));
    const ganz = Buffer.from(await mappe.xlsx.writeBuffer());
    expect((await abgelehnt(t.datei('halb.xlsx', ganz.subarray(0, ganz.length >> 1)))).fehler[0]!.grund).toContain(
      'keine vollständige Excel-Arbeitsmappe',
    );
    const kaputt = Buffer.from(ganz);
    kaputt.fill(0x41, 40, 400);
    const e = await abgelehnt(t.datei('kaputt.xlsx', kaputt));
    expect(e.fehler[0]).toMatchObject({ zeile: 1, grund: expect.any(String) });
  });
});

describe('feindliche CSV-Dateien', () => {
  it('lehnt eine Zeile über 1 MB ab und nennt sie', async () => {
    const e = await abgelehnt(
      t.datei('lang.csv', `${KOPF_LEISTUNGEN}\n${leistung('02.09.2024', '2')}\n"${'x'.repeat(1_200_000)}\n`),
    );
    expect(e.fehler).toMatchObject([{ zeile: 3, grund: expect.stringContaining('länger als 1 MB') }]);
  });

  it('bewahrt eine abgelehnte Datei nur einmal auf, so oft sie auch kommt', async () => {
    const inhalt = `${KOPF_LEISTUNGEN}\n${leistung('31.09.2024', '2')}\n`;
    const ersteAblage = (await abgelehnt(t.datei('wieder.csv', inhalt))).quarantaene!;
    for (const name of ['wieder.csv', 'wieder-umbenannt.csv']) {
      expect((await abgelehnt(t.datei(name, inhalt))).quarantaene).toBe(ersteAblage);
    }
    const ordner = join(t.ordner, 'quarantaene');
    expect(readdirSync(ordner).filter((n) => n.includes('wieder') && !n.endsWith('.fehler.txt'))).toHaveLength(1);
    expect(readFileSync(ersteAblage, 'utf8')).toBe(inhalt);
  });

  it('stürzt bei zufälligen und verstümmelten Bytes nie ab, lädt nie einen Teil und nennt immer Zeile und Grund', async () => {
    const gut = `${KOPF_LEISTUNGEN}\n${leistung('02.09.2024', '2')}\n${leistung('03.09.2024', '3,5')}\n${leistung('04.09.2024', '1')}\n`;
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      // the good file with bytes changed, cut or inserted: mostly still CSV, often subtly wrong
      fc
        .tuple(
          fc.array(fc.tuple(fc.nat(gut.length), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
          fc.option(fc.nat(gut.length)),
        )
        .map(([aenderungen, schnitt]) => {
          const b = Buffer.from(gut);
          for (const [stelle, wert] of aenderungen) b[Math.min(stelle, b.length - 1)] = wert;
          return new Uint8Array(schnitt === null ? b : b.subarray(0, schnitt));
        }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytes, async (inhalt) => {
        const vorLadung = Number(await t.wh.wert('SELECT count(*) FROM leistung'));
        const e = await ladeDatei(t.wh, t.datei(`zufall-${n++}.csv`, Buffer.from(inhalt)));
        const danach = Number(await t.wh.wert('SELECT count(*) FROM leistung'));
        if (e.status === 'abgelehnt') {
          expect(danach).toBe(vorLadung);
          expect(e.fehler.length).toBeGreaterThan(0);
          for (const b of e.fehler) {
            expect(b.zeile, b.grund).toBeGreaterThanOrEqual(1);
            expect(b.grund.length).toBeGreaterThan(5);
          }
        } else if (e.status === 'geladen') {
          // all of the file or nothing: as many new rows as the file has data lines
          expect(danach - vorLadung + e.ersetzt).toBe(e.zeilen);
          await t.wh.ausfuehren(`DELETE FROM leistung WHERE ladung_id = ${e.ladungId}`);
        }
      }),
      { numRuns: 60, seed: 13 },
    );
  }, 120_000);
});
