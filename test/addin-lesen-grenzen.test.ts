// Part boundaries of reading big blocks (addin/excel/lesen.ts) and the selected cell of Herkunft anzeigen
// (addin/excel/auswahlzelle.ts), in the Excel double, without a server (from the attack review).
import { beforeEach, describe, expect, it } from 'vitest';
import { liesAuswahlzelle } from '../addin/excel/index.ts';
import { Leseauftrag, LAGE, ZELLEN_JE_LESEN } from '../addin/excel/lesen.ts';
import { Blatt, BYTES_JE_SYNC, type Mappe } from './excel-doppel/index.ts';
import { neueMappe } from './addin-helfer.ts';

let mappe: Mappe;
beforeEach(() => {
  mappe = neueMappe().mappe;
});

/** A sheet with a table at row `zeile0`, column `spalte0` (0-based): a header and `n` data rows of `breite` columns. */
function tabelle(blatt: string, name: string, zeile0: number, spalte0: number, breite: number, n: number) {
  let b = mappe.blatt(blatt);
  if (!b) mappe.blaetter.push((b = new Blatt(blatt)));
  for (let s = 0; s < breite; s++) b.zelle(zeile0, spalte0 + s).wert = `K${s}`;
  for (let z = 1; z <= n; z++) for (let s = 0; s < breite; s++) b.zelle(zeile0 + z, spalte0 + s).wert = z * 1000 + s;
  mappe.tabellen.push({ name, blatt, bereich: { zeile: zeile0, spalte: spalte0, zeilen: n + 1, spalten: breite } });
  mappe.aktiv = blatt;
  return b;
}

async function liesBlock(
  blatt: string,
  lage: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
  arten: Array<'values' | 'formulas'>,
) {
  return await Excel.run(async (ctx) => {
    const auftrag = new Leseauftrag(ctx);
    const ws = ctx.workbook.worksheets.getItem(blatt);
    const holen = await auftrag.lies(ws, lage, arten);
    await auftrag.fertig();
    return holen();
  });
}

describe('Leseauftrag mit langen Texten (Excels Grenze: 5 MB je Antwort)', () => {
  /** A sheet of `n` rows × `breite` columns of `laenge` characters (umlauts: two bytes each in UTF-8). */
  function texte(n: number, breite: number, laenge: number) {
    const b = new Blatt('Texte');
    mappe.blaetter.push(b);
    for (let z = 0; z < n; z++) for (let s = 0; s < breite; s++) b.zelle(z, s).wert = `${z}:${s} ${'ö'.repeat(laenge)}`;
    return { rowIndex: 0, columnIndex: 0, rowCount: n, columnCount: breite };
  }

  it('liest 20.000 Zeilen mit langen Texten (etwa 24 MB) ganz und in Reihenfolge, jede Antwort unter 5 MB', async () => {
    const lage = texte(20_000, 3, 100);
    mappe.groessteAntwort = 0;
    const g = await liesBlock('Texte', lage, ['values', 'formulas']);
    expect(g.values.length).toBe(20_000);
    expect(g.formulas.length).toBe(20_000);
    expect(g.values.map((z) => String(z[0]).split(' ')[0])).toEqual(Array.from({ length: 20_000 }, (_, i) => `${i}:0`));
    expect(g.values[19_999]![2]).toBe(`19999:2 ${'ö'.repeat(100)}`);
    expect(mappe.groessteAntwort).toBeGreaterThan(0);
    expect(mappe.groessteAntwort).toBeLessThanOrEqual(BYTES_JE_SYNC);
  });

  it('nennt eine Zeile, die allein größer als eine Antwort ist, auf Deutsch', async () => {
    const lage = texte(2, 100, 30_000); // one row: 100 cells of 60 KB each
    await expect(liesBlock('Texte', lage, ['values'])).rejects.toThrow(
      /^Zeile 1 ist größer, als eine Antwort von Excel sein darf \(5 MB\)/,
    );
  });
});

describe('Leseauftrag an den Teilgrenzen', () => {
  for (const [fall, zeilen] of [
    ['genau ein Budget', ZELLEN_JE_LESEN / 2],
    ['ein Budget + 1 Zeile', ZELLEN_JE_LESEN / 2 + 1],
    ['ein Budget − 1 Zeile', ZELLEN_JE_LESEN / 2 - 1],
    ['zwei Budgets genau', ZELLEN_JE_LESEN],
    ['eine Zeile', 1],
  ] as const) {
    it(`${fall}: jede Zeile genau einmal, in Reihenfolge, unter der Antwortgrenze`, async () => {
      // 2 columns: one row costs 2 cells per kind
      tabelle('T', 'SRB_T', 0, 0, 2, zeilen - 1);
      mappe.syncs = 0;
      mappe.groessteAntwortZellen = 0;
      const g = await liesBlock('T', { rowIndex: 0, columnIndex: 0, rowCount: zeilen, columnCount: 2 }, ['values']);
      expect(g.values.length).toBe(zeilen);
      expect(g.values[zeilen - 1]![1]).toBe(zeilen === 1 ? 'K1' : (zeilen - 1) * 1000 + 1);
      expect(mappe.groessteAntwortZellen).toBeLessThanOrEqual(ZELLEN_JE_LESEN);
    });
  }

  it('null Zeilen: kein Teil, keine leere Adresse, kein Sync', async () => {
    tabelle('T', 'SRB_T', 0, 0, 3, 0);
    mappe.syncs = 0;
    const g = await liesBlock('T', { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 3 }, [
      'values',
      'formulas',
    ]);
    expect(g).toEqual({ values: [], formulas: [] });
    expect(mappe.syncs).toBe(0); // nothing queued, nothing synced
  });

  it('values und formulas: beide Arten zählen, Teile passen genau', async () => {
    tabelle('T', 'SRB_T', 2, 1, 3, 20_000);
    mappe.groessteAntwortZellen = 0;
    const g = await liesBlock('T', { rowIndex: 2, columnIndex: 1, rowCount: 20_001, columnCount: 3 }, [
      'values',
      'formulas',
    ]);
    expect(g.values.length).toBe(20_001);
    expect(g.formulas.length).toBe(20_001);
    expect(g.values[20_000]).toEqual([20_000_000, 20_000_001, 20_000_002]);
    expect(mappe.groessteAntwortZellen).toBeLessThanOrEqual(ZELLEN_JE_LESEN);
  });

  it('zwei Blöcke, deren Summe genau das Budget ist, teilen einen Sync', async () => {
    tabelle('T', 'SRB_A', 0, 0, 1, ZELLEN_JE_LESEN / 2 - 1);
    tabelle('T', 'SRB_B', 0, 3, 1, ZELLEN_JE_LESEN / 2 - 1);
    mappe.syncs = 0;
    mappe.groessteAntwortZellen = 0;
    const [a, b] = await Excel.run(async (ctx) => {
      const auftrag = new Leseauftrag(ctx);
      const ws = ctx.workbook.worksheets.getItem('T');
      const ha = await auftrag.lies(
        ws,
        { rowIndex: 0, columnIndex: 0, rowCount: ZELLEN_JE_LESEN / 2, columnCount: 1 },
        ['values'],
      );
      const hb = await auftrag.lies(
        ws,
        { rowIndex: 0, columnIndex: 3, rowCount: ZELLEN_JE_LESEN / 2, columnCount: 1 },
        ['values'],
      );
      await auftrag.fertig();
      return [ha(), hb()];
    });
    expect(a.values.length + b.values.length).toBe(ZELLEN_JE_LESEN);
    expect(mappe.syncs).toBe(1);
    expect(mappe.groessteAntwortZellen).toBe(ZELLEN_JE_LESEN);
  });
});

describe('Auswahlzelle an den Rändern der Tabelle', () => {
  // Table on sheet 'Blatt X' at B4 (row 3, col 1): header B4:D4, data B5:D7.
  const karte = { 'Blatt X': ['SRB_X'] };
  beforeEach(() => {
    tabelle('Blatt X', 'SRB_X', 3, 1, 3, 3);
  });
  const fall = async (adresse: string) => {
    mappe.aktiveZelle = adresse;
    return (await liesAuswahlzelle(karte)).tabelle;
  };
  it('Kopfzeile: keine Tabellenzeile', async () => expect(await fall('C4')).toBeNull());
  it('erste Datenzeile', async () =>
    expect(await fall('B5')).toMatchObject({ spalte: 'K0', zeile: [1000, 1001, 1002] }));
  it('letzte Datenzeile, letzte Spalte', async () =>
    expect(await fall('D7')).toMatchObject({ spalte: 'K2', zeile: [3000, 3001, 3002] }));
  it('unter der Tabelle', async () => expect(await fall('B8')).toBeNull());
  it('rechts neben der Tabelle', async () => expect(await fall('E5')).toBeNull());
  it('links neben der Tabelle', async () => expect(await fall('A5')).toBeNull());
  it('über dem Kopf', async () => expect(await fall('B3')).toBeNull());
  it('Tabelle nur mit Kopf', async () => {
    tabelle('Leer', 'SRB_L', 0, 0, 2, 0);
    mappe.aktiveZelle = 'A2';
    expect((await liesAuswahlzelle({ Leer: ['SRB_L'] })).tabelle).toBeNull();
    mappe.aktiveZelle = 'A1';
    expect((await liesAuswahlzelle({ Leer: ['SRB_L'] })).tabelle).toBeNull();
  });
  it('Blattname mit Apostroph (Excel verdoppelt ihn in der Adresse)', async () => {
    tabelle("Konz '26", 'SRB_K', 0, 0, 2, 2);
    mappe.aktiveZelle = 'A2';
    const a = await liesAuswahlzelle({ "Konz '26": ['SRB_K'] });
    expect(a.blatt).toBe("Konz '26");
    expect(a.tabelle).not.toBeNull();
  });
});
void LAGE;
