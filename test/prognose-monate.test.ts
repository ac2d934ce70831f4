import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei, schreibePrognose } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

// Payments of 500 € in each month January to October 2024 (variabel). A forecast written in November
// covers November and December only; October lies between the Q3 quarter end and the write.
let t: Awaited<ReturnType<typeof neuesWarehouse>>;

beforeAll(async () => {
  t = await neuesWarehouse();
  const budget =
    'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit;vertragszeitraum\n2024;konz;2.345.678,91;71.250,00;1599,5;2024-2028\n';
  expect((await ladeDatei(t.wh, t.datei('budget.csv', budget))).status).toBe('geladen');
  const zahlungen = [
    'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag',
    ...Array.from(
      { length: 10 },
      (_, i) => `15.${String(i + 1).padStart(2, '0')}.2024;konz;variabel;Praxis;K-1;31;500,00`,
    ),
  ];
  expect((await ladeDatei(t.wh, t.datei('zahlungen.csv', zahlungen.join('\n') + '\n'))).status).toBe('geladen');
});
afterAll(() => t.weg());

const q3 = async () =>
  (
    await t.wh.abfrage(
      `SELECT prognose_rest, hochrechnung, prognose_methode FROM abweichung WHERE jahr = 2024 AND quartal = 3 AND sozialraum = 'konz' AND topf = 'variabel'`,
    )
  )[0];

describe('Hochrechnung mit geschriebener Prognose', () => {
  it('zählt die Monate zwischen Quartalsende und Prognose mit ihrem Ist (aus dem Review: der Oktober fehlte)', async () => {
    // Linear: 4.500 € in nine months, 500 € for each of the three left.
    expect(await q3()).toEqual({ prognose_rest: '1500.00', hochrechnung: '6000.00', prognose_methode: 'linear' });
    await schreibePrognose(t.wh, {
      jahr: 2024,
      sozialraum: 'konz',
      basisVersion: null,
      kommentar: 'November und Dezember',
      autor: 'test',
      organisation: 'jugendamt',
      werte: [
        { topf: 'variabel', monat: 11, betrag: '500.00' },
        { topf: 'variabel', monat: 12, betrag: '700.00' },
      ],
    });
    // October's 500 € as booked, November and December as forecast: 500 + 500 + 700.
    expect(await q3()).toEqual({ prognose_rest: '1700.00', hochrechnung: '6200.00', prognose_methode: 'prognose' });
  });
});
