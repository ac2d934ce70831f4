import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDIN_ZIEL as DIST } from '../bau/index.ts';
import { holeDaten, prognoseZurueckschreiben, zahlenHolen, type Auswahl } from '../addin/ablauf/index.ts';
import {
  FORMAT,
  fuegeGrafikenEin,
  liesAuswahlzelle,
  prognoseblattName,
  schreibeTabellen,
} from '../addin/excel/index.ts';
import { addinTests, neueMappe } from './addin-helfer.ts';
import { BYTES_JE_SYNC, liesAdresse, type Blatt } from './excel-doppel/index.ts';

const u = addinTests('jugendamt', 'awo');

const alle: Auswahl = { jahr: 2026, quartal: 3, sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] };
const nurKonz: Auswahl = { ...alle, sozialraeume: ['konz'] };

function zelle(b: Blatt, adresse: string) {
  const a = liesAdresse(adresse);
  return b.zellen.get(`${a.zeile},${a.spalte}`);
}
/** The user types into a cell; Excel refuses locked cells of a protected sheet. */
function tippe(b: Blatt, adresse: string, wert: string | number) {
  const a = liesAdresse(adresse);
  const z = b.zelle(a.zeile, a.spalte);
  if (b.geschuetzt && z.gesperrt) throw new Error(`${adresse} ist gesperrt`);
  z.wert = wert;
}
const spalteVon = (b: Blatt, titel: string) => [...Array(30).keys()].find((i) => b.wert(3, i) === titel)!;

describe('Zahlen holen', () => {
  it('legt benannte Blätter mit Excel-Tabellen an, deutsch formatiert, Kopf fett, Bereich fixiert, Spalten angepasst', async () => {
    const aenderungen = await zahlenHolen(u.clients.jugendamt, alle);
    expect(aenderungen.map((a) => [a.name, a.erstmals])).toEqual([
      ['Finanzvolumen', true],
      ['Verbrauch', true],
      ['Abweichung', true],
      ['Kontraktabgleich', true],
      ['Offene Punkte', true],
      ['Fachcontrolling', true],
      ['Jahresabrechnung', true],
      ['Jahresabrechnung (offene Punkte)', true],
      ['Umschichtungen', true],
      ['Umschichtungen (Vorschläge)', true],
    ]);
    expect(u.mappe.tabellen.map((t) => t.name)).toEqual([
      'SRB_Finanzvolumen',
      'SRB_Verbrauch',
      'SRB_Abweichung',
      'SRB_Kontraktabgleich',
      'SRB_Befunde',
      'SRB_Fachcontrolling',
      'SRB_Jahresabrechnung',
      'SRB_Abrechnungsbefunde',
      'SRB_Umschichtungen',
      'SRB_Umschichtungsvorschlaege',
    ]);
    const ab = u.mappe.blatt('Abweichung')!;
    expect(ab.wert(0, 0)).toBe('Abweichung zum Quartalsende 3/2026');
    expect(zelle(ab, 'A4')).toMatchObject({ wert: 'Stichtag', fett: true, schriftfarbe: '#FFFFFF' });
    // 30.09.2026 as an Excel date, shown as TT.MM.JJJJ
    expect(zelle(ab, 'A5')).toMatchObject({ wert: 46295, format: 'DD.MM.YYYY' });
    const budget = spalteVon(ab, 'Budget');
    expect(ab.zelle(4, budget).format).toBe('#,##0.00 "€"');
    expect(typeof ab.wert(4, budget)).toBe('number');
    expect(ab.fixierteZeilen).toBe(4);
    expect(ab.angepassteSpalten).toBeGreaterThan(0);
    expect(u.mappe.zuletztRuhig).toEqual({ bildschirm: true, berechnung: true });
    expect(u.mappe.blatt(prognoseblattName(2026, 'saarburg'))).toBeDefined();
  });

  it('Fachcontrolling: der Träger sieht „<3“ und darunter den Hinweis, das Jugendamt exakte Anzahlen ohne Hinweis; ein Neuladen räumt den Hinweis', async () => {
    await zahlenHolen(u.clients.awo, nurKonz);
    const fc = u.mappe.blatt('Fachcontrolling')!;
    expect(fc.wert(0, 0)).toBe('Fachcontrolling 3/2026: Fälle, Hilfen und Wirkung je Sozialraum und Hilfeart');
    const tabelle = u.mappe.tabellen.find((t) => t.name === 'SRB_Fachcontrolling')!;
    const faelle = spalteVon(fc, 'Fälle');
    const werte = [...Array(tabelle.bereich.zeilen - 1).keys()].map((i) => fc.wert(4 + i, faelle));
    expect(werte).toContain('<3');
    expect(werte.some((w) => w === 1 || w === 2)).toBe(false);
    const unter = tabelle.bereich.zeile + tabelle.bereich.zeilen;
    expect(fc.zelle(unter, 0)).toMatchObject({
      wert: expect.stringContaining('Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl = 3'),
      kursiv: true,
    });

    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const exakt = u.mappe.tabellen.find((t) => t.name === 'SRB_Fachcontrolling')!;
    const exakteWerte = [...Array(exakt.bereich.zeilen - 1).keys()].map((i) => fc.wert(4 + i, faelle));
    expect(exakteWerte).not.toContain('<3');
    expect(exakteWerte.some((w) => w === 1 || w === 2)).toBe(true);
    expect(fc.wert(exakt.bereich.zeile + exakt.bereich.zeilen, 0)).toBe('');
    expect(fc.wert(unter, 0)).toBe('');
  });

  it('braucht für ein ganzes Jahr und vier Sozialräume nicht mehr Syncs als für einen', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const einer = u.mappe.syncs;
    u.mappe = neueMappe().mappe;
    await zahlenHolen(u.clients.jugendamt, alle);
    expect(u.mappe.syncs).toBe(einer);
    expect(einer).toBeLessThanOrEqual(5);
    expect(u.mappe.blatt('Verbrauch')!.wert(4 + 4 * 10 * 3 - 1, 0)).not.toBe('');
  });

  it('behält beim Aktualisieren die eigenen Spalten und Notizen neben der Tabelle und sagt, was sich geändert hat', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const ab = u.mappe.blatt('Abweichung')!;
    const neben = spalteVon(ab, 'Prognoseversion') + 2;
    ab.zelle(3, neben).wert = 'Meine Notiz';
    ab.zelle(5, neben).wert = 'mit Frau K. klären';
    const zweiter = await zahlenHolen(u.clients.jugendamt, alle);
    expect(ab.wert(3, neben)).toBe('Meine Notiz');
    expect(ab.wert(5, neben)).toBe('mit Frau K. klären');
    const a = zweiter.find((x) => x.blatt === 'Abweichung')!;
    expect(a).toMatchObject({ erstmals: false, neu: 12, geaendert: 0, entfallen: 0, zeilen: 16 });
  });

  it('lässt eigene Spalten, die Excel der Tabelle zugeschlagen hat, bei ihren Zeilen, auch mit Formeln', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const ab = u.mappe.blatt('Abweichung')!;
    const tabelle = u.mappe.tabellen.find((t) => t.name === 'SRB_Abweichung')!;
    const eigene = tabelle.bereich.spalten;
    const topf = spalteVon(ab, 'Topf');
    const zeileVariabel = [4, 5, 6, 7].find((r) => ab.wert(r, topf) === 'variabel')!;
    // What Excel does when the controller types next to the table: the table grows by that column.
    ab.zelle(3, eigene).wert = 'Kommentar';
    ab.zelle(zeileVariabel, eigene).wert = '-5 % prüfen';
    Object.assign(ab.zelle(zeileVariabel + 1, eigene), { formel: '=[@Budget]*2', wert: 0 });
    tabelle.bereich = { ...tabelle.bereich, spalten: eigene + 1 };
    await zahlenHolen(u.clients.jugendamt, alle);
    const sr = spalteVon(ab, 'Sozialraum');
    const neu = [...Array(16).keys()]
      .map((i) => 4 + i)
      .find((r) => ab.wert(r, sr) === 'konz' && ab.wert(r, topf) === 'variabel')!;
    expect(neu).not.toBe(zeileVariabel);
    expect(ab.wert(3, eigene)).toBe('Kommentar');
    expect(ab.wert(neu, eigene)).toBe('-5 % prüfen');
    expect(ab.zelle(neu, eigene).formel).toBeUndefined();
    expect(ab.zelle(neu + 1, eigene).formel).toBe('=[@Budget]*2');
    expect(u.mappe.tabellen.find((t) => t.name === 'SRB_Abweichung')!.bereich.spalten).toBe(eigene + 1);
  });

  it('schreibt Text aus dem Warehouse als Text: = + - @ am Anfang werden gezeigt, nie ausgeführt', async () => {
    const boese = ['=HYPERLINK("http://x.example","klick")', '+49 651 715', '-Kürzung', '@SUMME(A1)', '=1+1'];
    await schreibeTabellen(
      [
        {
          blatt: 'Kontraktabgleich',
          tabelle: 'SRB_Kontraktabgleich',
          titel: 'Test',
          spalten: [
            { name: 'kontrakt', titel: 'Kontrakt', art: 'text', schluessel: true },
            { name: 'betrag', titel: 'Betrag', art: 'betrag' },
          ],
          zeilen: boese.map((k, i) => ({ kontrakt: k, betrag: String(i) })),
        },
      ],
      'Stand',
    );
    const b = u.mappe.blatt('Kontraktabgleich')!;
    expect(boese.map((_, i) => b.wert(4 + i, 0))).toEqual(boese);
    expect(boese.map((_, i) => b.zelle(4 + i, 0).formel)).toEqual(boese.map(() => undefined));
    expect(b.zelle(4, 0).format).toBe(FORMAT.text);
  });

  it('teilt nur sehr große Tabellen auf mehrere Anfragen auf und bleibt dabei unter Excels Grenze', async () => {
    // about 12 MB of cells: a long text per row (the budget is in bytes, Excel's limit is 5 MB)
    const zeilen = Array.from({ length: 25_000 }, (_, i) => ({
      a: `K-${i} ${'ä'.repeat(200)}`,
      b: String(i),
      c: '1.5',
    }));
    await schreibeTabellen(
      [
        {
          blatt: 'Gross',
          tabelle: 'SRB_Gross',
          titel: 'groß',
          spalten: [
            { name: 'a', titel: 'A', art: 'text', schluessel: true },
            { name: 'b', titel: 'B', art: 'betrag' },
            { name: 'c', titel: 'C', art: 'zahl' },
          ],
          zeilen,
        },
      ],
      'Stand',
    );
    expect(u.mappe.syncs).toBeGreaterThan(3);
    expect(u.mappe.groessteAnfrage).toBeLessThanOrEqual(BYTES_JE_SYNC);
    expect(u.mappe.blatt('Gross')!.wert(4 + 24_999, 1)).toBe(24_999);
  });

  it('liest eine Tabelle mit 100.000 Zeilen vor dem Aktualisieren in Teilen unter Excels Antwortgrenze', async () => {
    const inhalt = (plus: (i: number) => number) => ({
      blatt: 'Riesig',
      tabelle: 'SRB_Riesig',
      titel: 'riesig',
      spalten: [
        { name: 'a', titel: 'A', art: 'text' as const, schluessel: true },
        { name: 'b', titel: 'B', art: 'betrag' as const },
      ],
      zeilen: Array.from({ length: 100_000 }, (_, i) => ({ a: `K-${i}`, b: String(i + plus(i)) })),
    });
    await schreibeTabellen([inhalt(() => 0)], 'Stand 1');
    // The controller's own column beside the table, which Excel takes into the table: it must follow its rows.
    const b = u.mappe.blatt('Riesig')!;
    const tabelle = u.mappe.tabellen.find((t) => t.name === 'SRB_Riesig')!;
    b.zelle(3, 2).wert = 'Notiz';
    b.zelle(4 + 99_998, 2).wert = 'vorletzte Zeile prüfen';
    tabelle.bereich = { ...tabelle.bereich, spalten: 3 };
    u.mappe.groessteAntwort = 0;

    // Seven rows change, the last one among them: the old table must have been read whole.
    const [a] = await schreibeTabellen([inhalt((i) => (i % 16_000 === 7 || i === 99_999 ? 1 : 0))], 'Stand 2');
    expect(a).toMatchObject({ zeilen: 100_000, neu: 0, geaendert: 8, entfallen: 0, erstmals: false });
    expect(u.mappe.groessteAntwort).toBeGreaterThan(0);
    expect(u.mappe.groessteAntwort).toBeLessThanOrEqual(BYTES_JE_SYNC);
    expect(b.wert(4 + 99_998, 2)).toBe('vorletzte Zeile prüfen');
    expect(b.wert(4 + 99_999, 1)).toBe(100_000);

    // Herkunft anzeigen on a cell deep in it reads the header and that row, not the whole table.
    u.mappe.aktiv = 'Riesig';
    u.mappe.aktiveZelle = `B${4 + 90_001}`;
    u.mappe.groessteAntwort = 0;
    const auswahl = await liesAuswahlzelle({ Riesig: ['SRB_Riesig'] });
    expect(auswahl.tabelle).toMatchObject({ name: 'SRB_Riesig', spalte: 'B', zeile: ['K-90000', 90_000, ''] });
    expect(auswahl.tabelle!.kopf.slice(0, 2)).toEqual(['A', 'B']);
    expect(u.mappe.groessteAntwort).toBeLessThan(200); // bytes: the header and one row
  });

  it('zeigt einem Träger-Controller nur seinen Sozialraum', async () => {
    const { inhalte, prognosen } = await holeDaten(u.clients.awo, nurKonz);
    expect(new Set(inhalte.flatMap((i) => i.zeilen.map((z) => z.sozialraum)).filter(Boolean))).toEqual(
      new Set(['konz']),
    );
    expect(prognosen.map((p) => p.sozialraum)).toEqual(['konz']);
  });
});

describe('Prognose', () => {
  const blattName = prognoseblattName(2026, 'konz');

  it('sperrt Monate mit Ist-Werten und füllt offene Monate mit der automatischen Projektion', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const b = u.mappe.blatt(blattName)!;
    expect(b.geschuetzt).toBe(true);
    expect(b.wert(2, 4)).toBe(10); // letzter Ist-Monat
    expect(zelle(b, 'B7')).toMatchObject({ gesperrt: true, format: FORMAT.betrag });
    expect(zelle(b, 'L7')!.gesperrt).toBe(false); // November, offen
    expect(b.wert(6, 11)).toBeGreaterThan(0);
    expect(() => tippe(b, 'B7', 1)).toThrow('gesperrt');
  });

  it('prüft die Zellen, markiert falsche rot mit Erklärung und schreibt nichts', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const b = u.mappe.blatt(blattName)!;
    tippe(b, 'L8', 'viel');
    tippe(b, 'M9', -5);
    const r = await prognoseZurueckschreiben(u.clients.jugendamt, {
      blatt: blattName,
      kommentar: 'Test',
      erlaubt: ['konz'],
    });
    expect(r.art).toBe('fehler');
    expect(zelle(b, 'L8')!.fuellung).toBe('#F8CBAD');
    expect(zelle(b, 'M9')!.fuellung).toBe('#F8CBAD');
    expect(zelle(b, 'L7')!.fuellung).toBe('#FFF2CC');
    expect(b.wert(11, 0)).toContain('Prüfung');
    expect(b.wert(12, 0)).toBe('L8: variabel, Nov: „viel“ ist keine Zahl.');
    expect(b.wert(13, 0)).toBe('M9: asd, Dez: ein Verbrauch kann nicht negativ sein (-5).');
    const stand = await (
      await u.clients.jugendamt.api.v1.prognosen.$get({ query: { jahr: '2026', sozialraum: 'konz' } })
    ).json();
    expect('version' in stand && stand.version).toBeNull();
  });

  it('schreibt eine neue Version zurück, und wer dazwischen schrieb, führt zum Konflikt mit den geänderten Zellen', async () => {
    await zahlenHolen(u.clients.awo, nurKonz);
    const b = u.mappe.blatt(blattName)!;
    tippe(b, 'L8', 41_000);
    const r = await prognoseZurueckschreiben(u.clients.awo, {
      blatt: blattName,
      kommentar: 'Q3 AWO',
      erlaubt: ['konz'],
    });
    expect(r).toMatchObject({ art: 'gespeichert' });
    const gelesen = await (
      await u.clients.jugendamt.api.v1.prognosen.$get({ query: { jahr: '2026', sozialraum: 'konz' } })
    ).json();
    expect('werte' in gelesen && gelesen.werte.find((w) => w.topf === 'variabel' && w.monat === 11)?.betrag).toBe(
      '41000.00',
    );
    expect(b.wert(2, 1)).toBe((r as { version: number }).version);
    // the youth office writes in between
    await u.clients.jugendamt.api.v1.prognosen.$post({
      json: {
        jahr: 2026,
        sozialraum: 'konz',
        basisVersion: (r as { version: number }).version,
        kommentar: 'JA',
        werte: [{ topf: 'variabel', monat: 12, betrag: '1.00' }],
      },
    });
    tippe(b, 'L8', 42_000);
    const k = await prognoseZurueckschreiben(u.clients.awo, {
      blatt: blattName,
      kommentar: 'nochmal',
      erlaubt: ['konz'],
    });
    expect(k.art).toBe('konflikt');
    if (k.art !== 'konflikt') return;
    expect(k.konflikt.version.autor).toBe('jugendamt');
    expect(k.konflikt.zellen).toContainEqual(expect.objectContaining({ topf: 'variabel', monat: 12, aktuell: '1.00' }));
    const ueber = await prognoseZurueckschreiben(u.clients.awo, {
      blatt: blattName,
      kommentar: 'bewusst',
      erlaubt: ['konz'],
      ueberschreibe: k.konflikt.version.version_id,
    });
    expect(ueber.art).toBe('gespeichert');
  });

  it('lehnt einen nicht freigegebenen Sozialraum ab, bevor etwas gesendet wird', async () => {
    await zahlenHolen(u.clients.jugendamt, { ...alle, sozialraeume: ['saarburg'] });
    const r = await prognoseZurueckschreiben(u.clients.awo, {
      blatt: prognoseblattName(2026, 'saarburg'),
      kommentar: 'x',
      erlaubt: ['konz'],
    });
    expect(r.art).toBe('fehler');
    expect((r as { fehler: Array<{ meldung: string }> }).fehler[0]!.meldung).toContain('nicht freigegeben');
  });
});

describe('Abweichungsgrafik einfügen', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
  const png = async () => readFileSync(join(DIST, 'icon-16.png')).toString('base64');
  const platz = { blatt: 'Abweichung', tabelle: 'SRB_Abweichung' };

  it('setzt die SVG-Grafik rechts neben die Tabelle und ersetzt beim zweiten Mal die gleichnamige', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    await fuegeGrafikenEin(platz, [{ name: 'SRB_Abweichung_konz', svg, png }]);
    await fuegeGrafikenEin(platz, [{ name: 'SRB_Abweichung_konz', svg, png }]);
    const formen = u.mappe.blatt('Abweichung')!.formen;
    expect(formen).toHaveLength(1);
    expect(formen[0]).toMatchObject({ name: 'SRB_Abweichung_konz', art: 'svg', inhalt: svg, hoehe: 300 });
    expect(formen[0]!.links).toBeGreaterThan(13 * 64); // right of the 13 columns of the table
  });

  it('nimmt das PNG, wo Excel kein SVG einfügen kann', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    u.mappe.kannSvg = false;
    expect(await fuegeGrafikenEin(platz, [{ name: 'SRB_Abweichung_konz', svg, png }])).toEqual(['png']);
    // The PNG comes at twice the size for print: it is set to the same height as an SVG would be.
    expect(u.mappe.blatt('Abweichung')!.formen[0]).toMatchObject({ art: 'bild', hoehe: 300, seitenFest: true });
  });

  it('sagt, wenn es das Blatt Abweichung noch nicht gibt', async () => {
    expect(await fuegeGrafikenEin(platz, [{ name: 'x', svg, png }])).toBeNull();
  });
});
