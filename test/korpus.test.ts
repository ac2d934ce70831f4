import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei } from '../warehouse/index.ts';
import { bestand, neuesWarehouse } from './helfer.ts';

// The bad-input corpus: every file must be refused whole, with the line, column, value and a German
// reason for each bad row, and leave the warehouse exactly as it was.
const ordner = join(import.meta.dirname, 'korpus', 'abgelehnt');
const erwartet = JSON.parse(readFileSync(join(ordner, 'erwartet.json'), 'utf8')) as Record<
  string,
  Array<{ zeile?: number; spalte?: string; wert?: string; grund: string }>
>;

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
let vorher: string;
beforeAll(async () => {
  t = await neuesWarehouse();
  // Something already in the warehouse that must stay untouched.
  const gut = t.datei(
    'vorher.csv',
    'traeger;sozialraum;kontrakt;fall;hilfeart;segment;datum;stunden;mitarbeiter;team\n' +
      'caritas-trier;konz;K-2024-0001;F-000101;§31;fallspezifisch;02.09.2024;2,5;MA-KO-001;ja\n',
  );
  expect((await ladeDatei(t.wh, gut)).status).toBe('geladen');
  vorher = await bestand(t.wh);
});
afterAll(() => t.weg());

describe('Korpus fehlerhafter Exportdateien', () => {
  it('hat für jede Datei eine Erwartung', () => {
    const dateien = readdirSync(ordner)
      .filter((d) => d !== 'erwartet.json')
      .sort();
    expect(dateien).toEqual(Object.keys(erwartet).sort());
  });

  for (const [datei, befunde] of Object.entries(erwartet)) {
    it(`lehnt ${datei} ab und nennt jeden Fehler`, async () => {
      const e = await ladeDatei(t.wh, join(ordner, datei));
      expect(e.status).toBe('abgelehnt');
      expect(e.fehlerAnzahl).toBe(befunde.length);
      const ist = [...e.fehler].sort(
        (a, b) => (a.zeile ?? 0) - (b.zeile ?? 0) || (a.spalte ?? '').localeCompare(b.spalte ?? ''),
      );
      befunde.forEach((soll, i) => {
        const b = ist[i]!;
        if (soll.zeile !== undefined) expect(b.zeile).toBe(soll.zeile);
        if (soll.spalte !== undefined) expect(b.spalte).toBe(soll.spalte);
        if (soll.wert !== undefined) expect(b.wert).toBe(soll.wert);
        expect(b.grund).toContain(soll.grund);
      });
      // The report names the file and, per row, "Zeile N".
      expect(e.bericht).toContain(`Die Datei ${datei} wurde abgelehnt`);
      for (const b of befunde) if (b.zeile !== undefined) expect(e.bericht).toContain(`${datei}, Zeile ${b.zeile}`);
      // Kept in quarantine with its report, logged, and nothing else changed.
      expect(readFileSync(e.quarantaene!)).toEqual(readFileSync(join(ordner, datei)));
      expect(readFileSync(`${e.quarantaene}.fehler.txt`, 'utf8')).toBe(e.bericht);
      const [log] = await t.wh.abfrage(`SELECT status, fehler FROM import_protokoll WHERE ladung_id = ${e.ladungId}`);
      expect(log).toEqual({ status: 'abgelehnt', fehler: befunde.length });
      expect(await bestand(t.wh)).toBe(vorher);
    });
  }
});
