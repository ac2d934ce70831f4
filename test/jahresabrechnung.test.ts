import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schreibeJahresabrechnung } from '../berichte/index.ts';
import { ladeDatei } from '../warehouse/index.ts';
import { bestand, neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
beforeEach(async () => {
  t = await neuesWarehouse();
});
afterEach(() => t.weg());

const BUDGET =
  'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit;praeventionsanteil;tarifsteigerung;sachkostenpauschale;vertragszeitraum';
const PERSONAL = 'traeger;sozialraum;mitarbeiter;stellenumfang;qualifikation;fachstudium;sv_pflichtig;von;bis';
const KOSTEN = 'jahr;traeger;sozialraum;mitarbeiter;personalkosten';

async function lade(name: string, ...zeilen: string[]) {
  const e = await ladeDatei(t.wh, t.datei(name, zeilen.join('\n') + '\n'));
  return e;
}

async function ladeGut(name: string, ...zeilen: string[]) {
  const e = await lade(name, ...zeilen);
  expect(e.status, e.bericht).toBe('geladen');
  return e;
}

/**
 * docs/regeln.md §3 worked through: G 240.000,00 → P 163.200,00; Stellenfaktor 80.000,00 with a Sach- und
 * Overheadpauschale of 10.000,00 → personalkosten_pauschal round(163.200 × 70.000 / 80.000) = 142.800,00.
 * Schweich is staffed by two Träger: caritas with 1,0 + 0,5 positions all year (547,5 position-days),
 * don bosco with one full position from 1 July (184 days). Split by 547,5 : 184:
 * caritas 14.280.000 ct × 547,5 / 731,5 = 10.688.038,28 ct, don bosco 3.591.961,72 ct. The floors
 * (106.880,38 + 35.919,61) leave one cent, which goes to the larger remainder: don bosco (,72 against ,28).
 * The flat material share 20.400,00 splits the same way; there caritas has the larger remainder.
 */
async function schweich2025() {
  await ladeGut('budget.csv', BUDGET, '2025;schweich;240.000,00;80.000,00;1.600,0;10;;10.000,00;2024-2028');
  await ladeGut(
    'personal_caritas.csv',
    PERSONAL,
    'caritas-trier;schweich;MA-SW-001;1;Sozialpädagoge/-in;ja;ja;01.01.2025;',
    'caritas-trier;schweich;MA-SW-002;0,5;Sozialarbeiter/-in;ja;ja;01.01.2025;',
  );
  await ladeGut(
    'personal_donbosco.csv',
    PERSONAL,
    'jhz-don-bosco;schweich;MA-SW-003;1;Sozialpädagoge/-in;ja;ja;01.07.2025;',
  );
  await ladeGut(
    'personalkosten_caritas.csv',
    KOSTEN,
    '2025;caritas-trier;schweich;MA-SW-001;71.000,00',
    '2025;caritas-trier;schweich;MA-SW-002;36.100,00',
  );
  await ladeGut('personalkosten_donbosco.csv', KOSTEN, '2025;jhz-don-bosco;schweich;MA-SW-003;34.000,00');
}

const abrechnung = (jahr: number) =>
  t.wh.abfrage('SELECT * EXCLUDE (jahr) FROM jahresabrechnung WHERE jahr = $j ORDER BY sozialraum, traeger', {
    j: jahr,
  });

describe('Spitzabrechnung (docs/regeln.md §3)', () => {
  it('teilt die Pauschale zwischen zwei Trägern nach Stellenjahren, auf den Cent, mit Nachzahlung und Erstattung', async () => {
    await schweich2025();
    expect(await abrechnung(2025)).toEqual([
      // caritas: 1,5 positions all year; its cost is above its share of the flat rate: the county pays more
      {
        sozialraum: 'schweich',
        traeger: 'caritas-trier',
        stellenjahre: '1.50',
        personalkosten_pauschal: '106880.38',
        sachkosten_pauschal: '15268.63',
        personalkosten_ist: '107100.00',
        differenz: '219.62',
        art: 'nachzahlung',
      },
      {
        sozialraum: 'schweich',
        traeger: 'gesamt',
        stellenjahre: '2.00',
        personalkosten_pauschal: '142800.00',
        sachkosten_pauschal: '20400.00',
        personalkosten_ist: '141100.00',
        differenz: '-1700.00',
        art: 'erstattung',
      },
      // don bosco joined on 1 July (184 of 365 days): its cost is below its share: it pays back
      {
        sozialraum: 'schweich',
        traeger: 'jhz-don-bosco',
        stellenjahre: '0.50',
        personalkosten_pauschal: '35919.62',
        sachkosten_pauschal: '5131.37',
        personalkosten_ist: '34000.00',
        differenz: '-1919.62',
        art: 'erstattung',
      },
    ]);
    expect(await t.wh.abfrage('SELECT * FROM jahresabrechnung_befund')).toEqual([]);
  });

  it('nennt, was einer sauberen Abrechnung im Weg steht, statt zu raten', async () => {
    // No Sachkostenpauschale in 2024; MA-KO-001 is on the roster without a cost row; MA-KO-009 has costs but is in no team.
    await ladeGut('budget.csv', BUDGET, '2024;konz;240.000,00;80.000,00;1.600,0;10;;;');
    await ladeGut(
      'personal.csv',
      PERSONAL,
      'awo-trier-saarburg;konz;MA-KO-001;1;Sozialpädagoge/-in;ja;ja;01.01.2024;31.12.2024',
    );
    await ladeGut('kosten.csv', KOSTEN, '2024;awo-trier-saarburg;konz;MA-KO-009;50.000,00');
    const befunde = await t.wh.abfrage(
      'SELECT traeger, mitarbeiter, regel FROM jahresabrechnung_befund WHERE jahr = 2024 ORDER BY regel',
    );
    expect(befunde).toEqual([
      { traeger: 'awo-trier-saarburg', mitarbeiter: 'MA-KO-009', regel: 'nicht_im_team' },
      { traeger: 'awo-trier-saarburg', mitarbeiter: 'MA-KO-001', regel: 'personalkosten_fehlen' },
      { traeger: null, mitarbeiter: null, regel: 'sachkostenpauschale_fehlt' },
    ]);
    // Without the flat share the personnel part is unknown: no figure, no verdict.
    expect(await abrechnung(2024)).toContainEqual(
      expect.objectContaining({ traeger: 'gesamt', personalkosten_pauschal: null, differenz: null, art: null }),
    );
  });

  it('schreibt das Dokument zum Unterschreiben: A4, eine Seite je Sozialraum, Unterschrift für Kreis und jeden Träger, CSV deutsch', async () => {
    await schweich2025();
    const [html, csv, befunde] = await schreibeJahresabrechnung(
      t.wh,
      2025,
      join(t.ordner, 'bericht'),
      new Date('2026-01-15T10:00:00Z'),
    );
    const text = readFileSync(html!, 'utf8');
    expect(text).toContain('@page { size: A4');
    expect(text).toContain('break-after: page');
    expect(text.match(/<section class="seite">/g)).toHaveLength(1);
    expect(text).toContain('Spitzabrechnung 2025');
    expect(text).toContain('106.880,38\u00a0€');
    expect(text).toContain('Nachzahlung des Kreises');
    expect(text).toContain('Erstattung des Trägers');
    for (const wer of [
      'Für den Landkreis Trier-Saarburg (Jugendamt)',
      'Für den Träger caritas-trier',
      'Für den Träger jhz-don-bosco',
    ])
      expect(text).toContain(wer);
    expect(text).toContain('Stand 15.01.2026');
    const zeilen = readFileSync(csv!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(zeilen[0]).toBe(
      'jahr;sozialraum;traeger;stellenjahre;personalkosten_pauschal;sachkosten_pauschal;personalkosten_ist;differenz;art',
    );
    expect(zeilen).toContain('2025;schweich;gesamt;2,00;142800,00;20400,00;141100,00;-1700,00;erstattung');
    expect(readFileSync(befunde!, 'utf8')).toContain('regel;befund');
  });
});

describe('Personalkosten-Dateien nach allen Laderegeln', () => {
  it('lehnt eine fehlerhafte Datei ganz ab, mit einem deutschen Befund je Zeile', async () => {
    await schweich2025();
    const vorher = await bestand(t.wh);
    const e = await lade(
      'personalkosten_kaputt.csv',
      KOSTEN,
      '2025;caritas-trier;schweich;MA-SW-001;80.000,00',
      '2025;caritas-trier;Trier;MA-SW-002;36.100,00',
      '2025;caritas-trier;schweich;MA-SW-004;-500,00',
      '2025;caritas-trier;schweich;MA-SW-005;viel',
    );
    expect(e.status).toBe('abgelehnt');
    expect(e.fehler.map((f) => [f.zeile, f.spalte])).toEqual([
      [3, 'sozialraum'],
      [4, 'personalkosten'],
      [5, 'personalkosten'],
    ]);
    expect(e.bericht).toContain(
      'personalkosten_kaputt.csv, Zeile 4, Spalte „personalkosten“, Wert „-500,00“: Personalkosten dürfen nicht negativ sein',
    );
    expect(e.bericht).toContain('nichts geladen');
    expect(await bestand(t.wh)).toBe(vorher);
  });

  it('lädt dieselbe Datei kein zweites Mal, und eine korrigierte Lieferung ersetzt die frühere des Jahres', async () => {
    await schweich2025();
    const nochmal = await lade(
      'personalkosten_caritas_kopie.csv',
      KOSTEN,
      '2025;caritas-trier;schweich;MA-SW-001;71.000,00',
      '2025;caritas-trier;schweich;MA-SW-002;36.100,00',
    );
    expect(nochmal.status).toBe('bereits_geladen');
    const korrektur = await ladeGut(
      'personalkosten_caritas_korrigiert.csv',
      KOSTEN,
      '2025;caritas-trier;schweich;MA-SW-001;70.000,00',
      '2025;caritas-trier;schweich;MA-SW-002;36.100,00',
    );
    expect(korrektur.ersetzt).toBe(2);
    expect(await t.wh.wert('SELECT count(*) FROM historie_personalkosten')).toBe('2');
    expect(
      await t.wh.abfrage(`SELECT personalkosten_ist, art FROM jahresabrechnung WHERE traeger = 'caritas-trier'`),
    ).toEqual([{ personalkosten_ist: '106100.00', art: 'erstattung' }]);
  });
});
