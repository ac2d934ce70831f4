import { beforeAll, describe, expect, it } from 'vitest';
import { abrechnungsjahr, holeDaten, zahlenHolen, type Auswahl } from '../addin/ablauf/index.ts';
import { FORMAT } from '../addin/excel/index.ts';
import { addinTests } from './addin-helfer.ts';
import type { Blatt } from './excel-doppel/index.ts';

// Issue 7 in the add-in: the year-end settlement and the reallocations come with "Zahlen holen".

const u = addinTests('jugendamt', 'awo');

beforeAll(async () => {
  const jugendamt = u.clients.jugendamt;
  // What the steering body decided, recorded as the youth office does: part of Saarburg's free funds.
  const vorschlaege = await jugendamt.api.v1.umschichtungen.vorschlag.$get({ query: { jahr: '2026' } });
  if (vorschlaege.status !== 200) throw new Error(`Vorschläge: ${vorschlaege.status}`);
  const vorschlag = (await vorschlaege.json()).zeilen.find((z) => z.sozialraum === 'saarburg' && z.quartal === 3)!;
  const r = await jugendamt.api.v1.umschichtungen.$post({
    json: {
      jahr: 2026,
      sozialraum: 'saarburg',
      topf: 'variabel',
      betrag: (Number(vorschlag.vorschlag) / 2).toFixed(2),
      gremium: 'Lenkungsgruppe',
      beschlussdatum: '2026-10-20',
      kommentar: 'Elterncafé',
      ueberschreitung_begruendung: null,
    },
  });
  expect(r.status).toBe(201);
});

// The demo county's running year is 2026 (data until October); its settlement is that of 2025.
const JETZT = new Date(2026, 10, 24, 9, 0);
const alle: Auswahl = { jahr: 2026, quartal: 3, sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] };
const nurKonz: Auswahl = { ...alle, sozialraeume: ['konz'] };

/** Where a table stands on its sheet (rows and columns from 0), as the double holds it. */
const tabelleIn = (name: string) => u.mappe.tabellen.find((t) => t.name === name)!.bereich;
const kopf = (b: Blatt, zeile: number) => [...Array(12).keys()].map((i) => b.wert(zeile, i)).filter((w) => w !== '');
const spalte = (b: Blatt, zeile: number, titel: string) => kopf(b, zeile).indexOf(titel);

describe('Jahresabrechnung und Umschichtungen in Excel', () => {
  it('rechnet im laufenden Jahr das Vorjahr ab, für ein abgeschlossenes Jahr dieses', () => {
    expect(abrechnungsjahr(2026, JETZT)).toBe(2025);
    expect(abrechnungsjahr(2025, JETZT)).toBe(2025);
    expect(abrechnungsjahr(2027, JETZT)).toBe(2025);
  });

  it('legt das Blatt Jahresabrechnung an: Abrechnung, darunter die offenen Punkte, deutsch formatiert', async () => {
    const aenderungen = await zahlenHolen(u.clients.jugendamt, alle, JETZT);
    expect(aenderungen.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Jahresabrechnung', 'Jahresabrechnung (offene Punkte)']),
    );
    const b = u.mappe.blatt('Jahresabrechnung')!;
    expect(b.wert(0, 0)).toBe('Jahresabrechnung 2025: Spitzabrechnung des personalisierten Finanzvolumens');
    expect(kopf(b, 3)).toEqual([
      'Jahr',
      'Sozialraum',
      'Träger',
      'Stellenjahre',
      'Personalkosten pauschal',
      'Sachkosten pauschal',
      'Personalkosten Ist',
      'Differenz',
      'Art',
    ]);
    expect(b.zelle(3, 0)).toMatchObject({ fett: true, schriftfarbe: '#FFFFFF' });
    expect(b.fixierteZeilen).toBe(4);
    expect(b.angepassteSpalten).toBeGreaterThan(0);
    const oben = tabelleIn('SRB_Jahresabrechnung');
    expect(oben.zeile).toBe(3);
    const zeilen = oben.zeilen - 1;
    expect(zeilen).toBeGreaterThan(4);
    expect(b.wert(4, 0)).toBe(2025);
    expect(new Set([...Array(zeilen).keys()].map((r) => b.wert(4 + r, 2)))).toContain('gesamt');
    const differenz = spalte(b, 3, 'Differenz');
    expect(b.zelle(4, differenz).format).toBe(FORMAT.betrag);
    expect(b.zelle(4, differenz).format).toBe('#,##0.00 "€"');
    expect(typeof b.wert(4, differenz)).toBe('number');
    expect(b.zelle(4, spalte(b, 3, 'Stellenjahre')).format).toBe('#,##0.00');

    // the open points: title, a blank row and the table right below the settlement
    const unten = tabelleIn('SRB_Abrechnungsbefunde');
    expect(unten.zeile).toBe(3 + oben.zeilen + 2);
    expect(b.wert(unten.zeile - 1, 0)).toBe('Offene Punkte der Jahresabrechnung 2025');
    expect(b.zelle(unten.zeile - 1, 0).fett).toBe(true);
    expect(kopf(b, unten.zeile)).toEqual(['Sozialraum', 'Träger', 'Mitarbeiter', 'Regel', 'Befund']);
  });

  it('legt das Blatt Umschichtungen an: erfasste Beschlüsse, darunter die Vorschläge', async () => {
    await zahlenHolen(u.clients.jugendamt, alle, JETZT);
    const b = u.mappe.blatt('Umschichtungen')!;
    expect(b.wert(0, 0)).toBe('Umschichtungen in die Prävention 2026');
    expect(kopf(b, 3)).toEqual([
      'Nr.',
      'Sozialraum',
      'aus Topf',
      'Betrag',
      'Gremium',
      'Beschlussdatum',
      'Kommentar',
      'Begründung Überschreitung',
      'erfasst von',
      'erfasst am',
    ]);
    // the demo county's decision for Saarburg
    expect(b.wert(4, 1)).toBe('saarburg');
    expect(b.zelle(4, 3)).toMatchObject({ format: FORMAT.betrag });
    expect(typeof b.wert(4, 3)).toBe('number');
    expect(b.zelle(4, 5)).toMatchObject({ format: 'DD.MM.YYYY' });
    expect(typeof b.wert(4, 5)).toBe('number');
    const unten = tabelleIn('SRB_Umschichtungsvorschlaege');
    expect(b.wert(unten.zeile - 1, 0)).toBe('Umschichtungsvorschläge 2026: freie Mittel zum Quartalsende');
    expect(kopf(b, unten.zeile)).toEqual(['Quartal', 'Sozialraum', 'Budget', 'Hochrechnung', 'Reserve', 'Vorschlag']);
    expect(b.zelle(unten.zeile + 1, 5).format).toBe(FORMAT.betrag);
  });

  it('zeigt im Blatt Abweichung, welcher Teil der Prognose Umschichtung ist', async () => {
    await zahlenHolen(u.clients.jugendamt, alle, JETZT);
    const b = u.mappe.blatt('Abweichung')!;
    const davon = spalte(b, 3, 'davon Umschichtung');
    expect(davon).toBe(spalte(b, 3, 'Prognose Rest') + 1);
    const saarburg = [...Array(16).keys()]
      .map((r) => 4 + r)
      .find((r) => b.wert(r, 1) === 'saarburg' && b.wert(r, 2) === 'gesamt')!;
    expect(b.wert(saarburg, davon)).toBeGreaterThan(0);
    expect(b.zelle(saarburg, davon).format).toBe(FORMAT.betrag);
  });

  it('verschiebt beim Aktualisieren die untere Tabelle mit der oberen und lässt nichts Altes stehen', async () => {
    await zahlenHolen(u.clients.jugendamt, alle, JETZT);
    const b = u.mappe.blatt('Jahresabrechnung')!;
    const vorher = tabelleIn('SRB_Abrechnungsbefunde');
    b.zelle(3, 12).wert = 'Notiz neben der Tabelle';
    const zweiter = await zahlenHolen(u.clients.jugendamt, nurKonz, JETZT);
    const oben = tabelleIn('SRB_Jahresabrechnung');
    const unten = tabelleIn('SRB_Abrechnungsbefunde');
    expect(unten.zeile).toBe(3 + oben.zeilen + 2);
    expect(unten.zeile).toBeLessThan(vorher.zeile);
    expect(b.wert(unten.zeile - 1, 0)).toBe('Offene Punkte der Jahresabrechnung 2025');
    // below the moved table nothing of the old one is left
    const ende = unten.zeile + unten.zeilen;
    expect([...b.zellen.entries()].filter(([k, z]) => Number(k.split(',')[0]) >= ende && z.wert !== '')).toEqual([]);
    expect(b.wert(3, 12)).toBe('Notiz neben der Tabelle');
    expect(zweiter.find((a) => a.name === 'Jahresabrechnung')).toMatchObject({ erstmals: false, neu: 0, geaendert: 0 });
  });

  it('gibt einem Träger-Controller nur seine eigenen Abrechnungszeilen, ohne gesamt', async () => {
    const { inhalte } = await holeDaten(u.clients.awo, nurKonz, JETZT);
    const abrechnung = inhalte.find((i) => i.tabelle === 'SRB_Jahresabrechnung')!;
    expect(abrechnung.zeilen.length).toBeGreaterThan(0);
    expect(new Set(abrechnung.zeilen.map((z) => `${z.sozialraum}/${z.traeger}`))).toEqual(
      new Set(['konz/awo-trier-saarburg']),
    );
    await zahlenHolen(u.clients.awo, nurKonz, JETZT);
    const b = u.mappe.blatt('Jahresabrechnung')!;
    const oben = tabelleIn('SRB_Jahresabrechnung');
    expect([...Array(oben.zeilen - 1).keys()].map((r) => b.wert(4 + r, 2))).toEqual(
      abrechnung.zeilen.map(() => 'awo-trier-saarburg'),
    );
    for (const i of inhalte)
      expect(
        i.zeilen.every((z) => z.sozialraum === undefined || z.sozialraum === null || z.sozialraum === 'konz'),
      ).toBe(true);
  });
});
