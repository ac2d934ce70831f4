// Herkunft anzeigen in the add-in against the Excel double and the real server: a cell of an SRB_… table
// or an =SRB.* formula, the sheet Herkunft with the rows, the files, the count, the sum and whether it is the cell.
import { describe, expect, it } from 'vitest';
import { herkunftAnzeigen, zahlenHolen, type Auswahl } from '../addin/ablauf/index.ts';
import { addinTests } from './addin-helfer.ts';
import { Blatt, liesAdresse } from './excel-doppel/index.ts';

const u = addinTests('jugendamt', 'awo');
const auswahl: Auswahl = { jahr: 2026, quartal: 3, sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] };

/** The row (0-based) and column of a value in a sheet's table header row 4. */
function finde(blatt: string, spaltentitel: string, passt: (zeile: number) => boolean): string {
  const b = u.mappe.blatt(blatt)!;
  const spalte = [...Array(30).keys()].find((i) => b.wert(3, i) === spaltentitel)!;
  const zeile = [...Array(400).keys()].find((z) => z > 3 && passt(z))!;
  return `${String.fromCharCode(65 + spalte)}${zeile + 1}`;
}

function waehle(blatt: string, adresse: string): void {
  u.mappe.aktiv = blatt;
  u.mappe.aktiveZelle = adresse;
}

describe('Herkunft anzeigen', () => {
  it('aus einer Zelle der Tabelle SRB_Abweichung: Blatt Herkunft mit Zeilen, Dateien, Anzahl, Summe und „stimmt“', async () => {
    await zahlenHolen(u.clients.jugendamt, auswahl);
    const ab = u.mappe.blatt('Abweichung')!;
    const adresse = finde(
      'Abweichung',
      'Ist bis Stichtag',
      (z) => ab.wert(z, 1) === 'schweich' && ab.wert(z, 2) === 'variabel',
    );
    waehle('Abweichung', adresse);
    const e = await herkunftAnzeigen(u.clients.jugendamt, auswahl);
    const a = liesAdresse(adresse);
    expect(e).toMatchObject({ stimmt: true, zellwert: ab.wert(a.zeile, a.spalte) });
    expect(e.anzahl).toBeGreaterThan(100);
    const h = u.mappe.blatt('Herkunft')!;
    expect(h.wert(0, 0)).toBe(`Herkunft: Ist bis Stichtag schweich variabel 3/2026 (Zelle Abweichung!${adresse})`);
    expect(String(h.wert(1, 0))).toMatch(
      /^Summe aller \d+ Zeilen: [\d.]+,\d\d €, stimmt mit der Zelle überein\. Gezeigt \d+ von \d+ Zeilen\.$/,
    );
    expect([...Array(13).keys()].map((i) => h.wert(3, i))).toEqual([
      'Datei',
      'Zeile',
      'Absender',
      'geladen am',
      'Datum',
      'Jahr',
      'Sozialraum',
      'Topf',
      'Träger',
      'Hilfeart',
      'Stunden',
      'Betrag (genau)',
      'Ladung',
    ]);
    expect(String(h.wert(4, 0))).toMatch(/\.csv$/);
    expect(typeof h.wert(4, 1)).toBe('number');
    const tabellen = u.mappe.tabellen.map((t) => t.name);
    expect(tabellen).toContain('SRB_Herkunft');
    expect(tabellen).toContain('SRB_Herkunft_Dateien');
  });

  it('aus einer Formel =SRB.IST(…): stimmt mit dem Zellwert, und sagt es, wenn die Zelle etwas anderes zeigt', async () => {
    const r = await u.clients.jugendamt.api.v1.formeln.$post({
      json: { aufrufe: [{ funktion: 'IST', argumente: ['konz', 2026, 9, 'variabel'] }] },
    });
    const wert = ((await r.json()) as { ergebnisse: Array<{ wert: number }> }).ergebnisse[0]!.wert;
    const b = u.mappe.blaetter[0]!;
    b.zelle(1, 1).wert = wert;
    b.zelle(1, 1).formel = '=SRB.IST("konz",2026,9,"variabel")';
    waehle(b.name, 'B2');
    expect(await herkunftAnzeigen(u.clients.jugendamt, auswahl)).toMatchObject({ stimmt: true, zellwert: wert });
    // As some Excel versions show a custom function (implicit intersection), with a nested function as argument.
    b.zelle(1, 1).formel = '=@SRB.IST( "konz" ; 2026 ; MAX(1,9) ; "variabel" )';
    await expect(herkunftAnzeigen(u.clients.jugendamt, auswahl)).rejects.toThrow(
      'Das Argument MAX(1,9) der Formel =@SRB.IST( "konz" ; 2026 ; MAX(1,9) ; "variabel" ) ist weder Text noch eine ganze Zahl',
    );
    b.zelle(1, 1).formel = '=@SRB.IST( "konz" ; 2026 ; 9 ; "variabel" )';
    expect(await herkunftAnzeigen(u.clients.jugendamt, auswahl)).toMatchObject({ stimmt: true, zellwert: wert });
    b.zelle(1, 1).wert = wert + 1;
    expect(await herkunftAnzeigen(u.clients.jugendamt, auswahl)).toMatchObject({ stimmt: false });
    expect(String(u.mappe.blatt('Herkunft')!.wert(1, 0))).toContain('weicht von der Zelle');
  });

  it('aus einer Formel, die ihre Argumente aus Zellen, einem anderen Blatt und einem Namen nimmt', async () => {
    const r = await u.clients.jugendamt.api.v1.formeln.$post({
      json: { aufrufe: [{ funktion: 'IST', argumente: ['schweich', 2026, 8, 'asd'] }] },
    });
    const wert = ((await r.json()) as { ergebnisse: Array<{ wert: number }> }).ergebnisse[0]!.wert;
    const b = u.mappe.blaetter[0]!;
    const eingaben = new Blatt("Eingaben '26");
    u.mappe.blaetter.push(eingaben);
    b.zelle(4, 0).wert = 'schweich';
    eingaben.zelle(0, 2).wert = 2026;
    b.zelle(9, 9).wert = 8;
    u.mappe.namen.push({ name: 'Stichmonat', bezug: { blatt: b.name, block: liesAdresse('J10') } });
    u.mappe.namen.push({ name: 'Topf', wert: 'asd' });
    b.zelle(5, 1).wert = wert;
    b.zelle(5, 1).formel = `=SRB.IST($A5;'Eingaben ''26'!C$1;stichmonat;Topf)`;
    waehle(b.name, 'B6');
    const e = await herkunftAnzeigen(u.clients.jugendamt, auswahl);
    expect(e).toMatchObject({ stimmt: true, zellwert: wert, was: 'SRB.IST schweich 2026 bis Monat 8 asd' });

    // A reference that shows nothing usable: a German message naming it.
    b.zelle(5, 1).formel = '=SRB.IST($A5;Eingaben!C1;8)';
    await expect(herkunftAnzeigen(u.clients.jugendamt, auswahl)).rejects.toThrow(
      'Die Formel =SRB.IST($A5;Eingaben!C1;8) nimmt Eingaben!C1: Das Blatt von Eingaben!C1 gibt es nicht.',
    );
    b.zelle(5, 1).formel = '=SRB.IST(Sozialraum;2026)';
    await expect(herkunftAnzeigen(u.clients.jugendamt, auswahl)).rejects.toThrow(
      'Den Name Sozialraum gibt es in dieser Mappe nicht.',
    );
  });

  it('ein Träger sieht seine Zeilen einzeln und die anderen als eine Summe; eine Zelle ohne Zahl dahinter gibt eine deutsche Meldung', async () => {
    const nurKonz: Auswahl = { ...auswahl, sozialraeume: ['konz'] };
    await zahlenHolen(u.clients.awo, nurKonz);
    const ab = u.mappe.blatt('Abweichung')!;
    waehle(
      'Abweichung',
      finde('Abweichung', 'Ist bis Stichtag', (z) => ab.wert(z, 1) === 'konz' && ab.wert(z, 2) === 'gesamt'),
    );
    const e = await herkunftAnzeigen(u.clients.awo, nurKonz);
    expect(e.stimmt).toBe(true);
    expect(String(u.mappe.blatt('Herkunft')!.wert(1, 0))).toMatch(
      /dazu andere Träger und Zahlungen des Jugendamts: \d+ Zeilen/,
    );
    waehle('Abweichung', 'A1');
    await expect(herkunftAnzeigen(u.clients.awo, nurKonz)).rejects.toThrow('Bitte eine Zelle einer SRB-Tabelle');
  });

  it('aus einer Zelle von SRB_Fachcontrolling und aus =SRB.FAELLE(…): die gezählten Kontraktzeilen, so viele wie die Zelle', async () => {
    await zahlenHolen(u.clients.jugendamt, auswahl);
    const fc = u.mappe.blatt('Fachcontrolling')!;
    const adresse = finde('Fachcontrolling', 'Fälle', (z) => fc.wert(z, 0) === 'konz' && fc.wert(z, 1) === 'gesamt');
    waehle('Fachcontrolling', adresse);
    const e = await herkunftAnzeigen(u.clients.jugendamt, auswahl);
    const a = liesAdresse(adresse);
    const faelle = fc.wert(a.zeile, a.spalte);
    expect(typeof faelle).toBe('number');
    expect(e).toMatchObject({ stimmt: true, zellwert: faelle, anzahl: faelle, gezeigt: faelle, summe: String(faelle) });
    const h = u.mappe.blatt('Herkunft')!;
    expect(h.wert(0, 0)).toBe(`Herkunft: Fälle konz gesamt 3/2026 (Zelle Fachcontrolling!${adresse})`);
    expect(String(h.wert(1, 0))).toMatch(
      /^Gezählte Kontraktzeilen: \d+, stimmt mit der Zelle überein\. Gezeigt \d+ von \d+ Zeilen\. Fälle zählen einmal/,
    );
    expect([...Array(16).keys()].map((i) => h.wert(3, i)).slice(13)).toEqual([
      'Ende',
      'Beendigungsgrund',
      'Zielerreichung',
    ]);
    expect(h.wert(4, 2)).toBe('jugendamt');
    expect(h.wert(4, 6)).toBe('konz');

    const neue = finde(
      'Fachcontrolling',
      'neue Hilfen',
      (z) => fc.wert(z, 0) === 'schweich' && fc.wert(z, 1) === 'gesamt',
    );
    waehle('Fachcontrolling', neue);
    const n = liesAdresse(neue);
    expect(await herkunftAnzeigen(u.clients.jugendamt, auswahl)).toMatchObject({
      stimmt: true,
      anzahl: fc.wert(n.zeile, n.spalte),
    });

    const r = await u.clients.jugendamt.api.v1.formeln.$post({
      json: { aufrufe: [{ funktion: 'FAELLE', argumente: ['konz', 2026, 3, 31] }] },
    });
    const wert = ((await r.json()) as { ergebnisse: Array<{ wert: number }> }).ergebnisse[0]!.wert;
    const b = u.mappe.blaetter[0]!;
    b.zelle(2, 1).wert = wert;
    b.zelle(2, 1).formel = '=SRB.FAELLE("konz";2026;3;31)';
    waehle(b.name, 'B3');
    expect(await herkunftAnzeigen(u.clients.jugendamt, auswahl)).toMatchObject({ stimmt: true, anzahl: wert });
    expect(u.mappe.blatt('Herkunft')!.wert(0, 0)).toBe(`Herkunft: Fälle konz 31 3/2026 (Zelle ${b.name}!B3)`);

    // a share is no count of contracts
    waehle(
      'Fachcontrolling',
      finde('Fachcontrolling', 'Stunden je Fall', (z) => fc.wert(z, 0) === 'konz'),
    );
    await expect(herkunftAnzeigen(u.clients.jugendamt, auswahl)).rejects.toThrow('keine Anzahl von Kontrakten');
  });

  it('ein Träger: eine verdeckte Zelle („<3“) zeigt keine Herkunft, eine gezeigte seine Kontrakte und die anderen als Anzahl', async () => {
    const nurKonz: Auswahl = { ...auswahl, sozialraeume: ['konz'] };
    await zahlenHolen(u.clients.awo, nurKonz);
    const fc = u.mappe.blatt('Fachcontrolling')!;
    waehle(
      'Fachcontrolling',
      finde('Fachcontrolling', 'Fälle', (z) => fc.wert(z, 2) === '<3'),
    );
    await expect(herkunftAnzeigen(u.clients.awo, nurKonz)).rejects.toThrow('Schutz kleiner Fallzahlen');
    waehle(
      'Fachcontrolling',
      finde('Fachcontrolling', 'Fälle', (z) => fc.wert(z, 0) === 'konz' && fc.wert(z, 1) === 'gesamt'),
    );
    const e = await herkunftAnzeigen(u.clients.awo, nurKonz);
    expect(e.stimmt).toBe(true);
    expect(String(u.mappe.blatt('Herkunft')!.wert(1, 0))).toMatch(/dazu andere Träger: (\d+|<3) Zeilen/);
  });
});
