import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei, schreibePrognose } from '../warehouse/index.ts';
import { KOPF_LEISTUNGEN, neuesWarehouse } from './helfer.ts';

// A Sozialraum with FLS 50,00 € (80.000 / 1.600) and G = 1.000.000 €: P 680.000, V 170.000, ASD 150.000.
// 2022 and 2023: 1.000 team hours a month in January–June, 1.200 in July–December (seasonal).
// 2024: 1.100 hours a month in January–March only (the year is "at Q1").
let t: Awaited<ReturnType<typeof neuesWarehouse>>;

function monatsstunden(jahr: number, monat: number, stunden: number): string[] {
  const zeilen: string[] = [];
  for (let i = 0; i < stunden / 20; i++) {
    const tag = String((i % 28) + 1).padStart(2, '0');
    zeilen.push(
      `caritas-trier;konz;K-1;F-1;§31;fallspezifisch;${tag}.${String(monat).padStart(2, '0')}.${jahr};20;MA-${i % 10};ja`,
    );
  }
  return zeilen;
}

beforeAll(async () => {
  t = await neuesWarehouse();
  const budget =
    'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit\n' +
    ['2022', '2023', '2024'].map((j) => `${j};konz;1.000.000,00;80.000,00;1.600`).join('\n') +
    '\n';
  expect((await ladeDatei(t.wh, t.datei('budget.csv', budget))).status).toBe('geladen');
  const zeilen = [KOPF_LEISTUNGEN];
  for (const jahr of [2022, 2023])
    for (let m = 1; m <= 12; m++) zeilen.push(...monatsstunden(jahr, m, m <= 6 ? 1000 : 1200));
  for (let m = 1; m <= 3; m++) zeilen.push(...monatsstunden(2024, m, 1100));
  const e = await ladeDatei(t.wh, t.datei('leistungen.csv', zeilen.join('\n') + '\n'));
  expect(e.status, e.bericht).toBe('geladen');
});
afterAll(() => t.weg());

const zeile = async (jahr: number, quartal: number, topf: string) =>
  (
    await t.wh.abfrage(
      `SELECT * FROM abweichung WHERE jahr = $j AND quartal = $q AND sozialraum = 'konz' AND topf = $t`,
      { j: jahr, q: quartal, t: topf },
    )
  )[0]!;

describe('Abweichung zum Quartalsende', () => {
  it('phast das Budget linear und rechnet Ist bis Stichtag aus bewerteten Stunden', async () => {
    expect(await zeile(2024, 1, 'personalisiert')).toMatchObject({
      stichtag: '2024-03-31',
      budget: '680000.00',
      soll_bis_stichtag: '170000.00',
      ist_bis_stichtag: '165000.00',
    });
  });

  it('projiziert ohne Prognose saisonal aus den Vorjahren und sagt es', async () => {
    // Vorjahre: bis März 2 × 150.000, Rest 2 × 510.000 → 165.000 × 1.020.000 / 300.000 = 561.000
    expect(await zeile(2024, 1, 'personalisiert')).toMatchObject({
      prognose_rest: '561000.00',
      hochrechnung: '726000.00',
      abweichung: '-46000.00',
      abweichung_prozent: '-6.76',
      status: 'nicht_auskoemmlich',
      prognose_methode: 'saisonal',
    });
  });

  it('projiziert linear, wo es keine Vorjahre gibt', async () => {
    // 2022 has no earlier year: Q2 ist = 6 × 50.000 = 300.000 → linear 300.000 × 6 / 6
    expect(await zeile(2022, 2, 'personalisiert')).toMatchObject({
      ist_bis_stichtag: '300000.00',
      prognose_rest: '300000.00',
      prognose_methode: 'linear',
      hochrechnung: '600000.00',
      status: 'freie_mittel',
    });
    const [p] = await t.wh.abfrage(
      `SELECT prognose_linear, prognose_saisonal FROM projektion WHERE jahr = 2024 AND quartal = 1 AND topf = 'personalisiert'`,
    );
    expect(p).toEqual({ prognose_linear: '495000.00', prognose_saisonal: '561000.00' });
  });

  it('kennt nach Q4 keinen Rest mehr', async () => {
    expect(await zeile(2023, 4, 'personalisiert')).toMatchObject({
      ist_bis_stichtag: '660000.00',
      prognose_rest: '0.00',
      hochrechnung: '660000.00',
      prognose_methode: 'jahresende',
      status: 'knapp',
    });
  });

  it('zeigt leere Töpfe als freie Mittel und summiert den Sozialraum im Topf gesamt', async () => {
    expect(await zeile(2024, 1, 'variabel')).toMatchObject({
      budget: '170000.00',
      hochrechnung: '0.00',
      status: 'freie_mittel',
    });
    expect(await zeile(2024, 1, 'gesamt')).toMatchObject({
      budget: '1000000.00',
      soll_bis_stichtag: '250000.00',
      ist_bis_stichtag: '165000.00',
      prognose_rest: '561000.00',
      hochrechnung: '726000.00',
      abweichung: '274000.00',
      status: 'freie_mittel',
    });
  });

  it('nimmt die neueste zurückgeschriebene Prognose statt der Projektion', async () => {
    const schreibe = async (id: number, monatlich: string) => {
      const werte = Array.from({ length: 9 }, (_, i) => ({ topf: 'personalisiert', monat: i + 4, betrag: monatlich }));
      const { version } = await schreibePrognose(t.wh, {
        jahr: 2024,
        sozialraum: 'konz',
        basisVersion: id - 1 || null,
        autor: 'controller',
        organisation: 'jugendamt',
        kommentar: 'Test',
        werte,
      });
      expect(version).toBe(id);
    };
    await schreibe(1, '54000.00'); // 165.000 + 9 × 54.000 = 651.000 → 95,7 % → knapp
    expect(await zeile(2024, 1, 'personalisiert')).toMatchObject({
      prognose_rest: '486000.00',
      status: 'knapp',
      prognose_methode: 'prognose',
      prognose_version: 1,
    });
    await schreibe(2, '50000.00'); // 615.000 → 90,4 % → im_rahmen
    expect(await zeile(2024, 1, 'personalisiert')).toMatchObject({
      prognose_rest: '450000.00',
      hochrechnung: '615000.00',
      status: 'im_rahmen',
      prognose_version: 2,
    });
    // Only the months after the quarter end count: at Q2 (months 7–12) 6 × 50.000.
    expect(await zeile(2024, 2, 'personalisiert')).toMatchObject({ prognose_rest: '300000.00' });
    expect(await zeile(2024, 1, 'gesamt')).toMatchObject({ prognose_methode: 'gemischt' });
  });

  it('misst die Güte der Projektionen an den abgeschlossenen Jahren', async () => {
    const guete = await t.wh.abfrage(
      'SELECT quartal, faelle, mae_linear, mae_saisonal FROM prognose_guete ORDER BY quartal',
    );
    expect(guete).toHaveLength(3);
    // 2023 repeats 2022 exactly, so the seasonal projection of 2023 hits the year end to the cent.
    const [q1] = await t.wh.abfrage(
      `SELECT prognose_saisonal, ist_rest FROM projektion WHERE jahr = 2023 AND quartal = 1 AND topf = 'personalisiert'`,
    );
    expect(q1!.prognose_saisonal).toBe(q1!.ist_rest);
  });
});
