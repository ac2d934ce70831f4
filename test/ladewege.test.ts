import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei, type LadeErgebnis } from '../warehouse/index.ts';
import { KOPF_LEISTUNGEN, neuesWarehouse } from './helfer.ts';

// Both load paths read and check a file with the same SQL (docs/regeln.md §4, §7): a good file takes the fast
// path (one statement), and `nurSorgfaeltig` forces the careful one (every row checked first). Two
// warehouses get the same files, one per path; every file must get the same outcome, the same stored
// values and the same findings, and the fast path must load exactly the files the careful path accepts.

let schnell: Awaited<ReturnType<typeof neuesWarehouse>>;
let sorgfaeltig: Awaited<ReturnType<typeof neuesWarehouse>>;
let nr = 0;

beforeAll(async () => {
  schnell = await neuesWarehouse();
  sorgfaeltig = await neuesWarehouse();
});
afterAll(() => {
  schnell.weg();
  sorgfaeltig.weg();
});

const TABELLE: Record<string, string> = {
  leistungen: 'leistung',
  zahlungen: 'zahlung',
  phasierung: 'phasierung',
  budget: 'budget',
};

async function gespeichert(t: typeof schnell, e: LadeErgebnis): Promise<unknown[]> {
  if (e.status !== 'geladen') return [];
  return await t.wh.abfrage(`SELECT * EXCLUDE (ladung_id) FROM ${TABELLE[e.art!]} WHERE ladung_id = $l ORDER BY ALL`, {
    l: e.ladungId!,
  });
}

/** Loads one file on both paths and returns both results, after checking that they agree. */
async function beideWege(inhalt: string): Promise<LadeErgebnis> {
  const name = `datei-${++nr}.csv`;
  const a = await ladeDatei(schnell.wh, schnell.datei(name, inhalt), { benutzer: 'test' });
  const b = await ladeDatei(sorgfaeltig.wh, sorgfaeltig.datei(name, inhalt), {
    benutzer: 'test',
    nurSorgfaeltig: true,
  });
  const ohneOrt = (e: LadeErgebnis) => ({
    status: e.status,
    art: e.art,
    absender: e.absender,
    zeilen: e.zeilen,
    ersetzt: e.ersetzt,
    fehler: e.fehler,
    fehlerAnzahl: e.fehlerAnzahl,
    offen: e.offen,
  });
  expect(ohneOrt(a), inhalt).toEqual(ohneOrt(b));
  expect(await gespeichert(schnell, a), inhalt).toEqual(await gespeichert(sorgfaeltig, b));
  // The fast path loads every file the careful path accepts, and nothing else.
  if (a.status === 'geladen') expect(a.weg, inhalt).toBe('schnell');
  if (a.status === 'abgelehnt' && a.art) expect(a.weg).toBe('sorgfaeltig');
  return a;
}

const leistung = (stunden: string, datum = '02.09.2024') =>
  `caritas-trier;konz;K-1;F-1;§31;fallspezifisch;${datum};${stunden};MA-1;ja`;
const KOPF_ZAHLUNGEN = 'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag';
const zahlung = (betrag: string) => `05.03.2025;saarburg;variabel;Verbund e.V.;K-7;§30;${betrag}`;

describe('Beide Ladewege, eine Regel', () => {
  it('lehnt 1,125 Stunden auf beiden Wegen ab, statt sie auf 1,13 zu runden', async () => {
    const e = await beideWege(`${KOPF_LEISTUNGEN}\n${leistung('1,125')}\n`);
    expect(e.status).toBe('abgelehnt');
    expect(e.fehler).toMatchObject([
      { zeile: 2, spalte: 'stunden', wert: '1,125', grund: 'Stunden mit mehr als zwei Nachkommastellen' },
    ]);
  });

  it('lehnt 24,004 Stunden ab: nicht gerundet auf 24 und so unter der Grenze', async () => {
    const e = await beideWege(`${KOPF_LEISTUNGEN}\n${leistung('8')}\n${leistung('24,004', '03.09.2024')}\n`);
    expect(e.status).toBe('abgelehnt');
    expect(e.fehler).toMatchObject([
      { zeile: 3, spalte: 'stunden', wert: '24,004', grund: 'Stunden mit mehr als zwei Nachkommastellen' },
    ]);
    const genau24 = await beideWege(`${KOPF_LEISTUNGEN}\n${leistung('24,00', '04.09.2024')}\n`);
    expect(genau24.status).toBe('geladen');
  });

  it('lehnt eine Zahlung von 100,005 € ab, nimmt 100,00 und -50,5 € (Storno) genau', async () => {
    const e = await beideWege(`${KOPF_ZAHLUNGEN}\n${zahlung('100,005')}\n`);
    expect(e.fehler).toMatchObject([
      { zeile: 2, spalte: 'betrag', wert: '100,005', grund: 'Betrag mit mehr als zwei Nachkommastellen' },
    ]);
    const gut = await beideWege(
      `${KOPF_ZAHLUNGEN}\n${zahlung('100,00')}\n${zahlung('-50,5')}\n${zahlung('1.234,560')}\n`,
    );
    expect(gut.status).toBe('geladen');
    expect(
      await schnell.wh.abfrage(`SELECT betrag FROM zahlung WHERE ladung_id = $l ORDER BY betrag`, { l: gut.ladungId! }),
    ).toEqual([{ betrag: '-50.50' }, { betrag: '100.00' }, { betrag: '1234.56' }]);
  });

  it('lädt Stunden eines Jahres ohne Budget und nennt sie als offenen Punkt, bis das Budget kommt', async () => {
    const e = await beideWege(`${KOPF_LEISTUNGEN}\n${leistung('2', '02.09.2031')}\n`);
    expect(e).toMatchObject({
      status: 'geladen',
      zeilen: 1,
      offen: ['1 Zeile Stunden in konz 2031 ohne Budget 2031: nicht bewertet, bis das Budget geladen ist'],
    });
    expect(e.meldung).toContain(': 1 Zeile leistungen geladen. Offen: 1 Zeile Stunden in konz 2031');
  });

  it('speichert auf beiden Wegen für jede Zeile dieselbe Zeilennummer, wie ein Editor sie zeigt (Leerzeilen, Umbruch in Anführungszeichen)', async () => {
    const inhalt =
      [
        KOPF_LEISTUNGEN,
        leistung('1', '01.10.2024'),
        '',
        leistung('2', '02.10.2024'),
        'caritas-trier;konz;K-1;F-1;§31;fallspezifisch;03.10.2024;3;"MA\n1";ja',
        '',
        '',
        leistung('4', '04.10.2024'),
      ].join('\n') + '\n';
    const e = await beideWege(inhalt);
    expect(e.status).toBe('geladen');
    // Header line 1, row 2, blank 3, row 4, the quoted row on lines 5–6, blank 7 and 8, row 9.
    expect(
      await schnell.wh.abfrage(`SELECT stunden, zeile FROM leistung WHERE ladung_id = $l ORDER BY zeile`, {
        l: e.ladungId!,
      }),
    ).toEqual([
      { stunden: '1.00', zeile: 2 },
      { stunden: '2.00', zeile: 4 },
      { stunden: '3.00', zeile: 5 },
      { stunden: '4.00', zeile: 9 },
    ]);
  });

  it('gibt einer Excel-Datei die Zeilennummern ihres Blatts, dieselben wie der gleichen CSV-Datei (leere Zeilen, Umbruch in einer Zelle)', async () => {
    const mappe = new ExcelJS.Workbook();
    const blatt = mappe.addWorksheet('Leistungen');
    const kopf = KOPF_LEISTUNGEN.split(';');
    blatt.getRow(1).values = kopf;
    const zeilen: Array<[number, string[]]> = [
      [2, leistung('1', '01.11.2024').split(';')],
      [4, leistung('2', '02.11.2024').split(';')],
      [5, 'caritas-trier;konz;K-1;F-1;§31;fallspezifisch;03.11.2024;3;MA\n1;ja'.split(';')],
      [6, leistung('4', '04.11.2024').split(';')],
    ];
    for (const [nr, werte] of zeilen) blatt.getRow(nr).values = werte;
    const pfad = schnell.datei('leistungen.xlsx', '');
    await mappe.xlsx.writeFile(pfad);
    const x = await ladeDatei(schnell.wh, pfad, { benutzer: 'test' });
    expect(x.status).toBe('geladen');
    expect(
      await schnell.wh.abfrage(`SELECT stunden, zeile FROM leistung WHERE ladung_id = $l ORDER BY zeile`, {
        l: x.ladungId!,
      }),
    ).toEqual([
      { stunden: '1.00', zeile: 2 },
      { stunden: '2.00', zeile: 4 },
      { stunden: '3.00', zeile: 5 },
      { stunden: '4.00', zeile: 6 },
    ]);
    // The same rows as CSV (the cell's line break as a space, the blank row as a blank line): the same lines.
    const csv =
      [
        KOPF_LEISTUNGEN,
        leistung('1', '01.12.2024'),
        '',
        leistung('2', '02.12.2024'),
        'caritas-trier;konz;K-1;F-1;§31;fallspezifisch;03.12.2024;3;MA 1;ja',
        leistung('4', '04.12.2024'),
      ].join('\n') + '\n';
    const c = await beideWege(csv);
    expect(
      await schnell.wh.abfrage(`SELECT zeile FROM leistung WHERE ladung_id = $l ORDER BY zeile`, { l: c.ladungId! }),
    ).toEqual([{ zeile: 2 }, { zeile: 4 }, { zeile: 5 }, { zeile: 6 }]);
  });

  it('gibt jeder erzeugten Datei auf beiden Wegen dasselbe Ergebnis (fast-check)', async () => {
    const zahl = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 99 }))
          .map(([g, c]) => `${g},${String(c).padStart(2, '0')}`),
      },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 24 }).map(String) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 999 }))
          .map(([g, c]) => `${g},${String(c).padStart(3, '0')}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '24,004',
          '1,125',
          '0',
          '-1',
          '1.5',
          '1.000,5',
          'abc',
          '',
          '7,5000',
          '0,001',
          '24,01',
          '1e1',
          ',5',
        ),
      },
    );
    const zeile = fc.record(
      {
        sozialraum: fc.constantFrom('konz', 'Saarburg', 'Ruwer/Schweich/Trier-Land', 'nirgendwo'),
        hilfeart: fc.constantFrom('31', '§ 31', '§29', '35a', ''),
        segment: fc.constantFrom('fallspezifisch', 'fallbezogen', 'fallunspezifisch', 'quatsch'),
        datum: fc.constantFrom('02.09.2024', '2024-09-03', '15.10.2024', '31.02.2024'),
        stunden: zahl,
        team: fc.constantFrom('ja', 'nein', 'ja', 'vielleicht'),
        // Blank lines before the row and a quoted line break in it move the lines below: both paths must store the same.
        leer: fc.constantFrom(0, 0, 0, 1, 2),
        mitarbeiter: fc.constantFrom('MA-1', 'MA-1', '"MA\n1"', '"MA;1"'),
      },
      { noNullPrototype: true },
    );
    const leistungsdatei = fc
      .array(zeile, { minLength: 1, maxLength: 5 })
      .map(
        (zs) =>
          [
            KOPF_LEISTUNGEN,
            ...zs.map(
              (z) =>
                '\n'.repeat(z.leer) +
                `caritas-trier;${z.sozialraum};K-1;F-1;${z.hilfeart};${z.segment};${z.datum};${z.stunden};${z.mitarbeiter};${z.team}`,
            ),
          ].join('\n') + '\n',
      );
    const zahlungsdatei = fc
      .array(fc.tuple(zahl, fc.boolean()), { minLength: 1, maxLength: 4 })
      .map(
        (zs) =>
          [
            KOPF_ZAHLUNGEN,
            ...zs.map(([b, minus]) => `05.03.2025;saarburg;asd;Beratungsstelle;;;${minus && b ? '-' : ''}${b}`),
          ].join('\n') + '\n',
      );
    const ergebnisse = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(leistungsdatei, zahlungsdatei), async (inhalt) => {
        const e = await beideWege(inhalt);
        ergebnisse.set(e.status, (ergebnisse.get(e.status) ?? 0) + 1);
      }),
      { numRuns: 60, seed: 12 },
    );
    // The corpus must hold both kinds of files, or it proves nothing.
    expect(ergebnisse.get('geladen')).toBeGreaterThan(5);
    expect(ergebnisse.get('abgelehnt')).toBeGreaterThan(5);
  }, 300_000);
});
