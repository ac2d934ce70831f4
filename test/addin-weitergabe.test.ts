// Alle aktualisieren and Als Werte weitergeben against the real server and the Excel double: every SRB
// table and SRB.* formula of the workbook refreshed with progress and a "Stand" on each sheet; value
// copies of chosen sheets that a colleague without the add-in can read.
import { describe, expect, it } from 'vitest';
import { bis } from './warten.ts';
import { alleAktualisieren, alsWerteWeitergeben, zahlenHolen, type Auswahl } from '../addin/ablauf/index.ts';
import { istSrbFormel } from '../addin/excel/index.ts';
import { registriereFormeln, verbindeFormeln } from '../addin/funktionen/index.ts';
import { addinTests, neueMappe } from './addin-helfer.ts';
import { Blatt, liesAdresse, type Mappe } from './excel-doppel/index.ts';

const u = addinTests('jugendamt');
const alle: Auswahl = { jahr: 2026, quartal: 3, sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] };
const nurKonz: Auswahl = { ...alle, sozialraeume: ['konz'] };
const JETZT = new Date(2026, 11, 2, 9, 5);
const IST = '=SRB.IST("konz";2026;9)';

const zelle = (b: Blatt, adresse: string) => {
  const a = liesAdresse(adresse);
  return b.zellen.get(`${a.zeile},${a.spalte}`);
};

/** A controller's own sheet: a title, an SRB.* formula (as Excel holds it after calculating), a SUM over it. */
function berichtsblatt(mappe: Mappe, wert: number): Blatt {
  const b = new Blatt('Bericht');
  mappe.blaetter.push(b);
  b.zelle(0, 0).wert = 'Mein Quartalsbericht';
  b.zelle(2, 0).wert = 'Ist Konz bis September';
  Object.assign(b.zelle(2, 1), { wert, formel: IST, format: '#,##0.00 "€"' });
  Object.assign(b.zelle(3, 1), { wert: wert * 2, formel: '=B3*2' });
  return b;
}

describe('Alle aktualisieren', () => {
  it('erneuert jede SRB-Tabelle und jede SRB.*-Formel der Mappe, zeigt Fortschritt und schreibt den Stand auf jedes Blatt', async () => {
    const { mappe, host } = neueMappe();
    registriereFormeln();
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    // A deleted pulled table stays deleted: only what is in the workbook is refreshed.
    mappe.tabellen.splice(
      mappe.tabellen.findIndex((t) => t.name === 'SRB_Kontraktabgleich'),
      1,
    );
    const bericht = berichtsblatt(mappe, 1);
    const stapel = verbindeFormeln(u.clients.jugendamt, null);
    const zelleIst = host.rufe('IST', ['konz', 2026, 9, null]);
    await bis(() => zelleIst.ergebnisse.length > 0);
    const vorher = stapel.anfragen;

    const schritte: Array<[number, number, string]> = [];
    const r = await alleAktualisieren(u.clients.jugendamt, alle, stapel, (s, v, t) => schritte.push([s, v, t]), JETZT);

    expect(schritte.map(([s, v]) => `${s}/${v}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(schritte[3]![2]).toBe('1 SRB.*-Formel aktualisieren');
    expect(r.formeln).toBe(1);
    expect(r.blaetter).toContain('Bericht');
    expect(r.aenderungen.map((a) => a.name)).not.toContain('Kontraktabgleich');
    expect(r.aenderungen.find((a) => a.blatt === 'Abweichung')).toMatchObject({ zeilen: 16, erstmals: false });
    // The formulas: one request for all of them.
    expect(stapel.anfragen).toBe(vorher + 1);
    expect(mappe.blatt('Abweichung')!.wert(1, 0)).toBe(
      'Stand: 02.12.2026 09:05 · Sozialräume: konz, schweich, hermeskeil, saarburg',
    );
    // On the controller's sheet: right of what it uses, one column free, nothing of it overwritten.
    expect(bericht.wert(0, 3)).toBe('Stand: 02.12.2026 09:05');
    expect(zelle(bericht, 'B3')).toMatchObject({ formel: IST });

    // Again: the same Stand cell, not a new one further right.
    await alleAktualisieren(u.clients.jugendamt, alle, stapel, () => undefined, new Date(2026, 11, 2, 10, 30));
    expect(bericht.wert(0, 3)).toBe('Stand: 02.12.2026 10:30');
    expect(bericht.wert(0, 5)).toBe('');
  });
});

describe('Als Werte weitergeben', () => {
  it('kopiert die gewählten Blätter mit Werten statt SRB.*-Formeln und Tabellen, gestempelt mit Stand, Quelle und Benutzer', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const mappe = u.mappe;
    berichtsblatt(mappe, 1234.5);
    const tabellenVorher = mappe.tabellen.map((t) => t.name);

    const kopien = await alsWerteWeitergeben(['Abweichung', 'Bericht'], 'jugendamt', JETZT);
    expect(kopien).toEqual(['Abweichung (Werte)', 'Bericht (Werte)']);
    // The originals keep their tables and formulas; the copies have neither.
    expect(mappe.tabellen.map((t) => t.name)).toEqual(tabellenVorher);
    for (const name of kopien) {
      const b = mappe.blatt(name)!;
      expect([...b.zellen.values()].filter((z) => istSrbFormel(z.formel))).toEqual([]);
      expect(mappe.tabellen.filter((t) => t.blatt === name)).toEqual([]);
    }
    const stempel = 'Stand: 02.12.2026 09:05, Quelle: Sozialraum-Controlling, jugendamt';
    const bericht = mappe.blatt('Bericht (Werte)')!;
    expect(zelle(bericht, 'B3')).toMatchObject({ wert: 1234.5, format: '#,##0.00 "€"' });
    expect(zelle(bericht, 'B3')!.formel).toBeUndefined();
    expect(zelle(bericht, 'B4')).toMatchObject({ formel: '=B3*2' });
    expect(bericht.wert(0, 3)).toBe(stempel);
    expect(mappe.blatt('Bericht')!.zellen.get('2,1')!.formel).toBe(IST);

    const ab = mappe.blatt('Abweichung')!;
    const kopie = mappe.blatt('Abweichung (Werte)')!;
    expect(kopie.wert(1, 0)).toBe(stempel);
    // The figures, formats and header as in the original.
    for (const a of ['A4', 'A5', 'D5', 'J6', 'D20']) expect(zelle(kopie, a), a).toEqual(zelle(ab, a));

    expect(await alsWerteWeitergeben(['Abweichung'], 'jugendamt', JETZT)).toEqual(['Abweichung (Werte 2)']);
  });

  it('nimmt ohne Auswahl (Befehl im Menüband) jedes Blatt mit SRB-Tabellen oder SRB.*-Formeln', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    berichtsblatt(u.mappe, 1);
    const kopien = await alsWerteWeitergeben(null, 'jugendamt', JETZT);
    expect(kopien).toEqual([
      'Finanzvolumen (Werte)',
      'Verbrauch (Werte)',
      'Abweichung (Werte)',
      'Kontraktabgleich (Werte)',
      'Offene Punkte (Werte)',
      'Fachcontrolling (Werte)',
      'Jahresabrechnung (Werte)',
      'Umschichtungen (Werte)',
      'Bericht (Werte)',
    ]);
  });
});
